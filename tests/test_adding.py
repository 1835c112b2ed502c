"""adding_provider: which path brings a provider onto a payer's panel at a practice, and what it takes."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, datetime
from typing import Any

import attrs
import pytest

from credkit import (
    Affiliation,
    Code,
    Contract,
    Credential,
    CredkitError,
    Group,
    Individual,
    License,
    Path,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Plan,
    Practice,
    Provider,
    Reason,
    Step,
    StepKind,
    adding_provider,
)
from credkit.catalog import AETNA, CIGNA, OPTUM

ON = date(2025, 6, 1)
EIN_TEXT = "12-3456789"
OTHER_EIN_TEXT = "98-7654321"
SSN_TEXT = "536-22-8147"
GROUP_NPI = "1558598797"
OTHER_NPI = "1000000004"
TEAM_NPIS = ("1234567802", "1234567810", "1234567828", "1234567836", "1234567844")
BEN_NPI = "1234567893"

OBTAIN = StepKind.OBTAIN_LICENSE
JOIN = StepKind.JOIN_ROSTER
CREDENTIAL = StepKind.CREDENTIAL
SIGN = StepKind.SIGN_INDIVIDUAL_CONTRACT
LINK = StepKind.LINK_CONTRACT_TO_PRACTICE
ADD = StepKind.ADD_TO_GROUP_CONTRACT


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
        number=f"{state}-{profession}",
        effective=Period(start, end),
        status=status,
    )


def clinician(npi: str, *licenses: License, name: str = "") -> Provider:
    """A provider; licensed as a psychologist in NY when no licenses are given."""
    return Provider(
        npi=npi, name=name or f"Clinician {npi[-3:]}", licenses=licenses or [license_()]
    )


BEN = clinician(BEN_NPI, name="Ben Okafor")


def affiliation(npi: str, start: str = "2024-01-01", end: str | None = None) -> Affiliation:
    return Affiliation(provider=npi, effective=Period(start, end))


def practice(
    size: int = 3,
    *,
    extra: tuple[Affiliation, ...] = (),
    tin: str = EIN_TEXT,
    npi: str | None = GROUP_NPI,
    states: tuple[str, ...] = ("NY",),
) -> Practice:
    """A practice with the first ``size`` team members on its roster, plus ``extra`` places."""
    roster = [affiliation(n) for n in TEAM_NPIS[:size]] + list(extra)
    return Practice(name="Harbor Therapy", tin=tin, npi=npi, states=states, roster=roster)


TEAM = [clinician(npi) for npi in TEAM_NPIS]


def payer(payer_id: str = "cigna", **rules: Any) -> Payer:
    return Payer(id=payer_id, name=payer_id.title(), rules=PayerRules(**rules))


def approved(npi: str = BEN_NPI, payer_id: str = "cigna", **period: Any) -> Credential:
    start, end = period.get("start", "2024-01-01"), period.get("end")
    return Credential(provider=npi, payer=payer_id, status="approved", effective=Period(start, end))


def group_contract(
    *members: Affiliation,
    payer_id: str = "cigna",
    tin: str = EIN_TEXT,
    status: str = "executed",
    start: str = "2024-02-01",
    end: str | None = None,
) -> Contract:
    executed = status != "pending"
    return Contract(
        id=f"{payer_id}-group-{tin}",
        payer=payer_id,
        holder=Group(practice=tin),
        status=status,
        signed="2024-01-15" if executed else None,
        effective=Period(start, end) if executed else None,
        members=members,
    )


def own_contract(
    *pay_to: PayTo,
    npi: str = BEN_NPI,
    payer_id: str = "cigna",
    status: str = "executed",
    start: str = "2023-01-01",
    end: str | None = None,
) -> Contract:
    executed = status != "pending"
    return Contract(
        id=f"{payer_id}-own-{npi}",
        payer=payer_id,
        holder=Individual(provider=npi),
        status=status,
        signed="2022-12-15" if executed else None,
        effective=Period(start, end) if executed else None,
        pay_to=pay_to,
    )


def pay_to(tin: str = EIN_TEXT, start: str = "2023-01-01", end: str | None = None) -> PayTo:
    npi = GROUP_NPI if tin == EIN_TEXT else OTHER_NPI
    return PayTo(tin=tin, npi=npi, effective=Period(start, end))


ELSEWHERE = pay_to(OTHER_EIN_TEXT)
BEN_ON_ROSTER = (affiliation(BEN_NPI),)


def plan(**changes: Any) -> Plan:
    """adding_provider with Harbor (3 on the roster), Ben, Cigna and nothing on file, changed as asked."""
    arguments = {
        "practice": practice(),
        "provider": BEN,
        "payer": CIGNA,
        "on": ON,
        "providers": TEAM,
        "credentials": [],
        "contracts": [],
        **changes,
    }
    return adding_provider(
        arguments.pop("practice"), arguments.pop("provider"), arguments.pop("payer"), **arguments
    )


def codes(reasons: tuple[Reason, ...]) -> tuple[Code, ...]:
    return tuple(reason.code for reason in reasons)


class TestPrerequisites:
    @pytest.mark.parametrize(
        ("extra", "expected"),
        [
            pytest.param((), True, id="not-on-roster"),
            pytest.param(BEN_ON_ROSTER, False, id="on-roster"),
            pytest.param(
                (affiliation(BEN_NPI, "2020-01-01", "2025-05-31"),), True, id="roster-place-ended"
            ),
            pytest.param(
                (affiliation(BEN_NPI, "2025-06-02"),), True, id="roster-place-starts-later"
            ),
            pytest.param((affiliation(BEN_NPI, "2025-06-01"),), False, id="roster-place-starts-on"),
        ],
    )
    def test_join_roster_unless_on_the_roster_on_the_date(
        self, extra: tuple[Affiliation, ...], expected: bool
    ) -> None:
        """A join_roster step appears exactly when the provider is not on the roster that day."""
        answer = plan(practice=practice(extra=extra))
        assert expected == (JOIN in answer.step_kinds)

    @pytest.mark.parametrize(
        ("licenses", "expected"),
        [
            pytest.param((license_(),), False, id="active-in-practice-state"),
            pytest.param((license_("NJ"),), True, id="only-in-another-state"),
            pytest.param((license_(end="2025-05-31"),), True, id="expired-by-date"),
            pytest.param((license_(start="2025-06-02"),), True, id="not-yet-started"),
            pytest.param((license_(status="suspended"),), True, id="suspended"),
            pytest.param((license_(status="inactive"),), True, id="inactive"),
            pytest.param((), True, id="no-licenses"),
        ],
    )
    def test_obtain_license_unless_actively_licensed_in_a_practice_state(
        self, licenses: tuple[License, ...], expected: bool
    ) -> None:
        """An obtain_license step appears exactly when no active license in a practice state exists that day."""
        ben = Provider(npi=BEN_NPI, name="Ben Okafor", licenses=licenses)
        answer = plan(provider=ben)
        assert (expected, ()) == (OBTAIN in answer.step_kinds, codes(answer.blockers))

    def test_license_in_any_practice_state_is_enough(self) -> None:
        """In a two-state practice a license in the second state avoids obtain_license."""
        answer = plan(
            practice=practice(states=("NY", "NJ")), provider=clinician(BEN_NPI, license_("NJ"))
        )
        assert OBTAIN not in answer.step_kinds

    @pytest.mark.parametrize(
        "contracts",
        [
            pytest.param([], id="new-individual"),
            pytest.param([group_contract()], id="group"),
            pytest.param([own_contract(pay_to())], id="port"),
        ],
    )
    def test_profession_not_accepted_blocks_on_every_path(self, contracts: list[Contract]) -> None:
        """A licensed profession the payer does not credential is a blocker: falsy and not guaranteed."""
        psy_only = payer(professions=["psychiatrist"])
        answer = plan(payer=psy_only, contracts=contracts)
        assert ((Code.PROFESSION_NOT_ACCEPTED,), False, False) == (
            codes(answer.blockers),
            bool(answer),
            answer.guaranteed,
        )

    def test_profession_not_accepted_without_a_practice_license_is_both_step_and_blocker(
        self,
    ) -> None:
        """A social worker licensed elsewhere, for a payer that takes only psychologists: obtain_license and a blocker."""
        ben = clinician(BEN_NPI, license_("NJ", "clinical_social_worker"))
        answer = plan(provider=ben, payer=payer(professions=["psychologist"]))
        assert (True, (Code.PROFESSION_NOT_ACCEPTED,)) == (
            OBTAIN in answer.step_kinds,
            codes(answer.blockers),
        )

    def test_profession_blocker_messages(self) -> None:
        """Licensed elsewhere, every profession is named; licensed here, the licenses there."""
        elsewhere = clinician(
            BEN_NPI,
            license_("NJ", "professional_counselor"),
            license_("CT", "clinical_social_worker"),
            name="Ben Okafor",
        )
        here = clinician(BEN_NPI, license_("NY", "clinical_social_worker"), name="Ben Okafor")
        psychologists = payer(professions=["psychologist"])
        assert [
            "Cigna does not credential Ben Okafor's profession (clinical social worker, "
            "professional counselor)",
            "Cigna does not credential the profession of Ben Okafor's license there "
            "(clinical social worker)",
        ] == [
            plan(provider=provider, payer=psychologists).blockers[0].message
            for provider in (elsewhere, here)
        ]

    def test_an_accepted_profession_elsewhere_is_not_blocked(self) -> None:
        """A psychologist licensed only in another state needs a license here, not a blocker."""
        ben = clinician(BEN_NPI, license_("NJ", "psychologist"))
        answer = plan(provider=ben, payer=payer(professions=["psychologist"]))
        assert (True, ()) == (OBTAIN in answer.step_kinds, codes(answer.blockers))

    def test_one_accepted_license_among_others_is_enough(self) -> None:
        """A provider with an accepted and an unaccepted license in the practice state is not blocked."""
        ben = clinician(BEN_NPI, license_(profession="other"), license_(profession="psychologist"))
        answer = plan(provider=ben, payer=payer(professions=["psychologist"]))
        assert () == codes(answer.blockers)

    @pytest.mark.parametrize(
        ("credentials", "expected"),
        [
            pytest.param([], True, id="none"),
            pytest.param([approved()], False, id="approved-in-effect"),
            pytest.param([approved(start="2025-06-01")], False, id="approved-from-today"),
            pytest.param([approved(end="2025-06-01")], False, id="approved-until-today"),
            pytest.param([approved(end="2025-05-31")], True, id="approved-ended-yesterday"),
            pytest.param([approved(start="2025-06-02")], True, id="approved-from-tomorrow"),
            pytest.param(
                [Credential(provider=BEN_NPI, payer="cigna", status="pending")], True, id="pending"
            ),
            pytest.param(
                [Credential(provider=BEN_NPI, payer="cigna", status="denied")], True, id="denied"
            ),
            pytest.param(
                [
                    Credential(
                        provider=BEN_NPI,
                        payer="cigna",
                        status="terminated",
                        effective=Period("2024-01-01", "2025-06-01"),
                    )
                ],
                False,
                id="terminated-last-day-today",
            ),
            pytest.param(
                [
                    Credential(
                        provider=BEN_NPI,
                        payer="cigna",
                        status="terminated",
                        effective=Period("2024-01-01", "2025-05-31"),
                    )
                ],
                True,
                id="terminated-ended-yesterday",
            ),
            pytest.param([approved(payer_id="optum")], True, id="approved-with-another-payer"),
            pytest.param([approved(npi=TEAM_NPIS[0])], True, id="approved-for-someone-else"),
        ],
    )
    @pytest.mark.parametrize(
        "contracts",
        [
            pytest.param([], id="new-individual"),
            pytest.param([group_contract()], id="group"),
            pytest.param([own_contract(pay_to())], id="port"),
        ],
    )
    def test_credential_unless_an_approved_credential_is_in_effect(
        self, credentials: list[Credential], expected: bool, contracts: list[Contract]
    ) -> None:
        """A credential step appears on every path unless this provider's approved credential with this payer covers the date."""
        answer = plan(credentials=credentials, contracts=contracts)
        assert expected == (CREDENTIAL in answer.step_kinds)

    @pytest.mark.parametrize(
        ("credentials", "expected"),
        [
            pytest.param([], "credential Ben Okafor with Cigna", id="none"),
            pytest.param(
                [Credential(provider=BEN_NPI, payer="cigna", status="pending")],
                "credential Ben Okafor with Cigna (an application is pending: follow it up)",
                id="pending",
            ),
            pytest.param(
                [Credential(provider=BEN_NPI, payer="cigna", status="denied")],
                "credential Ben Okafor with Cigna (the last application was denied: address why "
                "before reapplying)",
                id="denied",
            ),
            pytest.param(
                [approved(start="2023-01-01", end="2024-12-31")],
                "credential Ben Okafor with Cigna (the approved credential is not in effect on "
                "that date: recredential)",
                id="approved-lapsed",
            ),
            pytest.param(
                [
                    Credential(
                        provider=BEN_NPI,
                        payer="cigna",
                        status="terminated",
                        effective=Period("2023-01-01", "2025-05-31"),
                    )
                ],
                "credential Ben Okafor with Cigna (the credential was terminated: address why "
                "before reapplying)",
                id="terminated",
            ),
            pytest.param(
                [
                    Credential(provider=BEN_NPI, payer="cigna", status="denied"),
                    Credential(
                        provider=BEN_NPI, payer="cigna", status="pending", submitted="2025-06-02"
                    ),
                ],
                "credential Ben Okafor with Cigna (the last application was denied: address why "
                "before reapplying)",
                id="pending-from-tomorrow-does-not-speak",
            ),
            pytest.param(
                [
                    Credential(provider=BEN_NPI, payer="cigna", status="denied"),
                    Credential(
                        provider=BEN_NPI, payer="cigna", status="pending", submitted="2025-06-01"
                    ),
                ],
                "credential Ben Okafor with Cigna (an application is pending: follow it up)",
                id="pending-from-today-speaks",
            ),
        ],
    )
    def test_credential_step_says_where_the_application_stands(
        self, credentials: list[Credential], expected: str
    ) -> None:
        """The credential step's detail follows the most recent application with the payer on file by then."""
        (step,) = [step for step in plan(credentials=credentials).steps if step.kind is CREDENTIAL]
        assert expected == step.detail


