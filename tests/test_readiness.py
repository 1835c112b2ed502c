"""credentialing_readiness: the five things payers verify, CAQH, and every boundary of each."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credkit import (
    BackgroundCheck,
    Book,
    Certification,
    Code,
    CredkitError,
    Education,
    Employment,
    LiabilityPolicy,
    License,
    Payer,
    PayerRules,
    Period,
    Profession,
    Provider,
    Readiness,
    Reason,
    credentialing_readiness,
)
from credkit._calendar import add_months
from tests import strategies as cs

ON = date(2026, 11, 28)
WINDOW_OPENS = date(2021, 11, 28)  # the same day, 60 months earlier
D = date.fromisoformat

PAYER = Payer(
    id="cigna",
    name="Cigna",
    rules=PayerRules(min_liability=("1000000", "3000000"), requires_caqh=True),
)
PLAIN = Payer(id="aetna", name="Aetna")

READY = Provider(
    npi="1234567893",
    name="Ana Ruiz, LCSW",
    licenses=[
        License(
            state="NY",
            profession="clinical_social_worker",
            number="R-1",
            effective=Period("2020-01-01"),
        )
    ],
    education=[Education(degree="MSW", institution="Hunter College", completed="2014-05-20")],
    certifications=[Certification(name="EMDR", issuer="EMDRIA", effective=Period("2022-01-01"))],
    work_history=[Employment(employer="Eastside Clinic", effective=Period("2015-01-05"))],
    liability=[
        LiabilityPolicy(
            carrier="CPH",
            per_claim="1000000",
            aggregate="3000000",
            effective=Period("2026-01-01", "2026-12-31"),
        )
    ],
    background_checks=[BackgroundCheck(completed="2026-01-05", passed=True)],
    caqh_id="12345678",
    caqh_attested="2026-10-01",
)

READINESS_CODES = frozenset(
    {
        Code.NOT_LICENSED,
        Code.PROFESSION_NOT_ACCEPTED,
        Code.CERTIFICATION_EXPIRED,
        Code.WORK_HISTORY_SHORT,
        Code.WORK_HISTORY_GAP,
        Code.LIABILITY_MISSING,
        Code.LIABILITY_BELOW_MINIMUM,
        Code.BACKGROUND_CHECK_MISSING,
        Code.BACKGROUND_CHECK_FAILED,
        Code.CAQH_MISSING,
        Code.CAQH_ATTESTATION_STALE,
    }
)


def ready(**changes: Any) -> Provider:
    """The ready provider, with some of her file changed."""
    return attrs.evolve(READY, **changes)


def codes(provider: Provider, payer: Payer = PAYER, on: date = ON) -> list[str]:
    return [reason.code.value for reason in credentialing_readiness(provider, payer, on=on).reasons]


def history_codes(provider: Provider, on: date = ON) -> list[str]:
    """The work-history codes only."""
    return [code for code in codes(provider, on=on) if code.startswith("work_history")]


def jobs(*spans: tuple[str, str | None]) -> list[Employment]:
    return [
        Employment(employer=f"Employer {index}", effective=Period(start, end))
        for index, (start, end) in enumerate(spans)
    ]


def policy(
    start: str = "2026-01-01",
    end: str | None = "2026-12-31",
    limits: tuple[str, str] = ("1000000", "3000000"),
) -> LiabilityPolicy:
    return LiabilityPolicy(
        carrier="CPH", per_claim=limits[0], aggregate=limits[1], effective=Period(start, end)
    )


class TestReady:
    """A provider with every document in order is ready, and the answer says so plainly."""

    def test_ready(self) -> None:
        """The complete file is ready: truthy, with no reasons."""
        answer = credentialing_readiness(READY, PAYER, on=ON)
        assert (True, ()) == (bool(answer), answer.reasons)

    def test_everything_missing(self) -> None:
        """A bare provider gets every applicable reason, in the order the checks run."""
        bare = Provider(npi="1234567893", name="Ana Ruiz, LCSW")
        assert [
            "not_licensed",
            "work_history_short",
            "liability_missing",
            "background_check_missing",
            "caqh_missing",
        ] == codes(bare)

    def test_iso_date_accepted(self) -> None:
        """The date may be an ISO string."""
        assert credentialing_readiness(READY, PAYER, on=ON) == credentialing_readiness(
            READY, PAYER, on="2026-11-28"
        )


class TestLicensure:
    """An active license on the date, in a profession the payer credentials, in any state."""

    @pytest.mark.parametrize(
        ("license", "expected"),
        [
            pytest.param(None, ["not_licensed"], id="none"),
            pytest.param(
                ("2020-01-01", "2026-11-27", "active"),
                ["not_licensed"],
                id="expired-the-day-before",
            ),
            pytest.param(("2020-01-01", "2026-11-28", "active"), [], id="expires-that-day"),
            pytest.param(("2026-11-28", None, "active"), [], id="starts-that-day"),
            pytest.param(
                ("2026-11-29", None, "active"), ["not_licensed"], id="starts-the-day-after"
            ),
            pytest.param(("2020-01-01", None, "suspended"), ["not_licensed"], id="suspended"),
            pytest.param(("2020-01-01", None, "inactive"), ["not_licensed"], id="inactive"),
        ],
    )
    def test_license_dates_and_status(
        self, license: tuple[str, str | None, str] | None, expected: list[str]
    ) -> None:
        """Only a license active on the day counts; its first and last days are included."""
        licenses = []
        if license is not None:
            start, end, status = license
            licenses = [
                License(
                    state="NY",
                    profession="clinical_social_worker",
                    number="R-1",
                    effective=Period(start, end),
                    status=status,
                )
            ]
        assert expected == codes(ready(licenses=licenses))

    def test_any_state_will_do(self) -> None:
        """Credentialing is not tied to a practice: a license in any state counts."""
        license = attrs.evolve(READY.licenses[0], state="VT")
        assert [] == codes(ready(licenses=[license]))

    def test_profession_not_accepted(self) -> None:
        """A payer that does not credential the profession gets profession_not_accepted."""
        psychologists = attrs.evolve(
            PAYER, rules=attrs.evolve(PAYER.rules, professions=["psychologist"])
        )
        answer = credentialing_readiness(READY, psychologists, on=ON)
        assert ["profession_not_accepted"] == [r.code.value for r in answer.reasons]
        assert (
            "Cigna does not credential the profession of Ana Ruiz, LCSW's license "
            "(clinical social worker): this provider cannot join its panel"
        ) == answer.reasons[0].message

    def test_not_licensed_message(self) -> None:
        """The message names the day and what to do."""
        answer = credentialing_readiness(ready(licenses=[]), PAYER, on=ON)
        assert (
            "Ana Ruiz, LCSW holds no active license on 2026-11-28: renew the license, or "
            "obtain one, before applying"
        ) == answer.reasons[0].message

    def test_every_profession_is_named(self) -> None:
        """With several licenses, none accepted, each profession is named once, in order."""
        psychologists = attrs.evolve(
            PAYER, rules=attrs.evolve(PAYER.rules, professions=["psychologist"])
        )
        counselor = License(
            state="NJ",
            profession="professional_counselor",
            number="C-2",
            effective=Period("2021-01-01"),
        )
        again = attrs.evolve(READY.licenses[0], state="CT", number="R-3")
        answer = credentialing_readiness(
            ready(licenses=[*READY.licenses, counselor, again]), psychologists, on=ON
        )
        assert (
            "Cigna does not credential the profession of Ana Ruiz, LCSW's license "
            f"(clinical social worker, {counselor.profession.label}): this provider cannot "
            "join its panel"
        ) == answer.reasons[0].message

    def test_one_accepted_license_is_enough(self) -> None:
        """With two active licenses, one in an accepted profession is enough."""
        psychologists = attrs.evolve(
            PAYER, rules=attrs.evolve(PAYER.rules, professions=["psychologist"])
        )
        second = License(
            state="NJ", profession="psychologist", number="P-2", effective=Period("2021-01-01")
        )
        assert [] == codes(ready(licenses=[*READY.licenses, second]), psychologists)


class TestCertifications:
    """No certification on file has expired, unless it has been renewed."""

    @pytest.mark.parametrize(
        ("end", "expected"),
        [
            pytest.param("2026-11-27", ["certification_expired"], id="ended-the-day-before"),
            pytest.param("2026-11-28", [], id="ends-that-day"),
            pytest.param(None, [], id="open-ended"),
        ],
    )
    def test_expiry_boundary(self, end: str | None, expected: list[str]) -> None:
        """A certification is expired from the day after its last day."""
        certification = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2022-01-01", end)
        )
        assert expected == codes(ready(certifications=[certification]))

    def test_renewed_certification_is_not_reported(self) -> None:
        """An expired certification with the same name and issuer in effect has been renewed."""
        old = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2020-01-01", "2023-12-31")
        )
        new = Certification(name="EMDR", issuer="EMDRIA", effective=Period("2024-01-01"))
        assert [] == codes(ready(certifications=[old, new]))

    def test_renewal_not_yet_in_effect_does_not_count(self) -> None:
        """A renewal that starts after the date leaves the expired one reported."""
        old = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2020-01-01", "2026-10-31")
        )
        new = Certification(name="EMDR", issuer="EMDRIA", effective=Period("2026-12-01"))
        assert ["certification_expired"] == codes(ready(certifications=[old, new]))

    def test_one_reason_per_certification(self) -> None:
        """Two expired certifications give two reasons; two lapsed records of one give one."""
        first = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2019-01-01", "2021-12-31")
        )
        again = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2022-01-01", "2024-12-31")
        )
        other = Certification(
            name="CBT", issuer="Beck Institute", effective=Period("2019-01-01", "2025-06-30")
        )
        answer = credentialing_readiness(ready(certifications=[first, again, other]), PAYER, on=ON)
        assert [
            "Ana Ruiz, LCSW's certification EMDR (EMDRIA) expired on 2024-12-31: renew it, "
            "or leave it off the application",
            "Ana Ruiz, LCSW's certification CBT (Beck Institute) expired on 2025-06-30: renew "
            "it, or leave it off the application",
        ] == [reason.message for reason in answer.reasons]

    def test_latest_expiry_is_named_whatever_the_order(self) -> None:
        """Of two lapsed records of one certification, the later expiry is named, in any order."""
        first = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2019-01-01", "2021-12-31")
        )
        again = Certification(
            name="EMDR", issuer="EMDRIA", effective=Period("2022-01-01", "2024-12-31")
        )
        for order in ([first, again], [again, first]):
            answer = credentialing_readiness(ready(certifications=order), PAYER, on=ON)
            assert ["2024-12-31"] == [
                reason.message.split("expired on ")[1][:10] for reason in answer.reasons
            ]


class TestWorkHistoryWindow:
    """The window opens 60 months before the date, or at the latest degree if later."""

    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            pytest.param("2021-11-28", [], id="starts-as-the-window-opens"),
            pytest.param("2022-05-28", [], id="exactly-six-months-after"),
            pytest.param("2022-05-29", ["work_history_short"], id="six-months-and-a-day-after"),
            pytest.param("2026-11-28", ["work_history_short"], id="starts-that-day"),
        ],
    )
    def test_earliest_employment(self, start: str, expected: list[str]) -> None:
        """The history is short when it starts more than 6 months after the window opens."""
        assert expected == codes(ready(work_history=jobs((start, None)), education=[]))

    def test_window_opens_exactly_five_years_back(self) -> None:
        """Five years back is the same day 60 months earlier."""
        assert WINDOW_OPENS == add_months(ON, -60)

    def test_five_years_back_from_a_leap_day(self) -> None:
        """From the 29th of February, five years back is clamped to the 28th."""
        on = D("2028-02-29")
        # The window opens 2023-02-28; six months later is 2023-08-28.
        on_time = ready(work_history=jobs(("2023-08-28", None)), education=[])
        late = ready(work_history=jobs(("2023-08-29", None)), education=[])
        assert [] == history_codes(on_time, on)
        assert ["work_history_short"] == history_codes(late, on)

    @pytest.mark.parametrize(
        ("completed", "start", "expected"),
        [
            pytest.param("2024-06-15", "2024-12-15", [], id="six-months-after-the-degree"),
            pytest.param(
                "2024-06-15", "2024-12-16", ["work_history_short"], id="and-a-day-after-the-degree"
            ),
            pytest.param(
                "2019-06-15", "2022-05-29", ["work_history_short"], id="degree-before-the-window"
            ),
            pytest.param("2027-06-15", "2022-05-28", [], id="degree-not-yet-completed"),
            pytest.param("2026-11-28", "2026-11-28", [], id="degree-completed-that-day"),
        ],
    )
    def test_latest_degree_moves_the_window(
        self, completed: str, start: str, expected: list[str]
    ) -> None:
        """A degree completed in the last five years opens the window; a later one does not count."""
        education = [
            Education(degree="BA", institution="CUNY", completed="2010-05-30"),
            Education(degree="MSW", institution="Hunter College", completed=completed),
        ]
        assert expected == codes(ready(work_history=jobs((start, None)), education=education))

    def test_no_employment_and_a_short_window(self) -> None:
        """A new graduate with no job yet is short only once the window is over 6 months long.

        From the 29th of May to the 28th of November is exactly six months.
        """
        graduate = ready(
            work_history=[],
            education=[Education(degree="MSW", institution="NYU", completed="2026-05-29")],
        )
        assert [] == codes(graduate)
        assert ["work_history_short"] == codes(graduate, on=D("2026-11-28") + timedelta(days=1))

    def test_short_message(self) -> None:
        """The message names where the history starts and what to do."""
        answer = credentialing_readiness(
            ready(work_history=jobs(("2023-04-03", None)), education=[]), PAYER, on=ON
        )
        assert (
            "Ana Ruiz, LCSW's work history starts on 2023-04-03, more than 6 months after "
            "2021-11-28, where the history payers review begins: add the earlier employment, "
            "or explain the time (training, leave) in the application"
        ) == answer.reasons[0].message

    def test_a_job_that_starts_that_day_counts(self) -> None:
        """Employment starting on the date is on file: the history starts that day."""
        answer = credentialing_readiness(
            ready(work_history=jobs(("2026-11-28", None)), education=[]), PAYER, on=ON
        )
        assert (
            "Ana Ruiz, LCSW's work history starts on 2026-11-28, more than 6 months after "
            "2021-11-28, where the history payers review begins: add the earlier employment, "
            "or explain the time (training, leave) in the application"
        ) == answer.reasons[0].message

    def test_employment_after_the_date_is_left_out(self) -> None:
        """A job that starts after the date is not history yet."""
        assert ["work_history_short"] == codes(
            ready(work_history=jobs(("2026-12-01", None)), education=[])
        )


class TestWorkHistoryGaps:
    """A stretch without work longer than 6 calendar months, reaching into the window."""

    @pytest.mark.parametrize(
        ("next_start", "expected"),
        [
            pytest.param("2024-07-01", [], id="exactly-six-months"),
            pytest.param("2024-07-02", ["work_history_gap"], id="six-months-and-a-day"),
            pytest.param("2024-06-30", [], id="a-day-short-of-six-months"),
        ],
    )
    def test_gap_between_jobs(self, next_start: str, expected: list[str]) -> None:
        """The days from the 1st of January to the 30th of June are exactly six months."""
        history = jobs(("2015-01-05", "2023-12-31"), (next_start, None))
        assert expected == codes(ready(work_history=history))

    @pytest.mark.parametrize(
        ("last_day", "expected"),
        [
            pytest.param("2026-05-28", [], id="ended-exactly-six-months-ago"),
            pytest.param("2026-05-27", ["work_history_gap"], id="ended-six-months-and-a-day-ago"),
            pytest.param("2026-11-27", [], id="ended-yesterday"),
        ],
    )
    def test_time_since_the_last_job_counts(self, last_day: str, expected: list[str]) -> None:
        """The stretch from the end of the last job up to the date counts, the date included."""
        assert expected == codes(ready(work_history=jobs(("2015-01-05", last_day))))

    @pytest.mark.parametrize(
        ("next_start", "expected"),
        [
            pytest.param("2021-11-28", [], id="ends-the-day-before-the-window"),
            pytest.param("2021-11-29", ["work_history_gap"], id="reaches-the-window-by-a-day"),
        ],
    )
    def test_gap_reaching_into_the_window(self, next_start: str, expected: list[str]) -> None:
        """A gap counts when it reaches the window, exactly five years back, by one day."""
        history = jobs(("2015-01-05", "2019-12-31"), (next_start, None))
        assert expected == codes(ready(work_history=history))

    def test_gap_measured_over_its_full_length(self) -> None:
        """A gap that began before the window counts from its first day, not from the window."""
        # Only 3 months of this 22-month gap fall inside the window.
        history = jobs(("2015-01-05", "2020-01-31"), ("2022-03-01", None))
        answer = credentialing_readiness(ready(work_history=history), PAYER, on=ON)
        assert [
            "Ana Ruiz, LCSW's work history has a gap of more than 6 months, from 2020-02-01 "
            "to 2022-02-28: add the missing employment, or prepare a written explanation of "
            "the gap"
        ] == [reason.message for reason in answer.reasons]

    def test_a_past_job_can_show_a_gap_at_full_length(self) -> None:
        """Before the earliest job only the window counts; a job before that shows the gap whole.

        With the history starting 3 months into the window the provider is ready;
        adding a job that ended two years before shows the time between as a gap.
        """
        recent = jobs(("2022-03-01", None))
        assert [] == codes(ready(work_history=recent, education=[]))
        earlier = jobs(("2015-01-05", "2020-01-31"), ("2022-03-01", None))
        assert ["work_history_gap"] == codes(ready(work_history=earlier, education=[]))

    def test_overlapping_and_adjacent_jobs_merge(self) -> None:
        """Jobs that overlap or follow on the next day leave no gap."""
        history = jobs(
            ("2015-01-05", "2019-12-31"),
            ("2020-01-01", "2022-06-30"),
            ("2021-01-01", "2024-12-31"),
            ("2024-10-01", None),
        )
        assert [] == codes(ready(work_history=history))

    def test_every_gap_is_reported(self) -> None:
        """Two long gaps give two reasons, in order; the second is the time since the last job."""
        history = jobs(("2015-01-05", "2022-12-31"), ("2023-09-01", "2025-12-31"))
        answer = credentialing_readiness(ready(work_history=history), PAYER, on=ON)
        assert [
            "Ana Ruiz, LCSW's work history has a gap of more than 6 months, from 2023-01-01 "
            "to 2023-08-31: add the missing employment, or prepare a written explanation of "
            "the gap",
            "Ana Ruiz, LCSW's work history has a gap of more than 6 months, since 2026-01-01: "
            "add the missing employment, or prepare a written explanation of the gap",
        ] == [reason.message for reason in answer.reasons]

    def test_job_after_the_date_does_not_close_a_gap(self) -> None:
        """A job starting after the date leaves the time since the last one a gap."""
        history = jobs(("2015-01-05", "2025-12-31"), ("2026-12-01", None))
        assert ["work_history_gap"] == codes(ready(work_history=history))

    def test_short_and_gap_together(self) -> None:
        """A history that starts late and has a gap gets both reasons."""
        history = jobs(("2023-01-01", "2023-12-31"), ("2024-09-01", None))
        assert ["work_history_short", "work_history_gap"] == codes(
            ready(work_history=history, education=[])
        )


class TestLiability:
    """A policy in effect on the date, at least the payer's minimum per claim and in aggregate."""

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            pytest.param(
                "2026-01-01", "2026-11-27", ["liability_missing"], id="ended-the-day-before"
            ),
            pytest.param("2026-01-01", "2026-11-28", [], id="ends-that-day"),
            pytest.param("2026-11-28", None, [], id="starts-that-day"),
            pytest.param("2026-11-29", None, ["liability_missing"], id="starts-the-day-after"),
        ],
    )
    def test_the_day_a_policy_ends(self, start: str, end: str | None, expected: list[str]) -> None:
        """A policy covers its first and last days, and no others."""
        assert expected == codes(ready(liability=[policy(start, end)]))

    def test_no_policy(self) -> None:
        """No policy at all is liability_missing, with what to do."""
        answer = credentialing_readiness(ready(liability=[]), PAYER, on=ON)
        assert [
            "Ana Ruiz, LCSW has no liability policy in effect on 2026-11-28: buy or renew a "
            "malpractice policy and add it to the file"
        ] == [reason.message for reason in answer.reasons]

    @pytest.mark.parametrize(
        ("limits", "expected"),
        [
            pytest.param(("1000000", "3000000"), [], id="exactly-the-minimum"),
            pytest.param(("2000000", "4000000"), [], id="above"),
            pytest.param(
                ("999999.99", "3000000"), ["liability_below_minimum"], id="per-claim-below"
            ),
            pytest.param(("1000000", "2999999"), ["liability_below_minimum"], id="aggregate-below"),
            pytest.param(("500000", "1000000"), ["liability_below_minimum"], id="both-below"),
        ],
    )
    def test_minimum_limits(self, limits: tuple[str, str], expected: list[str]) -> None:
        """Both limits must reach the payer's minimum; equal is enough."""
        assert expected == codes(ready(liability=[policy(limits=limits)]))

    def test_below_minimum_message(self) -> None:
        """The message gives the policy's limits and the payer's, and says to raise them."""
        answer = credentialing_readiness(
            ready(liability=[policy(limits=("1000000", "2000000"))]), PAYER, on=ON
        )
        assert (
            "Ana Ruiz, LCSW's liability policy with CPH covers $1,000,000 per claim and "
            "$2,000,000 in aggregate; Cigna requires at least $1,000,000 and $3,000,000: "
            "raise the limits"
        ) == answer.reasons[0].message

    def test_best_policy_is_named(self) -> None:
        """With two policies in effect, both below the minimum, the larger one is named."""
        small = attrs.evolve(policy(limits=("250000", "750000")), carrier="Small Mutual")
        larger = policy(limits=("1000000", "2000000"))
        for order in ([small, larger], [larger, small]):
            answer = credentialing_readiness(ready(liability=order), PAYER, on=ON)
            assert answer.reasons[0].message.startswith(
                "Ana Ruiz, LCSW's liability policy with CPH covers $1,000,000 per claim and "
                "$2,000,000 in aggregate"
            )

    def test_no_minimum_any_policy_will_do(self) -> None:
        """A payer with no minimum accepts any policy in effect."""
        assert [] == codes(ready(liability=[policy(limits=("0", "0"))]), PLAIN)

    def test_one_sufficient_policy_is_enough(self) -> None:
        """With two policies in effect, one that meets the minimum is enough."""
        small = policy(limits=("100000", "300000"))
        assert [] == codes(ready(liability=[small, policy()]))

    def test_sufficient_policy_out_of_effect_does_not_count(self) -> None:
        """An ample policy that has ended does not lift a small one in effect."""
        ended = policy("2025-01-01", "2025-12-31", ("5000000", "5000000"))
        small = policy(limits=("100000", "300000"))
        assert ["liability_below_minimum"] == codes(ready(liability=[ended, small]))


