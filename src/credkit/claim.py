"""Claim: one service line to check before it is billed."""

import sys
from datetime import date
from typing import TypeAlias

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
    # Everything but the date: what a Book looks claims up by. A tuple holding the tax id
    # itself, not a string of digits, so that attrs.asdict(claim) never shows an SSN's.
    _key: "ClaimKey" = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        key = claim_key(self.provider, self.payer, self.practice, self.service, self.state)
        object.__setattr__(self, "_key", key)


ClaimKey: TypeAlias = "tuple[str, str, str | SSN, str, str]"


def claim_key(
    provider: NPI, payer: str, practice: EIN | SSN, service: str | None, state: State | None
) -> ClaimKey:
    """Everything about a claim but its date: what a Book looks claims up by.

    A tuple holding the tax id itself when it is an SSN, not a string of its digits,
    so that ``attrs.asdict(claim)`` never shows them.
    """
    # Interned: a batch repeats the same ids many times over, and a Book's
    # dictionary then compares them by identity instead of comparing text.
    return (
        sys.intern(provider.digits),
        sys.intern(payer),
        tax_id_key(practice),
        service or "",
        state.value if state else "",
    )


def tax_id_key(tin: EIN | SSN) -> str | SSN:
    """A tax id as a claim's key holds it.

    An EIN's digits are no secret, and text hashes fastest; an SSN stays itself, so
    that its digits are never shown.
    """
    return sys.intern(f"E{tin.digits}") if isinstance(tin, EIN) else tin
