"""The practice's calendar and advice: frozen results of the questions that plan ahead.

* :class:`Readiness` — whether a provider's file is ready for a payer's credentialing;
* :class:`Deadline` — something on the practice's calendar (a :class:`DeadlineKind`);
* :class:`Move` — what happens to a provider's contracts with one payer when the
  provider moves practices, made of :class:`MoveStep` s;
* :class:`Recommendation` — whether a practice should contract with a payer as
  individuals or as a group;
* :class:`MedicareOptions` — the three positions a clinician can take with
  Medicare (:class:`MedicarePosition`), each a :class:`MedicareOption`.

Like the answers in :mod:`credkit.answers`, each is immutable, carries its findings
as :class:`~credkit.answers.Reason` s or plain words naming who and what, and
refuses values that contradict themselves.
"""

from collections.abc import Iterable
from datetime import date
from typing import Literal, TypeAlias

import attrs

from credkit._convert import (
    MAX_PROVIDERS,
    an_argument,
    describe,
    instance_of,
    locate_errors,
    not_blank,
    optional_not_blank,
    shown,
    strict_bool,
    texts,
    to_date,
    to_enum,
    to_optional_date,
    to_payer_id,
    tuple_of,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_optional_npi
from credkit.answers import Code, Plan, Reason
from credkit.contract import Contract, ContractStatus, Group, Individual, PayTo
from credkit.errors import InvalidValue
from credkit.identifiers import NPI
from credkit.periods import Period
from credkit.practice import Affiliation

__all__ = [
    "Choice",
    "Deadline",
    "DeadlineKind",
    "MedicareOption",
    "MedicareOptions",
    "MedicarePosition",
    "Move",
    "MoveStep",
    "MoveStepKind",
    "Readiness",
    "Recommendation",
]


def _to_reasons(value: object) -> tuple[Reason, ...]:
    return tuple_of(Reason, value)


# --- readiness ---------------------------------------------------------------------


@locate_errors
@attrs.frozen(kw_only=True)
class Readiness:
    """Whether a provider's file is ready for a payer's credentialing: truthy exactly when ``ready``.

    ``reasons`` lists everything to put right first, each saying what to do; it is
    empty exactly when the provider is ready.

    >>> gap = Reason(code="liability_missing", message="Ana Ruiz has no liability policy in effect")
    >>> answer = Readiness(ready=False, reasons=[gap])
    >>> bool(answer), answer.codes
    (False, (<Code.LIABILITY_MISSING: 'liability_missing'>,))
    >>> bool(Readiness(ready=True))
    True
    """

    ready: bool = attrs.field(validator=strict_bool)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)

    def __attrs_post_init__(self) -> None:
        if self.ready == bool(self.reasons):
            rule = (
                "a ready provider has nothing left to put right: give no reasons"
                if self.ready
                else "say what stands in the way: give at least one reason"
            )
            raise InvalidValue(rule, owner="Readiness", attribute="reasons")

    def __bool__(self) -> bool:
        return self.ready

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes of the reasons, in order."""
        return tuple(reason.code for reason in self.reasons)


# --- deadlines ---------------------------------------------------------------------


class DeadlineKind(CredkitEnum):
    """What falls due: the kinds of entry on a practice's calendar.

    ``docs/guide.md`` lists each with what to do about it.

    >>> DeadlineKind("caqh_attestation")
    <DeadlineKind.CAQH_ATTESTATION: 'caqh_attestation'>
    """

    LICENSE = "license"
    LIABILITY = "liability"
    RECREDENTIALING = "recredentialing"
    REVALIDATION = "revalidation"
    CAQH_ATTESTATION = "caqh_attestation"
    CONTRACT_TERM = "contract_term"
    PAY_TO = "pay_to"
    GROUP_MEMBERSHIP = "group_membership"
    OPT_OUT_CANCELLATION = "opt_out_cancellation"


def _to_deadline_kind(value: object) -> DeadlineKind:
    return to_enum(DeadlineKind, value)


def _to_optional_payer_id(value: object) -> str | None:
    return None if value is None else to_payer_id(value)


@locate_errors
@attrs.frozen(kw_only=True)
class Deadline:
    """One thing that falls due: when, what kind, who or what it concerns, and what to do.

    ``due`` is the last day something is valid (an expiry) or the day it must be
    renewed by; ``overdue`` marks a deadline that had passed on the day the calendar
    was drawn up. ``provider``, ``payer`` and ``contract`` name the records concerned,
    for scripts, when there are such records.

    >>> deadline = Deadline(due="2026-12-31", kind="liability",
    ...     subject="Ana Ruiz, LCSW: liability policy with CPH",
    ...     action="renew the policy and send each payer the new certificate",
    ...     provider="1234567893")
    >>> print(deadline)
    2026-12-31 liability: Ana Ruiz, LCSW: liability policy with CPH: renew the policy and send each payer the new certificate
    >>> deadline.overdue, deadline.provider
    (False, NPI('1234567893'))
    """

    due: date = attrs.field(converter=to_date)
    kind: DeadlineKind = attrs.field(converter=_to_deadline_kind)
    subject: str = attrs.field(validator=not_blank)
    action: str = attrs.field(validator=not_blank)
    overdue: bool = attrs.field(default=False, validator=strict_bool)
    provider: NPI | None = attrs.field(default=None, converter=to_optional_npi)
    payer: str | None = attrs.field(default=None, converter=_to_optional_payer_id)
    contract: str | None = attrs.field(default=None, validator=optional_not_blank)

    def __str__(self) -> str:
        late = " (overdue)" if self.overdue else ""
        return f"{self.due.isoformat()} {self.kind.value}{late}: {self.subject}: {self.action}"


# --- moving a provider -------------------------------------------------------------


class MoveStepKind(CredkitEnum):
    """One change a payer makes to a contract when a provider moves practices.

    >>> [kind.value for kind in MoveStepKind]
    ['add_pay_to', 'end_pay_to', 'end_group_membership']
    """

    ADD_PAY_TO = "add_pay_to"
    END_PAY_TO = "end_pay_to"
    END_GROUP_MEMBERSHIP = "end_group_membership"


def _to_move_step_kind(value: object) -> MoveStepKind:
    return to_enum(MoveStepKind, value)


def _to_optional_pay_to(value: object) -> PayTo | None:
    if value is not None and not isinstance(value, PayTo):
        raise InvalidValue(f"expected a PayTo or None, got {describe(value)}")
    return value


def _to_optional_affiliation(value: object) -> Affiliation | None:
    if value is not None and not isinstance(value, Affiliation):
        raise InvalidValue(f"expected an Affiliation or None, got {describe(value)}")
    return value


def _ended(period: Period, ends: date) -> Period | None:
    """``period`` cut short to end on ``ends``; ``None`` if it would not have begun by then."""
    if ends < period.start:
        return None
    if period.end is not None and period.end <= ends:
        return period
    return Period(period.start, ends)


@locate_errors
@attrs.frozen(kw_only=True)
class MoveStep:
    """One change to one contract, for the payer to make, in words and as data.

    * ``add_pay_to``: add ``entry`` (the new practice's NPI and tax id) to contract
      ``contract``;
    * ``end_pay_to``: end ``entry`` (the old practice's) on ``ends``;
    * ``end_group_membership``: end ``member`` (the provider's membership of the old
      practice's group contract) on ``ends``.

    An entry or membership that would not have begun by ``ends`` is removed instead.

    >>> step = MoveStep(kind="end_pay_to", contract="cigna-ana", ends="2026-02-28",
    ...     entry=PayTo(tin="12-3456789", npi="1558598797", effective=Period("2024-03-01")),
    ...     detail="ask Cigna to end Harbor Therapy's pay-to on 2026-02-28")
    >>> print(step)
    end_pay_to: ask Cigna to end Harbor Therapy's pay-to on 2026-02-28
    """

    kind: MoveStepKind = attrs.field(converter=_to_move_step_kind)
    contract: str = attrs.field(validator=not_blank)
    detail: str = attrs.field(validator=not_blank)
    entry: PayTo | None = attrs.field(default=None, converter=_to_optional_pay_to)
    member: Affiliation | None = attrs.field(default=None, converter=_to_optional_affiliation)
    ends: date | None = attrs.field(default=None, converter=to_optional_date)

    def __attrs_post_init__(self) -> None:
        def refuse(rule: str, attribute: str) -> None:
            raise InvalidValue(rule, owner="MoveStep", attribute=attribute)

        kind = self.kind.value
        if self.kind is MoveStepKind.END_GROUP_MEMBERSHIP:
            if self.member is None:
                refuse(f"{kind} names the membership it ends", "member")
            if self.entry is not None:
                refuse(f"{kind} changes a membership, not a pay-to entry: leave it None", "entry")
        else:
            if self.entry is None:
                refuse(f"{kind} names the pay-to entry it changes", "entry")
            if self.member is not None:
                refuse(f"{kind} changes a pay-to entry, not a membership: leave it None", "member")
        if self.kind is MoveStepKind.ADD_PAY_TO:
            if self.ends is not None:
                refuse("add_pay_to adds an entry as given: leave it None", "ends")
        elif self.ends is None:
            refuse(f"{kind} says the last day: give ends", "ends")

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}"

    def applied(self, contract: Contract) -> Contract:
        """Return ``contract`` with this change made.

        The entry or membership to end must be on the contract, or
        :class:`~credkit.InvalidValue` says the records have changed.
        """
        contract = an_argument(instance_of(Contract), contract, "contract")
        if self.kind is MoveStepKind.ADD_PAY_TO:
            assert self.entry is not None  # checked on construction
            return attrs.evolve(contract, pay_to=(*contract.pay_to, self.entry))
        assert self.ends is not None  # checked on construction
        ends = self.ends
        if self.kind is MoveStepKind.END_PAY_TO:
            pay_to = _end_one(contract.pay_to, self.entry, ends, contract.id, "pay-to entry")
            return attrs.evolve(contract, pay_to=pay_to)
        members = _end_one(contract.members, self.member, ends, contract.id, "membership")
        return attrs.evolve(contract, members=members)


def _end_one(
    records: tuple[PayTo, ...] | tuple[Affiliation, ...],
    record: PayTo | Affiliation | None,
    ends: date,
    contract_id: str,
    what: str,
) -> list[PayTo | Affiliation]:
    """``records`` with the first one equal to ``record`` ended on ``ends`` (or removed)."""
    result: list[PayTo | Affiliation] = list(records)
    for index, found in enumerate(result):
        if found == record:
            period = _ended(found.effective, ends)
            if period is None:
                del result[index]
            else:
                result[index] = attrs.evolve(found, effective=period)
            return result
    raise InvalidValue(
        f"contract {contract_id!r} has no such {what} to end: work the move out again "
        "from the current records"
    )


def _to_contracts(value: object) -> tuple[Contract, ...]:
    return tuple_of(Contract, value)


def _to_move_steps(value: object) -> tuple[MoveStep, ...]:
    return tuple_of(MoveStep, value)


def _to_optional_plan(value: object) -> Plan | None:
    if value is not None and not isinstance(value, Plan):
        raise InvalidValue(f"expected a Plan or None, got {describe(value)}")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class Move:
    """What a provider's move to another practice means with one payer: truthy when something travels.

    ``travels`` are the provider's own (individual) contracts: they go with the
    provider, and the steps link them to the new practice and unlink the old.
    ``stays`` are the old practice's group contracts the provider was a member of:
    the membership ends, and the contract stays with the practice. When nothing
    travels, ``plan`` is what :func:`credkit.adding_provider` says it takes to bill
    the payer at the new practice; when something does, ``plan`` is ``None``.

    ``steps`` are the changes the payer makes, in order; :meth:`apply` makes them
    in a list of contracts, once the payer confirms them.

    >>> move = Move(payer="aetna", plan=Plan(payer="aetna", path="new_individual_contract"))
    >>> bool(move), move.plan.path.value
    (False, 'new_individual_contract')
    """

    payer: str = attrs.field(converter=to_payer_id)
    travels: tuple[Contract, ...] = attrs.field(default=(), converter=_to_contracts)
    stays: tuple[Contract, ...] = attrs.field(default=(), converter=_to_contracts)
    steps: tuple[MoveStep, ...] = attrs.field(default=(), converter=_to_move_steps)
    plan: Plan | None = attrs.field(default=None, converter=_to_optional_plan)

    def __attrs_post_init__(self) -> None:
        def refuse(rule: str, attribute: str) -> None:
            raise InvalidValue(rule, owner="Move", attribute=attribute)

        for name, contracts, holder in (
            ("travels", self.travels, Individual),
            ("stays", self.stays, Group),
        ):
            for contract in contracts:
                if contract.payer != self.payer:
                    refuse(f"contract {contract.id!r} is with another payer", name)
                if not isinstance(contract.holder, holder):
                    kind = "individual" if holder is Individual else "group"
                    refuse(f"holds {kind} contracts only; {contract.id!r} is not one", name)
        for contract in self.travels:
            if contract.status is ContractStatus.PENDING:
                refuse(
                    f"contract {contract.id!r} is pending: only signed ones travel",
                    "travels",
                )
        known = {contract.id for contract in (*self.travels, *self.stays)}
        for step in self.steps:
            if step.contract not in known:
                refuse(
                    f"a step changes contract {step.contract!r}, which neither travels nor stays",
                    "steps",
                )
        if self.travels and self.plan is not None:
            refuse("is given only when nothing travels: leave it None", "plan")
        if not self.travels and self.plan is None:
            refuse("when nothing travels, give the plan for the new practice", "plan")
        if self.plan is not None and self.plan.payer != self.payer:
            refuse(f"is for payer {self.plan.payer!r}, not {self.payer!r}", "plan")

    def __bool__(self) -> bool:
        return bool(self.travels)

    def apply(self, contracts: Iterable[Contract]) -> tuple[Contract, ...]:
        """Return ``contracts`` with this move's steps made, in the same order.

        Use it to bring the records up to date once the payer has made the changes.
        Every contract a step changes must be among ``contracts`` (matched by id
        and payer), with the entry or membership it ends.
        """
        result = list(tuple_of(Contract, contracts))
        for step in self.steps:
            for index, contract in enumerate(result):
                if contract.id == step.contract and contract.payer == self.payer:
                    result[index] = step.applied(contract)
                    break
            else:
                raise InvalidValue(
                    f"no contract {step.contract!r} with payer {self.payer!r} among "
                    "the contracts given",
                    owner="argument",
                    attribute="contracts",
                )
        return tuple(result)


# --- individual or group -----------------------------------------------------------

Choice: TypeAlias = Literal["individual", "group"]
"""How a practice contracts with a payer: its providers one by one, or as a group."""


def _to_choice(value: object) -> Choice:
    if value == "individual" and isinstance(value, str):
        return "individual"
    if value == "group" and isinstance(value, str):
        return "group"
    got = shown(value) if isinstance(value, str) else describe(value)
    raise InvalidValue(f"expected 'individual' or 'group', got {got}")


def _to_group_at(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"expected a whole number or None, got {describe(value)}")
    if value < 1:
        raise InvalidValue("a group contract needs at least 1 provider")
    if value > MAX_PROVIDERS:
        raise InvalidValue(f"must be at most {MAX_PROVIDERS:,} providers")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class Recommendation:
    """How a practice should contract with a payer: ``choice`` is ``"individual"`` or ``"group"``.

    Truthy exactly when the advice is to contract as a group, so that
    ``if recommendation:`` reads "should we go for the group contract?".
    ``reasons`` say why, and list the steps to take on the way (``needs_ein``,
    ``needs_group_npi``); ``group_at`` is the payer's group minimum, the number of
    providers from which a group contract is possible, or ``None`` when the payer
    offers none.

    >>> advice = Recommendation(choice="individual", group_at=4, reasons=[Reason(
    ...     code="below_group_minimum", message="Cigna needs 4 providers; Harbor has 2")])
    >>> bool(advice), advice.choice, advice.group_at
    (False, 'individual', 4)
    """

    choice: Choice = attrs.field(converter=_to_choice)
    reasons: tuple[Reason, ...] = attrs.field(converter=_to_reasons)
    group_at: int | None = attrs.field(default=None, converter=_to_group_at)

    @reasons.validator
    def _says_why(self, attribute: "attrs.Attribute[tuple[Reason, ...]]", value: object) -> None:
        if not value:
            raise InvalidValue(
                "a recommendation says why: give at least one reason",
                owner="Recommendation",
                attribute="reasons",
            )

    def __attrs_post_init__(self) -> None:
        if self.choice == "group" and self.group_at is None:
            raise InvalidValue(
                "a group contract is advised only from a payer that offers one: give group_at",
                owner="Recommendation",
                attribute="group_at",
            )

    def __bool__(self) -> bool:
        return self.choice == "group"

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes of the reasons, in order."""
        return tuple(reason.code for reason in self.reasons)


# --- Medicare: enroll, opt out, or neither -------------------------------------------


class MedicarePosition(CredkitEnum):
    """The positions a clinician can take with Medicare.

    >>> MedicarePosition("opted_out")
    <MedicarePosition.OPTED_OUT: 'opted_out'>
    """

    ENROLLED = "enrolled"
    OPTED_OUT = "opted_out"
    NEITHER = "neither"


def _to_position(value: object) -> MedicarePosition:
    return to_enum(MedicarePosition, value)


def _to_texts(value: object) -> tuple[str, ...]:
    return texts(value)


@locate_errors
@attrs.frozen(kw_only=True)
class MedicareOption:
    """One position with Medicare: what taking it ``requires``, and what it ``rules_out``.

    ``available`` says whether the clinician can take it on the date asked about.

    >>> option = MedicareOption(position="neither", available=True,
    ...     requires=["nothing to file"], rules_out=["billing Medicare"])
    >>> option.position.value, option.rules_out
    ('neither', ('billing Medicare',))
    """

    position: MedicarePosition = attrs.field(converter=_to_position)
    available: bool = attrs.field(validator=strict_bool)
    requires: tuple[str, ...] = attrs.field(converter=_to_texts)
    rules_out: tuple[str, ...] = attrs.field(converter=_to_texts)

    def __str__(self) -> str:
        state = "" if self.available else " (not available)"
        return (
            f"{self.position.value}{state}: requires {'; '.join(self.requires)}; "
            f"rules out {'; '.join(self.rules_out)}"
        )


def _to_options(value: object) -> tuple[MedicareOption, ...]:
    options = tuple_of(MedicareOption, value)
    positions = tuple(option.position for option in options)
    if positions != tuple(MedicarePosition):
        raise InvalidValue(
            "expected one option for each position, in order: "
            + ", ".join(position.value for position in MedicarePosition)
        )
    return options


@locate_errors
@attrs.frozen(kw_only=True)
class MedicareOptions:
    """A clinician's three positions with Medicare on a date, and which one they hold.

    Truthy exactly when the clinician can choose: ``eligible`` means their license,
    in a profession Medicare accepts on ``on``, lets them enroll or opt out; when it
    does not, ``reasons`` say why (``not_licensed``, ``profession_not_accepted``) and
    only ``neither`` is available. ``current`` is the position held on ``on``
    (an opt-out in force, else an approved enrollment in effect, else neither), and
    ``notes`` explain it (``opted_out``, saying when the two-year period ends).
    ``options`` holds one :class:`MedicareOption` per position, in
    :class:`MedicarePosition` order.

    >>> options = [MedicareOption(position=position, available=True, requires=["a step"],
    ...     rules_out=["a thing"]) for position in MedicarePosition]
    >>> answer = MedicareOptions(provider="1234567893", on="2026-11-30", eligible=True,
    ...     current="enrolled", options=options)
    >>> bool(answer), answer.current, answer.option("opted_out").available
    (True, <MedicarePosition.ENROLLED: 'enrolled'>, True)
    >>> MedicareOptions(provider="1234567893", on="2026-11-30", eligible=False,
    ...     current="neither", options=options)
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: MedicareOptions.reasons: say why the clinician cannot enroll or opt out: give at least one reason
    """

    provider: NPI = attrs.field(converter=to_npi)
    on: date = attrs.field(converter=to_date)
    eligible: bool = attrs.field(validator=strict_bool)
    current: MedicarePosition = attrs.field(converter=_to_position)
    options: tuple[MedicareOption, ...] = attrs.field(converter=_to_options)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)
    notes: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)

    def __attrs_post_init__(self) -> None:
        if self.eligible == bool(self.reasons):
            rule = (
                "an eligible clinician has nothing in the way: give no reasons"
                if self.eligible
                else "say why the clinician cannot enroll or opt out: give at least one reason"
            )
            raise InvalidValue(rule, owner="MedicareOptions", attribute="reasons")
        for option in self.options:
            if option.position is self.current and not option.available:
                raise InvalidValue(
                    f"the current position {self.current.value} must be available",
                    owner="MedicareOptions",
                    attribute="current",
                )

    def __bool__(self) -> bool:
        return self.eligible

    def __str__(self) -> str:
        lines = [f"Medicare on {self.on.isoformat()} for NPI {self.provider}: {self.current.value}"]
        lines += [f"  {reason.code.value}: {reason.message}" for reason in self.reasons]
        lines += [f"  note {reason.code.value}: {reason.message}" for reason in self.notes]
        for option in self.options:
            mark = "*" if option.position is self.current else "-"
            lines.append(f"  {mark} {option}")
        return "\n".join(lines)

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes of the reasons, in order."""
        return tuple(reason.code for reason in self.reasons)

    def option(self, position: MedicarePosition | str) -> MedicareOption:
        """The option for one position.

        >>> from credkit import Provider, medicare_options
        >>> answer = medicare_options(Provider(npi="1234567893", name="Ana"), on="2026-11-28")
        >>> answer.option("neither").rules_out
        ('billing Medicare', 'nothing else: Medicare does not cover the services of this profession then, so they may be charged privately')
        """
        wanted = _to_position(position)
        return next(option for option in self.options if option.position is wanted)
