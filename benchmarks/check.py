"""How fast a fresh Book judges a year of claims, against a bare-Python floor in the same run.

    python benchmarks/check.py                              # 300k and 1M claims, scales 1 and 10
    python benchmarks/check.py --scales 1 --claims 200000 --runs 3

For each scale it builds the synthetic book (``synthetic.py``: 2,000 x scale
providers, 200 x scale practices, 12 payers) and the claims, neither timed. Then,
``--runs`` times, each time on a Book freshly built from the same records:

* ``floor``: the least a lookup can cost in Python, a dict from (provider, payer,
  practice) to the sorted starts and ends of the windows in which the claim is
  allowed, and ``bisect``, giving a bool per claim (the dict is built beforehand,
  untimed: it stands for a lookup that knows the answers already);
* ``check first``: ``for verdict in book.check(claims)`` on the fresh Book, full
  Verdicts; ``check repeat``: the same again on the same Book;
* ``columns floor``, ``columns first`` and ``columns repeat``: the same for
  ``book.check_columns(...)`` given the claims as columns of text and dates, the
  floor keyed by the text.

It prints every run, then the medians and each one's ratio to the floor measured
in the same run, and how the cost per claim of the first call changes from the
smallest book to the largest: with claims drawn over the whole larger book (most
then the first for their provider, payer and practice, so each costs the working
out of its verdicts), and with "same activity", the very claims of the smallest
book checked against the larger one. ``--json PATH`` also writes the medians as rows.
"""

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # the generator lives beside this script

from credkit import SSN, Book, Claim

Windows = dict[Any, tuple[list[int], list[int]]]


def fresh(book: Book) -> Book:
    """A new Book from the same records: nothing worked out yet."""
    return Book(
        providers=book.providers,
        practices=book.practices,
        payers=book.payers,
        credentials=book.credentials,
        contracts=book.contracts,
    )


def text(value: object) -> str:
    return value.formatted() if isinstance(value, SSN) else str(value)


def windows(book: Book, claims: list[Claim], key: Any) -> Windows:
    """The floor's table: for each claim's ids, the windows of days when it is allowed."""
    days: dict[Any, list[int]] = {}
    for claim, verdict in zip(claims, fresh(book).check(claims), strict=True):
        if verdict.allowed:
            days.setdefault(key(claim), []).append(claim.on.toordinal())
    found: Windows = {}
    for ids, ordinals in days.items():
        allowed = sorted(set(ordinals))
        starts, ends = [allowed[0]], []
        for before, after in pairwise(allowed):
            if after != before + 1:
                ends.append(before)
                starts.append(after)
        ends.append(allowed[-1])
        found[ids] = (starts, ends)
    return found


def floor(table: Windows, keys: Iterable[Any], dates: Iterable[date]) -> int:
    """A bool per claim from the table and bisect; returns how many were allowed."""
    allowed = 0
    get = table.get
    for ids, on in zip(keys, dates, strict=True):
        found = get(ids)
        if found is not None:
            ordinal = on.toordinal()
            starts, ends = found
            index = bisect_right(starts, ordinal) - 1
            allowed += index >= 0 and ordinal <= ends[index]
    return allowed


def clock() -> float:
    gc.collect()
    return time.perf_counter()


