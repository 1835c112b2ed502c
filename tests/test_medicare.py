"""Medicare: the preset, professions accepted from a date, retro billing, opt-outs, plans and options."""

import itertools
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credkit import (
    Affiliation,
    Book,
    Claim,
    Code,
    Contract,
    Credential,
    CredkitError,
    DeadlineKind,
    Group,
    InvalidValue,
    License,
    MedicareOptions,
    MedicarePosition,
    OptOut,
    Path,
    Payer,
    PayerRules,
    Period,
    Practice,
    Profession,
    Provider,
    StepKind,
    UnknownId,
    adding_provider,
    can_bill,
    catalog,
    credentialing_readiness,
    deadlines,
    from_json,
    group_eligibility,
    medicare_options,
    moving_provider,
    recommend_enrollment,
    to_json,
)
from credkit._calendar import add_days, add_months
from tests import strategies as cs

MEDICARE = catalog.MEDICARE
LEE_NPI = "1234567893"
ANA_NPI = "1558598797"
GROUP_NPI = "1245319599"
TIN = "12-3456789"


def licensed(npi: str, name: str, profession: str) -> Provider:
    return Provider(
        npi=npi,
        name=name,
        licenses=[
            License(state="NY", profession=profession, number="1", effective=Period("2020-01-01"))
        ],
    )


LEE = licensed(LEE_NPI, "Lee Park, LMHC", "professional_counselor")
ANA = licensed(ANA_NPI, "Ana Ruiz, LCSW", "clinical_social_worker")
HARBOR = Practice(
    name="Harbor Therapy",
    tin=TIN,
    npi=GROUP_NPI,
    states=["NY"],
    roster=[
        Affiliation(provider=LEE_NPI, effective=Period("2020-01-01")),
        Affiliation(provider=ANA_NPI, effective=Period("2020-01-01")),
    ],
)


def enrolled(npi: str, start: str = "2023-06-01") -> Credential:
    """An enrollment filed a month and a half before it took effect."""
    filed = date.fromisoformat(start) - timedelta(days=45)
    return Credential(
        provider=npi, payer="medicare", status="approved", submitted=filed, effective=Period(start)
    )


def group_enrollment(start: str = "2023-01-01") -> Contract:
    return Contract(
        id="medicare-harbor",
        payer="medicare",
        holder=Group(practice=TIN),
        status="executed",
        signed=start,
        effective=Period(start),
        members=[
            Affiliation(provider=LEE_NPI, effective=Period(start)),
            Affiliation(provider=ANA_NPI, effective=Period(start)),
        ],
    )


def opt_out(
    signed: str = "2024-01-10", start: str | None = None, cancelled: str | None = None
) -> OptOut:
    return OptOut(
        provider=LEE_NPI,
        payer="medicare",
        signed=signed,
        start=start or signed,
        cancelled=cancelled,
    )


def bill(
    provider: Provider,
    on: date | str,
    *,
    credentials: tuple[Credential, ...] | None = None,
    opt_outs: tuple[OptOut, ...] = (),
) -> Any:
    return can_bill(
        provider,
        MEDICARE,
        HARBOR,
        on=on,
        credentials=(enrolled(LEE_NPI), enrolled(ANA_NPI)) if credentials is None else credentials,
        contracts=[group_enrollment()],
        opt_outs=opt_outs,
    )


def book(
    *, credentials: tuple[Credential, ...] | None = None, opt_outs: tuple[OptOut, ...] = ()
) -> Book:
    return Book(
        providers=[LEE, ANA],
        practices=[HARBOR],
        payers=[MEDICARE],
        credentials=(enrolled(LEE_NPI), enrolled(ANA_NPI)) if credentials is None else credentials,
        contracts=[group_enrollment()],
        opt_outs=opt_outs,
    )


def claim(npi: str, on: date | str) -> Claim:
    return Claim(provider=npi, payer="medicare", practice=TIN, on=on)


def codes(answer: Any) -> list[str]:
    return [reason.code.value for reason in answer.reasons]


class TestPreset:
    """catalog.MEDICARE holds the regulations' figures, and says where each came from."""

    def test_figures(self) -> None:
        """No group minimum, 30 days of retro billing, revalidation every 60 months, no CAQH."""
        rules = MEDICARE.rules
        expected = ("medicare", 1, 30, 60, False, True)
        assert expected == (
            MEDICARE.id,
            rules.group_minimum,
            rules.retro_days,
            rules.revalidation_months,
            rules.requires_caqh,
            rules.medicare,
        )

    def test_professions(self) -> None:
        """The seven professions, counselors and family therapists only from 2024-01-01."""
        dated = {
            Profession.MARRIAGE_FAMILY_THERAPIST,
            Profession.PROFESSIONAL_COUNSELOR,
            Profession.ADDICTION_COUNSELOR,
        }
        assert set(Profession) - {Profession.OTHER} == MEDICARE.rules.professions
        assert dated == set(MEDICARE.rules.profession_periods)
        assert {Period("2024-01-01")} == set(MEDICARE.rules.profession_periods.values())

    @pytest.mark.parametrize(
        "citation",
        [
            "42 CFR 424.521(a)",
            "42 CFR 424.520(d)",
            "42 CFR 424.515",
            "Division FF, section 4121",
            "2015-06-16",
            "CMS-855I",
            "CMS-855B",
            "CMS-855R",
        ],
    )
    def test_provenance_cites(self, citation: str) -> None:
        """The source names each regulation, the statute and the forms."""
        assert MEDICARE.rules.source is not None
        assert citation in MEDICARE.rules.source

    def test_in_the_catalog(self) -> None:
        """catalog.ALL ends with Medicare, and it round-trips through JSON."""
        assert MEDICARE is catalog.ALL[-1]
        assert MEDICARE == from_json(to_json(MEDICARE), Payer)


