"""The one-page HTML report: a practice's answers composed into a page that prints well.

:func:`html_report` is a pure function of a book, a practice and a date (and,
optionally, checked claims): it returns the text of a self-contained page, with its
styles inline and the timeline as inline SVG, no script and no link to anything
outside it. ``credkit report BOOK --on DATE --html OUT.html`` writes it to a file.

For each practice, the page holds, in order: who can bill whom
(:meth:`credkit.Book.matrix`), group eligibility for each payer, with a Medicare
payer in the book each clinician's position with it
(:meth:`credkit.Book.medicare_options`), each clinician's road to billable
(:meth:`credkit.Book.timeline`) and the applications and contracts still pending;
then the next 90 days of deadlines and, when claims are given, the revenue they put
at risk. SSNs appear masked, as everywhere in credkit.
"""

from collections.abc import Iterable
from datetime import date

from credkit import _display as display
from credkit._display import Markup
from credkit._fields import to_tax_id
from credkit.answers import Verdict
from credkit.book import Book
from credkit.claim import Claim
from credkit.errors import UnknownId
from credkit.identifiers import EIN, SSN
from credkit.practice import Practice
from credkit.progress import RevenueAtRisk, Timeline
from credkit.rules._common import argument, day, items

__all__ = ["DEADLINE_DAYS", "html_report"]

DEADLINE_DAYS = 90
"""How far ahead the report's calendar looks."""

_STYLE = """
body { font-family: system-ui, sans-serif; color: #111; margin: 2em auto; max-width: 960px;
       padding: 0 1em; line-height: 1.4 }
h1 { font-size: 1.6em; margin-bottom: 0 } h2 { font-size: 1.2em; margin-top: 2em;
     border-bottom: 1px solid #999 }
p.sub { color: #444; margin-top: 0.2em }
table.credkit { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em }
table.credkit th, table.credkit td { border: 1px solid #bbb; padding: 0.25em 0.6em;
     text-align: left; vertical-align: top }
table.credkit caption { text-align: left; font-weight: bold; padding: 0.3em 0 }
td.allowed { font-weight: bold } td.refused { font-style: italic }
svg { max-width: 100%; height: auto }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt }
  h2 { break-after: avoid } table, svg { break-inside: avoid }
  td.allowed, td.refused { color: #000 !important }
}
"""


def _section(title: str, content: Markup, kind: str) -> Markup:
    return display.element(
        "section",
        display.join([display.element("h2", title), content]),
        {"class": kind},
    )


def _simple_table(caption: str, header: list[str], rows: Iterable[list[object]]) -> Markup:
    element, join = display.element, display.join
    body = [element("tr", join(display.cell(value) for value in row)) for row in rows]
    if not body:
        body = [element("tr", display.cell("none", {"colspan": len(header)}))]
    return element(
        "table",
        join(
            [
                element("caption", caption),
                element("thead", element("tr", join(element("th", label) for label in header))),
                element("tbody", join(body)),
            ]
        ),
        {"class": "credkit"},
    )


def _eligibility(book: Book, tin: EIN | SSN, on: date) -> Markup:
    rows: list[list[object]] = []
    for payer in book.payers:
        answer = book.group_eligibility(tin, payer.id, on=on)
        rows.append(
            [
                payer.name,
                "eligible" if answer.eligible else "not eligible",
                "no group contracts" if answer.minimum is None else answer.minimum,
                answer.count,
                "" if answer.shortfall is None else answer.shortfall,
                "; ".join(str(reason) for reason in answer.reasons),
            ]
        )
    return _simple_table(
        "Group contracts",
        ["payer", "answer", "minimum", "counted", "short by", "reasons"],
        rows,
    )


def _medicare(book: Book, practice: Practice, on: date) -> Markup | None:
    """Each clinician's position with each Medicare payer of the book; None without one."""
    payers = [payer for payer in book.payers if payer.rules.medicare]
    if not payers:
        return None
    staff = [provider for provider in book.providers if practice.on_roster(provider.npi, on)]
    rows: list[list[object]] = []
    for payer in payers:
        for provider in staff:
            answer = book.medicare_options(provider.npi, on=on, payer_id=payer.id)
            rows.append(
                [
                    provider.name,
                    payer.name,
                    answer.current.value.replace("_", " "),
                    "yes" if answer else "no",
                    "; ".join(str(reason) for reason in (*answer.reasons, *answer.notes)),
                ]
            )
    return _simple_table(
        "Medicare: enroll, opt out, or neither",
        ["clinician", "payer", "position", "can enroll or opt out", "why"],
        rows,
    )


def _pending(timeline: Timeline) -> Markup:
    rows: list[list[object]] = [
        [
            item.who,
            item.payer,
            "application" if item.record == "credential" else f"contract {item.contract}",
            "unknown" if item.since is None else item.since.isoformat(),
            "" if item.days is None else item.days,
            "not given" if item.typical_days is None else item.typical_days,
            "follow up now" if item.followup_due else "",
        ]
        for item in timeline.pending
    ]
    return _simple_table(
        "Waiting on the payer",
        ["who", "payer", "what", "since", "days", "typical days", ""],
        rows,
    )


