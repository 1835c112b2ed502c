"""group_eligibility and count_providers: who counts toward a payer's group minimum, and why not."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, datetime
from typing import Any

import attrs
import pytest

from credkit import (
    NPI,
    Affiliation,
    Code,
    CredkitError,
    GroupEligibility,
    License,
    Payer,
    PayerRules,
    Period,
    Practice,
    Provider,
    Reason,
    group_eligibility,
)
from credkit.catalog import AETNA, CIGNA, OPTUM
from credkit.rules.groups import count_providers

ON = date(2025, 6, 1)
EIN_TEXT = "12-3456789"
SSN_TEXT = "536-22-8147"
GROUP_NPI = "1558598797"
NPIS = (
    "1234567802",
    "1234567810",
    "1234567828",
    "1234567836",
    "1234567844",
    "1234567851",
    "1234567869",
    "1234567877",
)
NO_GROUPS = Payer(id="solo-only", name="Solo Only", rules=PayerRules(group_minimum=None))
PSYCHOLOGISTS_ONLY = Payer(
    id="psy", name="Psy Plan", rules=PayerRules(group_minimum=1, professions=["psychologist"])
)


def license_(
    state: str = "NY",
    profession: str = "psychologist",
    *,
    start: str = "2020-01-01",
    end: str | None = None,
    status: str = "active",
) -> License:
    return License(
        state=state,
        profession=profession,
        number=f"{state}-{profession}-{start}",
        effective=Period(start, end),
        status=status,
    )


def clinician(npi: str, *licenses: License) -> Provider:
    """A provider; licensed as a psychologist in NY unless licenses are given."""
    return Provider(npi=npi, name=f"Clinician {npi[-3:]}", licenses=licenses or [license_()])


def affiliation(npi: str, start: str = "2024-01-01", end: str | None = None) -> Affiliation:
    return Affiliation(provider=npi, effective=Period(start, end))


def practice(
    roster: Any = (),
    *,
    tin: str = EIN_TEXT,
    npi: str | None = GROUP_NPI,
    states: tuple[str, ...] = ("NY",),
) -> Practice:
    """A practice; ``roster`` items are NPIs (on the roster from 2024) or Affiliations."""
    entries = [entry if isinstance(entry, Affiliation) else affiliation(entry) for entry in roster]
    return Practice(name="Harbor Therapy", tin=tin, npi=npi, states=states, roster=entries)


def team(size: int) -> tuple[Practice, list[Provider]]:
    """A practice with ``size`` licensed providers on its roster, and the providers."""
    npis = NPIS[:size]
    return practice(npis), [clinician(npi) for npi in npis]


def ask(practice_: Practice, payer: Payer = CIGNA, **changes: Any) -> GroupEligibility:
    providers = changes.pop("providers")
    return group_eligibility(practice_, payer, on=changes.pop("on", ON), providers=providers)


def codes(answer: GroupEligibility) -> tuple[Code, ...]:
    return tuple(reason.code for reason in answer.reasons)


class TestCounting:
    def test_counts_every_licensed_provider_on_the_roster(self) -> None:
        """Each licensed provider on the roster counts, and counted lists them in roster order."""
        harbor, providers = team(3)
        answer = ask(harbor, providers=list(reversed(providers)))
        assert (3, tuple(NPI(npi) for npi in NPIS[:3])) == (answer.count, answer.counted)

    def test_count_providers_gives_the_same_npis(self) -> None:
        """count_providers returns the NPIs that group_eligibility counts."""
        harbor, providers = team(3)
        assert ask(harbor, providers=providers).counted == count_providers(
            harbor, CIGNA, ON, providers
        )

    def test_a_provider_not_on_the_roster_does_not_count(self) -> None:
        """A licensed provider given in providers but absent from the roster is not counted."""
        harbor, providers = team(2)
        answer = ask(harbor, providers=[*providers, clinician(NPIS[5])])
        assert (2, (NPI(NPIS[0]), NPI(NPIS[1]))) == (answer.count, answer.counted)

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            pytest.param(date(2024, 2, 29), 0, id="day-before-start"),
            pytest.param(date(2024, 3, 1), 1, id="on-start"),
            pytest.param(date(2024, 6, 15), 1, id="inside"),
            pytest.param(date(2024, 9, 30), 1, id="on-end"),
            pytest.param(date(2024, 10, 1), 0, id="day-after-end"),
        ],
    )
    def test_roster_place_edges(self, on: date, expected: int) -> None:
        """A provider counts on the first and last day of their roster place, not a day outside."""
        harbor = practice([affiliation(NPIS[0], "2024-03-01", "2024-09-30")])
        assert expected == ask(harbor, providers=[clinician(NPIS[0])], on=on).count

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            pytest.param(date(2025, 2, 28), 0, id="day-before-start"),
            pytest.param(date(2025, 3, 1), 1, id="on-start"),
            pytest.param(date(2025, 8, 31), 1, id="on-end"),
            pytest.param(date(2025, 9, 1), 0, id="day-after-end"),
        ],
    )
    def test_license_period_edges(self, on: date, expected: int) -> None:
        """A provider counts on the first and last day of their license, not a day outside."""
        ana = clinician(NPIS[0], license_(start="2025-03-01", end="2025-08-31"))
        assert expected == ask(practice([NPIS[0]]), providers=[ana], on=on).count

    @pytest.mark.parametrize(
        ("state", "expected"),
        [
            pytest.param("NY", 1, id="first-practice-state"),
            pytest.param("NJ", 1, id="second-practice-state"),
            pytest.param("CT", 0, id="other-state"),
        ],
    )
    def test_license_must_be_in_one_of_the_practice_states(self, state: str, expected: int) -> None:
        """A license counts in any of the practice's states, and not in a state it does not serve."""
        harbor = practice([NPIS[0]], states=("NY", "NJ"))
        ana = clinician(NPIS[0], license_(state))
        assert expected == ask(harbor, providers=[ana]).count

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            pytest.param("active", 1, id="active"),
            pytest.param("inactive", 0, id="inactive"),
            pytest.param("suspended", 0, id="suspended"),
            pytest.param("expired", 0, id="expired"),
            pytest.param("revoked", 0, id="revoked"),
        ],
    )
    def test_only_an_active_license_counts(self, status: str, expected: int) -> None:
        """A license in any status but active, even within its period, does not count."""
        ana = clinician(NPIS[0], license_(status=status))
        assert expected == ask(practice([NPIS[0]]), providers=[ana]).count

    @pytest.mark.parametrize(
        ("professions", "expected"),
        [
            pytest.param(("psychologist",), 1, id="accepted"),
            pytest.param(("clinical_social_worker",), 0, id="not-accepted"),
            pytest.param(("clinical_social_worker", "psychologist"), 1, id="one-of-two-accepted"),
        ],
    )
    def test_profession_must_be_accepted_by_the_payer(
        self, professions: tuple[str, ...], expected: int
    ) -> None:
        """A provider counts only with a license in a profession the payer credentials."""
        ana = clinician(NPIS[0], *(license_(profession=kind) for kind in professions))
        answer = ask(practice([NPIS[0]]), PSYCHOLOGISTS_ONLY, providers=[ana])
        assert expected == answer.count

    def test_an_accepted_profession_in_another_state_does_not_count(self) -> None:
        """The accepted license must be the one in a practice state, not one held elsewhere."""
        ana = clinician(
            NPIS[0],
            license_("NY", "clinical_social_worker"),
            license_("NJ", "psychologist"),
        )
        assert 0 == ask(practice([NPIS[0]]), PSYCHOLOGISTS_ONLY, providers=[ana]).count

    @pytest.mark.parametrize(
        "roster",
        [
            pytest.param(
                [affiliation(NPIS[0]), affiliation(NPIS[0], "2024-06-01")], id="overlapping"
            ),
            pytest.param(
                [affiliation(NPIS[0], "2020-01-01", "2020-12-31"), affiliation(NPIS[0])],
                id="ended-then-current",
            ),
        ],
    )
    def test_a_provider_on_the_roster_twice_counts_once(self, roster: list[Affiliation]) -> None:
        """Two roster places for one provider count as one provider."""
        answer = ask(practice(roster), providers=[clinician(NPIS[0])])
        assert (1, (NPI(NPIS[0]),)) == (answer.count, answer.counted)

    def test_a_provider_given_twice_counts_once(self) -> None:
        """The same provider passed twice in providers is still one provider."""
        answer = ask(practice([NPIS[0]]), providers=[clinician(NPIS[0]), clinician(NPIS[0])])
        assert 1 == answer.count

    def test_a_roster_npi_without_a_provider_record_does_not_count(self) -> None:
        """A roster entry whose NPI is not among providers cannot be checked and is not counted."""
        harbor = practice(NPIS[:3])
        answer = ask(harbor, providers=[clinician(NPIS[0]), clinician(NPIS[2])])
        assert (2, (NPI(NPIS[0]), NPI(NPIS[2]))) == (answer.count, answer.counted)

    def test_an_empty_practice_counts_zero(self) -> None:
        """A practice with nobody on its roster counts zero and is short by the whole minimum."""
        answer = ask(practice(), providers=[])
        assert (0, (), 4) == (answer.count, answer.counted, answer.shortfall)


