"""Calendar arithmetic: whole months with the day clamped to the month's end, and plain days."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credkit._calendar import add_days, add_months, longer_than_months

D = date.fromisoformat


class TestAddMonths:
    """add_months keeps the day of the month, clamped to the target month's last day."""

    @pytest.mark.parametrize(
        ("day", "months", "expected"),
        [
            pytest.param("2026-01-15", 1, "2026-02-15", id="same-day"),
            pytest.param("2026-01-31", 1, "2026-02-28", id="clamped-to-february"),
            pytest.param("2028-01-31", 1, "2028-02-29", id="clamped-to-leap-day"),
            pytest.param("2026-08-31", 6, "2027-02-28", id="six-months-clamped"),
            pytest.param("2026-03-31", 1, "2026-04-30", id="thirty-day-month"),
            pytest.param("2026-11-28", 36, "2029-11-28", id="three-years"),
            pytest.param("2026-12-15", 1, "2027-01-15", id="across-the-year"),
            pytest.param("2026-11-28", -60, "2021-11-28", id="five-years-back"),
            pytest.param("2028-02-29", -60, "2023-02-28", id="five-years-back-from-leap-day"),
            pytest.param("2028-02-29", 48, "2032-02-29", id="leap-day-to-leap-day"),
            pytest.param("2026-01-15", -1, "2025-12-15", id="back-across-the-year"),
            pytest.param("2026-05-17", 0, "2026-05-17", id="zero"),
            pytest.param("0001-03-15", -1, "0001-02-15", id="in-the-first-year"),
            pytest.param("9999-10-15", 1, "9999-11-15", id="in-the-last-year"),
        ],
    )
    def test_examples(self, day: str, months: int, expected: str) -> None:
        """Each date plus (or minus) whole months gives the expected day."""
        assert D(expected) == add_months(D(day), months)

    def test_saturates_at_the_ends_of_the_calendar(self) -> None:
        """Past date.max or before date.min, the answer is that end, not an error."""
        assert date.max == add_months(date(9999, 12, 1), 1)
        assert date.min == add_months(date(1, 1, 31), -1)
        assert date(9999, 12, 30) == add_months(date(9999, 11, 30), 1)

    @given(st.dates(), st.integers(-1200, 1200))
    def test_day_kept_or_clamped(self, day: date, months: int) -> None:
        """The result is in the right month, on the same day or the month's last day."""
        result = add_months(day, months)
        index = day.year * 12 + day.month - 1 + months
        if not 1 <= index // 12 <= 9999:
            assert (date.min if months < 0 else date.max) == result
            return
        assert (index // 12, index % 12 + 1) == (result.year, result.month)
        next_day = result + timedelta(days=1) if result < date.max else None
        assert result.day == day.day or (
            result.day < day.day and (next_day is None or next_day.month != result.month)
        )

    @given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(0, 600))
    def test_monotone(self, day: date, months: int) -> None:
        """A later start never gives an earlier result."""
        assert add_months(day, months) <= add_months(day + timedelta(days=1), months)


class TestAddDays:
    """add_days is plain day arithmetic that saturates instead of overflowing."""

    @pytest.mark.parametrize(
        ("day", "days", "expected"),
        [
            pytest.param("2026-11-28", -120, "2026-07-31", id="120-days-back"),
            pytest.param("2026-11-28", 90, "2027-02-26", id="90-days-ahead"),
            pytest.param("2028-02-28", 1, "2028-02-29", id="leap-day"),
        ],
    )
    def test_examples(self, day: str, days: int, expected: str) -> None:
        """Each date plus days gives the expected day."""
        assert D(expected) == add_days(D(day), days)

    def test_saturates(self) -> None:
        """Beyond the calendar, the answer is its first or last day."""
        assert date.max == add_days(date.max, 1)
        assert date.min == add_days(date.min, -1)


class TestLongerThanMonths:
    """A stretch of days is longer than N months when it reaches the day N months after its start."""

    @pytest.mark.parametrize(
        ("first", "last", "expected"),
        [
            pytest.param("2026-01-01", "2026-06-30", False, id="exactly-six-months"),
            pytest.param("2026-01-01", "2026-07-01", True, id="six-months-and-a-day"),
            pytest.param("2026-01-01", "2026-06-29", False, id="a-day-short"),
            pytest.param("2026-08-31", "2027-02-27", False, id="clamped-exactly"),
            pytest.param("2026-08-31", "2027-02-28", True, id="clamped-and-a-day"),
        ],
    )
    def test_six_months(self, first: str, last: str, expected: bool) -> None:
        """Six months from the 1st of January run to the 30th of June, both included."""
        assert expected == longer_than_months(D(first), D(last), 6)

    @given(st.dates(), st.dates())
    @example(date(9999, 8, 1), date.max)
    def test_agrees_with_add_months(self, first: date, last: date) -> None:
        """Inside the calendar, longer means reaching the day add_months gives."""
        target = add_months(first, 6)
        if target == date.max and (first.year, first.month) > (9999, 6):
            assert not longer_than_months(first, last, 6)
        else:
            assert (last >= target) == longer_than_months(first, last, 6)