class TestAddToGroupContract:
    def test_group_contract_in_effect_is_the_path(self) -> None:
        """With the practice's executed group contract in effect: credential and add, guaranteed, no blockers."""
        answer = plan(practice=practice(extra=BEN_ON_ROSTER), contracts=[group_contract()])
        assert (Path.ADD_TO_GROUP_CONTRACT, (CREDENTIAL, ADD), True, (), ()) == (
            answer.path,
            answer.step_kinds,
            answer.guaranteed,
            codes(answer.blockers),
            codes(answer.notes),
        )

    @pytest.mark.parametrize(
        ("members", "expected"),
        [
            pytest.param((), (ADD,), id="not-a-member"),
            pytest.param((affiliation(BEN_NPI, "2024-03-01"),), (), id="member"),
            pytest.param((affiliation(BEN_NPI, "2025-06-01"),), (), id="member-from-today"),
            pytest.param(
                (affiliation(BEN_NPI, "2024-03-01", "2025-05-31"),), (ADD,), id="membership-ended"
            ),
            pytest.param((affiliation(BEN_NPI, "2025-07-01"),), (ADD,), id="member-from-later"),
            pytest.param((affiliation(TEAM_NPIS[0]),), (ADD,), id="others-are-members"),
        ],
    )
    def test_add_step_unless_already_a_member(
        self, members: tuple[Affiliation, ...], expected: tuple[StepKind, ...]
    ) -> None:
        """The add_to_group_contract step is left out only when the provider is a member on the date."""
        answer = plan(
            practice=practice(extra=BEN_ON_ROSTER),
            credentials=[approved()],
            contracts=[group_contract(*members)],
        )
        assert (Path.ADD_TO_GROUP_CONTRACT, expected) == (answer.path, answer.step_kinds)

    @pytest.mark.parametrize(
        ("contract", "expected"),
        [
            pytest.param(
                group_contract(status="pending"), Path.NEW_INDIVIDUAL_CONTRACT, id="pending"
            ),
            pytest.param(
                group_contract(status="terminated", end="2025-05-31"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="terminated-before-on",
            ),
            pytest.param(
                group_contract(end="2025-05-31"), Path.NEW_INDIVIDUAL_CONTRACT, id="term-ended"
            ),
            pytest.param(
                group_contract(start="2025-06-02"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="term-not-begun",
            ),
            pytest.param(
                group_contract(start="2025-06-01"),
                Path.ADD_TO_GROUP_CONTRACT,
                id="term-begins-today",
            ),
            pytest.param(
                group_contract(end="2025-06-01"), Path.ADD_TO_GROUP_CONTRACT, id="term-ends-today"
            ),
            pytest.param(
                group_contract(status="terminated", end="2025-06-01"),
                Path.ADD_TO_GROUP_CONTRACT,
                id="terminated-last-day-today",
            ),
            pytest.param(
                group_contract(tin=OTHER_EIN_TEXT),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="another-practices-group",
            ),
            pytest.param(
                group_contract(payer_id="optum"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="another-payers-group",
            ),
        ],
    )
    def test_only_this_practices_executed_contract_in_effect_counts(
        self, contract: Contract, expected: Path
    ) -> None:
        """The group path needs an executed (or terminated) group contract with this payer, held by this practice, in effect that day."""
        assert expected == plan(contracts=[contract]).path

    @pytest.mark.parametrize(
        ("states", "closed", "adds_when_closed", "guaranteed", "notes"),
        [
            pytest.param(("NY",), (), False, True, (), id="open-adds-refused"),
            pytest.param(("NY",), (), True, True, (), id="open-adds-allowed"),
            pytest.param(("NY",), ("NJ",), False, True, (), id="closed-elsewhere-only"),
            pytest.param(
                ("NY", "NJ"),
                ("NY",),
                False,
                True,
                (Code.PANEL_CLOSED,),
                id="some-closed-adds-refused",
            ),
            pytest.param(("NY", "NJ"), ("NY",), True, True, (), id="some-closed-adds-allowed"),
            pytest.param(
                ("NY", "NJ"),
                ("NY", "NJ"),
                False,
                False,
                (Code.PANEL_CLOSED,),
                id="all-closed-adds-refused",
            ),
            pytest.param(("NY", "NJ"), ("NY", "NJ"), True, True, (), id="all-closed-adds-allowed"),
            pytest.param(
                ("NY",), ("NY",), False, False, (Code.PANEL_CLOSED,), id="one-state-closed"
            ),
        ],
    )
    def test_closed_panels(
        self,
        states: tuple[str, ...],
        closed: tuple[str, ...],
        adds_when_closed: bool,
        guaranteed: bool,
        notes: tuple[Code, ...],
    ) -> None:
        """Guaranteed unless every practice state is closed and group adds are refused; a note when closure matters."""
        rules = payer(closed_states=closed, group_adds_when_closed=adds_when_closed)
        answer = plan(practice=practice(states=states), payer=rules, contracts=[group_contract()])
        assert (Path.ADD_TO_GROUP_CONTRACT, guaranteed, notes, (), True) == (
            answer.path,
            answer.guaranteed,
            codes(answer.notes),
            codes(answer.blockers),
            bool(answer),
        )

    def test_group_contract_wins_over_the_providers_own(self) -> None:
        """With both a group contract and the provider's own contract in effect, the group path is chosen."""
        answer = plan(contracts=[own_contract(pay_to()), group_contract()])
        assert Path.ADD_TO_GROUP_CONTRACT == answer.path

    def test_group_path_even_when_individual_contracts_are_not_offered(self) -> None:
        """A payer that signs no individual contracts still adds to an existing group contract."""
        answer = plan(payer=payer(individual_contracts=False), contracts=[group_contract()])
        assert (Path.ADD_TO_GROUP_CONTRACT, True, ()) == (
            answer.path,
            answer.guaranteed,
            codes(answer.blockers),
        )

    def test_add_step_names_the_contract(self) -> None:
        """The add_to_group_contract step says which contract to be added to."""
        contract = group_contract()
        step = plan(contracts=[contract]).steps[-1]
        assert (ADD, True) == (step.kind, contract.id in step.detail)


class TestPortIndividualContract:
    @pytest.mark.parametrize(
        ("entries", "expected"),
        [
            pytest.param((ELSEWHERE,), (LINK,), id="linked-elsewhere-only"),
            pytest.param((), (LINK,), id="no-pay-to"),
            pytest.param((ELSEWHERE, pay_to()), (), id="linked-here"),
            pytest.param((pay_to(start="2025-06-01"),), (), id="linked-here-from-today"),
            pytest.param((pay_to(end="2025-06-01"),), (), id="linked-here-until-today"),
            pytest.param((pay_to(end="2025-05-31"),), (LINK,), id="link-here-ended"),
            pytest.param((pay_to(start="2025-06-02"),), (LINK,), id="link-here-starts-later"),
        ],
    )
    def test_link_unless_linked_to_this_practices_tax_id_that_day(
        self, entries: tuple[PayTo, ...], expected: tuple[StepKind, ...]
    ) -> None:
        """The link step is left out only when a pay-to entry for the practice's tax id is in effect that day."""
        answer = plan(
            practice=practice(extra=BEN_ON_ROSTER),
            credentials=[approved()],
            contracts=[own_contract(*entries)],
        )
        assert (Path.PORT_INDIVIDUAL_CONTRACT, expected, True) == (
            answer.path,
            answer.step_kinds,
            answer.guaranteed,
        )

    def test_port_with_nothing_done_yet(self) -> None:
        """A provider moving in with their own contract: join, credential, link; guaranteed and truthy."""
        answer = plan(contracts=[own_contract(ELSEWHERE)])
        assert ((JOIN, CREDENTIAL, LINK), True, True, ()) == (
            answer.step_kinds,
            answer.guaranteed,
            bool(answer),
            codes(answer.blockers),
        )

    @pytest.mark.parametrize(
        ("contract", "expected"),
        [
            pytest.param(own_contract(ELSEWHERE), Path.PORT_INDIVIDUAL_CONTRACT, id="executed"),
            pytest.param(
                own_contract(status="pending"), Path.NEW_INDIVIDUAL_CONTRACT, id="pending"
            ),
            pytest.param(
                own_contract(ELSEWHERE, status="terminated", end="2025-06-01"),
                Path.PORT_INDIVIDUAL_CONTRACT,
                id="terminated-last-day-on",
            ),
            pytest.param(
                own_contract(ELSEWHERE, status="terminated", end="2025-05-31"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="terminated-before-on",
            ),
            pytest.param(
                own_contract(ELSEWHERE, end="2025-05-31"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="term-ended",
            ),
            pytest.param(
                own_contract(ELSEWHERE, start="2025-06-02"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="term-not-begun",
            ),
            pytest.param(
                own_contract(ELSEWHERE, npi=TEAM_NPIS[0]),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="someone-elses-contract",
            ),
            pytest.param(
                own_contract(ELSEWHERE, payer_id="optum"),
                Path.NEW_INDIVIDUAL_CONTRACT,
                id="another-payers-contract",
            ),
        ],
    )
    def test_only_the_providers_own_executed_contract_in_effect_ports(
        self, contract: Contract, expected: Path
    ) -> None:
        """Porting needs this provider's executed contract with this payer in effect that day."""
        assert expected == plan(contracts=[contract]).path

    @pytest.mark.parametrize(
        "rules",
        [
            pytest.param({"closed_states": ["NY"]}, id="panel-closed"),
            pytest.param({"individual_contracts": False}, id="no-new-individual-contracts"),
            pytest.param({"group_minimum": None}, id="no-group-contracts"),
        ],
    )
    def test_porting_is_guaranteed_whatever_the_payers_rules(self, rules: dict[str, Any]) -> None:
        """A contract the provider already holds ports even where new ones would be refused."""
        answer = plan(payer=payer(**rules), contracts=[own_contract(ELSEWHERE)])
        assert (Path.PORT_INDIVIDUAL_CONTRACT, True, ()) == (
            answer.path,
            answer.guaranteed,
            codes(answer.blockers),
        )

    def test_link_step_does_not_show_an_ssn(self) -> None:
        """Linking to a solo practice billed under an SSN never shows the SSN in full."""
        answer = plan(practice=practice(tin=SSN_TEXT), contracts=[own_contract(ELSEWHERE)])
        text = " ".join(str(step) for step in answer.steps)
        assert (False, False) == ("536-22-8147" in text, "536228147" in text)


class TestEarliestContract:
    """When two contracts could open the way, the one whose term started first is used."""

    def test_earliest_own_contract_is_ported(self) -> None:
        """Of two individual contracts in effect, the earlier one is linked, whatever the order."""
        later = attrs.evolve(own_contract(ELSEWHERE, start="2024-06-01"), id="cigna-own-later")
        earlier = own_contract(ELSEWHERE, start="2023-01-01")
        for order in ([later, earlier], [earlier, later]):
            answer = plan(contracts=order, credentials=[approved()])
            (link,) = [step for step in answer.steps if step.kind is LINK]
            assert link.detail.endswith(f"to individual contract {earlier.id}")


class TestNewIndividualContract:
    def test_new_contract_steps(self) -> None:
        """No contract at all: credential, sign and link, not guaranteed, but nothing blocks."""
        answer = plan(practice=practice(extra=BEN_ON_ROSTER))
        assert (Path.NEW_INDIVIDUAL_CONTRACT, (CREDENTIAL, SIGN, LINK), False, True, ()) == (
            answer.path,
            answer.step_kinds,
            answer.guaranteed,
            bool(answer),
            codes(answer.notes),
        )

    def test_never_guaranteed_even_with_everything_else_done(self) -> None:
        """Credentialed and on the roster, a new individual contract is still the payer's to refuse."""
        answer = plan(practice=practice(extra=BEN_ON_ROSTER), credentials=[approved()])
        assert ((SIGN, LINK), False) == (answer.step_kinds, answer.guaranteed)

    @pytest.mark.parametrize(
        ("states", "closed", "blockers", "notes"),
        [
            pytest.param(("NY",), (), (), (), id="open"),
            pytest.param(("NY",), ("NJ",), (), (), id="closed-elsewhere-only"),
            pytest.param(("NY", "NJ"), ("NJ",), (), (Code.PANEL_CLOSED,), id="some-closed"),
            pytest.param(("NY", "NJ"), ("NJ", "NY"), (Code.PANEL_CLOSED,), (), id="all-closed"),
            pytest.param(("NY",), ("NY", "NJ"), (Code.PANEL_CLOSED,), (), id="closed-and-more"),
        ],
    )
    def test_closed_panels(
        self,
        states: tuple[str, ...],
        closed: tuple[str, ...],
        blockers: tuple[Code, ...],
        notes: tuple[Code, ...],
    ) -> None:
        """A panel closed in every practice state blocks a new contract; closed in some, a note."""
        answer = plan(practice=practice(states=states), payer=payer(closed_states=closed))
        assert (Path.NEW_INDIVIDUAL_CONTRACT, blockers, notes, not blockers, False) == (
            answer.path,
            codes(answer.blockers),
            codes(answer.notes),
            bool(answer),
            answer.guaranteed,
        )

    def test_only_a_pending_individual_contract_is_to_be_finished(self) -> None:
        """A pending group contract, or a terminated individual one, is not the contract to finish."""
        pending = own_contract(status="pending")
        others = [
            group_contract(status="pending"),
            own_contract(status="terminated", end="2025-05-31"),
        ]
        step = next(s for s in plan(contracts=[*others, pending]).steps if s.kind is SIGN)
        assert f"finish signing pending contract {pending.id} with Cigna" == step.detail

    def test_a_pending_contract_is_to_be_finished(self) -> None:
        """A pending individual contract is not in effect: the sign step points at it."""
        pending = own_contract(status="pending")
        step = next(s for s in plan(contracts=[pending]).steps if s.kind is SIGN)
        assert pending.id in step.detail


class TestUnavailable:
    def test_no_group_contract_and_no_individual_contracts(self) -> None:
        """A payer that signs no individual contracts, with no group contract here: unavailable and blocked."""
        answer = plan(payer=payer(individual_contracts=False))
        assert (Path.UNAVAILABLE, (Code.INDIVIDUAL_CONTRACTS_UNAVAILABLE,), False, False) == (
            answer.path,
            codes(answer.blockers),
            answer.guaranteed,
            bool(answer),
        )

    def test_unavailable_message(self) -> None:
        """The blocker says the payer signs no individual contracts and the practice has no group contract."""
        answer = plan(payer=payer(individual_contracts=False))
        assert (
            "Cigna signs no individual contracts, and Harbor Therapy has no group contract "
            "with it in effect"
        ) == answer.blockers[0].message

    def test_a_pending_group_contract_does_not_open_the_way(self) -> None:
        """A group contract still pending leaves a payer without individual contracts unavailable."""
        answer = plan(
            payer=payer(individual_contracts=False), contracts=[group_contract(status="pending")]
        )
        assert (Path.UNAVAILABLE, (Code.INDIVIDUAL_CONTRACTS_UNAVAILABLE,)) == (
            answer.path,
            codes(answer.blockers),
        )

    def test_blockers_collect_together(self) -> None:
        """An unaccepted profession and no way to contract are both reported."""
        rules = payer(individual_contracts=False, professions=["psychiatrist"])
        answer = plan(payer=rules)
        assert (Code.PROFESSION_NOT_ACCEPTED, Code.INDIVIDUAL_CONTRACTS_UNAVAILABLE) == codes(
            answer.blockers
        )


class TestStepOrder:
    @pytest.mark.parametrize(
        ("contracts", "expected"),
        [
            pytest.param([], (OBTAIN, JOIN, CREDENTIAL, SIGN, LINK), id="new-individual"),
            pytest.param([group_contract()], (OBTAIN, JOIN, CREDENTIAL, ADD), id="group"),
            pytest.param([own_contract(ELSEWHERE)], (OBTAIN, JOIN, CREDENTIAL, LINK), id="port"),
        ],
    )
    def test_steps_come_in_the_order_they_must_be_done(
        self, contracts: list[Contract], expected: tuple[StepKind, ...]
    ) -> None:
        """License, roster, credential, contract, then link or add: in that order on every path."""
        unlicensed = Provider(npi=BEN_NPI, name="Ben Okafor")
        assert expected == plan(provider=unlicensed, contracts=contracts).step_kinds

    def test_steps_carry_details(self) -> None:
        """Each step is a Step with a non-blank detail a person can act on."""
        answer = plan(provider=Provider(npi=BEN_NPI, name="Ben Okafor"))
        assert [(Step, True)] * 5 == [(type(s), bool(s.detail.strip())) for s in answer.steps]


class TestBecomesGroupEligible:
    @pytest.mark.parametrize(
        ("size", "provider", "expected"),
        [
            pytest.param(3, BEN, True, id="three-plus-one-reaches-four"),
            pytest.param(2, BEN, False, id="two-plus-one-still-short"),
            pytest.param(4, BEN, False, id="already-eligible"),
            pytest.param(5, BEN, False, id="already-above"),
            pytest.param(
                3, clinician(BEN_NPI, license_("NJ")), False, id="license-in-another-state"
            ),
            pytest.param(
                3, clinician(BEN_NPI, license_(status="suspended")), False, id="license-suspended"
            ),
            pytest.param(
                3,
                clinician(BEN_NPI, license_(start="2025-06-02")),
                False,
                id="license-from-tomorrow",
            ),
            pytest.param(3, Provider(npi=BEN_NPI, name="Ben Okafor"), False, id="no-license"),
        ],
    )
    def test_counts_the_provider_with_their_own_licenses(
        self, size: int, provider: Provider, expected: bool
    ) -> None:
        """True exactly when not eligible now and eligible with this provider counted on the roster."""
        answer = plan(practice=practice(size), provider=provider)
        assert expected == answer.becomes_group_eligible

    def test_unaccepted_profession_does_not_count(self) -> None:
        """A provider whose profession the payer does not credential cannot make the group."""
        rules = payer(group_minimum=4, professions=["psychologist"])
        ben = clinician(BEN_NPI, license_(profession="clinical_social_worker"))
        assert False is plan(payer=rules, provider=ben).becomes_group_eligible

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            pytest.param({}, True, id="ein-and-npi"),
            pytest.param({"tin": SSN_TEXT}, False, id="ssn-practice"),
            pytest.param({"npi": None}, False, id="no-group-npi"),
        ],
    )
    def test_the_practice_must_qualify_otherwise(
        self, changes: dict[str, Any], expected: bool
    ) -> None:
        """Reaching the head count is not enough when the practice lacks an EIN or a group NPI."""
        assert expected == plan(practice=practice(3, **changes)).becomes_group_eligible

    def test_never_with_a_payer_without_group_contracts(self) -> None:
        """A payer without group contracts never makes the practice group-eligible."""
        rules = payer(group_minimum=None)
        assert False is plan(payer=rules).becomes_group_eligible

    @pytest.mark.parametrize(
        ("payer_", "size", "expected"),
        [
            pytest.param(OPTUM, 5, True, id="optum-5-plus-one"),
            pytest.param(OPTUM, 4, False, id="optum-4-plus-one"),
            pytest.param(AETNA, 1, True, id="aetna-1-plus-one"),
            pytest.param(AETNA, 2, False, id="aetna-already"),
        ],
    )
    def test_at_the_payers_own_threshold(self, payer_: Payer, size: int, expected: bool) -> None:
        """The threshold is the payer's minimum: Optum at 6, Aetna at 2."""
        answer = plan(practice=practice(size), payer=payer_)
        assert expected == answer.becomes_group_eligible

    def test_already_counted_provider_changes_nothing(self) -> None:
        """A provider already on the roster and counted cannot tip a short practice over."""
        harbor = practice(2, extra=BEN_ON_ROSTER)
        answer = plan(practice=harbor, providers=[*TEAM, BEN])
        assert False is answer.becomes_group_eligible

    def test_provider_argument_overrides_a_stale_record(self) -> None:
        """On the roster but unlicensed in providers, the provider as given (licensed now) is what counts."""
        stale = Provider(npi=BEN_NPI, name="Ben Okafor")
        harbor = practice(3, extra=BEN_ON_ROSTER)
        answer = plan(practice=harbor, providers=[*TEAM, stale])
        assert True is answer.becomes_group_eligible

    def test_on_the_roster_but_missing_from_providers(self) -> None:
        """A rostered provider absent from providers did not count, and counts once given."""
        harbor = practice(3, extra=BEN_ON_ROSTER)
        assert True is plan(practice=harbor).becomes_group_eligible

    def test_a_future_roster_place_is_not_yet_counted(self) -> None:
        """Someone joining later does not count today; with this provider added today, the group forms."""
        later = clinician(TEAM_NPIS[4])
        harbor = practice(3, extra=(affiliation(TEAM_NPIS[4], "2025-07-01"),))
        answer = plan(practice=harbor, providers=[*TEAM[:3], later])
        assert True is answer.becomes_group_eligible


class TestPlanAnswer:
    @pytest.mark.parametrize(
        "payer_",
        [
            pytest.param(CIGNA, id="cigna"),
            pytest.param(OPTUM, id="optum"),
            pytest.param(Payer(id="bcbs-ny", name="Empire BlueCross"), id="id-unlike-name"),
        ],
    )
    def test_payer_is_the_payer_id(self, payer_: Payer) -> None:
        """plan.payer is the payer's id, not its name or the Payer object."""
        assert payer_.id == plan(payer=payer_).payer

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            pytest.param({}, True, id="new-individual"),
            pytest.param({"payer": payer(individual_contracts=False)}, False, id="unavailable"),
            pytest.param({"payer": payer(closed_states=["NY"])}, False, id="panel-closed"),
            pytest.param({"payer": payer(professions=["psychiatrist"])}, False, id="profession"),
            pytest.param({"contracts": [group_contract()]}, True, id="group"),
        ],
    )
    def test_truthy_exactly_when_nothing_blocks(
        self, changes: dict[str, Any], expected: bool
    ) -> None:
        """A plan is truthy exactly when it has no blockers."""
        answer = plan(**changes)
        assert (expected, expected) == (bool(answer), not answer.blockers)

    def test_same_inputs_same_answer(self) -> None:
        """The function is pure: asking twice gives equal, hashable plans."""
        first = plan(contracts=[group_contract()])
        second = plan(contracts=[group_contract()])
        assert (first, hash(first)) == (second, hash(second))

    def test_on_accepts_an_iso_string(self) -> None:
        """The date may be given as YYYY-MM-DD, with the same answer as the date."""
        assert plan(on=ON) == plan(on="2025-06-01")

    def test_collections_may_be_generators(self) -> None:
        """providers, credentials and contracts may be any iterables."""
        as_lists = plan(providers=TEAM, credentials=[approved()], contracts=[group_contract()])
        as_generators = plan(
            providers=iter(TEAM),
            credentials=(c for c in [approved()]),
            contracts=(c for c in [group_contract()]),
        )
        assert as_lists == as_generators

    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"practice": EIN_TEXT}, id="practice-as-tin"),
            pytest.param({"provider": BEN_NPI}, id="provider-as-npi"),
            pytest.param({"payer": "cigna"}, id="payer-as-id"),
            pytest.param({"on": datetime(2025, 6, 1, 12)}, id="on-datetime"),
            pytest.param({"on": "2025-6-1"}, id="on-unpadded"),
            pytest.param({"providers": None}, id="providers-none"),
            pytest.param({"providers": [BEN_NPI]}, id="providers-of-npis"),
            pytest.param({"credentials": "approved"}, id="credentials-string"),
            pytest.param({"credentials": [group_contract()]}, id="credentials-of-contracts"),
            pytest.param({"contracts": [approved()]}, id="contracts-of-credentials"),
            pytest.param({"contracts": 3}, id="contracts-number"),
        ],
    )
    def test_bad_arguments_raise_credkit_error(self, changes: dict[str, Any]) -> None:
        """A wrong kind of argument is refused with a CredkitError naming it."""
        with pytest.raises(CredkitError) as raised:
            plan(**changes)
        (name,) = changes
        assert str(raised.value).startswith(f"argument.{name}: ")

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"practice": EIN_TEXT}, "argument.practice: expected a Practice, got a string"),
            ({"provider": BEN_NPI}, "argument.provider: expected a Provider, got a string"),
            ({"payer": "cigna"}, "argument.payer: expected a Payer, got a string"),
        ],
        ids=["practice", "provider", "payer"],
    )
    def test_bad_arguments_are_named(self, changes: dict[str, Any], expected: str) -> None:
        """Each refused argument is named, with the kind it must be."""
        with pytest.raises(CredkitError) as raised:
            plan(**changes)
        assert expected == str(raised.value)

    def test_keyword_only(self) -> None:
        """on and the collections are keyword-only."""
        with pytest.raises(TypeError):
            adding_provider(practice(), BEN, CIGNA, ON, TEAM, [], [])  # type: ignore[misc]


