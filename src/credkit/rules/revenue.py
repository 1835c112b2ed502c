"""What refused claims are worth: :func:`revenue_at_risk`."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from credkit._convert import describe, to_money
from credkit.answers import Code, Verdict
from credkit.contract import Contract, Group
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN
from credkit.progress import RevenueAtRisk
from credkit.rules._common import items

__all__ = ["Checked", "revenue_at_risk"]


class Checked(Protocol):
    """A checked claim as :func:`revenue_at_risk` reads it: a :class:`~credkit.Claim` will do.

    A claim read from an 837P file also carries its ``charge``.
    """

    @property
    def provider(self) -> NPI:
        """The rendering provider's NPI."""

    @property
    def payer(self) -> str:
        """The payer's id."""

    @property
    def practice(self) -> EIN | SSN:
        """The practice's tax id."""

    @property
    def service(self) -> str | None:
        """The service code billed, if any."""


def _charge(claim: object, index: int) -> Decimal | None:
    charge = getattr(claim, "charge", None)
    if charge is None:
        return None
    try:
        return to_money(charge)
    except InvalidValue as error:
        raise InvalidValue(f"claims[{index}].charge: {error.rule}") from None


def _rate(claim: Checked, contracts: list[Contract]) -> Decimal | None:
    """The rate the practice's group contract, else the provider's own, lists for the service."""
    if claim.service is None:
        return None
    mine = [
        contract
        for contract in contracts
        if contract.payer == claim.payer
        and (
            contract.holder.practice == claim.practice
            if isinstance(contract.holder, Group)
            else contract.holder.provider == claim.provider
        )
    ]
    mine.sort(key=lambda contract: not contract.is_group)
    for contract in mine:
        rate = contract.rates.get(claim.service)
        if rate is not None:
            return rate
    return None


def revenue_at_risk(
    claims: Iterable[Checked],
    verdicts: Iterable[Verdict],
    *,
    contracts: Iterable[Contract] = (),
) -> RevenueAtRisk:
    """What the refused claims of a batch are worth, by reason, provider and payer.

    ``claims`` and ``verdicts`` are paired in order, as :meth:`credkit.Book.check`
    gives them. A refused claim is worth its ``charge`` when it has one (an 837P
    service line does), else the rate listed for its service by one of
    ``contracts`` with the payer (the practice's group contract first, then the
    provider's own); a refused claim with neither is counted as unpriced. Each
    claim is counted once, under its first reason, so every breakdown adds up to
    the total.

    >>> from credkit import Claim, Contract, Individual, Reason
    >>> claim = Claim(provider="1234567893", payer="cigna", practice="12-3456789",
    ...               on="2024-02-01", service="90837")
    >>> refused = Verdict(allowed=False, reasons=[Reason(code="not_contracted", message="none")])
    >>> pending = Contract(id="c1", payer="cigna", holder=Individual(provider="1234567893"),
    ...                    status="pending", rates={"90837": "142.50"})
    >>> print(revenue_at_risk([claim], [refused], contracts=[pending]))
    $142.50 at risk: 1 of 1 claim refused
      not_contracted: $142.50
    """
    arguments: tuple[tuple[str, object], ...] = (("claims", claims), ("verdicts", verdicts))
    for name, given in arguments:
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidValue(
                f"expected a list of {name}, got {describe(given)}",
                owner="argument",
                attribute=name,
            )
    known = list(items(Contract, contracts, "contracts"))
    total = Decimal(0)
    count = refused = unpriced = 0
    by_reason: dict[Code, Decimal] = {}
    by_provider: dict[NPI, Decimal] = {}
    by_payer: dict[str, Decimal] = {}
    pairs = iter(verdicts)
    for index, claim in enumerate(claims):
        verdict = next(pairs, None)
        if verdict is None:
            raise InvalidValue(f"verdicts: there is no verdict for claims[{index}]")
        if not isinstance(verdict, Verdict):
            raise InvalidValue(f"verdicts[{index}]: expected a Verdict, got {describe(verdict)}")
        for name in ("provider", "payer", "practice", "service"):
            if not hasattr(claim, name):
                raise InvalidValue(
                    f"claims[{index}]: expected a claim with a {name}, got {describe(claim)}"
                )
        count += 1
        if verdict.allowed:
            continue
        refused += 1
        amount = _charge(claim, index)
        if amount is None:
            amount = _rate(claim, known)
        if amount is None:
            unpriced += 1
            continue
        total += amount
        code = verdict.reasons[0].code
        by_reason[code] = by_reason.get(code, Decimal(0)) + amount
        by_provider[claim.provider] = by_provider.get(claim.provider, Decimal(0)) + amount
        by_payer[claim.payer] = by_payer.get(claim.payer, Decimal(0)) + amount
    if next(pairs, None) is not None:
        raise InvalidValue(f"verdicts: there are more verdicts than the {count} claims")
    return RevenueAtRisk(
        claims=count,
        refused=refused,
        unpriced=unpriced,
        total=total,
        by_reason=by_reason,
        by_provider=by_provider,
        by_payer=by_payer,
    )
