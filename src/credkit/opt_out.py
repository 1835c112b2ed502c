"""OptOut: a clinician's affidavit opting out of Medicare, for two-year periods.

A clinician who opts out files an affidavit with the Medicare contractor. For the
whole of each two-year opt-out period, Medicare pays nothing for the clinician's
services, directly or through a reassignment to a group, and the clinician
contracts privately with each Medicare patient instead (emergency and urgent care
aside, which credkit does not model). The rules, from 42 CFR 405.405 and 405.410
and section 1802(b)(3) of the Social Security Act:

* an opt-out lasts two years from its start;
* an affidavit signed on or after 2015-06-16 renews by itself for another two
  years at the end of each period, unless the clinician cancels it in writing at
  least 30 days before the next period begins (a cancellation sent later takes
  effect a period later);
* an affidavit signed before 2015-06-16 simply ends after its two years.
"""

import calendar
from collections.abc import Iterator
from datetime import date

import attrs

from credkit._calendar import add_days
from credkit._convert import describe, locate_errors, to_date, to_optional_date, to_payer_id
from credkit._fields import to_npi
from credkit.errors import InvalidValue
from credkit.identifiers import NPI
from credkit.periods import Period

__all__ = ["OptOut"]

PERIOD_MONTHS = 24
"""An opt-out period: two years (42 CFR 405.410(c))."""

RENEWS_FROM = date(2015, 6, 16)
"""Affidavits signed on or after this day renew by themselves (42 CFR 405.410(d))."""

NOTICE_DAYS = 30
"""A cancellation must reach the contractor this many days before the next period."""


@locate_errors
@attrs.frozen(kw_only=True)
class OptOut:
    """A provider's opt-out of a payer (Medicare): affidavit ``signed``, in force from ``start``.

    ``cancelled`` is the day the written notice of cancellation was sent, if one
    was: it ends the opt-out at the end of the period in progress when it reaches
    the payer at least 30 days before the next period begins, and a period later
    otherwise.

    >>> opt_out = OptOut(provider="1234567893", payer="medicare", signed="2024-01-10",
    ...                  start="2024-01-10")
    >>> opt_out.period_containing(date(2026, 1, 9))
    Period(start=datetime.date(2024, 1, 10), end=datetime.date(2026, 1, 9))
    >>> opt_out.period_containing(date(2026, 1, 10))
    Period(start=datetime.date(2026, 1, 10), end=datetime.date(2028, 1, 9))
    >>> cancelled = attrs.evolve(opt_out, cancelled="2025-12-11")
    >>> cancelled.last_day, cancelled.in_effect(date(2026, 1, 10))
    (datetime.date(2026, 1, 9), False)
    """

    provider: NPI = attrs.field(converter=to_npi)
    payer: str = attrs.field(converter=to_payer_id)
    signed: date = attrs.field(converter=to_date)
    start: date = attrs.field(converter=to_date)
    cancelled: date | None = attrs.field(default=None, converter=to_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.start < self.signed:
            raise InvalidValue(
                f"{self.start.isoformat()} is before the affidavit was signed "
                f"({self.signed.isoformat()}): an opt-out starts on or after its signing",
                owner="OptOut",
                attribute="start",
            )
        if self.cancelled is not None and self.cancelled < self.signed:
            raise InvalidValue(
                f"{self.cancelled.isoformat()} is before the affidavit was signed "
                f"({self.signed.isoformat()}): only a signed opt-out can be cancelled",
                owner="OptOut",
                attribute="cancelled",
            )

    @property
    def renews(self) -> bool:
        """Whether the affidavit renews by itself: signed on or after 2015-06-16.

        >>> OptOut(provider="1234567893", payer="medicare", signed="2015-06-15",
        ...        start="2015-06-15").renews
        False
        """
        return self.signed >= RENEWS_FROM

    def period_start(self, index: int) -> date:
        """The first day of two-year period ``index`` (0 is the first), as if it renewed.

        >>> OptOut(provider="1234567893", payer="medicare", signed="2024-02-29",
        ...        start="2024-02-29").period_start(1)
        datetime.date(2026, 2, 28)
        """
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise InvalidValue(
                f"expected a whole number, 0 or more, got {describe(index)}",
                owner="argument",
                attribute="index",
            )
        # Counted from the start each time, so that a clamped month end does not drift:
        # two years on is the same day of the same month, but the 29th of February.
        year = self.start.year + PERIOD_MONTHS // 12 * index
        if year > date.max.year:
            return date.max
        start = self.start
        if start.month == 2 and start.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return start.replace(year=year)

    @property
    def periods_in_force(self) -> int | None:
        """How many two-year periods the opt-out runs; ``None`` when it renews without end.

        >>> OptOut(provider="1234567893", payer="medicare", signed="2024-01-10",
        ...        start="2024-01-10", cancelled="2025-12-11").periods_in_force
        1
        """
        if not self.renews:
            return 1
        if self.cancelled is None:
            return None
        # The first renewal the notice reaches at least NOTICE_DAYS ahead of is stopped.
        index = 1
        while True:
            start = self.period_start(index)
            if start.toordinal() - self.cancelled.toordinal() >= NOTICE_DAYS or start == date.max:
                return index
            index += 1

    @property
    def last_day(self) -> date | None:
        """The opt-out's last day, or ``None`` while it renews by itself.

        >>> OptOut(provider="1234567893", payer="medicare", signed="2014-03-01",
        ...        start="2014-03-01").last_day
        datetime.date(2016, 2, 29)
        """
        count = self.periods_in_force
        if count is None:
            return None
        return add_days(self.period_start(count), -1)

    def in_effect(self, on: date | str) -> bool:
        """Tell whether the opt-out is in force on ``on``.

        >>> opt_out = OptOut(provider="1234567893", payer="medicare", signed="2014-03-01",
        ...                  start="2014-03-01")
        >>> opt_out.in_effect("2016-02-29"), opt_out.in_effect("2016-03-01")
        (True, False)
        """
        day = to_date(on)
        last = self.last_day
        return self.start <= day and (last is None or day <= last)

    def period_containing(self, on: date | str) -> Period | None:
        """The two-year opt-out period that ``on`` falls in, or ``None`` when not in force.

        >>> OptOut(provider="1234567893", payer="medicare", signed="2014-03-01",
        ...        start="2014-03-01").period_containing("2017-01-01") is None
        True
        """
        day = to_date(on)
        if not self.in_effect(day):
            return None
        # Two-year periods are 730 or 731 days: the estimate is the period or the one before.
        index = max(0, (day.toordinal() - self.start.toordinal()) // 731)
        while True:
            following = self.period_start(index + 1)
            if day < following or following == date.max:
                end = add_days(following, -1) if following < date.max else date.max
                return Period(self.period_start(index), end)
            index += 1

    def period_starts(self) -> Iterator[date]:
        """The first day of each two-year period in force, in order, up to the calendar's end.

        >>> starts = OptOut(provider="1234567893", payer="medicare", signed="2024-01-10",
        ...                 start="2024-01-10").period_starts()
        >>> next(starts), next(starts)
        (datetime.date(2024, 1, 10), datetime.date(2026, 1, 10))
        """
        count = self.periods_in_force
        start = self.start
        leap_day = start.month == 2 and start.day == 29
        # One every two years, written out: a renewing opt-out has thousands before date.max.
        for index, year in enumerate(range(start.year, date.max.year + 1, PERIOD_MONTHS // 12)):
            if count is not None and index >= count:
                return
            if leap_day and not calendar.isleap(year):
                yield date(year, 2, 28)
            else:
                yield start.replace(year=year)
