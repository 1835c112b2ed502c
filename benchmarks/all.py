"""Run every benchmark of issue-sized work in one go, and put their medians in README.md.

    python benchmarks/all.py              # the sizes the README's table shows
    python benchmarks/all.py --quick      # small sizes, to try the scripts out

Each script runs in its own process, one after the other (never two at once, so
that none slows another), with ``--json`` to a scratch folder; its output is shown
as it goes. Then the rows of every script are rendered as one Markdown table,
with the machine they were measured on, between the ``results`` markers of
``benchmarks/README.md`` (``--no-write`` only prints it).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
README = HERE / "README.md"
BEGIN, END = "<!-- results: begin -->", "<!-- results: end -->"

# Script, then its arguments at full size and at --quick size.
RUNS: list[tuple[str, list[str], list[str]]] = [
    (
        "check.py",
        ["--scales", "1", "10", "--claims", "300000", "1000000", "--runs", "3"],
        ["--scales", "1", "2", "--claims", "20000", "--runs", "1"],
    ),
    (
        "claims_file.py",
        ["--claims", "1000000", "--runs", "3"],
        ["--claims", "20000", "--runs", "1"],
    ),
    ("load.py", ["--runs", "5"], ["--runs", "1"]),
    (
        "dask_check.py",
        ["--claims", "10000000", "--partitions", "40", "--runs", "2"],
        ["--claims", "200000", "--partitions", "4", "--runs", "1"],
    ),
]


def seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1e6:.2f} µs" if value < 0.01 else f"{value:.2f} s"


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as one Markdown table."""
    lines = [
        "| benchmark | case | median | baseline | baseline median | ratio | note |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for row in rows:
        ratio = row.get("ratio")
        lines.append(
            "| "
            + " | ".join(
                [
                    row["benchmark"],
                    row["case"],
                    seconds(row["median_s"]),
                    row.get("baseline") or "",
                    seconds(row.get("baseline_median_s")),
                    "" if ratio is None else f"{ratio:.2f}x",
                    row.get("note") or "",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to try it out")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--only", nargs="+", help="run only these scripts")
    arguments = parser.parse_args()
    machine = (
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.platform()}"
    )
    print(machine, flush=True)
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for script, full, quick in RUNS:
            if arguments.only and script not in arguments.only:
                continue
            out = Path(scratch) / f"{script}.json"
            command = [sys.executable, str(HERE / script), *(quick if arguments.quick else full)]
            print(f"\n$ {' '.join(command[1:])}", flush=True)
            subprocess.run([*command, "--json", str(out)], check=True)
            rows += json.loads(out.read_text(encoding="utf-8"))
    minutes = (time.perf_counter() - started) / 60
    text = (
        f"Measured in one run of `python benchmarks/all.py` ({minutes:.0f} minutes), {machine}; "
        "each ratio is against the baseline measured in the same run.\n\n" + table(rows)
    )
    print("\n" + text)
    if not arguments.no_write and not arguments.quick and not arguments.only:
        readme = README.read_text(encoding="utf-8")
        before, rest = readme.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        README.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")
        print(f"\nwrote the table into {README}")


if __name__ == "__main__":
    main()
