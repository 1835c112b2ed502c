"""How long `credkit check-claims` takes, file to file, against the csv module and pandas.

    python benchmarks/claims_file.py                                # 1M claims, 3 runs; 3M once
    python benchmarks/claims_file.py --claims 100000 --big 0       # quicker, no big file
    python benchmarks/claims_file.py --json claims_file.json       # the rows for the table

Writes the synthetic book (``synthetic.py``, scale 1, as JSON) and a claims CSV with
two passthrough columns (a claim id and a member id) to a scratch folder, neither
timed.

The headline is the whole trip in a fresh process, as a user runs it:
``python -m credkit check-claims book.json claims.csv -o out.csv``, every run a new
process (so each is a first call on a freshly loaded book). In the same run, each
run also a fresh process, on the same file:

* **csv copy** (the baseline): the csv module reads every row and writes it back,
  nothing else;
* **pandas**: a script as a user would write it with pandas alone: ``read_csv``,
  the book's roster, approved credentials, executed group contracts' members and
  individual contracts' pay-to entries as DataFrames (read from the book's JSON
  with the json module), a merge and a date filter for each, and ``to_csv`` with an
  ``allowed`` column and the checks that failed. It applies three rules (on the
  roster, credentialed, contracted, each on the date of service), not credkit's
  others (licenses, accepted professions, retro windows, closed panels, rates,
  billing identities), so it does less than check-claims does.

Each child's peak resident memory is read from the kernel when it ends
(``os.wait4``'s ``ru_maxrss``). Then a file of ``--big`` claims (three times
``--claims`` unless given: 3M by default) is checked once the same way, to show that
memory stays flat as the file grows. Last, in this process, the CSV readers alone
over the first file's text, with the garbage collector off as check-claims runs them: ``read_sheet`` (a row object at a time) and
``read_blocks`` (what check-claims reads with) against ``csv.reader``, the first
pass and the later passes reported apart.

``--json PATH`` writes the measured cases as the benchmarks' JSON rows.
"""

import argparse
import csv
import gc
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # the generator lives beside this script

from credkit import to_json
from credkit._sheet import read_blocks, read_sheet

COPY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as source, open(
    sys.argv[2], "w", newline="", encoding="utf-8"
) as target:
    writer = csv.writer(target, lineterminator="\\r\\n")
    for row in csv.reader(source):
        writer.writerow(row)
"""

# Runs a command, and prints its wall time and its peak resident memory (os.wait4).
LAUNCH = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
elapsed = time.perf_counter() - started
process.returncode = code = os.waitstatus_to_exitcode(status)
print(json.dumps([elapsed, usage.ru_maxrss]))
sys.exit(0 if code in (0, 1) else 2)
"""

