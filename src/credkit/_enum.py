"""The base of credkit's enumerations: values are strings; an unknown one is a clear error."""

from enum import EnumType, StrEnum
from typing import Any, Self

from credkit._convert import choices, shown
from credkit.errors import InvalidValue


class _CredkitEnumType(EnumType):
    """Looks a member up by value, refusing anything that is not text before Python's own lookup.

    Python's lookup of an unknown value builds its message with ``repr(value)``,
    which itself fails for an int too long to print (``State(10**5000)``), and
    hashes the value, which fails for a list; neither is a
    :class:`~credkit.CredkitError`.
    """

    def __call__(cls, value: object, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not cls._member_map_:
            # The functional API (``Enum("Name", ...)``) and subclassing: not a lookup.
            return super().__call__(value, *args, **kwargs)
        enum: type = cls
        if isinstance(value, enum):
            return value
        if not isinstance(value, str):
            # Named by its type, without repr or hash: _missing_ does that, and raises.
            missing: Any = getattr(cls, "_missing_")  # noqa: B009 - a classmethod of the enum
            return missing(value)
        # A str subclass (another enum's member) is looked up by its text alone.
        return super().__call__(str.__str__(value))


class CredkitEnum(StrEnum, metaclass=_CredkitEnumType):
    """A ``StrEnum`` whose lookup of an unknown value raises :class:`InvalidValue`."""

    @classmethod
    def _missing_(cls, value: object) -> Self:
        got = shown(value) if isinstance(value, str) else type(value).__name__
        raise InvalidValue(f"{got} is not a {cls.__name__}; expected {choices(cls)}")
