"""group_eligibility: is this practice eligible for a payer's group contract?"""

from collections.abc import Iterable
from datetime import date

from credkit.answers import Code, GroupEligibility, Reason
from credkit.identifiers import EIN, NPI
from credkit.payer import Payer
from credkit.practice import Practice
from credkit.provider import Provider
from credkit.rules._common import argument, day, items, licensing

__all__ = ["count_providers", "group_eligibility"]


def count_providers(
    practice: Practice, payer: Payer, on: date, providers: Iterable[Provider]
) -> tuple[NPI, ...]:
    """The providers that count toward a group minimum, in roster order.

    A provider counts when on the roster on ``on`` and holding an active license in
    one of the practice's states, in a profession the payer accepts. A roster NPI
    with no matching provider among ``providers`` cannot be checked and does not count.
    """
    practice = argument(Practice, practice, "practice")
    payer = argument(Payer, payer, "payer")
    on = day(on)
    known: dict[NPI, Provider] = {}
    for provider in items(Provider, providers, "providers"):
        known.setdefault(provider.npi, provider)
    counted: dict[NPI, None] = {}
    for entry in practice.roster:
        member = known.get(entry.provider)
        if (
            member is not None
            and entry.provider not in counted
            and on in entry.effective
            and licensing(member, payer, practice.states, on).accepted
        ):
            counted[entry.provider] = None
    return tuple(counted)


def group_eligibility(
    practice: Practice, payer: Payer, *, on: date | str, providers: Iterable[Provider]
) -> GroupEligibility:
    """Tell whether ``practice`` is eligible for a group contract with ``payer`` on ``on``.

    It counts the distinct providers on the roster on ``on`` who hold an active
    license in one of the practice's states, in a profession the payer accepts.
    The practice is eligible when the payer offers group contracts
    (``no_group_contracts``), the count reaches the payer's ``group_minimum``
    (``below_group_minimum``), its tax id is an EIN (``needs_ein``) and it has an
    organizational NPI (``needs_group_npi``). ``shortfall`` is
    ``max(0, minimum - count)``.

    >>> from credkit import Affiliation, License, Payer, PayerRules, Period, Practice, Provider
    >>> lic = License(state="NY", profession="psychologist", number="1", effective=Period("2020-01-01"))
    >>> team = [Provider(npi=npi, name=name, licenses=[lic])
    ...         for npi, name in [("1234567893", "Ana"), ("1558598797", "Ben")]]
    >>> harbor = Practice(name="Harbor", tin="12-3456789", states=["NY"],
    ...     roster=[Affiliation(provider=p.npi, effective=Period("2024-01-01")) for p in team])
    >>> cigna = Payer(id="cigna", name="Cigna", rules=PayerRules(group_minimum=4))
    >>> answer = group_eligibility(harbor, cigna, on="2024-06-01", providers=team)
    >>> bool(answer), answer.count, answer.shortfall, [r.code.value for r in answer.reasons]
    (False, 2, 2, ['below_group_minimum', 'needs_group_npi'])
    """
    practice = argument(Practice, practice, "practice")
    payer = argument(Payer, payer, "payer")
    on = day(on)
    counted = count_providers(practice, payer, on, items(Provider, providers, "providers"))
    count = len(counted)
    minimum = payer.rules.group_minimum
    reasons = []
    shortfall = None if minimum is None else max(0, minimum - count)
    if minimum is None:
        reasons.append(
            Reason(code=Code.NO_GROUP_CONTRACTS, message=f"{payer.name} offers no group contracts")
        )
    elif shortfall:
        reasons.append(
            Reason(
                code=Code.BELOW_GROUP_MINIMUM,
                message=(
                    f"{payer.name} requires {minimum} providers for a group contract; "
                    f"{practice.name} has {count}, {shortfall} short"
                ),
            )
        )
    if not isinstance(practice.tin, EIN):
        reasons.append(
            Reason(
                code=Code.NEEDS_EIN,
                message=f"{practice.name} bills under an SSN; a group contract needs an EIN",
            )
        )
    if practice.npi is None:
        reasons.append(
            Reason(
                code=Code.NEEDS_GROUP_NPI,
                message=f"{practice.name} needs an organizational (type 2) NPI",
            )
        )
    return GroupEligibility(
        eligible=not reasons,
        minimum=minimum,
        count=count,
        shortfall=shortfall,
        counted=counted,
        reasons=reasons,
    )
