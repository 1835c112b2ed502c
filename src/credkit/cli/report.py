"""``credkit report BOOK --on DATE``: each practice's matrix, eligibility, advice and plans.

With a Medicare payer in the book (its rules say ``medicare``), each clinician's
Medicare position too. Then the book's calendar for the next 90 days.

``credkit demo`` prints the same report on the sample practice, with these functions.
"""

import argparse
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from credkit.book import Book
from credkit.claim import Claim
from credkit.cli._common import (
    BAD_INPUT,
    NO,
    OK,
    Refused,
    as_data,
    emit_json,
    indented,
    load_book,
    practice_tin,
    table,
    unknown_practice,
)
from credkit.cli.check_claims import ClaimsFile
from credkit.identifiers.npi import calc_check_digit
from credkit.periods import Period
from credkit.practice import Practice
from credkit.provider import License, Profession, Provider
from credkit.report import html_report

__all__ = [
    "DEADLINE_DAYS",
    "command",
    "deadline_lines",
    "medicare_lines",
    "newcomer",
    "practice_report",
    "report_data",
    "report_lines",
]

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
