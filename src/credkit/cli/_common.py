"""What every command shares: refusing with exit code 2, reading files, writing output.

Also what more than one command does: reading a claims file (``check-claims`` and
``report --claims``) and the report's sections (``report`` and ``demo``). The
commands sit above this module and import it; it imports none of them, and no
command imports another.
"""

import argparse
import json
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from importlib import resources
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Protocol, TextIO, TypeVar

from credkit._convert import to_date, to_optional_service_code, to_payer_id
from credkit._fields import to_npi, to_optional_state, to_tax_id
from credkit._passes import missing
from credkit._sheet import BLOCK_ROWS, Block, DateStyle, parse_date, read_blocks
from credkit._timeline import Lane
from credkit.answers import Reason, Verdict
from credkit.book import Book
from credkit.claim import Claim
from credkit.errors import CredkitError, InvalidData
from credkit.identifiers import EIN, SSN, parse_tax_id
from credkit.identifiers.npi import calc_check_digit
from credkit.periods import Period
from credkit.practice import Practice
from credkit.provider import License, Profession, Provider
from credkit.serde import from_json, unstructure
from credkit.tables import read_book

__all__ = [
    "BAD_INPUT",
    "CLAIM_BLOCK_ROWS",
    "CLAIM_COLUMNS",
    "DEADLINE_DAYS",
    "NO",
    "OK",
    "OPTIONAL_COLUMNS",
    "PROGRESS_BYTES",
    "ClaimRows",
    "ClaimsFile",
    "JudgedRows",
    "LaneReader",
    "Refused",
    "argument_date",
    "as_data",
    "deadline_lines",
    "demo_text",
    "emit_json",
    "indented",
    "is_tables",
    "load",
    "load_book",
    "medicare_lines",
    "newcomer",
    "practice_report",
    "practice_tin",
    "read_text",
    "report_data",
    "report_lines",
    "table",
    "tables_refused",
    "unknown_practice",
    "verdict_data",
]

OK, NO, BAD_INPUT = 0, 1, 2

T = TypeVar("T")


class Refused(Exception):
    """Stop the command with exit code 2 after printing these lines."""

    def __init__(self, *lines: str) -> None:
        super().__init__(*lines)
        self.lines = lines


# --- reading --------------------------------------------------------------------


def read_text(path: str, what: str) -> str:
    """Read a file, or refuse with one line saying why not."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Refused(f"{path}: no such {what} file") from None
    except UnicodeDecodeError:
        raise Refused(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise Refused(f"{path}: cannot be read ({error.strerror})") from None


def load(path: str, kind: type[T], what: str) -> T:
    """Read a JSON file as a credkit type, or refuse with its problems, one per line."""
    try:
        return from_json(read_text(path, what), kind)
    except InvalidData as error:
        raise Refused(*(f"{path}: {line}" for line in error.errors)) from None


def practice_tin(text: str) -> EIN | SSN:
    """A ``--practice`` tax id, or a refusal naming the option."""
    try:
        return parse_tax_id(text)
    except CredkitError as error:
        raise Refused(f"--practice: {error}") from None


def unknown_practice(book: Book, tin: EIN | SSN, on: date) -> Reason | None:
    """The book's ``unknown_practice`` reason when it holds no practice with ``tin``, else None.

    Asked of the book, so that every command says it in the book's own words.
    """
    if book.practice(tin) is not None:
        return None
    return book.matrix(tin, on=on).reasons[0]


def is_tables(path: str) -> bool:
    """Whether a path names a book's tables (a folder, or an ``.xlsx`` workbook) rather than JSON."""
    return Path(path).is_dir() or Path(path).suffix.lower() == ".xlsx"


def tables_refused(path: str, error: CredkitError) -> Refused:
    """A refusal for a book's tables: each problem under the path as it was given."""
    lines = error.errors if isinstance(error, InvalidData) else (str(error),)
    where = Path(path)
    if where.is_dir():
        return Refused(*(str(where / line) for line in lines))
    # A workbook's problems start with its file name: put the path as given in its place.
    return Refused(
        *[
            path + line.removeprefix(where.name) if line.startswith(where.name) else line
            for line in lines
        ]
    )


def load_book(path: str, *, dates: DateStyle = "iso") -> Book:
    """Read a book from JSON, a folder of CSV tables or an ``.xlsx`` workbook, or refuse."""
    if not is_tables(path):
        return load(path, Book, "book")
    try:
        return read_book(path, dates=dates)
    except CredkitError as error:
        raise tables_refused(path, error) from None
    except OSError as error:
        raise Refused(f"{path}: cannot be read ({error.strerror})") from None