class TestProfessionPeriods:
    """A profession accepted only from a date is refused before it, by every question."""

    @pytest.mark.parametrize(
        ("on", "expected"),
        [("2023-12-31", False), ("2024-01-01", True), ("2024-01-02", True)],
    )
    def test_can_bill_around_2024(self, on: str, expected: bool) -> None:
        """A counselor's claim is refused on 2023-12-31 and allowed from 2024-01-01."""
        assert expected == bool(bill(LEE, on))
        assert expected == bool(book().can_bill(claim(LEE_NPI, on)))
        assert [bill(LEE, on)] == list(book().check([claim(LEE_NPI, on)]))

    def test_message_says_from_when(self) -> None:
        """The refusal says the profession is accepted for services from 2024-01-01."""
        verdict = bill(LEE, "2023-12-31")
        expected = [
            (
                "profession_not_accepted",
                "Medicare does not accept the profession of Lee Park, LMHC's license there "
                "on that date (professional counselor): it accepts professional counselor "
                "only for services from 2024-01-01",
            )
        ]
        assert expected == [(r.code.value, r.message) for r in verdict.reasons]

    def test_a_social_worker_is_not_dated(self) -> None:
        """A clinical social worker bills Medicare in 2023 as on any date."""
        assert bill(ANA, "2023-12-31")

    def test_batch_path_has_the_edge(self) -> None:
        """Book.check gives can_bill's verdict on every day around the edge, in one batch."""
        days = [date(2023, 12, 25) + timedelta(days=n) for n in range(14)]
        claims = [claim(LEE_NPI, on) for on in days]
        assert [bill(LEE, on) for on in days] == list(book().check(claims))

    @pytest.mark.parametrize(("on", "count"), [("2023-12-31", 1), ("2024-01-01", 2)])
    def test_group_eligibility_counts_from_the_date(self, on: str, count: int) -> None:
        """The counselor counts toward the group from 2024-01-01."""
        answer = group_eligibility(HARBOR, MEDICARE, on=on, providers=[LEE, ANA])
        assert (count, True) == (answer.count, bool(answer))

    @pytest.mark.parametrize(("on", "blocked"), [("2023-12-31", True), ("2024-01-01", False)])
    def test_adding_provider_blocks_before_the_date(self, on: str, blocked: bool) -> None:
        """Adding the counselor before 2024 is blocked with profession_not_accepted."""
        plan = adding_provider(
            HARBOR, LEE, MEDICARE, on=on, providers=[LEE, ANA], credentials=[], contracts=[]
        )
        assert blocked == ("profession_not_accepted" in codes_of(plan.blockers))

    @pytest.mark.parametrize(("on", "ready"), [("2023-12-31", False), ("2024-01-01", True)])
    def test_readiness(self, on: str, ready: bool) -> None:
        """Readiness refuses the counselor's profession before 2024-01-01, saying from when."""
        answer = credentialing_readiness(LEE, MEDICARE, on=on)
        found = [r for r in answer.reasons if r.code is Code.PROFESSION_NOT_ACCEPTED]
        assert ready == (not found)
        if found:
            assert "only for services from 2024-01-01" in found[0].message

    def test_recommendation_counts_from_the_date(self) -> None:
        """Before 2024 the practice has one Medicare provider, staying solo; after, two."""
        before = recommend_enrollment(HARBOR, MEDICARE, on="2023-12-31", providers=[LEE, ANA])
        after = recommend_enrollment(HARBOR, MEDICARE, on="2024-01-01", providers=[LEE, ANA])
        assert ("individual", "group") == (before.choice, after.choice)

    def test_a_period_with_an_end(self) -> None:
        """A profession accepted within a closed period is refused after it, saying so."""
        rules = PayerRules(
            profession_periods={"professional_counselor": Period("2024-01-01", "2024-12-31")}
        )
        payer = Payer(id="pilot", name="Pilot Plan", rules=rules)
        assert rules.accepts(Profession.PROFESSIONAL_COUNSELOR, date(2024, 12, 31))
        assert not rules.accepts(Profession.PROFESSIONAL_COUNSELOR, date(2025, 1, 1))
        answer = credentialing_readiness(LEE, payer, on="2025-01-01")
        assert any("2024-01-01 to 2024-12-31" in r.message for r in answer.reasons)

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (
                {
                    "professions": ["psychologist"],
                    "profession_periods": {"professional_counselor": "2024-01-01"},
                },
                "PayerRules.profession_periods: professional_counselor has a period but is not "
                "among the professions, so it would never be accepted: add it to professions",
            ),
            (
                {"profession_periods": ["professional_counselor"]},
                "PayerRules.profession_periods: expected a mapping of profession to the period "
                "it is accepted in, got a list",
            ),
            (
                {"profession_periods": {"professional_counselor": 2024}},
                "PayerRules.profession_periods: professional_counselor: expected a Period or a "
                "start date, got a number",
            ),
            (
                {"profession_periods": {"professional_counselor": "2024-13-01"}},
                "PayerRules.profession_periods: professional_counselor: '2024-13-01' is not a "
                "real calendar date",
            ),
            (
                {"revalidation_months": 0},
                "PayerRules.revalidation_months: must be at least 1",
            ),
            ({"medicare": 1}, "PayerRules.medicare: expected true or false, got a number"),
        ],
    )
    def test_refusals(self, arguments: dict[str, Any], message: str) -> None:
        """Bad dated professions, revalidation months and Medicare flags name the field and rule."""
        with pytest.raises(InvalidValue) as caught:
            PayerRules(**arguments)
        assert message == str(caught.value)

    def test_json_shape(self) -> None:
        """profession_periods is an object of periods keyed by profession, written sorted."""
        rules = PayerRules(
            profession_periods={
                "professional_counselor": "2024-01-01",
                "addiction_counselor": Period("2024-01-01", "2025-12-31"),
            }
        )
        data = from_json(to_json(rules), PayerRules)
        assert rules == data
        assert (
            to_json(rules, indent=None).count(
                '"profession_periods": {"addiction_counselor": {"start": "2024-01-01", "end": "2025-12-31"}, "professional_counselor": {"start": "2024-01-01", "end": null}}'
            )
            == 1
        )


