"""How long `credkit check-claims` takes, file to file, and what reading the CSV costs.

    python benchmarks/claims_file.py                    # 200,000 claims, 3 runs
    python benchmarks/claims_file.py --claims 1000000 --runs 3

Writes the synthetic book (``synthetic.py``, scale 1) and a claims CSV with two
passthrough columns (a claim id and a member id) to a scratch folder, neither timed.

The headline is the whole trip in a fresh process, as a user runs it:
``python -m credkit check-claims book.json claims.csv -o out.csv``, every run a new
process (so each is a first call). The baseline, measured in the same run, is a
fresh process that copies the same CSV row by row with the csv module and nothing
else. Then, in this process, the reader alone: ``credkit._sheet.read_sheet`` over
the file's bytes against ``csv.reader`` over the same text, both taking each row's
cells; the first pass and the repeated passes are reported separately.
"""

import argparse
import csv
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # the generator lives beside this script

from credkit import to_json
from credkit._sheet import read_sheet

COPY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as source, open(
    sys.argv[2], "w", newline="", encoding="utf-8"
) as target:
    writer = csv.writer(target, lineterminator="\\r\\n")
    for row in csv.reader(source):
        writer.writerow(row)
"""


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    book = synthetic.build(1)
    (folder / "book.json").write_text(to_json(book), encoding="utf-8")
    with open(folder / "claims.csv", "w", newline="", encoding="utf-8") as handle:
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
    return folder / "book.json", folder / "claims.csv"


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return elapsed


def reader_passes(data: bytes, runs: int) -> tuple[list[float], list[float]]:
    sheet_times, csv_times = [], []
    text = data.decode("utf-8")
    for _ in range(runs):
        started = time.perf_counter()
        for row in read_sheet(data, required=("provider",)).rows:
            row.get("provider")
        sheet_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for cells in csv.reader(io.StringIO(text, newline="")):
            cells[1].strip()
        csv_times.append(time.perf_counter() - started)
    return sheet_times, csv_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        book, claims = write_files(folder, arguments.claims)
        print(f"{arguments.claims:,} claims, {claims.stat().st_size / 1e6:.1f} MB of CSV")
        check = [sys.executable, "-m", "credkit", "check-claims", str(book), str(claims)]
        check += ["-o", str(folder / "out.csv")]
        trip, copy = [], []
        for _ in range(arguments.runs):
            trip.append(timed(check))
            copy.append(timed([sys.executable, "-c", COPY, str(claims), str(folder / "copy.csv")]))
        show("check-claims, fresh process", trip, arguments.claims)
        show("baseline: csv copy, fresh process", copy, arguments.claims)
        print(
            f"  ratio check-claims / csv copy: {statistics.median(trip) / statistics.median(copy):.1f}x"
        )
        sheet_times, csv_times = reader_passes(claims.read_bytes(), arguments.runs + 1)
        show("read_sheet, first pass", sheet_times[:1], arguments.claims)
        show("read_sheet, later passes", sheet_times[1:], arguments.claims)
        show("baseline: csv.reader, later passes", csv_times[1:], arguments.claims)
        ratio = statistics.median(sheet_times[1:]) / statistics.median(csv_times[1:])
        print(f"  ratio read_sheet / csv.reader: {ratio:.1f}x")


def show(label: str, times: list[float], count: int) -> None:
    median = statistics.median(times)
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"{label}: median {median:.2f} s ({median / count * 1e6:.2f} us a row); runs {runs}")


if __name__ == "__main__":
    main()