class TestBackgroundCheck:
    """The most recent background check completed by the date is on file and passed."""

    @pytest.mark.parametrize(
        ("checks", "expected"),
        [
            pytest.param([], ["background_check_missing"], id="none"),
            pytest.param([("2026-01-05", False)], ["background_check_failed"], id="failed"),
            pytest.param([("2026-11-28", True)], [], id="passed-that-day"),
            pytest.param(
                [("2026-11-29", True)], ["background_check_missing"], id="only-a-later-one"
            ),
            pytest.param(
                [("2024-01-05", False), ("2026-01-05", True)], [], id="failed-then-passed"
            ),
            pytest.param(
                [("2024-01-05", True), ("2026-01-05", False)],
                ["background_check_failed"],
                id="passed-then-failed",
            ),
            pytest.param(
                [("2026-01-05", False), ("2024-01-05", True)],
                ["background_check_failed"],
                id="most-recent-listed-first",
            ),
            pytest.param(
                [("2026-01-05", True), ("2026-01-05", False)],
                ["background_check_failed"],
                id="same-day-later-listed-wins",
            ),
            pytest.param(
                [("2026-01-05", False), ("2026-12-01", True)],
                ["background_check_failed"],
                id="a-later-pass-has-not-happened-yet",
            ),
        ],
    )
    def test_most_recent_check(self, checks: list[tuple[str, bool]], expected: list[str]) -> None:
        """Only the most recent check completed by the date matters."""
        background = [BackgroundCheck(completed=day, passed=passed) for day, passed in checks]
        assert expected == codes(ready(background_checks=background))

    def test_missing_message(self) -> None:
        """With no check on file, the message says to order one."""
        answer = credentialing_readiness(ready(background_checks=[]), PAYER, on=ON)
        assert "Ana Ruiz, LCSW has no background check on file: order one" == (
            answer.reasons[0].message
        )

    def test_failed_message(self) -> None:
        """The message names the check's date and says to resolve it."""
        failed = ready(background_checks=[BackgroundCheck(completed="2026-01-05", passed=False)])
        assert (
            "Ana Ruiz, LCSW's most recent background check, completed on 2026-01-05, did not "
            "pass: resolve it before applying"
        ) == credentialing_readiness(failed, PAYER, on=ON).reasons[0].message


