"""EIN (Employer Identification Number).

The EIN is the nine-digit federal tax id the IRS assigns to a business, written
``NN-NNNNNNN``. A group practice bills under its EIN (box 25 of the CMS-1500); a
clinician billing on their own may use an EIN of their own business instead of
their SSN. The first two digits, the prefix, come from a fixed list that the IRS
publishes; numbers with any other prefix are never issued.

Source: IRS, "How EINs are assigned and valid EIN prefixes"
(https://www.irs.gov/businesses/small-businesses-self-employed/how-eins-are-assigned-and-valid-ein-prefixes),
as tabulated by python-stdnum's ``stdnum.us.ein``.

>>> validate("12-3456789")
'123456789'
>>> is_valid("07-1234567")
False
"""

import functools
import re
from typing import Any

import attrs

from credkit._convert import describe, format_text
from credkit.errors import InvalidIdentifier

__all__ = ["EIN", "is_valid", "validate"]

_EIN_FORMAT = re.compile(r"[0-9]{2}-?[0-9]{7}")


@functools.cache
def assigned_prefixes() -> frozenset[str]:
    """The two-digit prefixes the IRS assigns, from python-stdnum's table, read once.

    Read when the first EIN is checked, not when credkit is imported: loading
    stdnum's table (and stdnum itself) is a good part of an import's time. Asking
    it for every EIN would cost more than everything else in building a claim.

    >>> "12" in assigned_prefixes(), "07" in assigned_prefixes()
    (True, False)
    """
    from stdnum.us import ein as stdnum_ein  # noqa: PLC0415 - see above

    return frozenset(
        f"{prefix:02d}" for prefix in range(100) if stdnum_ein.is_valid(f"{prefix:02d}0000000")
    )


def validate(number: object) -> str:
    """Return the EIN's nine digits, or raise :class:`InvalidIdentifier`.

    ``"12-3456789"`` and ``"123456789"`` are both accepted.

    >>> validate("123456789")
    '123456789'
    >>> validate("123-45-6789")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidIdentifier: an EIN is written NN-NNNNNNN or as 9 digits
    """
    if isinstance(number, EIN):
        return number.digits
    if not isinstance(number, str):
        raise InvalidIdentifier(f"an EIN is a string such as '12-3456789', got {describe(number)}")
    # An EIN may be a sole proprietor's: the message never repeats the input.
    if not _EIN_FORMAT.fullmatch(number):
        raise InvalidIdentifier("an EIN is written NN-NNNNNNN or as 9 digits")
    digits = number.replace("-", "")
    if digits[:2] not in assigned_prefixes():
        raise InvalidIdentifier(f"EIN prefix {digits[:2]} is not one the IRS assigns")
    return digits


def is_valid(number: object) -> bool:
    """Tell whether ``number`` is a valid EIN.

    >>> is_valid("12-3456789"), is_valid("00-3456789")
    (True, False)
    """
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


@attrs.frozen(order=True, repr=False, cache_hash=True)
class EIN:
    """An Employer Identification Number; ``str`` gives ``NN-NNNNNNN``.

    >>> ein = EIN("123456789")
    >>> ein, str(ein), ein == EIN("12-3456789")
    (EIN('12-3456789'), '12-3456789', True)
    """

    digits: str = attrs.field(converter=validate)

    def __str__(self) -> str:
        return f"{self.digits[:2]}-{self.digits[2:]}"

    def __repr__(self) -> str:
        return f"EIN({str(self)!r})"

    def __format__(self, spec: str) -> str:
        return format_text(str(self), spec)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython and Hypothesis print attrs classes field by field unless told
        # otherwise, which would bypass the masked repr.
        printer.text(repr(self))
