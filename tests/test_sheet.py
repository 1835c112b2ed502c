"""The CSV reader shared by the edges that take tables: spreadsheets' habits, nothing altered."""

import csv
import io
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credkit._sheet import BOM, Header, Row, parse_date, read_blocks, read_sheet
from credkit.errors import CredkitError, InvalidData, InvalidValue

# Cells as a spreadsheet may hold them: any text, spaces, commas, quotes, line breaks.
cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    """A header of distinct non-blank names and rows of the same width."""
    width = draw(st.integers(1, 5))
    names = draw(
        st.lists(
            st.text("abcdefgh_ ", min_size=1, max_size=6).filter(lambda n: n.strip()),
            min_size=width,
            max_size=width,
            unique_by=lambda n: n.strip().lower(),
        )
    )
    # A row of empty cells is a blank line in CSV: at least one cell is not empty.
    row = st.lists(cells, min_size=width, max_size=width).filter(any)
    return [names, *draw(st.lists(row, max_size=6))]


def written(table: list[list[str]], *, bom: bool, newline: str) -> bytes:
    """The table as a spreadsheet would save it: CRLF and quotes where needed, or LF and quotes everywhere.

    (With LF lines, Python's writer would leave a lone carriage return in a cell unquoted.)
    """
    text = io.StringIO()
    quoting = csv.QUOTE_MINIMAL if newline == "\r\n" else csv.QUOTE_ALL
    csv.writer(text, lineterminator=newline, quoting=quoting).writerows(table)
    return (BOM if bom else "").encode() + text.getvalue().encode("utf-8")


class TestRoundTrip:
    """What a CSV writer wrote is read back cell for cell, with the line each row starts on."""

    @given(tables(), st.booleans(), st.sampled_from(["\n", "\r\n"]))
    @example([["a"], ["x\ny"], ["z"]], True, "\r\n")
    def test_cells_as_written(self, table: list[list[str]], bom: bool, newline: str) -> None:
        """Bytes, text and an iterable of lines all give back the same cells."""
        data = written(table, bom=bom, newline=newline)
        for source in (data, data.decode("utf-8"), io.BytesIO(data)):
            sheet = read_sheet(source)
            assert (tuple(table[0]), bom) == (sheet.header.cells, sheet.header.bom)
            rows = list(sheet.rows)
            assert [tuple(row) for row in table[1:]] == [row.cells for row in rows]
            assert [None] * len(rows) == [row.problem for row in rows]

    @given(tables())
    def test_line_numbers(self, table: list[list[str]]) -> None:
        """Each row's line is the physical line it starts on."""
        data = written(table, bom=False, newline="\r\n")
        text = data.decode("utf-8")
        starts = [row.line for row in read_sheet(data).rows]
        expected, line = [], 2
        body = io.StringIO()
        for row in table[1:]:
            expected.append(line)
            body.seek(0)
            body.truncate()
            csv.writer(body, lineterminator="\r\n").writerow(row)
            line += body.getvalue().count("\n")
        assert expected == starts
        assert text.count("\n") + 1 == line


class TestSpreadsheetHabits:
    """A byte-order mark, headers in any case with spaces, padded cells."""

    def test_bom_is_not_part_of_the_first_name(self) -> None:
        """Excel's "CSV UTF-8" starts with a BOM: the first column is still found."""
        sheet = read_sheet(b"\xef\xbb\xbfprovider,date\n1,2\n", required=("provider",))
        assert (("provider", "date"), True) == (sheet.header.cells, sheet.header.bom)
        assert "1" == next(sheet.rows).get("provider")

    def test_header_names_any_case_and_spaces(self) -> None:
        """` Provider `, `DATE` and `date` are the same name."""
        header = Header(cells=(" Provider ", "DATE"))
        assert (0, 1, 1, None) == (
            header.index("provider"),
            header.index("date"),
            header.index(" Date "),
            header.index("payer"),
        )

    def test_only_ascii_is_folded(self) -> None:
        """A header letter that folds to ASCII (long s, Kelvin sign) does not name a column."""
        assert None is Header(cells=("\u017ftate",)).index("state")
        assert None is Header(cells=("\u212aey",)).index("key")

    def test_cells_trimmed_by_get_kept_in_cells(self) -> None:
        """get() trims; cells keep what was written."""
        row = next(read_sheet("a,b\n  x , y\n").rows)
        assert ("x", "y", ("  x ", " y")) == (row.get("a"), row.get("b"), row.cells)

    def test_short_row(self) -> None:
        """A row with fewer cells than the header has None for the missing ones."""
        row = next(read_sheet("a,b,c\n1\n").rows)
        assert ("1", None, None) == (row.get("a"), row.get("b"), row.get("c"))
        assert None is row.problem


