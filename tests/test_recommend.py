"""recommend_enrollment: individual or group, following the article's considerations, with reasons."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from credkit import (
    Affiliation,
    Book,
    CredkitError,
    License,
    Payer,
    PayerRules,
    Period,
    Practice,
    Provider,
    Reason,
    Recommendation,
    UnknownId,
    recommend_enrollment,
)
from credkit.catalog import CIGNA
from tests import strategies as cs

ON = date(2026, 11, 28)
EIN_TEXT = "12-3456789"
SSN_TEXT = "536-22-8147"
GROUP_NPI = "1558598797"
NPIS = ("1234567802", "1234567810", "1234567828", "1234567836", "1234567844", "1234567851")

TEAM = [
    Provider(
        npi=npi,
        name=f"Clinician {npi[-2:]}",
        licenses=[
            License(
                state="NY", profession="psychologist", number=npi, effective=Period("2020-01-01")
            )
        ],
    )
    for npi in NPIS
]


def practice(count: int, *, tin: str = EIN_TEXT, npi: str | None = GROUP_NPI) -> Practice:
    """A New York practice with the first ``count`` of the team on its roster."""
    return Practice(
        name="Harbor Therapy",
        tin=tin,
        npi=npi,
        states=["NY"],
        roster=[Affiliation(provider=p.npi, effective=Period("2024-01-01")) for p in TEAM[:count]],
    )


def payer(minimum: int | None = 4, *, individual: bool = True, **rules: Any) -> Payer:
    return Payer(
        id="cigna",
        name="Cigna",
        rules=PayerRules(group_minimum=minimum, individual_contracts=individual, **rules),
    )


def advise(
    count: int,
    planned: int = 0,
    minimum: int | None = 4,
    *,
    individual: bool = True,
    tin: str = EIN_TEXT,
    npi: str | None = GROUP_NPI,
    **rules: Any,
) -> Recommendation:
    return recommend_enrollment(
        practice(count, tin=tin, npi=npi),
        payer(minimum, individual=individual, **rules),
        on=ON,
        providers=TEAM,
        planned_providers=planned,
    )


def summary(advice: Recommendation) -> tuple[str, list[str], int | None]:
    return advice.choice, [code.value for code in advice.codes], advice.group_at


class TestConsiderations:
    """Each of the article's considerations, and where one gives way to the next."""

    @pytest.mark.parametrize(
        ("count", "planned", "minimum", "expected"),
        [
            pytest.param(1, 0, 4, ("individual", ["staying_solo"], 4), id="solo"),
            pytest.param(0, 0, 4, ("individual", ["staying_solo"], 4), id="nobody-yet"),
            pytest.param(0, 1, 4, ("individual", ["staying_solo"], 4), id="one-hire-to-come"),
            pytest.param(1, 0, 1, ("individual", ["staying_solo"], 1), id="solo-though-eligible"),
            pytest.param(1, 1, 1, ("group", ["group_eligible"], 1), id="eligible-and-growing"),
            pytest.param(2, 0, 2, ("group", ["group_eligible"], 2), id="eligible-with-two"),
            pytest.param(4, 0, 4, ("group", ["group_eligible"], 4), id="exactly-the-minimum"),
            pytest.param(5, 2, 4, ("group", ["group_eligible"], 4), id="above-and-growing"),
            pytest.param(
                1, 1, 2, ("group", ["group_eligible_with_hires"], 2), id="one-hire-reaches"
            ),
            pytest.param(
                2, 2, 4, ("group", ["group_eligible_with_hires"], 4), id="hires-reach-exactly"
            ),
            pytest.param(3, 0, 4, ("individual", ["below_group_minimum"], 4), id="one-short"),
            pytest.param(
                2, 1, 4, ("individual", ["below_group_minimum"], 4), id="short-even-with-hires"
            ),
            pytest.param(2, 0, 6, ("individual", ["below_group_minimum"], 6), id="optum-six"),
        ],
    )
    def test_choice(
        self, count: int, planned: int, minimum: int, expected: tuple[str, list[str], int]
    ) -> None:
        """Solo: individual; eligible now or with the hires: group; short: individual, group at N."""
        assert expected == summary(advise(count, planned, minimum))

    @pytest.mark.parametrize(
        ("count", "minimum", "individual", "expected"),
        [
            pytest.param(
                3, None, True, ("individual", ["no_group_contracts"], None), id="no-group-contracts"
            ),
            pytest.param(
                3,
                None,
                False,
                ("individual", ["no_group_contracts", "individual_contracts_unavailable"], None),
                id="neither-route",
            ),
            pytest.param(
                1,
                4,
                False,
                ("group", ["individual_contracts_unavailable", "below_group_minimum"], 4),
                id="group-only-short",
            ),
            pytest.param(
                5,
                4,
                False,
                ("group", ["individual_contracts_unavailable"], 4),
                id="group-only-eligible",
            ),
            pytest.param(
                1,
                1,
                False,
                ("group", ["individual_contracts_unavailable"], 1),
                id="group-only-solo",
            ),
        ],
    )
    def test_one_route(
        self,
        count: int,
        minimum: int | None,
        individual: bool,
        expected: tuple[str, list[str], int | None],
    ) -> None:
        """A payer that offers only one route gets that route, even for a solo practice."""
        assert expected == summary(advise(count, 0, minimum, individual=individual))

    def test_who_counts(self) -> None:
        """Only providers group_eligibility counts: on the roster, licensed, accepted."""
        unlicensed = attrs.evolve(TEAM[2], licenses=[])
        other = attrs.evolve(
            TEAM[3], licenses=[attrs.evolve(TEAM[3].licenses[0], profession="other")]
        )
        gone = Affiliation(provider=TEAM[4].npi, effective=Period("2024-01-01", "2026-11-27"))
        harbor = attrs.evolve(practice(4), roster=[*practice(4).roster, gone])
        psychologists = payer(4, professions=["psychologist"])
        advice = recommend_enrollment(
            harbor, psychologists, on=ON, providers=[TEAM[0], TEAM[1], unlicensed, other, TEAM[4]]
        )
        assert ("individual", ["below_group_minimum"], 4) == summary(advice)
        assert "Cigna requires 4 providers for a group contract; Harbor Therapy has 2, 2 short" in (
            advice.reasons[0].message
        )


