"""can_bill: can this provider bill this payer, through this practice, on this date?

The question is split in two so that a batch can reuse the first half: an
:class:`Assessment` of everything that does not depend on the service billed
(roster, license, credential, and each contract's standing), and :func:`decide`,
which adds the service and picks the contract that authorizes the claim.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from credkit._convert import to_optional_service_code
from credkit.answers import BillingIdentity, Code, Reason, Verdict
from credkit.contract import Contract, ContractStatus, Group, PayTo
from credkit.credential import Credential
from credkit.errors import InvalidValue
from credkit.identifiers import NPI, SSN, State
from credkit.opt_out import OptOut
from credkit.payer import Payer
from credkit.periods import Period
from credkit.practice import Practice
from credkit.provider import Provider
from credkit.rules._common import (
    GRANTED,
    argument,
    credential_reason,
    day,
    items,
    licensing,
    licensing_reason,
    most_recent,
    on_file,
    opt_out_reason,
    practice_states,
    reason,
    state_of_service,
    term_start,
)

__all__ = ["can_bill"]

# How far a contract gets toward authorizing a claim, before the service is considered.
NOT_SIGNED = 0  # pending
OUT_OF_TERM = 1  # executed or terminated, but the date is outside its term
NOT_COVERING = 2  # in effect, but not for this provider at this practice
COVERING = 3  # in effect for this provider here: it authorizes if the service is covered


class Facts(NamedTuple):
    """The records that bear on one provider, payer and practice.

    ``places`` are the periods of the provider's places on the practice's roster,
    as :func:`places` finds them; ``memberships``, for each of ``contracts`` in
    turn, the periods of the provider's places among its members, as
    :func:`memberships` finds them.
    """

    provider: Provider
    payer: Payer
    practice: Practice
    credentials: tuple[Credential, ...]
    contracts: tuple[Contract, ...]
    opt_outs: tuple[OptOut, ...]
    places: tuple[Period, ...]
    memberships: tuple[tuple[Period, ...], ...]


def places(practice: Practice, provider: Provider) -> tuple[Period, ...]:
    """The periods in which ``provider`` holds a place on ``practice``'s roster."""
    digits = provider.npi.digits
    return tuple([entry.effective for entry in practice.roster if entry.provider.digits == digits])


def member_periods(contract: Contract) -> dict[str, tuple[Period, ...]]:
    """A contract's member periods, by each member's NPI digits, in the contract's order."""
    found: dict[str, tuple[Period, ...]] = {}
    for member in contract.members:
        digits = member.provider.digits
        found[digits] = (*found.get(digits, ()), member.effective)
    return found


def memberships(
    contracts: Iterable[Contract], provider: Provider
) -> tuple[tuple[Period, ...], ...]:
    """For each contract, the periods in which ``provider`` is among its members."""
    digits = provider.npi.digits
    return tuple([member_periods(contract).get(digits, ()) for contract in contracts])


def within(period: Period, on: date) -> bool:
    """Whether ``on`` falls in ``period``: ``on in period``, for values already checked."""
    end = period.end
    return period.start <= on and (end is None or on <= end)


def gather(
    provider: Provider,
    payer: Payer,
    practice: Practice,
    credentials: Iterable[Credential],
    contracts: Iterable[Contract],
    *,
    opt_outs: Iterable[OptOut] = (),
) -> Facts:
    """Keep the credentials, contracts and opt-outs that concern this provider, payer and practice."""
    concerning = tuple(
        contract
        for contract in contracts
        if contract.payer == payer.id and concerns(contract, provider, practice)
    )
    return Facts(
        provider,
        payer,
        practice,
        tuple(
            credential
            for credential in credentials
            if credential.provider == provider.npi and credential.payer == payer.id
        ),
        concerning,
        tuple(
            opt_out
            for opt_out in opt_outs
            if opt_out.provider == provider.npi and opt_out.payer == payer.id
        ),
        places(practice, provider),
        memberships(concerning, provider),
    )


def concerns(contract: Contract, provider: Provider, practice: Practice) -> bool:
    """Whether a contract could cover this provider here.

    That is the practice's group contract, or the provider's individual contract.
    """
    holder = contract.holder
    if isinstance(holder, Group):
        return holder.practice == practice.tin
    return holder.provider == provider.npi