# The naive pandas job: three of credkit's rules as merges. Periods include both days.
PANDAS = """
import json, sys
import pandas as pd

book_path, claims_path, out_path = sys.argv[1:4]
with open(book_path, encoding="utf-8") as handle:
    book = json.load(handle)
claims = pd.read_csv(claims_path, dtype=str, keep_default_na=False)
claims["row"] = range(len(claims))
claims["on"] = pd.to_datetime(claims["date"].str.strip(), format="%Y-%m-%d")


def frame(rows, columns):
    found = pd.DataFrame(rows, columns=columns)
    found["start"] = pd.to_datetime(found["start"])
    found["end"] = pd.to_datetime(found["end"])
    return found


roster = frame(
    [(p["tin"], a["provider"], a["effective"]["start"], a["effective"]["end"])
     for p in book["practices"] for a in p["roster"]],
    ["practice", "provider", "start", "end"],
)
credentials = frame(
    [(c["provider"], c["payer"], c["effective"]["start"], c["effective"]["end"])
     for c in book["credentials"] if c["status"] == "approved" and c.get("effective")],
    ["provider", "payer", "start", "end"],
)
members, pay_to = [], []
for contract in book["contracts"]:
    if contract["status"] != "executed" or not contract.get("effective"):
        continue
    holder = contract["holder"]
    if holder["kind"] == "group":
        members += [(contract["payer"], holder["practice"], m["provider"],
                     m["effective"]["start"], m["effective"]["end"]) for m in contract["members"]]
    else:
        pay_to += [(contract["payer"], e["tin"], holder["provider"],
                    e["effective"]["start"], e["effective"]["end"]) for e in contract["pay_to"]]
columns = ["payer", "practice", "provider", "start", "end"]
contracted = pd.concat([frame(members, columns), frame(pay_to, columns)])


def holds(records, keys):
    joined = claims[["row", "on", *keys]].merge(records, on=keys)
    inside = (joined["start"] <= joined["on"]) & (joined["end"].isna() | (joined["on"] <= joined["end"]))
    return claims["row"].isin(joined.loc[inside, "row"])


checks = {
    "not_on_roster": holds(roster, ["practice", "provider"]),
    "not_credentialed": holds(credentials, ["provider", "payer"]),
    "not_contracted": holds(contracted, ["payer", "practice", "provider"]),
}
allowed = checks["not_on_roster"] & checks["not_credentialed"] & checks["not_contracted"]
reasons = pd.Series("", index=claims.index)
for code, passed in checks.items():
    reasons = reasons.where(passed, reasons.str.cat(pd.Series(code, index=claims.index), sep=";"))
claims = claims.drop(columns=["row", "on"])
claims["allowed"] = allowed.map({True: "yes", False: "no"})
claims["reasons"] = reasons.str.lstrip(";")
claims.to_csv(out_path, index=False, lineterminator="\\r\\n")
"""


def write_book(folder: Path) -> Any:
    book = synthetic.build(1)
    (folder / "book.json").write_text(to_json(book), encoding="utf-8")
    return book


def write_claims(path: Path, book: Any, count: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["claim_id", "provider", "payer", "practice", "date", "member_id"])
        for number, claim in enumerate(synthetic.claims(book, count)):
            writer.writerow(
                [
                    f"{100000000 + number}",
                    str(claim.provider),
                    claim.payer,
                    str(claim.practice),
                    claim.on.isoformat(),
                    f"W{number:09d}",
                ]
            )


def run(command: list[str]) -> tuple[float, float]:
    """Run a fresh process: its wall time in seconds and its peak resident memory in MB.

    Started from a small launcher process, not from this one: a child forked from
    this process (which holds a synthetic book) would count this process's memory
    as its own until it runs the command.
    """
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH, *command], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    elapsed, kilobytes = json.loads(done.stdout)
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, kilobytes / 1024


def commands(folder: Path, claims: Path) -> dict[str, list[str]]:
    book = str(folder / "book.json")
    out = str(folder / "out.csv")
    check = ["-m", "credkit", "check-claims", book, str(claims), "-o", out]
    return {
        "check-claims": [sys.executable, *check],
        "csv copy": [sys.executable, "-c", COPY, str(claims), out],
        "pandas": [sys.executable, "-c", PANDAS, book, str(claims), out],
    }