class TestMinimumAndShortfall:
    @pytest.mark.parametrize(
        ("payer", "size", "shortfall", "eligible"),
        [
            pytest.param(CIGNA, 3, 1, False, id="cigna-3-short-by-1"),
            pytest.param(CIGNA, 4, 0, True, id="cigna-4-eligible"),
            pytest.param(CIGNA, 5, 0, True, id="cigna-5-no-negative-shortfall"),
            pytest.param(OPTUM, 4, 2, False, id="optum-4-short-by-2"),
            pytest.param(OPTUM, 5, 1, False, id="optum-5-short-by-1"),
            pytest.param(OPTUM, 6, 0, True, id="optum-6-eligible"),
            pytest.param(AETNA, 1, 1, False, id="aetna-1-short-by-1"),
            pytest.param(AETNA, 2, 0, True, id="aetna-2-eligible"),
        ],
    )
    def test_shortfall_against_the_preset_minimum(
        self, payer: Payer, size: int, shortfall: int, eligible: bool
    ) -> None:
        """Minimum comes from the payer's rules and shortfall is max(0, minimum - count)."""
        harbor, providers = team(size)
        answer = ask(harbor, payer, providers=providers)
        expected = (payer.rules.group_minimum, size, shortfall, eligible)
        assert expected == (answer.minimum, answer.count, answer.shortfall, answer.eligible)

    def test_minimum_is_data_not_a_constant(self) -> None:
        """A payer whose minimum was changed is measured against the changed figure."""
        clinic = attrs.evolve(CIGNA, rules=attrs.evolve(CIGNA.rules, group_minimum=10))
        harbor, providers = team(4)
        answer = ask(harbor, clinic, providers=providers)
        assert (10, 6, False) == (answer.minimum, answer.shortfall, answer.eligible)

    def test_no_group_contracts_leaves_minimum_and_shortfall_none(self) -> None:
        """When the payer offers no group contracts, minimum and shortfall are None; count is still given."""
        harbor, providers = team(3)
        answer = ask(harbor, NO_GROUPS, providers=providers)
        assert (None, None, 3, False) == (
            answer.minimum,
            answer.shortfall,
            answer.count,
            answer.eligible,
        )


