"""The road to revenue: timelines, aging, revenue at risk, and their pictures."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from credkit import (
    Affiliation,
    Book,
    Claim,
    Code,
    Contract,
    Credential,
    Group,
    Individual,
    InvalidData,
    InvalidValue,
    License,
    MilestoneKind,
    Payer,
    PayerRules,
    PayTo,
    Pending,
    Period,
    Practice,
    Provider,
    Reason,
    RevenueAtRisk,
    Road,
    Span,
    Stage,
    Timeline,
    UnknownId,
    Verdict,
    can_bill,
    from_json,
    revenue_at_risk,
    structure,
    unstructure,
)
from credkit.report import html_report
from tests import samples
from tests import strategies as cs

SVG = "{http://www.w3.org/2000/svg}"
ON = date(2024, 6, 3)

ANA = Provider(
    npi="1234567893",
    name="Ana Ruiz",
    licenses=[
        License(
            state="NY",
            profession="clinical_social_worker",
            number="R-1",
            effective=Period("2015-01-01"),
        )
    ],
)
HARBOR = Practice(
    name="Harbor Therapy",
    tin="12-3456789",
    npi="1558598797",
    states=["NY"],
    roster=[Affiliation(provider=ANA.npi, effective=Period("2024-01-02"))],
)
CIGNA = Payer(
    id="cigna",
    name="Cigna",
    rules=PayerRules(group_minimum=4, typical_days=90, source="a payer's published figure"),
)
APPLIED = Credential(provider=ANA.npi, payer="cigna", status="pending", submitted="2024-01-15")
APPROVED = Credential(
    provider=ANA.npi,
    payer="cigna",
    status="approved",
    submitted="2024-01-15",
    effective=Period("2024-04-01"),
)
CONTRACT = Contract(
    id="cigna-ana",
    payer="cigna",
    holder=Individual(provider=ANA.npi),
    status="executed",
    submitted="2024-03-01",
    signed="2024-04-20",
    effective=Period("2024-05-01"),
    pay_to=[PayTo(tin=HARBOR.tin, npi=HARBOR.npi, effective=Period("2024-05-15"))],
    rates={"90837": "142.50"},
)


def first_allowed_day_by_day(book: Book, road: Road, practice: Practice) -> date | None:
    """The first day can_bill allows, found by asking it about every day of the window."""
    provider = book.provider(road.provider)
    payer = book.payer(road.payer)
    assert provider is not None
    assert payer is not None
    day = cs.WINDOW_START - timedelta(days=60)
    # Far enough for any record the strategies make; an opt-out's two-year periods
    # can end a few years past the window.
    while day <= cs.WINDOW_END + timedelta(days=5 * 365):
        verdict = can_bill(
            provider,
            payer,
            practice,
            on=day,
            credentials=book.credentials,
            contracts=book.contracts,
            opt_outs=book.opt_outs,
        )
        if verdict.allowed:
            return day
        day += timedelta(days=1)
    return None


class TestRoad:
    """One clinician's road to billing one payer."""

    def test_a_pending_application_blocks_and_waits(self) -> None:
        """An application in: not billable, blocked by the pending credential, and aging."""
        book = Book(providers=[ANA], practices=[HARBOR], payers=[CIGNA], credentials=[APPLIED])
        timeline = book.timeline(HARBOR.tin, on=ON)
        road = timeline.road(ANA.npi, "cigna")
        assert road.billable is False
        assert road.blocker is not None
        assert Code.CREDENTIALING_PENDING == road.blocker.code
        assert road.first_billable is None
        assert [MilestoneKind.LICENSED, MilestoneKind.JOINED_ROSTER, MilestoneKind.SUBMITTED] == [
            item.kind for item in road.milestones
        ]
        assert [Span(stage="pending", start="2024-01-15", end=ON)] == list(road.spans)
        (waiting,) = timeline.pending
        assert (ON - date(2024, 1, 15)).days == waiting.days
        assert 90 == waiting.typical_days
        assert waiting.followup_due is True

    def test_every_milestone_to_the_first_billable_day(self) -> None:
        """Credentialed, contracted and linked: billable from the pay-to entry's first day."""
        book = Book(
            providers=[ANA],
            practices=[HARBOR],
            payers=[CIGNA],
            credentials=[APPROVED],
            contracts=[CONTRACT],
        )
        road = book.timeline(HARBOR.tin, on=ON).road(ANA.npi, "cigna")
        expected = [
            ("licensed", date(2015, 1, 1)),
            ("joined_roster", date(2024, 1, 2)),
            ("submitted", date(2024, 1, 15)),
            ("credentialed", date(2024, 4, 1)),
            ("contract_signed", date(2024, 4, 20)),
            ("contract_effective", date(2024, 5, 1)),
            ("linked", date(2024, 5, 15)),
            ("first_billable", date(2024, 5, 15)),
        ]
        assert expected == [(item.kind.value, item.on) for item in road.milestones]
        assert road.billable is True
        assert road.blocker is None
        assert date(2024, 5, 15) == road.first_billable
        assert [
            Span(stage="pending", start="2024-01-15", end="2024-03-31"),
            Span(stage="approved", start="2024-04-01", end="2024-05-14"),
            Span(stage="billable", start="2024-05-15", end=date.max),
        ] == list(road.spans)
        days = {(first.value, then.value): n for first, then, n in road.durations()}
        assert 77 == days["submitted", "credentialed"]

    @pytest.mark.parametrize(
        ("retro_days", "expected"),
        [(0, date(2024, 5, 15)), (30, date(2024, 4, 15)), (60, date(2024, 3, 16))],
    )
    def test_retro_billing_moves_the_first_billable_day(
        self, retro_days: int, expected: date
    ) -> None:
        """Retro billing moves every start back by the payer's window; the latest start decides."""
        payer = attrs.evolve(CIGNA, rules=attrs.evolve(CIGNA.rules, retro_days=retro_days))
        book = Book(
            providers=[ANA],
            practices=[HARBOR],
            payers=[payer],
            credentials=[APPROVED],
            contracts=[CONTRACT],
        )
        road = book.timeline(HARBOR.tin, on=ON).road(ANA.npi, "cigna")
        assert expected == road.first_billable
        # The day before is refused, the day itself allowed: the search is exact.
        before = book.can_bill(
            Claim(provider=ANA.npi, payer="cigna", practice=HARBOR.tin, on=expected - timedelta(1))
        )
        on = book.can_bill(Claim(provider=ANA.npi, payer="cigna", practice=HARBOR.tin, on=expected))
        assert (False, True) == (before.allowed, on.allowed)

    def test_a_group_contract_links_by_membership(self) -> None:
        """Under a group contract the link is the membership, and the road follows that contract."""
        group = Contract(
            id="cigna-harbor",
            payer="cigna",
            holder=Group(practice=HARBOR.tin),
            status="executed",
            signed="2024-02-01",
            effective=Period("2024-03-01"),
            members=[Affiliation(provider=ANA.npi, effective=Period("2024-04-10"))],
        )
        book = Book(
            providers=[ANA],
            practices=[HARBOR],
            payers=[CIGNA],
            credentials=[APPROVED],
            contracts=[group],
        )
        road = book.timeline(HARBOR.tin, on=ON).road(ANA.npi, "cigna")
        linked = road.milestone("linked")
        assert linked is not None
        assert (date(2024, 4, 10), "added to group contract cigna-harbor") == (
            linked.on,
            linked.detail,
        )
        assert date(2024, 4, 10) == road.first_billable

    def test_a_provider_who_left_has_no_road(self) -> None:
        """Only providers on the roster on the date, or joining later, have roads."""
        left = attrs.evolve(
            HARBOR, roster=[Affiliation(provider=ANA.npi, effective=Period("2023-01-01", ON))]
        )
        book = Book(providers=[ANA], practices=[left], payers=[CIGNA])
        assert 1 == len(book.timeline(HARBOR.tin, on=ON).roads)
        assert () == book.timeline(HARBOR.tin, on=ON + timedelta(days=1)).roads

    def test_a_provider_joining_later_has_a_road(self) -> None:
        """A clinician who starts next month already has a road, blocked by the roster."""
        joining = attrs.evolve(
            HARBOR, roster=[Affiliation(provider=ANA.npi, effective=Period("2024-07-01"))]
        )
        book = Book(providers=[ANA], practices=[joining], payers=[CIGNA])
        road = book.timeline(HARBOR.tin, on=ON).road(ANA.npi, "cigna")
        assert road.blocker is not None
        assert Code.NOT_ON_ROSTER == road.blocker.code
        joined = road.milestone(MilestoneKind.JOINED_ROSTER)
        assert joined is not None
        assert date(2024, 7, 1) == joined.on

    def test_an_unknown_practice(self) -> None:
        """A tax id the book does not hold gives an empty timeline that says so."""
        timeline = Book(payers=[CIGNA]).timeline("98-7654321", on=ON)
        assert () == timeline.roads
        assert [Code.UNKNOWN_PRACTICE] == [reason.code for reason in timeline.reasons]


