"""``credkit check-claims BOOK CLAIMS.csv``: every claim in a CSV file, row by row."""

import argparse
import csv
import json
import os
from collections import deque
from collections.abc import Iterator
from typing import IO, TextIO

from credkit._sheet import BOM, DateStyle, Header, Row, parse_date, read_sheet
from credkit.answers import Verdict
from credkit.claim import Claim
from credkit.cli._common import BAD_INPUT, NO, OK, Refused, as_data, load_book, verdict_data
from credkit.errors import CredkitError, InvalidData
from credkit.identifiers import SSN

__all__ = ["CLAIM_COLUMNS", "OPTIONAL_COLUMNS", "PROGRESS_BYTES", "RESULT_COLUMNS", "command"]

CLAIM_COLUMNS = ("provider", "payer", "practice", "date")
OPTIONAL_COLUMNS = ("service", "state")
RESULT_COLUMNS = ("allowed", "reasons", "billing_npi", "tax_id", "rendering_npi", "rate")
# Show a progress bar for claims files at least this large, when stderr is a terminal.
PROGRESS_BYTES = 1_000_000


class ClaimsFile:
    """A claims CSV read row by row: good rows become claims, bad ones are reported."""

    def __init__(self, path: str, errors: TextIO, dates: DateStyle = "iso") -> None:
        self.path = path
        self.errors = errors
        self.dates: DateStyle = dates
        self.malformed = 0
        self.rows: deque[tuple[Row, Claim]] = deque()
        try:
            self.handle: IO[bytes] = open(path, "rb")  # noqa: SIM115
        except FileNotFoundError:
            raise Refused(f"{path}: no such claims file") from None
        except OSError as error:
            raise Refused(f"{path}: cannot be read ({error.strerror})") from None
        try:
            self.sheet = read_sheet(self.handle, required=CLAIM_COLUMNS, optional=OPTIONAL_COLUMNS)
        except InvalidData as error:
            self.handle.close()
            raise Refused(*(f"{path}: {line}" for line in error.errors)) from None
        except OSError as error:
            self.handle.close()
            raise Refused(f"{path}: cannot be read ({error.strerror})") from None
        self.header = self.sheet.header
        self.total = self._count_lines() if _wants_progress(path, errors) else 0

    def _count_lines(self) -> int:
        with open(self.path, "rb") as raw:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))

    def claims(self) -> Iterator[Claim]:
        """The good rows' claims, in order; each row is kept in ``rows`` beside it."""
        shown = -1
        for row in self.sheet.rows:
            if self.total:
                shown = _progress(row.line, self.total, shown, self.errors)
            if row.problem is not None:
                self._bad(row.line, row.problem)
                continue
            try:
                on = parse_date(row.get("date"), self.dates, option="--dates us")
            except CredkitError as error:
                self._bad(row.line, f"date: {error}")
                continue
            try:
                claim = Claim(
                    provider=row.get("provider"),
                    payer=row.get("payer"),
                    practice=row.get("practice"),
                    on=on,
                    service=row.get("service") or None,
                    state=row.get("state") or None,
                )
            except CredkitError as error:
                self._bad(row.line, str(error).replace("Claim.", ""))
                continue
            self.rows.append((row, claim))
            yield claim
        if self.total:
            self.errors.write("\r" + " " * 60 + "\r")

    def _bad(self, line: int, problem: str) -> None:
        self.malformed += 1
        self.errors.write(f"credkit: {self.path}: line {line}: {problem}; row skipped\n")

    def close(self) -> None:
        """Close the file."""
        self.handle.close()


def _wants_progress(path: str, errors: TextIO) -> bool:
    return errors.isatty() and os.path.getsize(path) >= PROGRESS_BYTES


