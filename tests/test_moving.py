"""moving_provider: what travels with a provider who moves practices, what stays, and the steps."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from credkit import (
    Affiliation,
    Book,
    Contract,
    ContractStatus,
    Credential,
    CredentialStatus,
    CredkitError,
    Group,
    Individual,
    License,
    Move,
    MoveStep,
    MoveStepKind,
    Path,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Plan,
    Practice,
    Provider,
    UnknownId,
    can_bill,
    moving_provider,
)
from tests import strategies as cs

ON = date(2027, 1, 4)
D = date.fromisoformat

SOFIA_NPI = "1382049579"
PLLC_TIN, PLLC_NPI = "88-3172405", "1648730210"
LAKESIDE_TIN, LAKESIDE_NPI = "27-5618390", "1193758426"

SOFIA = Provider(
    npi=SOFIA_NPI,
    name="Sofia Reyes, PsyD",
    licenses=[
        License(
            state="NY", profession="psychologist", number="021734", effective=Period("2019-06-01")
        )
    ],
)
PLLC = Practice(
    name="Chen Counseling, PLLC",
    tin=PLLC_TIN,
    npi=PLLC_NPI,
    states=["NY"],
    roster=[Affiliation(provider=SOFIA_NPI, effective=Period("2026-01-05", "2027-01-03"))],
)
LAKESIDE = Practice(
    name="Lakeside Therapy Group", tin=LAKESIDE_TIN, npi=LAKESIDE_NPI, states=["NY"]
)
CIGNA = Payer(id="cigna", name="Cigna", rules=PayerRules(group_minimum=4))
AETNA = Payer(id="aetna", name="Aetna", rules=PayerRules(group_minimum=2))

CREDENTIAL = Credential(
    provider=SOFIA_NPI, payer="cigna", status="approved", effective=Period("2026-02-01")
)
PLLC_PAY_TO = PayTo(tin=PLLC_TIN, npi=PLLC_NPI, effective=Period("2026-02-01"))
OWN = Contract(
    id="cigna-reyes",
    payer="cigna",
    holder=Individual(provider=SOFIA_NPI),
    status="executed",
    signed="2026-01-26",
    effective=Period("2026-02-01"),
    pay_to=[PLLC_PAY_TO],
)
MEMBERSHIP = Affiliation(provider=SOFIA_NPI, effective=Period("2026-09-01"))
GROUP = Contract(
    id="cigna-chen-pllc",
    payer="cigna",
    holder=Group(practice=PLLC_TIN),
    status="executed",
    signed="2026-08-14",
    effective=Period("2026-09-01"),
    pay_to=[PayTo(tin=PLLC_TIN, npi=PLLC_NPI, effective=Period("2026-09-01"))],
    members=[MEMBERSHIP],
)


def move(
    contracts: list[Contract] | None = None,
    *,
    credentials: list[Credential] | None = None,
    provider: Provider = SOFIA,
    old: Practice = PLLC,
    new: Practice = LAKESIDE,
    payers: list[Payer] | None = None,
    on: date | str = ON,
) -> dict[str, Move]:
    return moving_provider(
        provider,
        old,
        new,
        on=on,
        providers=[provider],
        credentials=[CREDENTIAL] if credentials is None else credentials,
        contracts=[OWN, GROUP] if contracts is None else contracts,
        payers=[CIGNA, AETNA] if payers is None else payers,
    )


def ids(contracts: tuple[Contract, ...]) -> list[str]:
    return [contract.id for contract in contracts]


def on_roster(practice: Practice, npi: str, start: date | str = ON) -> Practice:
    return attrs.evolve(
        practice,
        roster=[*practice.roster, Affiliation(provider=npi, effective=Period(start))],
    )


class TestTheMove:
    """Sofia moves from the PLLC to Lakeside: her contract travels, her group membership stays."""

    def test_what_travels_and_what_stays(self) -> None:
        """Her individual contract travels; the PLLC's group contract stays with the PLLC."""
        cigna = move()["cigna"]
        assert (["cigna-reyes"], ["cigna-chen-pllc"], None) == (
            ids(cigna.travels),
            ids(cigna.stays),
            cigna.plan,
        )
        assert bool(cigna)

    def test_steps(self) -> None:
        """Link the contract to Lakeside, unlink it from the PLLC, end the membership."""
        cigna = move()["cigna"]
        assert [
            "add_pay_to: ask Cigna to load Lakeside Therapy Group's NPI 1193758426 and tax id "
            "27-5618390 as pay-to on individual contract cigna-reyes from 2027-01-04",
            "end_pay_to: ask Cigna to end the pay-to for Chen Counseling, PLLC (tax id "
            "88-3172405) on individual contract cigna-reyes on 2027-01-03",
            "end_group_membership: ask Cigna to end Sofia Reyes, PsyD's membership of group "
            "contract cigna-chen-pllc on 2027-01-03",
        ] == [str(step) for step in cigna.steps]

    def test_steps_as_data(self) -> None:
        """Each step carries the record it adds or ends, and the last day."""
        cigna = move()["cigna"]
        assert [
            MoveStep(
                kind=MoveStepKind.ADD_PAY_TO,
                contract="cigna-reyes",
                detail=cigna.steps[0].detail,
                entry=PayTo(tin=LAKESIDE_TIN, npi=LAKESIDE_NPI, effective=Period("2027-01-04")),
            ),
            MoveStep(
                kind=MoveStepKind.END_PAY_TO,
                contract="cigna-reyes",
                detail=cigna.steps[1].detail,
                entry=PLLC_PAY_TO,
                ends="2027-01-03",
            ),
            MoveStep(
                kind=MoveStepKind.END_GROUP_MEMBERSHIP,
                contract="cigna-chen-pllc",
                detail=cigna.steps[2].detail,
                member=MEMBERSHIP,
                ends="2027-01-03",
            ),
        ] == list(cigna.steps)

    def test_nothing_with_the_payer(self) -> None:
        """With a payer she has nothing with, nothing travels and the plan says how to join there."""
        aetna = move()["aetna"]
        assert ((), (), (), False) == (aetna.travels, aetna.stays, aetna.steps, bool(aetna))
        assert aetna.plan is not None
        assert Path.NEW_INDIVIDUAL_CONTRACT == aetna.plan.path
        assert [
            "join_roster",
            "credential",
            "sign_individual_contract",
            "link_contract_to_practice",
        ] == [kind.value for kind in aetna.plan.step_kinds]

    def test_only_the_group_membership(self) -> None:
        """With only a group membership, it stays, and the plan at the new practice is given."""
        cigna = move([GROUP])["cigna"]
        assert ([], ["cigna-chen-pllc"], False) == (
            ids(cigna.travels),
            ids(cigna.stays),
            bool(cigna),
        )
        assert cigna.plan is not None
        assert Path.NEW_INDIVIDUAL_CONTRACT == cigna.plan.path
        assert [MoveStepKind.END_GROUP_MEMBERSHIP] == [step.kind for step in cigna.steps]

    def test_new_practice_group_contract(self) -> None:
        """When the new practice has a group contract, the plan is to be added to it."""
        lakeside_group = attrs.evolve(
            GROUP,
            id="cigna-lakeside",
            holder=Group(practice=LAKESIDE_TIN),
            members=[],
            pay_to=[PayTo(tin=LAKESIDE_TIN, npi=LAKESIDE_NPI, effective=Period("2026-09-01"))],
        )
        plan = move([GROUP, lakeside_group])["cigna"].plan
        assert plan is not None
        assert (Path.ADD_TO_GROUP_CONTRACT, ["join_roster", "add_to_group_contract"]) == (
            plan.path,
            [kind.value for kind in plan.step_kinds],
        )

    def test_one_move_per_payer_in_order(self) -> None:
        """Every payer gets a move, by id, in the order given; a repeated id is answered once."""
        moves = move(payers=[AETNA, CIGNA, attrs.evolve(CIGNA, name="Cigna again")])
        assert ["aetna", "cigna"] == list(moves)
        assert "ask Cigna to" in moves["cigna"].steps[0].detail