class TestCaqh:
    """When the payer requires CAQH: a profile, attested within the last 120 days."""

    @pytest.mark.parametrize(
        ("attested", "expected"),
        [
            pytest.param("2026-07-31", [], id="exactly-120-days-before"),
            pytest.param("2026-07-30", ["caqh_attestation_stale"], id="121-days-before"),
            pytest.param("2026-11-28", [], id="that-day"),
            pytest.param("2026-12-15", [], id="after-the-date"),
            pytest.param(None, ["caqh_attestation_stale"], id="never-attested"),
        ],
    )
    def test_attestation_age(self, attested: str | None, expected: list[str]) -> None:
        """An attestation on the date minus 120 days is still current; a day earlier is stale."""
        assert expected == codes(ready(caqh_attested=attested))

    def test_never_attested_message(self) -> None:
        """A profile never attested says so, and to re-attest it."""
        answer = credentialing_readiness(ready(caqh_attested=None), PAYER, on=ON)
        assert "Ana Ruiz, LCSW's CAQH profile 12345678 has never been attested: re-attest it" == (
            answer.reasons[0].message
        )

    def test_no_profile(self) -> None:
        """No CAQH id is caqh_missing, saying what to do."""
        answer = credentialing_readiness(ready(caqh_id=None, caqh_attested=None), PAYER, on=ON)
        assert [
            Reason(
                code=Code.CAQH_MISSING,
                message="Cigna reads applications from CAQH ProView and Ana Ruiz, LCSW has no "
                "profile there: create the profile, complete it and attest it",
            )
        ] == list(answer.reasons)

    def test_stale_message(self) -> None:
        """The message gives the last attestation and says to re-attest."""
        answer = credentialing_readiness(ready(caqh_attested="2026-05-01"), PAYER, on=ON)
        assert (
            "Ana Ruiz, LCSW's CAQH profile 12345678 was last attested on 2026-05-01, more than "
            "120 days before 2026-11-28: re-attest it"
        ) == answer.reasons[0].message

    def test_not_required(self) -> None:
        """A payer that does not require CAQH does not look at it."""
        assert [] == codes(ready(caqh_id=None, caqh_attested=None), PLAIN)
        assert [] == codes(ready(caqh_attested="2020-01-01"), PLAIN)


