"""Example tables for the identifiers: NPI, EIN, SSN, parse_tax_id and State."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from pathlib import Path

import pytest
import stdnum

from credkit import EIN, NPI, SSN, CredkitError, InvalidIdentifier, State, parse_tax_id
from credkit._convert import describe
from credkit.identifiers import ein, npi, ssn


def fullwidth(digits: str) -> str:
    """Write ASCII digits as FULLWIDTH DIGIT characters (U+FF10..U+FF19)."""
    return "".join(chr(0xFF10 + int(d)) if d.isdigit() else d for d in digits)


def arabic_indic(digits: str) -> str:
    """Write ASCII digits as ARABIC-INDIC DIGIT characters (U+0660..U+0669)."""
    return "".join(chr(0x0660 + int(d)) if d.isdigit() else d for d in digits)


def npi_check_digit_by_hand(first_nine: str) -> str:
    """Compute an NPI check digit the way the CMS paper does it, step by step.

    Double every other digit starting with the rightmost, add the digits of the
    products and the undoubled digits, add 24 for the 80840 prefix, and take the
    distance to the next multiple of ten.
    """
    total = 24
    for position, char in enumerate(reversed(first_nine)):
        digit = int(char)
        if position % 2 == 0:
            doubled = digit * 2
            total += doubled // 10 + doubled % 10
        else:
            total += digit
    return str((10 - total % 10) % 10)


# --- NPI ---------------------------------------------------------------------------

VALID_NPIS = [
    "1234567893",  # the CMS worked example
    "1558598797",
    "1000000004",
    "1999999992",
    "2000000002",
    "2938475615",
    "1447447743",
    "1600000008",
    "1345678902",
    "2999999990",  # a check digit of 0
    "9876543213",
    "1111111112",
]

INVALID_NPIS = [
    pytest.param("1710999999", id="bad-check-digit"),
    pytest.param("1234567890", id="check-digit-off-by-3"),
    pytest.param("1234567894", id="check-digit-off-by-1"),
    pytest.param("1558598790", id="check-digit-0-not-7"),
    pytest.param("1234567983", id="adjacent-digits-transposed"),
    pytest.param("2999999991", id="check-digit-1-not-0"),
    pytest.param("", id="empty"),
    pytest.param("123456789", id="9-digits"),
    pytest.param("12345678930", id="11-digits"),
    pytest.param("12345", id="5-digits"),
    pytest.param("123456789A", id="trailing-letter"),
    pytest.param("A234567893", id="leading-letter"),
    pytest.param("abcdefghij", id="letters"),
    pytest.param("123456789O", id="letter-O-for-zero"),
    pytest.param("1234 567893", id="inner-space"),
    pytest.param(" 1234567893", id="leading-space"),
    pytest.param("1234567893 ", id="trailing-space"),
    pytest.param("1234567893\n", id="trailing-newline"),
    pytest.param("123-456-7893", id="hyphens"),
    pytest.param("+1234567893", id="plus-sign"),
    pytest.param(fullwidth("1234567893"), id="fullwidth-digits"),
    pytest.param(arabic_indic("1234567893"), id="arabic-indic-digits"),
    pytest.param("１２３４５６７８９３", id="fullwidth-digits-literal"),  # noqa: RUF001
    pytest.param(1234567893, id="int"),
    pytest.param(None, id="None"),
    pytest.param(b"1234567893", id="bytes"),
    pytest.param(1234567893.0, id="float"),
    pytest.param(["1234567893"], id="list"),
]


class TestNPI:
    @pytest.mark.parametrize("number", VALID_NPIS)
    def test_valid_numbers_are_accepted(self, number: str) -> None:
        """A 10-digit number with a correct check digit is an NPI whose digits are kept."""
        assert number == NPI(number).digits

    @pytest.mark.parametrize("number", VALID_NPIS)
    def test_valid_table_check_digits_agree_with_calc_check_digit(self, number: str) -> None:
        """Every NPI in the valid table ends in the check digit calc_check_digit computes."""
        assert number[-1] == npi.calc_check_digit(number[:9])

    @pytest.mark.parametrize("number", INVALID_NPIS)
    def test_invalid_numbers_are_refused(self, number: object) -> None:
        """Anything but 10 ASCII digits with a correct check digit raises InvalidIdentifier, saying why."""
        with pytest.raises(InvalidIdentifier) as info:
            NPI(number)
        if not isinstance(number, str):
            expected = f"an NPI is a string of 10 digits, got {describe(number)}"
        elif number.isascii() and number.isdigit() and len(number) == 10:
            expected = (
                f"NPI {number} fails its check digit (Luhn with prefix 80840); check for a typo"
            )
        else:
            expected = "an NPI is 10 digits, got "
        assert str(info.value).startswith(expected)

    @pytest.mark.parametrize("number", VALID_NPIS)
    def test_validate_returns_the_digits_and_is_valid_agrees(self, number: str) -> None:
        """validate() returns the ten digits of a valid NPI and is_valid() says True."""
        assert (number, True) == (npi.validate(number), npi.is_valid(number))

    @pytest.mark.parametrize("number", INVALID_NPIS)
    def test_validate_raises_and_is_valid_agrees(self, number: object) -> None:
        """validate() raises InvalidIdentifier for a bad NPI and is_valid() says False."""
        with pytest.raises(InvalidIdentifier):
            npi.validate(number)
        assert npi.is_valid(number) is False

    @pytest.mark.parametrize(
        "number", [fullwidth("1234567893"), arabic_indic("1234567893")], ids=["fullwidth", "arabic"]
    )
    def test_unicode_digits_are_digits_to_python_but_not_an_npi(self, number: str) -> None:
        """Digits that str.isdigit and int() accept are still refused: an NPI is ASCII."""
        assert (True, 1234567893) == (number.isdigit(), int(number))
        assert npi.is_valid(number) is False

    @pytest.mark.parametrize(
        ("number", "fragment"),
        [
            pytest.param("1710999999", "check digit", id="check-digit"),
            pytest.param("12345", "10 digits", id="length"),
            pytest.param("123456789A", "10 digits", id="letters"),
            pytest.param(1234567893, "string", id="int"),
            pytest.param(None, "null", id="None"),
        ],
    )
    def test_message_says_what_is_wrong(self, number: object, fragment: str) -> None:
        """The message names the rule the value broke."""
        with pytest.raises(InvalidIdentifier) as info:
            NPI(number)
        assert fragment in str(info.value)

    def test_calc_check_digit_hand_worked_example(self) -> None:
        """The CMS worked example: 123456789 gives 24 + 43 = 67, so the check digit is 3.

        Doubling 9, 7, 5, 3, 1 gives 18, 14, 10, 6, 2 whose digits sum to 23; the
        other digits 8, 6, 4, 2 sum to 20; 24 + 23 + 20 = 67 and 70 - 67 = 3.
        """
        assert "3" == npi.calc_check_digit("123456789")

    @pytest.mark.parametrize(
        "first_nine",
        ["123456789", "155859879", "000000000", "999999999", "299999999", "246813579"],
    )
    def test_calc_check_digit_agrees_with_the_hand_method(self, first_nine: str) -> None:
        """calc_check_digit matches an independent, step-by-step CMS computation."""
        assert npi_check_digit_by_hand(first_nine) == npi.calc_check_digit(first_nine)

    def test_str_gives_the_digits(self) -> None:
        """str() of an NPI is its ten digits."""
        assert "1234567893" == str(NPI("1234567893"))

    def test_repr(self) -> None:
        """repr() shows the type and the digits."""
        assert "NPI('1558598797')" == repr(NPI("1558598797"))

    def test_equal_values_are_equal_and_hash_equal(self) -> None:
        """Two NPIs with the same digits are equal and have the same hash."""
        a, b = NPI("1234567893"), NPI("1234567893")
        assert (a, hash(a)) == (b, hash(b))

    def test_different_values_are_unequal(self) -> None:
        """NPIs with different digits are not equal."""
        assert NPI("1234567893") != NPI("1558598797")

    def test_not_equal_to_its_string(self) -> None:
        """An NPI is a type of its own: it does not equal the plain string of its digits."""
        assert NPI("1234567893") != "1234567893"

    def test_ordered_by_digits(self) -> None:
        """NPIs sort by their digits."""
        numbers = ["2000000002", "1558598797", "1234567893"]
        assert sorted(numbers) == [str(n) for n in sorted(NPI(n) for n in numbers)]

    def test_npi_of_an_npi_is_the_same_npi(self) -> None:
        """NPI(NPI(x)) == NPI(x)."""
        assert NPI("1234567893") == NPI(NPI("1234567893"))

    def test_usable_as_dict_key(self) -> None:
        """An NPI built twice finds the same dict entry."""
        table = {NPI("1234567893"): "Ana"}
        assert "Ana" == table[NPI("1234567893")]


# --- EIN ---------------------------------------------------------------------------

# The IRS list of EIN prefixes, typed from the IRS page (see credkit.identifiers.ein).
IRS_PREFIXES = frozenset(
    f"{n:02d}"
    for n in [
        *range(1, 7),
        *range(10, 17),
        *range(20, 28),
        *range(30, 49),
        *range(50, 69),
        *range(71, 78),
        *range(80, 89),
        *range(90, 96),
        98,
        99,
    ]
)
ALL_PREFIXES = [f"{n:02d}" for n in range(100)]


def stdnum_ein_prefixes() -> frozenset[str]:
    """Read the EIN prefixes python-stdnum lists in stdnum/us/ein.dat."""
    text = (Path(stdnum.__file__).parent / "us" / "ein.dat").read_text(encoding="utf-8")
    prefixes: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        prefixes.update(line.split()[0].split(","))
    return frozenset(prefixes)


INVALID_EIN_FORMATS = [
    pytest.param("123-456789", id="hyphen-after-3"),
    pytest.param("1-23456789", id="hyphen-after-1"),
    pytest.param("1234567-89", id="hyphen-after-7"),
    pytest.param("12--3456789", id="two-hyphens"),
    pytest.param("-123456789", id="leading-hyphen"),
    pytest.param("123-45-6789", id="ssn-shape"),
    pytest.param("12 3456789", id="space-for-hyphen"),
    pytest.param("12-345678", id="8-digits-hyphenated"),
    pytest.param("12345678", id="8-digits"),
    pytest.param("12-34567890", id="10-digits-hyphenated"),
    pytest.param("1234567890", id="10-digits"),
    pytest.param("", id="empty"),
    pytest.param("12-345678A", id="letter"),
    pytest.param("AB-CDEFGHI", id="letters"),
    pytest.param(" 12-3456789", id="leading-space"),
    pytest.param("12-3456789 ", id="trailing-space"),
    pytest.param("12-3456789\n", id="trailing-newline"),
    pytest.param(fullwidth("12-3456789"), id="fullwidth-digits"),
    pytest.param(arabic_indic("123456789"), id="arabic-indic-digits"),
    pytest.param(123456789, id="int"),
    pytest.param(None, id="None"),
    pytest.param(b"12-3456789", id="bytes"),
]


class TestEIN:
    @pytest.mark.parametrize("prefix", ALL_PREFIXES)
    def test_every_prefix_hyphenated(self, prefix: str) -> None:
        """NN-NNNNNNN is accepted exactly when NN is on the IRS list of prefixes."""
        assert (prefix in IRS_PREFIXES) == ein.is_valid(f"{prefix}-3456789")

    @pytest.mark.parametrize("prefix", ALL_PREFIXES)
    def test_every_prefix_bare(self, prefix: str) -> None:
        """Nine bare digits are accepted exactly when the first two are an IRS prefix."""
        assert (prefix in IRS_PREFIXES) == ein.is_valid(f"{prefix}3456789")

    def test_irs_list_size(self) -> None:
        """The IRS list typed here has 83 of the 100 two-digit prefixes."""
        assert 83 == len(IRS_PREFIXES)

    def test_prefixes_agree_with_python_stdnum_ein_dat(self) -> None:
        """The prefixes EIN accepts are exactly those in python-stdnum's stdnum/us/ein.dat."""
        accepted = frozenset(p for p in ALL_PREFIXES if ein.is_valid(f"{p}-1234567"))
        assert stdnum_ein_prefixes() == accepted

    def test_irs_list_agrees_with_python_stdnum_ein_dat(self) -> None:
        """The hand-typed IRS list matches python-stdnum's data file."""
        assert stdnum_ein_prefixes() == IRS_PREFIXES

    @pytest.mark.parametrize("prefix", sorted(set(ALL_PREFIXES) - IRS_PREFIXES))
    def test_unassigned_prefix_raises_and_names_the_prefix(self, prefix: str) -> None:
        """An unassigned prefix raises InvalidIdentifier naming the prefix and the IRS."""
        with pytest.raises(InvalidIdentifier) as info:
            EIN(f"{prefix}-3456789")
        assert f"EIN prefix {prefix} is not one the IRS assigns" == str(info.value)

    @pytest.mark.parametrize("number", INVALID_EIN_FORMATS)
    def test_malformed_is_refused(self, number: object) -> None:
        """Anything but NN-NNNNNNN or 9 ASCII digits raises InvalidIdentifier, saying how it is written."""
        with pytest.raises(InvalidIdentifier) as info:
            EIN(number)
        expected = (
            "an EIN is written NN-NNNNNNN or as 9 digits"
            if isinstance(number, str)
            else f"an EIN is a string such as '12-3456789', got {describe(number)}"
        )
        assert expected == str(info.value)
        assert ein.is_valid(number) is False

    @pytest.mark.parametrize(
        ("number", "digits"),
        [("12-3456789", "123456789"), ("123456789", "123456789"), ("99-0000000", "990000000")],
    )
    def test_validate_returns_the_digits(self, number: str, digits: str) -> None:
        """validate() returns the nine digits whether or not the input is hyphenated."""
        assert (digits, True) == (ein.validate(number), ein.is_valid(number))

    @pytest.mark.parametrize(
        "number",
        [
            pytest.param("07-3456789", id="unassigned-prefix-hyphenated"),
            pytest.param("003456789", id="unassigned-prefix-bare"),
            pytest.param("123-456789", id="hyphen-after-3"),
            pytest.param("12-345678", id="8-digits"),
            pytest.param("12-34567890", id="10-digits"),
            pytest.param("12-345678X", id="letter"),
        ],
    )
    def test_message_never_repeats_the_number(self, number: str) -> None:
        """A refused EIN may be a sole proprietor's: the message does not echo its digits."""
        digits = number.replace("-", "")
        with pytest.raises(InvalidIdentifier) as info:
            EIN(number)
        message = str(info.value)
        assert (False, False, False) == (
            number in message,
            digits in message,
            digits[2:] in message,
        )

    @pytest.mark.parametrize("number", ["123456789", "12-3456789"])
    def test_str_is_hyphenated(self, number: str) -> None:
        """str() gives NN-NNNNNNN whichever way the EIN was written."""
        assert "12-3456789" == str(EIN(number))

    def test_repr(self) -> None:
        """repr() shows the type and the hyphenated number."""
        assert "EIN('12-3456789')" == repr(EIN("123456789"))

    def test_hyphenated_and_bare_are_equal_and_hash_equal(self) -> None:
        """EIN('12-3456789') and EIN('123456789') are the same value."""
        a, b = EIN("12-3456789"), EIN("123456789")
        assert (a, hash(a)) == (b, hash(b))

    def test_different_values_are_unequal(self) -> None:
        """EINs with different digits are not equal."""
        assert EIN("12-3456789") != EIN("12-3456788")

    def test_ordered_by_digits(self) -> None:
        """EINs sort by their digits."""
        assert EIN("12-3456789") < EIN("13-0000000")

    def test_ein_of_an_ein_is_the_same_ein(self) -> None:
        """EIN(EIN(x)) == EIN(x)."""
        assert EIN("12-3456789") == EIN(EIN("12-3456789"))

    def test_not_equal_to_an_ssn_with_the_same_digits(self) -> None:
        """An EIN and an SSN are different kinds of tax id even with the same nine digits."""
        assert EIN("123456789") != SSN("123456789")


