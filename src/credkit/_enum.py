"""The base of credkit's enumerations: values are strings; an unknown one is a clear error."""

from enum import StrEnum
from typing import Self

from credkit._convert import choices, shown
from credkit.errors import InvalidValue


class CredkitEnum(StrEnum):
    """A ``StrEnum`` whose lookup of an unknown value raises :class:`InvalidValue`."""

    @classmethod
    def _missing_(cls, value: object) -> Self:
        got = shown(value) if isinstance(value, str) else type(value).__name__
        raise InvalidValue(f"{got} is not a {cls.__name__}; expected {choices(cls)}")
