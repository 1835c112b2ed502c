"""How long scrubbing an 837P batch takes, next to pyx12's own read of the same file.

    python benchmarks/scrub.py                     # 100,000 service lines, 3 runs each
    python benchmarks/scrub.py --lines 20000 --runs 5

It writes the synthetic book (``synthetic.py``, scale 1) as JSON and a batch of
service lines as one 837P file (``tests/x12_files.py``'s writer: four lines a claim,
claims grouped under their practice's billing provider, each line carrying the
billing identity the book expects, so most are allowed and some are not), into
``benchmarks/out/`` (none of it timed). Then, each in a fresh Python process, and
``--runs`` times in turn:

* ``pyx12``: pyx12's own read of the file, the baseline: its context reader
  (``X12ContextReader.iter_segments``, with the same validation credkit asks for)
  walking every segment, doing nothing with them;
* ``scrub``: credkit's whole trip, file to file: read the book and the 837P file,
  ``read_837p``, ``Book.scrub``, and write each line's row as CSV, as
  ``credkit scrub BOOK FILE.837 -o OUT.csv`` does; timed whole, with the reading
  and the rest apart; then ``Book.scrub`` again over the same lines (cached).

Wall and CPU seconds are both printed: on a machine shared with other work the
wall clock also counts the time others had the cores. It prints every run, the
medians, and the ratio of each to pyx12's read.
"""

import argparse
import csv
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

OUT = HERE / "out"
BOOK_FILE = OUT / "scrub_book.json"
BATCH_FILE = OUT / "scrub_batch.837"
ROWS_FILE = OUT / "scrub_rows.csv"
LINES_PER_CLAIM = 4


def write_inputs(lines: int) -> None:
    """The book as JSON and ``lines`` service lines as one 837P file."""
    import attrs
    import synthetic
    from tests.x12_files import BillingLoop, ClaimSpec, Envelope, LineSpec, write_837p

    from credkit import EIN, to_json

    book = synthetic.build(1)
    book = attrs.evolve(
        book,
        payers=[
            attrs.evolve(payer, edi_ids=[f"P{index:04d}"])
            for index, payer in enumerate(book.payers)
        ],
    )
    edi = {payer.id: f"P{index:04d}" for index, payer in enumerate(book.payers)}
    # Claims grouped by billing identity, then cut into claims of four lines.
    by_identity: dict[tuple[str, str, str], list[tuple[str | None, object]]] = defaultdict(list)
    for claim in synthetic.claims(book, lines):
        practice = book.practice(claim.practice)
        assert practice is not None
        state = claim.state or sorted(practice.states)[0]
        verdict = book.can_bill(attrs.evolve(claim, state=state))
        if verdict.billing is not None:
            billing, tin = str(verdict.billing.billing_npi), verdict.billing.tax_id
            rendering = verdict.billing.rendering_npi
        else:
            billing, tin = str(practice.npi or claim.provider), practice.tin
            rendering = None if billing == str(claim.provider) else claim.provider
        kind, digits = ("EI", tin.digits) if isinstance(tin, EIN) else ("SY", tin.reveal())
        key = (billing, f"{kind}{digits}", state.value)
        by_identity[key].append((None if rendering is None else str(rendering), claim))
    loops = []
    number = 0
    for (billing, tax, state), items in by_identity.items():
        claims = []
        for start in range(0, len(items), LINES_PER_CLAIM):
            number += 1
            chunk = items[start : start + LINES_PER_CLAIM]
            claims.append(
                ClaimSpec(
                    id=f"C{number:07d}",
                    payer_id=edi.get(chunk[0][1].payer, "99999"),
                    lines=tuple(
                        LineSpec(
                            service=claim.service or "90837",
                            start=claim.on,
                            rendering_npi=rendering,
                        )
                        for rendering, claim in chunk
                    ),
                )
            )
        loops.append(
            BillingLoop(
                npi=billing,
                tax_qualifier=tax[:2],
                tax_id=tax[2:],
                state=state,
                claims=tuple(claims),
            )
        )
    OUT.mkdir(exist_ok=True)
    BOOK_FILE.write_text(to_json(book), encoding="utf-8")
    BATCH_FILE.write_text(write_837p([Envelope(billing=tuple(loops))]), encoding="utf-8")