# --- SSN ---------------------------------------------------------------------------

VALID_SSNS = [
    pytest.param("123-45-6789", "123456789", id="hyphenated"),
    pytest.param("123456789", "123456789", id="bare"),
    pytest.param("001-01-0001", "001010001", id="lowest-area-group-serial"),
    pytest.param("665-99-9999", "665999999", id="area-665"),
    pytest.param("667-01-0001", "667010001", id="area-667"),
    pytest.param("899-99-9999", "899999999", id="area-899"),
    pytest.param("078-05-1121", "078051121", id="next-to-a-void-number"),
    pytest.param("219-09-9998", "219099998", id="next-to-another-void-number"),
]

NEVER_ISSUED_SSNS = [
    pytest.param(
        "000-12-3456",
        "an SSN area number (first three digits) of 000 is never issued",
        id="area-000",
    ),
    pytest.param(
        "000123456",
        "an SSN area number (first three digits) of 000 is never issued",
        id="area-000-bare",
    ),
    pytest.param(
        "666-12-3456",
        "an SSN area number (first three digits) of 666 is never issued",
        id="area-666",
    ),
    pytest.param(
        "666123456",
        "an SSN area number (first three digits) of 666 is never issued",
        id="area-666-bare",
    ),
    pytest.param(
        "900-12-3456",
        "an SSN area number (first three digits) of 900-999 is never issued",
        id="area-900",
    ),
    pytest.param(
        "901-12-3456",
        "an SSN area number (first three digits) of 900-999 is never issued",
        id="area-901",
    ),
    pytest.param(
        "950-12-3456",
        "an SSN area number (first three digits) of 900-999 is never issued",
        id="area-950",
    ),
    pytest.param(
        "987-65-4321",
        "an SSN area number (first three digits) of 900-999 is never issued",
        id="area-987",
    ),
    pytest.param(
        "999-99-9999",
        "an SSN area number (first three digits) of 900-999 is never issued",
        id="area-999",
    ),
    pytest.param(
        "999999999",
        "an SSN area number (first three digits) of 900-999 is never issued",
        id="area-999-bare",
    ),
    pytest.param(
        "123-00-6789", "an SSN group number (digits 4-5) of 00 is never issued", id="group-00"
    ),
    pytest.param(
        "123006789", "an SSN group number (digits 4-5) of 00 is never issued", id="group-00-bare"
    ),
    pytest.param(
        "123-45-0000",
        "an SSN serial number (last four digits) of 0000 is never issued",
        id="serial-0000",
    ),
    pytest.param(
        "123450000",
        "an SSN serial number (last four digits) of 0000 is never issued",
        id="serial-0000-bare",
    ),
    pytest.param(
        "078-05-1120",
        "that SSN was published (for example in an advertisement) and is void",
        id="void-078-05-1120",
    ),
    pytest.param(
        "078051120",
        "that SSN was published (for example in an advertisement) and is void",
        id="void-078-05-1120-bare",
    ),
    pytest.param(
        "219-09-9999",
        "that SSN was published (for example in an advertisement) and is void",
        id="void-219-09-9999",
    ),
    pytest.param(
        "219099999",
        "that SSN was published (for example in an advertisement) and is void",
        id="void-219-09-9999-bare",
    ),
    pytest.param(
        "457-55-5462",
        "that SSN was published (for example in an advertisement) and is void",
        id="void-457-55-5462",
    ),
    pytest.param(
        "457555462",
        "that SSN was published (for example in an advertisement) and is void",
        id="void-457-55-5462-bare",
    ),
]