def demo_text(name: str) -> str:
    """One of the sample files shipped with credkit."""
    return resources.files("credkit").joinpath("data", name).read_text(encoding="utf-8")


def argument_date(text: str) -> date:
    """An ``--on`` date: ``YYYY-MM-DD`` only."""
    try:
        return to_date(text)
    except CredkitError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# --- writing --------------------------------------------------------------------


def as_data(obj: object) -> Any:
    """A credkit object as JSON-compatible data for printing: every SSN in it masked.

    Masked by type: a value held as an SSN is masked wherever it sits; nothing
    else is touched, however many digits it has.
    """
    return unstructure(obj, ssns="masked")


def emit_json(data: Any, out: TextIO) -> None:
    """Write data (made with :func:`as_data`) as indented JSON."""
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def verdict_data(verdict: Verdict) -> dict[str, Any]:
    """A verdict as data, naming its contract by id (the book has the rest)."""
    data: dict[str, Any] = as_data(verdict)
    data["contract"] = None if verdict.contract is None else verdict.contract.id
    return data


def indented(answer: object) -> list[str]:
    """An answer's text (its ``str``) under a heading: the first line indented, the rest more."""
    first, *rest = str(answer).splitlines()
    return [f"  {first}", *(f"    {line}" for line in rest)]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns, two spaces apart."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


# --- claims files ----------------------------------------------------------------


CLAIM_COLUMNS = ("provider", "payer", "practice", "date")
OPTIONAL_COLUMNS = ("service", "state")
# Show a progress bar for claims files at least this large, when stderr is a terminal.
PROGRESS_BYTES = 1_000_000
# Rows read, checked and written at a time.
CLAIM_BLOCK_ROWS = BLOCK_ROWS

# How each id column is read: what a Claim's converter for it accepts.
_CONVERTERS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("provider", to_npi),
    ("payer", to_payer_id),
    ("practice", to_tax_id),
    ("service", to_optional_service_code),
    ("state", to_optional_state),
)


class ClaimRows:
    """A block of a claims file's good rows, as columns ready for :meth:`Book.check_columns`.

    ``cells`` are each row's own cells as written (a short row padded with empty
    cells, a practice tax id that is an SSN masked), ``plain`` true when none of
    them needs quoting in CSV; ``provider``, ``payer``,
    ``practice``, ``service`` and ``state`` the trimmed cells of those columns
    (``service`` and ``state`` ``None`` where empty, or ``None`` whole when the file
    has no such column), ``on`` the dates.
    """

    def __init__(
        self,
        cells: list[list[str]],
        columns: dict[str, Any],
        lines: Callable[[], list[int]],
        *,
        plain: bool,
    ) -> None:
        self._lines = lines
        self.cells = cells
        # No cell needs quoting to be written back (a masked SSN or a padding cell never does).
        self.plain = plain
        self.provider: list[str] = columns["provider"]
        self.payer: list[str] = columns["payer"]
        self.practice: list[str] = columns["practice"]
        self.on: list[date] = columns["on"]
        self.service: list[str | None] | None = columns["service"]
        self.state: list[str | None] | None = columns["state"]

    def __len__(self) -> int:
        return len(self.cells)

    def lines(self) -> list[int]:
        """The line each row starts on."""
        return self._lines()

    def columns(self) -> dict[str, list[Any]]:
        """The rows as the columns :meth:`Book.check_columns` takes (those the file has)."""
        found: dict[str, list[Any]] = {
            "provider": self.provider,
            "payer": self.payer,
            "practice": self.practice,
            "on": self.on,
        }
        if self.service is not None:
            found["service"] = self.service
        if self.state is not None:
            found["state"] = self.state
        return found

    def claims(self) -> Iterator[Claim]:
        """Each row's claim."""
        nothing = [None] * len(self.cells)
        for provider, payer, practice, on, service, state in zip(
            self.provider,
            self.payer,
            self.practice,
            self.on,
            self.service or nothing,
            self.state or nothing,
            strict=True,
        ):
            yield Claim(
                provider=provider,
                payer=payer,
                practice=practice,
                on=on,
                service=service,
                state=state,
            )


