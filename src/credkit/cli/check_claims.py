"""``credkit check-claims BOOK CLAIMS.csv``: every claim in a CSV file, a block of rows at a time.

Each block of rows goes to :meth:`Book.check_columns` as columns, never as a Claim
per row; the rows are written back as they were read, with their verdict's cells,
formatted once for each distinct verdict (a claims file's rows share a few
thousand verdicts between them).
"""

import argparse
import csv
import io
import json
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TextIO

from credkit._collector import collector_paused
from credkit._passes import missing
from credkit._sheet import BOM, Header
from credkit.answers import Verdict
from credkit.book import Book
from credkit.cli._common import (
    BAD_INPUT,
    NO,
    OK,
    ClaimRows,
    ClaimsFile,
    Refused,
    as_data,
    load_book,
    verdict_data,
)

if TYPE_CHECKING:
    import _csv

__all__ = ["RESULT_COLUMNS", "command", "results"]

RESULT_COLUMNS = ("allowed", "reasons", "billing_npi", "tax_id", "rendering_npi", "rate")
# CRLF, as spreadsheets write it: Python's writer quotes a cell holding a line-break
# character only when that character is in the line terminator.
LINE_END = "\r\n"
# What makes the csv module quote a cell: its delimiter, its quote, a line break.
_QUOTED = (",", '"', "\r", "\n")
_ALLOWED = attrgetter("allowed")


def results(verdict: Verdict) -> list[str]:
    """A verdict as the result cells of its row, in the order of ``RESULT_COLUMNS``."""
    billing = verdict.billing
    return [
        "yes" if verdict else "no",
        ";".join(reason.code.value for reason in verdict.reasons),
        str(billing.billing_npi) if billing else "",
        str(billing.tax_id) if billing else "",
        str(billing.rendering_npi or "") if billing else "",
        "" if verdict.rate is None else format(verdict.rate, "f"),
    ]


class Results:
    """Each distinct verdict's result cells, formatted once, as cells and as CSV text."""

    def __init__(self) -> None:
        # By the verdict's id: its cells, and the same as the end of a CSV line.
        self.cells: dict[int, list[str]] = {}
        self.endings: dict[int, str] = {}
        # Kept alive, so that an id here is never another verdict's.
        self.kept: list[Verdict] = []
        self._text = io.StringIO()
        self._writer = csv.writer(self._text, lineterminator=LINE_END)

    def ends(self, verdicts: list[Verdict]) -> list[str]:
        """Each verdict's result cells as the end of a CSV line (with the comma before them)."""
        known = self.endings.get
        found: list[Any] = list(map(known, map(id, verdicts)))
        for row in missing(found):
            verdict = verdicts[row]
            found[row] = known(id(verdict)) or self._new(verdict)
        return found

    def of(self, verdicts: list[Verdict]) -> list[list[str]]:
        """Each verdict's result cells."""
        self.ends(verdicts)
        return list(map(self.cells.__getitem__, map(id, verdicts)))

    def _new(self, verdict: Verdict) -> str:
        self.kept.append(verdict)
        cells = self.cells[id(verdict)] = results(verdict)
        text = ",".join(cells)
        if any(character in text for character in _QUOTED):  # pragma: no cover - codes and ids
            self._text.seek(0)
            self._text.truncate()
            self._writer.writerow(cells)
            text = self._text.getvalue().removesuffix(LINE_END)
        found = self.endings[id(verdict)] = f",{text}{LINE_END}"
        return found