class TestWhatTravels:
    """Every executed (or terminated) individual contract of the provider's with the payer that has not ended."""

    @pytest.mark.parametrize(
        ("changes", "travels"),
        [
            pytest.param({}, True, id="in-effect"),
            pytest.param(
                {"effective": Period("2026-02-01", "2027-01-04")}, True, id="ends-that-day"
            ),
            pytest.param(
                {"effective": Period("2026-02-01", "2027-01-03")}, False, id="ended-the-day-before"
            ),
            pytest.param({"effective": Period("2027-03-01")}, True, id="starts-later"),
            pytest.param(
                {"status": "terminated", "effective": Period("2026-02-01", "2027-01-04")},
                True,
                id="terminated-last-day-that-day",
            ),
            pytest.param(
                {"status": "terminated", "effective": Period("2026-02-01", "2027-01-03")},
                False,
                id="terminated-the-day-before",
            ),
            pytest.param(
                {"status": "pending", "signed": None, "effective": None}, False, id="pending"
            ),
            pytest.param({"holder": Individual(provider="1234567893")}, False, id="someone-elses"),
            pytest.param({"payer": "aetna"}, False, id="another-payer"),
        ],
    )
    def test_which_contracts(self, changes: dict[str, Any], travels: bool) -> None:
        """Executed or terminated, the provider's own, with this payer, and not ended by the move."""
        contract = attrs.evolve(OWN, **changes)
        assert (["cigna-reyes"] if travels else []) == ids(move([contract])["cigna"].travels)

    @pytest.mark.parametrize("status", list(CredentialStatus))
    def test_whatever_the_credential(self, status: CredentialStatus) -> None:
        """A contract travels whatever the state of the credential, or with none."""
        credential = Credential(
            provider=SOFIA_NPI,
            payer="cigna",
            status=status,
            effective=Period("2026-02-01", "2026-12-31"),
        )
        assert ["cigna-reyes"] == ids(move([OWN], credentials=[credential])["cigna"].travels)
        assert ["cigna-reyes"] == ids(move([OWN], credentials=[])["cigna"].travels)

    def test_already_linked_to_the_new_practice(self) -> None:
        """An entry for the new practice running to the end of the term needs no new one."""
        linked = attrs.evolve(
            OWN,
            pay_to=[
                PLLC_PAY_TO,
                PayTo(tin=LAKESIDE_TIN, npi=LAKESIDE_NPI, effective=Period("2026-06-01")),
            ],
        )
        assert [MoveStepKind.END_PAY_TO] == [step.kind for step in move([linked])["cigna"].steps]

    @pytest.mark.parametrize(
        ("entry_end", "term_end", "adds"),
        [
            pytest.param("2027-06-30", "2027-06-30", False, id="to-the-end-of-the-term"),
            pytest.param("2027-06-29", "2027-06-30", True, id="ending-before-the-term"),
            pytest.param("2027-06-30", None, True, id="term-open-ended"),
            pytest.param("2027-01-03", "2027-06-30", True, id="ended-before-the-move"),
        ],
    )
    def test_entry_for_the_new_practice_that_ends(
        self, entry_end: str, term_end: str | None, adds: bool
    ) -> None:
        """An entry for the new practice that stops before the contract does is not enough."""
        linked = attrs.evolve(
            OWN,
            effective=Period("2026-02-01", term_end),
            pay_to=[
                PayTo(tin=LAKESIDE_TIN, npi=LAKESIDE_NPI, effective=Period("2026-06-01", entry_end))
            ],
        )
        kinds = [step.kind for step in move([linked])["cigna"].steps]
        assert adds == (MoveStepKind.ADD_PAY_TO in kinds)

    @pytest.mark.parametrize(
        ("entry", "expected"),
        [
            pytest.param(Period("2026-02-01", "2027-01-04"), "end it", id="ends-on-the-move"),
            pytest.param(Period("2026-02-01", "2027-01-03"), None, id="ended-the-day-before"),
            pytest.param(Period("2027-02-01"), "cancel it", id="starts-after-the-move"),
            pytest.param(Period("2027-01-03"), "end it", id="starts-the-day-before"),
        ],
    )
    def test_old_entries(self, entry: Period, expected: str | None) -> None:
        """Entries for the old practice still running are ended the day before; later ones cancelled."""
        contract = attrs.evolve(OWN, pay_to=[attrs.evolve(PLLC_PAY_TO, effective=entry)])
        ends = [
            step for step in move([contract])["cigna"].steps if step.kind is MoveStepKind.END_PAY_TO
        ]
        if expected is None:
            assert [] == ends
        elif expected == "end it":
            assert [
                "ask Cigna to end the pay-to for Chen Counseling, PLLC (tax id 88-3172405) on "
                "individual contract cigna-reyes on 2027-01-03"
            ] == [step.detail for step in ends]
        else:
            assert [
                "ask Cigna to cancel the pay-to for Chen Counseling, PLLC (tax id 88-3172405) on "
                "individual contract cigna-reyes, which was to start on 2027-02-01"
            ] == [step.detail for step in ends]

    def test_linked_to_a_third_practice(self) -> None:
        """A contract linked elsewhere travels too; only the old practice's entries end."""
        elsewhere = PayTo(tin="45-1234567", npi="1245319599", effective=Period("2025-01-01"))
        contract = attrs.evolve(OWN, pay_to=[elsewhere, PLLC_PAY_TO])
        steps = move([contract])["cigna"].steps
        assert [MoveStepKind.ADD_PAY_TO, MoveStepKind.END_PAY_TO] == [step.kind for step in steps]
        assert PLLC_PAY_TO == steps[1].entry

    def test_new_practice_without_an_npi(self) -> None:
        """A practice with no organizational NPI is paid under the provider's own NPI."""
        solo = Practice(name="Sofia Reyes", tin="536-22-8147", states=["NY"])
        step = move([OWN], new=solo)["cigna"].steps[0]
        assert PayTo(tin="536-22-8147", npi=SOFIA_NPI, effective=Period(ON)) == step.entry
        assert "536-22" not in step.detail
        assert "***-**-8147" in step.detail


