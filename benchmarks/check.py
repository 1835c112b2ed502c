"""How fast Book.check judges a year of claims, and how that cost grows with the book.

    python benchmarks/check.py                 # 1,000,000 claims, book scales 1 and 10
    python benchmarks/check.py --scales 1 --claims 200000 --runs 3
    python benchmarks/check.py --freeze        # keep the claims list out of GC's way

For each scale it builds the synthetic book (``synthetic.py``: 2,000 x scale
providers, 200 x scale practices, 12 payers) and a list of claims, neither of
which is timed, then times ``for verdict in book.check(claims)`` several times
on the same book. The first run works out each stretch's verdicts as claims need
them; later runs find them already worked out, which is how a Book kept for the
day behaves. It prints every run, the median, the cost per claim, and the ratio
of the cost per claim between the largest and the smallest book.
"""

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # the generator lives beside this script


def run(scale: int, claims: int, runs: int, freeze: bool) -> float:
    """Time check() over ``claims`` claims ``runs`` times on one book; return the median."""
    started = time.perf_counter()
    book = synthetic.build(scale)
    built = time.perf_counter() - started
    batch = list(synthetic.claims(book, claims))
    if freeze:
        # Exempt the book and the claims list from garbage collection, as a claims
        # file read row by row would be: a million claims held in a list otherwise
        # make every full collection during the first run walk them all.
        gc.freeze()
    print(f"scale {scale}: {book} (built in {built:.1f} s), {len(batch):,} claims")
    times = []
    for number in range(1, runs + 1):
        gc.collect()
        started = time.perf_counter()
        allowed = 0
        for verdict in book.check(batch):
            allowed += verdict.allowed
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        print(f"  run {number}: {elapsed:.2f} s ({allowed:,} allowed)")
    median = statistics.median(times)
    print(f"  median {median:.2f} s, {median / len(batch) * 1e6:.2f} us per claim")
    return median / len(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--freeze", action="store_true", help="gc.freeze() the book and claims before timing"
    )
    arguments = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}"
    )
    per_claim = {
        scale: run(scale, arguments.claims, arguments.runs, arguments.freeze)
        for scale in arguments.scales
    }
    if len(per_claim) > 1:
        small, large = min(per_claim), max(per_claim)
        ratio = per_claim[large] / per_claim[small]
        print(f"cost per claim, scale {large} over scale {small}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
