r"""Reading CSV text as spreadsheets save it: one reader for every edge that takes a table.

Excel, Numbers and Google Sheets save CSV with habits of their own: a UTF-8 byte-order
mark ("CSV UTF-8"), headers typed as ``Provider`` or `` date ``, cells padded with
spaces, and dates written ``06/01/2026``. :func:`read_sheet` accepts all of these, and
keeps what it read: each :class:`Row` has its line number and its cells exactly as
written, so that columns credkit does not interpret can be written back unchanged.

Everything here is a pure function of text or bytes; the caller opens the file. Rows
are read one at a time: give :func:`read_sheet` an open binary file (or any iterable
of lines) and a file of any size is never held in memory whole.

>>> sheet = read_sheet(b"\xef\xbb\xbfProvider , date,Note\n1743926184, 2026-06-01 ,x\n",
...                    required=("provider", "date"))
>>> sheet.header.names
('Provider', 'date', 'Note')
>>> row = next(sheet.rows)
>>> row.line, row.get("provider"), row.get("date"), row.cells
(2, '1743926184', '2026-06-01', ('1743926184', ' 2026-06-01 ', 'x'))
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, compress, islice
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    import _csv

from credkit._convert import describe, shown, to_date
from credkit.errors import InvalidData, InvalidValue

__all__ = [
    "BLOCK_ROWS",
    "BOM",
    "Block",
    "DateStyle",
    "Header",
    "Row",
    "Sheet",
    "parse_date",
    "read_blocks",
    "read_sheet",
]

BOM = "\ufeff"
_BOM_BYTES = BOM.encode("utf-8")

DateStyle = Literal["iso", "us"]
_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _key(name: str) -> str:
    """A header name as matched: trimmed, and lower case when it is ASCII.

    Only ASCII is folded, so that no other letter (the long s, a Kelvin sign) can
    pass for the name of a column credkit reads.
    """
    name = name.strip()
    return name.lower() if name.isascii() else name


@attrs.frozen(kw_only=True)
class Header:
    """A sheet's header row.

    ``cells`` are the names exactly as written; ``names`` trimmed; ``bom`` says
    whether the text began with a byte-order mark (not part of the first name).

    >>> header = Header(cells=(" Provider", "DATE "))
    >>> header.names, header.index("provider"), header.index("date"), header.index("state")
    (('Provider', 'DATE'), 0, 1, None)
    """

    cells: tuple[str, ...]
    bom: bool = False
    _keys: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    @_keys.default
    def _first_positions(self) -> dict[str, int]:
        keys: dict[str, int] = {}
        for position, cell in enumerate(self.cells):
            keys.setdefault(_key(cell), position)
        return keys

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, trimmed."""
        return tuple(cell.strip() for cell in self.cells)

    def index(self, name: str) -> int | None:
        """The position of the column called ``name`` (any case, spaces ignored), or ``None``."""
        return self._keys.get(_key(name))


@attrs.frozen(kw_only=True)
class Row:
    """One record of a sheet.

    ``line`` is the line it starts on (the header is line 1); ``cells`` are its cells
    exactly as written. ``problem`` says why the record could not be read (bytes that
    are not UTF-8, more cells than the header has columns, a CSV error); its cells are
    then whatever could be read, and should not be used.

    >>> row = Row(line=2, cells=(" 90837 ",), header=Header(cells=("Service",)))
    >>> row.get("SERVICE"), row.get("state")
    ('90837', None)
    """

    line: int
    cells: tuple[str, ...]
    header: Header
    problem: str | None = None

    def get(self, name: str) -> str | None:
        """The trimmed cell under column ``name``; ``None`` if there is no such column or cell."""
        position = self.header.index(name)
        if position is None or position >= len(self.cells):
            return None
        return self.cells[position].strip()


class Sheet:
    """A sheet being read: its :class:`Header`, then its rows, once, in order.

    ``rows`` is an iterator: each :class:`Row` is read when it is asked for.
    """

    def __init__(self, header: Header, rows: Iterator[Row]) -> None:
        self.header = header
        self.rows = rows


