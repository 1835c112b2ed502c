"""Converters (friendly input in) and validators (rules) shared by the value types.

Converters raise :class:`InvalidValue` without a location; :func:`locate_errors`,
installed as every noun's attrs ``field_transformer``, adds ``Owner.field`` to the
message, so each converter stays a plain named function that mypy can follow.
"""

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

import attrs

from credkit._frozen import FrozenDict
from credkit.errors import MASKED_NOTE, InvalidValue, mask_ssns

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

# Bounds (docs/data.md lists them): far above any real figure, far below trouble.
MAX_PROVIDERS = 1_000_000
"""The most providers a count may hold: a group minimum, a count of providers, a shortfall."""
MAX_RETRO_DAYS = 3650
"""The longest retro-billing window, in days: ten years."""
MAX_TYPICAL_DAYS = 3650
"""The longest typical turnaround a payer's rules may give, in days: ten years."""
MAX_RECREDENTIAL_MONTHS = 120
"""The longest recredentialing cycle, in months: ten years."""
MAX_DAYS = date.max.toordinal() - date.min.toordinal()
"""The most days between two dates: the length of the calendar Python knows."""
MAX_CLAIMS = 10**12
"""The most claims a count of claims may hold: a trillion."""
MONEY_DIGITS = 15
"""An amount of money has at most this many digits before the decimal point."""
MONEY_PLACES = 10
"""An amount of money has at most this many digits after the decimal point."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# No sign, no exponent, no separators, and no leading zeros: "0.50" and "150" but not "00150".
_PLAIN_DECIMAL = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?")
_LEADING_ZEROS = re.compile(r"0[0-9]+(\.[0-9]+)?")
_SIGNED = re.compile(r"[-+][0-9]+(\.[0-9]+)?")
_NO_SIGN = "an amount of money must not be negative, nor carry a sign (not even -0)"
# Spelt out, not matched ignoring case: with IGNORECASE, [A-Z] also matches the long s (U+017F)
# and the Kelvin sign (U+212A).
_SERVICE_CODE = re.compile(r"[A-Za-z0-9]{5}")
_PAYER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# A payer's id on electronic claims (837 loop 2010BB NM109): an X12 identifier, 1 to 80
# characters; clearinghouses' payer lists use letters and digits.
_EDI_PAYER_ID = re.compile(r"[A-Za-z0-9]{1,80}")


def describe(value: object) -> str:
    """Name the kind of a value for an error message, without echoing the value itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, datetime):
        return "a datetime (give the date only)"
    return type(value).__name__


def shown(text: str, limit: int = 40) -> str:
    """Quote a piece of bad input for a message: SSN-shaped digits masked, then cut to ``limit``.

    Every message that quotes what a user gave goes through here. Masking comes
    first, so that the cut never leaves part of an SSN showing; when digits were
    masked the message says so, so that a typo can still be found. Values credkit
    knows the type of (an NPI, a payer id, a contract id) are not bad input and are
    shown as they are, elsewhere.

    >>> shown("90837")
    "'90837'"
    >>> shown("123-45-6789")
    "'***-**-6789' (nine digits, shown masked in case it is an SSN)"
    >>> shown("x" * 30 + "123-45-6789")
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx***-**-67…' (nine digits, shown masked in case it is an SSN)"
    """
    quoted, masked = quote_masked(text, limit)
    return f"{quoted} ({MASKED_NOTE})" if masked else quoted


def quote_masked(text: str, limit: int = 40) -> tuple[str, bool]:
    """:func:`shown` without its note: the quoted text, and whether digits in it were masked."""
    masked = mask_ssns(text)
    if len(masked) <= limit:
        return repr(masked), masked != text
    cut = limit - 1
    # A cut inside a mask's "***-**-" would hide that digits were masked there: the
    # whole mask stays, so that a reader (and the note of a path's key) can tell.
    for mask in _MASK.finditer(masked, 0, cut + len(_MASK_PREFIX)):
        if mask.start() < cut < mask.start() + len(_MASK_PREFIX):
            cut = mask.start() + len(_MASK_PREFIX)
    return repr(masked[:cut] + "…"), masked != text


_MASK_PREFIX = "***-**-"
_MASK = re.compile(re.escape(_MASK_PREFIX))


