"""credentialing_readiness: is this provider's file ready for a payer's credentialing?"""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

from credkit._calendar import add_days, add_months, longer_than_months
from credkit.advice import Readiness
from credkit.answers import Code, Reason
from credkit.payer import Payer
from credkit.provider import Provider
from credkit.rules._common import argument, day, reason

__all__ = [
    "CAQH_DAYS",
    "GAP_MONTHS",
    "LOOK_BACK_MONTHS",
    "credentialing_readiness",
    "work_history_window",
]

LOOK_BACK_MONTHS = 60
"""How far back payers look at work history: five years."""

GAP_MONTHS = 6
"""The longest stretch without work that needs no explaining."""

CAQH_DAYS = 120
"""How long a CAQH ProView attestation stays current."""

_ONE_DAY = timedelta(days=1)


def credentialing_readiness(provider: Provider, payer: Payer, *, on: date | str) -> Readiness:
    """Tell whether ``provider``'s file is ready for ``payer``'s credentialing on ``on``.

    It checks the five things payers verify, and CAQH when the payer reads from it,
    and gives a reason for every gap, each saying what to do:

    * **Licensure**: an active license on ``on``, in any state (``not_licensed``),
      in a profession the payer credentials (``profession_not_accepted``).
    * **Certifications**: none on file has expired (``certification_expired``, one
      for each). A certification whose name and issuer match one in effect on
      ``on`` has been renewed and is not reported.
    * **Work history**, over the window from 60 months before ``on`` (or from the
      completion of the latest degree completed by ``on``, if later) to ``on``; the
      days covered by employments are merged, and employments starting after ``on``
      are left out.
      ``work_history_short``: the earliest employment starts more than 6 calendar
      months after the window opens (or there is none, and the window is longer
      than 6 months). ``work_history_gap``: a stretch without employment between
      two jobs, or from the end of the last job up to ``on``, longer than 6
      calendar months and reaching into the window, measured over its full length:
      a gap that began before the window counts from its first day.
    * **Liability insurance**: a policy in effect on ``on`` (``liability_missing``)
      with limits at least the payer's ``min_liability``, per claim and in aggregate
      (``liability_below_minimum``); one such policy is enough.
    * **Background check**: the most recent one completed by ``on`` (the later
      listed, on a tie) is on file (``background_check_missing``) and passed
      (``background_check_failed``).
    * **CAQH**, when the payer's ``requires_caqh``: a CAQH ProView id
      (``caqh_missing``), attested on or after ``on`` minus 120 days
      (``caqh_attestation_stale``).

    A month is a calendar month: six months after the 31st of August is the last
    day of February. Education is not checked on its own: payers verify it through
    the license, and the latest degree only moves the window.

    >>> from credkit import (BackgroundCheck, Employment, LiabilityPolicy, License,
    ...     Payer, Period, Provider)
    >>> ana = Provider(npi="1234567893", name="Ana Ruiz, LCSW",
    ...     licenses=[License(state="NY", profession="clinical_social_worker",
    ...                       number="R-1", effective=Period("2020-01-01"))],
    ...     work_history=[Employment(employer="Eastside Clinic", effective=Period("2019-09-03"))],
    ...     background_checks=[BackgroundCheck(completed="2026-10-01", passed=True)])
    >>> answer = credentialing_readiness(ana, Payer(id="aetna", name="Aetna"), on="2026-11-28")
    >>> bool(answer)
    False
    >>> for reason in answer.reasons:
    ...     print(reason)
    liability_missing: Ana Ruiz, LCSW has no liability policy in effect on 2026-11-28: buy or renew a malpractice policy and add it to the file
    """
    provider = argument(Provider, provider, "provider")
    payer = argument(Payer, payer, "payer")
    on = day(on)
    reasons = [
        *_licensure(provider, payer, on),
        *_certifications(provider, on),
        *_work_history(provider, on),
        *_liability(provider, payer, on),
        *_background_check(provider, on),
        *_caqh(provider, payer, on),
    ]
    return Readiness(ready=not reasons, reasons=reasons)


def _licensure(provider: Provider, payer: Payer, on: date) -> list[Reason]:
    active = provider.active_licenses(on)
    if not active:
        return [
            reason(
                Code.NOT_LICENSED,
                f"{provider.name} holds no active license on {on.isoformat()}: renew the "
                "license, or obtain one, before applying",
            )
        ]
    rules = payer.rules
    if not any(rules.accepts(license.profession, on) for license in active):
        kinds = sorted({license.profession for license in active}, key=lambda kind: kind.label)
        professions = ", ".join(kind.label for kind in kinds)
        dated = [
            f"{kind.label} only for services {period}"
            for kind in kinds
            if (period := rules.accepted_in(kind)) is not None and rules.accepts(kind)
        ]
        if dated:
            return [
                reason(
                    Code.PROFESSION_NOT_ACCEPTED,
                    f"{payer.name} does not accept the profession of {provider.name}'s "
                    f"license on {on.isoformat()} ({professions}): it accepts "
                    f"{'; '.join(dated)}",
                )
            ]
        return [
            reason(
                Code.PROFESSION_NOT_ACCEPTED,
                f"{payer.name} does not credential the profession of {provider.name}'s "
                f"license ({professions}): this provider cannot join its panel",
            )
        ]
    return []


def _certifications(provider: Provider, on: date) -> list[Reason]:
    current = {
        (certification.name, certification.issuer)
        for certification in provider.certifications
        if on in certification.effective
    }
    expired: dict[tuple[str, str], date] = {}
    for certification in provider.certifications:
        key = (certification.name, certification.issuer)
        end = certification.effective.end
        if end is not None and end < on and key not in current:
            expired[key] = max(end, expired.get(key, end))
    return [
        reason(
            Code.CERTIFICATION_EXPIRED,
            f"{provider.name}'s certification {name} ({issuer}) expired on {end.isoformat()}: "
            "renew it, or leave it off the application",
        )
        for (name, issuer), end in expired.items()
    ]