def codes_of(reasons: Any) -> list[str]:
    return [reason.code.value for reason in reasons]


class TestRetroBilling:
    """Medicare pays for services up to 30 days before the effective date, not 31."""

    @pytest.mark.parametrize(
        ("on", "allowed"),
        [("2024-01-30", False), ("2024-01-31", True), ("2024-03-01", True)],
    )
    def test_thirty_days(self, on: str, allowed: bool) -> None:
        """Effective 2024-03-01: 2024-01-31 is 30 days before and allowed, 2024-01-30 is 31."""
        credentials = (enrolled(ANA_NPI, "2024-03-01"),)
        verdict = bill(ANA, on, credentials=credentials)
        assert allowed == bool(verdict)
        assert [verdict] == list(book(credentials=credentials).check([claim(ANA_NPI, on)]))
        if on == "2024-01-31":
            assert ["retro_billing"] == codes_of(verdict.notes)
        if not allowed:
            assert ["credential_not_in_effect"] == codes(verdict)


class TestOptOutRecord:
    """An OptOut's two-year periods, renewals and cancellations, as the rules say."""

    def test_last_day_of_a_period_and_first_of_the_next(self) -> None:
        """Signed 2024-01-10: the first period ends 2026-01-09 and the next starts 2026-01-10."""
        record = opt_out()
        assert Period("2024-01-10", "2026-01-09") == record.period_containing("2026-01-09")
        assert Period("2026-01-10", "2028-01-09") == record.period_containing("2026-01-10")
        assert (True, True, None) == (
            record.in_effect("2026-01-09"),
            record.in_effect("2026-01-10"),
            record.last_day,
        )

    def test_not_before_its_start(self) -> None:
        """An opt-out is not in force the day before it starts."""
        record = opt_out(signed="2024-01-10", start="2024-04-01")
        assert (False, True) == (record.in_effect("2024-03-31"), record.in_effect("2024-04-01"))
        assert record.period_containing("2024-03-31") is None

    @pytest.mark.parametrize(
        ("signed", "renews", "in_effect_after"),
        [("2015-06-15", False, False), ("2015-06-16", True, True)],
    )
    def test_renewal_starts_with_affidavits_of_2015_06_16(
        self, signed: str, renews: bool, in_effect_after: bool
    ) -> None:
        """An affidavit signed 2015-06-15 ends after two years; one signed 2015-06-16 renews."""
        record = opt_out(signed=signed)
        start = date.fromisoformat(signed)
        first_end = add_days(add_months(start, 24), -1)
        assert renews == record.renews
        assert record.in_effect(first_end)
        assert in_effect_after == record.in_effect(first_end + timedelta(days=1))
        assert (first_end if not renews else None) == record.last_day

    @pytest.mark.parametrize(
        ("cancelled", "last_day"),
        [
            ("2025-12-10", "2026-01-09"),  # 31 days ahead
            ("2025-12-11", "2026-01-09"),  # exactly 30 days ahead: ends with the period
            ("2025-12-12", "2028-01-09"),  # 29 days: a period later
            ("2026-01-09", "2028-01-09"),
            ("2026-01-10", "2028-01-09"),  # sent on the renewal's first day
        ],
    )
    def test_cancellation_needs_thirty_days(self, cancelled: str, last_day: str) -> None:
        """A cancellation 30 days before the next period ends the opt-out; 29 takes a period more."""
        record = opt_out(cancelled=cancelled)
        assert date.fromisoformat(last_day) == record.last_day
        end = date.fromisoformat(last_day)
        assert (True, False) == (record.in_effect(end), record.in_effect(end + timedelta(days=1)))

    def test_cancelling_before_the_start_keeps_the_first_period(self) -> None:
        """The first two years run whatever: a cancellation only stops renewals."""
        record = opt_out(signed="2024-01-10", start="2024-04-01", cancelled="2024-01-11")
        assert date(2026, 3, 31) == record.last_day

    def test_a_period_from_the_29th_of_february(self) -> None:
        """Periods are counted from the start, so a clamped month end does not drift."""
        record = opt_out(signed="2024-02-29")
        assert Period("2026-02-28", "2028-02-28") == record.period_containing("2027-01-01")
        assert Period("2028-02-29", "2030-02-27") == record.period_containing("2028-02-29")

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (
                {"signed": "2024-01-10", "start": "2024-01-09"},
                "OptOut.start: 2024-01-09 is before the affidavit was signed (2024-01-10): an "
                "opt-out starts on or after its signing",
            ),
            (
                {"signed": "2024-01-10", "start": "2024-01-10", "cancelled": "2024-01-09"},
                "OptOut.cancelled: 2024-01-09 is before the affidavit was signed (2024-01-10): "
                "only a signed opt-out can be cancelled",
            ),
            (
                {"signed": "01/10/2024", "start": "2024-01-10"},
                "OptOut.signed: expected a date written YYYY-MM-DD, got '01/10/2024'",
            ),
            (
                {"signed": "2024-01-10", "start": None},
                "OptOut.start: expected a date written YYYY-MM-DD, got null",
            ),
        ],
    )
    def test_refusals(self, arguments: dict[str, Any], message: str) -> None:
        """Impossible dates are refused, naming the field and the rule."""
        with pytest.raises(InvalidValue) as caught:
            OptOut(provider=LEE_NPI, payer="medicare", **arguments)
        assert message == str(caught.value)

    @pytest.mark.parametrize("junk", [None, 0, object(), "€", [], {"a": [object()]}, "2024-13-01"])
    def test_methods_refuse_junk(self, junk: Any) -> None:
        """in_effect and period_containing refuse a date that is not one with a CredkitError."""
        with pytest.raises(CredkitError):
            opt_out().in_effect(junk)
        with pytest.raises(CredkitError):
            opt_out().period_containing(junk)


