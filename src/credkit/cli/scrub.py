"""``credkit scrub BOOK CLAIMS.837``: every service line of an 837P batch, before it goes out."""

import argparse
import csv
import json
from typing import TextIO

from credkit.cli._common import NO, OK, Refused, load_book, read_text, verdict_data
from credkit.errors import CredkitError, InvalidData
from credkit.scrub import ROW_FIELDS, ScrubbedLine, scrub_record, scrub_row, summarize
from credkit.x12 import read_837p

__all__ = ["command"]


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit scrub``: exit 0 when every service line can go out, 1 when not."""
    book = load_book(arguments.book)
    text = read_text(arguments.claims, "837P claims")
    try:
        # Read whole first: a file with a problem anywhere writes no rows at all.
        lines = list(read_837p(text))
    except InvalidData as error:
        raise Refused(*(f"{arguments.claims}: {line}" for line in error.errors)) from None
    except CredkitError as error:
        raise Refused(str(error)) from None
    results: list[ScrubbedLine] = []
    target: TextIO = out
    try:
        if arguments.output:
            try:
                target = open(arguments.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as error:
                raise Refused(f"{arguments.output}: cannot be written ({error.strerror})") from None
        writer = None
        if not arguments.json:
            writer = csv.DictWriter(target, fieldnames=ROW_FIELDS, lineterminator="\n")
            writer.writeheader()
        for result in book.scrub(lines):
            results.append(result)
            # SSNs are masked by type: the rows and records show tax ids as credkit does.
            if writer is not None:
                writer.writerow(scrub_row(result))
            else:
                # The verdict's keys exactly as can-bill --json prints them.
                record = {**scrub_record(result), **verdict_data(result.verdict)}
                target.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if target is not out:
            target.close()
    summary = summarize(results)
    for line in str(summary).splitlines():
        errors.write(f"credkit: {line}\n")
    return NO if summary.refused else OK
