"""The command line: ``credkit`` (or ``python -m credkit``), credkit's only I/O.

Every command reads its data from files, asks its questions on the date given
with ``--on`` (the date of service, or today for a report; ``demo`` defaults to
the sample's date), and prints plain text, or JSON with ``--json``.

Exit codes: 0 when the answer is yes (the claim can be billed, every claim in the
file can, the provider can be brought onto every payer's panel), 1 when it is no,
2 when the input is bad (a missing file, broken JSON, a malformed CSV row, an
invalid argument). An error is one line naming the file, the ``$.path`` and the
problem; there is never a traceback. SSNs are masked in everything printed.
"""

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO, TypeVar

from credkit import __version__
from credkit._convert import to_date
from credkit.answers import Verdict
from credkit.book import Book
from credkit.claim import Claim
from credkit.errors import CredkitError, InvalidData, mask_ssns
from credkit.identifiers import parse_tax_id
from credkit.identifiers.npi import calc_check_digit
from credkit.periods import Period
from credkit.practice import Practice
from credkit.provider import License, Profession, Provider
from credkit.serde import from_json, unstructure

__all__ = ["main"]

DEMO_DATE = date(2026, 6, 1)
DEMO_FILES = ("demo_book.json", "demo_provider.json", "demo_claims.csv")
CLAIM_COLUMNS = ("provider", "payer", "practice", "date")
OPTIONAL_COLUMNS = ("service", "state")
RESULT_COLUMNS = ("allowed", "reasons", "billing_npi", "tax_id", "rendering_npi", "rate")
# Show a progress bar for claims files at least this large, when stderr is a terminal.
PROGRESS_BYTES = 1_000_000

OK, NO, BAD_INPUT = 0, 1, 2


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


T = TypeVar("T")


def load(path: str, kind: type[T], what: str) -> T:
    """Read a JSON file as a credkit type, or refuse with its problems, one per line."""
    try:
        return from_json(read_text(path, what), kind)
    except InvalidData as error:
        raise Refused(*(f"{path}: {line}" for line in error.errors)) from None


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


def masked(data: Any) -> Any:
    """JSON-compatible data with every SSN-shaped string masked."""
    if isinstance(data, str):
        return mask_ssns(data)
    if isinstance(data, list):
        return [masked(item) for item in data]
    if isinstance(data, dict):
        return {key: masked(value) for key, value in data.items()}
    return data


def emit_json(data: Any, out: TextIO) -> None:
    out.write(json.dumps(masked(data), indent=2, ensure_ascii=False) + "\n")


def verdict_data(verdict: Verdict) -> dict[str, Any]:
    """A verdict as data, naming its contract by id (the book has the rest)."""
    data: dict[str, Any] = unstructure(verdict)
    data["contract"] = None if verdict.contract is None else verdict.contract.id
    return data


def codes(reasons: Sequence[Any]) -> str:
    return ", ".join(reason.code.value for reason in reasons)


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


# --- the report -------------------------------------------------------------------


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
    return {
        "advice": advice,
        "hire": hire,
        "practice": practice,
        "staff": staff,
        "verdicts": verdicts,
        "eligibility": eligibility,
        "plans": plans,
    }


def report_lines(book: Book, found: dict[str, Any], on: date) -> list[str]:
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
    hire: Provider = found["hire"]
    if hire.name == "a new clinician":
        lines += ["", "Adding a provider (a new clinician licensed in the practice's states)"]
    else:
        lines += ["", f"Adding {hire.name}"]
    for plan in found["plans"].values():
        lines += indented(plan)
    return lines


DEADLINE_DAYS = 90


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
    practice: Practice = found["practice"]
    return {
        "practice": {"name": practice.name, "tin": unstructure(practice.tin)},
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
            payer_id: unstructure(answer) for payer_id, answer in found["eligibility"].items()
        },
        "recommendations": {
            payer_id: unstructure(advice) for payer_id, advice in found["advice"].items()
        },
        "adding_provider": {
            "provider": found["hire"].name,
            "plans": {payer_id: unstructure(plan) for payer_id, plan in found["plans"].items()},
        },
    }


# --- the commands -----------------------------------------------------------------