def reference_in_force(record: OptOut, on: date) -> bool:
    """Whether an opt-out is in force, walked period by period as the rules are written."""
    if on < record.start:
        return False
    index = 0
    while True:
        following = add_months(record.start, 24 * (index + 1))
        if on < following:
            return True
        # Period index + 1 begins: it does only for an affidavit that renews, and when no
        # cancellation reached the contractor 30 days or more before it.
        if record.signed < date(2015, 6, 16):
            return False
        if record.cancelled is not None and (following - record.cancelled).days >= 30:
            return False
        index += 1


class TestOptOutProperties:
    """An opt-out's periods follow the written rules, on every date."""

    @given(cs.opt_outs(), cs.dates(date(2012, 1, 1), date(2045, 12, 31)))
    @example(opt_out(), date(2026, 1, 9))
    @example(opt_out(), date(2026, 1, 10))
    @example(opt_out(cancelled="2025-12-11"), date(2026, 1, 10))
    @example(opt_out(cancelled="2025-12-12"), date(2026, 1, 10))
    @example(opt_out(cancelled="2025-12-12"), date(2028, 1, 10))
    @example(opt_out(signed="2015-06-15"), date(2017, 6, 15))
    @example(opt_out(signed="2015-06-16"), date(2017, 6, 16))
    def test_agrees_with_the_reference(self, record: OptOut, on: date) -> None:
        """in_effect equals the period-by-period reading of the rules."""
        assert reference_in_force(record, on) == record.in_effect(on)

    @given(cs.opt_outs(), cs.dates(date(2012, 1, 1), date(2045, 12, 31)))
    @example(opt_out(signed="2024-02-29"), date(2026, 2, 28))
    def test_period_containing(self, record: OptOut, on: date) -> None:
        """The period holds the date, starts on a period boundary and lasts two years."""
        period = record.period_containing(on)
        assert (period is not None) == record.in_effect(on)
        if period is None:
            return
        assert on in period
        assert period.start in set(record.period_starts())
        assert period.end == add_days(add_months(period.start, 24), -1) or record.start.day > 28

    @given(cs.opt_outs())
    def test_last_day(self, record: OptOut) -> None:
        """The opt-out is in force on its last day and not the day after."""
        last = record.last_day
        assert (last is None) == (record.renews and record.cancelled is None)
        if last is not None:
            assert (True, False) == (
                record.in_effect(last),
                record.in_effect(last + timedelta(days=1)),
            )

    @given(cs.opt_outs(), st.integers(0, 40))
    @example(opt_out(signed="2024-02-29"), 1)
    def test_period_starts_are_the_period_start_of_each_index(
        self, record: OptOut, count: int
    ) -> None:
        """period_starts lists period_start(0), period_start(1), ... for the periods in force."""
        listed = list(itertools.islice(record.period_starts(), count))
        expected = [record.period_start(index) for index in range(len(listed))]
        assert expected == listed
        in_force = record.periods_in_force
        assert len(listed) == (count if in_force is None else min(count, in_force))

    @pytest.mark.parametrize("cancelled", [None, "9999-12-31", "9999-12-20"])
    def test_the_end_of_the_calendar(self, cancelled: str | None) -> None:
        """An opt-out near the year 9999 still answers, on every day to the calendar's end."""
        record = opt_out(signed="9998-03-01", cancelled=cancelled)
        assert record.in_effect(date.max) == (
            record.last_day is None or record.last_day == date.max
        )
        period = record.period_containing(date(9999, 12, 30))
        assert period is not None
        assert date(9998, 3, 1) == period.start

    @given(cs.opt_outs())
    def test_round_trip(self, record: OptOut) -> None:
        """An opt-out survives JSON unchanged."""
        assert record == from_json(to_json(record), OptOut)


