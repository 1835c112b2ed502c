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

__all__ = ["AETNA", "ALL", "CIGNA", "OPTUM"]

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

ALL: tuple[Payer, ...] = (CIGNA, OPTUM, AETNA)
"""Every preset, in the order above."""
