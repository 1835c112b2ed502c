"""recommend_enrollment: should this practice contract with a payer as individuals or as a group?"""

from collections.abc import Iterable
from datetime import date

from credkit._convert import MAX_PROVIDERS
from credkit.advice import Recommendation
from credkit.answers import Code, Reason
from credkit.identifiers import EIN
from credkit.payer import Payer
from credkit.practice import Practice
from credkit.provider import Provider
from credkit.rules._common import argument, day, items, reason, state_list, whole_number
from credkit.rules.groups import count_providers

__all__ = ["recommend_enrollment"]


def _providers(count: int) -> str:
    return f"{count} provider{'' if count == 1 else 's'}"


def recommend_enrollment(
    practice: Practice,
    payer: Payer,
    *,
    on: date | str,
    providers: Iterable[Provider],
    planned_providers: int = 0,
) -> Recommendation:
    """Advise ``practice`` to contract with ``payer`` as individuals or as a group.

    The providers who count are those :func:`~credkit.group_eligibility` counts on
    ``on`` (on the roster, licensed in a practice state, in a profession the payer
    accepts); ``planned_providers`` are hires to come. The first of these that
    applies decides:

    1. **A payer that offers only one route**: that route. No group contracts
       (``no_group_contracts``): individual. No individual contracts
       (``individual_contracts_unavailable``): group, with ``below_group_minimum``
       while the practice is short of the minimum.
    2. **Staying solo** (one provider or none, and no hires planned): individual
       (``staying_solo``). Individual contracts are simpler: nothing for the
       practice to apply for or keep up, and each contract goes with its provider.
    3. **Eligible now**, with two or more providers or hires planned: group
       (``group_eligible``). One contract covers everyone, and new providers are
       added to it, even where the panel is closed to new individual contracts.
    4. **Eligible with the planned hires**: group (``group_eligible_with_hires``),
       applied for as the hires join.
    5. **Below the minimum** even with the hires: individual now, group at the
       payer's minimum (``below_group_minimum``).

    ``group_at`` is the payer's ``group_minimum``: the number of providers from which
    a group contract is possible (``None`` when the payer offers none).

    **Medicare** (``PayerRules.medicare``, with a ``group_minimum`` of 1 as in
    :data:`credkit.catalog.MEDICARE`) has no minimum group size, so no advice for
    it mentions one (never ``below_group_minimum``): one clinician and no hires
    is ``staying_solo`` (CMS-855I, with the group route a sole owner's PC or PLLC
    may take), more is ``group_eligible`` (enroll the practice on CMS-855B and
    reassign on CMS-855R), and ``group_at`` is 1. A missing EIN
    or organizational NPI does not change the choice: whenever a group contract is
    advised, or is the practice's way ahead, ``needs_ein`` and ``needs_group_npi``
    say what to get first. When an individual contract is advised and the payer's
    panel is closed to new ones in some of the practice's states, ``panel_closed``
    says where.

    >>> from credkit import Affiliation, License, Payer, PayerRules, Period, Practice, Provider
    >>> ana = Provider(npi="1234567893", name="Ana Ruiz", licenses=[License(state="NY",
    ...     profession="psychologist", number="1", effective=Period("2020-01-01"))])
    >>> harbor = Practice(name="Harbor", tin="12-3456789", npi="1558598797", states=["NY"],
    ...     roster=[Affiliation(provider=ana.npi, effective=Period("2024-01-01"))])
    >>> aetna = Payer(id="aetna", name="Aetna", rules=PayerRules(group_minimum=2))
    >>> advice = recommend_enrollment(harbor, aetna, on="2026-11-28", providers=[ana])
    >>> advice.choice, advice.group_at, advice.codes
    ('individual', 2, (<Code.STAYING_SOLO: 'staying_solo'>,))
    >>> advice = recommend_enrollment(harbor, aetna, on="2026-11-28", providers=[ana],
    ...                               planned_providers=1)
    >>> bool(advice), advice.choice, advice.codes
    (True, 'group', (<Code.GROUP_ELIGIBLE_WITH_HIRES: 'group_eligible_with_hires'>,))
    """
    practice = argument(Practice, practice, "practice")
    payer = argument(Payer, payer, "payer")
    on = day(on)
    team = items(Provider, providers, "providers")
    planned = whole_number(planned_providers, "planned_providers", "providers", MAX_PROVIDERS)
    rules = payer.rules
    minimum = rules.group_minimum
    count = len(count_providers(practice, payer, on, team))
    total = count + planned
    hires = f" and plans {planned} more" if planned else ""
    if minimum is None:
        reasons = [
            reason(
                Code.NO_GROUP_CONTRACTS,
                f"{payer.name} offers no group contracts: each provider contracts individually",
            )
        ]
        if not rules.individual_contracts:
            reasons.append(
                reason(
                    Code.INDIVIDUAL_CONTRACTS_UNAVAILABLE,
                    f"{payer.name} signs no individual contracts either, so it offers no way "
                    "onto its panel: confirm its rules with the payer",
                )
            )
        return Recommendation(choice="individual", reasons=reasons)
    short = max(0, minimum - total)
    below = reason(
        Code.BELOW_GROUP_MINIMUM,
        f"{payer.name} requires {minimum} providers for a group contract; {practice.name} "
        f"has {count}{hires}, {short} short",
    )
    if not rules.individual_contracts:
        reasons = [
            reason(
                Code.INDIVIDUAL_CONTRACTS_UNAVAILABLE,
                f"{payer.name} signs no individual contracts: its group contract is the way "
                "onto its panel",
            )
        ]
        if short:
            reasons.append(below)
        return Recommendation(
            choice="group", reasons=[*reasons, *_steps(practice)], group_at=minimum
        )
    if rules.medicare and minimum == 1:
        return _medicare(practice, payer, count, total, hires)
    if total <= 1:
        reasons = [
            reason(
                Code.STAYING_SOLO,
                f"{practice.name} has {_providers(count)} and plans no hires: individual "
                "contracts are simpler, with no group contract to apply for or keep up, and "
                f"each goes with its provider; {payer.name}'s group contract needs "
                f"{_providers(minimum)}",
            )
        ]
        return Recommendation(
            choice="individual", reasons=[*reasons, *_closed(practice, payer)], group_at=minimum
        )
    if count >= minimum:
        found = reason(
            Code.GROUP_ELIGIBLE,
            f"{practice.name} has {count} providers{hires}, enough for {payer.name}'s group "
            f"contract (from {minimum}): one contract covers them all, and new providers are "
            "added to it",
        )
        return Recommendation(choice="group", reasons=[found, *_steps(practice)], group_at=minimum)
    if total >= minimum:
        found = reason(
            Code.GROUP_ELIGIBLE_WITH_HIRES,
            f"{practice.name} has {count} providers{hires}: {total} reach {payer.name}'s group "
            f"minimum of {minimum}, so apply for the group contract as the hires join",
        )
        return Recommendation(choice="group", reasons=[found, *_steps(practice)], group_at=minimum)
    below = reason(
        Code.BELOW_GROUP_MINIMUM,
        f"{below.message}: contract individually now, and as a group from {minimum} providers",
    )
    return Recommendation(
        choice="individual",
        reasons=[below, *_closed(practice, payer), *_steps(practice)],
        group_at=minimum,
    )


