"""check-claims' reading of a claims file: the rows it judges by their ids as written
answer as the rows read column by column do, and as can_bill does."""

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from credkit import SSN, Book, Claim, Verdict
from credkit.cli._common import ClaimsFile
from tests import strategies as cs

HEADER = ["claim_id", "provider", "payer", "practice", "date", "service", "state", "note"]

# Cells a row may hold in place of one of its own: blanks, junk, a bad date, an id
# padded with spaces (read as the id), text the csv module quotes when written.
JUNK = st.sampled_from(
    ["", " ", "x", "€", "0", "123", "2026-13-01", "06/01/2026", "a,b", 'say "hi"']
)


@st.composite
def claim_rows(draw: st.DrawFn) -> tuple[Book, list[list[str]]]:
    """A book and the rows of a claims file about it: its claims, some cells padded or
    replaced with junk, some rows short, some notes that need quoting."""
    book, claims = draw(cs.batches())
    rows = []
    for number, claim in enumerate(claims):
        practice = claim.practice
        row = [
            str(number),
            str(claim.provider),
            claim.payer,
            practice.formatted() if isinstance(practice, SSN) else str(practice),
            claim.on.isoformat(),
            claim.service or "",
            claim.state.value if claim.state else "",
            draw(st.sampled_from(["", "ok", "late, resubmitted"])),
        ]
        if draw(st.booleans()):
            place = draw(st.integers(1, 6))
            row[place] = draw(JUNK | st.just(f" {row[place]} "))
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(1, len(row) - 1))]
        rows.append(row)
    # Rows alike in their ids come again: the second time they are looked up as written.
    again = [list(row) for row in draw(st.lists(st.sampled_from(rows), max_size=4))]
    # And rows alike in all but one id: a lookup by ids as written must tell them apart.
    for _ in range(draw(st.integers(0, 4))):
        row, other = list(draw(st.sampled_from(rows))), draw(st.sampled_from(rows))
        place = draw(st.integers(1, 6))
        if place < min(len(row), len(other)):
            row[place] = other[place]
            row[0] = str(len(rows) + len(again))
            again.append(row)
    return book, rows + again


def written(rows: list[list[str]]) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerows([HEADER, *rows])
    return text.getvalue()


def read(path: Path, book: Book, size: int, judged: bool) -> tuple[list[Any], str]:
    """Each good row's cells and verdict, and what was reported, one way or the other."""
    errors = io.StringIO()
    source = ClaimsFile(str(path), errors, size=size)
    found: list[Any] = []
    try:
        if judged:
            for block in source.judged(book._reader()):
                found += zip(block.cells, block.verdicts, strict=True)
        else:
            for rows in source.blocks():
                found += zip(rows.cells, book._verdicts(rows.columns()), strict=True)
    finally:
        source.close()
    return found, errors.getvalue()


def expected(book: Book, cells: list[str]) -> Verdict:
    """can_bill for a good row, read as a Claim."""
    _, provider, payer, practice, on, service, state, _ = cells
    return book.can_bill(
        Claim(
            provider=provider.strip(),
            payer=payer.strip(),
            practice=practice.strip(),
            on=on.strip(),
            service=service.strip() or None,
            state=state.strip() or None,
        )
    )


class TestJudgedRows:
    """ClaimsFile.judged, which check-claims writes CSV from, against ClaimsFile.blocks."""

    @given(claim_rows(), st.integers(1, 5))
    def test_judged_is_blocks(self, book_rows: tuple[Book, list[list[str]]], size: int) -> None:
        """Every block size: the same good rows, cells, verdicts and reports; each verdict can_bill's."""
        book, rows = book_rows
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "claims.csv"
            path.write_text(written(rows), encoding="utf-8", newline="")
            reference = read(path, Book(**_records(book)), size, judged=False)
            actual = read(path, Book(**_records(book)), size, judged=True)
        assert reference == actual
        # A row's cells as written (an SSN practice is shown masked), by its claim id.
        given_rows = {row[0]: row + [""] * (len(HEADER) - len(row)) for row in rows}
        for cells, verdict in actual[0]:
            assert expected(book, given_rows[cells[0]]) == verdict


def _records(book: Book) -> dict[str, Any]:
    """A book's records, for a fresh Book that has worked nothing out."""
    return {
        "providers": book.providers,
        "practices": book.practices,
        "payers": book.payers,
        "credentials": book.credentials,
        "contracts": book.contracts,
        "opt_outs": book.opt_outs,
    }
