"""adding_provider: what does bringing a provider onto a payer's panel at a practice take?"""

from collections.abc import Iterable
from datetime import date

import attrs

from credkit.answers import Code, Path, Plan, Reason, Step, StepKind
from credkit.contract import Contract, ContractStatus, Group, Individual
from credkit.credential import Credential, CredentialStatus
from credkit.identifiers import EIN
from credkit.opt_out import OptOut
from credkit.payer import Payer
from credkit.periods import Period
from credkit.practice import Affiliation, Practice
from credkit.provider import Provider
from credkit.rules._common import (
    argument,
    day,
    holds,
    items,
    licensing,
    licensing_reason,
    most_recent,
    signed,
    state_list,
    term_start,
)
from credkit.rules.billing import Facts, gather, opted_out
from credkit.rules.groups import group_eligibility

__all__ = ["adding_provider"]

_STEP_ORDER = {kind: index for index, kind in enumerate(StepKind)}


def _earliest_in_effect(contracts: Iterable[Contract], on: date) -> Contract | None:
    """The executed contract in effect on ``on`` whose term started first.

    A terminated contract is in effect on the days of its term, as an executed one
    is; one terminated before ``on`` is not a contract to join.
    """
    running = [
        contract
        for contract in contracts
        if signed(contract) and contract.effective is not None and on in contract.effective
    ]
    return min(running, key=term_start, default=None)


def _credential_step(
    provider: Provider, payer: Payer, credentials: tuple[Credential, ...], on: date
) -> Step | None:
    """Credentialing, unless a credential holds on ``on`` (approved, or terminated in its period)."""
    if any(
        holds(credential) and credential.effective is not None and on in credential.effective
        for credential in credentials
    ):
        return None
    latest = most_recent(credentials, on)
    detail = f"credential {provider.name} with {payer.name}"
    if payer.rules.medicare:
        detail = (
            f"enroll {provider.name} with {payer.name} on CMS-855I (or online in PECOS); "
            f"{payer.name} does not use CAQH"
        )
    if latest is not None and latest.status is CredentialStatus.PENDING:
        detail += " (an application is pending: follow it up)"
    elif latest is not None and latest.status is CredentialStatus.DENIED:
        detail += " (the last application was denied: address why before reapplying)"
    elif latest is not None and latest.status is CredentialStatus.APPROVED:
        detail += " (the approved credential is not in effect on that date: recredential)"
    elif latest is not None and latest.status is CredentialStatus.TERMINATED:
        detail += " (the credential was terminated: address why before reapplying)"
    return Step(kind=StepKind.CREDENTIAL, detail=detail)


def _becomes_group_eligible(
    practice: Practice, provider: Provider, payer: Payer, on: date, providers: tuple[Provider, ...]
) -> bool:
    """Not group-eligible now, and eligible with ``provider`` (as given) on the roster."""
    if group_eligibility(practice, payer, on=on, providers=providers):
        return False
    roster = practice.roster
    if not practice.on_roster(provider.npi, on):
        roster = (*roster, Affiliation(provider=provider.npi, effective=Period(on)))
    with_provider = attrs.evolve(practice, roster=roster)
    team = (*(other for other in providers if other.npi != provider.npi), provider)
    return bool(group_eligibility(with_provider, payer, on=on, providers=team))


