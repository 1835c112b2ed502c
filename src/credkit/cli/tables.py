"""``credkit template``, ``import`` and ``export``: a book's tables, to fill in and convert.

``template DIR|FILE.xlsx`` writes every table with its header and one worked example
row; ``import TABLES -o BOOK.json`` reads tables into a JSON book; ``export BOOK -o
DIR|FILE.xlsx`` writes a book (JSON or tables) as tables. The JSON document and the
tables carry the same information, SSNs in full: they are files, not printouts.
"""

import argparse
from pathlib import Path
from typing import TextIO

from credkit.cli._common import OK, Refused, load_book, tables_refused
from credkit.errors import CredkitError, mask_ssns
from credkit.serde import to_json
from credkit.tables import TABLES, write_book, write_template

__all__ = ["export", "import_tables", "template"]


def _written(path: str) -> str:
    return "the workbook" if Path(path).suffix.lower() == ".xlsx" else "the tables"


def template(arguments: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    """Run ``credkit template``: refuse to write over tables already there."""
    where = Path(arguments.path)
    taken = [where] if where.is_file() else [where / f"{name}.csv" for name in TABLES]
    if any(path.exists() for path in taken):
        raise Refused(f"{where}: already holds tables; give a new folder or workbook")
    try:
        write_template(where)
    except CredkitError as error:
        raise tables_refused(arguments.path, error) from None
    except OSError as error:
        raise Refused(f"{where}: cannot be written ({error.strerror})") from None
    out.write(f"wrote {_written(arguments.path)} with an example row each to {where}\n")
    return OK


def import_tables(arguments: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    """Run ``credkit import``: tables in, a JSON book out."""
    book = load_book(arguments.tables, dates=arguments.dates)
    try:
        Path(arguments.output).write_text(to_json(book) + "\n", encoding="utf-8")
    except OSError as error:
        raise Refused(f"{arguments.output}: cannot be written ({error.strerror})") from None
    out.write(mask_ssns(f"wrote {book!r} to {arguments.output}") + "\n")
    return OK


def export(arguments: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    """Run ``credkit export``: a book in, its tables out."""
    book = load_book(arguments.book)
    try:
        write_book(book, arguments.output)
    except CredkitError as error:
        raise Refused(*(f"{arguments.output}: {line}" for line in _lines(error))) from None
    except OSError as error:
        raise Refused(f"{arguments.output}: cannot be written ({error.strerror})") from None
    out.write(f"wrote {book!r} as {_written(arguments.output)} to {arguments.output}\n")
    return OK


def _lines(error: CredkitError) -> tuple[str, ...]:
    errors: tuple[str, ...] | None = getattr(error, "errors", None)
    return errors if errors is not None else (str(error),)