class _Lines:
    """Decoded lines for the CSV reader, remembering the lines that were not UTF-8."""

    def __init__(self, source: Iterable[bytes] | Iterable[str]) -> None:
        try:
            self.source: Iterator[object] = iter(source)
        except TypeError:
            raise InvalidValue(
                f"expected CSV text, bytes or an iterable of lines, got {describe(source)}"
            ) from None
        self.kind: type | None = None
        self.number = 0
        self.bad: set[int] = set()
        self.bom = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.source)
        self.number += 1
        if self.kind is None and isinstance(line, bytes | str):
            self.kind = type(line)
        if not isinstance(line, bytes | str) or type(line) is not self.kind:
            raise InvalidValue(
                f"line {self.number}: expected a line of "
                f"{'text' if self.kind is str else 'bytes'}, got {describe(line)}"
            )
        if isinstance(line, bytes):
            if self.number == 1 and line.startswith(_BOM_BYTES):
                self.bom = True
                line = line[len(_BOM_BYTES) :]
            try:
                return line.decode("utf-8")
            except UnicodeDecodeError:
                # Read on, so that the rest of the record is consumed with it.
                self.bad.add(self.number)
                return line.decode("utf-8", errors="replace")
        if self.number == 1 and line.startswith(BOM):
            self.bom = True
            line = line[1:]
        return line


def _lines(source: bytes | str | Iterable[bytes] | Iterable[str]) -> _Lines:
    if isinstance(source, bytes):
        # Split on b"\n" only: UTF-8 never puts that byte inside a character.
        return _Lines(io.BytesIO(source))
    if isinstance(source, str):
        # newline="" keeps "\r\n" and leaves other line separators inside their cells.
        return _Lines(io.StringIO(source, newline=""))
    return _Lines(source)


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def read_sheet(
    source: bytes | str | Iterable[bytes] | Iterable[str],
    *,
    required: Sequence[str] = (),
    optional: Sequence[str] = (),
) -> Sheet:
    r"""Read the header of CSV ``source`` now, and its rows as they are asked for.

    ``source`` is the whole text (``bytes`` or ``str``) or its lines (an open binary
    file, for one). Bytes are UTF-8, with or without a byte-order mark. The header
    must have every column in ``required``; a column named in ``required`` or
    ``optional`` may appear only once. Names match in any case, spaces around them
    ignored. Blank lines are skipped.

    Raises :class:`~credkit.errors.InvalidData` when the header cannot be read or lacks
    a required column; a row that cannot be read comes with its ``problem`` instead,
    so that the rows after it can still be read.

    >>> read_sheet("NPI,payer\n", required=("provider", "payer", "date"))
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidData: 1 problem in the data
      line 1: missing columns provider, date; the header has NPI, payer
    >>> sheet = read_sheet("a,b\n1,2,3\n\n4,5\n")
    >>> [(row.line, row.cells, row.problem) for row in sheet.rows]
    [(2, ('1', '2', '3'), 'more values than columns'), (4, ('4', '5'), None)]
    """
    lines = _lines(source)
    # Strict: a quote left open would otherwise swallow the rest of the file into one cell.
    reader = csv.reader(lines, strict=True)
    try:
        cells = next(reader)
    except StopIteration:
        raise InvalidData(["empty file; expected a header row"]) from None
    except csv.Error as error:
        raise InvalidData([f"line 1: not a CSV header ({error})"]) from None
    if 1 in lines.bad:
        raise InvalidData(["line 1: not a CSV header (not UTF-8 text)"])
    header = _header(cells, bom=lines.bom, required=required, optional=optional)
    return Sheet(header, _rows(reader, lines, header))


def _header(
    cells: list[str], *, bom: bool, required: Sequence[str], optional: Sequence[str]
) -> Header:
    """The header row, or InvalidData if it lacks a required column or repeats one credkit reads."""
    header = Header(cells=tuple(cells), bom=bom)
    problems = []
    missing = [name for name in required if header.index(name) is None]
    if missing:
        found = ", ".join(header.names) if any(header.names) else "no names"
        problems.append(
            f"line 1: missing {_plural(len(missing), 'column')} {', '.join(missing)}; "
            f"the header has {found}"
        )
    for name in (*required, *optional):
        positions = [str(i + 1) for i, cell in enumerate(cells) if _key(cell) == _key(name)]
        if len(positions) > 1:
            problems.append(
                f"line 1: column {name} appears {len(positions)} times "
                f"(columns {', '.join(positions)}); keep one"
            )
    if problems:
        raise InvalidData(problems)
    return header


def _rows(reader: "_csv.Reader", lines: _Lines, header: Header) -> Iterator[Row]:
    width = len(header.cells)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Row(line=start, cells=(), header=header, problem=f"not readable as CSV ({error})")
            continue
        if not cells:
            continue
        problem = None
        if lines.bad:
            if any(start <= number <= reader.line_num for number in lines.bad):
                problem = "not UTF-8 text"
            lines.bad = {number for number in lines.bad if number > reader.line_num}
        if problem is None and len(cells) > width:
            problem = "more values than columns"
        yield Row(line=start, cells=tuple(cells), header=header, problem=problem)