class TestSteps:
    """A missing EIN or group NPI never changes the choice; it is listed as a step to take."""

    @pytest.mark.parametrize(
        ("count", "planned", "expected"),
        [
            pytest.param(
                2,
                0,
                ("group", ["group_eligible", "needs_ein", "needs_group_npi"], 2),
                id="eligible",
            ),
            pytest.param(
                1,
                1,
                ("group", ["group_eligible_with_hires", "needs_ein", "needs_group_npi"], 2),
                id="with-hires",
            ),
        ],
    )
    def test_group_advised(
        self, count: int, planned: int, expected: tuple[str, list[str], int]
    ) -> None:
        """A practice under an SSN without an NPI is still advised to go for the group contract."""
        assert expected == summary(advise(count, planned, 2, tin=SSN_TEXT, npi=None))

    def test_group_ahead(self) -> None:
        """Short of the minimum, the steps toward the group contract are listed too."""
        assert ("individual", ["below_group_minimum", "needs_ein"], 4) == summary(
            advise(2, 0, 4, tin=SSN_TEXT)
        )

    def test_group_only_payer(self) -> None:
        """With a payer that signs only group contracts, the steps come after the route."""
        assert (
            "group",
            ["individual_contracts_unavailable", "below_group_minimum", "needs_group_npi"],
            4,
        ) == summary(advise(1, 0, 4, individual=False, npi=None))

    @pytest.mark.parametrize(
        ("count", "minimum", "codes"),
        [
            pytest.param(1, 4, ["staying_solo"], id="solo"),
            pytest.param(3, None, ["no_group_contracts"], id="no-group-contracts"),
        ],
    )
    def test_no_steps_without_a_group_ahead(
        self, count: int, minimum: int | None, codes: list[str]
    ) -> None:
        """Staying solo, or with a payer with no group contracts, there is nothing to get."""
        assert codes == summary(advise(count, 0, minimum, tin=SSN_TEXT, npi=None))[1]

    def test_step_messages(self) -> None:
        """The steps say what to get and why."""
        advice = advise(2, 0, 2, tin=SSN_TEXT, npi=None)
        assert [
            "Harbor Therapy bills under an SSN: get an EIN for it (for example by forming a "
            "PLLC) before applying, since a group contract is held by a business",
            "Harbor Therapy needs an organizational (type 2) NPI: apply through NPPES before "
            "applying",
        ] == [reason.message for reason in advice.reasons[1:]]
        assert all("536" not in reason.message for reason in advice.reasons)