def adding_provider(
    practice: Practice,
    provider: Provider,
    payer: Payer,
    *,
    on: date | str,
    providers: Iterable[Provider],
    credentials: Iterable[Credential],
    contracts: Iterable[Contract],
    opt_outs: Iterable[OptOut] = (),
) -> Plan:
    """Plan how ``provider`` (joining, or already on, ``practice``) comes to bill ``payer``.

    * Not on the roster: step ``join_roster``. No active license in a practice
      state: step ``obtain_license``. A profession the payer does not credential:
      a ``profession_not_accepted`` blocker.
    * A terminated contract or credential counts as an executed or approved one
      on the days of its period, and not after: a contract terminated before
      ``on`` is not one to join.
    * The practice holds an executed group contract in effect: path
      ``add_to_group_contract``, with steps ``credential`` (unless an approved
      credential is in effect) and ``add_to_group_contract`` (unless already a
      member). Guaranteed, unless the panel is closed in every practice state and
      the payer's ``group_adds_when_closed`` is false.
    * Otherwise, the provider's own executed individual contract in effect: path
      ``port_individual_contract``, with ``credential`` (unless in effect) and
      ``link_contract_to_practice`` (unless already linked). Guaranteed.
    * Otherwise, if the payer signs individual contracts: path
      ``new_individual_contract``, with ``credential``, ``sign_individual_contract``
      and ``link_contract_to_practice``; never guaranteed, and a ``panel_closed``
      blocker when the panel is closed in every practice state.
    * Otherwise ``unavailable``, with an ``individual_contracts_unavailable`` blocker.
    * Whatever the path, an opt-out of the payer in force on ``on`` (one of
      ``opt_outs``, as :func:`~credkit.can_bill` takes them) is an ``opted_out``
      blocker, with :func:`~credkit.can_bill`'s message: the payer pays nothing for
      the provider's services, through a group or not, until it ends.

    For Medicare (``PayerRules.medicare``) the steps' details name the forms:
    CMS-855I to enroll the clinician, CMS-855R to reassign the clinician's benefits
    to the practice's group enrollment, and CMS-855B first when the practice is not
    enrolled as a group.

    A panel closed in only some of the practice's states adds a ``panel_closed``
    note where closure matters. Steps come in the order they must be done.
    ``becomes_group_eligible`` is true when the practice is not eligible for a group
    contract now and would be with this provider on the roster.

    >>> from credkit import License, Payer, PayerRules, Period, Practice, Provider
    >>> ben = Provider(npi="1558598797", name="Ben Okafor", licenses=[License(
    ...     state="NY", profession="psychologist", number="1", effective=Period("2020-01-01"))])
    >>> harbor = Practice(name="Harbor", tin="12-3456789", states=["NY"])
    >>> plan = adding_provider(harbor, ben, Payer(id="aetna", name="Aetna"), on="2024-06-01",
    ...     providers=[], credentials=[], contracts=[])
    >>> plan.path.value, [step.kind.value for step in plan.steps], plan.guaranteed
    ('new_individual_contract', ['join_roster', 'credential', 'sign_individual_contract', 'link_contract_to_practice'], False)
    """
    practice = argument(Practice, practice, "practice")
    provider = argument(Provider, provider, "provider")
    payer = argument(Payer, payer, "payer")
    on = day(on)
    team = items(Provider, providers, "providers")
    facts = gather(
        provider,
        payer,
        practice,
        items(Credential, credentials, "credentials"),
        items(Contract, contracts, "contracts"),
        opt_outs=items(OptOut, opt_outs, "opt_outs"),
    )
    findings = _Findings()
    _prerequisites(facts, on, findings)
    opted = opted_out(facts, on)
    if opted is not None:
        findings.blockers.append(opted)
    _choose_path(facts, on, findings)
    findings.steps.sort(key=lambda step: _STEP_ORDER[step.kind])
    return Plan(
        payer=payer.id,
        path=findings.path,
        steps=findings.steps,
        guaranteed=findings.guaranteed and not findings.blockers,
        blockers=findings.blockers,
        notes=findings.notes,
        becomes_group_eligible=_becomes_group_eligible(practice, provider, payer, on, team),
    )


class _Findings:
    """A plan as it is worked out."""

    def __init__(self) -> None:
        self.path = Path.UNAVAILABLE
        self.steps: list[Step] = []
        self.guaranteed = False
        self.blockers: list[Reason] = []
        self.notes: list[Reason] = []

    def step(self, kind: StepKind, detail: str) -> None:
        self.steps.append(Step(kind=kind, detail=detail))


def _prerequisites(facts: Facts, on: date, findings: _Findings) -> None:
    """License, profession, roster and credentialing: needed whatever the path."""
    provider, payer, practice = facts.provider, facts.payer, facts.practice
    found = licensing(provider, payer, practice.states, on)
    if not found.active:
        findings.step(
            StepKind.OBTAIN_LICENSE,
            f"{provider.name} needs an active license in {state_list(practice.states)}",
        )
        professions = {license.profession for license in provider.licenses}
        if professions and not any(payer.rules.accepts(kind) for kind in professions):
            labels = ", ".join(sorted(profession.label for profession in professions))
            findings.blockers.append(
                Reason(
                    code=Code.PROFESSION_NOT_ACCEPTED,
                    message=f"{payer.name} does not credential {provider.name}'s profession ({labels})",
                )
            )
    elif not found.accepted:
        reason = licensing_reason(provider, payer, practice.states, found)
        assert reason is not None  # active licenses, none accepted
        findings.blockers.append(reason)
    if not practice.on_roster(provider.npi, on):
        findings.step(StepKind.JOIN_ROSTER, f"add {provider.name} to the roster of {practice.name}")
    credential = _credential_step(provider, payer, facts.credentials, on)
    if credential is not None:
        findings.steps.append(credential)