class JudgedRows:
    """A block of a claims file's good rows and their verdicts (see :meth:`ClaimsFile.judged`).

    ``cells`` and ``plain`` are as :class:`ClaimRows` has them; ``verdicts`` holds
    each row's verdict, in order.
    """

    def __init__(self, cells: list[list[str]], verdicts: list[Verdict], *, plain: bool) -> None:
        self.cells = cells
        self.verdicts = verdicts
        self.plain = plain


class LaneReader(Protocol):
    """What :meth:`ClaimsFile.judged` asks of a book's reader of rows (``Book._reader()``)."""

    def lane(self, key: tuple[Any, ...]) -> Lane:
        """The lane of a row's trimmed ids: provider, payer, practice, service, state."""

    def verdicts(self, columns: dict[str, list[Any]]) -> list[Verdict]:
        """The verdict of each row given as columns."""

    def judge(self, lanes: list[Lane], ordinals: list[int]) -> list[Verdict]:
        """The verdict of each row from its lane and its date's ordinal."""


R = TypeVar("R")


class ClaimsFile:
    """A claims CSV read a block of rows at a time: good rows become columns, bad ones are reported.

    Each distinct cell of a column is read once (a claims file repeats its ids
    and dates many times over), and a row is reported, with the line it starts on,
    for the first of its cells that a :class:`Claim` would refuse: the date, then
    the provider, payer, practice, service and state.
    """

    def __init__(
        self, path: str, errors: TextIO, dates: DateStyle = "iso", *, size: int = CLAIM_BLOCK_ROWS
    ) -> None:
        self.path = path
        self.errors = errors
        self.dates: DateStyle = dates
        self.malformed = 0
        try:
            # Bytes that are not UTF-8 come as escaped surrogates: read_blocks marks their rows.
            self.handle: IO[str] = open(  # noqa: SIM115
                path, encoding="utf-8", errors="surrogateescape", newline=""
            )
        except FileNotFoundError:
            raise Refused(f"{path}: no such claims file") from None
        except OSError as error:
            raise Refused(f"{path}: cannot be read ({error.strerror})") from None
        try:
            self.header, self._blocks = read_blocks(
                self.handle,
                required=CLAIM_COLUMNS,
                optional=OPTIONAL_COLUMNS,
                size=size,
            )
        except InvalidData as error:
            self.handle.close()
            raise Refused(*(f"{path}: {line}" for line in error.errors)) from None
        except OSError as error:
            self.handle.close()
            raise Refused(f"{path}: cannot be read ({error.strerror})") from None
        self.width = len(self.header.cells)
        self.positions = {
            name: self.header.index(name) for name in (*CLAIM_COLUMNS, *OPTIONAL_COLUMNS)
        }
        # Every distinct cell of each column read so far: its problem, or None.
        self.known: dict[str, dict[str | None, str | None]] = {name: {} for name, _ in _CONVERTERS}
        self.days: dict[str | None, date | str] = {}
        # Practice cells that are SSNs, masked.
        self.masked: dict[str | None, str] = {}
        # For judged(): each row's ids as written (a key, see _judge), and their lane;
        # each date cell as written, and its ordinal; keys whose practice is an SSN,
        # and the practice masked.
        self.lanes: dict[Any, Lane] = {}
        self.ordinals: dict[str, int] = {}
        self.masked_keys: dict[Any, str] = {}
        named = [self.positions[name] for name in ("provider", "payer", "practice")]
        named += [at for name in OPTIONAL_COLUMNS if (at := self.positions[name]) is not None]
        self._ids = itemgetter(*named)
        date_at = self.positions["date"]
        assert date_at is not None  # a required column
        self._date_at = date_at
        self._date = itemgetter(self._date_at)
        self.total = self._count_lines() if _wants_progress(path, errors) else 0

    def _count_lines(self) -> int:
        with open(self.path, "rb") as raw:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))

    def blocks(self) -> Iterator[ClaimRows]:
        """The good rows, a block at a time, in order; the bad ones are reported as they are met."""
        for rows in self._each(self._read):
            if rows:
                yield rows

    def judged(self, reader: LaneReader) -> Iterator[JudgedRows]:
        """The good rows and their verdicts, a block at a time, in order.

        The same rows as :meth:`blocks` gives, with the same bad rows reported; each
        verdict is its row's claim's. A row's ids, as written, find their lane with
        one lookup (a claims file repeats a few thousand of them), and only a row
        whose ids or date are new is read cell by cell.
        """
        for rows in self._each(lambda block: self._judge(block, reader)):
            if rows.cells:
                yield rows

    def _each(self, read: Callable[[Block], R]) -> Iterator[R]:
        """Each block read by ``read``, in order, with the progress bar on a terminal."""
        shown = -1
        if self.total:
            shown = _progress(0, self.total, shown, self.errors)
        try:
            for block in self._blocks:
                rows = read(block)
                if self.total:
                    shown = _progress(block.end, self.total, shown, self.errors)
                yield rows
        except OSError as error:
            raise Refused(f"{self.path}: cannot be read ({error.strerror})") from None
        if self.total:
            self.errors.write("\r" + " " * 60 + "\r")

    def _judge(self, block: Block, reader: LaneReader) -> JudgedRows:
        """One block's good rows and their verdicts; its bad rows reported."""
        cells = block.cells
        if block.problems or (bool(cells) and min(map(len, cells)) < self.width):
            # Rows to report or to pad: read column by column.
            rows = self._read(block)
            verdicts = reader.verdicts(rows.columns()) if rows else []
            return JudgedRows(rows.cells, verdicts, plain=rows.plain)
        # A row's ids as one key: joined by commas where no cell holds one (a key then
        # names one set of cells), as they are otherwise.
        keys: list[Any] = list(
            map(",".join, map(self._ids, cells)) if block.plain else map(self._ids, cells)
        )
        lanes: list[Any] = list(map(self.lanes.get, keys))
        ordinals: list[Any] = list(map(self.ordinals.get, map(self._date, cells)))
        new = sorted({*missing(lanes), *missing(ordinals)})
        problems: dict[int, str] = {}
        for row in new:
            found = self._row(cells[row], keys[row], reader)
            if isinstance(found, str):
                problems[row] = found
            else:
                lanes[row], ordinals[row] = found
        if problems:
            self._report(block, problems)
            keep = [index not in problems for index in range(len(cells))]
            cells, keys, lanes, ordinals = (
                list(compress(column, keep)) for column in (cells, keys, lanes, ordinals)
            )
        masked = self.masked_keys
        if masked and not masked.keys().isdisjoint(keys):
            position = self.positions["practice"]
            assert position is not None  # a required column
            for own, key in zip(cells, keys, strict=True):
                if key in masked:
                    own[position] = masked[key]
        return JudgedRows(cells, reader.judge(lanes, ordinals), plain=block.plain)

    def _row(self, own: list[str], key: Any, reader: LaneReader) -> tuple[Lane, int] | str:
        """A row whose ids or date are new, read cell by cell: its lane and day, or its problem."""
        text = own[self._date_at]
        day = self._day(text.strip())
        if isinstance(day, str):
            return day
        ordinal = self.ordinals[text] = day.toordinal()
        lane = self.lanes.get(key)
        if lane is not None:
            return lane, ordinal
        ids: list[str | None] = []
        for name, convert in _CONVERTERS:
            position = self.positions[name]
            value = None if position is None else own[position].strip()
            if name in OPTIONAL_COLUMNS:
                value = value or None
            problem = self._problem(name, convert, value)
            if problem is not None:
                return problem
            ids.append(value)
        lane = self.lanes[key] = reader.lane(tuple(ids))
        practice = ids[2]
        if practice in self.masked:
            self.masked_keys[key] = self.masked[practice]
        return lane, ordinal

    def claims(self) -> Iterator[Claim]:
        """The good rows' claims, in order."""
        for rows in self.blocks():
            yield from rows.claims()

    def _read(self, block: Block) -> ClaimRows:
        cells = block.cells
        width = self.width
        short = bool(cells) and min(map(len, cells)) < width

        def column(name: str) -> list[Any] | None:
            position = self.positions[name]
            if position is None:
                return None
            if not short:
                return list(map(str.strip, map(itemgetter(position), cells)))
            return [row[position].strip() if position < len(row) else None for row in cells]

        columns = {name: column(name) for name in (*CLAIM_COLUMNS, *OPTIONAL_COLUMNS)}
        for name in OPTIONAL_COLUMNS:
            found = columns[name]
            if found is not None:
                # An empty cell is no service code (or state), as a missing one is.
                columns[name] = [value or None for value in found]
        problems: dict[int, str] = {}
        texts = columns.pop("date")
        assert texts is not None  # a required column
        self._mark(problems, texts, self._bad_dates(set(texts)))
        for name, convert in _CONVERTERS:
            found = columns[name]
            if found is not None:
                self._mark(problems, found, self._bad_cells(name, convert, set(found)))
        columns["on"] = list(map(self.days.__getitem__, texts))
        if short:
            for row in cells:
                row.extend([""] * (width - len(row)))
        lines = block.lines
        if block.problems or problems:
            lines = self._report(block, problems)
        if problems:
            keep = [index not in problems for index in range(len(cells))]
            cells = list(compress(cells, keep))
            columns = {
                name: None if values is None else list(compress(values, keep))
                for name, values in columns.items()
            }
        self._mask(cells, columns["practice"])
        return ClaimRows(cells, columns, lines, plain=block.plain)

    def _report(self, block: Block, problems: dict[int, str]) -> Callable[[], list[int]]:
        """Report the block's bad rows in the order of their lines; the good rows' lines."""
        lines = block.lines()
        found = [*block.problems, *((lines[index], problem) for index, problem in problems.items())]
        for line, problem in sorted(found):
            self._bad(line, problem)
        kept = [line for index, line in enumerate(lines) if index not in problems]
        return lambda: kept

    def _mask(self, cells: list[list[str]], practices: list[str] | None) -> None:
        """Show each practice cell that is an SSN masked, as credkit shows every SSN it holds."""
        position = self.positions["practice"]
        if not self.masked or position is None or practices is None:
            return
        masked = self.masked
        shown = masked.keys() & set(practices)
        if shown:
            for row, practice in zip(cells, practices, strict=True):
                if practice in shown:
                    row[position] = masked[practice]

    def _bad_dates(self, present: set[str | None]) -> dict[str | None, str]:
        return {text: found for text in present if isinstance(found := self._day(text), str)}

    def _day(self, text: str | None) -> date | str:
        """A trimmed date cell's date, or its problem; each distinct cell read once."""
        found = self.days.get(text)
        if found is None:
            try:
                found = parse_date(text, self.dates, option="--dates us")
            except CredkitError as error:
                found = f"date: {error}"
            self.days[text] = found
        return found

    def _bad_cells(
        self, name: str, convert: Callable[[Any], Any], present: set[str | None]
    ) -> dict[str | None, str]:
        return {
            value: found
            for value in present
            if (found := self._problem(name, convert, value)) is not None
        }

    def _problem(self, name: str, convert: Callable[[Any], Any], value: str | None) -> str | None:
        """A trimmed id cell's problem, or None; each distinct cell read once."""
        known = self.known[name]
        if value in known:
            return known[value]
        try:
            read = convert(value)
        except CredkitError as error:
            found = known[value] = f"{name}: {error}"
            return found
        known[value] = None
        if isinstance(read, SSN):
            self.masked[value] = str(read)
        return None

    @staticmethod
    def _mark(problems: dict[int, str], values: list[Any], bad: dict[str | None, str]) -> None:
        """Note each row holding a bad value, unless an earlier column already refused it."""
        if bad:
            for index, value in enumerate(values):
                if value in bad:
                    problems.setdefault(index, bad[value])

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