MALFORMED_SSNS = [
    pytest.param("12-345-6789", id="hyphens-2-3-4"),
    pytest.param("123-456789", id="one-hyphen"),
    pytest.param("12345-6789", id="hyphen-after-5"),
    pytest.param("123 45 6789", id="spaces"),
    pytest.param("123.45.6789", id="dots"),
    pytest.param("123-45-678", id="8-digits"),
    pytest.param("12345678", id="8-digits-bare"),
    pytest.param("123-45-67890", id="10-digits"),
    pytest.param("1234567890", id="10-digits-bare"),
    pytest.param("", id="empty"),
    pytest.param("123-45-678X", id="letter"),
    pytest.param(" 123-45-6789", id="leading-space"),
    pytest.param("123-45-6789\n", id="trailing-newline"),
    pytest.param(fullwidth("123-45-6789"), id="fullwidth-digits"),
    pytest.param(arabic_indic("123456789"), id="arabic-indic-digits"),
    pytest.param(123456789, id="int"),
    pytest.param(None, id="None"),
    pytest.param(b"123-45-6789", id="bytes"),
]


class TestSSN:
    @pytest.mark.parametrize(("number", "digits"), VALID_SSNS)
    def test_valid_numbers_are_accepted(self, number: str, digits: str) -> None:
        """A well-formed SSN that could have been issued is accepted; reveal() gives its digits."""
        assert digits == SSN(number).reveal()

    @pytest.mark.parametrize(("number", "digits"), VALID_SSNS)
    def test_validate_and_is_valid_on_valid_numbers(self, number: str, digits: str) -> None:
        """validate() returns the nine digits and is_valid() says True."""
        assert (digits, True) == (ssn.validate(number), ssn.is_valid(number))

    @pytest.mark.parametrize(("number", "message"), NEVER_ISSUED_SSNS)
    def test_never_issued_numbers_are_refused(self, number: str, message: str) -> None:
        """Areas 000/666/9xx, group 00, serial 0000 and the voided numbers are refused, saying which."""
        with pytest.raises(InvalidIdentifier) as info:
            SSN(number)
        assert message == str(info.value)
        assert ssn.is_valid(number) is False

    @pytest.mark.parametrize("number", MALFORMED_SSNS)
    def test_malformed_is_refused(self, number: object) -> None:
        """Anything but NNN-NN-NNNN or 9 ASCII digits raises InvalidIdentifier, saying how it is written."""
        with pytest.raises(InvalidIdentifier) as info:
            SSN(number)
        expected = (
            "an SSN is written NNN-NN-NNNN or as 9 digits"
            if isinstance(number, str)
            else f"an SSN is a string written NNN-NN-NNNN, got {describe(number)}"
        )
        assert expected == str(info.value)
        assert ssn.is_valid(number) is False

    @pytest.mark.parametrize(
        "number",
        [
            *(p.values[0] for p in NEVER_ISSUED_SSNS),
            "12-345-6789",
            "123-456789",
            "123 45 6789",
            "123-45-678",
            "123-45-67890",
        ],
    )
    def test_message_never_contains_the_number(self, number: str) -> None:
        """A refused SSN's message shows neither the number nor its group and serial."""
        digits = "".join(c for c in number if c.isdigit())
        with pytest.raises(InvalidIdentifier) as info:
            SSN(number)
        message = str(info.value)
        assert [] == [
            part for part in (number, digits, digits[:5], digits[3:]) if part and part in message
        ]

    @pytest.mark.parametrize("number", ["123-45-6789", "123456789"])
    def test_str_is_masked(self, number: str) -> None:
        """str() shows only the last four digits."""
        assert "***-**-6789" == str(SSN(number))

    def test_repr_is_masked(self) -> None:
        """repr() shows only the last four digits."""
        assert "SSN('***-**-6789')" == repr(SSN("123-45-6789"))

    def test_format_is_masked(self) -> None:
        """f-strings, format() and %-formatting show only the last four digits."""
        value = SSN("123-45-6789")
        assert ["***-**-6789"] * 4 == [f"{value}", format(value), "%s" % value, f"{value!s}"]  # noqa: UP031

    def test_repr_in_a_container_is_masked(self) -> None:
        """A list or dict of SSNs shows each one masked."""
        shown = repr({"pay_to": [SSN("123-45-6789")]})
        assert ("***-**-6789" in shown, "45-6789" in shown) == (True, False)

    @pytest.mark.parametrize("number", ["123-45-6789", "123456789"])
    def test_reveal_gives_the_digits(self, number: str) -> None:
        """reveal() gives the nine digits without hyphens."""
        assert "123456789" == SSN(number).reveal()

    def test_formatted_gives_the_hyphenated_number(self) -> None:
        """formatted() gives the full number written NNN-NN-NNNN."""
        assert "123-45-6789" == SSN("123456789").formatted()

    def test_last4(self) -> None:
        """last4 is the serial, the part that is safe to show."""
        assert "6789" == SSN("123-45-6789").last4

    def test_keyword_construction(self) -> None:
        """SSN(digits=...) works as SSN(...) does."""
        assert SSN("123-45-6789") == SSN(digits="123-45-6789")

    def test_hyphenated_and_bare_are_equal_and_hash_equal(self) -> None:
        """SSN('123-45-6789') and SSN('123456789') are the same value."""
        a, b = SSN("123-45-6789"), SSN("123456789")
        assert (a, hash(a)) == (b, hash(b))

    def test_different_values_are_unequal(self) -> None:
        """SSNs with different digits are unequal, even with the same last four."""
        assert SSN("123-45-6789") != SSN("124-45-6789")

    def test_ssn_of_an_ssn_is_the_same_ssn(self) -> None:
        """SSN(SSN(x)) == SSN(x)."""
        assert SSN("123-45-6789") == SSN(SSN("123-45-6789"))


