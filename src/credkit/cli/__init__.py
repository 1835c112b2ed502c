"""The command line: ``credkit`` (or ``python -m credkit``), credkit's only I/O.

The parser is here; each command is a module of this package (``demo``, ``report``,
``can_bill``, ``add_provider``, ``check_claims``, ``scrub``; ``tables`` for ``template``,
``import`` and ``export``), over the pieces they share in
``_common``.

Every command reads its data from files, asks its questions on the date given
with ``--on`` (the date of service, or today for a report; ``demo`` defaults to
the sample's date), and prints plain text, or JSON with ``--json``.

Exit codes: 0 when the answer is yes (the claim can be billed, every claim in the
file can, the provider can be brought onto every payer's panel), 1 when it is no,
2 when the input is bad (a missing file, broken JSON, a malformed CSV row, an
invalid argument). An error is one line naming the file, the ``$.path`` and the
problem; there is never a traceback.

SSNs are masked by type: a value credkit holds as an SSN is masked wherever it is
printed, JSON included; everything else (NPIs, CAQH ids, license numbers, contract
and claim ids, the columns of a claims file credkit does not read) is printed as it
is, however many digits it has.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from credkit import __version__
from credkit.cli import add_provider, can_bill, check_claims, demo, report, scrub, tables
from credkit.cli._common import BAD_INPUT, OK, Refused, argument_date

__all__ = ["main", "parser", "run"]

# Each command's module runs it: (arguments, stdout, stderr) -> exit code.
COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "demo": demo.command,
    "report": report.command,
    "can-bill": can_bill.command,
    "add-provider": add_provider.command,
    "check-claims": check_claims.command,
    "template": tables.template,
    "import": tables.import_tables,
    "export": tables.export,
    "scrub": scrub.command,
}


BOOK_HELP = "the book: a JSON file, a folder of CSV tables, or an .xlsx workbook"


class Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"credkit: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The ``credkit`` argument parser, with a subcommand for each command."""
    top = Parser(
        prog="credkit",
        description="Who can bill which payer, group-contract eligibility, and what adding "
        "a provider takes, for a therapy practice.",
        epilog="Exit codes: 0 yes, 1 no, 2 bad input.",
    )
    top.add_argument("--version", action="version", version=f"credkit {__version__}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=Parser)

    def with_dates(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--dates",
            choices=("iso", "us"),
            default="iso",
            help="how a claims file's date column is written: iso, YYYY-MM-DD (the "
            "default), or us, MM/DD/YYYY (ISO dates are read too)",
        )

    def with_json(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument("--json", action="store_true", help="print JSON instead of text")
        return command

    demo = with_json(
        commands.add_parser("demo", help="run the three questions on a sample practice")
    )
    demo.add_argument(
        "--on",
        type=argument_date,
        metavar="DATE",
        help="the day to ask on, YYYY-MM-DD (default: 2026-06-01, the sample's day)",
    )
    demo.add_argument("--export", metavar="DIR", help="write the sample files to DIR instead")
    demo.add_argument(
        "--force", action="store_true", help="with --export, write over files already there"
    )

    report = with_json(
        commands.add_parser("report", help="billing matrix, group eligibility, adding a provider")
    )
    report.add_argument("book", metavar="BOOK", help=BOOK_HELP)
    report.add_argument(
        "--on",
        type=argument_date,
        required=True,
        metavar="DATE",
        help="the day to report on, YYYY-MM-DD (today, or the day you plan for); "
        "the calendar covers the 90 days from it",
    )
    report.add_argument("--practice", metavar="TIN", help="report on this practice only")
    report.add_argument(
        "--html",
        metavar="OUT.html",
        help="write the report as one self-contained HTML page (matrix, groups, road to "
        "billable, what is pending, deadlines)",
    )
    report.add_argument(
        "--claims",
        metavar="CLAIMS.csv",
        help="with --html: check these claims and add the revenue they put at risk",
    )
    with_dates(report)

    can_bill = with_json(
        commands.add_parser("can-bill", help="can this provider bill this payer on this date?")
    )
    can_bill.add_argument("book", metavar="BOOK", help=BOOK_HELP)
    can_bill.add_argument("--provider", required=True, metavar="NPI")
    can_bill.add_argument("--payer", required=True, metavar="ID")
    can_bill.add_argument("--practice", required=True, metavar="TIN")
    can_bill.add_argument(
        "--on",
        type=argument_date,
        required=True,
        metavar="DATE",
        help="the date of service, YYYY-MM-DD",
    )
    can_bill.add_argument("--service", metavar="CODE", help="CPT/HCPCS code, e.g. 90837")
    can_bill.add_argument("--state", metavar="ST", help="state of service, e.g. NY")

    add = with_json(
        commands.add_parser("add-provider", help="what bringing a provider on would take")
    )
    add.add_argument("book", metavar="BOOK", help=BOOK_HELP)
    add.add_argument("--practice", required=True, metavar="TIN")
    add.add_argument(
        "--provider",
        required=True,
        metavar="PROVIDER.json|NPI",
        help="a provider file, or the NPI of a provider already in the book",
    )
    add.add_argument(
        "--on",
        type=argument_date,
        required=True,
        metavar="DATE",
        help="the day the provider would join, YYYY-MM-DD",
    )

    check = with_json(commands.add_parser("check-claims", help="check a CSV file of claims"))
    check.add_argument("book", metavar="BOOK", help=BOOK_HELP)
    check.add_argument("claims", metavar="CLAIMS.csv")
    check.add_argument("-o", "--output", metavar="OUT.csv", help="write results here")
    with_dates(check)
    template = commands.add_parser(
        "template", help="write the empty tables, with an example row each, to fill in"
    )
    template.add_argument("path", metavar="DIR|FILE.xlsx")

    import_ = commands.add_parser("import", help="read a book's tables into a JSON book")
    import_.add_argument("tables", metavar="TABLES", help="a folder of CSV tables or an .xlsx")
    import_.add_argument("-o", "--output", required=True, metavar="BOOK.json")
    import_.add_argument(
        "--dates",
        choices=("iso", "us"),
        default="iso",
        help="how dates are written in CSV tables: iso, YYYY-MM-DD (the default), "
        "or us, MM/DD/YYYY (ISO dates are read too)",
    )

    export = commands.add_parser("export", help="write a book as tables (CSV folder or .xlsx)")
    export.add_argument("book", metavar="BOOK", help=BOOK_HELP)
    export.add_argument("-o", "--output", required=True, metavar="DIR|FILE.xlsx")

    scrubbing = with_json(
        commands.add_parser("scrub", help="check every service line of an 837P batch")
    )
    scrubbing.add_argument("book", metavar="BOOK", help=BOOK_HELP)
    scrubbing.add_argument("claims", metavar="CLAIMS.837")
    scrubbing.add_argument("-o", "--output", metavar="OUT.csv", help="write results here")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    out, errors = sys.stdout, sys.stderr
    try:
        arguments = parser().parse_args(argv)
        code = COMMANDS[arguments.command](arguments, out, errors)
        # Written out here, so that a closed pipe is noticed while it can be handled.
        out.flush()
        return code
    except Refused as refusal:
        for line in refusal.lines:
            errors.write(f"credkit: error: {line}\n")
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
