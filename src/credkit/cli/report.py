"""``credkit report BOOK --on DATE``: each practice's matrix, eligibility, advice and plans.

With a Medicare payer in the book (its rules say ``medicare``), each clinician's
Medicare position too. Then the book's calendar for the next 90 days.

``credkit demo`` prints the same report on the sample practice: the sections both
print are in ``_common``.
"""

import argparse
from pathlib import Path
from typing import TextIO

from credkit.book import Book
from credkit.cli._common import (
    BAD_INPUT,
    DEADLINE_DAYS,
    NO,
    OK,
    ClaimsFile,
    Refused,
    as_data,
    deadline_lines,
    emit_json,
    load_book,
    practice_report,
    practice_tin,
    report_data,
    report_lines,
    unknown_practice,
)
from credkit.practice import Practice
from credkit.report import html_report

__all__ = ["command", "write_html"]


def write_html(
    book: Book, practices: tuple[Practice, ...], arguments: argparse.Namespace, errors: TextIO
) -> int:
    """Write the one-page HTML report, with the revenue at risk when claims are given."""
    claims = None
    if arguments.claims:
        source = ClaimsFile(arguments.claims, errors, arguments.dates)
        try:
            claims = list(source.claims())
        finally:
            source.close()
    page = html_report(
        book,
        on=arguments.on,
        practice=practices[0].tin if len(practices) == 1 and arguments.practice else None,
        claims=claims,
    )
    try:
        Path(arguments.html).write_text(page, encoding="utf-8")
    except OSError as error:
        raise Refused(f"{arguments.html}: cannot be written ({error.strerror})") from None
    errors.write(f"credkit: wrote {arguments.html}\n")
    # Malformed claims rows were reported and left out, as check-claims does.
    return BAD_INPUT if claims is not None and source.malformed else OK


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit report``."""
    book = load_book(arguments.book)
    practices = book.practices
    if arguments.practice:
        tin = practice_tin(arguments.practice)
        unknown = unknown_practice(book, tin, arguments.on)
        if unknown is not None:
            # An answer, as can-bill and add-provider give it: no such practice (exit 1).
            if arguments.json:
                emit_json({"practices": [], "reasons": [as_data(unknown)], "deadlines": []}, out)
            else:
                out.write(f"{unknown}\n")
            return NO
        practices = tuple(p for p in book.practices if p.tin == tin)
    if arguments.html:
        return write_html(book, practices, arguments, errors)
    if arguments.claims:
        raise Refused("--claims: give it with --html, to add the revenue at risk to the page")
    reports = [practice_report(book, practice, arguments.on) for practice in practices]
    if arguments.json:
        calendar = book.deadlines(on=arguments.on, within_days=DEADLINE_DAYS)
        emit_json(
            {
                "practices": [report_data(found, arguments.on) for found in reports],
                "reasons": [],
                "deadlines": [as_data(item) for item in calendar],
            },
            out,
        )
        return OK
    lines: list[str] = []
    for found in reports:
        if lines:
            lines.append("")
        lines += report_lines(book, found, arguments.on)
    lines += [""] if lines else []
    lines += deadline_lines(book, arguments.on)
    out.write("\n".join(lines) + "\n")
    return OK
