"""Junk given to any public constructor or loader gets a CredkitError, never anything else."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from credkit import (
    EIN,
    NPI,
    SSN,
    Book,
    CredkitError,
    InvalidData,
    Period,
    State,
    from_json,
    parse_tax_id,
    structure,
    unstructure,
)
from credkit.tables import TABLES, book_tables, read_book, read_book_tables, write_book
from tests import strategies as cs

JUNK: list[Any] = [
    None,
    0,
    -1,
    1.5,
    float("nan"),
    True,
    object(),
    "€",
    "",
    " ",
    b"1234567893",
    [],
    {},
    [None],
    {"a": [object()]},
    ("x",),
    {1, 2},
    Decimal("NaN"),
    Decimal("-Infinity"),
    datetime(2024, 1, 1, 9, 30),
    date(2024, 1, 1),
    type,
    Exception("x"),
]

junk = st.sampled_from(JUNK)


def junk_id(value: Any) -> str:
    """A test id for a piece of junk: its type and place in the list, stable and plain.

    Reprs would carry memory addresses, and brackets that confuse test selection.
    """
    return f"{type(value).__name__}-{next(i for i, item in enumerate(JUNK) if item is value)}"


def fields_of(kind: type) -> list[str]:
    return [field.alias for field in attrs.fields(kind) if field.init]


class TestConstructors:
    """Every public constructor turns junk into a CredkitError or a valid value."""

    @given(
        st.sampled_from(cs.RECORD_TYPES).flatmap(
            lambda kind: st.tuples(cs.STRATEGIES[kind], st.sampled_from(fields_of(kind)))
        ),
        junk,
    )
    def test_junk_in_any_field(self, valid_and_field: tuple[Any, str], value: Any) -> None:
        """Replacing any one field with junk builds a valid value or raises CredkitError."""
        valid, field = valid_and_field
        try:
            rebuilt = attrs.evolve(valid, **{field: value})
        except CredkitError:
            return
        # Accepted junk must have become a proper value: the object still round-trips.
        assert rebuilt == structure(unstructure(rebuilt), type(rebuilt))

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("build", [NPI, EIN, SSN, State, parse_tax_id, Period])
    def test_identifiers_and_periods(self, build: Any, value: Any) -> None:
        """Identifiers, states, tax ids and periods refuse junk with a CredkitError."""
        if build is Period and isinstance(value, date) and not isinstance(value, datetime):
            assert Period(value) == build(value)
            return
        with pytest.raises(CredkitError):
            build(value)

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_period_membership(self, value: Any) -> None:
        """Asking whether junk is in a period is a CredkitError, not a TypeError."""
        period = Period("2024-01-01", "2024-12-31")
        if isinstance(value, date) and not isinstance(value, datetime):
            assert value in period
            return
        with pytest.raises(CredkitError):
            _ = value in period


def loads_or_refuses(load: Any, value: Any, kind: type) -> None:
    """Loading gives a ``kind`` or InvalidData whose every line starts at ``$``."""
    try:
        result = load(value, kind)
    except InvalidData as error:
        assert error.errors
        assert all(line.startswith("$") for line in error.errors)
    else:
        assert isinstance(result, kind)


class TestLoaders:
    """structure and from_json turn junk into InvalidData for every type."""

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("kind", list(cs.STRATEGIES), ids=lambda kind: kind.__name__)
    def test_structure(self, kind: type, value: Any) -> None:
        """Junk data is InvalidData with $ paths (an empty object is valid PayerRules)."""
        loads_or_refuses(structure, value, kind)

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("kind", list(cs.STRATEGIES), ids=lambda kind: kind.__name__)
    def test_from_json(self, kind: type, value: Any) -> None:
        """Junk given as JSON text, or instead of text, is InvalidData."""
        loads_or_refuses(from_json, value if isinstance(value, str | bytes) else repr(value), kind)
        loads_or_refuses(from_json, value, kind)

    @given(
        st.sampled_from(list(cs.STRATEGIES)),
        st.recursive(
            junk,
            lambda inner: st.lists(inner) | st.dictionaries(st.text(max_size=3), inner),
            max_leaves=8,
        ),
    )
    def test_nested_garbage(self, kind: type, value: Any) -> None:
        """Nested garbage is refused as InvalidData."""
        loads_or_refuses(structure, value, kind)

    def test_junk_mostly_refused(self) -> None:
        """Of all the junk, only an empty object loads, and only as PayerRules."""
        loaded = set()
        for kind in cs.STRATEGIES:
            for value in JUNK:
                try:
                    structure(value, kind)
                except InvalidData:
                    continue
                loaded.add((kind.__name__, repr(value)))
        assert {("PayerRules", "{}")} == loaded


class TestTables:
    """The tables edge turns junk into a CredkitError, never anything else."""

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_junk_everywhere(
        self, value: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Junk given as rows, as a table, as a book or as a path is a CredkitError."""
        # Junk text is a path relative to here: keep what it writes out of the checkout.
        monkeypatch.chdir(tmp_path)
        for attempt in (
            lambda: read_book_tables(value),
            lambda: read_book_tables({"providers": value}),
            lambda: read_book_tables({"providers": [value]}),
            lambda: read_book_tables({"providers": [{"npi": value, "name": value}]}),
            lambda: read_book_tables({"payers": [{"id": "a", "name": "A", "as_of": value}]}),
            lambda: read_book_tables({}, dates=value),
            lambda: book_tables(value),
            lambda: read_book(value),
            lambda: write_book(value, tmp_path / "out"),
            lambda: write_book(Book(), value),
        ):
            try:
                attempt()
            except CredkitError:
                continue

    @given(
        st.sampled_from(sorted(TABLES)),
        st.recursive(
            junk,
            lambda inner: st.lists(inner) | st.dictionaries(st.text(max_size=3), inner),
            max_leaves=8,
        ),
    )
    def test_nested_garbage(self, name: str, value: Any) -> None:
        """Nested garbage in place of a table's rows is InvalidData naming the table."""
        with pytest.raises(InvalidData) as caught:
            read_book_tables({name: value, "junk": [{}]})
        assert all(line.startswith((f"{name}", "junk")) for line in caught.value.errors)