def _progress(line: int, total: int, shown: int, errors: TextIO) -> int:
    percent = min(100, line * 100 // max(total, 1))
    if percent != shown:
        width = 30
        filled = width * percent // 100
        errors.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {line:,} lines")
        errors.flush()
    return percent


def results(verdict: Verdict) -> dict[str, str]:
    """A verdict as the result columns of its row."""
    billing = verdict.billing
    return {
        "allowed": "yes" if verdict else "no",
        "reasons": ";".join(reason.code.value for reason in verdict.reasons),
        "billing_npi": str(billing.billing_npi) if billing else "",
        "tax_id": str(billing.tax_id) if billing else "",
        "rendering_npi": str(billing.rendering_npi or "") if billing else "",
        "rate": "" if verdict.rate is None else format(verdict.rate, "f"),
    }


class Layout:
    """Where each output column comes from: the row's own cells, then the result columns.

    A results file checked again (one that has every result column) gets its result
    columns filled in where they stand. Otherwise the result columns are added at the
    end, even where one shares a name with a column of the user's: that column is
    written back as it was, never overwritten.
    """

    def __init__(self, header: Header) -> None:
        self.width = len(header.cells)
        self.practice = header.index("practice")
        self.keys = _keys([name.strip() for name in header.cells])
        placed = {name: header.index(name) for name in RESULT_COLUMNS}
        again = all(position is not None for position in placed.values())
        self.placed = placed if again else {}
        self.added = [] if again else list(RESULT_COLUMNS)
        first = header.cells[:1]
        bom = BOM if header.bom else ""
        self.header = [*(bom + cell for cell in first), *header.cells[1:], *self.added]

    def own(self, row: Row, claim: Claim) -> list[str]:
        """The row's own cells as read (a short row padded).

        Every cell is written back as it was read, except a practice tax id that is
        an SSN: credkit holds it as one, so it is shown masked.
        """
        cells = [*row.cells, *[""] * (self.width - len(row.cells))]
        if isinstance(claim.practice, SSN) and self.practice is not None:
            cells[self.practice] = str(claim.practice)
        return cells

    def row(self, row: Row, claim: Claim, result: dict[str, str]) -> list[str]:
        """The output cells: the row's own, with its results."""
        cells = self.own(row, claim)
        for name, position in self.placed.items():
            if position is not None:
                cells[position] = result[name]
        return [*cells, *(result[name] for name in self.added)]

    def cells(self, row: Row, claim: Claim) -> dict[str, str]:
        """The row's own cells by column name (trimmed), for JSON."""
        return dict(zip(self.keys, self.own(row, claim), strict=True))


def _keys(names: list[str]) -> list[str]:
    """JSON keys for column names: a name that repeats is numbered from its second time."""
    seen: dict[str, int] = {}
    keys = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return keys


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit check-claims``: exit 0 when every claim can be billed, 1 when not."""
    book = load_book(arguments.book)
    source = ClaimsFile(arguments.claims, errors, arguments.dates)
    target: TextIO = out
    try:
        if arguments.output:
            try:
                target = open(arguments.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as error:
                raise Refused(f"{arguments.output}: cannot be written ({error.strerror})") from None
        layout = Layout(source.header)
        writer = None
        if not arguments.json:
            # CRLF, as spreadsheets write it: Python's writer quotes a cell holding a
            # line-break character only when that character is in the line terminator.
            writer = csv.writer(target, lineterminator="\r\n")
            writer.writerow(layout.header)
        allowed = refused = 0
        for verdict in book.check(source.claims()):
            # Verdicts come in the claims' order; a row written out is let go.
            row, claim = source.rows.popleft()
            result = results(verdict)
            if verdict:
                allowed += 1
            else:
                refused += 1
            if writer is not None:
                writer.writerow(layout.row(row, claim, result))
            else:
                record = {
                    "line": row.line,
                    "row": layout.cells(row, claim),
                    "claim": as_data(claim),
                    "verdict": verdict_data(verdict),
                }
                target.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        source.close()
        if target is not out:
            target.close()
    skipped = source.malformed
    checked = allowed + refused
    errors.write(
        f"credkit: checked {checked:,} claim{'s' if checked != 1 else ''}: "
        f"{allowed:,} allowed, {refused:,} refused"
        + (f"; {skipped:,} malformed row{'s' if skipped != 1 else ''} skipped" if skipped else "")
        + "\n"
    )
    if skipped:
        return BAD_INPUT
    return NO if refused else OK
