"""Payer presets, each figure with the source it came from.

Payers set their own rules, vary them by product and state, and change them
without notice. The figures here are examples taken from a published source on
the date in ``as_of``: verify them with the payer before relying on them. A
payer's rules are plain data, so a practice that knows better defines its own:

>>> from datetime import date
>>> from credkit import Payer, PayerRules
>>> bcbs_nj = Payer(id="horizon", name="Horizon BCBSNJ", rules=PayerRules(
...     group_minimum=2, closed_states={"NJ"}, retro_days=0,
...     source="Horizon provider services call, reference 4471", as_of=date(2026, 10, 2)))
>>> bcbs_nj.rules.group_minimum
2

or adjusts a preset with :func:`attrs.evolve`:

>>> import attrs
>>> cigna_clinic = attrs.evolve(CIGNA, rules=attrs.evolve(CIGNA.rules, group_minimum=10))
>>> CIGNA.rules.group_minimum, cigna_clinic.rules.group_minimum
(4, 10)
"""

from datetime import date

from credkit.payer import Payer, PayerRules

__all__ = ["AETNA", "ALL", "CIGNA", "MEDICARE", "OPTUM"]

_RECORDED = date(2026, 11, 28)
_ARTICLE = (
    'TherAssist, "Credentialing vs. Contracting: The Basics" '
    "(https://www.therassistfl.com/your-practice-partner-blog/credentialing-contracting)"
)
_FAQ = (
    'TherAssist, "Frequently Asked Questions" (https://www.therassistfl.com/faq): '
    '"Aetna & BCBS plans require only 2 providers"'
)

CIGNA = Payer(
    id="cigna",
    name="Cigna",
    rules=PayerRules(
        group_minimum=4,
        source=(
            f"{_ARTICLE}: group contracts from 4 providers. An example figure, to verify "
            "with the payer; Cigna's own clinic track has asked for 10 providers of mixed "
            "disciplines."
        ),
        as_of=_RECORDED,
    ),
)
"""Cigna: group contracts from 4 providers (an example figure; verify with Cigna)."""

OPTUM = Payer(
    id="optum",
    name="Optum",
    rules=PayerRules(
        group_minimum=6,
        source=(
            f"{_ARTICLE}: group contracts from 6 providers. An example figure, to verify "
            "with the payer."
        ),
        as_of=_RECORDED,
    ),
)
"""Optum: group contracts from 6 providers (an example figure; verify with Optum)."""

AETNA = Payer(
    id="aetna",
    name="Aetna",
    rules=PayerRules(
        group_minimum=2,
        source=f"{_FAQ}. An example figure, to verify with the payer.",
        as_of=_RECORDED,
    ),
)
"""Aetna: group contracts from 2 providers (an example figure; verify with Aetna)."""

_MEDICARE_SOURCES = (
    "Medicare fee-for-service, from the regulations and the statute: "
    "enrollment on CMS-855I (a clinician, or online in PECOS), CMS-855B (a group, with "
    "its EIN and type 2 NPI) and CMS-855R (reassigning a clinician's benefits to a "
    "group), with no minimum group size and no use of CAQH; "
    "42 CFR 424.521(a): claims for services up to 30 days before the effective date; "
    "42 CFR 424.520(d): the effective date is the later of the filing date and the "
    "first day of service at the location; "
    "42 CFR 424.515: revalidation every 5 years; "
    "Consolidated Appropriations Act, 2023 (Pub. L. 117-328), Division FF, section 4121: "
    "marriage and family therapists and mental health counselors (professional "
    "counselors, and addiction counselors who meet the mental health counselor "
    "criteria) for services on or after 2024-01-01; "
    "Social Security Act section 1802(b) and 42 CFR 405.400-405.455: opt-out by "
    "affidavit for two-year periods, renewing by themselves for affidavits signed on or "
    "after 2015-06-16 unless cancelled in writing at least 30 days before the next period"
)

_COUNSELING_FROM = date(2024, 1, 1)

MEDICARE = Payer(
    id="medicare",
    name="Medicare",
    rules=PayerRules(
        group_minimum=1,
        professions=[
            "psychiatrist",
            "psychologist",
            "clinical_social_worker",
            "psychiatric_nurse_practitioner",
            "marriage_family_therapist",
            "professional_counselor",
            "addiction_counselor",
        ],
        profession_periods={
            "marriage_family_therapist": _COUNSELING_FROM,
            "professional_counselor": _COUNSELING_FROM,
            "addiction_counselor": _COUNSELING_FROM,
        },
        retro_days=30,
        revalidation_months=60,
        medicare=True,
        source=_MEDICARE_SOURCES,
        as_of=date(2026, 12, 1),
    ),
)
"""Medicare fee-for-service: no group minimum, 30 days of retro billing, counselors from 2024.

Addiction counselors are accepted as mental health counselors, which only those
who meet the criteria are (a master's or doctor's degree in counseling, licensed
or certified as a mental health counselor, and two years or 3,000 hours of
supervised clinical experience): check before enrolling one.

>>> from credkit import Profession
>>> MEDICARE.rules.accepts(Profession.PROFESSIONAL_COUNSELOR, date(2023, 12, 31))
False
>>> MEDICARE.rules.accepts(Profession.PROFESSIONAL_COUNSELOR, date(2024, 1, 1))
True
"""

ALL: tuple[Payer, ...] = (CIGNA, OPTUM, AETNA, MEDICARE)
"""Every preset, in the order above."""