# --- the report ----------------------------------------------------------------


DEADLINE_DAYS = 90


def newcomer(book: Book, practice: Practice, on: date) -> Provider:
    """A hypothetical newly hired clinician, licensed in the practice's states."""
    number = 199999999
    while True:
        digits = f"{number}{calc_check_digit(str(number))}"
        if book.provider(digits) is None:
            break
        number -= 1
    licenses = [
        License(
            state=state,
            profession=Profession.CLINICAL_SOCIAL_WORKER,
            number="new",
            effective=Period(on),
        )
        for state in sorted(practice.states)
    ]
    return Provider(npi=digits, name="a new clinician", licenses=licenses)


def practice_report(
    book: Book, practice: Practice, on: date, hire: Provider | None = None
) -> dict[str, Any]:
    """Everything the report says of one practice, as data.

    ``hire`` is the provider whose addition the report plans; by default a new
    clinician licensed in the practice's states.
    """
    staff = [provider for provider in book.providers if practice.on_roster(provider.npi, on)]
    verdicts = {
        (provider.npi, payer.id): book.can_bill(
            Claim(provider=provider.npi, payer=payer.id, practice=practice.tin, on=on)
        )
        for provider in staff
        for payer in book.payers
    }
    eligibility = {
        payer.id: book.group_eligibility(practice.tin, payer.id, on=on) for payer in book.payers
    }
    hire = hire or newcomer(book, practice, on)
    plans = book.adding_provider(practice.tin, hire, on=on)
    advice = {
        payer.id: book.recommend_enrollment(practice.tin, payer.id, on=on) for payer in book.payers
    }
    medicare = {
        (provider.npi, payer.id): book.medicare_options(provider.npi, on=on, payer_id=payer.id)
        for payer in book.payers
        if payer.rules.medicare
        for provider in staff
    }
    return {
        "advice": advice,
        "medicare": medicare,
        "hire": hire,
        "practice": practice,
        "staff": staff,
        "verdicts": verdicts,
        "eligibility": eligibility,
        "plans": plans,
    }