class TestWhatStays:
    """The old practice's group contracts the provider is a member of: the membership ends."""

    @pytest.mark.parametrize(
        ("changes", "stays"),
        [
            pytest.param({}, True, id="member"),
            pytest.param(
                {
                    "members": [
                        attrs.evolve(MEMBERSHIP, effective=Period("2026-09-01", "2027-01-04"))
                    ]
                },
                True,
                id="membership-ends-that-day",
            ),
            pytest.param(
                {
                    "members": [
                        attrs.evolve(MEMBERSHIP, effective=Period("2026-09-01", "2027-01-03"))
                    ]
                },
                False,
                id="membership-ended",
            ),
            pytest.param(
                {"members": [attrs.evolve(MEMBERSHIP, effective=Period("2027-02-01"))]},
                True,
                id="membership-to-start",
            ),
            pytest.param(
                {"members": [Affiliation(provider="1234567893", effective=Period("2026-09-01"))]},
                False,
                id="not-a-member",
            ),
            pytest.param(
                {"effective": Period("2026-09-01", "2027-01-03")}, False, id="contract-ended"
            ),
            pytest.param(
                {"status": "terminated", "effective": Period("2026-09-01", "2027-01-04")},
                True,
                id="terminated-last-day-that-day",
            ),
            pytest.param(
                {"status": "terminated", "effective": Period("2026-09-01", "2027-01-03")},
                False,
                id="terminated-the-day-before",
            ),
            pytest.param(
                {"status": "pending", "signed": None, "effective": None, "pay_to": []},
                True,
                id="pending-application",
            ),
            pytest.param(
                {"holder": Group(practice=LAKESIDE_TIN), "pay_to": []},
                False,
                id="another-practices",
            ),
        ],
    )
    def test_which_contracts(self, changes: dict[str, Any], stays: bool) -> None:
        """A group contract of the old practice, not over, with the provider a member on or after the move."""
        contract = attrs.evolve(GROUP, **changes)
        assert (["cigna-chen-pllc"] if stays else []) == ids(move([contract])["cigna"].stays)

    @pytest.mark.parametrize(
        ("start", "when"),
        [
            pytest.param("2027-01-02", "on 2027-01-03", id="began-two-days-before"),
            pytest.param("2027-01-03", "on 2027-01-03", id="began-the-day-before"),
            pytest.param("2027-01-04", "before it starts on 2027-01-04", id="begins-that-day"),
        ],
    )
    def test_when_a_membership_ends(self, start: str, when: str) -> None:
        """A membership begun before the move ends the day before it; one not yet begun is cancelled."""
        contract = attrs.evolve(GROUP, members=[attrs.evolve(MEMBERSHIP, effective=Period(start))])
        (step,) = move([contract])["cigna"].steps
        assert step.detail.endswith(f"cigna-chen-pllc {when}")

    def test_only_the_providers_membership_ends(self) -> None:
        """Colleagues' memberships of the same group contract are left alone."""
        colleague = Affiliation(provider="1234567893", effective=Period("2026-09-01"))
        contract = attrs.evolve(GROUP, members=[colleague, MEMBERSHIP])
        (step,) = move([contract])["cigna"].steps
        assert MEMBERSHIP == step.member

    def test_membership_to_start_is_cancelled(self) -> None:
        """A membership that had not begun is removed, not ended."""
        contract = attrs.evolve(
            GROUP, members=[attrs.evolve(MEMBERSHIP, effective=Period("2027-02-01"))]
        )
        (step,) = move([contract])["cigna"].steps
        assert (
            "ask Cigna to end Sofia Reyes, PsyD's membership of group contract cigna-chen-pllc "
            "before it starts on 2027-02-01"
        ) == step.detail
        assert [] == list(move([contract])["cigna"].apply([contract])[0].members)


