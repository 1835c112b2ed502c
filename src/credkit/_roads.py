"""Working out a practice's :class:`~credkit.progress.Timeline` from a book's records.

The first billable day and the billable spans come from the batch path's
stretches (:mod:`credkit._timeline`): the verdict is the same on every day of a
stretch, so judging each stretch once finds exactly the days on which
:func:`credkit.can_bill` allows a claim, however far apart the records' dates lie.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from credkit._timeline import Timeline as Stretches
from credkit.answers import Verdict
from credkit.contract import Contract, ContractStatus, Group
from credkit.credential import Credential, CredentialStatus
from credkit.payer import Payer
from credkit.periods import Period
from credkit.practice import Practice
from credkit.progress import Milestone, MilestoneKind, Pending, Road, Span, Stage, Timeline, ordered
from credkit.provider import LicenseStatus, Provider
from credkit.rules.billing import Facts

__all__ = ["work_out_timeline"]

_DAY = timedelta(days=1)


def work_out_timeline(
    practice: Practice,
    *,
    on: date,
    providers: dict[object, Provider],
    payers: Iterable[Payer],
    facts: Callable[[Provider, Payer, Practice], Facts],
) -> Timeline:
    """The timeline of ``practice`` on ``on``: a road per provider and payer, and what waits."""
    staff = _staff(practice, on, providers)
    roads: list[Road] = []
    pending: list[Pending] = []
    group_pending_seen: set[str] = set()
    for payer in payers:
        for provider, joined in staff:
            found = facts(provider, payer, practice)
            roads.append(_road(found, joined, on))
            pending += _pending_credentials(found, on)
            for contract in found.contracts:
                if (
                    contract.status is not ContractStatus.PENDING
                    or contract.id in group_pending_seen
                ):
                    continue
                if contract.submitted is not None and contract.submitted > on:
                    continue  # not yet sent on the date asked about
                group_pending_seen.add(contract.id)
                pending.append(_pending_contract(contract, payer, practice, provider, on))
    pending.sort(key=lambda item: (item.since is None, item.since or date.min, item.who))
    return Timeline(practice=practice.tin, on=on, roads=roads, pending=pending)


def _staff(
    practice: Practice, on: date, providers: dict[object, Provider]
) -> list[tuple[Provider, Period]]:
    """Providers on the roster on ``on`` or joining later, each once, with the stint that counts."""
    chosen: dict[object, Period] = {}
    for entry in practice.roster:
        period = entry.effective
        if period.end is not None and period.end < on:
            continue
        held = chosen.get(entry.provider)
        # The stint in effect on the date wins; else the soonest to start.
        if held is None or (on not in held and (on in period or period.start < held.start)):
            chosen[entry.provider] = period
    return [(providers[npi], period) for npi, period in chosen.items()]


def _speaking(credentials: Iterable[Credential], on: date) -> Credential | None:
    """The credential that speaks for ``on``: in effect then, else the latest before, else the next."""
    records = list(credentials)
    for credential in records:
        if (
            credential.status in (CredentialStatus.APPROVED, CredentialStatus.TERMINATED)
            and credential.effective is not None
            and on in credential.effective
        ):
            return credential

    def dated(credential: Credential) -> date | None:
        days = [credential.submitted] if credential.submitted is not None else []
        if credential.effective is not None:
            days.append(credential.effective.start)
        return min(days) if days else None

    known = [(day, place, c) for place, c in enumerate(records) if (day := dated(c)) is not None]
    before = [item for item in known if item[0] <= on]
    if before:
        return max(before, key=lambda item: (item[0], item[1]))[2]
    after = [item for item in known if item[0] > on]
    return min(after, key=lambda item: (item[0], item[1]))[2] if after else None


def _contract_for(facts: Facts, verdict: Verdict | None) -> Contract | None:
    """The contract a road follows: the one that first authorizes, else the practice's group one."""
    if verdict is not None and verdict.contract is not None:
        return verdict.contract
    ranked = sorted(
        facts.contracts,
        key=lambda contract: (
            not contract.is_group,
            contract.status is not ContractStatus.EXECUTED,
            contract.status is ContractStatus.TERMINATED,
        ),
    )
    return ranked[0] if ranked else None


def _link(contract: Contract, facts: Facts) -> Period | None:
    """The membership or pay-to entry that ties the contract to this provider here, if any."""
    if isinstance(contract.holder, Group):
        entries = [m.effective for m in contract.members if m.provider == facts.provider.npi]
    else:
        entries = [p.effective for p in contract.pay_to if p.tin == facts.practice.tin]
    return min(entries, key=lambda period: period.start) if entries else None


def _billable_runs(stretches: Stretches) -> tuple[list[tuple[date, date]], list[Verdict]]:
    """Each run of days on which claims are allowed, and the verdict of each stretch."""
    verdicts = [stretches.work_out(index, None, None) for index in range(stretches.last + 1)]
    runs: list[tuple[date, date]] = []
    for index, verdict in enumerate(verdicts):
        if not verdict.allowed:
            continue
        start = stretches.day(index) if index else date.min
        end = date.fromordinal(stretches.edges[index] - 1) if index < stretches.last else date.max
        if runs and runs[-1][1] + _DAY == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs, verdicts


