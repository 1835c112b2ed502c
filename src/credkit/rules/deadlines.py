"""deadlines: what falls due in the coming days, and what is already overdue?"""

from collections.abc import Iterable, Sequence
from datetime import date

from credkit._calendar import add_days, add_months
from credkit.advice import Deadline, DeadlineKind
from credkit.contract import Contract, ContractStatus, Group, Individual
from credkit.credential import Credential, CredentialStatus
from credkit.errors import InvalidValue
from credkit.identifiers import NPI
from credkit.opt_out import NOTICE_DAYS, OptOut
from credkit.payer import Payer
from credkit.periods import Period
from credkit.provider import LicenseStatus, Provider
from credkit.rules._common import argument, day, holds, items, signed, whole_number
from credkit.rules.readiness import CAQH_DAYS

__all__ = ["deadlines", "revalidation_months"]

MEDICARE_REVALIDATION_MONTHS = 60
"""Medicare revalidates every enrollment every five years (42 CFR 424.515)."""


def revalidation_months(payer: Payer) -> int | None:
    """How often the payer revalidates enrollments: its own figure, or Medicare's 60 months.

    ``None`` for a payer that recredentials instead.

    >>> from credkit import PayerRules
    >>> from credkit.catalog import CIGNA, MEDICARE
    >>> revalidation_months(MEDICARE), revalidation_months(CIGNA)
    (60, None)
    >>> revalidation_months(Payer(id="m", name="M", rules=PayerRules(medicare=True)))
    60
    """
    rules = argument(Payer, payer, "payer").rules
    if rules.revalidation_months is not None:
        return rules.revalidation_months
    return MEDICARE_REVALIDATION_MONTHS if rules.medicare else None


_KIND_ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}