class TestOptedOut:
    """While an opt-out is in force, Medicare refuses every claim, a group's included."""

    @pytest.mark.parametrize(
        ("record", "on", "ends"),
        [
            (opt_out(), "2026-01-09", "2026-01-09"),
            (opt_out(), "2026-01-10", "2028-01-09"),
            (opt_out(cancelled="2025-12-12"), "2026-01-10", "2028-01-09"),
        ],
    )
    def test_refused_saying_when_the_period_ends(self, record: OptOut, on: str, ends: str) -> None:
        """The group enrollment notwithstanding, the claim is refused with opted_out."""
        verdict = bill(LEE, on, opt_outs=(record,))
        assert ["opted_out"] == codes(verdict)
        assert f"the current two-year period ends {ends}" in verdict.reasons[0].message
        assert [verdict] == list(book(opt_outs=(record,)).check([claim(LEE_NPI, on)]))
        assert verdict == book(opt_outs=(record,)).can_bill(claim(LEE_NPI, on))

    def test_message(self) -> None:
        """The whole message, for a period that is the opt-out's last."""
        verdict = bill(LEE, "2026-01-09", opt_outs=(opt_out(cancelled="2025-12-11"),))
        expected = (
            "Lee Park, LMHC has opted out of Medicare (affidavit signed 2024-01-10): Medicare "
            "pays nothing for their services, directly or through a group, while the opt-out "
            "is in force; the current two-year period ends 2026-01-09, and the opt-out ends "
            "with it"
        )
        assert expected == verdict.reasons[0].message

    @pytest.mark.parametrize(
        ("cancelled", "on", "allowed"),
        [
            ("2025-12-11", "2026-01-10", True),
            ("2025-12-12", "2026-01-10", False),
            ("2025-12-12", "2028-01-09", False),
            ("2025-12-12", "2028-01-10", True),
        ],
    )
    def test_after_a_cancellation(self, cancelled: str, on: str, allowed: bool) -> None:
        """Billing resumes the day after the opt-out's last day, and not before."""
        record = opt_out(cancelled=cancelled)
        assert allowed == bool(bill(LEE, on, opt_outs=(record,)))
        assert allowed == bool(book(opt_outs=(record,)).can_bill(claim(LEE_NPI, on)))

    def test_the_day_before_it_starts(self) -> None:
        """The day before the opt-out starts, the claim is allowed."""
        assert bill(LEE, "2024-01-09", opt_outs=(opt_out(),))

    def test_only_its_provider_and_payer(self) -> None:
        """Another clinician's opt-out, or one of another payer, changes nothing."""
        others = (
            attrs.evolve(opt_out(), provider=ANA_NPI),
            attrs.evolve(opt_out(), payer="aetna"),
        )
        assert bill(LEE, "2025-01-06") == bill(LEE, "2025-01-06", opt_outs=others)

    def test_batch_over_the_years(self) -> None:
        """Book.check matches can_bill on each day around every renewal and the end."""
        record = opt_out(cancelled="2027-12-20")
        edges = [date(2024, 1, 10), date(2026, 1, 10), date(2028, 1, 10), date(2030, 1, 10)]
        days = [edge + timedelta(days=n) for edge in edges for n in (-1, 0, 1)]
        expected = [bill(LEE, on, opt_outs=(record,)) for on in days]
        assert expected == list(book(opt_outs=(record,)).check(claim(LEE_NPI, on) for on in days))
        # Cancelled 21 days before the 2028 renewal: the opt-out runs to 2030-01-09.
        allowed = [True, False, False] + [False] * 6 + [False, True, True]
        assert allowed == [bool(verdict) for verdict in expected]

    def test_book_refuses_unknown_references(self) -> None:
        """A book's opt-out must name a provider and a payer the book holds."""
        with pytest.raises(CredkitError) as caught:
            Book(
                providers=[LEE],
                payers=[MEDICARE],
                opt_outs=[attrs.evolve(opt_out(), provider=ANA_NPI, payer="aetna")],
            )
        expected = [
            f"$.opt_outs[0].provider: the book holds no provider with NPI {ANA_NPI}",
            "$.opt_outs[0].payer: the book holds no payer with id 'aetna'",
        ]
        assert expected == list(caught.value.errors)  # type: ignore[attr-defined]

    @pytest.mark.parametrize("junk", [None, 0, object(), "€", [object()], [None]])
    def test_can_bill_refuses_junk_opt_outs(self, junk: Any) -> None:
        """can_bill's opt_outs must be a list of OptOut."""
        with pytest.raises(CredkitError):
            bill(LEE, "2025-01-06", opt_outs=junk)

    @pytest.mark.parametrize("junk", [None, 0, object(), "€", [object()]])
    def test_book_refuses_junk_opt_outs(self, junk: Any) -> None:
        """Book's opt_outs must be a list of OptOut."""
        with pytest.raises(CredkitError):
            Book(opt_outs=junk)

    def test_repr_counts_opt_outs(self) -> None:
        """A book with opt-outs says how many; one without does not mention them."""
        assert (
            "Book(2 providers, 1 practice, 1 payer, 2 credentials, 1 contract, 1 opt-out)"
            == repr(book(opt_outs=(opt_out(),)))
        )
        assert "opt-out" not in repr(book())


class TestOptOutNeverAllows:
    """An opt-out only ever refuses: it never allows a refused claim, and removing it never refuses."""

    @given(cs.billable_books(), st.data())
    def test_with_and_without(self, billable: Book, data: st.DataObject) -> None:
        """With an opt-out a claim is refused or as before; without one it is allowed or as before."""
        planted = next(contract for contract in billable.contracts if contract.id == "planted")
        holder = planted.holder
        provider = holder.provider if hasattr(holder, "provider") else planted.members[0].provider
        added = data.draw(
            cs.opt_outs(
                npi=st.sampled_from([provider, *(p.npi for p in billable.providers)]),
                payer=st.just(planted.payer),
                signed=cs.dates(cs.WINDOW_START - timedelta(days=800), cs.WINDOW_END),
            )
        )
        with_more = attrs.evolve(billable, opt_outs=(*billable.opt_outs, added))
        without = attrs.evolve(billable, opt_outs=())
        claims = data.draw(st.lists(cs.claims_for(with_more), min_size=1, max_size=8))
        for item in claims:
            bare = without.can_bill(item)
            for opted in (billable.can_bill(item), with_more.can_bill(item)):
                if not bare:
                    assert not opted
                if opted:
                    assert bare
                if bool(opted) != bool(bare):
                    assert Code.OPTED_OUT in [reason.code for reason in opted.reasons]
                # An opt-out adds its reason and takes nothing else away.
                others = [reason for reason in opted.reasons if reason.code is not Code.OPTED_OUT]
                assert others == list(bare.reasons)

    @given(cs.books_with_claims())
    def test_refused_with_opted_out_exactly_while_in_force(self, book_and_claims: Any) -> None:
        """opted_out is among the reasons exactly when one of the book's opt-outs is in force."""
        generated, claims = book_and_claims
        for item in claims:
            verdict = generated.can_bill(item)
            if any(code.value.startswith("unknown") for code in (r.code for r in verdict.reasons)):
                continue
            in_force = any(
                record.provider == item.provider
                and record.payer == item.payer
                and record.in_effect(item.on)
                for record in generated.opt_outs
            )
            assert in_force == (Code.OPTED_OUT in [r.code for r in verdict.reasons])