class Standing(NamedTuple):
    """One contract's standing on a date, before the service is considered."""

    contract: Contract
    order: int
    level: int
    reasons: tuple[Reason, ...]
    retro: bool
    billing: BillingIdentity | None
    # Whether the contract speaks for the date: it reaches it, or it was signed or
    # in effect by then. One that came later does not explain an earlier refusal.
    on_file: bool = True


class Assessment(NamedTuple):
    """Everything about a claim that does not depend on the service billed."""

    reasons: tuple[Reason, ...]
    retro: bool
    standings: tuple[Standing, ...]


def in_window(period: Period, on: date, retro_days: int) -> tuple[bool, bool]:
    """Whether ``on`` is covered, allowing ``retro_days`` early; and whether it was early.

    That is ``period.covers(on, early_days=retro_days)``, for values already checked.
    """
    end = period.end
    if end is not None and on > end:
        return _OUTSIDE
    start = period.start
    if on >= start:
        return _INSIDE
    # Ordinals, not timedelta: a period that starts on date.min has no "before".
    return _EARLY if on.toordinal() >= start.toordinal() - retro_days else _OUTSIDE


_INSIDE = (True, False)
_EARLY = (True, True)
_OUTSIDE = (False, False)


def pick_entry(entries: Iterable[PayTo], on: date, retro_days: int) -> tuple[PayTo | None, bool]:
    """The pay-to entry in effect on ``on``: one that has started first, else the earliest early one."""
    early: PayTo | None = None
    for entry in entries:
        covered, retro = in_window(entry.effective, on, retro_days)
        if covered and not retro:
            return entry, False
        if covered and early is None:
            early = entry
    return early, early is not None


def standing(facts: Facts, contract: Contract, order: int, on: date) -> Standing:
    """Judge one contract on ``on``: signed, in its term, covering this provider here."""
    payer = facts.payer
    retro_days = payer.rules.retro_days
    known = on_file(contract.signed, contract.effective, on)
    if contract.status is ContractStatus.PENDING:
        finding = reason(
            Code.CONTRACT_NOT_SIGNED, f"{contract_name(payer, contract)} is not signed yet"
        )
        return Standing(contract, order, NOT_SIGNED, (finding,), False, None, known)
    # Executed or terminated: a terminated contract covers its term as an executed
    # one does, to the last day, which its term always has.
    term = contract.effective
    assert term is not None  # an executed or terminated contract always has its term
    covered, term_retro = in_window(term, on, retro_days)
    if not covered:
        name = contract_name(payer, contract)
        finding = reason(
            Code.CONTRACT_NOT_IN_EFFECT,
            f"{name} was terminated; it covered {term}, not on that date"
            if contract.status is ContractStatus.TERMINATED
            else f"{name} is in effect {term}, not on that date",
        )
        return Standing(contract, order, OUT_OF_TERM, (finding,), False, None, known)
    if type(contract.holder) is Group:
        return group_standing(facts, contract, order, term_retro=term_retro, on=on)
    return individual_standing(facts, contract, order, term_retro=term_retro, on=on)


def contract_name(payer: Payer, contract: Contract) -> str:
    """How a reason names a contract: ``Aetna group contract aetna-harbor``."""
    kind = "group contract" if isinstance(contract.holder, Group) else "individual contract"
    return f"{payer.name} {kind} {contract.id}"


