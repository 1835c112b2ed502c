"""Example tables for Period: construction, membership, retro windows and overlap."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from collections.abc import Callable
from datetime import date, datetime, timedelta

import attrs
import pytest

from credkit import CredkitError, InvalidPeriod, InvalidValue, Period

MARCH = Period("2024-03-01", "2024-03-31")  # 2024 is a leap year: 29 days in February


class TestConstruction:
    @pytest.mark.parametrize(
        ("build", "start", "end"),
        [
            pytest.param(
                lambda: Period(date(2024, 1, 1), date(2024, 12, 31)),
                date(2024, 1, 1),
                date(2024, 12, 31),
                id="dates-positional",
            ),
            pytest.param(
                lambda: Period("2024-01-01", "2024-12-31"),
                date(2024, 1, 1),
                date(2024, 12, 31),
                id="strings-positional",
            ),
            pytest.param(
                lambda: Period(start=date(2024, 1, 1), end=date(2024, 12, 31)),
                date(2024, 1, 1),
                date(2024, 12, 31),
                id="dates-keyword",
            ),
            pytest.param(
                lambda: Period(start="2024-01-01", end="2024-12-31"),
                date(2024, 1, 1),
                date(2024, 12, 31),
                id="strings-keyword",
            ),
            pytest.param(
                lambda: Period("2024-01-01", end=date(2024, 12, 31)),
                date(2024, 1, 1),
                date(2024, 12, 31),
                id="mixed",
            ),
            pytest.param(
                lambda: Period("2024-01-01"), date(2024, 1, 1), None, id="open-ended-positional"
            ),
            pytest.param(
                lambda: Period(start="2024-01-01", end=None),
                date(2024, 1, 1),
                None,
                id="open-ended-keyword",
            ),
            pytest.param(
                lambda: Period("2024-02-29", "2024-02-29"),
                date(2024, 2, 29),
                date(2024, 2, 29),
                id="one-day-leap-day",
            ),
            pytest.param(
                lambda: Period("0001-01-01", "9999-12-31"), date.min, date.max, id="widest"
            ),
        ],
    )
    def test_accepted(self, build: Callable[[], Period], start: date, end: date | None) -> None:
        """Dates or YYYY-MM-DD strings, by position or keyword, become dates."""
        period = build()
        assert (start, end) == (period.start, period.end)
        assert (date, type(end)) == (type(period.start), type(period.end))

    @pytest.mark.parametrize(
        ("start", "end"),
        [
            pytest.param("2024-03-01", "2024-02-29", id="one-day-before"),
            pytest.param("2024-03-01", "2023-03-01", id="a-year-before"),
            pytest.param(date(2024, 3, 1), date(2024, 2, 1), id="dates"),
            pytest.param("9999-12-31", "0001-01-01", id="widest"),
        ],
    )
    def test_end_before_start_is_refused(self, start: object, end: object) -> None:
        """An end before the start raises InvalidPeriod naming Period.end."""
        with pytest.raises(InvalidPeriod) as info:
            Period(start, end)
        assert "Period.end" == info.value.field
        assert str(info.value).startswith("Period.end: ")

    def test_end_before_start_message_gives_both_dates(self) -> None:
        """The message says which end and which start disagree."""
        with pytest.raises(InvalidPeriod) as info:
            Period("2024-03-01", "2024-02-01")
        assert "Period.end: 2024-02-01 is before the start 2024-03-01" == str(info.value)

    def test_invalid_period_is_a_credkit_error(self) -> None:
        """InvalidPeriod is an InvalidValue, a CredkitError and a ValueError."""
        assert issubclass(InvalidPeriod, InvalidValue)
        assert issubclass(InvalidPeriod, CredkitError)
        assert issubclass(InvalidPeriod, ValueError)

    def test_end_equal_to_start_is_allowed(self) -> None:
        """A period may be a single day."""
        period = Period("2024-03-01", "2024-03-01")
        assert period.start == period.end

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            pytest.param({"start": datetime(2024, 1, 1)}, "Period.start", id="start"),
            pytest.param(
                {"start": "2024-01-01", "end": datetime(2024, 12, 31)}, "Period.end", id="end"
            ),
            pytest.param(
                {"start": datetime(2024, 1, 1, 9, 30), "end": datetime(2024, 12, 31)},
                "Period.start",
                id="both",
            ),
        ],
    )
    def test_datetime_is_refused(self, kwargs: dict[str, object], field: str) -> None:
        """A datetime is not a date: it raises InvalidValue naming the field."""
        with pytest.raises(InvalidValue) as info:
            Period(**kwargs)
        assert field == info.value.field
        assert "datetime" in str(info.value)

    @pytest.mark.parametrize(
        "text",
        [
            pytest.param("20240101", id="basic-format"),
            pytest.param("2024-1-1", id="no-zero-padding"),
            pytest.param("2024-02-30", id="february-30"),
            pytest.param("2023-02-29", id="not-a-leap-year"),
            pytest.param("2024-13-01", id="month-13"),
            pytest.param("2024-00-10", id="month-0"),
            pytest.param("2024-01-00", id="day-0"),
            pytest.param("2024-01-01T00:00", id="with-time"),
            pytest.param("2024-01-01 00:00:00", id="with-time-space"),
            pytest.param("2024-01-01Z", id="with-zone"),
            pytest.param("2024/01/01", id="slashes"),
            pytest.param("01/01/2024", id="us-style"),
            pytest.param(" 2024-01-01", id="leading-space"),
            pytest.param("2024-01-01\n", id="trailing-newline"),
            pytest.param("2024-W01-1", id="iso-week"),
            pytest.param("2024-001", id="ordinal"),
            pytest.param("0000-01-01", id="year-0"),
            pytest.param("", id="empty"),
            pytest.param("today", id="word"),
            pytest.param("\uff12\uff10\uff12\uff14-01-01", id="fullwidth-year"),
        ],
    )
    @pytest.mark.parametrize("where", ["start", "end"])
    def test_bad_strings_are_refused(self, text: str, where: str) -> None:
        """Only YYYY-MM-DD naming a real day is accepted, as start or as end."""
        kwargs: dict[str, object] = {"start": "2000-01-01", where: text}
        with pytest.raises(InvalidValue) as info:
            Period(**kwargs)
        assert f"Period.{where}" == info.value.field

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(None, id="None"),
            pytest.param(20240101, id="int"),
            pytest.param(1704067200.0, id="float"),
            pytest.param(b"2024-01-01", id="bytes"),
            pytest.param(("2024", "01", "01"), id="tuple"),
        ],
    )
    def test_start_of_the_wrong_type_is_refused(self, value: object) -> None:
        """A start that is not a date or a string raises InvalidValue naming Period.start."""
        with pytest.raises(InvalidValue) as info:
            Period(value)
        assert "Period.start" == info.value.field

    def test_start_is_required(self) -> None:
        """Period() without a start is Python's own TypeError."""
        with pytest.raises(TypeError):
            Period()  # type: ignore[call-arg]

    def test_strings_and_dates_make_equal_periods(self) -> None:
        """Period('2024-01-01', '2024-12-31') equals the same period built from dates, hash too."""
        a = Period("2024-01-01", "2024-12-31")
        b = Period(date(2024, 1, 1), date(2024, 12, 31))
        assert (a, hash(a)) == (b, hash(b))

    def test_open_ended_differs_from_closed(self) -> None:
        """An open-ended period is not equal to one that ends."""
        assert Period("2024-01-01") != Period("2024-01-01", "2099-12-31")

    def test_frozen(self) -> None:
        """Assigning to a field raises FrozenInstanceError."""
        period = Period("2024-01-01")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            period.end = date(2024, 12, 31)  # type: ignore[misc]