class TestDeadlines:
    """Revalidation every five years, and the last day to cancel an opt-out."""

    def calendar(
        self, on: str, *, opt_outs: tuple[OptOut, ...] = (), payer: Payer = MEDICARE
    ) -> Any:
        return deadlines(
            on=on,
            within_days=3650,
            providers=[LEE, ANA],
            credentials=[
                Credential(
                    provider=ANA_NPI,
                    payer=payer.id,
                    status="approved",
                    effective=Period("2024-03-01"),
                )
            ],
            contracts=[],
            payers=[payer],
            opt_outs=opt_outs,
        )

    def test_revalidation_five_years_on(self) -> None:
        """Medicare: revalidation 60 months after the start, and no recredentialing."""
        found = [(d.due, d.kind) for d in self.calendar("2026-11-28")]
        assert [(date(2029, 3, 1), DeadlineKind.REVALIDATION)] == found

    def test_revalidation_message(self) -> None:
        """The item names the enrollment, the form and what happens if it lapses."""
        (item,) = self.calendar("2026-11-28")
        expected = (
            "2029-03-01 revalidation: Ana Ruiz, LCSW with Medicare: enrollment from 2024-03-01: "
            "revalidate the enrollment with Medicare (CMS-855I, or in PECOS) when the contractor "
            "asks, by this date: an enrollment not revalidated every 60 months is deactivated, "
            "and claims stop"
        )
        assert expected == str(item)

    def test_a_payers_own_revalidation_months(self) -> None:
        """A payer's revalidation_months replaces the five years, and recredentialing."""
        payer = Payer(id="plan", name="Plan", rules=PayerRules(revalidation_months=48))
        found = [(d.due, d.kind) for d in self.calendar("2026-11-28", payer=payer)]
        assert [(date(2028, 3, 1), DeadlineKind.REVALIDATION)] == found

    def test_commercial_payers_recredential(self) -> None:
        """A payer that does not revalidate gets its recredentialing, as before."""
        payer = Payer(id="plan", name="Plan")
        found = [(d.due, d.kind) for d in self.calendar("2026-11-28", payer=payer)]
        assert [(date(2027, 3, 1), DeadlineKind.RECREDENTIALING)] == found

    @pytest.mark.parametrize(
        ("on", "due"),
        [
            ("2025-12-11", date(2025, 12, 11)),  # the last day to cancel, itself
            ("2025-12-12", date(2027, 12, 11)),  # passed: the next renewal's day
        ],
    )
    def test_opt_out_cancellation(self, on: str, due: date) -> None:
        """30 days before the next period; once passed, the following one's, never overdue."""
        found = [
            d
            for d in self.calendar(on, opt_outs=(opt_out(),))
            if d.kind is DeadlineKind.OPT_OUT_CANCELLATION
        ]
        assert [(due, False)] == [(d.due, d.overdue) for d in found]

    def test_opt_out_cancellation_message(self) -> None:
        """The item says what to send, and when the opt-out renews otherwise."""
        (item,) = [
            d
            for d in self.calendar("2025-06-01", opt_outs=(opt_out(),))
            if d.kind is DeadlineKind.OPT_OUT_CANCELLATION
        ]
        expected = (
            "2025-12-11 opt_out_cancellation: Lee Park, LMHC: opt-out of Medicare signed "
            "2024-01-10: to end the opt-out, send Medicare's contractor written notice by this "
            "date; otherwise it renews for two more years from 2026-01-10"
        )
        assert expected == str(item)

    @pytest.mark.parametrize(
        "record",
        [opt_out(signed="2015-06-15"), opt_out(cancelled="2025-12-11")],
        ids=["before-2015-06-16", "cancelled"],
    )
    def test_no_cancellation_day_without_a_renewal(self, record: OptOut) -> None:
        """An opt-out that will not renew has no day to cancel by."""
        found = self.calendar("2015-06-15", opt_outs=(record,))
        assert DeadlineKind.OPT_OUT_CANCELLATION not in [d.kind for d in found]

    def test_book_passes_its_opt_outs(self) -> None:
        """Book.deadlines lists the opt-out's cancellation day."""
        found = book(opt_outs=(opt_out(),)).deadlines(on="2025-06-01", within_days=365)
        assert DeadlineKind.OPT_OUT_CANCELLATION in [d.kind for d in found]

    def test_opt_out_references_checked(self) -> None:
        """An opt-out naming a provider not given is refused, naming the argument."""
        with pytest.raises(InvalidValue) as caught:
            deadlines(
                on="2025-06-01",
                within_days=30,
                providers=[],
                credentials=[],
                contracts=[],
                payers=[MEDICARE],
                opt_outs=[opt_out()],
            )
        assert str(caught.value).startswith("argument.opt_outs: item 0 names the provider")


class TestPlans:
    """Medicare's plans name its forms, and its advice never speaks of a group minimum."""

    def plan(self, practice: Practice = HARBOR, contracts: tuple[Contract, ...] = ()) -> Any:
        return adding_provider(
            practice,
            ANA,
            MEDICARE,
            on="2025-01-06",
            providers=[LEE, ANA],
            credentials=[],
            contracts=contracts,
        )

    def test_adding_to_the_group_enrollment(self) -> None:
        """855I to enroll the clinician, 855R to reassign to the enrolled group."""
        plan = self.plan(contracts=(attrs.evolve(group_enrollment(), members=()),))
        details = {step.kind: step.detail for step in plan.steps}
        assert Path.ADD_TO_GROUP_CONTRACT == plan.path
        assert "CMS-855I" in details[StepKind.CREDENTIAL]
        assert "CMS-855R" in details[StepKind.ADD_TO_GROUP_CONTRACT]

    def test_a_group_not_enrolled(self) -> None:
        """With no group enrollment, the practice enrolls on 855B and the clinician reassigns on 855R."""
        plan = self.plan()
        details = {step.kind: step.detail for step in plan.steps}
        expected = (
            "enroll Harbor Therapy with Medicare as a group on CMS-855B (with its EIN and type "
            "2 NPI; it is not enrolled), then reassign Ana Ruiz, LCSW's benefits to it on CMS-855R"
        )
        assert expected == details[StepKind.LINK_CONTRACT_TO_PRACTICE]
        assert "CMS-855I" in details[StepKind.SIGN_INDIVIDUAL_CONTRACT]

    def test_a_practice_without_an_ein(self) -> None:
        """A solo practice under an SSN is a practice location on the clinician's 855I."""
        solo = attrs.evolve(HARBOR, tin="123-45-6789", npi=None)
        details = {step.kind: step.detail for step in self.plan(practice=solo).steps}
        assert "practice location" in details[StepKind.LINK_CONTRACT_TO_PRACTICE]

    def test_other_payers_unchanged(self) -> None:
        """A payer that is not Medicare keeps its own words."""
        aetna = Payer(id="aetna", name="Aetna")
        plan = adding_provider(
            HARBOR, ANA, aetna, on="2025-01-06", providers=[ANA], credentials=[], contracts=[]
        )
        assert "CMS-855" not in " ".join(step.detail for step in plan.steps)

    @given(
        st.integers(0, 2), st.integers(0, 6), st.sampled_from([TIN, "123-45-6789"]), st.booleans()
    )
    @example(0, 0, TIN, True)
    @example(1, 0, TIN, True)
    @example(2, 0, TIN, True)
    def test_no_group_minimum(self, count: int, planned: int, tin: str, has_npi: bool) -> None:
        """Whatever the size, Medicare advice never reports a minimum, nor below_group_minimum."""
        practice = attrs.evolve(
            HARBOR,
            tin=tin,
            npi=GROUP_NPI if has_npi else None,
            roster=HARBOR.roster[2 - count :] if count else (),
        )
        advice = recommend_enrollment(
            practice, MEDICARE, on="2025-01-06", providers=[LEE, ANA], planned_providers=planned
        )
        assert Code.BELOW_GROUP_MINIMUM not in advice.codes
        for reason in advice.reasons:
            assert "minimum" not in reason.message.replace("no minimum group size", "")
        assert ("group" if count + planned >= 2 else "individual") == advice.choice