def measure(folder: Path, claims: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    """Each command ``runs`` times, in turn, each run a fresh process."""
    found: dict[str, list[tuple[float, float]]] = {}
    for _ in range(runs):
        for name, command in commands(folder, claims).items():
            found.setdefault(name, []).append(run(command))
    return found


def reader_passes(data: bytes, runs: int) -> dict[str, list[float]]:
    """Each reader over the same text, with the garbage collector off, as check-claims reads."""
    times: dict[str, list[float]] = {"read_sheet": [], "read_blocks": [], "csv.reader": []}
    text = data.decode("utf-8")
    gc.disable()
    for _ in range(runs):
        started = time.perf_counter()
        for row in read_sheet(data, required=("provider",)).rows:
            row.get("provider")
        times["read_sheet"].append(time.perf_counter() - started)
        started = time.perf_counter()
        for block in read_blocks(text, required=("provider",))[1]:
            [cells[1].strip() for cells in block.cells]
        times["read_blocks"].append(time.perf_counter() - started)
        started = time.perf_counter()
        for cells in csv.reader(io.StringIO(text, newline="")):
            cells[1].strip()
        times["csv.reader"].append(time.perf_counter() - started)
    gc.enable()
    return times


def row(
    case: str,
    times: list[float],
    baseline: str | None = None,
    base: list[float] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    ratios = [t / b for t, b in zip(times, base, strict=True)] if base else None
    return {
        "benchmark": "claims_file",
        "case": case,
        "median_s": statistics.median(times),
        "runs": len(times),
        "baseline": baseline,
        "baseline_median_s": statistics.median(base) if base else None,
        "ratio": statistics.median(ratios) if ratios else None,
        "note": note,
    }


def trip_rows(count: int, found: dict[str, list[tuple[float, float]]]) -> list[dict[str, Any]]:
    copy = [t for t, _ in found["csv copy"]]
    baseline = f"csv module read+write copy of the same file, fresh process, {count:,} rows"
    rows = []
    for name, label in [
        ("check-claims", "check-claims BOOK claims.csv -o out.csv, fresh process"),
        ("pandas", "pandas script (read_csv, 4 merges, to_csv), fresh process"),
        ("csv copy", "csv module read+write copy, fresh process"),
    ]:
        times = [t for t, _ in found[name]]
        peak = max(rss for _, rss in found[name])
        note = f"peak RSS {peak:,.0f} MB"
        if name == "csv copy":
            rows.append(row(f"{label}, {count:,} claims", times, note=note))
        else:
            rows.append(row(f"{label}, {count:,} claims", times, baseline, copy, note))
    return rows


def show(rows: list[dict[str, Any]]) -> None:
    for found in rows:
        ratio = f", {found['ratio']:.2f}x the baseline" if found["ratio"] is not None else ""
        note = f"; {found['note']}" if found["note"] else ""
        print(f"  {found['case']}: median {found['median_s']:.2f} s{ratio}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--big",
        type=int,
        help="claims in the file checked once, to show memory flat (default: 3 x --claims; 0: none)",
    )
    parser.add_argument("--json", metavar="PATH", help="write the measured cases here")
    arguments = parser.parse_args()
    if arguments.big is None:
        arguments.big = 3 * arguments.claims
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        book = write_book(folder)
        claims = folder / "claims.csv"
        write_claims(claims, book, arguments.claims)
        size = claims.stat().st_size / 1e6
        print(f"{arguments.claims:,} claims, {size:.1f} MB of CSV; {arguments.runs} runs each")
        found = measure(folder, claims, arguments.runs)
        for name, times in found.items():
            print(f"  {name}: " + ", ".join(f"{t:.2f} s ({rss:,.0f} MB)" for t, rss in times))
        rows += trip_rows(arguments.claims, found)
        show(rows[-3:])
        data = claims.read_bytes()
        if arguments.big:
            big = folder / "big.csv"
            claims.unlink()
            write_claims(big, book, arguments.big)
            print(
                f"{arguments.big:,} claims, {big.stat().st_size / 1e6:.1f} MB of CSV; one run each"
            )
            rows += trip_rows(arguments.big, measure(folder, big, 1))
            show(rows[-3:])
    passes = reader_passes(data, arguments.runs + 1)
    print(f"The readers alone, in this process, over the {arguments.claims:,} claims' text:")
    reader = "csv.reader over the same text, later passes"
    rows += [
        row(f"read_sheet, first pass, {arguments.claims:,} rows", passes["read_sheet"][:1]),
        row(
            f"read_sheet, later passes, {arguments.claims:,} rows",
            passes["read_sheet"][1:],
            reader,
            passes["csv.reader"][1:],
        ),
        row(
            f"read_blocks, later passes, {arguments.claims:,} rows",
            passes["read_blocks"][1:],
            reader,
            passes["csv.reader"][1:],
        ),
    ]
    show(rows[-3:])
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