class TestClosedPanel:
    """When an individual contract is advised, a panel closed to new ones is pointed out."""

    @pytest.mark.parametrize(
        ("count", "expected"),
        [
            pytest.param(1, ["staying_solo", "panel_closed"], id="solo"),
            pytest.param(2, ["below_group_minimum", "panel_closed"], id="short"),
            pytest.param(4, ["group_eligible"], id="group-advised"),
        ],
    )
    def test_closed_in_the_practice_state(self, count: int, expected: list[str]) -> None:
        """Closed in New York, where the practice works: noted unless a group contract is advised."""
        assert expected == summary(advise(count, 0, 4, closed_states=["NY"]))[1]

    def test_closed_elsewhere(self) -> None:
        """A panel closed only in other states is not the practice's concern."""
        assert ["staying_solo"] == summary(advise(1, 0, 4, closed_states=["NJ"]))[1]

    def test_message(self) -> None:
        """The note names the states and what it means."""
        advice = advise(2, 0, 4, closed_states=["NY"])
        assert (
            "Cigna's panel is closed to new individual contracts in NY: only providers who "
            "bring a contract of their own can join it that way there"
        ) == advice.reasons[1].message


class TestMessages:
    """Each consideration says what it found and what follows."""

    @pytest.mark.parametrize(
        ("count", "planned", "minimum", "message"),
        [
            pytest.param(
                1,
                0,
                4,
                "Harbor Therapy has 1 provider and plans no hires: individual contracts are "
                "simpler, with no group contract to apply for or keep up, and each goes with its "
                "provider; Cigna's group contract needs 4 providers",
                id="solo",
            ),
            pytest.param(
                4,
                0,
                4,
                "Harbor Therapy has 4 providers, enough for Cigna's group contract (from 4): one "
                "contract covers them all, and new providers are added to it",
                id="eligible",
            ),
            pytest.param(
                3,
                2,
                4,
                "Harbor Therapy has 3 providers and plans 2 more: 5 reach Cigna's group "
                "minimum of 4, so apply for the group contract as the hires join",
                id="with-hires",
            ),
            pytest.param(
                2,
                1,
                4,
                "Cigna requires 4 providers for a group contract; Harbor Therapy has 2 and plans "
                "1 more, 1 short: contract individually now, and as a group from 4 providers",
                id="short",
            ),
        ],
    )
    def test_first_reason(self, count: int, planned: int, minimum: int, message: str) -> None:
        """The deciding reason's message, word for word."""
        assert message == advise(count, planned, minimum).reasons[0].message

    @pytest.mark.parametrize(
        ("minimum", "individual", "expected"),
        [
            pytest.param(
                None,
                True,
                ["Cigna offers no group contracts: each provider contracts individually"],
                id="no-group-contracts",
            ),
            pytest.param(
                None,
                False,
                [
                    "Cigna offers no group contracts: each provider contracts individually",
                    "Cigna signs no individual contracts either, so it offers no way onto its "
                    "panel: confirm its rules with the payer",
                ],
                id="no-way-on",
            ),
            pytest.param(
                2,
                False,
                [
                    "Cigna signs no individual contracts: its group contract is the way onto its panel"
                ],
                id="group-only",
            ),
        ],
    )
    def test_one_route_messages(
        self, minimum: int | None, individual: bool, expected: list[str]
    ) -> None:
        """A payer that offers one route, or none, says so word for word."""
        advice = advise(2, 0, minimum, individual=individual)
        assert expected == [reason.message for reason in advice.reasons]