class TestOptOutInPlans:
    """An opt-out in force blocks the plan for its payer, with can_bill's reason, and changes nothing else."""

    def plan(self, on: str, *records: OptOut) -> Any:
        return adding_provider(
            HARBOR,
            LEE,
            MEDICARE,
            on=on,
            providers=[LEE, ANA],
            credentials=[enrolled(LEE_NPI)],
            contracts=[group_enrollment()],
            opt_outs=records,
        )

    @pytest.mark.parametrize(
        ("on", "cancelled", "blocked"),
        [
            ("2024-01-09", None, False),
            ("2024-01-10", None, True),
            ("2024-01-11", None, True),
            ("2026-01-09", "2025-12-11", True),
            ("2026-01-10", "2025-12-11", False),
            ("2026-01-10", "2025-12-12", True),
        ],
    )
    def test_blocked_while_in_force(self, on: str, cancelled: str | None, blocked: bool) -> None:
        """From the opt-out's first day to its last, and not a day either side."""
        record = opt_out(cancelled=cancelled)
        plan = self.plan(on, record)
        assert blocked == (Code.OPTED_OUT in [reason.code for reason in plan.blockers])
        assert blocked == (not plan)
        assert bill(LEE, on, opt_outs=(record,)).reasons[:1] == (
            plan.blockers[:1] if blocked else ()
        )

    def test_the_message_is_can_bills(self) -> None:
        """The blocker says what can_bill says, and the plan is not guaranteed."""
        record = opt_out()
        plan = self.plan("2025-01-06", record)
        assert list(bill(LEE, "2025-01-06", opt_outs=(record,)).reasons) == list(plan.blockers)
        assert not plan.guaranteed
        assert self.plan("2025-01-06").guaranteed

    def test_another_clinicians_opt_out(self) -> None:
        """Ana's opt-out does not block Lee's plan, nor an opt-out of another payer."""
        others = (attrs.evolve(opt_out(), provider=ANA_NPI), attrs.evolve(opt_out(), payer="aetna"))
        assert self.plan("2025-01-06") == self.plan("2025-01-06", *others)

    def test_the_book_and_a_move_pass_their_opt_outs(self) -> None:
        """Book.adding_provider, Book.moving_provider and moving_provider give the blocker too."""
        lakeside = Practice(name="Lakeside", tin="98-7654321", states=["NY"])
        held = attrs.evolve(book(opt_outs=(opt_out(),)), practices=[HARBOR, lakeside])
        plan = held.adding_provider(TIN, LEE, on="2025-01-06")["medicare"]
        assert [Code.OPTED_OUT] == [reason.code for reason in plan.blockers]
        moves = moving_provider(
            LEE,
            HARBOR,
            lakeside,
            on="2025-01-06",
            providers=held.providers,
            credentials=held.credentials,
            contracts=held.contracts,
            payers=held.payers,
            opt_outs=held.opt_outs,
        )
        assert moves == held.moving_provider(LEE_NPI, TIN, lakeside.tin, on="2025-01-06")
        moved = moves["medicare"].plan
        assert moved is not None
        assert Code.OPTED_OUT in [reason.code for reason in moved.blockers]

    @pytest.mark.parametrize("junk", [None, 0, object(), "€", [object()], [None], [[{}]]])
    def test_junk_opt_outs_refused(self, junk: Any) -> None:
        """adding_provider's and moving_provider's opt_outs must be a list of OptOut."""
        with pytest.raises(CredkitError) as caught:
            adding_provider(
                HARBOR,
                LEE,
                MEDICARE,
                on="2025-01-06",
                providers=[LEE],
                credentials=[],
                contracts=[],
                opt_outs=junk,
            )
        assert "opt_outs" in str(caught.value)
        with pytest.raises(CredkitError):
            moving_provider(
                LEE,
                HARBOR,
                attrs.evolve(HARBOR, tin="98-7654321"),
                on="2025-01-06",
                providers=[LEE],
                credentials=[],
                contracts=[],
                payers=[MEDICARE],
                opt_outs=junk,
            )

    @given(cs.books(), cs.window_dates(), st.data())
    def test_only_adds_its_blocker(self, generated: Book, on: date, data: st.DataObject) -> None:
        """With the book's opt-outs, each plan is the plan without them plus opted_out while one is in force."""
        practice = data.draw(st.sampled_from(generated.practices))
        provider = data.draw(st.sampled_from(generated.providers))
        with_opt_outs = generated.adding_provider(practice.tin, provider, on=on)
        without = attrs.evolve(generated, opt_outs=()).adding_provider(
            practice.tin, provider, on=on
        )
        for payer_id, plan in with_opt_outs.items():
            bare = without[payer_id]
            in_force = any(
                record.provider == provider.npi
                and record.payer == payer_id
                and record.in_effect(on)
                for record in generated.opt_outs
            )
            codes_of = [reason.code for reason in plan.blockers]
            assert in_force == (Code.OPTED_OUT in codes_of)
            others = [reason for reason in plan.blockers if reason.code is not Code.OPTED_OUT]
            assert bare == attrs.evolve(plan, blockers=others, guaranteed=bare.guaranteed)
            assert plan.guaranteed == (bare.guaranteed and not in_force)