class TestApply:
    """A move's steps, made in the records, give what the payer will have."""

    def test_records_after_the_move(self) -> None:
        """The contract pays Lakeside from the move, the PLLC until the day before; the membership ends."""
        own, group = move()["cigna"].apply([OWN, GROUP])
        assert (
            PayTo(tin=PLLC_TIN, npi=PLLC_NPI, effective=Period("2026-02-01", "2027-01-03")),
            PayTo(tin=LAKESIDE_TIN, npi=LAKESIDE_NPI, effective=Period("2027-01-04")),
        ) == own.pay_to
        assert (
            Affiliation(provider=SOFIA_NPI, effective=Period("2026-09-01", "2027-01-03")),
        ) == group.members

    def test_billing_after_the_move(self) -> None:
        """After the move she bills through Lakeside, and the day before still through the PLLC."""
        contracts = move()["cigna"].apply([OWN, GROUP])
        lakeside = on_roster(LAKESIDE, SOFIA_NPI)
        verdict = can_bill(
            SOFIA, CIGNA, lakeside, on=ON, credentials=[CREDENTIAL], contracts=contracts
        )
        assert (
            True,
            "cigna-reyes",
            "billing NPI 1193758426, tax id 27-5618390, rendering NPI 1382049579",
        ) == (
            bool(verdict),
            verdict.contract.id if verdict.contract else None,
            str(verdict.billing),
        )
        before = can_bill(
            SOFIA, CIGNA, PLLC, on="2027-01-03", credentials=[CREDENTIAL], contracts=contracts
        )
        assert bool(before)

    def test_ending_an_entry_that_ends_sooner(self) -> None:
        """Ending an entry on a day after its own end leaves it as it is."""
        short = attrs.evolve(PLLC_PAY_TO, effective=Period("2026-02-01", "2026-06-30"))
        step = MoveStep(
            kind="end_pay_to", contract="cigna-reyes", detail="d", entry=short, ends="2027-01-03"
        )
        contract = attrs.evolve(OWN, pay_to=[short])
        assert (
            contract == Move(payer="cigna", travels=[contract], steps=[step]).apply([contract])[0]
        )

    @pytest.mark.parametrize(
        ("ends", "expected"),
        [
            pytest.param("2026-08-31", (), id="day-before-start-removed"),
            pytest.param(
                "2026-09-01",
                (Affiliation(provider=SOFIA_NPI, effective=Period("2026-09-01", "2026-09-01")),),
                id="on-start-one-day",
            ),
            pytest.param(
                "2026-09-02",
                (Affiliation(provider=SOFIA_NPI, effective=Period("2026-09-01", "2026-09-02")),),
                id="day-after-start-two-days",
            ),
        ],
    )
    def test_ending_near_the_start(self, ends: str, expected: tuple[Affiliation, ...]) -> None:
        """A membership ended before it began is removed; ended on its first day, it lasts that day."""
        step = MoveStep(
            kind="end_group_membership", contract=GROUP.id, detail="d", member=MEMBERSHIP, ends=ends
        )
        moved = attrs.evolve(move()["cigna"], steps=[step]).apply([GROUP])[0]
        assert expected == moved.members

    def test_other_contracts_untouched(self) -> None:
        """Contracts the move does not change come back as they were, in order."""
        other = attrs.evolve(OWN, id="aetna-reyes", payer="aetna")
        applied = move()["cigna"].apply([other, OWN, GROUP])
        assert other is applied[0]

    def test_missing_contract_refused(self) -> None:
        """Applying a move to records without its contract is refused."""
        with pytest.raises(CredkitError) as raised:
            move()["cigna"].apply([OWN])
        expected = (
            "argument.contracts: no contract 'cigna-chen-pllc' with payer 'cigna' among "
            "the contracts given"
        )
        assert expected == str(raised.value)

    def test_changed_records_refused(self) -> None:
        """Applying a move to a contract whose entry has changed since is refused."""
        changed = attrs.evolve(OWN, pay_to=[attrs.evolve(PLLC_PAY_TO, npi=LAKESIDE_NPI)])
        with pytest.raises(CredkitError) as raised:
            move()["cigna"].apply([changed, GROUP])
        expected = (
            "contract 'cigna-reyes' has no such pay-to entry to end: work the move out again "
            "from the current records"
        )
        assert expected == str(raised.value)

    def test_changed_membership_refused(self) -> None:
        """Applying a move to a group contract whose membership has changed since is refused."""
        changed = attrs.evolve(GROUP, members=[attrs.evolve(MEMBERSHIP, effective=Period(ON))])
        with pytest.raises(CredkitError) as raised:
            move()["cigna"].apply([OWN, changed])
        expected = (
            "contract 'cigna-chen-pllc' has no such membership to end: work the move out again "
            "from the current records"
        )
        assert expected == str(raised.value)


