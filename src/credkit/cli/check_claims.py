"""``credkit check-claims BOOK CLAIMS.csv``: every claim in a CSV file, row by row."""

import argparse
import csv
import json
from typing import TextIO

from credkit._sheet import BOM, Header, Row
from credkit.answers import Verdict
from credkit.claim import Claim
from credkit.cli._common import (
    BAD_INPUT,
    NO,
    OK,
    ClaimsFile,
    Refused,
    as_data,
    load_book,
    verdict_data,
)
from credkit.identifiers import SSN

__all__ = ["RESULT_COLUMNS", "command"]

RESULT_COLUMNS = ("allowed", "reasons", "billing_npi", "tax_id", "rendering_npi", "rate")


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