def _road(facts: Facts, joined: Period, on: date) -> Road:
    provider, payer, practice = facts.provider, facts.payer, facts.practice
    stretches = Stretches(facts)
    runs, verdicts = _billable_runs(stretches)
    today = verdicts[bisect_right(stretches.edges, on.toordinal())]
    first_billable = runs[0][0] if runs else None
    first_verdict = (
        verdicts[bisect_right(stretches.edges, first_billable.toordinal())]
        if first_billable is not None
        else None
    )
    milestones = [
        Milestone(
            kind=MilestoneKind.JOINED_ROSTER, on=joined.start, detail=f"joined {practice.name}"
        )
    ]
    licenses = [
        license
        for license in provider.licenses
        if license.state in practice.states
        and license.status is LicenseStatus.ACTIVE
        and (license.effective.end is None or license.effective.end >= joined.start)
    ]
    if licenses:
        license = min(licenses, key=lambda item: item.effective.start)
        milestones.append(
            Milestone(
                kind=MilestoneKind.LICENSED,
                on=license.effective.start,
                detail=f"{license.state} {license.profession.label} license {license.number}"
                + ("" if license.effective.end is None else f", until {license.effective.end}"),
            )
        )
    credential = _speaking(facts.credentials, on)
    submitted = credentialed = None
    if credential is not None:
        submitted = credential.submitted
        if submitted is not None:
            milestones.append(
                Milestone(
                    kind=MilestoneKind.SUBMITTED,
                    on=submitted,
                    detail=f"credentialing application to {payer.name} ({credential.status.value})",
                )
            )
        if credential.effective is not None and credential.status in (
            CredentialStatus.APPROVED,
            CredentialStatus.TERMINATED,
        ):
            credentialed = credential.effective.start
            milestones.append(
                Milestone(
                    kind=MilestoneKind.CREDENTIALED,
                    on=credentialed,
                    detail=f"credentialed with {payer.name}",
                )
            )
    contract = _contract_for(facts, first_verdict)
    ready = None
    if contract is not None:
        what = "group contract" if contract.is_group else "individual contract"
        if contract.signed is not None:
            milestones.append(
                Milestone(
                    kind=MilestoneKind.CONTRACT_SIGNED,
                    on=contract.signed,
                    detail=f"{what} {contract.id} signed",
                )
            )
        link = _link(contract, facts)
        if contract.effective is not None and contract.status is not ContractStatus.PENDING:
            ready = contract.effective.start
            milestones.append(
                Milestone(
                    kind=MilestoneKind.CONTRACT_EFFECTIVE,
                    on=ready,
                    detail=f"{what} {contract.id} in effect",
                )
            )
        if link is not None:
            ready = max(ready, link.start) if ready is not None else link.start
            milestones.append(
                Milestone(
                    kind=MilestoneKind.LINKED,
                    on=link.start,
                    detail=(
                        f"added to group contract {contract.id}"
                        if contract.is_group
                        else f"contract {contract.id} linked to {practice.name}"
                    ),
                )
            )
    if first_billable is not None:
        milestones.append(
            Milestone(
                kind=MilestoneKind.FIRST_BILLABLE,
                on=first_billable,
                detail=f"first day claims to {payer.name} are allowed",
            )
        )
    spans = _spans(
        credential, submitted=submitted, credentialed=credentialed, ready=ready, runs=runs, on=on
    )
    return Road(
        provider=provider.npi,
        name=provider.name,
        payer=payer.id,
        milestones=ordered(milestones),
        spans=spans,
        first_billable=first_billable,
        billable=today.allowed,
        blocker=None if today.allowed else today.reasons[0],
    )


def _spans(
    credential: Credential | None,
    *,
    submitted: date | None,
    credentialed: date | None,
    ready: date | None,
    runs: list[tuple[date, date]],
    on: date,
) -> tuple[Span, ...]:
    """Pending, approved and contracted up to the first billable day; then the billable runs."""
    phases: list[tuple[Stage, date]] = []
    still_pending = credential is not None and credential.status is CredentialStatus.PENDING
    if submitted is not None and (credentialed is not None or still_pending):
        phases.append((Stage.PENDING, submitted))
    if credentialed is not None:
        phases.append((Stage.APPROVED, credentialed))
    if ready is not None and credentialed is not None:
        phases.append((Stage.CONTRACTED, ready))
    first_billable = runs[0][0] if runs else None
    spans: list[Span] = []
    for place, (stage, start) in enumerate(phases):
        later = [day for _, day in phases[place + 1 :] if day > start]
        if first_billable is not None and first_billable > start:
            later.append(first_billable)
        if first_billable is not None and first_billable <= start:
            continue  # already billable (retro billing reaches back past it)
        end = min(later) - _DAY if later else max(on, start)
        if end >= start:
            spans.append(Span(stage=stage, start=start, end=end))
    spans += [Span(stage=Stage.BILLABLE, start=start, end=end) for start, end in runs]
    return tuple(spans)


def _pending_credentials(facts: Facts, on: date) -> list[Pending]:
    typical = facts.payer.rules.typical_days
    found = []
    for credential in facts.credentials:
        if credential.status is not CredentialStatus.PENDING:
            continue
        since = credential.submitted
        if since is not None and since > on:
            continue  # not yet submitted on the date asked about
        days = None if since is None else (on - since).days
        found.append(
            Pending(
                record="credential",
                payer=facts.payer.id,
                who=facts.provider.name,
                provider=facts.provider.npi,
                since=since,
                days=days,
                typical_days=typical,
                followup_due=days is not None and typical is not None and days > typical,
            )
        )
    return found


def _pending_contract(
    contract: Contract, payer: Payer, practice: Practice, provider: Provider, on: date
) -> Pending:
    typical = payer.rules.typical_days
    since = contract.submitted
    days = None if since is None else (on - since).days
    return Pending(
        record="contract",
        payer=payer.id,
        who=practice.name if contract.is_group else provider.name,
        provider=None if contract.is_group else provider.npi,
        contract=contract.id,
        since=since,
        days=days,
        typical_days=typical,
        followup_due=days is not None and typical is not None and days > typical,
    )