def deadlines(
    *,
    on: date | str,
    within_days: int,
    providers: Iterable[Provider],
    credentials: Iterable[Credential],
    contracts: Iterable[Contract],
    payers: Iterable[Payer],
    opt_outs: Iterable[OptOut] = (),
) -> tuple[Deadline, ...]:
    """List what falls due from ``on`` to ``within_days`` days later, and what is overdue.

    The calendar holds, for the records given:

    * ``license`` — each active license's expiry (its last day);
    * ``liability`` — each liability policy's expiry;
    * ``recredentialing`` — for each approved credential, the start of its effective
      period plus the payer's ``recredential_months`` (the same day of the month,
      clamped to the month's end), or the credential's end if that is earlier;
    * ``revalidation`` — instead of recredentialing, for a payer that revalidates
      enrollments (its ``revalidation_months``, or Medicare's five years, 42 CFR
      424.515): the start of the approved credential's effective period plus that
      many months, or the credential's end if that is earlier;
    * ``caqh_attestation`` — for every provider with a ``caqh_attested`` date, that
      date plus 120 days (the last day the attestation is current), whatever the
      payers require;
    * ``contract_term`` — each executed contract's last day (a terminated
      contract's last day is not due: it ended as recorded, and nothing of a
      terminated contract or credential falls due);
    * ``pay_to`` and ``group_membership`` — the last day of each pay-to entry and
      group-contract membership of an executed contract, unless it ends with the
      contract's term (the ``contract_term`` item covers it);
    * ``opt_out_cancellation`` — for each opt-out in ``opt_outs`` that will renew by
      itself, the last day to send a written cancellation so that it ends before its
      next two-year period: 30 days before that period begins. Only the next such
      day on or after ``on`` is listed (a day passed commits the clinician to the
      next period, so it is never overdue).

    An item due before ``on`` is included with ``overdue`` set: something lapsed and
    nobody recorded a renewal. An item already dealt with is left out, due or
    overdue: one superseded by a newer record of the same kind that runs past it (a
    renewed license for the same state; a newer liability policy; a newer approved
    or terminated credential with the same payer; a newer executed or terminated
    contract with the same payer and holder, or, for an individual contract, the provider's newer membership of
    a group contract with that payer, which took its place; a newer pay-to entry on the same contract; a newer membership of the
    same provider on the same group contract). A provider has one attestation date,
    so the latest attestation is the only one there is.

    The result is sorted by due date, then by kind in :class:`DeadlineKind` order,
    then by subject. Every provider and payer a credential or contract names must be
    among ``providers`` and ``payers`` (as in a :class:`~credkit.Book`), or
    :class:`~credkit.InvalidValue` names the record.

    >>> from credkit import LiabilityPolicy, License, Period, Provider
    >>> ana = Provider(npi="1234567893", name="Ana Ruiz, LCSW",
    ...     licenses=[License(state="NY", profession="clinical_social_worker", number="R-1",
    ...                       effective=Period("2024-01-01", "2026-12-31"))],
    ...     liability=[LiabilityPolicy(carrier="CPH", per_claim="1000000",
    ...         aggregate="3000000", effective=Period("2025-11-01", "2026-10-31"))])
    >>> for deadline in deadlines(on="2026-11-28", within_days=90, providers=[ana],
    ...                           credentials=[], contracts=[], payers=[]):
    ...     print(deadline)
    2026-10-31 liability (overdue): Ana Ruiz, LCSW: liability policy with CPH: renew or replace the policy, and send each payer the new certificate of insurance
    2026-12-31 license: Ana Ruiz, LCSW: NY clinical social worker license R-1: renew the license with the state board, and send each payer the renewal
    """
    on = day(on)
    horizon = add_days(on, whole_number(within_days, "within_days", "days"))
    team = items(Provider, providers, "providers")
    credentials = items(Credential, credentials, "credentials")
    contracts = items(Contract, contracts, "contracts")
    known_payers = items(Payer, payers, "payers")
    opting_out = items(OptOut, opt_outs, "opt_outs")
    people: dict[NPI, Provider] = {}
    for provider in team:
        people.setdefault(provider.npi, provider)
    payer_by_id: dict[str, Payer] = {}
    for payer in known_payers:
        payer_by_id.setdefault(payer.id, payer)
    _check_references(people, payer_by_id, credentials, contracts, opting_out)

    found: list[Deadline] = []
    for provider in team:
        found += _provider_deadlines(provider, on)
    found += _recredentialing(people, payer_by_id, credentials, on)
    found += _opt_out_cancellations(people, payer_by_id, opting_out, on)
    # The terms of the executed and terminated contracts, by payer and holder, to
    # tell renewals by: a terminated contract ran its term, and took the place of
    # the one before; only its own end is not due.
    terms: dict[tuple[str, Individual | Group], list[Period]] = {}
    for contract in contracts:
        if signed(contract) and contract.effective is not None:
            terms.setdefault((contract.payer, contract.holder), []).append(contract.effective)
            # A provider moved onto a group contract no longer needs their own.
            for member in contract.members:
                holder = Individual(provider=member.provider)
                terms.setdefault((contract.payer, holder), []).append(member.effective)
    for contract in contracts:
        if contract.status is ContractStatus.EXECUTED:
            siblings = terms[contract.payer, contract.holder]
            found += _contract_deadlines(contract, siblings, people, payer_by_id, on)
    chosen = [deadline for deadline in found if deadline.due <= horizon]
    chosen.sort(key=lambda item: (item.due, _KIND_ORDER[item.kind], item.subject))
    return tuple(chosen)


def _check_references(
    people: dict[NPI, Provider],
    payers: dict[str, Payer],
    credentials: Sequence[Credential],
    contracts: Sequence[Contract],
    opt_outs: Sequence[OptOut] = (),
) -> None:
    """Refuse records that name a provider or payer not given: their deadlines need them."""

    def refuse(name: str, index: int, what: str) -> None:
        raise InvalidValue(
            f"item {index} names {what}, which is not among the providers and payers given",
            owner="argument",
            attribute=name,
        )

    for index, credential in enumerate(credentials):
        if credential.provider not in people:
            refuse("credentials", index, f"the provider with NPI {credential.provider}")
        if credential.payer not in payers:
            refuse("credentials", index, f"payer {credential.payer!r}")
    for index, contract in enumerate(contracts):
        if contract.payer not in payers:
            refuse("contracts", index, f"payer {contract.payer!r}")
        holder = contract.holder
        npis = [member.provider for member in contract.members]
        if isinstance(holder, Individual):
            npis.append(holder.provider)
        for npi in npis:
            if npi not in people:
                refuse("contracts", index, f"the provider with NPI {npi}")
    for index, opt_out in enumerate(opt_outs):
        if opt_out.provider not in people:
            refuse("opt_outs", index, f"the provider with NPI {opt_out.provider}")
        if opt_out.payer not in payers:
            refuse("opt_outs", index, f"payer {opt_out.payer!r}")


