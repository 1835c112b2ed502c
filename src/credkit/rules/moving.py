"""moving_provider: what travels with a provider who moves practices, and what stays behind?"""

from collections.abc import Iterable
from datetime import date

from credkit._calendar import add_days
from credkit.advice import Move, MoveStep, MoveStepKind
from credkit.contract import Contract, ContractStatus, Group, Individual, PayTo
from credkit.credential import Credential
from credkit.errors import InvalidValue
from credkit.opt_out import OptOut
from credkit.payer import Payer
from credkit.periods import Period
from credkit.practice import Practice
from credkit.provider import Provider
from credkit.rules._common import argument, day, items
from credkit.rules.adding import adding_provider

__all__ = ["moving_provider"]


def moving_provider(
    provider: Provider,
    from_practice: Practice,
    to_practice: Practice,
    *,
    on: date | str,
    providers: Iterable[Provider],
    credentials: Iterable[Credential],
    contracts: Iterable[Contract],
    payers: Iterable[Payer],
    opt_outs: Iterable[OptOut] = (),
) -> dict[str, Move]:
    """Work out, payer by payer, what happens to ``provider``'s contracts in a move.

    ``on`` is the provider's first day at ``to_practice``; whatever belonged to
    ``from_practice`` ends the day before. The answer has a :class:`~credkit.Move`
    for every payer in ``payers``, by payer id, in their order.

    * **What travels**: every executed individual contract of the provider's with
      the payer that has not ended by ``on``, whatever the state of the credential
      (a contract starting later travels too), and every terminated one whose last
      day is ``on`` or later: it covers the days of its term as an executed one does. An individual contract belongs to
      the provider: the payer adds a pay-to entry for ``to_practice`` from ``on``
      (its NPI and tax id, or the provider's own NPI for a practice without one),
      unless an entry for it already covers ``on`` to the end of the contract's
      term, and ends each entry for ``from_practice`` still running on ``on``.
    * **What stays**: every group contract of ``from_practice`` with the payer that
      has not ended by ``on`` (pending, executed, or terminated with its last day
      ``on`` or later), of which the provider is a member on or after ``on``. A group contract belongs to the practice: the membership ends, and
      the contract stays.
    * When nothing travels, ``plan`` is :func:`~credkit.adding_provider` for the
      provider at ``to_practice``, given ``opt_outs``: the way onto the payer's
      panel there.

    Moving the provider on the practices' rosters is the practices' own record, not
    a payer's step: the plan says ``join_roster`` where it applies. After the payer
    makes a move's steps (:meth:`~credkit.Move.apply`), a travelling contract
    covers the provider at ``to_practice`` from ``on``, once there on the roster
    and licensed, whenever the contract and a credential are in effect.

    >>> from credkit import Individual, License, Payer, PayTo, Period, Practice, Provider
    >>> ana = Provider(npi="1234567893", name="Ana Ruiz, LCSW")
    >>> harbor = Practice(name="Harbor Therapy", tin="12-3456789", npi="1558598797", states=["NY"])
    >>> lakeside = Practice(name="Lakeside", tin="98-7654321", npi="1245319599", states=["NY"])
    >>> aetna = Contract(id="aetna-ana", payer="aetna", holder=Individual(provider=ana.npi),
    ...     status="executed", signed="2024-02-15", effective=Period("2024-03-01"),
    ...     pay_to=[PayTo(tin=harbor.tin, npi=harbor.npi, effective=Period("2024-03-01"))])
    >>> moves = moving_provider(ana, harbor, lakeside, on="2026-03-02", providers=[ana],
    ...     credentials=[], contracts=[aetna], payers=[Payer(id="aetna", name="Aetna")])
    >>> move = moves["aetna"]
    >>> bool(move), [contract.id for contract in move.travels]
    (True, ['aetna-ana'])
    >>> for step in move.steps:
    ...     print(step)
    add_pay_to: ask Aetna to load Lakeside's NPI 1245319599 and tax id 98-7654321 as pay-to on individual contract aetna-ana from 2026-03-02
    end_pay_to: ask Aetna to end the pay-to for Harbor Therapy (tax id 12-3456789) on individual contract aetna-ana on 2026-03-01
    """
    provider = argument(Provider, provider, "provider")
    from_practice = argument(Practice, from_practice, "from_practice")
    to_practice = argument(Practice, to_practice, "to_practice")
    if from_practice.tin == to_practice.tin:
        raise InvalidValue(
            f"is the practice the provider moves from (tax id {to_practice.tin}): a move "
            "is between two practices",
            owner="argument",
            attribute="to_practice",
        )
    on = day(on)
    team = items(Provider, providers, "providers")
    credentials = items(Credential, credentials, "credentials")
    contracts = items(Contract, contracts, "contracts")
    opt_out_list = items(OptOut, opt_outs, "opt_outs")
    moves: dict[str, Move] = {}
    for payer in items(Payer, payers, "payers"):
        if payer.id in moves:
            continue
        travels = _travels(provider, payer, contracts, on)
        stays = _stays(provider, payer, from_practice, contracts, on)
        steps = [
            *(
                step
                for contract in travels
                for step in _relink(
                    provider, payer, contract, old=from_practice, new=to_practice, on=on
                )
            ),
            *(step for contract in stays for step in _leave(provider, payer, contract, on)),
        ]
        plan = None
        if not travels:
            plan = adding_provider(
                to_practice,
                provider,
                payer,
                on=on,
                providers=team,
                credentials=credentials,
                contracts=contracts,
                opt_outs=opt_out_list,
            )
        moves[payer.id] = Move(payer=payer.id, travels=travels, stays=stays, steps=steps, plan=plan)
    return moves


