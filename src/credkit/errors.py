"""The one error tree: everything credkit raises derives from :class:`CredkitError`.

``CredkitError`` is a ``ValueError``, so code that already catches ``ValueError``
keeps working. Each message names the field and the rule it broke, and never
shows a Social Security Number. SSNs are masked by type, not by pattern: a value
held as an :class:`~credkit.SSN` shows itself as ``***-**-1234``, and a message
that quotes bad input masks any nine digits in it, saying so (see
``credkit._convert.shown``). Everything else (NPIs, license numbers, CAQH ids,
contract and payer ids) is shown as it is.

>>> from credkit import NPI, InvalidIdentifier
>>> try:
...     NPI("1710999999")
... except InvalidIdentifier as error:
...     print(error)
NPI 1710999999 fails its check digit (Luhn with prefix 80840); check for a typo
"""

import re
from collections.abc import Iterable
from typing import Self

__all__ = [
    "CredkitError",
    "InvalidData",
    "InvalidIdentifier",
    "InvalidPeriod",
    "InvalidValue",
    "UnknownId",
    "mask_ssns",
]

# Nine digits standing alone, written 3-2-4 with or without separators (-, . or space) between
# the parts. Ten-digit NPIs and hyphenated EINs (NN-NNNNNNN) do not match. Any decimal digit
# counts, not only ASCII ones: a number typed with full-width digits is still the number.
_SSN_LIKE = re.compile(r"(?<!\d)\d{3}[-. ]?\d{2}[-. ]?(\d{4})(?!\d)")


MASKED_NOTE = "nine digits, shown masked in case it is an SSN"
"""What a message adds when it masks digits in what it quotes, so that a typo can still be found."""


def mask_ssns(text: str) -> str:
    """Return ``text`` with every SSN-shaped nine-digit run masked to ``***-**-NNNN``.

    credkit masks by type: it applies this only to bad input that it quotes in a
    message, where it cannot know what the digits are. It is kept for callers who
    print text of their own that may hold SSNs.

    >>> mask_ssns("pays 123-45-6789 and 987654321, NPI 1234567893")
    'pays ***-**-6789 and ***-**-4321, NPI 1234567893'
    """
    if not isinstance(text, str):
        raise InvalidValue(f"mask_ssns takes text, got {type(text).__name__}")
    return _SSN_LIKE.sub(lambda match: f"***-**-{match.group(1)}", text)


class CredkitError(ValueError):
    """Base of every error credkit raises; a ``ValueError``.

    >>> issubclass(CredkitError, ValueError)
    True
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)

    @property
    def message(self) -> str:
        """The message, as ``str(error)`` gives it.

        >>> CredkitError("boom").message
        'boom'
        """
        return str(self.args[0])


class InvalidValue(CredkitError):
    """A value that breaks one of credkit's rules.

    ``rule`` says what is wrong. ``owner`` and ``attribute`` say where, when the
    value was given to a field (``Provider.npi``); both are ``None`` when the
    value was checked on its own.

    >>> error = InvalidValue("must not be blank", owner="Provider", attribute="name")
    >>> str(error)
    'Provider.name: must not be blank'
    >>> error.field
    'Provider.name'
    """

    def __init__(
        self, rule: str, *, owner: str | None = None, attribute: str | None = None
    ) -> None:
        self.rule = rule
        self.owner = owner
        self.attribute = attribute
        super().__init__(f"{self.field}: {self.rule}" if self.field else self.rule)

    @property
    def field(self) -> str | None:
        """Where the value was given, as ``Owner.attribute``, or ``None``."""
        if self.attribute is None:
            return None
        return f"{self.owner}.{self.attribute}" if self.owner else self.attribute

    def located(self, owner: str, attribute: str) -> Self:
        """Return the same error (same class, same rule) placed at ``owner.attribute``.

        >>> InvalidValue("must be positive").located("PayerRules", "retro_days").field
        'PayerRules.retro_days'
        """
        if not isinstance(owner, str) or not isinstance(attribute, str):
            raise InvalidValue("an error is located by two names, owner and attribute, as text")
        return type(self)(self.rule, owner=owner, attribute=attribute)


class InvalidIdentifier(InvalidValue):
    """An NPI, EIN, SSN, tax id or state code that is malformed or cannot exist.

    >>> from credkit import EIN
    >>> EIN("07-1234567")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidIdentifier: EIN prefix 07 is not one the IRS assigns
    """


class InvalidPeriod(InvalidValue):
    """A period whose end comes before its start.

    >>> from credkit import Period
    >>> Period("2024-03-01", "2024-02-01")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidPeriod: Period.end: 2024-02-01 is before the start 2024-03-01
    """


_ID_LABELS = {"provider": "NPI", "payer": "id", "practice": "tax id"}


class UnknownId(CredkitError):
    """A :class:`~credkit.Book` was asked about an id it does not hold, where the answer cannot say so.

    Questions whose answers carry reasons answer with ``unknown_provider``,
    ``unknown_payer`` or ``unknown_practice`` instead. ``kind`` is ``"provider"``,
    ``"payer"`` or ``"practice"``; ``id`` is the id as written in the message: an
    :class:`~credkit.SSN` masked, and a tax id given as text masked when it has nine
    digits, since it may be an SSN.

    >>> error = UnknownId("payer", "united")
    >>> str(error), error.kind
    ("the book holds no payer with id 'united'", 'payer')
    >>> str(UnknownId("practice", "123-45-6789"))
    'the book holds no practice with tax id ***-**-6789 (nine digits, shown masked in case it is an SSN)'
    """

    def __init__(self, kind: str, value: object) -> None:
        self.kind = kind
        written = str(value)
        # A payer id or NPI is never an SSN; a tax id written as text may be one.
        self.id = mask_ssns(written) if kind == "practice" and isinstance(value, str) else written
        shown = repr(self.id) if kind == "payer" else self.id
        if self.id != written:
            shown += f" ({MASKED_NOTE})"
        label = _ID_LABELS.get(kind, "id")
        super().__init__(f"the book holds no {kind} with {label} {shown}")


class InvalidData(CredkitError):
    """Data (a JSON document, a mapping, a set of records) that cannot become credkit objects.

    ``errors`` lists every problem found, each as ``"$.path: message"``.

    >>> from credkit import structure, Period
    >>> try:
    ...     structure({"start": "2024-01-01", "end": 5, "extra": 1}, Period)
    ... except InvalidData as error:
    ...     for line in error.errors:
    ...         print(line)
    $.end: expected a date written YYYY-MM-DD, got a number
    $.extra: unknown field
    """

    def __init__(self, errors: Iterable[str], *, source: str | None = None) -> None:
        self.errors: tuple[str, ...] = tuple(errors)
        self.source = source
        count = len(self.errors)
        where = f"{source}: " if source else ""
        head = f"{where}{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__("\n".join([head, *(f"  {line}" for line in self.errors)]))