def report_lines(book: Book, found: dict[str, Any], on: date) -> list[str]:
    """One practice's report as lines of text."""
    practice: Practice = found["practice"]
    lines = [f"{practice} on {on.isoformat()}", "", "Who can bill whom"]
    if found["staff"]:
        header = ["", *(payer.id for payer in book.payers)]
        rows = [
            [
                provider.name,
                *(
                    "yes"
                    if found["verdicts"][provider.npi, payer.id]
                    else found["verdicts"][provider.npi, payer.id].reasons[0].code.value
                    for payer in book.payers
                ),
            ]
            for provider in found["staff"]
        ]
        lines += ["  " + line for line in table(header, rows)]
    else:
        lines.append("  nobody is on the roster on that date")
    lines += ["", "Group contracts"]
    lines += [
        f"  {payer_id}: {str(answer).splitlines()[0]}"
        for payer_id, answer in found["eligibility"].items()
    ]
    lines += ["", "Individual or group"]
    for payer_id, advice in found["advice"].items():
        lines.append(f"  {payer_id}: {advice.choice} contracts")
        lines += [f"    {reason}" for reason in advice.reasons]
    lines += medicare_lines(found)
    hire: Provider = found["hire"]
    if hire.name == "a new clinician":
        lines += ["", "Adding a provider (a new clinician licensed in the practice's states)"]
    else:
        lines += ["", f"Adding {hire.name}"]
    for plan in found["plans"].values():
        lines += indented(plan)
    return lines