class TestArguments:
    """Bad arguments are refused, naming them."""

    @pytest.mark.parametrize(
        ("planned", "message"),
        [
            pytest.param(-1, "argument.planned_providers: must not be negative", id="negative"),
            pytest.param(
                True,
                "argument.planned_providers: expected a whole number of providers, got a boolean",
                id="bool",
            ),
            pytest.param(
                1.0,
                "argument.planned_providers: expected a whole number of providers, got a decimal number",
                id="float",
            ),
        ],
    )
    def test_planned_providers(self, planned: Any, message: str) -> None:
        """planned_providers is a whole number, not negative."""
        with pytest.raises(CredkitError) as raised:
            advise(1, planned)
        assert message == str(raised.value)

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            pytest.param({"practice": EIN_TEXT}, "argument.practice", id="practice"),
            pytest.param({"payer": "cigna"}, "argument.payer", id="payer"),
            pytest.param({"on": "Nov 28"}, "argument.on", id="on"),
            pytest.param({"providers": "everyone"}, "argument.providers", id="providers"),
        ],
    )
    def test_refused(self, arguments: dict[str, Any], field: str) -> None:
        """Each bad argument is named."""
        call: dict[str, Any] = {
            "practice": practice(1),
            "payer": CIGNA,
            "on": ON,
            "providers": TEAM,
            **arguments,
        }
        with pytest.raises(CredkitError) as raised:
            recommend_enrollment(call.pop("practice"), call.pop("payer"), **call)
        assert str(raised.value).startswith(f"{field}: ")


class TestRecommendationValue:
    """A Recommendation refuses what contradicts itself; it is truthy when a group is advised."""

    why = Reason(code="staying_solo", message="one provider")

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            pytest.param(
                {"choice": "solo"},
                "Recommendation.choice: expected 'individual' or 'group', got 'solo'",
                id="choice",
            ),
            pytest.param(
                {"choice": None},
                "Recommendation.choice: expected 'individual' or 'group', got null",
                id="choice-none",
            ),
            pytest.param(
                {"choice": 2},
                "Recommendation.choice: expected 'individual' or 'group', got a number",
                id="choice-number",
            ),
            pytest.param(
                {"reasons": []},
                "Recommendation.reasons: a recommendation says why",
                id="no-reasons",
            ),
            pytest.param(
                {"group_at": 0},
                "Recommendation.group_at: a group contract needs at least 1 provider",
                id="zero",
            ),
            pytest.param(
                {"group_at": True},
                "Recommendation.group_at: expected a whole number or None, got a boolean",
                id="bool",
            ),
            pytest.param(
                {"choice": "group", "group_at": None},
                "Recommendation.group_at: a group contract is advised only",
                id="group-without-minimum",
            ),
        ],
    )
    def test_refused(self, fields: dict[str, Any], message: str) -> None:
        """Each contradiction is refused, naming the field."""
        with pytest.raises(CredkitError) as raised:
            Recommendation(
                **{"choice": "individual", "reasons": [self.why], "group_at": 4, **fields}
            )
        assert str(raised.value).startswith(message)

    def test_truthy_when_group(self) -> None:
        """Truthy exactly when the advice is to contract as a group."""
        assert (False, True) == (
            bool(Recommendation(choice="individual", reasons=[self.why])),
            bool(Recommendation(choice="group", reasons=[self.why], group_at=2)),
        )


# --- properties --------------------------------------------------------------------


@st.composite
def practices_to_advise(draw: st.DrawFn) -> tuple[Practice, Payer, int]:
    """A practice with some of the team on its roster, a payer, and hires planned."""
    count = draw(st.integers(0, len(TEAM)))
    harbor = practice(
        count,
        tin=draw(st.sampled_from([EIN_TEXT, SSN_TEXT])),
        npi=draw(st.none() | st.just(GROUP_NPI)),
    )
    rules = attrs.evolve(
        draw(cs.payer_rules()),
        professions=draw(
            st.none() | st.just(frozenset({"psychologist"})) | st.just(frozenset({"other"}))
        ),
        # Professions accepted from a date have their own tests; here every one is undated.
        profession_periods={},
    )
    return harbor, Payer(id="p", name="P", rules=rules), draw(st.integers(0, 8))