class TestScrubbing:
    """Junk given to read_837p, Book.scrub and the scrubbing answers is a CredkitError."""

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_read_837p(self, value: Any) -> None:
        """Junk instead of a file's text, or as the text, is refused (lazily, for text)."""
        from credkit.x12 import read_837p

        with pytest.raises(CredkitError):
            list(read_837p(value))

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_book_scrub(self, value: Any) -> None:
        """Junk in place of the lines, or among them, is refused."""
        from credkit import Book

        if value == [] and isinstance(value, list):
            assert [] == list(Book().scrub(value))  # no lines: nothing to say
        else:
            with pytest.raises(CredkitError):
                list(Book().scrub(value))
        with pytest.raises(CredkitError):
            list(Book().scrub([value]))

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_answers(self, value: Any) -> None:
        """Rows, records and summaries refuse junk."""
        from credkit.scrub import scrub_record, scrub_row, summarize

        for build in (scrub_row, scrub_record, lambda item: summarize([item]), summarize):
            if build is summarize and value == [] and isinstance(value, list):
                assert 0 == summarize(value).lines  # an empty batch
                continue
            with pytest.raises(CredkitError):
                build(value)


BATCH_COLUMNS: dict[str, Any] = {
    "provider": ["1234567893"],
    "payer": ["aetna"],
    "practice": ["12-3456789"],
    "on": [date(2024, 1, 1)],
    "service": ["90837"],
    "state": ["NY"],
}


class TestBatchColumns:
    """Junk given to Book.check_columns or to CheckedColumns is a CredkitError."""

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("name", [*BATCH_COLUMNS, "verdicts"])
    def test_junk_as_a_column(self, name: str, value: Any) -> None:
        """Junk in place of a whole column, or of the verdicts flag, gives a CredkitError."""
        from credkit import Book

        try:
            checked = Book().check_columns(**{**BATCH_COLUMNS, name: value})
        except CredkitError:
            return
        # Accepted: it was a column of one valid item (or None for an optional one).
        assert 1 == len(checked)

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("name", list(BATCH_COLUMNS))
    def test_junk_as_an_item(self, name: str, value: Any) -> None:
        """Junk as an item of a column is refused with $.column[0], or answered as a Claim is."""
        from credkit import Book

        try:
            checked = Book().check_columns(**{**BATCH_COLUMNS, name: [value]})
        except InvalidData as error:
            assert all(line.startswith(f"$.{name}[0]: ") for line in error.errors)
            return
        assert (False,) == checked.allowed

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize(
        "name", ["allowed", "codes", "billing_npi", "tax_id", "rendering_npi", "rate", "verdicts"]
    )
    def test_junk_in_checked_columns(self, name: str, value: Any) -> None:
        """Junk in any field of CheckedColumns gives a CredkitError or a valid value."""
        from credkit import CheckedColumns

        given: dict[str, Any] = {
            "allowed": [False],
            "codes": [["not_contracted"]],
            "billing_npi": [None],
            "tax_id": [None],
            "rendering_npi": [None],
            "rate": [None],
        }
        try:
            built = CheckedColumns(**{**given, name: value})
        except CredkitError:
            return
        assert 1 == len(built)


class TestFrames:
    """Junk given to credkit.frames.check_frame is a CredkitError."""

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("name", ["book", "df", "columns"])
    def test_junk_arguments(self, name: str, value: Any) -> None:
        """Junk as the book, the frame or the column mapping gives a CredkitError."""
        pandas = pytest.importorskip("pandas")
        from credkit import Book
        from credkit.frames import check_frame

        given: dict[str, Any] = {
            "book": Book(),
            "df": pandas.DataFrame(BATCH_COLUMNS),
            "columns": None,
        }
        given[name] = value
        try:
            checked = check_frame(given["book"], given["df"], columns=given["columns"])
        except CredkitError:
            return
        # Accepted: an empty mapping (or None) of columns, which names them as they are.
        assert [False] == checked["allowed"].tolist()

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("name", list(BATCH_COLUMNS))
    def test_junk_in_a_cell(self, name: str, value: Any) -> None:
        """Junk in a cell is refused with $.column[0], or answered as a Claim would be."""
        pandas = pytest.importorskip("pandas")
        from credkit import Book
        from credkit.frames import check_frame

        frame = pandas.DataFrame(BATCH_COLUMNS)
        frame[name] = pandas.Series([value], dtype=object)
        try:
            checked = check_frame(Book(), frame)
        except InvalidData as error:
            assert all(line.startswith(f"$.{name}[0]: ") for line in error.errors)
            return
        assert [False] == checked["allowed"].tolist()