def work_history_window(provider: Provider, on: date) -> date:
    """The first day of the work history payers review on ``on``.

    That is 60 months before ``on``, or the completion of the latest degree
    completed by ``on``, if later.
    """
    provider = argument(Provider, provider, "provider")
    on = day(on)
    start = add_months(on, -LOOK_BACK_MONTHS)
    for education in provider.education:
        if start < education.completed <= on:
            start = education.completed
    return start


class _Stretch(NamedTuple):
    """Days without employment, from ``first`` to ``last``, both included."""

    first: date
    last: date


def _covered(provider: Provider, on: date) -> list[tuple[date, date]]:
    """The days covered by employment up to ``on``, merged into blocks, in order."""
    blocks: list[tuple[date, date]] = []
    spans = sorted(
        (job.effective.start, min(job.effective.end or on, on))
        for job in provider.work_history
        if job.effective.start <= on
    )
    for start, end in spans:
        if blocks and start <= add_days(blocks[-1][1], 1):
            if end > blocks[-1][1]:
                blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks


def _work_history(provider: Provider, on: date) -> list[Reason]:
    opens = work_history_window(provider, on)
    blocks = _covered(provider, on)
    reasons = []
    earliest = blocks[0][0] if blocks else None
    # The stretch before the earliest employment: only its part in the window counts.
    if earliest is None or earliest > opens:
        last = on if earliest is None else earliest - _ONE_DAY
        if longer_than_months(opens, last, GAP_MONTHS):
            found = (
                f"has no employment on file since {opens.isoformat()}"
                if earliest is None
                else f"starts on {earliest.isoformat()}, more than {GAP_MONTHS} months after "
                f"{opens.isoformat()}"
            )
            reasons.append(
                reason(
                    Code.WORK_HISTORY_SHORT,
                    f"{provider.name}'s work history {found}, where the history payers "
                    "review begins: add the earlier employment, or explain the time "
                    "(training, leave) in the application",
                )
            )
    stretches = [
        _Stretch(before[1] + _ONE_DAY, after[0] - _ONE_DAY) for before, after in pairwise(blocks)
    ]
    if blocks and blocks[-1][1] < on:
        stretches.append(_Stretch(blocks[-1][1] + _ONE_DAY, on))
    for stretch in stretches:
        if stretch.last >= opens and longer_than_months(stretch.first, stretch.last, GAP_MONTHS):
            until = (
                f"since {stretch.first.isoformat()}"
                if stretch.last == on
                else f"from {stretch.first.isoformat()} to {stretch.last.isoformat()}"
            )
            reasons.append(
                reason(
                    Code.WORK_HISTORY_GAP,
                    f"{provider.name}'s work history has a gap of more than {GAP_MONTHS} "
                    f"months, {until}: add the missing employment, or prepare a written "
                    "explanation of the gap",
                )
            )
    return reasons


def _money(amount: Decimal) -> str:
    return f"${amount:,f}"


def _liability(provider: Provider, payer: Payer, on: date) -> list[Reason]:
    in_effect = [policy for policy in provider.liability if on in policy.effective]
    if not in_effect:
        return [
            reason(
                Code.LIABILITY_MISSING,
                f"{provider.name} has no liability policy in effect on {on.isoformat()}: buy "
                "or renew a malpractice policy and add it to the file",
            )
        ]
    minimum = payer.rules.min_liability
    if minimum is None:
        return []
    per_claim, aggregate = minimum
    if any(policy.per_claim >= per_claim and policy.aggregate >= aggregate for policy in in_effect):
        return []
    best = max(in_effect, key=lambda policy: (policy.per_claim, policy.aggregate))
    return [
        reason(
            Code.LIABILITY_BELOW_MINIMUM,
            f"{provider.name}'s liability policy with {best.carrier} covers "
            f"{_money(best.per_claim)} per claim and {_money(best.aggregate)} in aggregate; "
            f"{payer.name} requires at least {_money(per_claim)} and {_money(aggregate)}: "
            "raise the limits",
        )
    ]


def _background_check(provider: Provider, on: date) -> list[Reason]:
    latest = None
    for check in provider.background_checks:
        if check.completed <= on and (latest is None or check.completed >= latest.completed):
            latest = check
    if latest is None:
        return [
            reason(
                Code.BACKGROUND_CHECK_MISSING,
                f"{provider.name} has no background check on file: order one",
            )
        ]
    if not latest.passed:
        return [
            reason(
                Code.BACKGROUND_CHECK_FAILED,
                f"{provider.name}'s most recent background check, completed on "
                f"{latest.completed.isoformat()}, did not pass: resolve it before applying",
            )
        ]
    return []


def _caqh(provider: Provider, payer: Payer, on: date) -> list[Reason]:
    if not payer.rules.requires_caqh:
        return []
    if provider.caqh_id is None:
        return [
            reason(
                Code.CAQH_MISSING,
                f"{payer.name} reads applications from CAQH ProView and {provider.name} has "
                "no profile there: create the profile, complete it and attest it",
            )
        ]
    attested = provider.caqh_attested
    if attested is None or attested < add_days(on, -CAQH_DAYS):
        when = (
            "has never been attested"
            if attested is None
            else f"was last attested on {attested.isoformat()}, more than {CAQH_DAYS} days "
            f"before {on.isoformat()}"
        )
        return [
            reason(
                Code.CAQH_ATTESTATION_STALE,
                f"{provider.name}'s CAQH profile {provider.caqh_id} {when}: re-attest it",
            )
        ]
    return []