def group_standing(
    facts: Facts, contract: Contract, order: int, *, term_retro: bool, on: date
) -> Standing:
    """A group contract in effect: is the provider a member, and who is billed?"""
    provider, practice = facts.provider, facts.practice
    retro_days = facts.payer.rules.retro_days
    member_retro: bool | None = None
    for period in facts.memberships[order]:
        covered, retro = in_window(period, on, retro_days)
        if covered and (member_retro is None or member_retro):
            member_retro = retro
    if member_retro is None:
        finding = reason(
            Code.NOT_ON_GROUP_CONTRACT,
            f"{provider.name} is not a member of {contract_name(facts.payer, contract)} on that date",
        )
        return Standing(contract, order, NOT_COVERING, (finding,), False, None)
    entry, entry_retro = pick_entry(contract.pay_to, on, retro_days)
    if entry is not None:
        billing_npi, tax_id = entry.npi, entry.tin
    elif practice.npi is not None:
        billing_npi, tax_id = practice.npi, practice.tin
    else:
        finding = reason(
            Code.NEEDS_GROUP_NPI,
            (
                f"{contract_name(facts.payer, contract)} has no pay-to entry in effect and "
                f"{practice.name} has no NPI to bill under"
            ),
        )
        return Standing(contract, order, NOT_COVERING, (finding,), False, None)
    billing = billing_identity(billing_npi, tax_id, provider)
    return Standing(
        contract, order, COVERING, (), term_retro or member_retro or entry_retro, billing
    )


def individual_standing(
    facts: Facts, contract: Contract, order: int, *, term_retro: bool, on: date
) -> Standing:
    """An individual contract in effect: is it linked to this practice, and who is billed?"""
    practice = facts.practice
    tin = practice.tin
    # The same tax id is mostly the same object: identity first, as a tax id's
    # generated equality runs in Python.
    linked = [entry for entry in contract.pay_to if entry.tin is tin or entry.tin == tin]
    entry, entry_retro = pick_entry(linked, on, facts.payer.rules.retro_days)
    if entry is None:
        finding = reason(
            Code.NOT_LINKED_TO_PRACTICE,
            (
                f"{contract_name(facts.payer, contract)} has no pay-to entry for "
                f"{practice.name} (tax id {practice.tin}) "
                "on that date"
            ),
        )
        return Standing(contract, order, NOT_COVERING, (finding,), False, None)
    billing = billing_identity(entry.npi, entry.tin, facts.provider)
    return Standing(contract, order, COVERING, (), term_retro or entry_retro, billing)


def billing_identity(billing_npi: object, tax_id: object, provider: Provider) -> BillingIdentity:
    """The claim's billing identity; the rendering NPI only when it differs from the billing NPI."""
    npi = provider.npi
    # Their digits compared: attrs' generated equality is Python, and this runs per stretch.
    same = npi.digits == billing_npi.digits if type(billing_npi) is NPI else npi == billing_npi
    # Built field by field, as checked() builds it: this runs for each covering contract.
    found = object.__new__(BillingIdentity)
    object.__setattr__(found, "billing_npi", billing_npi)
    object.__setattr__(found, "tax_id", tax_id)
    object.__setattr__(found, "rendering_npi", None if same else npi)
    return found


class Base(NamedTuple):
    """What about a claim on a date depends neither on the service nor on the state."""

    roster: Reason | None
    credential: Reason | None
    retro: bool
    standings: tuple[Standing, ...]
    opted_out: Reason | None = None


def opted_out(facts: Facts, on: date) -> Reason | None:
    """``opted_out`` when an opt-out of the payer is in force on ``on``: it stops every claim."""
    return opt_out_reason(facts.provider, facts.payer, facts.opt_outs, on)


def assess_base(facts: Facts, on: date) -> Base:
    """The roster, the credential and each contract's standing on ``on``."""
    provider, payer = facts.provider, facts.payer
    # Loops rather than comprehensions: this runs for each stretch of a batch, and
    # most of its lists hold one or two records.
    roster = None
    for period in facts.places:
        if within(period, on):
            break
    else:
        roster = reason(
            Code.NOT_ON_ROSTER,
            f"{provider.name} is not on the roster of {facts.practice.name} on that date",
        )
    retro_days = payer.rules.retro_days
    # An approved credential, or a terminated one within its period, holds; the date
    # is early for the credential only when it is early for every one that holds.
    holding = False
    retro = True
    for held in facts.credentials:
        effective = held.effective
        if effective is not None and held.status in GRANTED:
            covered, early = in_window(effective, on, retro_days)
            if covered:
                holding = True
                retro = retro and early
    credential = None
    if not holding:
        latest = most_recent(facts.credentials, on)
        credential = credential_reason(
            provider, payer, latest, later=latest is None and bool(facts.credentials)
        )
    standings = []
    for order, contract in enumerate(facts.contracts):
        standings.append(standing(facts, contract, order, on))
    return Base(
        roster,
        credential,
        holding and retro,
        tuple(standings),
        opted_out(facts, on) if facts.opt_outs else None,
    )