# Records read at a time by read_blocks: enough that the per-block work is spread thin,
# few enough that a block's cells take a few megabytes at most.
BLOCK_ROWS = 20_000
# What a file's bytes that are not UTF-8 become when read with errors="surrogateescape".
_ESCAPED = re.compile("[\udc80-\udcff]")


class Block:
    r"""Records of a sheet read at once: their cells as the csv module gives them.

    ``cells`` holds the readable records, each a list of its cells exactly as
    written (blank lines left out; a short record is left short). ``problems``
    names each record that could not be read, as ``(line, problem)``, in order.
    ``plain`` says that no cell read holds a comma, a quote or a line break, so that
    the cells need no quoting to be written back. ``end`` is the last line the block
    read. :meth:`lines` gives the line each
    record of ``cells`` starts on, worked out only when asked for.

    >>> header, blocks = read_blocks("a,b\n1,2\n\n\"x\ny\",3\n4,5,6\n")
    >>> block = next(blocks)
    >>> block.cells, block.lines(), block.problems, block.end, block.plain
    ([['1', '2'], ['x\ny', '3']], [2, 4], [(6, 'more values than columns')], 6, False)
    """

    def __init__(
        self,
        records: list[list[str]],
        marks: list[tuple[int, int]],
        failed: list[tuple[int, int, str]],
        end: int,
        width: int,
    ) -> None:
        self.end = end
        self.cells = records
        self.problems: list[tuple[int, str]] = [(line, problem) for _, line, problem in failed]
        self._marks = marks
        self._lines: list[int] | None = None
        widths = set(map(len, records))
        # Each record joined, then the records: faster than one join over every cell.
        text = "".join(map("".join, records))
        # What makes the csv module quote a cell: its delimiter, its quote, a line break.
        self.plain = not any(character in text for character in ',"\r\n')
        escaped = not text.isascii() and _ESCAPED.search(text) is not None
        del text
        if not failed and 0 not in widths and max(widths, default=0) <= width and not escaped:
            return
        lines = self._starts()
        problems = {
            index: "more values than columns"
            for index, record in enumerate(records)
            if len(record) > width
        }
        if escaped:
            problems.update(
                (index, "not UTF-8 text")
                for index, record in enumerate(records)
                if _escaped([record])
            )
        self.problems = sorted(
            [*self.problems, *((lines[index], problem) for index, problem in problems.items())]
        )
        keep = [bool(record) and index not in problems for index, record in enumerate(records)]
        self.cells = list(compress(records, keep))
        self._lines = list(compress(lines, keep))

    def lines(self) -> list[int]:
        """The line each record of ``cells`` starts on (the header is line 1)."""
        if self._lines is None:
            self._lines = self._starts()
        return self._lines

    def _starts(self) -> list[int]:
        """The line each record read starts on, from where each run of records began."""
        records, marks = self.cells, self._marks
        first = marks[0][1]
        if len(marks) == 1 and self.end - first + 1 == len(records):
            # One line a record: the common case, where no line needs counting.
            return list(range(first, self.end + 1))
        starts: list[int] = []
        bounds = [*marks[1:], (len(records), 0)]
        for (start, line), (after, _) in zip(marks, bounds, strict=True):
            at = line
            for record in records[start:after]:
                starts.append(at)
                at += _record_lines(record)
        return starts


def _escaped(records: list[list[str]]) -> bool:
    """Whether any cell holds a byte that was not UTF-8 (read as an escaped surrogate)."""
    text = "".join(chain.from_iterable(records))
    # An ASCII string says so in O(1); only other text is searched.
    return not text.isascii() and _ESCAPED.search(text) is not None


def _record_lines(record: list[str]) -> int:
    r"""How many lines a record takes: one, and one more for each line break in its cells.

    A file read with newline="" breaks lines at "\r\n", "\r" and "\n", as the csv
    module counts them.
    """
    breaks = 0
    for cell in record:
        if "\n" in cell or "\r" in cell:
            breaks += cell.count("\n") + cell.count("\r") - cell.count("\r\n")
    return 1 + breaks