CASES = [
    pytest.param(CIGNA, 4, EIN_TEXT, GROUP_NPI, (), id="eligible"),
    pytest.param(CIGNA, 3, EIN_TEXT, GROUP_NPI, (Code.BELOW_GROUP_MINIMUM,), id="below-minimum"),
    pytest.param(CIGNA, 4, SSN_TEXT, GROUP_NPI, (Code.NEEDS_EIN,), id="ssn-practice"),
    pytest.param(CIGNA, 4, EIN_TEXT, None, (Code.NEEDS_GROUP_NPI,), id="no-group-npi"),
    pytest.param(
        CIGNA,
        2,
        SSN_TEXT,
        None,
        (Code.BELOW_GROUP_MINIMUM, Code.NEEDS_EIN, Code.NEEDS_GROUP_NPI),
        id="all-three-in-order",
    ),
    pytest.param(
        OPTUM,
        6,
        SSN_TEXT,
        None,
        (Code.NEEDS_EIN, Code.NEEDS_GROUP_NPI),
        id="enough-providers-but-ssn-and-no-npi",
    ),
    pytest.param(NO_GROUPS, 6, EIN_TEXT, GROUP_NPI, (Code.NO_GROUP_CONTRACTS,), id="no-groups"),
]


class TestReasons:
    @pytest.mark.parametrize(("payer", "size", "tin", "npi", "expected"), CASES)
    def test_reasons_in_order(
        self,
        payer: Payer,
        size: int,
        tin: str,
        npi: str | None,
        expected: tuple[Code, ...],
    ) -> None:
        """Each failed condition gives its reason, every one reported, in the documented order."""
        providers = [clinician(n) for n in NPIS[:size]]
        answer = ask(practice(NPIS[:size], tin=tin, npi=npi), payer, providers=providers)
        assert expected == codes(answer)

    @pytest.mark.parametrize(("payer", "size", "tin", "npi", "expected"), CASES)
    def test_eligible_exactly_when_no_reasons_and_truthy_exactly_when_eligible(
        self,
        payer: Payer,
        size: int,
        tin: str,
        npi: str | None,
        expected: tuple[Code, ...],
    ) -> None:
        """The answer is eligible, and truthy, exactly when it carries no reasons."""
        providers = [clinician(n) for n in NPIS[:size]]
        answer = ask(practice(NPIS[:size], tin=tin, npi=npi), payer, providers=providers)
        assert (not expected, not expected) == (answer.eligible, bool(answer))

    def test_no_group_contracts_still_reports_the_practices_own_gaps(self) -> None:
        """A payer without group contracts does not hide that the practice also lacks an EIN and an NPI."""
        harbor = practice(NPIS[:2], tin=SSN_TEXT, npi=None)
        answer = ask(harbor, NO_GROUPS, providers=[clinician(n) for n in NPIS[:2]])
        assert (Code.NO_GROUP_CONTRACTS, Code.NEEDS_EIN, Code.NEEDS_GROUP_NPI) == codes(answer)

    def test_below_minimum_message_gives_the_figures(self) -> None:
        """The below_group_minimum message names the payer, the minimum, the count and the shortfall."""
        harbor, providers = team(3)
        message = ask(harbor, providers=providers).reasons[0].message
        assert (True, True, True) == ("Cigna" in message, "4" in message, "1 short" in message)

    def test_needs_ein_message_does_not_show_the_ssn(self) -> None:
        """The needs_ein message never shows the practice's SSN in full."""
        harbor = practice(NPIS[:4], tin=SSN_TEXT)
        answer = ask(harbor, providers=[clinician(n) for n in NPIS[:4]])
        text = " ".join(str(reason) for reason in answer.reasons)
        assert (False, False) == ("536-22-8147" in text, "536228147" in text)

    def test_reasons_are_reason_objects_with_messages(self) -> None:
        """Every reason is a Reason with a non-blank message."""
        answer = ask(practice(NPIS[:1], tin=SSN_TEXT, npi=None), providers=[clinician(NPIS[0])])
        assert [(Reason, True)] * 3 == [
            (type(reason), bool(reason.message.strip())) for reason in answer.reasons
        ]


