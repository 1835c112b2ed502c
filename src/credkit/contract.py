"""Contract: the agreement that gets a provider paid, held by a provider or by a practice.

Credentialing gets a provider approved; contracting gets them paid. Until a
contract is signed (executed) and in effect, nobody bills under it.

* An *individual* contract is held by the provider. It lists a pay-to entry (the
  billing NPI and tax id) for each practice it is associated with, and it ports:
  when the provider moves, a new entry is added for the new practice.
* A *group* contract is held by the practice (its EIN and organizational NPI).
  Providers are credentialed and then added to it as ``members``.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Literal, TypeAlias

import attrs

from credkit._convert import (
    an_argument,
    frozenset_of,
    locate_errors,
    not_blank,
    rates,
    texts,
    to_enum,
    to_optional_date,
    to_payer_id,
    to_service_code,
    tuple_of,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_optional_period, to_period, to_tax_id
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN
from credkit.periods import Period
from credkit.practice import Affiliation

__all__ = ["Contract", "ContractStatus", "Group", "Holder", "Individual", "PayTo"]


class ContractStatus(CredkitEnum):
    """Where a contract stands: ``pending`` paperwork is not a contract yet.

    >>> ContractStatus("executed")
    <ContractStatus.EXECUTED: 'executed'>
    """

    PENDING = "pending"
    EXECUTED = "executed"
    TERMINATED = "terminated"


@locate_errors
@attrs.frozen(kw_only=True)
class Individual:
    """A contract held by a provider personally.

    >>> Individual(provider="1234567893").kind
    'individual'
    """

    provider: NPI = attrs.field(converter=to_npi)

    @property
    def kind(self) -> Literal["individual"]:
        """``"individual"``: the tag this holder has in data."""
        return "individual"


@locate_errors
@attrs.frozen(kw_only=True)
class Group:
    """A contract held by a practice, named by its tax id.

    >>> Group(practice="12-3456789").kind
    'group'
    """

    practice: EIN | SSN = attrs.field(converter=to_tax_id)

    @property
    def kind(self) -> Literal["group"]:
        """``"group"``: the tag this holder has in data."""
        return "group"


Holder: TypeAlias = Individual | Group
"""Who holds a contract: a provider (:class:`Individual`) or a practice (:class:`Group`)."""


def _to_holder(value: object) -> Holder:
    if not isinstance(value, Individual | Group):
        raise InvalidValue(
            f"expected Individual(provider=...) or Group(practice=...), got {type(value).__name__}"
        )
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class PayTo:
    """The billing NPI and tax id loaded at the payer, over a period.

    >>> PayTo(tin="12-3456789", npi="1558598797", effective=Period("2024-01-01")).tin
    EIN('12-3456789')
    """

    tin: EIN | SSN = attrs.field(converter=to_tax_id)
    npi: NPI = attrs.field(converter=to_npi)
    effective: Period = attrs.field(converter=to_period)


def _to_status(value: object) -> ContractStatus:
    return to_enum(ContractStatus, value)


def _to_pay_to(value: object) -> tuple[PayTo, ...]:
    return tuple_of(PayTo, value)


def _to_members(value: object) -> tuple[Affiliation, ...]:
    return tuple_of(Affiliation, value)


def _to_services(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    services = frozenset_of(to_service_code, value)
    if not services:
        raise InvalidValue("an empty set would cover nothing; use None to cover every service")
    return services


@locate_errors
@attrs.frozen(kw_only=True)
class Contract:
    """A contract with a payer.

    ``submitted`` is the day the contract paperwork went to the payer, if known (it
    dates a pending contract's wait). An executed contract needs ``signed`` and
    ``effective``; a terminated one needs ``signed`` and an ``effective`` period with
    an end, the last day it covered, and covers the days of its term as an executed
    one does; an individual contract has no ``members``; a group contract pays only the practice that holds it.
    ``rates`` maps service codes to amounts; ``services=None`` means every service is
    covered.

    >>> contract = Contract(
    ...     id="cigna-ana", payer="cigna", holder=Individual(provider="1234567893"),
    ...     status="executed", signed="2024-02-15", effective=Period("2024-03-01"),
    ...     pay_to=[PayTo(tin="12-3456789", npi="1558598797", effective=Period("2024-03-01"))],
    ...     rates={"90837": "142.50"},
    ... )
    >>> contract.rates["90837"], contract.covers_service("90791")
    (Decimal('142.50'), True)
    """

    id: str = attrs.field(validator=not_blank)
    payer: str = attrs.field(converter=to_payer_id)
    holder: Holder = attrs.field(converter=_to_holder)
    status: ContractStatus = attrs.field(converter=_to_status)
    submitted: date | None = attrs.field(default=None, converter=to_optional_date)
    signed: date | None = attrs.field(default=None, converter=to_optional_date)
    effective: Period | None = attrs.field(default=None, converter=to_optional_period)
    pay_to: tuple[PayTo, ...] = attrs.field(default=(), converter=_to_pay_to)
    members: tuple[Affiliation, ...] = attrs.field(default=(), converter=_to_members)
    rates: Mapping[str, Decimal] = attrs.field(factory=dict, converter=rates)
    services: frozenset[str] | None = attrs.field(default=None, converter=_to_services)
    obligations: tuple[str, ...] = attrs.field(default=(), converter=texts)

    def __attrs_post_init__(self) -> None:
        if self.status is not ContractStatus.PENDING:
            # A terminated contract was executed first: it was signed, and it ran.
            article = "an" if self.status is ContractStatus.EXECUTED else "a"
            if self.signed is None:
                raise InvalidValue(
                    f"{article} {self.status.value} contract needs the date it was signed",
                    owner="Contract",
                    attribute="signed",
                )
            if self.effective is None and self.status is ContractStatus.EXECUTED:
                raise InvalidValue(
                    "an executed contract needs an effective period",
                    owner="Contract",
                    attribute="effective",
                )
            if self.status is ContractStatus.TERMINATED and (
                self.effective is None or self.effective.end is None
            ):
                raise InvalidValue(
                    "a terminated contract needs an effective period with an end: "
                    "add effective.end, the last day it covered",
                    owner="Contract",
                    attribute="effective",
                )
        if isinstance(self.holder, Individual) and self.members:
            raise InvalidValue(
                "an individual contract has no members; only a group contract adds providers",
                owner="Contract",
                attribute="members",
            )
        if isinstance(self.holder, Group):
            for entry in self.pay_to:
                if entry.tin != self.holder.practice:
                    raise InvalidValue(
                        f"a group contract pays the practice that holds it "
                        f"({self.holder.practice}), not {entry.tin}",
                        owner="Contract",
                        attribute="pay_to",
                    )

    @property
    def is_group(self) -> bool:
        """Whether a practice holds this contract."""
        return isinstance(self.holder, Group)

    def covers_service(self, service: str) -> bool:
        """Tell whether the contract covers ``service`` (a CPT/HCPCS code).

        >>> Contract(id="c", payer="p", holder=Group(practice="12-3456789"),
        ...          status="pending", services=["90837"]).covers_service("90834")
        False
        """
        if type(service) is not str:
            service = an_argument(to_service_code, service, "service")
        return self.services is None or service in self.services
