"""Error messages, word for word, and the small pieces that build them."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs
import pytest

from credkit import (
    SSN,
    InvalidData,
    InvalidIdentifier,
    InvalidValue,
    LicenseStatus,
    Profession,
    State,
    UnknownId,
)
from credkit._convert import (
    choices,
    count_at_least,
    describe,
    locate_errors,
    optional_count_at_least,
    shown,
    to_date,
)


class TestDescribe:
    """A value is named by its kind, never echoed."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (None, "null"),
            (True, "a boolean"),
            (1.5, "a decimal number"),
            (7, "a number"),
            (Decimal("7.00"), "a number"),
            ("text", "a string"),
            ({"a": 1}, "an object"),
            ([1], "a list"),
            ((1,), "a list"),
            (datetime(2024, 1, 1, 9, 30), "a datetime (give the date only)"),
            (date(2024, 1, 1), "date"),
            (object(), "object"),
        ],
        ids=lambda value: type(value).__name__,
    )
    def test_kinds(self, value: object, expected: str) -> None:
        """Each kind of value has its own words; anything else is named by its type."""
        assert expected == describe(value)


class TestShown:
    """User text is quoted, and cut to forty characters."""

    def test_forty_characters_are_shown_whole(self) -> None:
        """A text of exactly forty characters is quoted whole."""
        text = "a" * 40
        assert repr(text) == shown(text)

    def test_forty_one_characters_are_cut(self) -> None:
        """A longer text keeps its first thirty-nine characters and an ellipsis."""
        assert repr("a" * 39 + "…") == shown("a" * 41)

    def test_the_limit_can_be_given(self) -> None:
        """With a limit of five, "abcdef" becomes 'abcd…'."""
        assert "'abcd…'" == shown("abcdef", limit=5)


def enum_of(count: int) -> type[Enum]:
    return Enum("Colour", {f"C{number}": f"c{number}" for number in range(count)})  # type: ignore[return-value]


class TestChoices:
    """An enum's choices are all listed when ten or fewer, or one example is given."""

    def test_ten_are_listed(self) -> None:
        """Ten values are listed in order."""
        expected = "one of " + ", ".join(f"'c{number}'" for number in range(10))
        assert expected == choices(enum_of(10))

    def test_eleven_give_an_example(self) -> None:
        """With eleven values, the first one is the example."""
        assert "a Colour such as 'c0'" == choices(enum_of(11))


class TestEnumMessages:
    """An unknown enum value names what was given and what is accepted."""

    def test_unknown_text(self) -> None:
        """Text is quoted back, with the values accepted."""
        expected = (
            "'ended' is not a LicenseStatus; "
            "expected one of 'active', 'inactive', 'expired', 'suspended', 'revoked'"
        )
        with pytest.raises(InvalidValue) as raised:
            LicenseStatus("ended")
        assert expected == str(raised.value)

    def test_not_text(self) -> None:
        """Anything but text is named by its type."""
        with pytest.raises(InvalidValue) as raised:
            LicenseStatus(3)  # type: ignore[arg-type]
        assert str(raised.value).startswith("int is not a LicenseStatus; expected one of ")

    def test_many_values(self) -> None:
        """An enum with many values gives one example."""
        with pytest.raises(InvalidValue) as raised:
            Profession("wizard")
        assert f"'wizard' is not a Profession; expected {choices(Profession)}" == str(raised.value)


class TestStateMessages:
    """An unknown state names what was given."""

    @pytest.mark.parametrize(
        ("value", "got"), [("XX", "'XX'"), (12, "int"), (None, "NoneType")], ids=str
    )
    def test_unknown(self, value: object, got: str) -> None:
        """Text is quoted back; anything else is named by its type."""
        expected = f"{got} is not a USPS state or territory code (such as 'NY' or 'PR')"
        with pytest.raises(InvalidIdentifier) as raised:
            State(value)  # type: ignore[arg-type]
        assert expected == str(raised.value)


