"""medicare_options: enroll and bill Medicare, opt out, or neither?

Every clinician who sees Medicare patients stands in one of three positions:

* **enrolled** — billing Medicare for covered services, which must then be
  billed to Medicare (the patient is not charged privately for them);
* **opted out** — an affidavit filed, Medicare pays nothing for the clinician's
  services for two-year periods, and each Medicare patient signs a private
  contract before treatment;
* **neither** — the clinician cannot charge a Medicare patient privately for a
  covered service, and Medicare will not pay them either.

A profession Medicare does not accept (on the date asked about) cannot enroll or
opt out; its services are not Medicare-covered, so they may be charged privately.
"""

from collections.abc import Iterable
from datetime import date

from credkit.advice import MedicareOption, MedicareOptions, MedicarePosition
from credkit.answers import Code, Reason
from credkit.catalog import MEDICARE
from credkit.credential import Credential
from credkit.errors import InvalidValue
from credkit.opt_out import OptOut
from credkit.payer import Payer
from credkit.provider import Provider
from credkit.rules._common import (
    argument,
    day,
    holds,
    items,
    licensing,
    licensing_reason,
    opt_out_reason,
    reason,
)

__all__ = ["medicare_options"]


def medicare_options(
    provider: Provider,
    *,
    on: date | str,
    payer: Payer = MEDICARE,
    credentials: Iterable[Credential] = (),
    opt_outs: Iterable[OptOut] = (),
) -> MedicareOptions:
    """Set out the three positions ``provider`` can take with Medicare on ``on``.

    ``payer`` is Medicare (:data:`credkit.catalog.MEDICARE` unless given; its rules
    must say ``medicare``). The clinician is eligible when an active license, in any
    state, is in a profession Medicare accepts on ``on`` (marriage and family
    therapists and mental health counselors from 2024-01-01). The current position
    is ``opted_out`` while an opt-out in ``opt_outs`` is in force (a note says when
    its two-year period ends), else ``enrolled`` when an approved credential with
    Medicare is in effect, else ``neither``.

    >>> from credkit import License, Period, Provider
    >>> lee = Provider(npi="1234567893", name="Lee Park, LMHC", licenses=[License(
    ...     state="NY", profession="professional_counselor", number="1",
    ...     effective=Period("2020-01-01"))])
    >>> before = medicare_options(lee, on="2023-12-31")
    >>> bool(before), before.current.value, before.codes[0].value
    (False, 'neither', 'profession_not_accepted')
    >>> after = medicare_options(lee, on="2024-01-01")
    >>> bool(after), [option.position.value for option in after.options if option.available]
    (True, ['enrolled', 'opted_out', 'neither'])
    """
    provider = argument(Provider, provider, "provider")
    payer = argument(Payer, payer, "payer")
    if not payer.rules.medicare:
        raise InvalidValue(
            f"{payer.name}'s rules do not say medicare: these positions are Medicare's",
            owner="argument",
            attribute="payer",
        )
    when = day(on)
    states = frozenset(license.state for license in provider.licenses)
    found = licensing(provider, payer, states, when)
    gap = licensing_reason(provider, payer, states, found) if states else None
    reasons: list[Reason] = []
    if gap is not None:
        reasons.append(gap)
    elif not states:
        reasons.append(reason(Code.NOT_LICENSED, f"{provider.name} holds no license on file"))
    eligible = not reasons
    notes: list[Reason] = []
    # The same check, and the same words, as can_bill's.
    opt_out_note = opt_out_reason(provider, payer, items(OptOut, opt_outs, "opt_outs"), when)
    # An approved enrollment, or a terminated one on the days of its period, holds.
    enrolled = any(
        credential.provider == provider.npi
        and credential.payer == payer.id
        and holds(credential)
        and credential.effective is not None
        and when in credential.effective
        for credential in items(Credential, credentials, "credentials")
    )
    if opt_out_note is not None:
        current = MedicarePosition.OPTED_OUT
        notes.append(opt_out_note)
    elif enrolled:
        current = MedicarePosition.ENROLLED
    else:
        current = MedicarePosition.NEITHER
    return MedicareOptions(
        provider=provider.npi,
        on=when,
        eligible=eligible,
        current=current,
        options=_options(payer, eligible, current),
        reasons=reasons,
        notes=notes,
    )


def _options(payer: Payer, eligible: bool, current: MedicarePosition) -> tuple[MedicareOption, ...]:
    """The three positions; one the clinician holds is available whatever their profession."""
    name = payer.name
    enroll = MedicareOption(
        position=MedicarePosition.ENROLLED,
        available=eligible or current is MedicarePosition.ENROLLED,
        requires=[
            f"an active license in a profession {name} accepts on the date of service",
            "enrollment on CMS-855I (or online in PECOS), and CMS-855R to reassign "
            "benefits to a group enrolled on CMS-855B",
            "revalidation every five years (42 CFR 424.515)",
            f"submitting a claim to {name} for every covered service to a {name} patient",
        ],
        rules_out=[
            f"charging {name} patients privately for covered services",
            "claims for services more than 30 days before the enrollment's effective "
            "date (42 CFR 424.521(a))",
        ],
    )
    opt_out = MedicareOption(
        position=MedicarePosition.OPTED_OUT,
        available=eligible or current is MedicarePosition.OPTED_OUT,
        requires=[
            f"an opt-out affidavit filed with the {name} contractor",
            f"a private contract signed by each {name} patient before treatment",
            "two years at a time: the opt-out renews by itself unless cancelled in writing "
            "at least 30 days before the next two-year period",
        ],
        rules_out=[
            f"any {name} payment for the clinician's services during the opt-out, "
            "directly or through a reassignment to a group",
            f"billing {name} again before the opt-out ends",
        ],
    )
    neither = MedicareOption(
        position=MedicarePosition.NEITHER,
        available=True,
        requires=["nothing to file"],
        rules_out=[
            f"billing {name}",
            f"charging {name} patients privately for covered services"
            if eligible
            else f"nothing else: {name} does not cover the services of this profession "
            "then, so they may be charged privately",
        ],
    )
    return enroll, opt_out, neither