class TestArguments:
    """A move is between two practices, with the arguments of their kinds."""

    def test_same_practice_refused(self) -> None:
        """Moving to the practice one is at is refused."""
        with pytest.raises(CredkitError) as raised:
            move(new=PLLC)
        assert (
            f"argument.to_practice: is the practice the provider moves from (tax id {PLLC_TIN}): "
            "a move is between two practices"
        ) == str(raised.value)

    @pytest.mark.parametrize("name", ["providers", "credentials", "contracts"])
    def test_records_of_the_wrong_kind_refused(self, name: str) -> None:
        """A list of records holding something else is refused, naming the argument."""
        records: dict[str, Any] = {
            "providers": [SOFIA],
            "credentials": [CREDENTIAL],
            "contracts": [OWN],
            name: ["Sofia"],
        }
        with pytest.raises(CredkitError) as raised:
            moving_provider(SOFIA, PLLC, LAKESIDE, on=ON, payers=[CIGNA], **records)
        kind = {"providers": "Provider", "credentials": "Credential", "contracts": "Contract"}
        assert f"argument.{name}: item 0 must be a {kind[name]}, got a string" == str(raised.value)

    def test_a_payer_listed_twice_is_answered_once(self) -> None:
        """A payer given twice gets one move, and the payers after it still get theirs."""
        assert ["cigna", "aetna"] == list(move(payers=[CIGNA, CIGNA, AETNA]))

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            pytest.param({"provider": "Sofia"}, "argument.provider", id="provider"),
            pytest.param({"old": PLLC_TIN}, "argument.from_practice", id="from"),
            pytest.param({"new": None}, "argument.to_practice", id="to"),
            pytest.param({"on": "2027-1-4"}, "argument.on", id="on"),
            pytest.param({"payers": ["cigna"]}, "argument.payers", id="payers"),
        ],
    )
    def test_refused(self, arguments: dict[str, Any], field: str) -> None:
        """Each bad argument is named."""
        with pytest.raises(CredkitError) as raised:
            move(**arguments)
        assert str(raised.value).startswith(f"{field}: ")