class TestArguments:
    def test_on_accepts_an_iso_string(self) -> None:
        """The date may be given as YYYY-MM-DD and gives the same answer as the date."""
        harbor, providers = team(4)
        assert ask(harbor, providers=providers, on=ON) == ask(
            harbor, providers=providers, on="2025-06-01"
        )

    def test_providers_may_be_any_iterable(self) -> None:
        """Providers may come as a generator, not only a list."""
        harbor, providers = team(4)
        assert ask(harbor, providers=providers) == ask(
            harbor, providers=(provider for provider in providers)
        )

    def test_on_is_keyword_only(self) -> None:
        """The date must be passed by keyword; positionally it is Python's TypeError."""
        harbor, providers = team(1)
        with pytest.raises(TypeError):
            group_eligibility(harbor, CIGNA, ON, providers)  # type: ignore[misc]

    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"practice": EIN_TEXT}, id="practice-as-tin"),
            pytest.param({"practice": None}, id="practice-none"),
            pytest.param({"payer": "cigna"}, id="payer-as-id"),
            pytest.param({"payer": CIGNA.rules}, id="payer-as-rules"),
            pytest.param({"on": datetime(2025, 6, 1, 9, 30)}, id="on-datetime"),
            pytest.param({"on": "06/01/2025"}, id="on-us-format"),
            pytest.param({"on": "2025-02-30"}, id="on-not-a-day"),
            pytest.param({"on": None}, id="on-none"),
            pytest.param({"providers": None}, id="providers-none"),
            pytest.param({"providers": "1234567802"}, id="providers-string"),
            pytest.param({"providers": [NPIS[0]]}, id="providers-of-npis"),
        ],
    )
    def test_bad_arguments_raise_credkit_error(self, changes: dict[str, Any]) -> None:
        """A wrong kind of argument is refused with a CredkitError naming it, not a stray exception."""
        harbor, providers = team(1)
        arguments = {
            "practice": harbor,
            "payer": CIGNA,
            "on": ON,
            "providers": providers,
            **changes,
        }
        with pytest.raises(CredkitError) as raised:
            group_eligibility(arguments.pop("practice"), arguments.pop("payer"), **arguments)
        (name,) = changes
        assert str(raised.value).startswith(f"argument.{name}: ")

    def test_a_single_provider_instead_of_a_list_is_refused(self) -> None:
        """Passing one Provider where a list is expected raises CredkitError."""
        harbor, providers = team(1)
        with pytest.raises(CredkitError):
            group_eligibility(harbor, CIGNA, on=ON, providers=providers[0])  # type: ignore[arg-type]