class Layout:
    """Where each output column comes from: the row's own cells, then the result columns.

    A results file checked again (one that has every result column) gets its result
    columns filled in where they stand. Otherwise the result columns are added at the
    end, even where one shares a name with a column of the user's: that column is
    written back as it was, never overwritten.
    """

    def __init__(self, header: Header) -> None:
        self.keys = _keys([name.strip() for name in header.cells])
        placed = {name: header.index(name) for name in RESULT_COLUMNS}
        again = all(position is not None for position in placed.values())
        self.placed = [position for position in placed.values() if position is not None]
        if not again:
            self.placed = []
        first = header.cells[:1]
        bom = BOM if header.bom else ""
        added = [] if again else list(RESULT_COLUMNS)
        self.header = [*(bom + cell for cell in first), *header.cells[1:], *added]

    def write(
        self,
        target: TextIO,
        writer: "_csv.Writer",
        cells: list[list[str]],
        verdicts: list[Verdict],
        formatted: Results,
        *,
        plain: bool,
    ) -> None:
        """Write the rows: each row's own cells, with its verdict's result cells.

        ``plain`` says that no cell needs quoting (none holds a comma, a quote or a
        line break).
        """
        if not self.placed:
            if plain:
                # Nothing to quote: each line is its cells joined, and its verdict's
                # ending, made once; as the csv module writes it, at a tenth of the cost.
                ends = formatted.ends(verdicts)
                target.write("".join(map(str.__add__, map(",".join, cells), ends)))
                return
            writer.writerows(map(list.__add__, cells, formatted.of(verdicts)))
            return
        rows = []
        for own, result in zip(cells, formatted.of(verdicts), strict=True):
            row = own.copy()
            for position, cell in zip(self.placed, result, strict=True):
                row[position] = cell
            rows.append(row)
        writer.writerows(rows)

    def cells(self, own: list[str]) -> dict[str, str]:
        """The row's own cells by column name (trimmed), for JSON."""
        return dict(zip(self.keys, own, strict=True))


def _keys(names: list[str]) -> list[str]:
    """JSON keys for column names: a name that repeats is numbered from its second time."""
    seen: dict[str, int] = {}
    keys = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return keys


def _json_lines(rows: ClaimRows, verdicts: list[Verdict], layout: Layout) -> str:
    """One JSON object a row: its line, its cells, its claim and its verdict."""
    records = [
        json.dumps(
            {
                "line": line,
                "row": layout.cells(own),
                "claim": as_data(claim),
                "verdict": verdict_data(verdict),
            },
            ensure_ascii=False,
        )
        for line, own, claim, verdict in zip(
            rows.lines(), rows.cells, rows.claims(), verdicts, strict=True
        )
    ]
    return "".join(record + "\n" for record in records)


def _check(
    book: Book, source: ClaimsFile, layout: Layout, writer: "_csv.Writer | None", target: TextIO
) -> tuple[int, int]:
    """Check and write every block of rows; the claims allowed and the claims checked."""
    allowed = checked = 0
    if writer is None:
        for rows in source.blocks():
            # Book.check_columns without its result columns: the verdicts are all it needs.
            verdicts = book._verdicts(rows.columns())
            checked += len(verdicts)
            allowed += sum(map(_ALLOWED, verdicts))
            target.write(_json_lines(rows, verdicts, layout))
        return allowed, checked
    formatted = Results()
    for judged in source.judged(book._reader()):
        verdicts = judged.verdicts
        checked += len(verdicts)
        allowed += sum(map(_ALLOWED, verdicts))
        layout.write(target, writer, judged.cells, verdicts, formatted, plain=judged.plain)
    return allowed, checked


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
            writer = csv.writer(target, lineterminator=LINE_END)
            writer.writerow(layout.header)
        with collector_paused():
            allowed, checked = _check(book, source, layout, writer, target)
    finally:
        source.close()
        if target is not out:
            target.close()
    skipped = source.malformed
    refused = checked - allowed
    errors.write(
        f"credkit: checked {checked:,} claim{'s' if checked != 1 else ''}: "
        f"{allowed:,} allowed, {refused:,} refused"
        + (f"; {skipped:,} malformed row{'s' if skipped != 1 else ''} skipped" if skipped else "")
        + "\n"
    )
    if skipped:
        return BAD_INPUT
    return NO if refused else OK