class TestHeaderProblems:
    """A header that cannot be used names what is wrong and what it found."""

    def test_missing_columns_list_what_was_found(self) -> None:
        """Each missing required column is named, with the columns the header has."""
        with pytest.raises(InvalidData) as raised:
            read_sheet("NPI, Payer \n", required=("provider", "payer", "date"))
        assert ("line 1: missing columns provider, date; the header has NPI, Payer",) == (
            raised.value.errors
        )

    def test_one_missing_column(self) -> None:
        """One missing column is named in the singular."""
        with pytest.raises(InvalidData) as raised:
            read_sheet("a\n", required=("b",))
        assert ("line 1: missing column b; the header has a",) == raised.value.errors

    def test_a_column_twice(self) -> None:
        """A column credkit reads may appear only once, whatever its case."""
        with pytest.raises(InvalidData) as raised:
            read_sheet("date,x,Date\n", required=("date",), optional=("state",))
        assert ("line 1: column date appears 2 times (columns 1, 3); keep one",) == (
            raised.value.errors
        )

    def test_other_columns_may_repeat(self) -> None:
        """Columns credkit does not read may repeat: they are passed through."""
        assert ("n", "n") == read_sheet("n,n\n").header.cells

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            (b"", "empty file; expected a header row"),
            (b"\xff\xfe,a\n", "line 1: not a CSV header (not UTF-8 text)"),
            ('"a\n', "line 1: not a CSV header (unexpected end of data)"),
        ],
        ids=["empty", "not-utf8", "open-quote"],
    )
    def test_unreadable(self, source: bytes | str, message: str) -> None:
        """An empty or unreadable header is refused."""
        with pytest.raises(InvalidData) as raised:
            read_sheet(source)
        assert (message,) == raised.value.errors


class TestRowProblems:
    """A row that cannot be read says why, and the rows after it are still read."""

    def test_not_utf8(self) -> None:
        """A row with bytes that are not UTF-8 is marked; the next row is fine."""
        rows = list(read_sheet(b"a,b\n1,\xff\n2,3\n").rows)
        assert [(2, "not UTF-8 text"), (3, None)] == [(row.line, row.problem) for row in rows]

    def test_not_utf8_inside_a_quoted_cell(self) -> None:
        """A bad byte on the second line of a two-line record marks that record."""
        rows = list(read_sheet(b'a\n"x\n\xff"\ny\n').rows)
        assert [(2, "not UTF-8 text"), (4, None)] == [(row.line, row.problem) for row in rows]

    def test_too_many_cells_after_a_bad_byte(self) -> None:
        """A record with too many cells is marked even when a line before it was not UTF-8."""
        rows = list(read_sheet(b'a\n"1"x,\xff\n,0\n').rows)
        assert [(2, "not readable as CSV"), (3, "more values than columns")] == [
            (row.line, (row.problem or "").split(" (")[0]) for row in rows
        ]

    def test_too_many_cells(self) -> None:
        """More cells than columns is a problem: there is no name to pass the extra under."""
        row = next(read_sheet("a\n1,2\n").rows)
        assert "more values than columns" == row.problem

    def test_csv_error(self) -> None:
        """A cell beyond the csv module's size limit is a CSV error for its row only."""
        huge = "x" * (csv.field_size_limit() + 1)
        rows = list(read_sheet(f"a,b\n1,{huge}\n2,3\n").rows)
        assert 2 == rows[0].line
        assert rows[0].problem is not None
        assert rows[0].problem.startswith("not readable as CSV (field larger than field limit")
        assert [(3, ("2", "3"))] == [(row.line, row.cells) for row in rows[1:]]

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ('a,b\n"1"x,2\n3,4\n', "not readable as CSV (',' expected after '\"')"),
            ('a,b\n3,4\n"1,2\n3,4\n', "not readable as CSV (unexpected end of data)"),
        ],
        ids=["after-quote", "open-quote"],
    )
    def test_bad_quotes(self, text: str, problem: str) -> None:
        """A stray or unclosed quote is a problem, never cells silently joined or changed."""
        rows = list(read_sheet(text).rows)
        assert [problem] == [row.problem for row in rows if row.problem]
        assert 2 == len(rows)

    def test_blank_lines_skipped(self) -> None:
        """Blank lines are not rows."""
        assert [3] == [row.line for row in read_sheet("a\n\n1\n\n").rows]