def read_blocks(
    source: str | bytes | Iterable[str],
    *,
    required: Sequence[str] = (),
    optional: Sequence[str] = (),
    size: int = BLOCK_ROWS,
) -> tuple[Header, Iterator[Block]]:
    r"""Read the header of CSV ``source`` now, and its records a :class:`Block` at a time.

    What :func:`read_sheet` reads, read as fast as the csv module reads it: the
    records of a block are parsed in one call, and each is left as the list of
    cells the csv module gives. ``source`` is the whole text (``str``, or UTF-8
    ``bytes``), or its lines as a file opened with
    ``open(path, encoding="utf-8", errors="surrogateescape", newline="")`` gives
    them: bytes that are not UTF-8 come as escaped surrogates, and the record
    holding them is then a problem (``not UTF-8 text``), as every record
    :func:`read_sheet` would report; the header is checked as it checks it.

    >>> header, blocks = read_blocks(b"\xef\xbb\xbfProvider,date\n1,2\n1,\xff\n",
    ...                              required=("provider",))
    >>> header.bom, header.index("provider")
    (True, 0)
    >>> [(block.cells, block.problems) for block in blocks]
    [([['1', '2']], [(3, 'not UTF-8 text')])]
    """
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="surrogateescape")
    if isinstance(source, str):
        source = io.StringIO(source, newline="")
    reader = csv.reader(_text_lines(source), strict=True)
    try:
        cells = next(reader)
    except StopIteration:
        raise InvalidData(["empty file; expected a header row"]) from None
    except csv.Error as error:
        raise InvalidData([f"line 1: not a CSV header ({error})"]) from None
    bom = bool(cells) and cells[0].startswith(BOM)
    if bom:
        cells[0] = cells[0][1:]
    if _escaped([cells]):
        raise InvalidData(["line 1: not a CSV header (not UTF-8 text)"])
    header = _header(cells, bom=bom, required=required, optional=optional)
    return header, _blocks(reader, len(header.cells), size)


def _text_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines, the first checked to be text; a later line that is not is the csv module's error."""
    try:
        found = iter(lines)
    except TypeError:
        raise InvalidValue(
            f"expected CSV text or an iterable of lines of text, got {describe(lines)}"
        ) from None
    first = next(found, None)
    if first is not None and not isinstance(first, str):
        raise InvalidValue(f"line 1: expected a line of text, got {describe(first)}")
    # chain, not a generator: the lines then reach the reader without a Python call each.
    return found if first is None else chain([first], found)


def _blocks(reader: "_csv.Reader", width: int, size: int) -> Iterator[Block]:
    while True:
        start = reader.line_num + 1
        records: list[list[str]] = []
        # Where each run of records began, as (index in records, line): a record the
        # reader refused starts a new run.
        marks = [(0, start)]
        failed: list[tuple[int, int, str]] = []
        while len(records) < size:
            try:
                # A list extended from the reader keeps the records read before an error.
                records.extend(islice(reader, size - len(records)))
                break
            except csv.Error as error:
                first, line = marks[-1]
                line += sum(map(_record_lines, records[first:]))
                failed.append((len(records), line, f"not readable as CSV ({error})"))
                marks.append((len(records), reader.line_num + 1))
        if not records and not failed:
            return
        yield Block(records, marks, failed, reader.line_num, width)


def parse_date(text: str | None, dates: DateStyle = "iso", *, option: str = 'dates="us"') -> date:
    """A date from a cell: ``YYYY-MM-DD``; with ``dates="us"``, ``MM/DD/YYYY`` too.

    ``option`` is how the caller's user asks for US dates: a date written the US way,
    read as ISO, is refused with a message suggesting it.

    >>> parse_date("2026-06-01"), parse_date("6/1/2026", "us"), parse_date("2026-06-01", "us")
    (datetime.date(2026, 6, 1), datetime.date(2026, 6, 1), datetime.date(2026, 6, 1))
    >>> parse_date("06/01/2026", option="--dates us")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: expected a date written YYYY-MM-DD, got '06/01/2026' (for MM/DD/YYYY dates, use --dates us)
    >>> parse_date("02/30/2026", "us")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: '02/30/2026' is not a real calendar date
    """
    if text is not None and not isinstance(text, str):
        raise InvalidValue(f"expected a date written YYYY-MM-DD, got {describe(text)}")
    if dates == "iso":
        try:
            return to_date(text)
        except InvalidValue as error:
            if isinstance(text, str) and _US_DATE.fullmatch(text):
                raise InvalidValue(f"{error.rule} (for MM/DD/YYYY dates, use {option})") from None
            raise
    if dates != "us":
        raise InvalidValue(f"dates must be 'iso' or 'us', got {shown(dates)}")
    us = _US_DATE.fullmatch(text) if isinstance(text, str) else None
    if us is None:
        if isinstance(text, str) and _ISO_DATE.fullmatch(text):
            return to_date(text)
        got = shown(text) if isinstance(text, str) else describe(text)
        raise InvalidValue(f"expected a date written MM/DD/YYYY or YYYY-MM-DD, got {got}")
    month, day, year = (int(part) for part in us.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(f"{shown(us.group(0))} is not a real calendar date") from None