def with_license(facts: Facts, base: Base, on: date, state: State | None) -> Assessment:
    """Add the license check for the state of service, and put the reasons in order."""
    provider, payer = facts.provider, facts.payer
    states = practice_states(facts.practice, state)
    licensed = licensing_reason(provider, payer, states, licensing(provider, payer, states, on))
    roster, credential, opted = base.roster, base.credential, base.opted_out
    if roster is None and licensed is None and credential is None and opted is None:
        # Nothing blocks: the common case, without a pass over the four.
        return Assessment((), base.retro, base.standings)
    reasons = tuple([found for found in (roster, licensed, credential, opted) if found is not None])
    return Assessment(reasons, base.retro, base.standings)


def assess(facts: Facts, on: date, state: State | None) -> Assessment:
    """Everything about a claim on ``on`` that does not depend on the service."""
    return with_license(facts, assess_base(facts, on), on, state)


def authorizes_first(item: Standing) -> tuple[bool, date, int]:
    """Order authorizing contracts: group first, then the earliest start, then as listed."""
    return (not item.contract.is_group, term_start(item.contract), item.order)


def closest_first(item: Standing) -> tuple[int, bool, date, int]:
    """Order failing contracts: furthest along first, preferring the group contract."""
    term = item.contract.effective
    start = term.start if term else date.max
    return (-item.level, not item.contract.is_group, start, item.order)


class Outcome(NamedTuple):
    """A verdict before its service code is filled in.

    Allowed: ``winner`` is the authorizing contract's standing and ``notes`` the
    cautions. Refused: ``reasons`` are the blocking findings, and ``uncovered`` the
    contract whose ``service_not_covered`` reason is still to be added, if any.
    """

    winner: Standing | None
    notes: tuple[Reason, ...]
    reasons: tuple[Reason, ...]
    uncovered: Contract | None
    # The verdict itself, when it is the same whatever the service: a refusal that
    # names no service.
    refusal: Verdict | None


def coverage(assessment: Assessment, service: str | None) -> tuple[bool, ...]:
    """Which of the assessed contracts cover ``service`` (all of them when it is None)."""
    if service is None:
        return (True,) * len(assessment.standings)
    return tuple(item.contract.covers_service(service) for item in assessment.standings)


def outcome(facts: Facts, assessment: Assessment, covered: tuple[bool, ...]) -> Outcome:
    """Pick the contract that authorizes the claim, or say why none does.

    Everything here depends on the service only through ``covered``, so claims for
    services that the same contracts cover share one outcome.
    """
    provider, payer, practice = facts.provider, facts.payer, facts.practice
    standings = assessment.standings
    # Loops rather than comprehensions, and no ranking of a single contract: this
    # runs for each stretch of a batch, and most hold one contract.
    authorizing = []
    for item, covers_service in zip(standings, covered, strict=True):
        if item.level == COVERING and covers_service:
            authorizing.append(item)
    if authorizing and not assessment.reasons:
        winner = authorizing[0] if len(authorizing) == 1 else min(authorizing, key=authorizes_first)
        billing = winner.billing
        assert billing is not None  # a covering standing always carries its billing
        notes: list[Reason] = []
        if assessment.retro or winner.retro:
            notes.append(
                reason(
                    Code.RETRO_BILLING,
                    (
                        f"the date is before an effective date, within {payer.name}'s "
                        f"{payer.rules.retro_days}-day retro-billing window"
                    ),
                )
            )
        if isinstance(billing.tax_id, SSN):
            notes.append(
                reason(
                    Code.PAYS_PROVIDER_SSN,
                    (
                        f"payment goes to SSN {billing.tax_id}, which {practice.name} bills "
                        "under: the money is paid to a person, not to a business"
                    ),
                )
            )
        return Outcome(winner, tuple(notes), (), None, None)
    reasons = list(assessment.reasons)
    uncovered = None
    # Only a contract on file by the date speaks for it.
    speaking = []
    for item in standings:
        if item.on_file:
            speaking.append(item)
    if authorizing:
        pass  # a contract would authorize it: the blocking reasons are elsewhere
    elif speaking:
        closest = speaking[0] if len(speaking) == 1 else min(speaking, key=closest_first)
        reasons += closest.reasons
        if not covered[closest.order]:
            uncovered = closest.contract
    elif standings:
        reasons.append(
            reason(
                Code.NOT_CONTRACTED,
                (
                    f"no contract with {payer.name} for {provider.name} at {practice.name} "
                    "was on file by that date; it came later"
                ),
            )
        )
    else:
        reasons.append(
            reason(
                Code.NOT_CONTRACTED,
                (f"no contract with {payer.name} covers {provider.name} at {practice.name}"),
            )
        )
    found = tuple(reasons)
    return Outcome(None, (), found, uncovered, None if uncovered else refused(found))