class TestStreaming:
    """Rows are read as they are asked for, never the whole file at once."""

    def test_lazy(self) -> None:
        """The header is read at once; a row only when asked for."""
        taken: list[int] = []

        def lines() -> Iterator[bytes]:
            for number in range(1_000_000):
                taken.append(number)
                yield b"a\n" if number == 0 else b"%d\n" % number

        sheet = read_sheet(lines(), required=("a",))
        assert 1 == len(taken)
        first = [next(sheet.rows).cells for _ in range(3)]
        assert [("1",), ("2",), ("3",)] == first
        assert 4 == len(taken)


class TestDates:
    """ISO dates by default; US dates when asked; a US date read as ISO says how to read it."""

    @given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
    def test_both_styles(self, day: date) -> None:
        """A date written either way reads back as itself."""
        us = f"{day.month}/{day.day}/{day.year}"
        padded = f"{day.month:02d}/{day.day:02d}/{day.year}"
        assert [day] * 4 == [
            parse_date(day.isoformat()),
            parse_date(day.isoformat(), "us"),
            parse_date(us, "us"),
            parse_date(padded, "us"),
        ]

    def test_us_date_read_as_iso_suggests_the_option(self) -> None:
        """`06/01/2026` without the option is refused with the option named."""
        with pytest.raises(InvalidValue) as raised:
            parse_date("06/01/2026", option="--dates us")
        assert (
            "expected a date written YYYY-MM-DD, got '06/01/2026' (for MM/DD/YYYY dates, "
            "use --dates us)"
        ) == str(raised.value)

    @pytest.mark.parametrize(
        ("text", "dates", "message"),
        [
            ("2026-13-01", "iso", "'2026-13-01' is not a real calendar date"),
            ("02/30/2026", "us", "'02/30/2026' is not a real calendar date"),
            ("2026-02-30", "us", "'2026-02-30' is not a real calendar date"),
            ("30.06.2026", "us", "expected a date written MM/DD/YYYY or YYYY-MM-DD, got "),
            (None, "us", "expected a date written MM/DD/YYYY or YYYY-MM-DD, got null"),
            (None, "iso", "expected a date written YYYY-MM-DD, got null"),
            ("2026-06-01", "eu", "dates must be 'iso' or 'us', got 'eu'"),
        ],
    )
    def test_refused(self, text: str | None, dates: str, message: str) -> None:
        """What is not a date in the style asked for is refused, naming the style."""
        with pytest.raises(InvalidValue) as raised:
            parse_date(text, dates)  # type: ignore[arg-type]
        assert str(raised.value).startswith(message)


class TestJunk:
    """Junk given to the reader is a CredkitError, never a bare Python error."""

    @pytest.mark.parametrize("junk", [None, 0, object(), 1.5, ["a", 1], [b"a\n", "b\n"]])
    def test_read_sheet(self, junk: object) -> None:
        """read_sheet refuses what is not text, bytes or lines of either."""

        def read() -> None:
            list(read_sheet(junk).rows)  # type: ignore[arg-type]

        with pytest.raises(CredkitError):
            read()

    @pytest.mark.parametrize("junk", [0, object(), ["a"], date(2026, 6, 1), "€", b"2026-06-01"])
    def test_parse_date(self, junk: object) -> None:
        """parse_date refuses what is not a date string, in either style."""
        for dates in ("iso", "us"):
            with pytest.raises(CredkitError):
                parse_date(junk, dates)  # type: ignore[arg-type]

    def test_row_get_unknown(self) -> None:
        """A Row asked for a column its header lacks answers None."""
        assert None is Row(line=2, cells=("x",), header=Header(cells=("a",))).get("b")