def _deadlines(book: Book, on: date) -> Markup:
    rows: list[list[object]] = [
        [
            item.due.isoformat() + (" (overdue)" if item.overdue else ""),
            item.kind.value,
            item.subject,
            item.action,
        ]
        for item in book.deadlines(on=on, within_days=DEADLINE_DAYS)
    ]
    return _simple_table(
        f"The next {DEADLINE_DAYS} days, and anything overdue",
        ["due", "kind", "what", "to do"],
        rows,
    )


def _risk(risk: RevenueAtRisk, book: Book) -> Markup:
    names = {provider.npi: provider.name for provider in book.providers}
    payers = {payer.id: payer.name for payer in book.payers}
    summary = display.element(
        "p",
        f"${risk.total:,.2f} at risk: {risk.refused} of {risk.claims} claims refused"
        + (f", {risk.unpriced} without a charge or rate" if risk.unpriced else ""),
    )
    by_reason = _simple_table(
        "By reason (each claim under its first reason)",
        ["reason", "amount"],
        [
            [display.code(code.value), f"${amount:,.2f}"]
            for code, amount in sorted(risk.by_reason.items(), key=lambda item: -item[1])
        ],
    )
    by_provider = _simple_table(
        "By provider",
        ["provider", "NPI", "amount"],
        [
            [names.get(npi, str(npi)), npi.digits, f"${amount:,.2f}"]
            for npi, amount in sorted(risk.by_provider.items(), key=lambda item: -item[1])
        ],
    )
    by_payer = _simple_table(
        "By payer",
        ["payer", "amount"],
        [
            [payers.get(payer, payer), f"${amount:,.2f}"]
            for payer, amount in sorted(risk.by_payer.items(), key=lambda item: -item[1])
        ],
    )
    return display.join([summary, by_reason, by_provider, by_payer])


def _practice_article(book: Book, practice: Practice, on: date, place: int) -> Markup:
    """One practice's part of the page: its matrix, groups, Medicare, roads and what waits."""
    element, join = display.element, display.join
    tin = practice.tin
    timeline = book.timeline(tin, on=on)
    parts = [
        element("h1", practice.name),
        element(
            "p",
            f"Tax id {practice.tin}; states {', '.join(sorted(practice.states))}; "
            f"as of {on.isoformat()}",
            {"class": "sub"},
        ),
        _section("Who can bill whom", Markup(book.matrix(tin, on=on)._repr_html_()), "matrix"),
        _section("Group contracts", _eligibility(book, tin, on), "groups"),
    ]
    medicare = _medicare(book, practice, on)
    if medicare is not None:
        parts.append(_section("Medicare", medicare, "medicare"))
    parts += [
        _section("Road to billable", Markup(timeline._repr_html_()), "timeline"),
        _section("Waiting on the payer", _pending(timeline), "pending"),
    ]
    return element("article", join(parts), {"id": f"practice-{place + 1}", "class": "practice"})


def html_report(
    book: Book,
    *,
    on: date | str,
    practice: EIN | SSN | str | None = None,
    claims: Iterable[Claim] | None = None,
) -> str:
    """The report of a book on a date, as the text of a self-contained HTML page.

    The page has a part for each practice (or only for ``practice``, a tax id): who
    can bill whom, group eligibility, each clinician's Medicare position (with a
    Medicare payer in the book), the road to billable and what is waiting on the
    payers; then the book's deadlines for the next 90 days; and, with ``claims``,
    the revenue they put at risk (each checked with :meth:`credkit.Book.check`). The
    page is well-formed XML as well as HTML, so that a parser can check it.

    >>> from credkit import Practice
    >>> book = Book(practices=[Practice(name="Harbor", tin="12-3456789", states=["NY"])])
    >>> page = html_report(book, on="2026-11-28")
    >>> page.startswith("<!DOCTYPE html>"), "Harbor" in page, "<script" in page
    (True, True, False)
    """
    book = argument(Book, book, "book")
    when = day(on)
    if practice is None:
        practices = list(book.practices)
    else:
        tin = to_tax_id(practice)
        found = book.practice(tin)
        if found is None:
            raise UnknownId("practice", tin)
        practices = [found]
    element, join = display.element, display.join
    parts = [_practice_article(book, chosen, when, place) for place, chosen in enumerate(practices)]
    parts.append(_section("Deadlines", _deadlines(book, when), "deadlines"))
    if claims is not None:
        checked = list(items(Claim, claims, "claims"))
        verdicts: list[Verdict] = list(book.check(checked))
        risk = book.revenue_at_risk(checked, verdicts)
        parts.append(_section("Revenue at risk", _risk(risk, book), "risk"))
    names = ", ".join(chosen.name for chosen in practices) or "no practices"
    head = join(
        [
            Markup('<meta charset="utf-8"/>'),
            element("title", f"{names}: panels on {when.isoformat()}"),
            element("style", Markup(_STYLE)),
        ]
    )
    page = element(
        "html", join([element("head", head), element("body", join(parts))]), {"lang": "en"}
    )
    return f"<!DOCTYPE html>\n{page}\n"
