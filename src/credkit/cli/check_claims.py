"""``credkit check-claims BOOK CLAIMS.csv``: every claim in a CSV file, row by row."""

import argparse
import csv
import json
import os
from collections.abc import Iterator
from typing import IO, TextIO

from credkit.answers import Verdict
from credkit.book import Book
from credkit.claim import Claim
from credkit.cli._common import BAD_INPUT, NO, OK, Refused, load, masked
from credkit.errors import CredkitError, mask_ssns

__all__ = ["CLAIM_COLUMNS", "OPTIONAL_COLUMNS", "PROGRESS_BYTES", "RESULT_COLUMNS", "command"]

CLAIM_COLUMNS = ("provider", "payer", "practice", "date")
OPTIONAL_COLUMNS = ("service", "state")
RESULT_COLUMNS = ("allowed", "reasons", "billing_npi", "tax_id", "rendering_npi", "rate")
# Show a progress bar for claims files at least this large, when stderr is a terminal.
PROGRESS_BYTES = 1_000_000


class ClaimsFile:
    """A claims CSV read row by row: good rows become claims, bad ones are reported."""

    def __init__(self, path: str, errors: TextIO) -> None:
        self.path = path
        self.errors = errors
        self.malformed = 0
        self.rows: list[dict[str, str]] = []
        try:
            self.handle: IO[str] = open(path, encoding="utf-8", newline="")  # noqa: SIM115
        except FileNotFoundError:
            raise Refused(f"{path}: no such claims file") from None
        except OSError as error:
            raise Refused(f"{path}: cannot be read ({error.strerror})") from None
        self.reader = csv.DictReader(self.handle)
        try:
            header = self.reader.fieldnames
        except (UnicodeDecodeError, csv.Error) as error:
            raise Refused(f"{path}: line 1: not a CSV header ({error})") from None
        if header is None:
            raise Refused(f"{path}: empty file; expected a header row")
        missing = [name for name in CLAIM_COLUMNS if name not in header]
        if missing:
            raise Refused(
                f"{path}: line 1: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} (expected {', '.join(CLAIM_COLUMNS + OPTIONAL_COLUMNS)})"
            )
        self.header = list(header)
        self.total = self._count_lines() if _wants_progress(path, errors) else 0

    def _count_lines(self) -> int:
        with open(self.path, "rb") as raw:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))

    def claims(self) -> Iterator[Claim]:
        """The good rows' claims, in order; each row is kept in ``rows`` beside it."""
        line = self.reader.line_num
        shown = -1
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as error:
                # The reader may not have counted the line it failed on: it is the next one.
                line = max(line + 1, self.reader.line_num)
                self._bad(line, f"not readable as CSV ({error})")
                continue
            line = self.reader.line_num
            if self.total:
                shown = _progress(line, self.total, shown, self.errors)
            if None in row:
                self._bad(line, "more values than columns")
                continue
            try:
                claim = Claim(
                    provider=row["provider"],
                    payer=row["payer"],
                    practice=row["practice"],
                    on=row["date"],
                    service=row.get("service") or None,
                    state=row.get("state") or None,
                )
            except CredkitError as error:
                field = str(error).replace("Claim.on", "date").replace("Claim.", "")
                self._bad(line, field)
                continue
            self.rows.append(row)
            yield claim
        if self.total:
            self.errors.write("\r" + " " * 60 + "\r")

    def _bad(self, line: int, problem: str) -> None:
        self.malformed += 1
        self.errors.write(mask_ssns(f"credkit: {self.path}: line {line}: {problem}; row skipped\n"))

    def close(self) -> None:
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


def result_row(row: dict[str, str], verdict: Verdict) -> dict[str, str]:
    billing = verdict.billing
    return {
        **row,
        "allowed": "yes" if verdict else "no",
        "reasons": ";".join(reason.code.value for reason in verdict.reasons),
        "billing_npi": str(billing.billing_npi) if billing else "",
        "tax_id": str(billing.tax_id) if billing else "",
        "rendering_npi": str(billing.rendering_npi or "") if billing else "",
        "rate": "" if verdict.rate is None else format(verdict.rate, "f"),
    }


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit check-claims``: exit 0 when every claim can be billed, 1 when not."""
    book = load(arguments.book, Book, "book")
    source = ClaimsFile(arguments.claims, errors)
    target: TextIO = out
    try:
        if arguments.output:
            try:
                target = open(arguments.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as error:
                raise Refused(f"{arguments.output}: cannot be written ({error.strerror})") from None
        writer = None
        if not arguments.json:
            columns = source.header + [c for c in RESULT_COLUMNS if c not in source.header]
            writer = csv.DictWriter(target, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
        allowed = refused = 0
        for index, verdict in enumerate(book.check(source.claims())):
            row = result_row(source.rows[index], verdict)
            source.rows[index] = {}  # written out: let it go
            if verdict:
                allowed += 1
            else:
                refused += 1
            if writer is not None:
                writer.writerow({key: mask_ssns(value) for key, value in row.items()})
            else:
                target.write(json.dumps(masked(row), ensure_ascii=False) + "\n")
    finally:
        source.close()
        if target is not out:
            target.close()
    skipped = source.malformed
    errors.write(
        f"credkit: checked {allowed + refused:,} claims: {allowed:,} allowed, {refused:,} refused"
        + (f"; {skipped:,} malformed row{'s' if skipped != 1 else ''} skipped" if skipped else "")
        + "\n"
    )
    if skipped:
        return BAD_INPUT
    return NO if refused else OK