class TestContains:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2024, 2, 29), False, id="day-before-start"),
            pytest.param(date(2024, 3, 1), True, id="start"),
            pytest.param(date(2024, 3, 2), True, id="day-after-start"),
            pytest.param(date(2024, 3, 15), True, id="middle"),
            pytest.param(date(2024, 3, 30), True, id="day-before-end"),
            pytest.param(date(2024, 3, 31), True, id="end"),
            pytest.param(date(2024, 4, 1), False, id="day-after-end"),
            pytest.param(date(2023, 3, 15), False, id="a-year-before"),
            pytest.param(date(2025, 3, 15), False, id="a-year-after"),
            pytest.param(date.min, False, id="date-min"),
            pytest.param(date.max, False, id="date-max"),
        ],
    )
    def test_closed_period_includes_both_edges(self, day: date, expected: bool) -> None:
        """A day is in [start, end] exactly when start <= day <= end."""
        assert expected == (day in MARCH)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2024, 2, 29), False, id="day-before-start"),
            pytest.param(date(2024, 3, 1), True, id="start"),
            pytest.param(date(2024, 3, 2), True, id="day-after-start"),
            pytest.param(date(2099, 1, 1), True, id="far-future"),
            pytest.param(date.max, True, id="date-max"),
        ],
    )
    def test_open_ended_period_has_no_end(self, day: date, expected: bool) -> None:
        """Without an end, every day from the start on is in the period."""
        assert expected == (day in Period("2024-03-01"))

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2024, 2, 28), False, id="before"),
            pytest.param(date(2024, 2, 29), True, id="the-day"),
            pytest.param(date(2024, 3, 1), False, id="after"),
        ],
    )
    def test_one_day_period(self, day: date, expected: bool) -> None:
        """A period whose end is its start holds exactly that day."""
        assert expected == (day in Period("2024-02-29", "2024-02-29"))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("2024-02-29", False), ("2024-03-01", True), ("2024-03-31", True), ("2024-04-01", False)],
    )
    def test_iso_strings(self, text: str, expected: bool) -> None:
        """An ISO YYYY-MM-DD string may be tested for membership, like a date."""
        assert expected == (text in MARCH)

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(datetime(2024, 3, 15), id="datetime"),
            pytest.param("2024-3-15", id="unpadded-string"),
            pytest.param(None, id="None"),
            pytest.param(20240315, id="int"),
        ],
    )
    def test_non_dates_are_refused(self, value: object) -> None:
        """A datetime, a malformed string or another type raises a CredkitError."""
        with pytest.raises(CredkitError):
            value in MARCH  # noqa: B015