class TestMedicareOptions:
    """medicare_options sets out enrolling, opting out and neither."""

    def test_three_positions(self) -> None:
        """One option per position, in order, each saying what it requires and rules out."""
        answer = medicare_options(ANA, on="2025-01-06")
        assert list(MedicarePosition) == [option.position for option in answer.options]
        assert all(option.requires and option.rules_out for option in answer.options)
        neither = answer.option("neither")
        assert "charging Medicare patients privately for covered services" in neither.rules_out

    @pytest.mark.parametrize(
        ("credentials", "opt_outs", "current"),
        [
            ((), (), MedicarePosition.NEITHER),
            ((enrolled(LEE_NPI),), (), MedicarePosition.ENROLLED),
            ((enrolled(LEE_NPI),), (opt_out(),), MedicarePosition.OPTED_OUT),
            (
                (
                    Credential(
                        provider=LEE_NPI,
                        payer="medicare",
                        status="terminated",
                        effective=Period("2023-06-01", "2025-01-06"),
                    ),
                ),
                (),
                MedicarePosition.ENROLLED,
            ),
        ],
        ids=["neither", "enrolled", "opted-out", "terminated-on-its-last-day"],
    )
    def test_current_position(
        self, credentials: Any, opt_outs: Any, current: MedicarePosition
    ) -> None:
        """An opt-out in force, else an enrollment in effect, else neither."""
        answer = medicare_options(LEE, on="2025-01-06", credentials=credentials, opt_outs=opt_outs)
        assert (current, True) == (answer.current, bool(answer))
        assert (current is MedicarePosition.OPTED_OUT) == (
            Code.OPTED_OUT in [n.code for n in answer.notes]
        )

    @pytest.mark.parametrize(("on", "eligible"), [("2023-12-31", False), ("2024-01-01", True)])
    def test_counselor_from_2024(self, on: str, eligible: bool) -> None:
        """A counselor can enroll or opt out only from 2024-01-01; before, only neither."""
        answer = medicare_options(LEE, on=on)
        assert eligible == bool(answer)
        available = [option.position for option in answer.options if option.available]
        assert (list(MedicarePosition) if eligible else [MedicarePosition.NEITHER]) == available
        assert ([] if eligible else ["profession_not_accepted"]) == codes(answer)

    def test_not_licensed(self) -> None:
        """A clinician with no license cannot enroll or opt out."""
        answer = medicare_options(Provider(npi=LEE_NPI, name="Lee"), on="2025-01-06")
        assert ["not_licensed"] == codes(answer)

    def test_only_medicare(self) -> None:
        """A payer whose rules do not say medicare is refused."""
        with pytest.raises(InvalidValue) as caught:
            medicare_options(LEE, on="2025-01-06", payer=Payer(id="aetna", name="Aetna"))
        assert (
            "argument.payer: Aetna's rules do not say medicare: these positions are Medicare's"
            == str(caught.value)
        )

    @pytest.mark.parametrize("name", ["provider", "on", "payer", "credentials", "opt_outs"])
    @pytest.mark.parametrize("junk", [None, 0, object(), "€", [object()]])
    def test_junk_arguments(self, name: str, junk: Any) -> None:
        """Junk in any argument is a CredkitError naming it."""
        arguments: dict[str, Any] = {"on": "2025-01-06"}
        provider: Any = LEE
        if name == "provider":
            provider = junk
        else:
            arguments[name] = junk
        with pytest.raises(CredkitError) as caught:
            medicare_options(provider, **arguments)
        assert str(caught.value).startswith(f"argument.{name}: ")

    def test_on_the_book(self) -> None:
        """Book.medicare_options answers with the book's records; unknown ids raise UnknownId."""
        records = book(opt_outs=(opt_out(),))
        expected = medicare_options(
            LEE, on="2025-01-06", credentials=records.credentials, opt_outs=records.opt_outs
        )
        assert expected == records.medicare_options(LEE_NPI, on="2025-01-06")
        with pytest.raises(UnknownId):
            records.medicare_options("1245319599", on="2025-01-06")
        with pytest.raises(UnknownId):
            records.medicare_options(LEE_NPI, on="2025-01-06", payer_id="aetna")

    @given(cs.medicare_answers())
    def test_round_trip_and_invariants(self, answer: MedicareOptions) -> None:
        """Answers round-trip, are truthy when eligible, and hold a position that is available."""
        assert answer == from_json(to_json(answer), MedicareOptions)
        assert bool(answer) == (not answer.reasons)
        assert answer.option(answer.current).available

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"reasons": ()},
                "MedicareOptions.reasons: say why the clinician cannot enroll or opt out: give at least one reason",
            ),
            (
                {"options": ()},
                "MedicareOptions.options: expected one option for each position, in order: enrolled, opted_out, neither",
            ),
        ],
    )
    def test_refusals(self, changes: dict[str, Any], message: str) -> None:
        """An answer that contradicts itself is refused."""
        answer = medicare_options(LEE, on="2023-12-31")
        with pytest.raises(InvalidValue) as caught:
            attrs.evolve(answer, **changes)
        assert message == str(caught.value)