class TestTimelineAgreesWithCanBill:
    """The timeline's answers are can_bill's, on generated books."""

    @settings(max_examples=40)
    @given(cs.matrix_questions(), st.data())
    @example(
        (
            Book(
                providers=[ANA],
                practices=[HARBOR],
                payers=[CIGNA],
                credentials=[APPROVED],
                contracts=[CONTRACT],
            ),
            HARBOR.tin,
            ON,
        ),
        None,
    )
    def test_first_billable_day_is_the_first_day_can_bill_allows(
        self, question: Any, data: Any
    ) -> None:
        """The first billable day equals the first day can_bill allows, searched day by day."""
        book, tin, on = question
        timeline = book.timeline(tin, on=on)
        if not timeline.roads:
            return
        roads = timeline.roads if data is None else [data.draw(st.sampled_from(timeline.roads))]
        practice = book.practice(tin)
        for road in roads:
            assert first_allowed_day_by_day(book, road, practice) == road.first_billable

    @settings(max_examples=50)
    @given(cs.matrix_questions())
    def test_billable_exactly_when_allowed_and_blocker_is_the_first_reason(
        self, question: Any
    ) -> None:
        """A road is billable exactly when can_bill allows on the date; else its first reason blocks."""
        book, tin, on = question
        for road in book.timeline(tin, on=on).roads:
            verdict = book.can_bill(
                Claim(provider=road.provider, payer=road.payer, practice=tin, on=on)
            )
            assert verdict.allowed == road.billable
            assert (None if verdict.allowed else verdict.reasons[0]) == road.blocker

    @settings(max_examples=50)
    @given(cs.matrix_questions())
    def test_billable_spans_are_the_allowed_days(self, question: Any) -> None:
        """Each billable span's first and last days are allowed, and the days just outside are not."""
        book, tin, on = question
        for road in book.timeline(tin, on=on).roads:
            for span in road.spans:
                if span.stage is not Stage.BILLABLE:
                    continue

                def allowed(day: date, road: Road = road) -> bool:
                    return book.can_bill(
                        Claim(provider=road.provider, payer=road.payer, practice=tin, on=day)
                    ).allowed

                assert allowed(span.start)
                assert span.start == date.min or not allowed(span.start - timedelta(days=1))
                if span.end != date.max:
                    assert allowed(span.end)
                    assert not allowed(span.end + timedelta(days=1))

    @settings(max_examples=50)
    @given(cs.matrix_questions())
    def test_one_road_per_provider_and_payer(self, question: Any) -> None:
        """Every provider on the roster on the date, or joining later, has a road with each payer."""
        book, tin, on = question
        practice = book.practice(tin)
        expected = {
            (entry.provider, payer.id)
            for entry in practice.roster
            if entry.effective.end is None or entry.effective.end >= on
            for payer in book.payers
        }
        timeline = book.timeline(tin, on=on)
        assert expected == {(road.provider, road.payer) for road in timeline.roads}
        for road in timeline.roads:
            assert [m.on for m in road.milestones] == sorted(m.on for m in road.milestones)