class TestUnknownId:
    """An unknown id names its kind and how that kind is identified."""

    @pytest.mark.parametrize(
        ("kind", "value", "expected"),
        [
            ("provider", "1234567893", "the book holds no provider with NPI 1234567893"),
            ("payer", "united", "the book holds no payer with id 'united'"),
            ("practice", "12-3456789", "the book holds no practice with tax id 12-3456789"),
            ("claim", "c-1", "the book holds no claim with id c-1"),
        ],
        ids=["provider", "payer", "practice", "other"],
    )
    def test_message(self, kind: str, value: str, expected: str) -> None:
        """The message names the kind, its label and the id."""
        error = UnknownId(kind, value)
        assert (expected, kind, value) == (str(error), error.kind, error.id)

    def test_ssn_is_masked(self) -> None:
        """A practice whose tax id is an SSN is named by its last four digits."""
        error = UnknownId("practice", SSN("536-22-8147"))
        assert ("***-**-8147", "the book holds no practice with tax id ***-**-8147") == (
            error.id,
            str(error),
        )

    def test_nine_digits_as_text_are_masked_and_said_to_be(self) -> None:
        """A tax id given as text with nine digits is masked, and the message says why."""
        error = UnknownId("practice", "536-22-8147")
        assert (
            "***-**-8147",
            "the book holds no practice with tax id ***-**-8147 "
            "(nine digits, shown masked in case it is an SSN)",
        ) == (error.id, str(error))

    def test_a_payer_id_is_never_masked(self) -> None:
        """A payer id is shown as it is, nine digits or not: it is not an SSN."""
        assert "the book holds no payer with id '536228147'" == str(UnknownId("payer", "536228147"))


class TestInvalidData:
    """Invalid data counts its problems and lists each on its own line."""

    @pytest.mark.parametrize(
        ("errors", "source", "expected"),
        [
            (["$.a: bad"], None, "1 problem in the data\n  $.a: bad"),
            (["$.a: bad", "$.b: worse"], None, "2 problems in the data\n  $.a: bad\n  $.b: worse"),
            ([], None, "0 problems in the data"),
            (["$: bad"], "book.json", "book.json: 1 problem in the data\n  $: bad"),
        ],
        ids=["one", "two", "none", "with-source"],
    )
    def test_message(self, errors: list[str], source: str | None, expected: str) -> None:
        """The head line counts the problems, after the source when there is one."""
        error = InvalidData(errors, source=source)
        assert (expected, tuple(errors), source) == (str(error), error.errors, error.source)


@attrs.frozen
class Owner:
    """A stand-in class for validators to name."""


def attribute(name: str) -> "attrs.Attribute[Any]":
    return attrs.Attribute(  # type: ignore[call-arg]
        name=name,
        default=attrs.NOTHING,
        validator=None,
        repr=True,
        cmp=None,
        eq=True,
        hash=None,
        init=True,
        inherited=False,
    )