class TestProperties:
    """What holds for every practice, payer and plan for hiring."""

    @given(practices_to_advise())
    def test_the_rule(self, question: tuple[Practice, Payer, int]) -> None:
        """Group exactly when the payer offers it and: it is the only route, or the practice (with hires) has two or more and reaches the minimum."""
        harbor, chosen, planned = question
        advice = recommend_enrollment(
            harbor, chosen, on=ON, providers=TEAM, planned_providers=planned
        )
        rules = chosen.rules
        count = sum(
            1 for p in TEAM[: len(harbor.roster)] if rules.accepts(p.licenses[0].profession)
        )
        total = count + planned
        minimum = rules.group_minimum
        group = minimum is not None and (
            not rules.individual_contracts or (total >= 2 and total >= minimum)
        )
        assert ("group" if group else "individual") == advice.choice
        assert minimum == advice.group_at
        assert advice.reasons
        # A valid Recommendation, as its constructor would build it.
        assert advice == attrs.evolve(advice)

    @given(practices_to_advise(), st.integers(1, 5))
    def test_hiring_never_turns_a_group_back(
        self, question: tuple[Practice, Payer, int], more: int
    ) -> None:
        """Planning more hires never turns a group recommendation into an individual one."""
        harbor, chosen, planned = question
        before = recommend_enrollment(
            harbor, chosen, on=ON, providers=TEAM, planned_providers=planned
        )
        after = recommend_enrollment(
            harbor, chosen, on=ON, providers=TEAM, planned_providers=planned + more
        )
        assert not (before and not after)

    @given(practices_to_advise())
    def test_ein_and_npi_do_not_change_the_choice(
        self, question: tuple[Practice, Payer, int]
    ) -> None:
        """With or without an EIN and a group NPI, the choice and group_at are the same."""
        harbor, chosen, planned = question
        ready = attrs.evolve(harbor, tin=EIN_TEXT, npi=GROUP_NPI)
        bare = attrs.evolve(harbor, tin=SSN_TEXT, npi=None)
        first = recommend_enrollment(
            ready, chosen, on=ON, providers=TEAM, planned_providers=planned
        )
        second = recommend_enrollment(
            bare, chosen, on=ON, providers=TEAM, planned_providers=planned
        )
        assert (first.choice, first.group_at) == (second.choice, second.group_at)
        assert not {"needs_ein", "needs_group_npi"} & {code.value for code in first.codes}


class TestBook:
    """book.recommend_enrollment answers as the function does; unknown ids raise UnknownId."""

    @given(cs.books(), cs.window_dates(), st.integers(0, 6), st.data())
    def test_agrees_with_the_function(
        self, book: Book, on: date, planned: int, data: st.DataObject
    ) -> None:
        """The same recommendation for every practice and payer in the book."""
        harbor = data.draw(st.sampled_from(book.practices))
        chosen = data.draw(st.sampled_from(book.payers))
        assert recommend_enrollment(
            harbor, chosen, on=on, providers=book.providers, planned_providers=planned
        ) == book.recommend_enrollment(harbor.tin, chosen.id, on=on, planned_providers=planned)

    @pytest.mark.parametrize(
        ("tin", "payer_id", "message"),
        [
            pytest.param(
                "98-7654321",
                "cigna",
                "the book holds no practice with tax id 98-7654321",
                id="practice",
            ),
            pytest.param(
                EIN_TEXT, "united", "the book holds no payer with id 'united'", id="payer"
            ),
        ],
    )
    def test_unknown_ids(self, tin: str, payer_id: str, message: str) -> None:
        """A recommendation must choose, so an unknown id raises UnknownId naming it."""
        book = Book(providers=TEAM, practices=[practice(2)], payers=[CIGNA])
        with pytest.raises(UnknownId) as raised:
            book.recommend_enrollment(tin, payer_id, on=ON)
        assert message == str(raised.value)

    def test_no_hires_planned_by_default(self) -> None:
        """Without planned_providers, no hires are counted."""
        book = Book(providers=TEAM, practices=[practice(2)], payers=[CIGNA])
        assert book.recommend_enrollment(
            EIN_TEXT, "cigna", on=ON, planned_providers=0
        ) == book.recommend_enrollment(EIN_TEXT, "cigna", on=ON)
        assert book.recommend_enrollment(
            EIN_TEXT, "cigna", on=ON, planned_providers=1
        ) != book.recommend_enrollment(EIN_TEXT, "cigna", on=ON)

    def test_story(self) -> None:
        """Two providers and two hires planned reach Cigna's 4."""
        book = Book(providers=TEAM, practices=[practice(2)], payers=[CIGNA])
        advice = book.recommend_enrollment(EIN_TEXT, "cigna", on="2026-11-28", planned_providers=2)
        assert ("group", ["group_eligible_with_hires"], 4) == summary(advice)