class TestAging:
    """Applications and contracts waiting on the payer, against its usual turnaround."""

    @pytest.mark.parametrize(
        ("days", "due"), [(89, False), (90, False), (91, True)], ids=["before", "on", "after"]
    )
    def test_followup_due_after_the_typical_turnaround(self, days: int, due: bool) -> None:
        """A follow-up is due once an application has waited longer than the typical days."""
        book = Book(providers=[ANA], practices=[HARBOR], payers=[CIGNA], credentials=[APPLIED])
        on = date(2024, 1, 15) + timedelta(days=days)
        (waiting,) = book.timeline(HARBOR.tin, on=on).pending
        assert (days, due) == (waiting.days, waiting.followup_due)

    def test_no_turnaround_without_a_source(self) -> None:
        """A payer whose rules give no turnaround never marks a follow-up due."""
        payer = Payer(id="cigna", name="Cigna")
        book = Book(providers=[ANA], practices=[HARBOR], payers=[payer], credentials=[APPLIED])
        (waiting,) = book.timeline(HARBOR.tin, on="2026-01-01").pending
        assert (None, False) == (waiting.typical_days, waiting.followup_due)

    def test_a_pending_contract_waits_from_its_submission(self) -> None:
        """A pending group contract is listed once, under the practice's name, from its submission."""
        pending = Contract(
            id="cigna-harbor",
            payer="cigna",
            holder=Group(practice=HARBOR.tin),
            status="pending",
            submitted="2024-05-01",
        )
        book = Book(providers=[ANA], practices=[HARBOR], payers=[CIGNA], contracts=[pending])
        (waiting,) = book.timeline(HARBOR.tin, on=ON).pending
        expected = Pending(
            record="contract",
            payer="cigna",
            who="Harbor Therapy",
            contract="cigna-harbor",
            since="2024-05-01",
            days=33,
            typical_days=90,
        )
        assert expected == waiting

    def test_an_application_not_yet_sent_is_not_waiting(self) -> None:
        """Judged as of the date: an application submitted later is not pending yet."""
        book = Book(providers=[ANA], practices=[HARBOR], payers=[CIGNA], credentials=[APPLIED])
        assert () == book.timeline(HARBOR.tin, on="2024-01-14").pending

    def test_a_turnaround_needs_a_source(self) -> None:
        """PayerRules refuses a typical turnaround that does not say where it comes from."""
        with pytest.raises(InvalidValue) as caught:
            PayerRules(typical_days=90)
        assert (
            "PayerRules.typical_days: a typical turnaround needs a source saying where the "
            "figure comes from"
        ) == str(caught.value)


