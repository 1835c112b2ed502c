"""Loading: ``import credkit``, and reading a large book from JSON, each in a fresh process.

    python benchmarks/load.py                     # 5 runs, the scale-1 book
    python benchmarks/load.py --runs 9 --json out.json

Every figure is a first call in a new interpreter, one per run; the medians are
printed with each one's ratio to a baseline measured in the same run.

* **import credkit**: the wall time of ``python -c "import credkit"`` less that of
  ``python -c pass`` (the interpreter's own start, the baseline), both with their
  bytecode compiled, as ``pip install`` leaves an installed package (the bytecode
  goes to a scratch ``pycache_prefix``, written by an untimed first run); and the
  same with credkit's own modules compiled from source, as an editable install
  run with ``PYTHONDONTWRITEBYTECODE`` imports them. The target is 0.15 s.
  ``import credkit`` imports a public name's module when the name is first asked
  for, so ``from credkit import Book`` (what a program that checks claims pays) and
  ``from credkit import *`` (every name) are measured the same way.
* **from_json**: the scale-1 synthetic book (benchmarks/synthetic.py; about 15 MB)
  read by ``credkit.from_json(text, Book)``, against ``json.loads`` of the same text
  timed first in the same process; then ``from_json`` again in that process, the
  repeat, reported apart. **structure**: ``credkit.structure(data, Book)`` of the
  parsed document, in a process of its own, against the same ``json.loads``. The
  target is 4x ``json.loads``.

With ``--json PATH`` it also writes the rows described in benchmarks/README.md.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OUT = HERE / "out" / "load"

# The names used are imported first, as a program would: ``import credkit`` alone imports
# none of credkit's modules, and json.loads (the baseline) would then run in a lighter
# process than the one it is compared with.
READ_CHILD = """
import gc, json, sys, time
from credkit import Book, from_json, structure
text = open(sys.argv[1], encoding="utf-8").read()
def timed(work, *arguments):
    wall, cpu = time.perf_counter(), time.process_time()
    result = work(*arguments)
    return result, time.perf_counter() - wall, time.process_time() - cpu
data, loads, loads_cpu = timed(json.loads, text)
if sys.argv[2] == "structure":
    book, first, first_cpu = timed(structure, data, Book)
    again = again_cpu = 0.0
else:
    del data
    gc.collect()
    book, first, first_cpu = timed(from_json, text, Book)
    del book
    gc.collect()
    book, again, again_cpu = timed(from_json, text, Book)
print(loads, first, again, loads_cpu, first_cpu, again_cpu, len(book.providers))
"""


def _environment(prefix: Path) -> dict[str, str]:
    """The children's environment: bytecode read from and written to ``prefix`` alone."""
    environment = {
        key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
    }
    environment["PYTHONPYCACHEPREFIX"] = str(prefix)
    return environment


def _wall(code: str, environment: dict[str, str], *options: str) -> float:
    """The wall time of one fresh ``python -c code``, start to exit (its CPU time kept too)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *options, "-c", code], env=environment, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[wall] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall


# Each child's CPU seconds, by its wall time: on a shared machine the wall clock also
# counts the time other work had the cores, so the notes give the CPU figures as well.
CPU: dict[float, float] = {}


def _cpu(values: list[float], bases: list[float]) -> float:
    """The median of the runs' CPU seconds, each child's less its baseline's."""
    return statistics.median(
        CPU[value] - CPU[base] for value, base in zip(values, bases, strict=True)
    )


def _credkit_bytecode(prefix: Path) -> Path:
    """Where, under ``prefix``, the bytecode of credkit's own modules goes."""
    import credkit

    package = Path(credkit.__file__).resolve().parent
    return prefix / package.relative_to(package.anchor)


def import_times(runs: int, prefix: Path) -> dict[str, list[float]]:
    """Per run: bare start, import with bytecode, import with credkit compiled from source."""
    environment = _environment(prefix)
    # Every module's bytecode written, untimed: ``import credkit`` alone imports none of
    # its modules, every name does.
    _wall("from credkit import *", environment)
    times: dict[str, list[float]] = {
        "bare": [],
        "cached": [],
        "book": [],
        "every name": [],
        "bare again": [],
        "source": [],
        "source every name": [],
    }
    for _ in range(runs):
        times["bare"].append(_wall("pass", environment))
        times["cached"].append(_wall("import credkit", environment))
        times["book"].append(_wall("from credkit import Book", environment))
        times["every name"].append(_wall("from credkit import *", environment))
        # credkit's bytecode removed, and -B so that it is not written back.
        shutil.rmtree(_credkit_bytecode(prefix), ignore_errors=True)
        times["bare again"].append(_wall("pass", environment, "-B"))
        times["source"].append(_wall("import credkit", environment, "-B"))
        times["source every name"].append(_wall("from credkit import *", environment, "-B"))
        _wall("from credkit import *", environment)  # the bytecode again, for the next run
    return times