def _running(period: Period | None, on: date) -> bool:
    """Whether a period has not ended by ``on`` (it may not have started yet)."""
    return period is not None and not period.has_ended(on)


def _travels(
    provider: Provider, payer: Payer, contracts: tuple[Contract, ...], on: date
) -> list[Contract]:
    return [
        contract
        for contract in contracts
        if contract.payer == payer.id
        and isinstance(contract.holder, Individual)
        and contract.holder.provider == provider.npi
        and contract.status is not ContractStatus.PENDING
        and _running(contract.effective, on)
    ]


def _stays(
    provider: Provider,
    payer: Payer,
    practice: Practice,
    contracts: tuple[Contract, ...],
    on: date,
) -> list[Contract]:
    return [
        contract
        for contract in contracts
        if contract.payer == payer.id
        and isinstance(contract.holder, Group)
        and contract.holder.practice == practice.tin
        and (contract.effective is None or _running(contract.effective, on))
        and any(
            member.provider == provider.npi and _running(member.effective, on)
            for member in contract.members
        )
    ]


def _relink(
    provider: Provider,
    payer: Payer,
    contract: Contract,
    *,
    old: Practice,
    new: Practice,
    on: date,
) -> list[MoveStep]:
    """Link a travelling contract to the new practice and unlink it from the old one."""
    term = contract.effective
    assert term is not None  # executed and terminated contracts have their term
    name = f"individual contract {contract.id}"
    steps = []
    linked = any(
        entry.tin == new.tin
        and on in entry.effective
        and (
            entry.effective.end is None
            or (term.end is not None and entry.effective.end >= term.end)
        )
        for entry in contract.pay_to
    )
    if not linked:
        npi = new.npi if new.npi is not None else provider.npi
        steps.append(
            MoveStep(
                kind=MoveStepKind.ADD_PAY_TO,
                contract=contract.id,
                entry=PayTo(tin=new.tin, npi=npi, effective=Period(on)),
                detail=(
                    f"ask {payer.name} to load {new.name}'s NPI {npi} and tax id {new.tin} "
                    f"as pay-to on {name} from {on.isoformat()}"
                ),
            )
        )
    last_day = add_days(on, -1)
    for entry in contract.pay_to:
        if entry.tin == old.tin and _running(entry.effective, on):
            detail = (
                f"ask {payer.name} to end the pay-to for {old.name} (tax id {old.tin}) on "
                f"{name} on {last_day.isoformat()}"
                if entry.effective.start <= last_day
                else f"ask {payer.name} to cancel the pay-to for {old.name} (tax id {old.tin}) "
                f"on {name}, which was to start on {entry.effective.start.isoformat()}"
            )
            steps.append(
                MoveStep(
                    kind=MoveStepKind.END_PAY_TO,
                    contract=contract.id,
                    entry=entry,
                    ends=last_day,
                    detail=detail,
                )
            )
    return steps


def _leave(provider: Provider, payer: Payer, contract: Contract, on: date) -> list[MoveStep]:
    """End the provider's membership of the old practice's group contract."""
    last_day = add_days(on, -1)
    steps = []
    for member in contract.members:
        if member.provider == provider.npi and _running(member.effective, on):
            when = (
                f"on {last_day.isoformat()}"
                if member.effective.start <= last_day
                else f"before it starts on {member.effective.start.isoformat()}"
            )
            steps.append(
                MoveStep(
                    kind=MoveStepKind.END_GROUP_MEMBERSHIP,
                    contract=contract.id,
                    member=member,
                    ends=last_day,
                    detail=(
                        f"ask {payer.name} to end {provider.name}'s membership of group "
                        f"contract {contract.id} {when}"
                    ),
                )
            )
    return steps