class TestMoveValue:
    """Move and MoveStep refuse values that contradict themselves."""

    plan = Plan(payer="cigna", path="new_individual_contract")

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            pytest.param(
                {"travels": [OWN], "plan": plan},
                "Move.plan: is given only when nothing travels: leave it None",
                id="plan-with-travels",
            ),
            pytest.param(
                {},
                "Move.plan: when nothing travels, give the plan for the new practice",
                id="no-plan",
            ),
            pytest.param(
                {"travels": [GROUP]},
                "Move.travels: holds individual contracts only; 'cigna-chen-pllc' is not one",
                id="group-travels",
            ),
            pytest.param(
                {"stays": [OWN], "plan": plan},
                "Move.stays: holds group contracts only; 'cigna-reyes' is not one",
                id="individual-stays",
            ),
            pytest.param(
                {"travels": [attrs.evolve(OWN, payer="aetna")]},
                "Move.travels: contract 'cigna-reyes' is with another payer",
                id="other-payer",
            ),
            pytest.param(
                {"travels": [attrs.evolve(OWN, status="pending", signed=None, effective=None)]},
                "Move.travels: contract 'cigna-reyes' is pending: only signed ones travel",
                id="pending",
            ),
            pytest.param(
                {"plan": Plan(payer="aetna", path="new_individual_contract")},
                "Move.plan: is for payer 'aetna', not 'cigna'",
                id="plan-other-payer",
            ),
            pytest.param(
                {
                    "plan": plan,
                    "steps": [
                        MoveStep(kind="add_pay_to", contract="x", detail="d", entry=PLLC_PAY_TO)
                    ],
                },
                "Move.steps: a step changes contract 'x', which neither travels nor stays",
                id="unknown-step-contract",
            ),
            pytest.param(
                {"plan": "new_individual_contract"},
                "Move.plan: expected a Plan or None, got a string",
                id="plan-not-a-plan",
            ),
        ],
    )
    def test_move_refused(self, fields: dict[str, Any], message: str) -> None:
        """Each contradiction is refused, naming the field and the rule."""
        with pytest.raises(CredkitError) as raised:
            Move(payer="cigna", **fields)
        assert message == str(raised.value)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            pytest.param(
                {"kind": "add_pay_to"},
                "MoveStep.entry: add_pay_to names the pay-to entry it changes",
                id="add-without-entry",
            ),
            pytest.param(
                {"kind": "add_pay_to", "entry": PLLC_PAY_TO, "ends": "2027-01-03"},
                "MoveStep.ends: add_pay_to adds an entry as given: leave it None",
                id="add-with-end",
            ),
            pytest.param(
                {"kind": "end_pay_to", "entry": PLLC_PAY_TO},
                "MoveStep.ends: end_pay_to says the last day: give ends",
                id="end-without-day",
            ),
            pytest.param(
                {
                    "kind": "end_pay_to",
                    "entry": PLLC_PAY_TO,
                    "member": MEMBERSHIP,
                    "ends": "2027-01-03",
                },
                "MoveStep.member: end_pay_to changes a pay-to entry, not a membership: leave "
                "it None",
                id="end-with-member",
            ),
            pytest.param(
                {"kind": "end_group_membership", "ends": "2027-01-03"},
                "MoveStep.member: end_group_membership names the membership it ends",
                id="membership-missing",
            ),
            pytest.param(
                {
                    "kind": "end_group_membership",
                    "member": MEMBERSHIP,
                    "entry": PLLC_PAY_TO,
                    "ends": "2027-01-03",
                },
                "MoveStep.entry: end_group_membership changes a membership, not a pay-to "
                "entry: leave it None",
                id="membership-with-entry",
            ),
            pytest.param(
                {"kind": "end_group_membership", "member": PLLC_PAY_TO, "ends": "2027-01-03"},
                "MoveStep.member: expected an Affiliation or None, got PayTo",
                id="wrong-record",
            ),
            pytest.param(
                {"kind": "move"},
                "MoveStep.kind: 'move' is not a MoveStepKind; expected one "
                "of 'add_pay_to', 'end_pay_to', 'end_group_membership'",
                id="kind",
            ),
            pytest.param(
                {"kind": "add_pay_to", "entry": "88-3172405"},
                "MoveStep.entry: expected a PayTo or None, got a string",
                id="entry-not-a-pay-to",
            ),
        ],
    )
    def test_step_refused(self, fields: dict[str, Any], message: str) -> None:
        """Each step names exactly the record its kind changes."""
        with pytest.raises(CredkitError) as raised:
            MoveStep(contract="cigna-reyes", detail="d", **fields)
        assert message == str(raised.value)

    def test_truthy_when_something_travels(self) -> None:
        """A move is truthy exactly when a contract travels."""
        assert (True, False) == (
            bool(Move(payer="cigna", travels=[OWN])),
            bool(Move(payer="cigna", stays=[GROUP], plan=self.plan)),
        )


# --- properties --------------------------------------------------------------------

LICENSED = License(
    state="NY", profession="psychologist", number="L", effective=Period("2000-01-01")
)
OLD_TIN, NEW_TIN = "12-3456789", "98-7654321"