def priced(claim: Claim, verdict: Verdict, book: Book) -> Decimal | None:
    """What a refused claim is worth, worked out independently of revenue_at_risk."""
    if verdict.allowed or claim.service is None:
        return None
    candidates = [
        contract
        for contract in book.contracts
        if contract.payer == claim.payer
        and isinstance(contract.holder, Group)
        and contract.holder.practice == claim.practice
    ] + [
        contract
        for contract in book.contracts
        if contract.payer == claim.payer
        and isinstance(contract.holder, Individual)
        and contract.holder.provider == claim.provider
    ]
    for contract in candidates:
        if claim.service in contract.rates:
            return contract.rates[claim.service]
    return None


class TestRevenueAtRisk:
    """What refused claims are worth."""

    @settings(max_examples=50)
    @given(cs.books_with_claims(known=False))
    def test_amounts_add_up_to_the_refused_claims(self, book_and_claims: Any) -> None:
        """The total is the sum of refused claims' amounts, and every breakdown adds up to it."""
        book, claims = book_and_claims
        verdicts = list(book.check(claims))
        risk = book.revenue_at_risk(claims, verdicts)
        amounts = [
            priced(claim, verdict, book) for claim, verdict in zip(claims, verdicts, strict=True)
        ]
        refused = sum(not verdict.allowed for verdict in verdicts)
        assert sum((a for a in amounts if a is not None), Decimal(0)) == risk.total
        assert (len(claims), refused) == (risk.claims, risk.refused)
        assert refused - sum(a is not None for a in amounts) == risk.unpriced
        for breakdown in (risk.by_reason, risk.by_provider, risk.by_payer):
            assert risk.total == sum(breakdown.values(), Decimal(0))

    def test_a_charge_wins_over_the_rate(self) -> None:
        """A claim that carries its charge is priced at it, not at the contract's rate."""

        @attrs.frozen
        class Line:
            provider: Any
            payer: str
            practice: Any
            service: str
            charge: Decimal

        line = Line(ANA.npi, "cigna", HARBOR.tin, "90837", Decimal("200.00"))
        refused = Verdict(allowed=False, reasons=[Reason(code="not_contracted", message="x")])
        risk = revenue_at_risk([line], [refused], contracts=[CONTRACT])
        assert Decimal("200.00") == risk.total
        assert {Code.NOT_CONTRACTED: Decimal("200.00")} == dict(risk.by_reason)

    def test_scrubbed_837p_lines_are_priced_at_their_charges(self) -> None:
        """Lines read from an 837P file, as scrub checked them, are worth their charges."""
        pytest.importorskip("pyx12")
        from credkit.cli._common import demo_text
        from credkit.x12 import read_837p

        book = demo_book()
        lines = list(read_837p(demo_text("demo_claims.837")))
        scrubbed = list(book.scrub(lines))
        risk = revenue_at_risk(lines, [item.verdict for item in scrubbed])
        refused = [line for line, item in zip(lines, scrubbed, strict=True) if not item.allowed]
        assert sum((line.charge for line in refused), Decimal(0)) == risk.total
        assert (len(lines), len(refused), 0) == (risk.claims, risk.refused, risk.unpriced)
        assert {line.payer_id for line in refused} == set(risk.by_payer)

    def test_allowed_claims_are_not_at_risk(self) -> None:
        """Claims that are allowed add nothing."""
        book = Book(
            providers=[ANA],
            practices=[HARBOR],
            payers=[CIGNA],
            credentials=[APPROVED],
            contracts=[CONTRACT],
        )
        claim = Claim(provider=ANA.npi, payer="cigna", practice=HARBOR.tin, on=ON, service="90837")
        risk = book.revenue_at_risk([claim], list(book.check([claim])))
        assert (1, 0, Decimal(0)) == (risk.claims, risk.refused, risk.total)
        assert not risk

    @pytest.mark.parametrize(
        ("claims", "verdicts", "message"),
        [
            ([], [object()], "verdicts: there are more verdicts than the 0 claims"),
            ([object()], [], "verdicts: there is no verdict for claims[0]"),
            (
                [object()],
                [Verdict(allowed=False, reasons=[Reason(code="not_contracted", message="x")])],
                "claims[0]: expected a claim with a provider, got object",
            ),
            ("abc", [], "argument.claims: expected a list of claims, got a string"),
        ],
    )
    def test_mismatched_input_is_refused(self, claims: Any, verdicts: Any, message: str) -> None:
        """Claims and verdicts that do not pair up are refused with a message saying how."""
        with pytest.raises(InvalidValue) as caught:
            revenue_at_risk(claims, verdicts)
        assert message == str(caught.value)

    def test_breakdowns_must_add_up(self) -> None:
        """A RevenueAtRisk whose breakdown does not add up to its total is refused."""
        with pytest.raises(InvalidValue) as caught:
            RevenueAtRisk(claims=1, refused=1, total="10", by_reason={"not_contracted": "9"})
        assert "RevenueAtRisk.by_reason: adds up to 9, not 10" == str(caught.value)

    @given(cs.revenue_values())
    def test_round_trip(self, risk: RevenueAtRisk) -> None:
        """Revenue at risk survives JSON."""
        assert risk == structure(unstructure(risk), RevenueAtRisk)


