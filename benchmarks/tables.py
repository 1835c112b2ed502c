"""Reading a book from CSV tables (and a workbook), next to reading it from JSON.

    python benchmarks/tables.py                 # scale 1, 5 fresh processes each
    python benchmarks/tables.py --runs 3 --xlsx # also the .xlsx workbook

Builds the synthetic book (benchmarks/synthetic.py), writes it as a JSON document,
as a folder of CSV tables and, with ``--xlsx``, as a workbook (none of this timed).
The headline is the first read in a fresh process, file to Book: each run starts a
new interpreter, imports credkit, then times one ``from_json(path.read_text())`` or
one ``read_book(path)``. The medians are printed with the ratio of tables to JSON.
Then, in one process, repeated reads of each, reported separately.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from credkit import Book, from_json, to_json
from credkit.tables import read_book, write_book

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # the generator lives beside this script

CHILD = """
import sys, time
from pathlib import Path
from credkit import Book, from_json
from credkit.tables import read_book
path = Path(sys.argv[1])
started = time.perf_counter()
book = from_json(path.read_text(encoding="utf-8"), Book) if path.suffix == ".json" else read_book(path)
print(time.perf_counter() - started, len(book.providers))
"""


def first_read(path: Path) -> float:
    """Time the first read of ``path`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[0])


def read(path: Path) -> Book:
    if path.suffix == ".json":
        return from_json(path.read_text(encoding="utf-8"), Book)
    return read_book(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xlsx", action="store_true", help="also time an .xlsx workbook")
    arguments = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}"
    )
    book = synthetic.build(arguments.scale)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        paths = {"JSON": folder / "book.json", "CSV tables": folder / "tables"}
        paths["JSON"].write_text(to_json(book), encoding="utf-8")
        write_book(book, paths["CSV tables"])
        if arguments.xlsx:
            paths["xlsx workbook"] = folder / "book.xlsx"
            write_book(book, paths["xlsx workbook"])
        for name, path in paths.items():
            assert book == read(path), name
        size = {
            name: sum(item.stat().st_size for item in path.iterdir())
            if path.is_dir()
            else path.stat().st_size
            for name, path in paths.items()
        }
        print(f"scale {arguments.scale}: {book}")
        print("first read in a fresh process (file to Book):")
        medians = {}
        for name, path in paths.items():
            times = [first_read(path) for _ in range(arguments.runs)]
            medians[name] = statistics.median(times)
            shown = ", ".join(f"{value:.2f}" for value in times)
            print(
                f"  {name:<14} {size[name] / 1e6:6.1f} MB  median {medians[name]:.2f} s"
                f"  (runs: {shown})"
            )
        for name in paths:
            if name != "JSON":
                print(f"  {name} / JSON: {medians[name] / medians['JSON']:.2f}x")
        print("repeated reads in one process:")
        for name, path in paths.items():
            read(path)
            times = []
            for _ in range(arguments.runs):
                started = time.perf_counter()
                read(path)
                times.append(time.perf_counter() - started)
            print(f"  {name:<14} median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