def _medicare(
    practice: Practice, payer: Payer, count: int, total: int, hires: str
) -> Recommendation:
    """Medicare has no minimum group size: the choice is the practice's, never a count's."""
    group = (
        f"enroll {practice.name} as a group on CMS-855B and reassign each clinician's "
        "benefits to it on CMS-855R"
    )
    if total <= 1:
        found = reason(
            Code.STAYING_SOLO,
            f"{practice.name} has {_providers(count)} and plans no hires: enrolling the "
            f"clinician alone on CMS-855I is simpler; {payer.name} sets no minimum group "
            f"size, so a sole owner's PC or PLLC may instead {group}, to be paid under the "
            "business's EIN",
        )
        return Recommendation(
            choice="individual", reasons=[found, *_closed(practice, payer)], group_at=1
        )
    found = reason(
        Code.GROUP_ELIGIBLE,
        f"{practice.name} has {_providers(count)}{hires}; {payer.name} sets no minimum group "
        f"size: {group}, so that claims are paid to the practice and new clinicians "
        "reassign to it",
    )
    return Recommendation(choice="group", reasons=[found, *_steps(practice)], group_at=1)


def _steps(practice: Practice) -> list[Reason]:
    """What a practice needs before it can hold a group contract."""
    steps = []
    if not isinstance(practice.tin, EIN):
        steps.append(
            reason(
                Code.NEEDS_EIN,
                f"{practice.name} bills under an SSN: get an EIN for it (for example by "
                "forming a PLLC) before applying, since a group contract is held by a business",
            )
        )
    if practice.npi is None:
        steps.append(
            reason(
                Code.NEEDS_GROUP_NPI,
                f"{practice.name} needs an organizational (type 2) NPI: apply through NPPES "
                "before applying",
            )
        )
    return steps


def _closed(practice: Practice, payer: Payer) -> list[Reason]:
    """Where a closed panel stands in the way of new individual contracts."""
    closed = practice.states & payer.rules.closed_states
    if not closed:
        return []
    return [
        reason(
            Code.PANEL_CLOSED,
            f"{payer.name}'s panel is closed to new individual contracts in "
            f"{state_list(closed)}: only providers who bring a contract of their own can "
            "join it that way there",
        )
    ]