def demo_book() -> Book:
    text = resources.files("credkit").joinpath("data", "demo_book.json").read_text("utf-8")
    return from_json(text, Book)


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert f"{SVG}svg" == root.tag
    return root


class TestPictures:
    """The timeline as an SVG chart, and the report page."""

    def test_the_chart_is_self_contained_and_labelled(self) -> None:
        """The SVG parses, has no script or link, names every road and has a text alternative."""
        book = demo_book()
        timeline = book.timeline(book.practices[0].tin, on="2026-11-28")
        root = parse_svg(timeline.svg())
        texts = [element.text for element in root.iter(f"{SVG}text")]
        for road in timeline.roads:
            assert road.label in texts
        assert not list(root.iter(f"{SVG}script"))
        assert "href" not in timeline.svg()
        desc = root.find(f"{SVG}desc")
        assert desc is not None
        assert desc.text is not None
        assert "Jordan Lee, LMFT / optum: not billable (credentialing_pending)" in desc.text
        # Every stage in the legend, in words: colour is never the only clue.
        assert {stage.value for stage in Stage} <= set(texts)

    def test_one_bar_per_span(self) -> None:
        """Each span of each road is drawn as one bar, filled with its stage's pattern."""
        book = demo_book()
        timeline = book.timeline(book.practices[0].tin, on="2026-11-28")
        bars = [
            rect
            for rect in parse_svg(timeline.svg()).iter(f"{SVG}rect")
            if "span" in rect.get("class", "")
        ]
        expected = [span.stage.value for road in timeline.roads for span in road.spans]
        assert expected == [bar.get("class", "").split()[1] for bar in bars]
        assert all(bar.get("fill", "").startswith("url(#credkit-") for bar in bars)

    @settings(max_examples=50)
    @given(cs.marked_up_books(), cs.window_dates())
    def test_names_are_escaped(self, book: Book, on: date) -> None:
        """Names full of markup come through as text in the SVG and the HTML."""
        for practice in book.practices:
            timeline = book.timeline(practice.tin, on=on)
            root = parse_svg(timeline.svg())
            texts = {element.text for element in root.iter(f"{SVG}text")}
            for road in timeline.roads:
                if len(road.label) <= 34:
                    assert road.label in texts
            ET.fromstring(timeline._repr_html_())

    @settings(max_examples=50)
    @given(cs.matrix_questions())
    def test_no_ssn_is_shown(self, question: Any) -> None:
        """An SSN held as a tax id never appears in full in the chart, the HTML or the report."""
        book, tin, on = question
        timeline = book.timeline(tin, on=on)
        page = html_report(book, on=on)
        # Without dashes, so that an SSN written 123-45-6789 is found too.
        everything_shown = [
            shown.replace("-", "")
            for shown in (timeline.svg(), timeline._repr_html_(), str(timeline), page)
        ]
        for ssn in _ssns(book):
            for shown in everything_shown:
                assert ssn.reveal() not in shown

    def test_the_report_is_well_formed_and_complete(self) -> None:
        """The report page parses as XML, has no script, and names every provider and payer."""
        book = demo_book()
        practice = book.practices[0]
        claims = [
            Claim(
                provider=p.npi,
                payer="cigna",
                practice=practice.tin,
                on="2026-11-20",
                service="90837",
            )
            for p in book.providers
        ]
        page = html_report(book, on="2026-11-28", practice=practice.tin, claims=claims)
        root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
        text = "".join(root.itertext())
        assert "<script" not in page
        assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
        for provider in book.providers:
            if any(entry.provider == provider.npi for entry in practice.roster):
                assert provider.name in text
        for payer in book.payers:
            assert payer.name in text
        sections = [section.get("class") for section in root.iter("section")]
        assert ["matrix", "groups", "timeline", "pending", "deadlines", "risk"] == sections
        assert "@media print" in page

    def test_the_report_gives_each_clinicians_medicare_position(self) -> None:
        """With a Medicare payer in the book, the page has a Medicare section: one row per clinician."""
        book = samples.with_medicare(demo_book(), enrolled="1743926184", opted_out="1588123491")
        practice = book.practices[0]
        page = html_report(book, on="2026-06-01", practice=practice.tin)
        root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
        sections = [section.get("class") for section in root.iter("section")]
        assert ["matrix", "groups", "medicare", "timeline", "pending", "deadlines"] == sections
        medicare = next(
            section for section in root.iter("section") if section.get("class") == "medicare"
        )
        rows = {
            cells[0]: cells[1:4]
            for row in medicare.iter("tr")
            if (cells := ["".join(cell.itertext()) for cell in row.iter("td")])
        }
        expected = {
            provider.name: ["Medicare", position, "yes"]
            for provider, position in zip(
                book.providers,
                ["enrolled", "neither", "opted out", "neither", "neither"],
                strict=True,
            )
        }
        assert expected == rows
        assert "the current two-year period ends 2027-03-02" in "".join(medicare.itertext())

    def test_the_report_refuses_an_unknown_practice(self) -> None:
        """A report of a practice the book does not hold is refused, naming the tax id."""
        with pytest.raises(UnknownId) as caught:
            html_report(Book(), on=ON, practice="12-3456789")
        assert "12-3456789" in str(caught.value)


