"""Converters for fields that hold credkit's own value types (identifiers, periods)."""

from credkit._convert import describe, frozenset_of
from credkit.errors import InvalidIdentifier, InvalidValue
from credkit.identifiers import EIN, NPI, SSN, State, parse_tax_id
from credkit.periods import Period


def to_npi(value: object) -> NPI:
    """An :class:`NPI`, or its ten digits as a string."""
    return value if isinstance(value, NPI) else NPI(value)


def to_optional_npi(value: object) -> NPI | None:
    """``None``, or what :func:`to_npi` accepts."""
    return None if value is None else to_npi(value)


def to_tax_id(value: object) -> EIN | SSN:
    """An :class:`EIN`, an :class:`SSN`, or a hyphenated string saying which."""
    return parse_tax_id(value)


def to_state(value: object) -> State:
    """A :class:`State`, or its USPS code (either case)."""
    if isinstance(value, State):
        return value
    if not isinstance(value, str):
        raise InvalidIdentifier(f"expected a state code such as 'NY', got {describe(value)}")
    return State(value)


def to_optional_state(value: object) -> State | None:
    """``None``, or what :func:`to_state` accepts."""
    return None if value is None else to_state(value)


def to_states(value: object) -> frozenset[State]:
    """A frozenset of states, from states or USPS codes."""
    return frozenset_of(to_state, value)


def to_period(value: object) -> Period:
    """A :class:`Period`; build one with ``Period(start, end)``."""
    if not isinstance(value, Period):
        raise InvalidValue(f"expected a Period, got {describe(value)} (write Period(start, end))")
    return value


def to_optional_period(value: object) -> Period | None:
    """``None``, or what :func:`to_period` accepts."""
    return None if value is None else to_period(value)