class TestArguments:
    """Wrong arguments are refused with an InvalidValue naming them."""

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            pytest.param({"provider": "Ana"}, "argument.provider", id="provider"),
            pytest.param({"payer": "cigna"}, "argument.payer", id="payer"),
            pytest.param({"on": datetime(2026, 11, 28, 9)}, "argument.on", id="datetime"),
            pytest.param({"on": "28/11/2026"}, "argument.on", id="bad-date"),
        ],
    )
    def test_refused(self, arguments: dict[str, Any], field: str) -> None:
        """Each bad argument raises a CredkitError naming it."""
        call = {"provider": READY, "payer": PAYER, "on": ON, **arguments}
        with pytest.raises(CredkitError) as raised:
            credentialing_readiness(call["provider"], call["payer"], on=call["on"])
        assert str(raised.value).startswith(f"{field}: ")


class TestReadinessValue:
    """Readiness refuses answers that contradict themselves."""

    def test_ready_with_reasons_refused(self) -> None:
        """A ready answer has no reasons."""
        gap = Reason(code="liability_missing", message="no policy")
        with pytest.raises(CredkitError, match=r"^Readiness\.reasons: a ready provider"):
            Readiness(ready=True, reasons=[gap])

    def test_not_ready_without_reasons_refused(self) -> None:
        """A not-ready answer says why."""
        with pytest.raises(CredkitError, match=r"^Readiness\.reasons: say what stands"):
            Readiness(ready=False)

    @pytest.mark.parametrize("value", [1, "yes", None])
    def test_ready_is_strictly_boolean(self, value: object) -> None:
        """ready is True or False, nothing else."""
        with pytest.raises(CredkitError, match=r"^Readiness\.ready: expected true or false"):
            Readiness(ready=value)  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------