def _ssns(book: Book) -> list[Any]:
    from credkit import SSN

    found = [practice.tin for practice in book.practices if isinstance(practice.tin, SSN)]
    for contract in book.contracts:
        found += [entry.tin for entry in contract.pay_to if isinstance(entry.tin, SSN)]
    return found


class TestAnswers:
    """The new answers refuse what contradicts itself, and round-trip."""

    def test_a_billable_road_has_no_blocker(self) -> None:
        """A road cannot be billable and blocked at once."""
        with pytest.raises(InvalidValue) as caught:
            Road(
                provider=ANA.npi,
                name="Ana",
                payer="cigna",
                billable=True,
                first_billable=ON,
                blocker=Reason(code="not_contracted", message="x"),
            )
        assert "Road.blocker: a billable road has no blocker" == str(caught.value)

    def test_a_span_ends_after_it_starts(self) -> None:
        """A span that ends before it starts is refused."""
        with pytest.raises(InvalidValue) as caught:
            Span(stage="pending", start="2024-02-01", end="2024-01-31")
        assert "Span.end: ends 2024-01-31, before it starts 2024-02-01" == str(caught.value)

    def test_a_followup_only_past_the_turnaround(self) -> None:
        """A pending record cannot be due a follow-up before its turnaround has passed."""
        with pytest.raises(InvalidValue):
            Pending(
                record="credential",
                payer="cigna",
                who="Ana",
                days=10,
                typical_days=90,
                followup_due=True,
            )

    @given(cs.timelines())
    def test_round_trip(self, timeline: Timeline) -> None:
        """A timeline survives JSON."""
        assert timeline == structure(unstructure(timeline), Timeline)

    def test_rows_for_pandas(self) -> None:
        """rows() gives one plain dict per road, with each milestone's date."""
        book = Book(
            providers=[ANA],
            practices=[HARBOR],
            payers=[CIGNA],
            credentials=[APPROVED],
            contracts=[CONTRACT],
        )
        (row,) = book.timeline(HARBOR.tin, on=ON).rows()
        assert {
            "provider": "Ana Ruiz",
            "npi": "1234567893",
            "payer": "cigna",
            "billable": True,
            "blocker": None,
            "blocker_message": None,
            "days_to_billable": 134,
            "joined_roster": "2024-01-02",
            "licensed": "2015-01-01",
            "submitted": "2024-01-15",
            "credentialed": "2024-04-01",
            "contract_signed": "2024-04-20",
            "contract_effective": "2024-05-01",
            "linked": "2024-05-15",
            "first_billable": "2024-05-15",
        } == row

    def test_a_structured_timeline_checks_itself(self) -> None:
        """Data for a timeline with two roads for one provider and payer is refused."""
        road = unstructure(
            Road(provider=ANA.npi, name="Ana", payer="cigna", billable=True, first_billable=ON)
        )
        with pytest.raises(InvalidData) as caught:
            structure(
                {"practice": "12-3456789", "on": "2024-06-03", "roads": [road, road]}, Timeline
            )
        assert ["$.roads: has two roads for NPI 1234567893 and payer 'cigna'"] == list(
            caught.value.errors
        )