def _item(
    due: date,
    kind: DeadlineKind,
    subject: str,
    action: str,
    on: date,
    *,
    provider: NPI | None = None,
    payer: str | None = None,
    contract: str | None = None,
) -> Deadline:
    return Deadline(
        due=due,
        kind=kind,
        subject=subject,
        action=action,
        overdue=due < on,
        provider=provider,
        payer=payer,
        contract=contract,
    )


def _runs_past(period: Period, end: date) -> bool:
    """Whether ``period`` is still running after ``end``."""
    return period.end is None or period.end > end


def _newer_runs_past(periods: Iterable[Period], period: Period) -> bool:
    """Whether a period that started after ``period`` runs past its end."""
    assert period.end is not None  # only ending periods have deadlines
    end = period.end
    return any(other.start > period.start and _runs_past(other, end) for other in periods)


def _provider_deadlines(provider: Provider, on: date) -> list[Deadline]:
    """The provider's own: license and liability expiries, and CAQH re-attestation."""
    found = []
    active = [license for license in provider.licenses if license.status is LicenseStatus.ACTIVE]
    for license in active:
        end = license.effective.end
        if end is None:
            continue
        renewed = any(
            other.state == license.state and _runs_past(other.effective, end) for other in active
        )
        if not renewed:
            found.append(
                _item(
                    end,
                    DeadlineKind.LICENSE,
                    f"{provider.name}: {license.state.value} {license.profession.label} "
                    f"license {license.number}",
                    "renew the license with the state board, and send each payer the renewal",
                    on,
                    provider=provider.npi,
                )
            )
    periods = [policy.effective for policy in provider.liability]
    for policy in provider.liability:
        end = policy.effective.end
        if end is not None and not _newer_runs_past(periods, policy.effective):
            found.append(
                _item(
                    end,
                    DeadlineKind.LIABILITY,
                    f"{provider.name}: liability policy with {policy.carrier}",
                    "renew or replace the policy, and send each payer the new certificate "
                    "of insurance",
                    on,
                    provider=provider.npi,
                )
            )
    if provider.caqh_attested is not None:
        found.append(
            _item(
                add_days(provider.caqh_attested, CAQH_DAYS),
                DeadlineKind.CAQH_ATTESTATION,
                f"{provider.name}: CAQH ProView profile {provider.caqh_id}",
                f"re-attest the profile (an attestation is current for {CAQH_DAYS} days), "
                "after checking that its documents are up to date",
                on,
                provider=provider.npi,
            )
        )
    return found


def _recredentialing(
    people: dict[NPI, Provider],
    payers: dict[str, Payer],
    credentials: Sequence[Credential],
    on: date,
) -> list[Deadline]:
    found = []
    granted = [
        credential
        for credential in credentials
        if holds(credential) and credential.effective is not None
    ]
    approved = [
        credential for credential in granted if credential.status is CredentialStatus.APPROVED
    ]
    # The start of the newest credential granted for each provider and payer: a
    # terminated one held over its period, in the place of the one before.
    newest: dict[tuple[NPI, str], date] = {}
    for credential in granted:
        assert credential.effective is not None  # granted credentials have their period
        key = (credential.provider, credential.payer)
        start = credential.effective.start
        newest[key] = max(start, newest.get(key, start))
    for credential in approved:
        effective = credential.effective
        assert effective is not None  # approved credentials have their period
        if newest[credential.provider, credential.payer] > effective.start:
            continue
        payer = payers[credential.payer]
        provider = people[credential.provider]
        revalidating = revalidation_months(payer)
        months = payer.rules.recredential_months if revalidating is None else revalidating
        due = add_months(effective.start, months)
        if effective.end is not None and effective.end < due:
            due = effective.end
        subject = f"{provider.name} with {payer.name}"
        if revalidating is None:
            found.append(
                _item(
                    due,
                    DeadlineKind.RECREDENTIALING,
                    f"{subject}: credential from {effective.start.isoformat()}",
                    f"recredential with {payer.name}: bring the CAQH profile up to date, "
                    "re-attest it, and answer the payer's recredentialing request",
                    on,
                    provider=provider.npi,
                    payer=payer.id,
                )
            )
            continue
        form = " (CMS-855I, or in PECOS)" if payer.rules.medicare else ""
        found.append(
            _item(
                due,
                DeadlineKind.REVALIDATION,
                f"{subject}: enrollment from {effective.start.isoformat()}",
                f"revalidate the enrollment with {payer.name}{form} when the contractor asks, "
                f"by this date: an enrollment not revalidated every {months} months is "
                "deactivated, and claims stop",
                on,
                provider=provider.npi,
                payer=payer.id,
            )
        )
    return found


