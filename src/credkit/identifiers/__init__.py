"""Identifiers: NPI, EIN, SSN, the tax id that is one of the last two, and State.

Each identifier has its own module (``credkit.identifiers.npi`` and so on) with
``validate`` and ``is_valid`` functions and a value type that cannot hold an
invalid number.

A field that takes a *tax id* accepts an :class:`EIN` or an :class:`SSN`, or a
string that says by its hyphens which one it is:

>>> parse_tax_id("12-3456789")
EIN('12-3456789')
>>> parse_tax_id("123-45-6789")
SSN('***-**-6789')
>>> parse_tax_id("123456789")
Traceback (most recent call last):
...
credkit.errors.InvalidIdentifier: a tax id of 9 bare digits is ambiguous: write an EIN as NN-NNNNNNN or an SSN as NNN-NN-NNNN
"""

import re
from typing import TypeAlias

from credkit._convert import describe
from credkit.errors import InvalidIdentifier
from credkit.identifiers.ein import EIN
from credkit.identifiers.npi import NPI
from credkit.identifiers.ssn import SSN
from credkit.identifiers.state import State

__all__ = ["EIN", "NPI", "SSN", "State", "TaxId", "parse_tax_id"]

TaxId: TypeAlias = EIN | SSN
"""A federal tax id: a business's :class:`EIN` or a person's :class:`SSN`."""

_EIN_WRITTEN = re.compile(r"[0-9]{2}-[0-9]{7}")
_SSN_WRITTEN = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}")
_BARE = re.compile(r"[0-9]{9}")


def parse_tax_id(value: object) -> EIN | SSN:
    """Read a tax id: an :class:`EIN`, an :class:`SSN`, or a hyphenated string.

    ``NN-NNNNNNN`` is an EIN and ``NNN-NN-NNNN`` an SSN; nine bare digits could be
    either and are refused rather than guessed.

    >>> parse_tax_id(EIN("12-3456789"))
    EIN('12-3456789')
    """
    if isinstance(value, EIN | SSN):
        return value
    if not isinstance(value, str):
        raise InvalidIdentifier(
            f"a tax id is an EIN ('12-3456789') or an SSN ('123-45-6789'), got {describe(value)}"
        )
    if _EIN_WRITTEN.fullmatch(value):
        return EIN(value)
    if _SSN_WRITTEN.fullmatch(value):
        return SSN(value)
    if _BARE.fullmatch(value):
        raise InvalidIdentifier(
            "a tax id of 9 bare digits is ambiguous: write an EIN as NN-NNNNNNN "
            "or an SSN as NNN-NN-NNNN"
        )
    raise InvalidIdentifier("a tax id is an EIN written NN-NNNNNNN or an SSN written NNN-NN-NNNN")
