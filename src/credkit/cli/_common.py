"""What every command shares: refusing with exit code 2, reading files, writing output.

The commands sit above this module and import it; it imports none of them.
"""

import argparse
import json
from collections.abc import Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TextIO, TypeVar

from credkit._convert import to_date
from credkit._sheet import DateStyle
from credkit.answers import Reason, Verdict
from credkit.book import Book
from credkit.errors import CredkitError, InvalidData
from credkit.identifiers import EIN, SSN, parse_tax_id
from credkit.serde import from_json, unstructure
from credkit.tables import read_book

__all__ = [
    "BAD_INPUT",
    "NO",
    "OK",
    "Refused",
    "argument_date",
    "as_data",
    "demo_text",
    "emit_json",
    "indented",
    "is_tables",
    "load",
    "load_book",
    "practice_tin",
    "read_text",
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