def _next_renewal(opt_out: OptOut, on: date) -> date | None:
    """The first renewal still to come whose cancellation day is on or after ``on``."""
    count = opt_out.periods_in_force
    index = 1
    while count is None or index < count:
        renewal = opt_out.period_start(index)
        if add_days(renewal, -NOTICE_DAYS) >= on:
            return renewal
        if renewal == date.max:
            return None
        index += 1
    return None


def _opt_out_cancellations(
    people: dict[NPI, Provider],
    payers: dict[str, Payer],
    opt_outs: Sequence[OptOut],
    on: date,
) -> list[Deadline]:
    """For each opt-out that renews, the last day to cancel it before its next period."""
    found = []
    for opt_out in opt_outs:
        renewal = _next_renewal(opt_out, on)
        if renewal is None:
            continue
        due = add_days(renewal, -NOTICE_DAYS)
        provider = people[opt_out.provider]
        payer = payers[opt_out.payer]
        found.append(
            _item(
                due,
                DeadlineKind.OPT_OUT_CANCELLATION,
                f"{provider.name}: opt-out of {payer.name} signed {opt_out.signed.isoformat()}",
                f"to end the opt-out, send {payer.name}'s contractor written notice by this "
                f"date; otherwise it renews for two more years from {renewal.isoformat()}",
                on,
                provider=provider.npi,
                payer=payer.id,
            )
        )
    return found


def _contract_deadlines(
    contract: Contract,
    siblings: Sequence[Period],
    people: dict[NPI, Provider],
    payers: dict[str, Payer],
    on: date,
) -> list[Deadline]:
    """An executed contract's term, pay-to entries and memberships that end.

    ``siblings`` are the terms of the executed contracts with the same payer and
    holder, this one's included.
    """
    term = contract.effective
    assert term is not None  # executed contracts have their term
    payer = payers[contract.payer]
    holder = contract.holder
    if isinstance(holder, Group):
        holder_provider = None
        name = f"{payer.name} group contract {contract.id} (tax id {holder.practice})"
    else:
        holder_provider = holder.provider
        name = f"{payer.name} individual contract {contract.id} ({people[holder.provider].name})"
    ids = {"payer": payer.id, "contract": contract.id}
    found = []
    if term.end is not None:
        renewed = _newer_runs_past(siblings, term)
        if not renewed:
            found.append(
                _item(
                    term.end,
                    DeadlineKind.CONTRACT_TERM,
                    name,
                    f"renew the contract with {payer.name}, or sign a new one, before its "
                    "term ends",
                    on,
                    provider=holder_provider,
                    **ids,
                )
            )

    def ends_before_term(period: Period) -> bool:
        return period.end is not None and (term.end is None or period.end < term.end)

    entries = [entry.effective for entry in contract.pay_to]
    for entry in contract.pay_to:
        if ends_before_term(entry.effective) and not _newer_runs_past(entries, entry.effective):
            found.append(
                _item(
                    entry.effective.end,  # type: ignore[arg-type] # checked just above
                    DeadlineKind.PAY_TO,
                    f"{name}: pay-to tax id {entry.tin}, NPI {entry.npi}",
                    f"confirm with {payer.name} that this pay-to ends as planned, or have it "
                    "extended: the contract cannot be billed through it afterwards",
                    on,
                    provider=holder_provider,
                    **ids,
                )
            )
    for member in contract.members:
        mine = [other.effective for other in contract.members if other.provider == member.provider]
        if ends_before_term(member.effective) and not _newer_runs_past(mine, member.effective):
            person = people[member.provider]
            found.append(
                _item(
                    member.effective.end,  # type: ignore[arg-type] # checked just above
                    DeadlineKind.GROUP_MEMBERSHIP,
                    f"{person.name} on {name}",
                    f"confirm with {payer.name} that {person.name}'s membership ends as "
                    "planned, or have it extended: a provider who is not a member cannot "
                    "bill under the group contract",
                    on,
                    provider=person.npi,
                    **ids,
                )
            )
    return found