def format_text(text: str, spec: object) -> str:
    """``format(text, spec)`` for an identifier's ``__format__``; a bad spec is an :class:`InvalidValue`.

    >>> format_text("1234567893", ">12")
    '  1234567893'
    """
    if not isinstance(spec, str):
        raise InvalidValue(f"a format spec is text such as '>12', got {describe(spec)}")
    try:
        return format(text, spec)
    except ValueError:
        raise InvalidValue(f"{shown(spec)} is not a format spec for text") from None


def locate_errors(cls: type[T]) -> type[T]:
    """Class decorator: an error from a field's converter names ``Class.field``.

    Converters raise :class:`InvalidValue` without a location and stay plain named
    functions. When one fails, the fields' converters are run again one by one to
    find whose argument it was; that costs something only when there is an error.
    """
    init = cls.__init__
    fields = [field for field in attrs.fields(cls) if field.init]  # type: ignore[arg-type]

    def init_locating_errors(self: object, *args: object, **kwargs: object) -> None:
        try:
            init(self, *args, **kwargs)
        except InvalidValue as error:
            if error.attribute is not None:
                raise
            given = dict(zip((field.alias for field in fields), args, strict=False))
            given.update(kwargs)
            for field in fields:
                if field.converter is None or field.alias not in given:
                    continue
                try:
                    field.converter(given[field.alias])
                except InvalidValue:
                    raise error.located(cls.__name__, field.name) from None
            raise  # pragma: no cover - every converter error is found above

    # The plain constructor, for readers that report errors their own way (serde's).
    init_locating_errors.__wrapped__ = init  # type: ignore[attr-defined]
    init_locating_errors.__doc__ = init.__doc__
    init_locating_errors.__name__ = "__init__"
    init_locating_errors.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init_locating_errors)  # noqa: B010 - a method set on a built class
    return cls


def an_argument(convert: Callable[[object], T], value: object, name: str) -> T:
    """Convert a method's argument, naming it as ``argument.<name>`` when it is refused.

    >>> an_argument(to_date, "2024-13-01", "on")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: argument.on: '2024-13-01' is not a real calendar date
    """
    try:
        return convert(value)
    except InvalidValue as error:
        raise error.located("argument", name) from None


def instance_of(kind: type[T]) -> Callable[[object], T]:
    """Build a converter that accepts only instances of ``kind``."""

    def check(value: object) -> T:
        if not isinstance(value, kind):
            raise InvalidValue(f"expected a {kind.__name__}, got {describe(value)}")
        return value

    return check


# --- scalars ---------------------------------------------------------------------


