"""SSN (Social Security Number).

The SSN is the nine-digit number the Social Security Administration assigns to a
person, written ``NNN-NN-NNNN``: a three-digit area, a two-digit group and a
four-digit serial. A clinician on an individual contract may be paid under their
SSN, which sends the money to them rather than to the practice.

Some numbers are never issued: area 000, area 666 and areas 900-999, group 00
and serial 0000; a few numbers published in advertisements are void as well.
Since 2011 numbers are assigned at random, so nothing else about a number can be
checked offline.

Source: SSA, "Social Security Number Randomization"
(https://www.ssa.gov/employer/randomization.html), and python-stdnum's
``stdnum.us.ssn`` for the voided numbers.

An :class:`SSN` never shows its digits in ``repr``, ``str`` or a message: only the
last four, as ``***-**-1234``. :meth:`SSN.reveal` gives the digits, for the explicit
serialization that needs them.

>>> validate("123-45-6789")
'123456789'
>>> is_valid("666-12-3456")
False
"""

import re
from typing import Any

import attrs

from credkit._convert import describe, format_text
from credkit.errors import InvalidIdentifier

__all__ = ["SSN", "is_valid", "validate"]

_SSN_FORMAT = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{9}")


def validate(number: object) -> str:
    """Return the SSN's nine digits, or raise :class:`InvalidIdentifier`.

    The message says which rule failed and never repeats the number.

    >>> validate("123456789")
    '123456789'
    >>> validate("900-12-3456")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidIdentifier: an SSN area number (first three digits) of 900-999 is never issued
    """
    if isinstance(number, SSN):
        return number.reveal()
    if not isinstance(number, str):
        raise InvalidIdentifier(f"an SSN is a string written NNN-NN-NNNN, got {describe(number)}")
    if not _SSN_FORMAT.fullmatch(number):
        raise InvalidIdentifier("an SSN is written NNN-NN-NNNN or as 9 digits")
    digits = number.replace("-", "")
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666"):
        raise InvalidIdentifier(
            f"an SSN area number (first three digits) of {area} is never issued"
        )
    if area.startswith("9"):
        raise InvalidIdentifier(
            "an SSN area number (first three digits) of 900-999 is never issued"
        )
    if group == "00":
        raise InvalidIdentifier("an SSN group number (digits 4-5) of 00 is never issued")
    if serial == "0000":
        raise InvalidIdentifier("an SSN serial number (last four digits) of 0000 is never issued")
    # Imported here, at the first SSN checked: importing stdnum is a good part of the
    # time ``import credkit`` would take.
    from stdnum.exceptions import ValidationError  # noqa: PLC0415
    from stdnum.us import ssn as stdnum_ssn  # noqa: PLC0415

    try:
        stdnum_ssn.validate(digits)
    except ValidationError:
        raise InvalidIdentifier(
            "that SSN was published (for example in an advertisement) and is void"
        ) from None
    return digits


def is_valid(number: object) -> bool:
    """Tell whether ``number`` is an SSN that could have been issued.

    >>> is_valid("123-45-6789"), is_valid("123-00-6789")
    (True, False)
    """
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def mask(digits: str) -> str:
    """Return the masked form ``***-**-NNNN`` of an SSN's digits.

    >>> mask("123456789")
    '***-**-6789'
    """
    return f"***-**-{digits[-4:]}"


class SSN:
    """A Social Security Number, masked wherever it is shown.

    Not an attrs class, on purpose: ``attrs.asdict`` and ``attrs.astuple`` copy an
    attrs value field by field, and would hand out the digits of every SSN inside
    a practice or a contract. They keep an ``SSN`` whole instead, masked. It is
    immutable, hashable and ordered like the other identifiers.

    >>> ssn = SSN("123-45-6789")
    >>> ssn, str(ssn), f"{ssn}"
    (SSN('***-**-6789'), '***-**-6789', '***-**-6789')
    >>> ssn.reveal()
    '123456789'
    >>> import attrs
    >>> from credkit import Group
    >>> attrs.asdict(Group(practice=ssn))
    {'practice': SSN('***-**-6789')}
    """

    __slots__ = ("_digits", "_hash")
    _digits: str
    _hash: int

    def __init__(self, digits: object) -> None:
        valid = validate(digits)
        object.__setattr__(self, "_digits", valid)
        object.__setattr__(self, "_hash", hash((SSN, valid)))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[type["SSN"], tuple[str]]:
        return SSN, (self._digits,)

    def __eq__(self, other: object) -> bool:
        if type(other) is not SSN:
            return NotImplemented
        return self._digits == other._digits

    def __ne__(self, other: object) -> bool:
        if type(other) is not SSN:
            return NotImplemented
        return self._digits != other._digits

    def __lt__(self, other: "SSN") -> bool:
        if type(other) is not SSN:
            return NotImplemented
        return self._digits < other._digits

    def __le__(self, other: "SSN") -> bool:
        if type(other) is not SSN:
            return NotImplemented
        return self._digits <= other._digits

    def __gt__(self, other: "SSN") -> bool:
        if type(other) is not SSN:
            return NotImplemented
        return self._digits > other._digits

    def __ge__(self, other: "SSN") -> bool:
        if type(other) is not SSN:
            return NotImplemented
        return self._digits >= other._digits

    def __hash__(self) -> int:
        return self._hash

    def reveal(self) -> str:
        """Return the nine digits. Only explicit serialization should need them."""
        return self._digits

    @property
    def last4(self) -> str:
        """The last four digits, which are safe to show.

        >>> SSN("123-45-6789").last4
        '6789'
        """
        return self._digits[-4:]

    def formatted(self) -> str:
        """Return the full number written ``NNN-NN-NNNN``; as sensitive as :meth:`reveal`.

        >>> SSN("123456789").formatted()
        '123-45-6789'
        """
        return f"{self._digits[:3]}-{self._digits[3:5]}-{self._digits[5:]}"

    def __str__(self) -> str:
        return mask(self._digits)

    def __repr__(self) -> str:
        return f"SSN({mask(self._digits)!r})"

    def __format__(self, spec: str) -> str:
        return format_text(str(self), spec)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython and Hypothesis print attrs classes field by field unless told
        # otherwise, which would bypass the masked repr.
        printer.text(repr(self))