@st.composite
def asked(draw: st.DrawFn) -> tuple[Provider, Payer, date]:
    """Any provider and payer, and a date in their range."""
    return draw(cs.providers()), draw(cs.payers()), draw(cs.dates())


@st.composite
def ready_files(draw: st.DrawFn) -> tuple[Provider, Payer, date]:
    """A provider built to be ready for a payer on a date, and the payer and the date."""
    payer = draw(cs.payers())
    on = draw(cs.dates(date(2006, 1, 1), date(2034, 12, 31)))
    # The professions the payer accepts on the date; when its dated ones leave none, it
    # is given none dated.
    accepted = [
        profession
        for profession in sorted(payer.rules.professions or Profession)
        if payer.rules.accepts(profession, on)
    ]
    if not accepted:
        payer = attrs.evolve(payer, rules=attrs.evolve(payer.rules, profession_periods={}))
        accepted = sorted(payer.rules.professions or Profession)
    license_ = License(
        state=draw(cs.states()),
        profession=draw(st.sampled_from(accepted)),
        number="L-1",
        effective=Period(on - timedelta(days=draw(st.integers(0, 3000))), None),
    )
    first_job = add_months(on, -60) - timedelta(days=draw(st.integers(0, 400)))
    minimum = payer.rules.min_liability or (Decimal(0), Decimal(0))
    extra = draw(cs.money())
    cover = LiabilityPolicy(
        carrier="CPH",
        per_claim=minimum[0] + extra,
        aggregate=minimum[1] + extra,
        effective=Period(on - timedelta(days=draw(st.integers(0, 365))), on),
    )
    caqh_id, attested = None, None
    if payer.rules.requires_caqh or draw(st.booleans()):
        caqh_id = "1234"
        attested = on - timedelta(days=draw(st.integers(0, 120)))
    provider = Provider(
        npi=draw(cs.npis()),
        name="Ready",
        licenses=[license_],
        certifications=[Certification(name="C", issuer="I", effective=Period(first_job, None))],
        work_history=[Employment(employer="E", effective=Period(first_job, None))],
        liability=[cover],
        background_checks=[
            BackgroundCheck(completed=on - timedelta(days=draw(st.integers(0, 900))), passed=True)
        ],
        caqh_id=caqh_id,
        caqh_attested=attested,
    )
    return provider, payer, on