class TestCovers:
    @pytest.mark.parametrize(
        ("day", "early_days", "expected"),
        [
            pytest.param(date(2024, 2, 29), 0, False, id="no-window-day-before"),
            pytest.param(date(2024, 3, 1), 0, True, id="no-window-start"),
            pytest.param(date(2024, 2, 19), 10, False, id="window-10-eleven-days-before"),
            pytest.param(date(2024, 2, 20), 10, True, id="window-10-exactly-ten-days-before"),
            pytest.param(date(2024, 2, 29), 10, True, id="window-10-day-before"),
            pytest.param(date(2024, 3, 1), 10, True, id="window-10-start"),
            pytest.param(date(2024, 3, 31), 10, True, id="window-10-end"),
            pytest.param(date(2024, 4, 1), 10, False, id="window-10-day-after-end"),
            pytest.param(date(2024, 1, 31), 30, True, id="window-30-exactly-thirty-days-before"),
            pytest.param(date(2024, 1, 30), 30, False, id="window-30-thirty-one-days-before"),
            pytest.param(date(2024, 2, 29), 1, True, id="window-1-day-before"),
            pytest.param(date(2024, 2, 28), 1, False, id="window-1-two-days-before"),
        ],
    )
    def test_early_days_extend_the_start_only(
        self, day: date, early_days: int, expected: bool
    ) -> None:
        """A day up to early_days before the start is covered; one more is not; the end stays."""
        assert expected == MARCH.covers(day, early_days=early_days)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            pytest.param(date(2024, 12, 1), False, id="thirty-one-days-before"),
            pytest.param(date(2024, 12, 2), True, id="thirty-days-before"),
            pytest.param(date(2031, 1, 1), True, id="years-after"),
        ],
    )
    def test_window_across_a_year_boundary(self, day: date, expected: bool) -> None:
        """The window counts calendar days across the new year."""
        assert expected == Period("2025-01-01").covers(day, early_days=30)

    @pytest.mark.parametrize(
        "day",
        [date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 31), date(2024, 4, 1)],
        ids=str,
    )
    def test_without_early_days_it_is_membership(self, day: date) -> None:
        """covers(day) with no window agrees with `day in period`."""
        assert (day in MARCH) == MARCH.covers(day)

    @pytest.mark.parametrize(
        ("start", "day", "early_days", "expected"),
        [
            pytest.param(date.min, date.min, 0, True, id="start-min-no-window"),
            pytest.param(date.min, date.min, 30, True, id="start-min-window-30"),
            pytest.param(date.min, date.min, 10_000, True, id="start-min-huge-window"),
            pytest.param(
                date.min + timedelta(days=5), date.min, 30, True, id="window-reaches-past-min"
            ),
            pytest.param(
                date.min + timedelta(days=5), date.min, 5, True, id="window-reaches-min-exactly"
            ),
            pytest.param(
                date.min + timedelta(days=5), date.min, 4, False, id="window-stops-after-min"
            ),
        ],
    )
    def test_date_min_edge(self, start: date, day: date, early_days: int, expected: bool) -> None:
        """A window reaching before date.min does not raise; the answer is still exact."""
        assert expected == Period(start).covers(day, early_days=early_days)

    def test_date_max_edge(self) -> None:
        """A period ending on date.max covers date.max."""
        assert Period("2024-01-01", date.max).covers(date.max, early_days=30)

    @pytest.mark.parametrize(
        "period", [Period("2024-01-01"), Period("2024-01-01", "2024-12-31")], ids=str
    )
    def test_datetime_is_refused(self, period: Period) -> None:
        """covers() refuses a datetime with a CredkitError, as `in` does."""
        with pytest.raises(CredkitError):
            period.covers(datetime(2024, 6, 1, 9, 30))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "period", [Period("2024-01-01"), Period("2024-01-01", "2024-12-31")], ids=str
    )
    def test_iso_string_is_read_or_refused_cleanly(self, period: Period) -> None:
        """covers() given an ISO string answers as `in` does."""
        assert ("2024-06-01" in period) == period.covers("2024-06-01")


