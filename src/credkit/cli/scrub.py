"""``credkit scrub BOOK CLAIMS.837``: every service line of an 837P batch, before it goes out."""

import argparse
import csv
import json
from typing import TextIO

from credkit.cli._common import NO, OK, Refused, load_book, masked, read_text
from credkit.errors import CredkitError, InvalidData, mask_ssns
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
            if writer is not None:
                writer.writerow({key: mask_ssns(value) for key, value in scrub_row(result).items()})
            else:
                target.write(json.dumps(masked(scrub_record(result)), ensure_ascii=False) + "\n")
    finally:
        if target is not out:
            target.close()
    summary = summarize(results)
    for line in str(summary).splitlines():
        errors.write(mask_ssns(f"credkit: {line}") + "\n")
    return NO if summary.refused else OK