# --- what each fresh process times (the child's side) -------------------------------


def measure_pyx12() -> str:
    """pyx12's context reader over the whole file: wall and CPU seconds, and what it saw."""
    import io

    import pyx12.params
    import pyx12.x12context

    from credkit.x12 import _Problems

    started, cpu = time.perf_counter(), time.process_time()
    text = BATCH_FILE.read_text(encoding="utf-8")
    problems = _Problems()
    context = pyx12.x12context.X12ContextReader(pyx12.params.params(), problems, io.StringIO(text))
    problems.source = context.src
    segments = sum(1 for _ in context.iter_segments())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return f"{wall} {cpu} {segments} segments, {len(problems.found)} problems"


def measure_scrub() -> str:
    """credkit's trip, file to file, split into reading and the rest; then the checking again."""
    from credkit import Book, from_json
    from credkit.scrub import ROW_FIELDS, scrub_row, summarize
    from credkit.x12 import read_837p

    started, cpu = time.perf_counter(), time.process_time()
    book = from_json(BOOK_FILE.read_text(encoding="utf-8"), Book)
    lines = list(read_837p(BATCH_FILE.read_text(encoding="utf-8")))
    read = time.perf_counter() - started
    results = []
    with ROWS_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ROW_FIELDS, lineterminator="\n")
        writer.writeheader()
        for result in book.scrub(lines):
            results.append(result)
            writer.writerow(scrub_row(result))
    summary = summarize(results)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    again = time.perf_counter()
    sum(result.allowed for result in book.scrub(lines))
    again = time.perf_counter() - again
    return f"{wall} {cpu} {read} {again} {summary.lines} lines, {summary.allowed} allowed"


MEASURES = {"pyx12": measure_pyx12, "scrub": measure_scrub}


# --- the parent's side ----------------------------------------------------------------


def fresh(name: str) -> list[str]:
    """Run one measure in a fresh Python process; its printed figures."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", name],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", choices=MEASURES, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        print(MEASURES[arguments.measure]())
        return
    print(f"Python {platform.python_version()} on {platform.machine()}", flush=True)
    started = time.perf_counter()
    write_inputs(arguments.lines)
    size = BATCH_FILE.stat().st_size
    print(
        f"wrote {arguments.lines:,} service lines ({size / 1e6:.1f} MB) and the book "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    times: dict[str, list[float]] = defaultdict(list)
    for run in range(1, arguments.runs + 1):
        wall, cpu, *seen = fresh("pyx12")
        times["pyx12"].append(float(wall))
        times["pyx12 cpu"].append(float(cpu))
        print(
            f"  run {run} pyx12's read: {float(wall):.2f} s ({float(cpu):.2f} s CPU; "
            f"{' '.join(seen)})",
            flush=True,
        )
        wall, cpu, read, again, *seen = fresh("scrub")
        times["scrub"].append(float(wall))
        times["scrub cpu"].append(float(cpu))
        times["read"].append(float(read))
        times["rest"].append(float(wall) - float(read))
        times["again"].append(float(again))
        print(
            f"  run {run} credkit scrub: {float(wall):.2f} s ({float(cpu):.2f} s CPU; reading "
            f"{float(read):.2f} s, checking and writing {float(wall) - float(read):.2f} s; "
            f"checking again {float(again):.2f} s; {' '.join(seen)})",
            flush=True,
        )
    base, base_cpu = statistics.median(times["pyx12"]), statistics.median(times["pyx12 cpu"])
    print(f"medians over {arguments.runs} run(s), {arguments.lines:,} service lines:")
    for name, label, against in (
        ("pyx12", "pyx12's read of the file", base),
        ("pyx12 cpu", "  the same, CPU time", base_cpu),
        ("scrub", "credkit, file to file", base),
        ("scrub cpu", "  the same, CPU time", base_cpu),
        ("read", "  of which read_837p", base),
        ("rest", "  of which checking, writing", base),
        ("again", "Book.scrub again (cached)", base),
    ):
        median = statistics.median(times[name])
        print(
            f"  {label:30} {median:8.2f} s {median / arguments.lines * 1e6:9.1f} us a line "
            f"{median / against:6.2f} x pyx12's read"
        )


if __name__ == "__main__":
    main()