# --- parse_tax_id ----------------------------------------------------------------------


class TestParseTaxId:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            pytest.param("12-3456789", EIN("123456789"), id="ein"),
            pytest.param("99-0000001", EIN("990000001"), id="ein-99"),
            pytest.param("123-45-6789", SSN("123456789"), id="ssn"),
            pytest.param("665-99-9999", SSN("665999999"), id="ssn-665"),
        ],
    )
    def test_hyphenation_decides_the_kind(self, text: str, expected: object) -> None:
        """NN-NNNNNNN is read as an EIN and NNN-NN-NNNN as an SSN."""
        actual = parse_tax_id(text)
        assert (type(expected), expected) == (type(actual), actual)

    @pytest.mark.parametrize("text", ["123456789", "987654321", "990000001", "665999999"])
    def test_nine_bare_digits_are_ambiguous(self, text: str) -> None:
        """Nine bare digits could be either kind and are refused with a message saying so."""
        with pytest.raises(InvalidIdentifier) as info:
            parse_tax_id(text)
        assert "ambiguous" in str(info.value)
        assert text not in str(info.value)

    @pytest.mark.parametrize("value", [EIN("12-3456789"), SSN("123-45-6789")], ids=["ein", "ssn"])
    def test_objects_pass_through(self, value: object) -> None:
        """An EIN or SSN given as an object is returned as it is."""
        assert value is parse_tax_id(value)

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param("07-3456789", id="ein-unassigned-prefix"),
            pytest.param("000-12-3456", id="ssn-area-000"),
            pytest.param("078-05-1120", id="ssn-void"),
            pytest.param("123-456789", id="hyphen-after-3"),
            pytest.param("1-23456789", id="hyphen-after-1"),
            pytest.param("12-345-6789", id="hyphens-2-3-4"),
            pytest.param("1234-56789", id="hyphen-after-4"),
            pytest.param("123 45 6789", id="spaces"),
            pytest.param("12345678", id="8-digits"),
            pytest.param("1234567890", id="10-digits"),
            pytest.param("1234567893", id="an-npi"),
            pytest.param("", id="empty"),
            pytest.param("EIN 12-3456789", id="labelled"),
            pytest.param("twelve", id="word"),
            pytest.param(fullwidth("12-3456789"), id="fullwidth-ein"),
            pytest.param(123456789, id="int"),
            pytest.param(12.5, id="float"),
            pytest.param(None, id="None"),
            pytest.param(b"12-3456789", id="bytes"),
            pytest.param(NPI("1234567893"), id="NPI-object"),
        ],
    )
    def test_junk_is_refused(self, value: object) -> None:
        """Anything that is not a valid EIN or SSN raises InvalidIdentifier."""
        with pytest.raises(InvalidIdentifier):
            parse_tax_id(value)

    @pytest.mark.parametrize("text", ["123-456789", "12-345-6789", "123 45 6789", "1234-56789"])
    def test_junk_message_does_not_echo_the_digits(self, text: str) -> None:
        """A refused tax id may be an SSN: the message does not repeat its digits."""
        with pytest.raises(InvalidIdentifier) as info:
            parse_tax_id(text)
        digits = "".join(c for c in text if c.isdigit())
        assert (False, False) == (text in str(info.value), digits in str(info.value))