BLOCKER = Reason(code="panel_closed", message="closed in NY")


class TestPlanValue:
    def test_is_frozen(self) -> None:
        """A plan cannot be changed after the fact."""
        answer = plan()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            answer.guaranteed = True  # type: ignore[misc]

    def test_friendly_input(self) -> None:
        """Path and step kinds given as strings, and lists, become enums and tuples."""
        built = Plan(
            payer="cigna",
            path="add_to_group_contract",
            steps=[Step(kind="credential", detail="apply")],
            notes=[BLOCKER],
        )
        assert (Path.ADD_TO_GROUP_CONTRACT, (CREDENTIAL,), (BLOCKER,)) == (
            built.path,
            built.step_kinds,
            built.notes,
        )

    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param(
                {"path": "new_individual_contract", "guaranteed": True, "blockers": [BLOCKER]},
                id="guaranteed-with-blockers",
            ),
            pytest.param({"path": "sign_up"}, id="unknown-path"),
            pytest.param(
                {"path": "add_to_group_contract", "guaranteed": 1}, id="guaranteed-not-bool"
            ),
            pytest.param(
                {"path": "add_to_group_contract", "becomes_group_eligible": "yes"},
                id="becomes-eligible-not-bool",
            ),
            pytest.param(
                {"path": "add_to_group_contract", "payer": "Cigna Inc"}, id="payer-not-an-id"
            ),
            pytest.param(
                {"path": "add_to_group_contract", "steps": ["credential"]}, id="steps-not-steps"
            ),
            pytest.param(
                {"path": "add_to_group_contract", "blockers": ["closed"]}, id="blockers-not-reasons"
            ),
        ],
    )
    def test_incoherent_plans_are_refused(self, fields: dict[str, Any]) -> None:
        """A Plan with blockers cannot be guaranteed, and each field must be of its kind."""
        with pytest.raises(CredkitError):
            Plan(**{"payer": "cigna", **fields})

    def test_an_unavailable_plan_must_say_why(self) -> None:
        """A Plan on the unavailable path without a blocker cannot be built."""
        with pytest.raises(CredkitError):
            Plan(payer="cigna", path="unavailable")

    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param({"kind": "credential", "detail": " "}, id="blank-detail"),
            pytest.param({"kind": "credentialing", "detail": "apply"}, id="unknown-kind"),
            pytest.param({"kind": "credential", "detail": None}, id="no-detail"),
        ],
    )
    def test_bad_steps_are_refused(self, fields: dict[str, Any]) -> None:
        """A Step needs a known kind and a non-blank detail."""
        with pytest.raises(CredkitError):
            Step(**fields)

    def test_step_kinds_are_listed_in_doing_order(self) -> None:
        """StepKind lists its members in the order the steps are done."""
        assert (OBTAIN, JOIN, CREDENTIAL, SIGN, LINK, ADD) == tuple(StepKind)

    def test_path_values(self) -> None:
        """Path has exactly the four documented values."""
        assert {
            "add_to_group_contract",
            "port_individual_contract",
            "new_individual_contract",
            "unavailable",
        } == {path.value for path in Path}