def verdict(facts: Facts, found: Outcome, service: str | None) -> Verdict:
    """The verdict for one service, from its outcome."""
    winner = found.winner
    if winner is not None:
        contract = winner.contract
        rate = None if service is None else contract.rates.get(service)
        return allowed(found.notes, contract, winner.billing, rate)
    if found.refusal is not None:
        return found.refusal
    assert found.uncovered is not None  # a refusal is prebuilt unless a service is missing
    missing = reason(
        Code.SERVICE_NOT_COVERED,
        (f"{facts.payer.name} contract {found.uncovered.id} does not cover service {service}"),
    )
    return refused((*found.reasons, missing))


def refused(reasons: tuple[Reason, ...]) -> Verdict:
    """A refusal for these reasons; built field by field, as :func:`allowed` builds its verdict."""
    answer = object.__new__(Verdict)
    set_field = object.__setattr__
    set_field(answer, "allowed", False)
    set_field(answer, "reasons", reasons)
    set_field(answer, "notes", ())
    set_field(answer, "contract", None)
    set_field(answer, "billing", None)
    set_field(answer, "rate", None)
    return answer


def allowed(
    notes: tuple[Reason, ...],
    contract: Contract,
    billing: BillingIdentity | None,
    rate: Decimal | None,
) -> Verdict:
    """An allowed verdict; built field by field, as it is built for every claim of a batch."""
    answer = object.__new__(Verdict)
    set_field = object.__setattr__
    set_field(answer, "allowed", True)
    set_field(answer, "reasons", ())
    set_field(answer, "notes", notes)
    set_field(answer, "contract", contract)
    set_field(answer, "billing", billing)
    set_field(answer, "rate", rate)
    return answer


def decide(facts: Facts, assessment: Assessment, service: str | None) -> Verdict:
    """Add the service to an assessment and give the verdict."""
    return verdict(facts, outcome(facts, assessment, coverage(assessment, service)), service)


