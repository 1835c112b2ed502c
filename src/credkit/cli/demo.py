"""``credkit demo``: the report on the sample practice credkit ships, or its files."""

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from credkit.book import Book
from credkit.cli._common import (
    DEADLINE_DAYS,
    OK,
    Refused,
    as_data,
    deadline_lines,
    demo_text,
    emit_json,
    practice_report,
    report_data,
    report_lines,
)
from credkit.provider import Provider
from credkit.serde import from_json

__all__ = ["DEMO_DATE", "DEMO_FILES", "command"]

DEMO_DATE = date(2026, 6, 1)
DEMO_FILES = ("demo_book.json", "demo_provider.json", "demo_claims.csv", "demo_claims.837")


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit demo``."""
    if arguments.export:
        folder = Path(arguments.export)
        targets = [folder / name.removeprefix("demo_") for name in DEMO_FILES]
        taken = [str(target) for target in targets if target.exists()]
        if taken and not arguments.force:
            raise Refused(
                f"{', '.join(taken)}: already there; nothing was written "
                "(--force writes the sample files over them)"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in DEMO_FILES:
                (folder / name.removeprefix("demo_")).write_text(demo_text(name), encoding="utf-8")
        except OSError as error:
            raise Refused(f"{folder}: cannot write the sample files ({error.strerror})") from None
        out.write(f"wrote book.json, provider.json, claims.csv and claims.837 to {folder}\n")
        return OK
    book = from_json(demo_text("demo_book.json"), Book)
    hire = from_json(demo_text("demo_provider.json"), Provider)
    on = arguments.on or DEMO_DATE
    found = practice_report(book, book.practices[0], on, hire)
    if arguments.json:
        data = report_data(found, on)
        data["deadlines"] = [
            as_data(item) for item in book.deadlines(on=on, within_days=DEADLINE_DAYS)
        ]
        emit_json(data, out)
        return OK
    lines = [
        "credkit demo: a sample practice that grew from one clinician to five, hiring a sixth.",
        "Write the sample files out with: credkit demo --export DIR",
        "",
        *report_lines(book, found, on),
        "",
        *deadline_lines(book, on),
    ]
    out.write("\n".join(lines) + "\n")
    return OK