def measure(book: Book, claims: list[Claim], runs: int) -> dict[str, list[float]]:
    """Time every path on ``claims``, ``runs`` times; print each run."""
    count = len(claims)
    columns = {
        "provider": [str(claim.provider) for claim in claims],
        "payer": [claim.payer for claim in claims],
        "practice": [text(claim.practice) for claim in claims],
        "on": [claim.on for claim in claims],
        "service": [claim.service for claim in claims],
        "state": [claim.state.value if claim.state else None for claim in claims],
    }
    by_claim = windows(book, claims, lambda c: (c.provider, c.payer, c.practice))
    by_text = windows(book, claims, lambda c: (str(c.provider), c.payer, text(c.practice)))
    text_keys = list(zip(columns["provider"], columns["payer"], columns["practice"], strict=True))
    print(f"  {count:,} claims")
    results: dict[str, list[float]] = {}
    for number in range(1, runs + 1):
        times = {}
        started = clock()
        expected = floor(
            by_claim, ((c.provider, c.payer, c.practice) for c in claims), (c.on for c in claims)
        )
        times["floor"] = time.perf_counter() - started
        book_now = fresh(book)
        started = clock()
        allowed = sum(verdict.allowed for verdict in book_now.check(claims))
        times["check first"] = time.perf_counter() - started
        started = time.perf_counter()
        again = sum(verdict.allowed for verdict in book_now.check(claims))
        times["check repeat"] = time.perf_counter() - started
        assert allowed == again == expected, (allowed, again, expected)
        started = clock()
        floor(by_text, text_keys, columns["on"])
        times["columns floor"] = time.perf_counter() - started
        book_now = fresh(book)
        started = clock()
        checked = book_now.check_columns(**columns)
        times["columns first"] = time.perf_counter() - started
        started = time.perf_counter()
        book_now.check_columns(**columns)
        times["columns repeat"] = time.perf_counter() - started
        assert sum(checked.allowed) == expected
        print(
            f"    run {number}: "
            + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in times.items())
            + f" ({allowed:,} allowed)"
        )
        for name, seconds in times.items():
            results.setdefault(name, []).append(seconds)
        # Each run's ratios, against the floor of that same run.
        for name in ("check first", "check repeat"):
            results.setdefault(f"{name} / floor", []).append(times[name] / times["floor"])
        for name in ("columns first", "columns repeat"):
            results.setdefault(f"{name} / floor", []).append(times[name] / times["columns floor"])
    for name, values in results.items():
        median = statistics.median(values)
        unit = "x" if "/" in name else " s"
        print(f"    median {name}: {median:.2f}{unit}")
    return results


def run(scale: int, counts: list[int], runs: int, rows: list[dict[str, Any]]) -> dict[str, float]:
    """Time every path at each claim count; return the first call's cost per claim.

    At scales above 1 the claims are drawn twice: over the whole book (each claim
    likely the first for its provider, payer and practice), and, as "same
    activity", from the first 200 practices only, which are the scale-1 book's:
    the same claims as at scale 1, against a book ten times the size.
    """
    started = time.perf_counter()
    book = synthetic.build(scale)
    print(f"scale {scale}: {book} (built in {time.perf_counter() - started:.1f} s)")
    per_claim = {}
    draws = [("", None)] + ([("same activity", 200)] if scale > 1 else [])
    for count in counts:
        for label, practices in draws:
            claims = list(synthetic.claims(book, count, practices=practices))
            if label:
                print(f"  {label}: claims at the first 200 practices only")
            results = measure(book, claims, runs)
            per_claim[f"{count}{label}"] = statistics.median(results["check first"]) / count
            case = f"scale {scale}, {count:,} claims" + (f", {label}" if label else "")
            for name, floor_name in (
                ("check first", "floor"),
                ("check repeat", "floor"),
                ("columns first", "columns floor"),
                ("columns repeat", "columns floor"),
            ):
                rows.append(
                    {
                        "benchmark": "check",
                        "case": f"{name}, {case}",
                        "median_s": statistics.median(results[name]),
                        "runs": runs,
                        "baseline": floor_name,
                        "baseline_median_s": statistics.median(results[floor_name]),
                        "ratio": statistics.median(results[f"{name} / floor"]),
                        "note": None,
                    }
                )
    return per_claim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--claims", type=int, nargs="+", default=[300_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the medians here, as JSON rows")
    arguments = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}"
    )
    rows: list[dict[str, Any]] = []
    costs = {
        scale: run(scale, arguments.claims, arguments.runs, rows) for scale in arguments.scales
    }
    if len(costs) > 1:
        small, large = min(costs), max(costs)
        for count in arguments.claims:
            for label in ("", "same activity"):
                if f"{count}{label}" not in costs[large]:
                    continue
                ratio = costs[large][f"{count}{label}"] / costs[small][str(count)]
                what = f", {label}" if label else ", claims over the whole book"
                print(
                    f"first call, cost per claim at {count:,} claims, scale {large} over "
                    f"scale {small}{what}: {ratio:.2f}x"
                )
                rows.append(
                    {
                        "benchmark": "check",
                        "case": f"first call per claim, {count:,} claims, scale {large}{what}",
                        "median_s": costs[large][f"{count}{label}"],
                        "runs": arguments.runs,
                        "baseline": f"scale {small}",
                        "baseline_median_s": costs[small][str(count)],
                        "ratio": ratio,
                        "note": None,
                    }
                )
    if arguments.json:
        arguments.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