def to_date(value: object) -> date:
    """A ``date``, or an ISO ``YYYY-MM-DD`` string; never a ``datetime``."""
    if isinstance(value, datetime):
        raise InvalidValue("expected a date, got a datetime (give the date only)")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise InvalidValue(f"expected a date written YYYY-MM-DD, got {shown(value)}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidValue(f"{shown(value)} is not a real calendar date") from None
    raise InvalidValue(f"expected a date written YYYY-MM-DD, got {describe(value)}")


def to_optional_date(value: object) -> date | None:
    """``None``, or what :func:`to_date` accepts."""
    return None if value is None else to_date(value)


def to_money(value: object) -> Decimal:
    """A ``Decimal``, an ``int`` or a plain decimal string (``"150.00"``); never a float."""
    if isinstance(value, float):
        raise InvalidValue("a float is not money: write it as a string ('150.00') or Decimal")
    if isinstance(value, bool):
        raise InvalidValue("expected an amount of money, got a boolean")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        amount = _written_amount(value)
    else:
        raise InvalidValue(f"expected an amount of money, got {describe(value)}")
    if not amount.is_finite():
        raise InvalidValue("an amount of money must be a finite number")
    # is_signed, not < 0: Decimal("-0") is not below zero, and would be written back as "-0".
    if amount.is_signed():
        raise InvalidValue(_NO_SIGN)
    if amount and amount.adjusted() >= MONEY_DIGITS:
        raise InvalidValue(f"an amount of money has at most {MONEY_DIGITS} digits before the point")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MONEY_PLACES:
        raise InvalidValue(f"an amount of money has at most {MONEY_PLACES} decimal places")
    return amount


def _written_amount(value: str) -> Decimal:
    """An amount written as text: digits, perhaps a decimal part; no sign, no leading zeros."""
    if _SIGNED.fullmatch(value):
        raise InvalidValue(f"{_NO_SIGN}, got {shown(value)}")
    if _LEADING_ZEROS.fullmatch(value):
        # Refused rather than dropped: a number that leads with zeros may be a code, or a
        # typo; either way credkit could not write it back as it came.
        raise InvalidValue(
            f"an amount is written without leading zeros (like '150.00'), got {shown(value)}"
        )
    if not _PLAIN_DECIMAL.fullmatch(value):
        raise InvalidValue(f"expected an amount written like '150.00', got {shown(value)}")
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InvalidValue(f"{shown(value)} is not an amount") from None


def to_service_code(value: object) -> str:
    """A 5-character CPT/HCPCS code such as ``"90837"`` or ``"H0031"``; lower case accepted.

    Only ASCII letters and digits: ``str.upper`` would fold the ligature ff (U+FB00)
    into ``"FF"`` and the dotless i (U+0131) into ``"I"``, changing what was written.

    >>> to_service_code("h0031")
    'H0031'
    >>> to_service_code("\ufb00123")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '\ufb00123'
    """
    if not isinstance(value, str):
        raise InvalidValue(f"expected a service code such as '90837', got {describe(value)}")
    # Checked before upper-casing, so that nothing outside ASCII is folded into a code.
    if not _SERVICE_CODE.fullmatch(value):
        raise InvalidValue(
            "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), "
            f"got {shown(value)}"
        )
    # Interned: a few codes recur in every claim, and batches look them up by identity.
    return sys.intern(value.upper())


def to_optional_service_code(value: object) -> str | None:
    """``None``, or what :func:`to_service_code` accepts."""
    return None if value is None else to_service_code(value)


def to_payer_id(value: object) -> str:
    """A payer id: letters, digits, ``.``, ``_`` or ``-``, starting with a letter or digit."""
    if not isinstance(value, str):
        raise InvalidValue(f"expected a payer id such as 'cigna', got {describe(value)}")
    if not _PAYER_ID.fullmatch(value):
        raise InvalidValue(
            "a payer id is letters, digits, '.', '_' or '-', starting with a letter "
            f"or digit (e.g. 'cigna'), got {shown(value)}"
        )
    return value


def to_edi_payer_id(value: object) -> str:
    """A payer id as electronic claims carry it (837 NM109 of loop 2010BB), e.g. ``"62308"``."""
    if not isinstance(value, str):
        raise InvalidValue(
            f"expected an electronic payer id such as '62308', got {describe(value)}"
        )
    if not _EDI_PAYER_ID.fullmatch(value):
        raise InvalidValue(
            "an electronic payer id is 1 to 80 letters or digits, as the clearinghouse's "
            f"payer list writes it (e.g. '62308'), got {shown(value)}"
        )
    return value


def to_enum(enum: type[E], value: object) -> E:
    """A member of ``enum``, or its value as a string."""
    if isinstance(value, enum):
        return value
    if not isinstance(value, str):
        raise InvalidValue(f"expected {choices(enum)}, got {describe(value)}")
    return enum(value)


def choices(enum: type[Enum]) -> str:
    """Describe the values an enum accepts: all of them when few, an example when many."""
    values = [repr(member.value) for member in enum]
    if len(values) > 10:
        return f"a {enum.__name__} such as {values[0]}"
    return f"one of {', '.join(values)}"


# --- collections -----------------------------------------------------------------


def _items(value: object, what: str) -> list[object]:
    if type(value) is tuple or type(value) is list:
        return list(value)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValue(f"expected a list of {what}, got {describe(value)}")
    return list(value)


def tuple_of(kind: type[T], value: object) -> tuple[T, ...]:
    """A tuple whose items are all instances of ``kind``, from any iterable."""
    if type(value) is tuple and all(type(item) is kind for item in value):
        return value
    items = _items(value, kind.__name__)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidValue(f"item {index} must be a {kind.__name__}, got {describe(item)}")
    return tuple(items)  # type: ignore[arg-type]


def texts(value: object) -> tuple[str, ...]:
    """A tuple of non-blank strings."""
    items = _items(value, "strings")
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise InvalidValue(f"item {index} must be non-blank text, got {describe(item)}")
    return tuple(items)  # type: ignore[arg-type]


def frozenset_of(convert_item: Callable[[object], T], value: object) -> frozenset[T]:
    """A frozenset of converted items; a list given for it must not repeat a value."""
    items = list(value) if isinstance(value, frozenset | set) else _items(value, "values")
    converted = [convert_item(item) for item in items]
    result = frozenset(converted)
    if len(result) != len(converted):
        repeated = sorted({str(item) for item in converted if converted.count(item) > 1})
        raise InvalidValue(f"lists the same value twice: {', '.join(repeated)}")
    return result


class _Rates(FrozenDict[str, Decimal]):
    """A rate table that :func:`rates` built: read-only, its codes and amounts checked.

    So that a table given again (contracts on one fee schedule share one, and a
    record built again from another's fields passes its own) is not checked again.
    """

    __slots__ = ()


def rates(value: object) -> FrozenDict[str, Decimal]:
    """A read-only mapping of service code to a non-negative ``Decimal`` rate.

    >>> table = rates({"90837": "142.50", "h0031": 60})
    >>> table
    {'90837': Decimal('142.50'), 'H0031': Decimal('60')}
    >>> rates(table) is table
    True
    """
    if type(value) is _Rates:
        return value
    if not isinstance(value, Mapping):
        raise InvalidValue(f"expected a mapping of service code to rate, got {describe(value)}")
    converted: dict[str, Decimal] = {}
    for key, amount in value.items():
        code = to_service_code(key)
        if code in converted:
            raise InvalidValue(f"lists service {code} twice")
        try:
            converted[code] = to_money(amount)
        except InvalidValue as error:
            raise InvalidValue(f"rate for {code}: {error.rule}") from None
    return _Rates(converted)


# --- validators ------------------------------------------------------------------


def not_blank(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """Text must be a string with something other than whitespace in it."""
    if not isinstance(value, str):
        raise InvalidValue(
            f"expected text, got {describe(value)}",
            owner=type(instance).__name__,
            attribute=attribute.name,
        )
    if not value.strip():
        raise InvalidValue(
            "must not be blank", owner=type(instance).__name__, attribute=attribute.name
        )


def optional_not_blank(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """``None``, or text as :func:`not_blank` requires."""
    if value is not None:
        not_blank(instance, attribute, value)


def strict_bool(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """Only ``True`` or ``False``: ``1`` and ``"yes"`` are refused, not guessed."""
    if not isinstance(value, bool):
        raise InvalidValue(
            f"expected true or false, got {describe(value)}",
            owner=type(instance).__name__,
            attribute=attribute.name,
        )


def whole_number(value: object, minimum: int, maximum: int) -> int:
    """A whole number from ``minimum`` to ``maximum``; ``True`` and ``4.0`` are not whole numbers.

    Every count credkit keeps has an upper bound, so that a number too long to
    print (Python refuses to turn an int of over 4,300 digits into text) never gets
    in, to fail later in a ``repr`` or ``to_json``.

    >>> whole_number(30, 0, 3650)
    30
    >>> whole_number(10**5000, 0, 3650)
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: must be at most 3,650
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"expected a whole number, got {describe(value)}")
    if value < minimum:
        raise InvalidValue(
            "must not be negative" if minimum == 0 else f"must be at least {minimum}"
        )
    if value > maximum:
        raise InvalidValue(f"must be at most {maximum:,}")
    return value


def count_at_least(
    minimum: int, maximum: int
) -> Callable[[object, "attrs.Attribute[Any]", object], None]:
    """Build a validator for a whole number from ``minimum`` to ``maximum``."""

    def check(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
        try:
            whole_number(value, minimum, maximum)
        except InvalidValue as error:
            raise error.located(type(instance).__name__, attribute.name) from None

    return check


def optional_count_at_least(
    minimum: int, maximum: int
) -> Callable[[object, "attrs.Attribute[Any]", object], None]:
    """Build a validator for ``None`` or a whole number from ``minimum`` to ``maximum``."""
    check = count_at_least(minimum, maximum)

    def check_optional(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return check_optional