def medicare_lines(found: dict[str, Any]) -> list[str]:
    """Each clinician's position with Medicare: enrolled, opted out or neither, and why."""
    if not found["medicare"]:
        return []
    names = {provider.npi: provider.name for provider in found["staff"]}
    lines = ["", "Medicare: enroll, opt out, or neither"]
    for (npi, payer_id), answer in found["medicare"].items():
        choice = "" if answer else "; cannot enroll or opt out"
        lines.append(f"  {names[npi]} ({payer_id}): {answer.current.value}{choice}")
        lines += [f"    {reason}" for reason in (*answer.reasons, *answer.notes)]
    return lines


def deadline_lines(book: Book, on: date) -> list[str]:
    """The book's calendar for the next 90 days, overdue items first."""
    found = book.deadlines(on=on, within_days=DEADLINE_DAYS)
    lines = [f"Next {DEADLINE_DAYS} days (and anything overdue)"]
    if not found:
        return [*lines, "  nothing falls due"]
    for item in found:
        late = " OVERDUE" if item.overdue else ""
        lines.append(f"  {item.due.isoformat()}{late} {item.kind.value}: {item.subject}")
        lines.append(f"    {item.action}")
    return lines


def report_data(found: dict[str, Any], on: date) -> dict[str, Any]:
    """One practice's report as JSON-compatible data."""
    practice: Practice = found["practice"]
    return {
        "practice": {"name": practice.name, "tin": as_data(practice.tin)},
        "on": on.isoformat(),
        "can_bill": [
            {
                "provider": provider.name,
                "npi": str(npi),
                "payer": payer_id,
                "allowed": verdict.allowed,
                "reasons": [reason.code.value for reason in verdict.reasons],
            }
            for (npi, payer_id), verdict in found["verdicts"].items()
            for provider in found["staff"]
            if provider.npi == npi
        ],
        "group_eligibility": {
            payer_id: as_data(answer) for payer_id, answer in found["eligibility"].items()
        },
        "recommendations": {
            payer_id: as_data(advice) for payer_id, advice in found["advice"].items()
        },
        "medicare": [
            {"payer": payer_id, **as_data(answer)}
            for (_, payer_id), answer in found["medicare"].items()
        ],
        "adding_provider": {
            "provider": found["hire"].name,
            "plans": {payer_id: as_data(plan) for payer_id, plan in found["plans"].items()},
        },
    }