@st.composite
def messy_texts(draw: st.DrawFn) -> str:
    """A CSV text with what a claims file may hold: multi-line cells, blank lines, bad records."""
    width = draw(st.integers(1, 4))
    header = [f"c{number}" for number in range(width)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    pieces = st.one_of(
        st.lists(cells, min_size=1, max_size=width + 2).filter(any),
        st.just("blank"),
        st.just("stray quote"),
    )
    for piece in draw(st.lists(pieces, max_size=12)):
        if piece == "blank":
            out.write("\n")
        elif piece == "stray quote":
            out.write('"1"x,2\n')
        else:
            writer.writerow(piece)
    return out.getvalue()


def sheet_rows(source: str | bytes) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """What read_sheet reads: the good rows with their lines, and the problems."""
    rows = list(read_sheet(source).rows)
    good = [(row.line, list(row.cells)) for row in rows if row.problem is None]
    bad = [(row.line, row.problem) for row in rows if row.problem is not None]
    return good, bad


def block_rows(
    source: str | bytes | Iterator[str], size: int
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """What read_blocks reads, in the same shape."""
    good: list[tuple[int, list[str]]] = []
    bad: list[tuple[int, str]] = []
    for block in read_blocks(source, size=size)[1]:
        good += zip(block.lines(), block.cells, strict=True)
        bad += block.problems
    return good, bad


class TestBlocks:
    """read_blocks reads what read_sheet reads, record for record, line for line, block by block."""

    @given(messy_texts(), st.integers(1, 5))
    @example('c0\n"x\ny"\n\n"1"x,2\nz\n', 1)
    @example('c0\n"a\rb"\r\n"1"x,2\n\nq\n', 2)
    def test_same_as_read_sheet(self, text: str, size: int) -> None:
        """Cells, the lines records start on, and each problem, as read_sheet gives them."""
        assert sheet_rows(text) == block_rows(text, size)
        for block in read_blocks(text, size=size)[1]:
            if block.plain:
                assert not any(mark in "".join(row) for row in block.cells for mark in ',"\r\n')

    def test_plain(self) -> None:
        """A block is plain when no cell it read needs quoting to be written back."""
        assert [True, False, False] == [
            block.plain for block in read_blocks('a,b\n1,2\n"x,y",3\n"p""q",4\n', size=1)[1]
        ]

    @given(messy_texts(), st.integers(1, 5), st.booleans())
    @example('c0\n"1"x,2\n,0\n', 1, False)
    def test_bytes_not_utf8(self, text: str, size: int, bom: bool) -> None:
        """A byte that is not UTF-8 marks its record, as read_sheet marks it, in bytes or in lines."""
        # read_sheet's bytes split lines at "\n" only: keep lone carriage returns out.
        head, body = text.replace("\r", "").encode("utf-8").split(b"\n", 1)
        data = (BOM if bom else "").encode() + head + b"\n" + body.replace(b"2", b"\xff")
        expected = sheet_rows(data)
        assert expected == block_rows(data, size)
        lines = io.TextIOWrapper(
            io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline=""
        )
        assert expected == block_rows(lines, size)

    def test_csv_error_and_the_records_after_it(self) -> None:
        """A record the csv module refuses is a problem at its line; the block reads on."""
        huge = "x" * (csv.field_size_limit() + 1)
        blocks = read_blocks(f"a,b\n1,2\n1,{huge}\n3,4\n", size=10)[1]
        (block,) = list(blocks)
        assert [["1", "2"], ["3", "4"]] == block.cells
        assert [2, 4] == block.lines()
        assert [3] == [line for line, _ in block.problems]
        assert block.problems[0][1].startswith("not readable as CSV (field larger than")
        assert 4 == block.end

    def test_header_checked_as_read_sheet_checks_it(self) -> None:
        """A header lacking a column, or not UTF-8, is refused in the same words."""
        for source in ("NPI, Payer \n", b"\xff\xfe,a\n", b"", '"a\n'):
            with pytest.raises(InvalidData) as expected:
                read_sheet(source, required=("provider",))
            with pytest.raises(InvalidData) as raised:
                read_blocks(source, required=("provider",))
            assert expected.value.errors == raised.value.errors

    def test_streaming(self) -> None:
        """A block at a time: the lines of later blocks are not read yet."""
        taken: list[int] = []

        def lines() -> Iterator[str]:
            for number in range(1_000_000):
                taken.append(number)
                yield "a\n" if number == 0 else f"{number}\n"

        blocks = read_blocks(lines(), size=3)[1]
        assert [["1"], ["2"], ["3"]] == next(blocks).cells
        assert 4 <= len(taken) <= 5

    @pytest.mark.parametrize("junk", [None, 0, object(), [b"a\n"], [1]])
    def test_junk(self, junk: object) -> None:
        """What is not text or lines of text is a CredkitError."""
        with pytest.raises(CredkitError):
            read_blocks(junk)  # type: ignore[arg-type]

    def test_junk_line(self) -> None:
        """A later line that is not text is a problem at its line, as a CSV error is."""
        (block,) = list(read_blocks(["a\n", 1, "b\n"])[1])  # type: ignore[list-item]
        assert [["b"]] == block.cells
        assert [2] == [line for line, _ in block.problems]
        assert block.problems[0][1].startswith("not readable as CSV (iterator should return")