def _medicare_link(provider: Provider, payer: Payer, practice: Practice) -> str:
    """How a Medicare clinician comes to bill through a practice not enrolled as a group."""
    if isinstance(practice.tin, EIN):
        npi = (
            "its EIN and type 2 NPI"
            if practice.npi is not None
            else "its EIN and a type 2 NPI, applied for through NPPES first"
        )
        return (
            f"enroll {practice.name} with {payer.name} as a group on CMS-855B (with {npi}; "
            f"it is not enrolled), then reassign {provider.name}'s benefits to it on CMS-855R"
        )
    return (
        f"add {practice.name} as a practice location on {provider.name}'s CMS-855I: it bills "
        "under the clinician's own NPI and SSN, as it has no EIN to enroll as a group"
    )


def _choose_path(facts: Facts, on: date, findings: _Findings) -> None:
    """The group contract, the provider's own contract, a new one, or nothing."""
    provider, payer, practice = facts.provider, facts.payer, facts.practice
    rules = payer.rules
    closed = practice.states & rules.closed_states
    closed_note = Reason(
        code=Code.PANEL_CLOSED, message=f"{payer.name}'s panel is closed in {state_list(closed)}"
    )
    group = _earliest_in_effect(
        (contract for contract in facts.contracts if isinstance(contract.holder, Group)), on
    )
    own = _earliest_in_effect(
        (contract for contract in facts.contracts if isinstance(contract.holder, Individual)), on
    )
    if group is not None:
        findings.path = Path.ADD_TO_GROUP_CONTRACT
        if not any(
            member.provider == provider.npi and on in member.effective for member in group.members
        ):
            findings.step(
                StepKind.ADD_TO_GROUP_CONTRACT,
                f"reassign {provider.name}'s {payer.name} benefits to {practice.name} on "
                f"CMS-855R, under its group enrollment {group.id}"
                if rules.medicare
                else f"ask {payer.name} to add {provider.name} to group contract {group.id}",
            )
        findings.guaranteed = closed != practice.states or rules.group_adds_when_closed
        if closed and not rules.group_adds_when_closed:
            findings.notes.append(closed_note)
    elif own is not None:
        findings.path = Path.PORT_INDIVIDUAL_CONTRACT
        if not any(entry.tin == practice.tin and on in entry.effective for entry in own.pay_to):
            findings.step(
                StepKind.LINK_CONTRACT_TO_PRACTICE,
                _medicare_link(provider, payer, practice)
                if rules.medicare
                else f"add a pay-to entry for {practice.name} (tax id {practice.tin}) "
                f"to individual contract {own.id}",
            )
        findings.guaranteed = True
    elif rules.individual_contracts:
        findings.path = Path.NEW_INDIVIDUAL_CONTRACT
        pending = [
            contract
            for contract in facts.contracts
            if contract.status is ContractStatus.PENDING and isinstance(contract.holder, Individual)
        ]
        if rules.medicare:
            sign = (
                f"follow up {provider.name}'s pending {payer.name} enrollment {pending[0].id} "
                "(CMS-855I)"
                if pending
                else f"have {provider.name}'s {payer.name} enrollment approved (CMS-855I): "
                "the enrollment is the agreement, with no separate contract to sign"
            )
            link = _medicare_link(provider, payer, practice)
        else:
            sign = (
                f"finish signing pending contract {pending[0].id} with {payer.name}"
                if pending
                else f"sign an individual contract with {payer.name}"
            )
            link = f"have {payer.name} load {practice.name}'s NPI and tax id as pay-to"
        findings.step(StepKind.SIGN_INDIVIDUAL_CONTRACT, sign)
        findings.step(StepKind.LINK_CONTRACT_TO_PRACTICE, link)
        if closed == practice.states:
            findings.blockers.append(
                Reason(
                    code=Code.PANEL_CLOSED,
                    message=(
                        f"{payer.name}'s panel is closed to new individual contracts in "
                        f"{state_list(closed)}"
                    ),
                )
            )
        elif closed:
            findings.notes.append(closed_note)
    else:
        findings.blockers.append(
            Reason(
                code=Code.INDIVIDUAL_CONTRACTS_UNAVAILABLE,
                message=(
                    f"{payer.name} signs no individual contracts, and {practice.name} has no "
                    "group contract with it in effect"
                ),
            )
        )
