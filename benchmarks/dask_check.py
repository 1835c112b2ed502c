"""Claims checked on a Dask cluster: one worker against two, on the same frame.

    python benchmarks/dask_check.py                       # 10,000,000 claims, scale 1
    python benchmarks/dask_check.py --claims 1000000 --partitions 20

Builds the scale-1 synthetic book. The claims, drawn from its rosters with numpy
as ``synthetic.claims`` draws them, are made partition by partition on the
workers, so that the graph carries no data. Then, for 1 and for 2 worker
processes of one thread each on a local cluster, times
``check_dataframe(book, frame)["allowed"].sum().compute()``: each partition made
and checked where it lies, the book sent to each worker once (timed too), only the
count brought back. Each setting is run ``--runs`` times on a
fresh cluster; it prints every run, the medians and the speed-up.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import dask.dataframe
import numpy
import pandas
import synthetic  # the generator lives beside this script
from distributed import Client, LocalCluster

from credkit import SSN, Book
from credkit.dask import check_dataframe


def places_of(book: Book) -> list[tuple[str, str, list[str]]]:
    """Who works where: each roster place's NPI, tax id and states."""
    return [
        (
            str(entry.provider),
            practice.tin.formatted() if isinstance(practice.tin, SSN) else str(practice.tin),
            sorted(s.value for s in practice.states),
        )
        for practice in book.practices
        for entry in practice.roster
    ]


def frame_of(
    places: list[tuple[str, str, list[str]]], payer_ids: list[str], count: int, seed: int
) -> pandas.DataFrame:
    """``count`` claims drawn as synthetic.claims draws them, by whole columns."""
    rng = numpy.random.default_rng(seed)
    payers = numpy.array([*payer_ids, "unknown-payer"])
    chosen = rng.integers(0, len(places), count)
    providers = numpy.array([p for p, _, _ in places])[chosen]
    tins = numpy.array([t for _, t, _ in places], dtype=object)[chosen]
    states = numpy.array([s[0] for _, _, s in places], dtype=object)[chosen]
    states[rng.random(count) >= 0.1] = None
    on = numpy.datetime64("2025-01-01") + rng.integers(0, 365, count).astype("timedelta64[D]")
    return pandas.DataFrame(
        {
            "provider": providers,
            "payer": payers[rng.integers(0, len(payers), count)],
            "practice": tins,
            "on": on,
            "service": rng.choice(synthetic.SERVICES, count, p=[0.45, 0.25, 0.1, 0.08, 0.08, 0.04]),
            "state": states,
        }
    )


def timed_run(book: Book, parts: dask.dataframe.DataFrame, workers: int) -> tuple[float, int]:
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter()
        checked = check_dataframe(book, parts, client=client)
        allowed = int(checked["allowed"].sum().compute())
        return time.perf_counter() - started, allowed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=40)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the medians here, as JSON rows")
    arguments = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}"
    )
    book = synthetic.build(1)
    size = arguments.claims // arguments.partitions
    places = places_of(book)
    payer_ids = [payer.id for payer in book.payers]
    # Each partition is drawn where it is checked, so the graph carries no data.
    parts = dask.dataframe.from_map(
        lambda seed: frame_of(places, payer_ids, size, seed),
        range(arguments.partitions),
        meta=frame_of(places, payer_ids, 0, 0),
    )
    print(f"{book}; {arguments.claims:,} claims in {arguments.partitions} partitions")
    medians = {}
    for workers in (1, 2):
        times = []
        for number in range(1, arguments.runs + 1):
            seconds, allowed = timed_run(book, parts, workers)
            times.append(seconds)
            print(f"  {workers} worker(s), run {number}: {seconds:.1f} s ({allowed:,} allowed)")
        medians[workers] = statistics.median(times)
        print(f"  {workers} worker(s): median {medians[workers]:.1f} s")
    print(f"speed-up, 2 workers over 1: {medians[1] / medians[2]:.2f}x")
    if arguments.json:
        rows = [
            {
                "benchmark": "dask_check",
                "case": f"{arguments.claims:,} claims, {workers} worker(s)",
                "median_s": medians[workers],
                "runs": arguments.runs,
                "baseline": "1 worker",
                "baseline_median_s": medians[1],
                "ratio": medians[workers] / medians[1],
                "note": f"speed-up {medians[1] / medians[workers]:.2f}x",
            }
            for workers in (1, 2)
        ]
        arguments.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
