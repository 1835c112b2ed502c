"""NPI (National Provider Identifier).

The NPI is the 10-digit number that identifies a health care provider in HIPAA
transactions such as the CMS-1500 claim and the 837P. CMS issues it through the
National Plan and Provider Enumeration System (NPPES): an *individual* (type 1)
NPI to a person, such as a clinician, and an *organizational* (type 2) NPI to a
group practice or other organization. The number itself does not say which type
it is; NPPES does.

The tenth digit is a check digit computed with the Luhn formula over the first
nine digits prefixed with ``80840``, the ISO 7812 issuer prefix for United States
health applications; the prefix is not part of the NPI.

Source: CMS, "Requirements for National Provider Identifier (NPI) and NPI
Enumeration", check digit section
(https://www.cms.gov/Regulations-and-Guidance/Administrative-Simplification/NationalProvIdentStand/Downloads/NPIcheckdigit.pdf).

>>> validate("1234567893")
'1234567893'
>>> is_valid("1710999999")
False
>>> calc_check_digit("155859879")
'7'
"""

import re
from typing import Any

import attrs

from credkit._convert import describe, format_text, shown
from credkit.errors import InvalidIdentifier

__all__ = ["NPI", "calc_check_digit", "is_valid", "validate"]

_TEN_DIGITS = re.compile(r"[0-9]{10}")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_HEALTH_PREFIX = "80840"

# python-stdnum's Luhn module, imported at the first NPI checked rather than with
# credkit: importing stdnum is a good part of the time ``import credkit`` would take.
_luhn: Any = None


def _stdnum_luhn() -> Any:
    global _luhn  # noqa: PLW0603 - set once, then read by every check
    from stdnum import luhn  # noqa: PLC0415

    _luhn = luhn
    return luhn


def calc_check_digit(first_nine: str) -> str:
    """Return the check digit for the first nine digits of an NPI.

    >>> calc_check_digit("123456789")
    '3'
    """
    if not isinstance(first_nine, str) or not _NINE_DIGITS.fullmatch(first_nine):
        raise InvalidIdentifier("the first nine digits of an NPI are 9 digits, as a string")
    digit: str = (_luhn or _stdnum_luhn()).calc_check_digit(_HEALTH_PREFIX + first_nine)
    return digit


def validate(number: object) -> str:
    """Return the NPI's ten digits, or raise :class:`InvalidIdentifier` saying what is wrong.

    >>> validate("1558598797")
    '1558598797'
    >>> validate("12345")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidIdentifier: an NPI is 10 digits, got '12345'
    """
    if isinstance(number, NPI):
        return number.digits
    if not isinstance(number, str):
        raise InvalidIdentifier(f"an NPI is a string of 10 digits, got {describe(number)}")
    if not _TEN_DIGITS.fullmatch(number):
        raise InvalidIdentifier(f"an NPI is 10 digits, got {shown(number)}")
    if not (_luhn or _stdnum_luhn()).is_valid(_HEALTH_PREFIX + number):
        raise InvalidIdentifier(
            f"NPI {number} fails its check digit (Luhn with prefix 80840); check for a typo"
        )
    return number


def is_valid(number: object) -> bool:
    """Tell whether ``number`` is a valid NPI.

    >>> is_valid("1234567893"), is_valid("1234567890"), is_valid(1234567893)
    (True, False, False)
    """
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


@attrs.frozen(order=True, repr=False, cache_hash=True)
class NPI:
    """A National Provider Identifier: ten digits whose last is a Luhn check digit.

    ``str(npi)`` gives the digits.

    >>> npi = NPI("1234567893")
    >>> npi, str(npi)
    (NPI('1234567893'), '1234567893')
    >>> NPI("1234567893") == NPI(npi)
    True
    """

    digits: str = attrs.field(converter=validate)

    def __str__(self) -> str:
        return self.digits

    def __repr__(self) -> str:
        return f"NPI({self.digits!r})"

    def __format__(self, spec: str) -> str:
        return format_text(str(self), spec)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython and Hypothesis print attrs classes field by field unless told
        # otherwise, which would bypass the masked repr.
        printer.text(repr(self))