@st.composite
def moves_to_make(draw: st.DrawFn) -> dict[str, Any]:
    """A licensed provider at one practice, with contracts, credentials and payers, and a move date.

    Each payer is likely to have an executed individual contract of the provider's
    linked to the old practice, a group contract of the old practice with the
    provider a member, and an approved credential; other contracts come at random.
    """
    provider = Provider(npi=draw(cs.npis()), name="Mover", licenses=[LICENSED])
    other = draw(cs.npis())
    old = Practice(name="Old", tin=OLD_TIN, npi=draw(st.none() | cs.npis()), states=["NY"])
    new = Practice(name="New", tin=NEW_TIN, npi=draw(st.none() | cs.npis()), states=["NY"])
    payer_ids = draw(
        st.lists(st.sampled_from(["aetna", "cigna", "optum"]), min_size=1, unique=True)
    )
    payers = [
        Payer(
            id=payer_id,
            name=payer_id.title(),
            # Mostly no retro-billing window, which would hide an entry that starts late.
            rules=attrs.evolve(
                draw(cs.payer_rules()),
                professions=None,
                retro_days=draw(st.sampled_from([0, 0, 0, 30])),
            ),
        )
        for payer_id in payer_ids
    ]
    tins = st.sampled_from([OLD_TIN, OLD_TIN, NEW_TIN, "45-1234567"])
    people = st.sampled_from([provider.npi, provider.npi, other])

    def entries(tin: st.SearchStrategy[str]) -> list[PayTo]:
        return draw(
            st.lists(
                st.builds(PayTo, tin=tin, npi=cs.npis(), effective=cs.window_periods()), max_size=3
            )
        )

    def contract(index: int, payer_id: str, holder: Individual | Group, signed: bool) -> Contract:
        """A contract, signed (executed, or terminated with its last day) or pending."""
        group = isinstance(holder, Group)
        status = (
            draw(st.sampled_from([ContractStatus.EXECUTED] * 3 + [ContractStatus.TERMINATED]))
            if signed
            else ContractStatus.PENDING
        )
        terminated = status is ContractStatus.TERMINATED
        return Contract(
            id=f"c{index}",
            payer=payer_id,
            holder=holder,
            status=status,
            signed=date(2023, 12, 1) if signed else None,
            effective=draw(cs.window_periods(open_ended=not terminated)) if signed else None,
            pay_to=entries(st.just(holder.practice) if group else tins),  # type: ignore[union-attr]
            members=draw(
                st.lists(
                    st.builds(Affiliation, provider=people, effective=cs.window_periods()),
                    max_size=3,
                )
            )
            if group
            else [],
        )

    contracts: list[Contract] = []
    credentials: list[Credential] = []
    for payer_id in payer_ids:
        if draw(st.integers(0, 3)):
            contracts.append(
                contract(len(contracts), payer_id, Individual(provider=provider.npi), True)
            )
        if draw(st.booleans()):
            contracts.append(contract(len(contracts), payer_id, Group(practice=OLD_TIN), True))
        if draw(st.integers(0, 3)):
            credentials.append(
                Credential(
                    provider=provider.npi,
                    payer=payer_id,
                    status=CredentialStatus.APPROVED,
                    effective=draw(cs.window_periods()),
                )
            )
    for _ in range(draw(st.integers(0, 2))):
        holder = draw(
            st.builds(Individual, provider=people)
            | st.builds(Group, practice=st.sampled_from([OLD_TIN, NEW_TIN]))
        )
        contracts.append(
            contract(len(contracts), draw(st.sampled_from(payer_ids)), holder, draw(st.booleans()))
        )
    credentials += draw(
        st.lists(cs.credentials(st.just(provider.npi), st.sampled_from(payer_ids)), max_size=2)
    )
    return {
        "provider": provider,
        "old": old,
        "new": new,
        "payers": payers,
        "contracts": draw(st.permutations(contracts)),
        "credentials": credentials,
        "on": draw(cs.window_dates()),
    }


def credential_in_effect(credentials: list[Credential], payer_id: str, day: date) -> bool:
    return any(
        c.payer == payer_id
        and c.status in (CredentialStatus.APPROVED, CredentialStatus.TERMINATED)
        and c.effective is not None
        and day in c.effective
        for c in credentials
    )


def licensed_and_accepted(provider: Provider, payer: Payer, practice: Practice, day: date) -> bool:
    """Whether a license active on ``day`` in the practice's states is in a profession the payer accepts then."""
    return any(
        license.is_active(day)
        and license.state in practice.states
        and payer.rules.accepts(license.profession, day)
        for license in provider.licenses
    )