@st.composite
def valid_additions(draw: st.DrawFn, provider: Provider, on: date) -> Provider:
    """The provider with one more valid document: one in effect, passed or completed by the date."""
    covering = st.builds(
        lambda back, ahead: Period(
            on - timedelta(days=back), None if ahead is None else on + timedelta(days=ahead)
        ),
        st.integers(0, 4000),
        st.none() | st.integers(0, 4000),
    )
    kind = draw(
        st.sampled_from(
            ["license", "certification", "employment", "liability", "check", "degree", "caqh"]
        )
    )
    if kind == "license":
        added = License(
            state=draw(cs.states()),
            profession=draw(st.sampled_from(Profession)),
            number="L-2",
            effective=draw(covering),
        )
        return attrs.evolve(provider, licenses=(*provider.licenses, added))
    if kind == "certification":
        added_cert = Certification(name=draw(cs.texts()), issuer="I", effective=draw(covering))
        return attrs.evolve(provider, certifications=(*provider.certifications, added_cert))
    if kind == "employment":
        job = Employment(employer="New", effective=draw(covering))
        return attrs.evolve(provider, work_history=(*provider.work_history, job))
    if kind == "liability":
        per_claim = draw(cs.money())
        cover = LiabilityPolicy(
            carrier="New",
            per_claim=per_claim,
            aggregate=per_claim + draw(cs.money()),
            effective=draw(covering),
        )
        return attrs.evolve(provider, liability=(*provider.liability, cover))
    if kind == "check":
        check = BackgroundCheck(
            completed=on - timedelta(days=draw(st.integers(0, 4000))), passed=True
        )
        return attrs.evolve(provider, background_checks=(*provider.background_checks, check))
    if kind == "degree":
        degree = Education(
            degree="D", institution="U", completed=on - timedelta(days=draw(st.integers(0, 4000)))
        )
        return attrs.evolve(provider, education=(*provider.education, degree))
    later = (provider.caqh_attested or on - timedelta(days=500)) + timedelta(
        days=draw(st.integers(0, 200))
    )
    return attrs.evolve(provider, caqh_id=provider.caqh_id or "1234", caqh_attested=later)