REASON = Reason(code="below_group_minimum", message="3 of 4")


class TestGroupEligibilityValue:
    def test_is_frozen(self) -> None:
        """An answer cannot be changed after the fact."""
        harbor, providers = team(4)
        answer = ask(harbor, providers=providers)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            answer.eligible = False  # type: ignore[misc]

    def test_equal_answers_hash_equal(self) -> None:
        """The same question asked twice gives equal, hashable answers."""
        harbor, providers = team(3)
        first, second = ask(harbor, providers=providers), ask(harbor, providers=providers)
        assert (first, hash(first)) == (second, hash(second))

    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param(
                {"eligible": True, "minimum": 4, "count": 4, "shortfall": 0, "reasons": [REASON]},
                id="eligible-with-reasons",
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": 3, "shortfall": 1, "reasons": []},
                id="ineligible-without-reasons",
            ),
            pytest.param(
                {"eligible": 1, "minimum": 4, "count": 4, "shortfall": 0}, id="eligible-not-bool"
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": -1, "shortfall": 5, "reasons": [REASON]},
                id="negative-count",
            ),
            pytest.param(
                {
                    "eligible": False,
                    "minimum": 4,
                    "count": True,
                    "shortfall": 3,
                    "reasons": [REASON],
                },
                id="count-bool",
            ),
            pytest.param(
                {
                    "eligible": False,
                    "minimum": "4",
                    "count": 3,
                    "shortfall": 1,
                    "reasons": [REASON],
                },
                id="minimum-string",
            ),
            pytest.param(
                {
                    "eligible": False,
                    "minimum": 4,
                    "count": 3,
                    "shortfall": 1,
                    "counted": "1234567802",
                    "reasons": [REASON],
                },
                id="counted-string",
            ),
        ],
    )
    def test_incoherent_answers_are_refused(self, fields: dict[str, Any]) -> None:
        """A GroupEligibility whose verdict and reasons disagree, or whose figures are not counts, cannot be built."""
        with pytest.raises(CredkitError):
            GroupEligibility(**fields)

    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param(
                {
                    "eligible": False,
                    "minimum": None,
                    "count": 1,
                    "shortfall": 3,
                    "reasons": [REASON],
                },
                id="shortfall-without-minimum",
            ),
            pytest.param(
                {
                    "eligible": False,
                    "minimum": 4,
                    "count": 1,
                    "shortfall": None,
                    "reasons": [REASON],
                },
                id="minimum-without-shortfall",
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": 2, "shortfall": 1, "reasons": [REASON]},
                id="shortfall-not-minimum-less-count",
            ),
            pytest.param(
                {"eligible": True, "minimum": 4, "count": 1, "shortfall": 3},
                id="eligible-while-short",
            ),
            pytest.param(
                {"eligible": True, "minimum": None, "count": 5, "shortfall": None},
                id="eligible-without-group-contracts",
            ),
        ],
    )
    def test_contradictory_figures_are_refused(self, fields: dict[str, Any]) -> None:
        """A GroupEligibility whose minimum, count, shortfall and verdict contradict each other cannot be built."""
        with pytest.raises(CredkitError):
            GroupEligibility(**fields)

    def test_friendly_input_is_converted(self) -> None:
        """Reasons given as a list and counted NPIs given as strings become tuples of the right types."""
        answer = GroupEligibility(
            eligible=False,
            minimum=4,
            count=1,
            shortfall=3,
            counted=[NPIS[0]],
            reasons=[REASON],
        )
        assert ((NPI(NPIS[0]),), (REASON,)) == (answer.counted, answer.reasons)
