"""Claim: one service line to check before it is billed."""

import sys
from datetime import date

import attrs

from credkit._convert import (
    locate_errors,
    to_date,
    to_optional_service_code,
    to_payer_id,
)
from credkit._fields import to_npi, to_optional_state, to_tax_id
from credkit.identifiers import EIN, NPI, SSN, State

__all__ = ["Claim"]


@locate_errors
@attrs.frozen(kw_only=True, cache_hash=True)
class Claim:
    """Who saw the client (``provider``), for which payer, billed through which practice, on which day.

    ``service`` is the CPT/HCPCS code; ``state`` where the service was given (the
    practice's states when ``None``).

    >>> Claim(provider="1234567893", payer="cigna", practice="12-3456789", on="2025-03-04",
    ...       service="90837").on
    datetime.date(2025, 3, 4)
    """

    provider: NPI = attrs.field(converter=to_npi)
    payer: str = attrs.field(converter=to_payer_id)
    practice: EIN | SSN = attrs.field(converter=to_tax_id)
    on: date = attrs.field(converter=to_date)
    service: str | None = attrs.field(default=None, converter=to_optional_service_code)
    state: State | None = attrs.field(default=None, converter=to_optional_state)
    # Everything but the date, as one string: what a Book looks claims up by.
    _key: str = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        key = claim_key(self.provider, self.payer, self.practice, self.service, self.state)
        object.__setattr__(self, "_key", key)


def claim_key(
    provider: NPI, payer: str, practice: EIN | SSN, service: str | None, state: State | None
) -> str:
    """Everything about a claim but its date, as one string: what a Book looks claims up by."""
    tin = f"E{practice.digits}" if isinstance(practice, EIN) else f"S{practice.reveal()}"
    # Interned: a batch repeats the same keys many times over, and a Book's
    # dictionary then finds them by identity instead of comparing text.
    return sys.intern(
        f"{provider.digits}|{payer}|{tin}|{service or ''}|{state.value if state else ''}"
    )