def can_bill(
    provider: Provider,
    payer: Payer,
    practice: Practice,
    *,
    on: date | str,
    credentials: Iterable[Credential],
    contracts: Iterable[Contract],
    service: str | None = None,
    state: State | str | None = None,
    opt_outs: Iterable[OptOut] = (),
) -> Verdict:
    """Tell whether ``provider`` can bill ``payer`` through ``practice`` on ``on``, and why.

    The claim is allowed when, on that date, all of these hold; every one that
    fails adds its reason, in this order:

    1. the provider is on the practice's roster (``not_on_roster``);
    2. the provider holds an active license in the state of service (``state``, or
       else any of the practice's states: ``not_licensed``), in a profession the
       payer accepts (``profession_not_accepted``);
    3. an approved credential with the payer is in effect (``not_credentialed``,
       ``credentialing_pending``, ``credentialing_denied`` or
       ``credential_not_in_effect``, from the most recent credential on file by
       that date: submitted or in effect on or before it);
    4. an executed contract with the payer is in effect and covers the provider at
       the practice: the practice's group contract with the provider among its
       members (``not_on_group_contract``), or the provider's individual contract
       with a pay-to entry for the practice's tax id (``not_linked_to_practice``);
       a pending contract gives ``contract_not_signed``, one outside its term
       ``contract_not_in_effect``, none at all ``not_contracted``;
    5. ``service``, if given, is covered by that contract (``service_not_covered``);
    6. the provider has not opted out of the payer: an :class:`~credkit.OptOut` in
       ``opt_outs`` in force on that date refuses the claim whatever the contracts,
       the practice's group contract included (``opted_out``, saying when the current
       two-year opt-out period ends). It is listed after the credential's reason.

    A terminated credential or contract records the last day it held in the end
    of its period, and holds on the days of its period exactly as an approved
    credential or an executed contract does, on none after: the claim is judged as
    of its date of service.

    The date may fall up to the payer's ``retro_days`` before the start of the
    credential, the contract's term and the member or pay-to entry (a
    ``retro_billing`` note says so), never before the roster place or the license.

    Only what was on file by the date speaks for it: when no credential is in
    effect, the reason comes from the most recent credential submitted or in
    effect by then (one submitted later does not explain an earlier date), and a
    contract signed or in effect only later is not the one whose reasons are given.

    When several contracts authorize the claim, **the group contract wins, then
    the one whose term started first**. When none does, the reasons describe the
    contract on file by the date that got furthest, preferring the practice's
    group contract (with none on file by then, ``not_contracted``). When
    allowed, ``billing`` comes from the authorizing contract's pay-to entry in
    effect (a group contract without one bills under the practice's NPI and tax
    id; with neither, ``needs_group_npi``), ``rate`` from its rates, and a
    ``pays_provider_ssn`` note warns when the tax id billed is an SSN.

    >>> from credkit import Affiliation, Contract, Credential, Group, License, Payer
    >>> from credkit import Period, Practice, Provider
    >>> ana = Provider(npi="1234567893", name="Ana Ruiz", licenses=[License(
    ...     state="NY", profession="clinical_social_worker", number="1",
    ...     effective=Period("2024-01-01"))])
    >>> harbor = Practice(name="Harbor Therapy", tin="12-3456789", npi="1558598797",
    ...     states=["NY"], roster=[Affiliation(provider=ana.npi, effective=Period("2024-01-01"))])
    >>> aetna = Payer(id="aetna", name="Aetna")
    >>> credential = Credential(provider=ana.npi, payer="aetna", status="approved",
    ...     submitted="2024-01-10", effective=Period("2024-03-01"))
    >>> group = Contract(id="aetna-harbor", payer="aetna", holder=Group(practice=harbor.tin),
    ...     status="executed", signed="2024-02-01", effective=Period("2024-03-01"),
    ...     members=[Affiliation(provider=ana.npi, effective=Period("2024-03-01"))],
    ...     rates={"90837": "140.00"})
    >>> verdict = can_bill(ana, aetna, harbor, on="2024-05-01", credentials=[credential],
    ...     contracts=[group], service="90837")
    >>> bool(verdict), str(verdict.billing), verdict.rate
    (True, 'billing NPI 1558598797, tax id 12-3456789, rendering NPI 1234567893', Decimal('140.00'))
    >>> early = can_bill(ana, aetna, harbor, on="2024-02-29", credentials=[credential],
    ...     contracts=[group])
    >>> [reason.code.value for reason in early.reasons]
    ['credential_not_in_effect', 'contract_not_in_effect']

    A contract terminated after June still covers the services given in June:

    >>> import attrs
    >>> ended = attrs.evolve(group, status="terminated", effective=Period("2024-03-01", "2024-06-30"))
    >>> [bool(can_bill(ana, aetna, harbor, on=on, credentials=[credential], contracts=[ended]))
    ...  for on in ("2024-06-30", "2024-07-01")]
    [True, False]
    """
    facts = gather(
        argument(Provider, provider, "provider"),
        argument(Payer, payer, "payer"),
        argument(Practice, practice, "practice"),
        items(Credential, credentials, "credentials"),
        items(Contract, contracts, "contracts"),
        opt_outs=items(OptOut, opt_outs, "opt_outs"),
    )
    try:
        code = to_optional_service_code(service)
    except InvalidValue as error:
        raise error.located("argument", "service") from None
    return decide(facts, assess(facts, day(on), state_of_service(state)), code)