def read_times(runs: int, path: Path, prefix: Path, how: str) -> list[list[float]]:
    """Per run, in a fresh process: json.loads, the first read and (from_json) the repeat;
    then the same three in CPU seconds."""
    found = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", READ_CHILD, str(path), how],
            env=_environment(prefix),
            capture_output=True,
            text=True,
            check=True,
        )
        found.append([float(item) for item in done.stdout.split()[:6]])
    return found


def _row(
    case: str,
    values: list[float],
    baseline: str | None,
    baselines: list[float] | None,
    note: str | None = None,
) -> dict[str, Any]:
    median = statistics.median(values)
    row: dict[str, Any] = {
        "benchmark": "load",
        "case": case,
        "median_s": round(median, 4),
        "runs": len(values),
        "baseline": baseline,
        "baseline_median_s": None,
        "ratio": None,
        "note": note,
    }
    if baselines is not None:
        row["baseline_median_s"] = round(statistics.median(baselines), 4)
        ratios = [value / base for value, base in zip(values, baselines, strict=True)]
        row["ratio"] = round(statistics.median(ratios), 2)
    return row


def _show(row: dict[str, Any]) -> None:
    line = f"{row['case']}: median {row['median_s']:.3f} s"
    if row["baseline"] is not None:
        line += (
            f"; {row['baseline']} {row['baseline_median_s']:.3f} s; "
            f"ratio {row['ratio']:.2f}x (median of the runs' ratios)"
        )
    if row["note"]:
        line += f" [{row['note']}]"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the rows here, as JSON")
    arguments = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}; {arguments.runs} runs"
    )
    sys.path.insert(0, str(HERE))
    import synthetic

    from credkit import to_json

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"book-scale{arguments.scale}.json"
    book = synthetic.build(arguments.scale)
    path.write_text(to_json(book), encoding="utf-8")
    size = f"{path.stat().st_size / 1e6:.1f} MB"
    print(f"{book!r}, {size} of JSON")
    del book
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        prefix = Path(scratch) / "pycache"
        times = import_times(arguments.runs, prefix)
        cached = [full - bare for full, bare in zip(times["cached"], times["bare"], strict=True)]
        source = [
            full - bare for full, bare in zip(times["source"], times["bare again"], strict=True)
        ]
        rows.append(
            _row(
                "import credkit (bytecode compiled), less the interpreter's start",
                cached,
                "python -c pass (the interpreter's start)",
                times["bare"],
                f"target 0.15 s; CPU {_cpu(times['cached'], times['bare']):.3f} s",
            )
        )
        for key, case in [
            ("book", "from credkit import Book (bytecode compiled), less the start"),
            ("every name", "from credkit import * (bytecode compiled), less the start"),
        ]:
            rows.append(
                _row(
                    case,
                    [full - bare for full, bare in zip(times[key], times["bare"], strict=True)],
                    "python -c pass (the interpreter's start)",
                    times["bare"],
                    f"CPU {_cpu(times[key], times['bare']):.3f} s",
                )
            )
        rows.append(
            _row(
                "import credkit (credkit's modules compiled from source), less the start",
                source,
                "python -B -c pass (the interpreter's start)",
                times["bare again"],
                "as an editable install under PYTHONDONTWRITEBYTECODE=1; "
                f"CPU {_cpu(times['source'], times['bare again']):.3f} s",
            )
        )
        rows.append(
            _row(
                "from credkit import * (credkit's modules compiled from source), less the start",
                [
                    full - bare
                    for full, bare in zip(
                        times["source every name"], times["bare again"], strict=True
                    )
                ],
                "python -B -c pass (the interpreter's start)",
                times["bare again"],
                f"CPU {_cpu(times['source every name'], times['bare again']):.3f} s",
            )
        )
        whole = read_times(arguments.runs, path, prefix, "from_json")
        parsed = read_times(arguments.runs, path, prefix, "structure")
    loads = "json.loads of the same text, same process"

    def cpu_ratio(runs: list[list[float]], column: int) -> str:
        ratio = statistics.median(run[column + 3] / run[3] for run in runs)
        return f"CPU ratio {ratio:.2f}x"

    rows.append(
        _row(
            f"from_json, scale-{arguments.scale} book ({size}), first call in a fresh process",
            [run[1] for run in whole],
            loads,
            [run[0] for run in whole],
            f"target 4x; {cpu_ratio(whole, 1)}",
        )
    )
    rows.append(
        _row(
            f"structure of the parsed scale-{arguments.scale} book, first call in a fresh process",
            [run[1] for run in parsed],
            loads,
            [run[0] for run in parsed],
            f"target 4x; {cpu_ratio(parsed, 1)}",
        )
    )
    rows.append(
        _row(
            f"from_json, scale-{arguments.scale} book, again in the same process",
            [run[2] for run in whole],
            loads,
            [run[0] for run in whole],
            cpu_ratio(whole, 2),
        )
    )
    for row in rows:
        _show(row)
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