class TestCountAtLeast:
    """A count is a whole number, not a boolean, from its minimum to its maximum."""

    @pytest.mark.parametrize("minimum", [0, 1, 3])
    def test_the_minimum_itself_is_accepted(self, minimum: int) -> None:
        """The minimum and the number after it pass."""
        check = count_at_least(minimum, 10)
        assert (None, None) == (
            check(Owner(), attribute("size"), minimum),
            check(Owner(), attribute("size"), minimum + 1),
        )

    @pytest.mark.parametrize(
        ("minimum", "expected"),
        [(0, "Owner.size: must not be negative"), (1, "Owner.size: must be at least 1")],
    )
    def test_one_below_is_refused(self, minimum: int, expected: str) -> None:
        """One below the minimum is refused, naming the field and the rule."""
        with pytest.raises(InvalidValue) as raised:
            count_at_least(minimum, 10)(Owner(), attribute("size"), minimum - 1)
        assert expected == str(raised.value)

    @pytest.mark.parametrize(
        ("value", "kind"), [(True, "a boolean"), (2.0, "a decimal number"), ("2", "a string")]
    )
    def test_not_whole_numbers(self, value: object, kind: str) -> None:
        """A boolean, a float or a string is refused by kind."""
        with pytest.raises(InvalidValue) as raised:
            count_at_least(0, 10)(Owner(), attribute("size"), value)
        assert (f"Owner.size: expected a whole number, got {kind}", "Owner", "size") == (
            str(raised.value),
            raised.value.owner,
            raised.value.attribute,
        )

    def test_the_maximum_itself_is_accepted(self) -> None:
        """The maximum passes; one above it is refused, naming the field and the bound."""
        check = count_at_least(0, 3650)
        assert None is check(Owner(), attribute("size"), 3650)
        with pytest.raises(InvalidValue) as raised:
            check(Owner(), attribute("size"), 3651)
        assert "Owner.size: must be at most 3,650" == str(raised.value)

    def test_a_number_too_long_to_print_is_refused(self) -> None:
        """An int past Python's 4,300-digit limit is refused by its size, not printed."""
        with pytest.raises(InvalidValue) as raised:
            count_at_least(0, 10)(Owner(), attribute("size"), 10**5000)
        assert "Owner.size: must be at most 10" == str(raised.value)

    def test_optional_accepts_none(self) -> None:
        """The optional form lets ``None`` through."""
        assert None is optional_count_at_least(1, 10)(Owner(), attribute("size"), None)

    def test_optional_checks_a_number(self) -> None:
        """The optional form checks a number like the plain one."""
        with pytest.raises(InvalidValue) as raised:
            optional_count_at_least(1, 10)(Owner(), attribute("size"), 0)
        assert "Owner.size: must be at least 1" == str(raised.value)


def must_be_even(instance: object, attribute: "attrs.Attribute[Any]", value: int) -> None:
    if value % 2:
        raise InvalidValue("must be even", owner=type(instance).__name__, attribute=attribute.name)


def visit_class() -> Any:
    """A made-up record with two converted fields, one plain field and a validator.

    Built by each test, so that the decorator runs inside the test.
    """

    @locate_errors
    @attrs.frozen
    class Visit:
        note: str
        day: date = attrs.field(converter=to_date)
        until: date = attrs.field(converter=to_date, default=date(2030, 1, 1))
        count: int = attrs.field(default=0, validator=must_be_even)

    return Visit


class TestLocatingErrors:
    """A converter's error names the class and the field whose value it refused."""

    @pytest.mark.parametrize(
        ("args", "kwargs", "expected"),
        [
            (("n", "soon"), {}, "Visit.day"),
            (("n",), {"day": "soon"}, "Visit.day"),
            (("n", "2024-01-01", "later"), {}, "Visit.until"),
            (("n", "2024-01-01"), {"until": "later"}, "Visit.until"),
        ],
        ids=["positional", "keyword", "second-positional", "second-keyword"],
    )
    def test_the_field_is_found(
        self, args: tuple[object, ...], kwargs: dict[str, object], expected: str
    ) -> None:
        """Whether given by position or by name, the refused value's field is named."""
        with pytest.raises(InvalidValue) as raised:
            visit_class()(*args, **kwargs)
        assert (expected, "Visit") == (raised.value.field, raised.value.owner)
        assert str(raised.value).startswith(f"{expected}: expected a date written YYYY-MM-DD")

    def test_a_validator_error_is_unchanged(self) -> None:
        """An error that already names its field passes through as it is."""
        with pytest.raises(InvalidValue) as raised:
            visit_class()("n", "2024-01-01", count=3)
        assert "Visit.count: must be even" == str(raised.value)

    def test_a_valid_call_builds(self) -> None:
        """Valid arguments build the object, converted."""
        visit = visit_class()
        expected = visit("n", date(2024, 1, 1), date(2030, 1, 1), 2)
        assert expected == visit("n", "2024-01-01", count=2)

    def test_it_still_looks_like_init(self) -> None:
        """The wrapped ``__init__`` keeps its name, its qualified name and its docstring."""
        init: Any = visit_class().__init__
        assert ("__init__", "visit_class.<locals>.Visit.__init__") == (
            init.__name__,
            init.__qualname__,
        )
        assert "Method generated by attrs for class visit_class.<locals>.Visit." == init.__doc__