class TestHasEnded:
    @pytest.mark.parametrize(
        ("period", "day", "expected"),
        [
            pytest.param(Period("2024-01-01", "2024-06-30"), date(2024, 6, 29), False, id="before"),
            pytest.param(Period("2024-01-01", "2024-06-30"), date(2024, 6, 30), False, id="end"),
            pytest.param(
                Period("2024-01-01", "2024-06-30"), date(2024, 7, 1), True, id="day-after-end"
            ),
            pytest.param(
                Period("2024-01-01", "2024-06-30"), date(2023, 1, 1), False, id="before-start"
            ),
            pytest.param(Period("2024-01-01"), date.max, False, id="open-ended"),
            pytest.param(Period("2024-01-01"), date(2023, 1, 1), False, id="open-ended-before"),
        ],
    )
    def test_has_ended(self, period: Period, day: date, expected: bool) -> None:
        """A period has ended on a day only once its last day is behind it."""
        assert expected == period.has_ended(day)

    @pytest.mark.parametrize(
        "period", [Period("2024-01-01"), Period("2024-01-01", "2024-12-31")], ids=str
    )
    def test_datetime_is_refused(self, period: Period) -> None:
        """has_ended() refuses a datetime with a CredkitError."""
        with pytest.raises(CredkitError):
            period.has_ended(datetime(2025, 1, 1))  # type: ignore[arg-type]

    def test_iso_string_is_read_or_refused_cleanly(self) -> None:
        """has_ended() given an ISO string answers as for the date."""
        period = Period("2024-01-01", "2024-06-30")
        assert period.has_ended(date(2024, 7, 1)) == period.has_ended("2024-07-01")


class TestOverlaps:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            pytest.param(
                Period("2024-01-01", "2024-06-30"),
                Period("2024-06-30", "2024-12-31"),
                True,
                id="share-one-day",
            ),
            pytest.param(
                Period("2024-01-01", "2024-06-30"),
                Period("2024-07-01", "2024-12-31"),
                False,
                id="adjacent",
            ),
            pytest.param(
                Period("2024-01-01", "2024-12-31"),
                Period("2024-03-01", "2024-03-31"),
                True,
                id="contains",
            ),
            pytest.param(
                Period("2024-01-01", "2024-01-01"),
                Period("2024-01-01", "2024-01-01"),
                True,
                id="same-single-day",
            ),
            pytest.param(
                Period("2024-01-01", "2024-06-30"),
                Period("2024-06-30"),
                True,
                id="open-ended-starts-on-last-day",
            ),
            pytest.param(
                Period("2024-01-01", "2024-06-30"),
                Period("2024-07-01"),
                False,
                id="open-ended-starts-after",
            ),
            pytest.param(Period("2024-01-01"), Period("2030-01-01"), True, id="both-open-ended"),
            pytest.param(
                Period("2030-01-01"),
                Period("2024-01-01", "2029-12-31"),
                False,
                id="open-ended-after-closed",
            ),
            pytest.param(
                Period("2020-01-01", "2020-12-31"),
                Period("2024-01-01", "2024-12-31"),
                False,
                id="years-apart",
            ),
        ],
    )
    def test_overlaps_both_ways(self, a: Period, b: Period, expected: bool) -> None:
        """Two periods overlap when they share at least one day, whichever is asked first."""
        assert (expected, expected) == (a.overlaps(b), b.overlaps(a))


class TestStr:
    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            pytest.param(
                Period("2024-01-01", "2024-12-31"), "2024-01-01 to 2024-12-31", id="closed"
            ),
            pytest.param(Period("2024-01-01"), "from 2024-01-01", id="open-ended"),
            pytest.param(
                Period("2024-02-29", "2024-02-29"), "2024-02-29 to 2024-02-29", id="one-day"
            ),
            pytest.param(Period(date.min), "from 0001-01-01", id="date-min"),
        ],
    )
    def test_str(self, period: Period, expected: str) -> None:
        """str() reads 'START to END', or 'from START' when open-ended."""
        assert expected == str(period)
