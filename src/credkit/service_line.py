"""ServiceLine: one service line of an electronic claim (an 837P's loop 2400), as billed.

A :class:`~credkit.Claim` is a question (can this provider bill this payer through
this practice?); a service line is what a billing system is about to send: the
billing identity it puts on the claim, the payer's electronic id, the dates, the
procedure and the charge. :meth:`credkit.Book.scrub` checks service lines against
the book; :func:`credkit.x12.read_837p` reads them from an 837P file.
"""

from datetime import date
from decimal import Decimal

import attrs

from credkit._convert import (
    describe,
    locate_errors,
    not_blank,
    optional_not_blank,
    shown,
    to_date,
    to_edi_payer_id,
    to_money,
    to_service_code,
)
from credkit._fields import to_npi, to_optional_npi, to_optional_state, to_tax_id
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN, State

__all__ = ["ServiceLine"]


def _to_line_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"expected a line number (1, 2, ...), got {describe(value)}")
    if value < 1:
        raise InvalidValue(f"a line number counts from 1, got {value}")
    return value


def _to_modifier(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"expected a procedure modifier such as '95', got {describe(value)}")
    modifier = value.upper()
    if len(modifier) != 2 or not modifier.isascii() or not modifier.isalnum():
        raise InvalidValue(
            f"a procedure modifier is 2 letters or digits (e.g. '95'), got {shown(value)}"
        )
    return modifier


def _to_modifiers(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidValue(f"expected a list of procedure modifiers, got {describe(value)}")
    if len(value) > 4:
        raise InvalidValue(f"a service line carries at most 4 modifiers, got {len(value)}")
    return tuple(_to_modifier(item) for item in value)


def _to_place(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValue(f"expected a place-of-service code such as '11', got {describe(value)}")
    if len(value) != 2 or not value.isascii() or not value.isdigit():
        raise InvalidValue(f"a place-of-service code is 2 digits (e.g. '11'), got {shown(value)}")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class ServiceLine:
    """One service line of a claim about to be sent, with the claim's billing identity.

    * ``claim_id`` — the claim's id (CLM01) and ``line`` its line number (LX01).
    * ``billing_npi`` and ``tax_id`` — the billing provider (loop 2010AA): its NPI
      and its tax id, an :class:`~credkit.EIN` (REF*EI) or an :class:`~credkit.SSN`
      (REF*SY), masked wherever it is shown.
    * ``rendering_npi`` — who gave the service, when it is not the billing provider
      (loop 2420A, else 2310B); ``None`` means the billing provider rendered it.
    * ``pay_to`` — the pay-to address (loop 2010AB) when the claim gives one.
    * ``payer_id`` and ``payer_name`` — the payer as the claim names it (loop 2010BB):
      its electronic id, which a book's :attr:`Payer.edi_ids <credkit.Payer.edi_ids>`
      hold, and its name.
    * ``service_from`` and ``service_to`` — the date of service (DTP*472), or the
      first and last days of a range; ``service_to`` defaults to ``service_from``.
    * ``service`` and ``modifiers`` — the procedure code and its modifiers (SV101).
    * ``charge`` — the line's charge (SV102), a ``Decimal``.
    * ``place_of_service`` — SV105, else the claim's (CLM05-1).
    * ``state`` — where the service was given: the service facility's state (loop
      2310C), else the billing provider's (2010AA).

    >>> line = ServiceLine(claim_id="A100", line=1, billing_npi="1558598797",
    ...     tax_id="12-3456789", payer_id="62308", service_from="2025-03-04",
    ...     service="90837", charge="150.00", state="NY")
    >>> line.service_to, line.charge, line.rendering_npi
    (datetime.date(2025, 3, 4), Decimal('150.00'), None)
    >>> ServiceLine(claim_id="A101", line=1, billing_npi="1234567893", tax_id="123-45-6789",
    ...     payer_id="62308", service_from="2025-03-04", service="90837", charge="150").tax_id
    SSN('***-**-6789')
    """

    claim_id: str = attrs.field(validator=not_blank)
    line: int = attrs.field(converter=_to_line_number)
    billing_npi: NPI = attrs.field(converter=to_npi)
    tax_id: EIN | SSN = attrs.field(converter=to_tax_id)
    payer_id: str = attrs.field(converter=to_edi_payer_id)
    service_from: date = attrs.field(converter=to_date)
    service: str = attrs.field(converter=to_service_code)
    charge: Decimal = attrs.field(converter=to_money)
    service_to: date = attrs.field(
        default=attrs.Factory(lambda self: self.service_from, takes_self=True), converter=to_date
    )
    rendering_npi: NPI | None = attrs.field(default=None, converter=to_optional_npi)
    pay_to: str | None = attrs.field(default=None, validator=optional_not_blank)
    payer_name: str | None = attrs.field(default=None, validator=optional_not_blank)
    modifiers: tuple[str, ...] = attrs.field(default=(), converter=_to_modifiers)
    place_of_service: str | None = attrs.field(default=None, converter=_to_place)
    state: State | None = attrs.field(default=None, converter=to_optional_state)

    def __attrs_post_init__(self) -> None:
        if self.service_to < self.service_from:
            raise InvalidValue(
                f"{self.service_to} is before the first day of service {self.service_from}",
                owner="ServiceLine",
                attribute="service_to",
            )

    # The names revenue_at_risk reads a checked claim by: the line reads as a claim.

    @property
    def provider(self) -> NPI:
        """Who rendered the service: the rendering provider, else the billing provider."""
        return self.rendering_npi or self.billing_npi

    @property
    def payer(self) -> str:
        """The payer id the line names (its electronic payer id)."""
        return self.payer_id

    @property
    def practice(self) -> EIN | SSN:
        """The billing provider's tax id."""
        return self.tax_id

    @property
    def days(self) -> tuple[date, ...]:
        """The days a check looks at: the date of service, or a range's first and last days.

        >>> ServiceLine(claim_id="A", line=1, billing_npi="1558598797", tax_id="12-3456789",
        ...     payer_id="62308", service_from="2025-03-03", service_to="2025-03-07",
        ...     service="90837", charge="0").days
        (datetime.date(2025, 3, 3), datetime.date(2025, 3, 7))
        """
        if self.service_to == self.service_from:
            return (self.service_from,)
        return (self.service_from, self.service_to)

    def __str__(self) -> str:
        days = str(self.service_from)
        if self.service_to != self.service_from:
            days += f" to {self.service_to}"
        return f"claim {self.claim_id} line {self.line}: {self.service} on {days}, {self.charge}"