class TestProperties:
    """What holds for every provider, payer and date."""

    @given(asked())
    def test_ready_exactly_when_no_reasons(self, question: tuple[Provider, Payer, date]) -> None:
        """reasons == () exactly when ready, and every code is one readiness gives."""
        provider, payer, on = question
        answer = credentialing_readiness(provider, payer, on=on)
        assert answer.ready == (answer.reasons == ())
        assert bool(answer) == answer.ready
        assert set(answer.codes) <= READINESS_CODES
        # The answer is a valid Readiness, as its constructor would build it.
        assert answer == Readiness(ready=answer.ready, reasons=answer.reasons)

    @given(ready_files())
    def test_built_ready(self, file: tuple[Provider, Payer, date]) -> None:
        """A file with every document in order is ready."""
        provider, payer, on = file
        assert () == credentialing_readiness(provider, payer, on=on).reasons

    @given(ready_files(), st.data())
    def test_monotone(self, file: tuple[Provider, Payer, date], data: st.DataObject) -> None:
        """Adding valid documents never makes a ready provider unready."""
        provider, payer, on = file
        for _ in range(data.draw(st.integers(1, 4))):
            provider = data.draw(valid_additions(provider, on))
        assert () == credentialing_readiness(provider, payer, on=on).reasons

    @given(asked(), st.data())
    def test_adding_a_document_never_brings_a_new_kind_of_gap(
        self, question: tuple[Provider, Payer, date], data: st.DataObject
    ) -> None:
        """For any provider, a valid document brings no new kind of reason.

        It may only make one more precise: a license where there was none may be in
        a profession the payer does not accept; a policy where there was none may be
        below the minimum; a profile where there was none may not be attested recently.
        """
        provider, payer, on = question
        before = set(credentialing_readiness(provider, payer, on=on).codes)
        added = data.draw(valid_additions(provider, on))
        after = set(credentialing_readiness(added, payer, on=on).codes)
        refined = {
            Code.NOT_LICENSED: Code.PROFESSION_NOT_ACCEPTED,
            Code.LIABILITY_MISSING: Code.LIABILITY_BELOW_MINIMUM,
            Code.CAQH_MISSING: Code.CAQH_ATTESTATION_STALE,
        }
        allowed = before | {refined[code] for code in before if code in refined}
        assert set() == after - allowed

    @given(
        st.lists(
            st.builds(
                lambda start, days: (start, None if days is None else start + timedelta(days=days)),
                cs.dates(date(2012, 1, 1), date(2027, 6, 30)),
                st.none() | st.integers(0, 1500),
            ),
            max_size=4,
        ),
        st.lists(cs.dates(date(2015, 1, 1), date(2027, 6, 30)), max_size=2),
        cs.dates(date(2019, 1, 1), date(2027, 6, 30)),
    )
    # The edges mutation testing showed: a job that starts on the day, jobs that meet,
    # gaps of exactly six months and a day more, a degree exactly five years back.
    @example(spans=[(ON, None)], degrees=[], on=ON)
    @example(spans=[(D("2015-01-05"), D("2026-11-27")), (ON, None)], degrees=[], on=ON)
    @example(spans=[(D("2015-01-05"), D("2020-12-31")), (D("2021-01-01"), None)], degrees=[], on=ON)
    @example(spans=[(D("2015-01-05"), D("2026-05-28"))], degrees=[], on=ON)
    @example(spans=[(D("2015-01-05"), D("2026-05-27"))], degrees=[], on=ON)
    @example(spans=[(D("2015-01-05"), D("2025-01-31")), (D("2025-08-01"), None)], degrees=[], on=ON)
    @example(spans=[(D("2015-01-05"), D("2025-01-31")), (D("2025-07-31"), None)], degrees=[], on=ON)
    @example(spans=[(D("2022-05-28"), None)], degrees=[WINDOW_OPENS], on=ON)
    @example(spans=[(D("2022-05-29"), None)], degrees=[WINDOW_OPENS], on=ON)
    def test_work_history_agrees_with_counting_days(
        self, spans: list[tuple[date, date | None]], degrees: list[date], on: date
    ) -> None:
        """The work-history reasons agree with a day-by-day count of the days without work."""
        provider = ready(
            work_history=[Employment(employer="E", effective=Period(s, e)) for s, e in spans],
            education=[Education(degree="D", institution="U", completed=d) for d in degrees],
        )
        opens = max([add_months(on, -60), *(d for d in degrees if d <= on)])
        covered = {
            s + timedelta(days=n)
            for s, e in spans
            if s <= on
            for n in range(((e or on) if (e or on) <= on else on).toordinal() - s.toordinal() + 1)
        }
        earliest = min(covered, default=None)
        expected = []
        leading_last = on if earliest is None else earliest - timedelta(days=1)
        if (earliest is None or earliest > opens) and leading_last >= add_months(opens, 6):
            expected.append("work_history_short")
        if earliest is not None:
            run_start = None
            day = earliest
            while day <= on:
                if day in covered:
                    if (
                        run_start is not None
                        and day - timedelta(days=1) >= opens
                        and (day - timedelta(days=1) >= add_months(run_start, 6))
                    ):
                        expected.append("work_history_gap")
                    run_start = None
                elif run_start is None:
                    run_start = day
                day += timedelta(days=1)
            if run_start is not None and on >= add_months(run_start, 6):
                expected.append("work_history_gap")
        found = [
            code
            for code in codes(provider, on=on)
            if code in ("work_history_short", "work_history_gap")
        ]
        assert expected == found


