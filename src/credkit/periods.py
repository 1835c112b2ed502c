"""Period: a closed range of dates, possibly open-ended.

Licenses, credentials, contract terms, roster places and pay-to entries all hold
for a period. A period includes both its first and its last day; ``end=None``
means it has no end yet.
"""

import sys
from datetime import date

import attrs

from credkit._convert import (
    an_argument,
    instance_of,
    locate_errors,
    to_date,
    to_optional_date,
    whole_number,
)
from credkit.errors import InvalidPeriod

__all__ = ["Period"]


def _to_early_days(value: object) -> int:
    # No upper bound: the days are only compared, never kept or shown.
    return whole_number(value, 0, sys.maxsize)


def _to_period(value: object) -> "Period":
    return instance_of(Period)(value)


@locate_errors
@attrs.frozen
class Period:
    """The days from ``start`` to ``end``, both included; ``end=None`` means open-ended.

    Dates may be given as ``date`` objects or ``YYYY-MM-DD`` strings, positionally or
    by keyword.

    >>> term = Period("2024-01-01", "2024-12-31")
    >>> date(2024, 12, 31) in term, date(2025, 1, 1) in term
    (True, False)
    >>> date(2031, 5, 1) in Period(start="2024-01-01")
    True
    >>> str(term), str(Period("2024-01-01"))
    ('2024-01-01 to 2024-12-31', 'from 2024-01-01')
    """

    start: date = attrs.field(converter=to_date)
    end: date | None = attrs.field(default=None, converter=to_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidPeriod(
                f"{self.end.isoformat()} is before the start {self.start.isoformat()}",
                owner="Period",
                attribute="end",
            )

    def __contains__(self, day: object) -> bool:
        on = day if type(day) is date else to_date(day)
        return self.start <= on and (self.end is None or on <= self.end)

    def __str__(self) -> str:
        if self.end is None:
            return f"from {self.start.isoformat()}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def covers(self, day: date | str, *, early_days: int = 0) -> bool:
        """Tell whether ``day`` is in the period, or at most ``early_days`` before its start.

        ``early_days`` is a payer's retro-billing window, a whole number of days, not
        negative.

        >>> Period("2024-03-01").covers(date(2024, 2, 20), early_days=10)
        True
        >>> Period("2024-03-01").covers(date(2024, 2, 19), early_days=10)
        False
        """
        on = day if type(day) is date else an_argument(to_date, day, "day")
        if type(early_days) is not int or early_days < 0:
            an_argument(_to_early_days, early_days, "early_days")
        if self.end is not None and on > self.end:
            return False
        # Ordinals, not timedelta: a period that starts on date.min has no "before".
        return on.toordinal() >= self.start.toordinal() - early_days

    def has_ended(self, day: date | str) -> bool:
        """Tell whether the period's last day is before ``day``.

        >>> Period("2024-01-01", "2024-06-30").has_ended(date(2024, 7, 1))
        True
        >>> Period("2024-01-01").has_ended(date(2099, 1, 1))
        False
        """
        on = an_argument(to_date, day, "day")
        return self.end is not None and self.end < on

    def overlaps(self, other: "Period") -> bool:
        """Tell whether the two periods share at least one day.

        >>> Period("2024-01-01", "2024-06-30").overlaps(Period("2024-06-30"))
        True
        >>> Period("2024-01-01", "2024-06-30").overlaps(Period("2024-07-01"))
        False
        """
        other = an_argument(_to_period, other, "other")
        starts_in_time = other.end is None or self.start <= other.end
        ends_in_time = self.end is None or other.start <= self.end
        return starts_in_time and ends_in_time