def command_demo(arguments: argparse.Namespace, out: TextIO) -> int:
    if arguments.export:
        folder = Path(arguments.export)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in DEMO_FILES:
                (folder / name.removeprefix("demo_")).write_text(demo_text(name), encoding="utf-8")
        except OSError as error:
            raise Refused(f"{folder}: cannot write the sample files ({error.strerror})") from None
        out.write(f"wrote book.json, provider.json and claims.csv to {folder}\n")
        return OK
    book = from_json(demo_text("demo_book.json"), Book)
    hire = from_json(demo_text("demo_provider.json"), Provider)
    on = arguments.on or DEMO_DATE
    found = practice_report(book, book.practices[0], on, hire)
    if arguments.json:
        data = report_data(found, on)
        data["deadlines"] = [
            unstructure(item) for item in book.deadlines(on=on, within_days=DEADLINE_DAYS)
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
    out.write(mask_ssns("\n".join(lines)) + "\n")
    return OK


def command_report(arguments: argparse.Namespace, out: TextIO) -> int:
    book = load(arguments.book, Book, "book")
    practices = book.practices
    if arguments.practice:
        try:
            chosen = book.practice(parse_tax_id(arguments.practice))
        except CredkitError as error:
            raise Refused(f"--practice: {error}") from None
        if chosen is None:
            raise Refused(
                f"--practice: the book holds no practice with tax id {arguments.practice}"
            )
        practices = (chosen,)
    reports = [practice_report(book, practice, arguments.on) for practice in practices]
    if arguments.json:
        calendar = book.deadlines(on=arguments.on, within_days=DEADLINE_DAYS)
        emit_json(
            {
                "practices": [report_data(found, arguments.on) for found in reports],
                "deadlines": [unstructure(item) for item in calendar],
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
    out.write(mask_ssns("\n".join(lines)) + "\n")
    return OK


def command_can_bill(arguments: argparse.Namespace, out: TextIO) -> int:
    book = load(arguments.book, Book, "book")
    try:
        claim = Claim(
            provider=arguments.provider,
            payer=arguments.payer,
            practice=arguments.practice,
            on=arguments.on,
            service=arguments.service,
            state=arguments.state,
        )
    except CredkitError as error:
        # "Claim.provider: ..." names the option it came from.
        raise Refused(str(error).replace("Claim.", "--", 1)) from None
    verdict = book.can_bill(claim)
    if arguments.json:
        emit_json({"claim": unstructure(claim), "verdict": verdict_data(verdict)}, out)
    else:
        out.write(mask_ssns(str(verdict)) + "\n")
    return OK if verdict else NO


def command_add_provider(arguments: argparse.Namespace, out: TextIO) -> int:
    book = load(arguments.book, Book, "book")
    provider = load(arguments.provider, Provider, "provider")
    try:
        tin = parse_tax_id(arguments.practice)
    except CredkitError as error:
        raise Refused(f"--practice: {error}") from None
    plans = book.adding_provider(tin, provider, on=arguments.on)
    if arguments.json:
        emit_json(
            {"provider": provider.name, "plans": {k: unstructure(p) for k, p in plans.items()}},
            out,
        )
    else:
        lines = [f"Adding {provider} on {arguments.on.isoformat()}"]
        for plan in plans.values():
            lines += indented(plan)
        out.write(mask_ssns("\n".join(lines)) + "\n")
    return OK if plans and all(plans.values()) else NO


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


def command_check_claims(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
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


# --- wiring -----------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"credkit: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    top = Parser(
        prog="credkit",
        description="Who can bill which payer, group-contract eligibility, and what adding "
        "a provider takes, for a therapy practice.",
        epilog="Exit codes: 0 yes, 1 no, 2 bad input.",
    )
    top.add_argument("--version", action="version", version=f"credkit {__version__}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=Parser)

    def with_json(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument("--json", action="store_true", help="print JSON instead of text")
        return command

    demo = with_json(
        commands.add_parser("demo", help="run the three questions on a sample practice")
    )
    demo.add_argument("--on", type=argument_date, help="the date to ask on (YYYY-MM-DD)")
    demo.add_argument("--export", metavar="DIR", help="write the sample files to DIR instead")

    report = with_json(
        commands.add_parser("report", help="billing matrix, group eligibility, adding a provider")
    )
    report.add_argument("book", metavar="BOOK.json")
    report.add_argument("--on", type=argument_date, required=True, metavar="DATE")
    report.add_argument("--practice", metavar="TIN", help="report on this practice only")

    can_bill = with_json(
        commands.add_parser("can-bill", help="can this provider bill this payer on this date?")
    )
    can_bill.add_argument("book", metavar="BOOK.json")
    can_bill.add_argument("--provider", required=True, metavar="NPI")
    can_bill.add_argument("--payer", required=True, metavar="ID")
    can_bill.add_argument("--practice", required=True, metavar="TIN")
    can_bill.add_argument("--on", type=argument_date, required=True, metavar="DATE")
    can_bill.add_argument("--service", metavar="CODE", help="CPT/HCPCS code, e.g. 90837")
    can_bill.add_argument("--state", metavar="ST", help="state of service, e.g. NY")

    add = with_json(
        commands.add_parser("add-provider", help="what bringing a provider on would take")
    )
    add.add_argument("book", metavar="BOOK.json")
    add.add_argument("--practice", required=True, metavar="TIN")
    add.add_argument("--provider", required=True, metavar="PROVIDER.json")
    add.add_argument("--on", type=argument_date, required=True, metavar="DATE")

    check = with_json(commands.add_parser("check-claims", help="check a CSV file of claims"))
    check.add_argument("book", metavar="BOOK.json")
    check.add_argument("claims", metavar="CLAIMS.csv")
    check.add_argument("-o", "--output", metavar="OUT.csv", help="write results here")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    out, errors = sys.stdout, sys.stderr
    try:
        arguments = parser().parse_args(argv)
        if arguments.command == "demo":
            code = command_demo(arguments, out)
        elif arguments.command == "report":
            code = command_report(arguments, out)
        elif arguments.command == "can-bill":
            code = command_can_bill(arguments, out)
        elif arguments.command == "add-provider":
            code = command_add_provider(arguments, out)
        else:
            code = command_check_claims(arguments, out, errors)
        # Written out here, so that a closed pipe is noticed while it can be handled.
        out.flush()
        return code
    except Refused as refusal:
        for line in refusal.lines:
            errors.write(mask_ssns(f"credkit: error: {line}") + "\n")
        return BAD_INPUT
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from complaining.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK
    except KeyboardInterrupt:  # pragma: no cover - needs a person at the keyboard
        errors.write("credkit: interrupted\n")
        return 130


def run() -> NoReturn:
    """The console script's entry point."""
    sys.exit(main())