class TestBook:
    """book.credentialing_readiness answers as the function does, by NPI and payer id."""

    @given(cs.books(), cs.window_dates(), st.data())
    def test_agrees_with_the_function(self, book: Book, on: date, data: st.DataObject) -> None:
        """For every provider and payer in the book, the answers are the same."""
        provider = data.draw(st.sampled_from(book.providers))
        payer = data.draw(st.sampled_from(book.payers))
        assert credentialing_readiness(provider, payer, on=on) == book.credentialing_readiness(
            provider.npi, payer.id, on=on
        )

    def test_unknown_ids(self) -> None:
        """Unknown ids give a provider who is not ready, with every unknown_* that applies."""
        book = Book(providers=[READY], payers=[PAYER])
        answer = book.credentialing_readiness("1558598797", "united", on=ON)
        assert (False, (Code.UNKNOWN_PROVIDER, Code.UNKNOWN_PAYER)) == (
            bool(answer),
            answer.codes,
        )
        assert (
            "the book holds no provider with NPI 1558598797",
            "the book holds no payer with id 'united'",
        ) == tuple(found.message for found in answer.reasons)
        only_payer = book.credentialing_readiness("1234567893", "united", on=ON)
        assert (Code.UNKNOWN_PAYER,) == only_payer.codes
        only_provider = book.credentialing_readiness("1558598797", "cigna", on=ON)
        assert (Code.UNKNOWN_PROVIDER,) == only_provider.codes
        assert credentialing_readiness(READY, PAYER, on=ON) == book.credentialing_readiness(
            "1234567893", "cigna", on="2026-11-28"
        )