class TestProperties:
    """What holds for every move."""

    @given(moves_to_make(), st.data())
    def test_travelling_contracts_bill_at_the_new_practice(
        self, world: dict[str, Any], data: st.DataObject
    ) -> None:
        """After the steps, every travelling contract bills at the new practice while it and a credential are in effect."""
        provider, old, new, on = world["provider"], world["old"], world["new"], world["on"]
        moves = moving_provider(
            provider,
            old,
            new,
            on=on,
            providers=[provider],
            credentials=world["credentials"],
            contracts=world["contracts"],
            payers=world["payers"],
        )
        arrived = on_roster(new, provider.npi, on)
        for payer in world["payers"]:
            found = moves[payer.id]
            contracts = found.apply(world["contracts"])
            for contract in found.travels:
                term = contract.effective
                assert term is not None
                candidates = [on, term.start, data.draw(cs.dates(on, on + timedelta(days=800)))]
                for day in candidates:
                    if (
                        day < on
                        or day not in term
                        or not credential_in_effect(world["credentials"], payer.id, day)
                        or not licensed_and_accepted(provider, payer, arrived, day)
                    ):
                        continue
                    verdict = can_bill(
                        provider,
                        payer,
                        arrived,
                        on=day,
                        credentials=world["credentials"],
                        contracts=contracts,
                    )
                    assert verdict.allowed, (day, verdict.reasons)

    @given(moves_to_make(), st.data())
    def test_nothing_left_behind_after_the_move(
        self, world: dict[str, Any], data: st.DataObject
    ) -> None:
        """After the steps, no travelling contract pays the old practice, and no membership that stays runs on."""
        provider, old, new, on = world["provider"], world["old"], world["new"], world["on"]
        moves = moving_provider(
            provider,
            old,
            new,
            on=on,
            providers=[provider],
            credentials=world["credentials"],
            contracts=world["contracts"],
            payers=world["payers"],
        )
        days = [on, data.draw(cs.dates(on, on + timedelta(days=800)))]
        for payer in world["payers"]:
            found = moves[payer.id]
            changed = {c.id: c for c in found.apply(world["contracts"])}
            for day in days:
                for contract in found.travels:
                    assert not any(
                        e.tin == old.tin and day in e.effective for e in changed[contract.id].pay_to
                    )
                for contract in found.stays:
                    assert not any(
                        m.provider == provider.npi and day in m.effective
                        for m in changed[contract.id].members
                    )

    @given(moves_to_make())
    def test_what_travels_and_stays(self, world: dict[str, Any]) -> None:
        """Travels: the provider's executed or terminated individual contracts not ended; stays: the old practice's group contracts with the provider on."""
        provider, old, on = world["provider"], world["old"], world["on"]
        moves = moving_provider(
            provider,
            old,
            world["new"],
            on=on,
            providers=[provider],
            credentials=world["credentials"],
            contracts=world["contracts"],
            payers=world["payers"],
        )
        assert [p.id for p in world["payers"]] == list(moves)
        for payer in world["payers"]:
            found = moves[payer.id]
            mine = [c for c in world["contracts"] if c.payer == payer.id]
            assert [
                c
                for c in mine
                if c.holder == Individual(provider=provider.npi)
                and c.status is not ContractStatus.PENDING
                and c.effective is not None
                and not c.effective.has_ended(on)
            ] == list(found.travels)
            assert all(c.holder == Group(practice=old.tin) for c in found.stays)
            assert (found.plan is None) == bool(found.travels) == bool(found)


class TestBook:
    """book.moving_provider answers as the function does; unknown ids raise UnknownId."""

    @given(cs.books(), cs.window_dates(), st.data())
    def test_agrees_with_the_function(self, book: Book, on: date, data: st.DataObject) -> None:
        """The same moves, for every payer in the book."""
        provider = data.draw(st.sampled_from(book.providers))
        old = data.draw(st.sampled_from(book.practices))
        new = data.draw(st.sampled_from(book.practices))
        if old.tin == new.tin:
            with pytest.raises(CredkitError):
                book.moving_provider(provider.npi, old.tin, new.tin, on=on)
            return
        assert moving_provider(
            provider,
            old,
            new,
            on=on,
            providers=book.providers,
            credentials=book.credentials,
            contracts=book.contracts,
            payers=book.payers,
            opt_outs=book.opt_outs,
        ) == book.moving_provider(provider.npi, old.tin, new.tin, on=on)

    @pytest.mark.parametrize(
        ("npi", "old", "new", "message"),
        [
            pytest.param(
                "1234567893",
                PLLC_TIN,
                LAKESIDE_TIN,
                "the book holds no provider with NPI 1234567893",
                id="provider",
            ),
            pytest.param(
                SOFIA_NPI,
                "45-1234567",
                LAKESIDE_TIN,
                "the book holds no practice with tax id 45-1234567",
                id="from",
            ),
            pytest.param(
                SOFIA_NPI,
                PLLC_TIN,
                "536-22-8147",
                "the book holds no practice with tax id ***-**-8147",
                id="to-masked",
            ),
        ],
    )
    def test_unknown_ids(self, npi: str, old: str, new: str, message: str) -> None:
        """A move cannot carry reasons, so an unknown id raises UnknownId naming it."""
        book = Book(
            providers=[SOFIA],
            practices=[PLLC, LAKESIDE],
            payers=[CIGNA],
            credentials=[CREDENTIAL],
            contracts=[OWN, GROUP],
        )
        with pytest.raises(UnknownId) as raised:
            book.moving_provider(npi, old, new, on=ON)
        assert message == str(raised.value)

    def test_story(self) -> None:
        """The book gives Sofia's move, by ids."""
        book = Book(
            providers=[SOFIA],
            practices=[PLLC, LAKESIDE],
            payers=[CIGNA],
            credentials=[CREDENTIAL],
            contracts=[OWN, GROUP],
        )
        assert move(payers=[CIGNA]) == book.moving_provider(
            SOFIA_NPI, PLLC_TIN, LAKESIDE_TIN, on="2027-01-04"
        )