# --- State -------------------------------------------------------------------------

# fmt: off
USPS_CODES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
    "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
    "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
    "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "DC",  # the District of Columbia
    "AS", "GU", "MP", "PR", "VI",  # the territories
]
# fmt: on


class TestState:
    def test_the_codes_are_the_50_states_dc_and_5_territories(self) -> None:
        """State has exactly the 56 USPS codes: 50 states, DC, AS, GU, MP, PR and VI."""
        assert (56, sorted(USPS_CODES)) == (len(State), sorted(s.value for s in State))

    @pytest.mark.parametrize("code", USPS_CODES)
    def test_code_round_trips(self, code: str) -> None:
        """State(code) is the member of that name and str() gives the code back."""
        state = State(code)
        assert (State[code], code) == (state, str(state))

    @pytest.mark.parametrize("code", USPS_CODES)
    def test_lower_case_is_accepted(self, code: str) -> None:
        """State('ny') is State.NY."""
        assert State[code] is State(code.lower())

    def test_mixed_case_is_accepted(self) -> None:
        """State('Ny') is State.NY."""
        assert State.NY is State("Ny")

    @pytest.mark.parametrize("code", USPS_CODES)
    def test_every_code_has_a_full_name(self, code: str) -> None:
        """full_name is a name, not the code."""
        name = State(code).full_name
        assert (True, False) == (len(name) > 2, name.upper() == code)

    def test_full_names_are_distinct(self) -> None:
        """No two codes share a name."""
        assert 56 == len({state.full_name for state in State})

    @pytest.mark.parametrize(
        ("code", "name"),
        [
            ("NY", "New York"),
            ("CA", "California"),
            ("DC", "District of Columbia"),
            ("WV", "West Virginia"),
            ("PR", "Puerto Rico"),
            ("VI", "U.S. Virgin Islands"),
            ("MP", "Northern Mariana Islands"),
            ("AS", "American Samoa"),
            ("GU", "Guam"),
        ],
    )
    def test_full_name(self, code: str, name: str) -> None:
        """full_name is the USPS name of the state or territory."""
        assert name == State(code).full_name

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param("XX", id="XX"),
            pytest.param("", id="empty"),
            pytest.param("New York", id="full-name"),
            pytest.param("NYC", id="three-letters"),
            pytest.param("N", id="one-letter"),
            pytest.param(" NY", id="leading-space"),
            pytest.param("NY ", id="trailing-space"),
            pytest.param("N.Y.", id="dotted"),
            pytest.param("\uff2e\uff39", id="fullwidth-letters"),
            pytest.param(3, id="int"),
            pytest.param(None, id="None"),
            pytest.param(b"NY", id="bytes"),
        ],
    )
    def test_invalid_codes_are_refused(self, value: object) -> None:
        """Anything but a USPS code raises InvalidIdentifier, a CredkitError and ValueError."""
        with pytest.raises(InvalidIdentifier) as info:
            State(value)
        assert (True, True) == (
            isinstance(info.value, CredkitError),
            isinstance(info.value, ValueError),
        )

    def test_message_names_the_rule(self) -> None:
        """The message says the value is not a USPS state or territory code."""
        with pytest.raises(InvalidIdentifier, match="not a USPS state or territory code"):
            State("XX")

    def test_equal_to_its_code(self) -> None:
        """A State is a StrEnum: it compares equal to its code."""
        assert "NY" == State.NY


class TestPrettyPrinting:
    """Pretty printers (IPython's, Hypothesis's) show identifiers as their repr does."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (NPI("1234567893"), "NPI('1234567893')"),
            (EIN("12-3456789"), "EIN('12-3456789')"),
            (SSN("123-45-6789"), "SSN('***-**-6789')"),
        ],
    )
    def test_pretty(self, value: object, expected: str) -> None:
        """Field-by-field printing would bypass the mask; these print their repr instead."""
        from hypothesis.vendor.pretty import pretty

        assert expected == pretty(value)
        assert expected == pretty([value])[1:-1]

    @pytest.mark.parametrize(
        ("value", "spec", "expected"),
        [
            (NPI("1234567893"), ">12", "  1234567893"),
            (EIN("12-3456789"), "<11", "12-3456789 "),
            (SSN("123-45-6789"), "^13", " ***-**-6789 "),
        ],
    )
    def test_format_spec(self, value: object, spec: str, expected: str) -> None:
        """Identifiers pad and align in f-strings like their str, SSNs still masked."""
        assert expected == format(value, spec)
