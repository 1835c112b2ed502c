"""Calendar arithmetic for deadlines and look-back windows: whole months and plain days.

"Six months after" and "five years back" are counted in calendar months, with the
day of the month kept where the target month has it and clamped to the month's
last day where it does not (the 31st of August plus six months is the 28th or 29th
of February). Both functions saturate at the ends of the calendar rather than
fail, so a question asked about any date has an answer.
"""

import calendar
from datetime import date

__all__ = ["add_days", "add_months", "longer_than_months"]

_FIRST = date.min.toordinal()
_LAST = date.max.toordinal()


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (earlier when negative), clamped to the month's end.

    >>> add_months(date(2026, 8, 31), 6), add_months(date(2028, 2, 29), -60)
    (datetime.date(2027, 2, 28), datetime.date(2023, 2, 28))
    >>> add_months(date(9999, 12, 1), 1), add_months(date(1, 1, 31), -1)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    shifted = _shift(day, months)
    if shifted is None:
        return date.min if months < 0 else date.max
    return shifted


def _shift(day: date, months: int) -> date | None:
    """:func:`add_months`, or ``None`` when the result falls outside the calendar."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not date.min.year <= year <= date.max.year:
        return None
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_days(day: date, days: int) -> date:
    """The day ``days`` later (earlier when negative), saturating at ``date.min`` and ``date.max``.

    >>> add_days(date(2026, 11, 28), -120), add_days(date.max, 1)
    (datetime.date(2026, 7, 31), datetime.date(9999, 12, 31))
    """
    return date.fromordinal(min(_LAST, max(_FIRST, day.toordinal() + days)))


def longer_than_months(first: date, last: date, months: int) -> bool:
    """Whether the days from ``first`` to ``last``, both included, span more than ``months`` months.

    The days from the 1st of January to the 30th of June are exactly six months;
    one day more is longer.

    >>> longer_than_months(date(2026, 1, 1), date(2026, 6, 30), 6)
    False
    >>> longer_than_months(date(2026, 1, 1), date(2026, 7, 1), 6)
    True
    >>> longer_than_months(date(9999, 8, 1), date.max, 6)
    False
    """
    target = _shift(first, months)
    return target is not None and last >= target
