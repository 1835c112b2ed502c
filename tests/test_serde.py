"""The data edge: round trips, strictness, fuzzed input and error paths."""

import copy
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credkit import (
    EIN,
    NPI,
    SSN,
    Book,
    Claim,
    Contract,
    Credential,
    Group,
    Individual,
    InvalidData,
    InvalidValue,
    LiabilityPolicy,
    Matrix,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Practice,
    Provider,
    RevenueAtRisk,
    State,
    from_json,
    serde,
    structure,
    to_json,
    unstructure,
)
from credkit._convert import quote_masked
from tests import strategies as cs

# "$", then .name, [index] or ['quoted key'] steps, then ": message".
ERROR_LINE = re.compile(
    r"""\$(\.[A-Za-z_]\w*|\[\d+\]|\['(?:[^'\\]|\\.)*'\]|\["(?:[^"\\]|\\.)*"\])*: .+""",
    re.DOTALL,
)


def json_compatible(data: Any) -> bool:
    """Whether ``data`` is made only of the types JSON has (no tuples, enums, dates)."""
    if data is None or type(data) in (bool, int, str):
        return True
    if type(data) is list:
        return all(json_compatible(item) for item in data)
    if type(data) is dict:
        return all(type(key) is str and json_compatible(v) for key, v in data.items())
    return False


def value_and_type() -> st.SearchStrategy[tuple[Any, type]]:
    return st.sampled_from(list(cs.STRATEGIES)).flatmap(
        lambda kind: cs.STRATEGIES[kind].map(lambda value: (value, kind))
    )


def kind_of(value: Any) -> Any:
    return type(value)


class TestRoundTrip:
    """Every public type survives unstructure/structure and to_json/from_json unchanged."""

    @given(value_and_type())
    def test_structure_undoes_unstructure(self, pair: tuple[Any, type]) -> None:
        """structure(unstructure(x), type) == x for every type."""
        value, kind = pair
        assert value == structure(unstructure(value), kind)

    @given(value_and_type())
    def test_from_json_undoes_to_json(self, pair: tuple[Any, type]) -> None:
        """from_json(to_json(x), type) == x for every type."""
        value, kind = pair
        assert value == from_json(to_json(value), kind)

    @given(value_and_type())
    def test_unstructured_data_is_plain_json(self, pair: tuple[Any, type]) -> None:
        """Unstructured data holds only dicts, lists, strings, integers, booleans and null."""
        value, _ = pair
        assert json_compatible(unstructure(value))

    @given(value_and_type())
    def test_to_json_is_stable(self, pair: tuple[Any, type]) -> None:
        """Writing a value, reading it and writing it again gives the same text."""
        value, kind = pair
        text = to_json(value)
        assert text == to_json(from_json(text, kind))

    @given(st.lists(cs.claims(), max_size=5))
    def test_tuples_of_values_round_trip(self, claims: list[Claim]) -> None:
        """A list of values structures as tuple[Type, ...]."""
        assert tuple(claims) == structure(unstructure(claims), tuple[Claim, ...])

    @given(cs.ssns())
    def test_serialization_carries_the_full_ssn(self, ssn: SSN) -> None:
        """Explicit serialization is the one place an SSN appears in full, hyphenated."""
        assert ssn.formatted() == unstructure(ssn)
        assert ssn.formatted() == unstructure(Group(practice=ssn))["practice"]


class TestHashing:
    """Equal values hash equal, so they work as dict keys and set members."""

    @given(value_and_type())
    def test_equal_values_hash_equal(self, pair: tuple[Any, type]) -> None:
        """A value rebuilt from its data, or deep-copied, is equal and hashes the same."""
        value, kind = pair
        rebuilt = structure(unstructure(value), kind)
        duplicate = copy.deepcopy(value)
        assert rebuilt == value
        assert hash(value) == hash(rebuilt)
        assert hash(value) == hash(duplicate)

    def test_decimal_scale_does_not_change_equality(self) -> None:
        """150 and 150.00 are the same amount, so policies that differ only so are equal."""
        period = Period("2024-01-01")
        short = LiabilityPolicy(carrier="c", per_claim="150", aggregate="300", effective=period)
        long = LiabilityPolicy(
            carrier="c", per_claim="150.00", aggregate="300.00", effective=period
        )
        assert short == long
        assert hash(short) == hash(long)


class TestShape:
    """The JSON shape follows the documented conventions."""

    def test_period_is_start_and_end(self) -> None:
        """A Period is an object with ISO start and end (null when open)."""
        assert {"start": "2024-01-01", "end": None} == unstructure(Period("2024-01-01"))

    def test_holder_is_tagged_with_its_kind_first(self) -> None:
        """A contract holder carries "kind" ("individual" or "group") before its fields."""
        assert ["kind", "provider"] == list(unstructure(Individual(provider="1234567893")))
        assert {"kind": "group", "practice": "12-3456789"} == unstructure(
            Group(practice="12-3456789")
        )

    def test_money_is_a_string_in_plain_notation(self) -> None:
        """Rates are strings, never floats or exponents."""
        contract = Contract(
            id="c",
            payer="p",
            holder=Group(practice="12-3456789"),
            status="pending",
            rates={"90837": Decimal("1E+2"), "90834": "99.50"},
        )
        assert {"90834": "99.50", "90837": "100"} == unstructure(contract)["rates"]

    def test_minimum_liability_is_a_list_of_two_money_strings(self) -> None:
        """A payer's minimum liability cover is [per claim, aggregate], each a money string."""
        rules = PayerRules(min_liability=(Decimal("1000000"), Decimal("3000000.00")))
        data = unstructure(rules)
        assert ["1000000", "3000000.00"] == data["min_liability"]
        assert rules == structure(data, PayerRules)

    def test_sets_are_sorted_lists(self) -> None:
        """Sets come out as sorted lists, so the same value always writes the same text."""
        practice = Practice(name="P", tin="12-3456789", states=["NY", "CA", "NJ"])
        assert ["CA", "NJ", "NY"] == unstructure(practice)["states"]

    def test_identifiers_are_strings(self) -> None:
        """NPIs are digits, EINs NN-NNNNNNN, enums their values."""
        claim = Claim(
            provider="1234567893",
            payer="cigna",
            practice="12-3456789",
            on="2024-05-01",
            state="ny",
        )
        data = unstructure(claim)
        assert ("1234567893", "12-3456789", "NY", "2024-05-01") == (
            data["provider"],
            data["practice"],
            data["state"],
            data["on"],
        )


def invalid(data: Any, kind: type) -> tuple[str, ...]:
    with pytest.raises(InvalidData) as raised:
        structure(data, kind)
    return raised.value.errors


# Bad input and exactly the lines it is refused with.
REFUSALS = [
    pytest.param(None, Period, ("$: expected an object (Period), got null",), id="null"),
    pytest.param([], Period, ("$: expected an object (Period), got a list",), id="list"),
    pytest.param(7, Period, ("$: expected an object (Period), got a number",), id="number"),
    pytest.param(
        {"start": 20240101},
        Period,
        ("$.start: expected a date written YYYY-MM-DD, got a number",),
        id="date-as-number",
    ),
    pytest.param(
        {"start": "20240101"},
        Period,
        ("$.start: expected a date written YYYY-MM-DD, got '20240101'",),
        id="compact-date",
    ),
    pytest.param(
        {"start": "2024-02-30"},
        Period,
        ("$.start: '2024-02-30' is not a real calendar date",),
        id="impossible-date",
    ),
    pytest.param(
        {"start": "2024-01-01T00:00:00"},
        Period,
        ("$.start: expected a date written YYYY-MM-DD, got '2024-01-01T00:00:00'",),
        id="datetime-string",
    ),
    pytest.param(
        {"npi": 1234567893, "name": "A"},
        Provider,
        ("$.npi: expected NPI as a string, got a number",),
        id="npi-as-number",
    ),
    pytest.param(
        {"npi": "1234567893", "name": 5},
        Provider,
        ("$.name: expected a string, got a number",),
        id="name-as-number",
    ),
    pytest.param(
        {"group_minimum": "4"},
        PayerRules,
        ("$.group_minimum: expected a whole number, got a string",),
        id="int-as-string",
    ),
    pytest.param(
        {"group_minimum": True},
        PayerRules,
        ("$.group_minimum: expected a whole number, got a boolean",),
        id="int-as-bool",
    ),
    pytest.param(
        {"group_minimum": 4.0},
        PayerRules,
        ("$.group_minimum: expected a whole number, got a decimal number",),
        id="int-as-float",
    ),
    pytest.param(
        {"individual_contracts": 1},
        PayerRules,
        ("$.individual_contracts: expected true or false, got a number",),
        id="bool-as-int",
    ),
    pytest.param(
        {"closed_states": "NY"},
        PayerRules,
        ("$.closed_states: expected a list of State, got a string",),
        id="set-as-string",
    ),
    pytest.param(
        {"closed_states": ["NY", "ny"]},
        PayerRules,
        ("$.closed_states: lists the same value twice: NY",),
        id="set-with-repeat",
    ),
    pytest.param(
        {"min_liability": "1000000"},
        PayerRules,
        ("$.min_liability: expected a list of two amounts [per claim, aggregate], got a string",),
        id="money-pair-as-string",
    ),
    pytest.param(
        {"min_liability": ["1000000"]},
        PayerRules,
        ("$.min_liability: expected a list of two amounts [per claim, aggregate], got 1 item",),
        id="money-pair-too-short",
    ),
    pytest.param(
        {"min_liability": ["1", "2", "3"]},
        PayerRules,
        ("$.min_liability: expected a list of two amounts [per claim, aggregate], got 3 items",),
        id="money-pair-too-long",
    ),
    pytest.param(
        {"min_liability": [1000000, 3000000.0]},
        PayerRules,
        (
            "$.min_liability[0]: per claim: expected an amount written as a string "
            "like '150.00', got a number",
            "$.min_liability[1]: aggregate: expected an amount written as a string "
            "like '150.00', got a decimal number",
        ),
        id="money-pair-as-numbers",
    ),
    pytest.param(
        {"min_liability": ["3000000", "1000000"]},
        PayerRules,
        ("$.min_liability: the aggregate minimum 1000000 is below the per-claim minimum 3000000",),
        id="money-pair-out-of-order",
    ),
    pytest.param(
        {"requires_caqh": "true"},
        PayerRules,
        ("$.requires_caqh: expected true or false, got a string",),
        id="caqh-as-string",
    ),
    pytest.param(
        {"name": "P", "tin": "123456789", "states": ["NY"]},
        Practice,
        (
            "$.tin: a tax id of 9 bare digits is ambiguous: write an EIN as "
            "NN-NNNNNNN or an SSN as NNN-NN-NNNN",
        ),
        id="ambiguous-tax-id",
    ),
    pytest.param(
        {"id": "x", "name": "X", "rules": {}, "extra": 1, "other": None},
        Payer,
        ("$.extra: unknown field", "$.other: unknown field"),
        id="unknown-keys",
    ),
    pytest.param(
        {"provider": "1234567893", "name": "A"},
        Provider,
        ("$.npi: missing required field", "$.provider: unknown field"),
        id="misnamed-field",
    ),
    pytest.param(
        {"kind": "group", "provider": "1234567893"},
        Individual,
        ("$.kind: expected 'individual' here, got 'group'",),
        id="individual-tagged-group",
    ),
    pytest.param(
        {"kind": 2, "practice": "12-3456789"},
        Group,
        ("$.kind: expected 'group' here, got a number",),
        id="group-tagged-number",
    ),
    pytest.param(
        {"practice": "12-3456789", "provider": "1234567893"},
        Group,
        ("$.provider: unknown field",),
        id="group-untagged-extra",
    ),
]

# A contract's holder, and the one line it is refused with.
HOLDER_TAGS = [
    ({"provider": "1234567893"}, "$.holder.kind: missing required field"),
    ({"kind": "solo"}, "$.holder.kind: expected 'individual' or 'group', got 'solo'"),
    ({"kind": 1}, "$.holder.kind: expected 'individual' or 'group', got a number"),
    ("group", "$.holder: expected an object with a 'kind', got a string"),
    (
        {"kind": "group", "practice": "12-3456789", "provider": "1234567893"},
        "$.holder.provider: unknown field",
    ),
]


def contract_with(holder: Any) -> dict[str, Any]:
    return {"id": "c", "payer": "p", "holder": holder, "status": "pending"}


class TestStrictness:
    """Data is read exactly: nothing is coerced, guessed or dropped."""

    @pytest.mark.parametrize(("data", "kind", "expected"), REFUSALS)
    def test_refused_with_path(self, data: Any, kind: type, expected: tuple[str, ...]) -> None:
        """Each bad input is refused with exactly these path-and-message lines."""
        assert expected == invalid(data, kind)

    def test_money_must_be_a_string(self) -> None:
        """A number where money is expected is refused, even when it would be exact."""
        data = {
            "carrier": "c",
            "per_claim": 100,
            "aggregate": "300",
            "effective": {"start": "2024-01-01"},
        }
        assert (
            "$.per_claim: expected an amount written as a string like '150.00', got a number",
        ) == invalid(data, LiabilityPolicy)

    def test_every_problem_is_listed(self) -> None:
        """Problems in different places are all reported, each with its own path."""
        data = {
            "id": "c",
            "payer": "cigna",
            "holder": {"kind": "group", "practice": "12-3456789"},
            "status": "signed",
            "pay_to": [
                {"tin": "12-3456789", "npi": "1234567890", "effective": {"start": "2024-01-01"}},
                {"tin": "12-3456789", "npi": "1234567893", "effective": {"start": "x"}},
            ],
            "rates": {"90837": 150, "9083": "1.00"},
        }
        errors = invalid(data, Contract)
        assert [
            "$.status: 'signed' is not a ContractStatus; expected one of 'pending', 'executed', 'terminated'",
            "$.pay_to[0].npi: NPI 1234567890 fails its check digit (Luhn with prefix 80840); check for a typo",
            "$.pay_to[1].effective.start: expected a date written YYYY-MM-DD, got 'x'",
            "$.rates['90837']: expected an amount written as a string like '150.00', got a number",
            "$.rates['9083']: a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '9083'",
        ] == list(errors)

    def test_rules_of_one_object_are_all_listed(self) -> None:
        """Several broken rules in one object are all reported, not only the first."""
        data = {"npi": "1234567890", "name": " ", "caqh_id": "CAQH-1", "licenses": "none"}
        assert [
            "$.npi: NPI 1234567890 fails its check digit (Luhn with prefix 80840); check for a typo",
            "$.name: must not be blank",
            "$.licenses: expected a list of License, got a string",
            "$.caqh_id: a CAQH ProView id is a string of up to 12 digits",
        ] == list(invalid(data, Provider))

    def test_cross_field_rule_names_the_field(self) -> None:
        """A rule between fields is reported at the field it concerns."""
        data = {
            "id": "c",
            "payer": "cigna",
            "holder": {"kind": "individual", "provider": "1234567893"},
            "status": "executed",
            "signed": "2024-01-01",
        }
        assert ("$.effective: an executed contract needs an effective period",) == invalid(
            data, Contract
        )

    def test_terminated_records_need_their_last_day(self) -> None:
        """A book with a terminated credential or contract and no end is refused, saying what to add."""
        term = {"start": "2024-01-01", "end": None}
        data = {
            "credentials": [
                {"provider": "1234567893", "payer": "cigna", "status": "terminated"},
                {
                    "provider": "1234567893",
                    "payer": "cigna",
                    "status": "terminated",
                    "effective": term,
                },
            ],
            "contracts": [
                {
                    "id": "c",
                    "payer": "cigna",
                    "holder": {"kind": "individual", "provider": "1234567893"},
                    "status": "terminated",
                    "signed": "2023-12-15",
                    "effective": term,
                }
            ],
        }
        assert (
            "$.credentials[0].effective: a terminated credential needs an effective period "
            "with an end: add effective.end, the last day it held",
            "$.credentials[1].effective: a terminated credential needs an effective period "
            "with an end: add effective.end, the last day it held",
            "$.contracts[0].effective: a terminated contract needs an effective period with "
            "an end: add effective.end, the last day it covered",
        ) == invalid(data, Book)

    def test_terminated_records_with_their_last_day_are_read(self) -> None:
        """A terminated credential and contract with an end round-trip unchanged."""
        term = {"start": "2024-01-01", "end": "2024-12-31"}
        credential = {
            "provider": "1234567893",
            "payer": "cigna",
            "status": "terminated",
            "submitted": None,
            "effective": term,
        }
        assert credential == unstructure(structure(credential, Credential))

    @pytest.mark.parametrize(("holder", "expected"), HOLDER_TAGS)
    def test_holder_tag(self, holder: Any, expected: str) -> None:
        """The contract holder's kind tag is required and must be individual or group."""
        assert (expected,) == invalid(contract_with(holder), Contract)

    @pytest.mark.parametrize(
        ("data", "kind", "expected"),
        [
            ({"provider": "1234567893"}, Individual, Individual(provider="1234567893")),
            (
                {"kind": "individual", "provider": "1234567893"},
                Individual,
                Individual(provider="1234567893"),
            ),
            ({"practice": "12-3456789"}, Group, Group(practice="12-3456789")),
            ({"kind": "group", "practice": "12-3456789"}, Group, Group(practice="12-3456789")),
        ],
        ids=["individual", "individual-tagged", "group", "group-tagged"],
    )
    def test_one_kind_of_holder(self, data: Any, kind: type, expected: Any) -> None:
        """Read as one kind of holder, the "kind" tag may be left out, or given and matching."""
        assert expected == structure(data, kind)

    def test_data_is_not_modified(self) -> None:
        """Structuring leaves the input data exactly as it was."""
        data = {
            "id": "c",
            "payer": "p",
            "holder": {"kind": "group", "practice": "12-3456789"},
            "status": "pending",
        }
        before = copy.deepcopy(data)
        structure(data, Contract)
        assert before == data


class TestJsonText:
    """from_json reads text strictly and reports bad text as InvalidData."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", "$: not valid JSON: Expecting value (line 1, column 1)"),
            (
                "{",
                "$: not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
            ),
            ('{"start": NaN}', "$: not valid JSON: NaN is not allowed in credkit data"),
            (
                '{"start": "2024-01-01", "start": "2025-01-01"}',
                "$: not valid JSON: the key 'start' appears twice in one object",
            ),
            ("null", "$: expected an object (Period), got null"),
            ("[1]", "$: expected an object (Period), got a list"),
            ("[" * 100_000, "$: not valid JSON: nested too deeply"),
        ],
        ids=["empty", "unclosed", "nan", "repeated-key", "null", "list", "deep"],
    )
    def test_bad_text(self, text: str, expected: str) -> None:
        """Malformed, duplicated or non-object JSON is one clear error."""
        with pytest.raises(InvalidData) as raised:
            from_json(text, Period)
        assert (expected,) == raised.value.errors

    def test_bytes_are_read(self) -> None:
        """UTF-8 bytes are accepted as JSON text."""
        assert Period("2024-01-01") == from_json(b'{"start": "2024-01-01"}', Period)

    def test_non_text_is_refused(self) -> None:
        """Something that is not text is refused as data, not with a TypeError."""
        with pytest.raises(InvalidData) as raised:
            from_json(None, Period)  # type: ignore[arg-type]
        assert ("$: expected JSON text, got null",) == raised.value.errors


class TestUnsupportedTypes:
    """The data functions serve credkit's types only, and say so otherwise."""

    @pytest.mark.parametrize(
        ("kind", "name"),
        [
            (int, "int"),
            (dict, "dict"),
            (object, "object"),
            (list[Period], "list"),
            (date, "date"),
            (int | str, "int or str"),
            (5, "5"),
        ],
        ids=str,
    )
    def test_structure_refuses_other_types(self, kind: Any, name: str) -> None:
        """Asking for a type credkit does not define is an InvalidValue naming it."""
        with pytest.raises(InvalidValue) as raised:
            structure({}, kind)
        assert f"structure: {name} is not a credkit type" == str(raised.value)

    @pytest.mark.parametrize(
        ("value", "name"),
        [(1, "int"), ("x", "str"), (None, "NoneType"), (object(), "object"), ({"a": 1}, "dict")],
        ids=["int", "str", "none", "object", "dict"],
    )
    def test_unstructure_refuses_other_values(self, value: Any, name: str) -> None:
        """Unstructuring something that is not a credkit value is an InvalidValue naming its type."""
        with pytest.raises(InvalidValue) as raised:
            unstructure(value)
        assert f"unstructure: {name} is not a credkit type" == str(raised.value)

    def test_a_list_of_tax_ids_names_both_kinds(self) -> None:
        """A list of tax ids that is not a list says it expects EINs or SSNs."""
        expected = ("$: expected a list of EIN or SSN, got a string",)
        assert expected == invalid("12-3456789", tuple[EIN | SSN, ...])


def step(key: str) -> str:
    """The documented path step to a key: .name for plain names, ['key'] otherwise.

    A key in brackets is quoted as bad input is: nine digits masked, then cut at 40
    characters (the line then ends by saying digits were masked).
    """
    return (
        f".{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f"[{quote_masked(key)[0]}]"
    )


def paths_to_keys(data: Any, path: str = "$") -> list[tuple[str, dict[str, Any], str]]:
    """Every (path of parent, parent object, key) in a document."""
    found: list[tuple[str, dict[str, Any], str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((path, data, key))
            found += paths_to_keys(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += paths_to_keys(item, f"{path}[{index}]")
    return found


def objects_in(data: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    """Every (path, record object) in a document, the document itself first.

    A contract's ``rates`` is a mapping of service codes, not a record with fields,
    so it is not among them, nor are revenue at risk's ``by_reason``,
    ``by_provider`` and ``by_payer``, mappings of codes, NPIs and payer ids; nor is a payer's ``profession_periods``, a mapping of professions, though
    the periods in it are.
    """
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict) and path.endswith(".profession_periods"):
        for key, value in data.items():
            found += objects_in(value, f"{path}.{key}")
    elif isinstance(data, dict) and not path.endswith(
        (".rates", ".by_reason", ".by_provider", ".by_payer")
    ):
        found.append((path, data))
        for key, value in data.items():
            found += objects_in(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += objects_in(item, f"{path}[{index}]")
    return found


def json_type(value: Any) -> str:
    return {bool: "bool", int: "int", str: "str", list: "list", dict: "dict"}.get(
        type(value), "null"
    )


def assert_only_invalid_data(data: Any, kind: type) -> tuple[str, ...]:
    """Structure ``data``; return its error lines, or () when it was valid."""
    try:
        structure(data, kind)
    except InvalidData as error:
        assert error.errors, "InvalidData must list at least one problem"
        for line in error.errors:
            assert ERROR_LINE.fullmatch(line), line
        return error.errors
    return ()


class TestFuzzedData:
    """Any input at all becomes a valid object or raises InvalidData with $ paths."""

    @given(st.sampled_from(cs.RECORD_TYPES), cs.json_values())
    @example(Contract, {"holder": None})
    @example(Provider, {"npi": [], "licenses": [{}]})
    @example(Practice, {"roster": [[]], "states": [[]]})
    def test_arbitrary_json(self, kind: type, data: Any) -> None:
        """Arbitrary JSON values raise only InvalidData."""
        assert_only_invalid_data(data, kind)

    @given(st.sampled_from(cs.RECORD_TYPES), st.text(max_size=40))
    def test_arbitrary_text(self, kind: type, text: str) -> None:
        """Arbitrary text given to from_json raises only InvalidData."""
        with pytest.raises(InvalidData):
            from_json(text, kind)

    @given(value_and_type(), st.data())
    def test_one_field_deleted(self, pair: tuple[Any, type], data: st.DataObject) -> None:
        """Deleting any one key anywhere either still loads or names the missing field."""
        value, kind = pair
        document = unstructure(value)
        keys = paths_to_keys(document)
        if not keys:
            return
        parent_path, parent, key = data.draw(st.sampled_from(keys))
        del parent[key]
        errors = assert_only_invalid_data(document, kind)
        if errors:
            assert any(line.startswith(parent_path) for line in errors), errors

    @given(value_and_type(), st.data())
    def test_one_field_retyped(self, pair: tuple[Any, type], data: st.DataObject) -> None:
        """Giving any one key a value of another JSON type is refused at that key, or allowed."""
        value, kind = pair
        document = unstructure(value)
        keys = paths_to_keys(document)
        if not keys:
            return
        parent_path, parent, key = data.draw(st.sampled_from(keys))
        original = json_type(parent[key])
        parent[key] = data.draw(
            cs.json_values().filter(lambda new: json_type(new) != original), label="new value"
        )
        errors = assert_only_invalid_data(document, kind)
        if errors:
            assert any(line.startswith(parent_path) for line in errors), errors

    @given(value_and_type(), st.data(), st.text(min_size=1, max_size=10), cs.json_values())
    def test_one_field_added(
        self, pair: tuple[Any, type], data: st.DataObject, key: str, extra: Any
    ) -> None:
        """A key added to any object is refused as an unknown field at its path."""
        value, kind = pair
        document = unstructure(value)
        places = objects_in(document)
        if not places:
            return
        path, target = data.draw(st.sampled_from(places))
        if key in target:
            return
        target[key] = extra
        errors = assert_only_invalid_data(document, kind)
        # A key with nine digits in it is masked, as quoted input is, and cut at 40 characters.
        masked = (
            " (nine digits, shown masked in case it is an SSN)" if "***-**-" in step(key) else ""
        )
        assert f"{path}{step(key)}: unknown field{masked}" in errors


SSN_HOLDERS = st.one_of(
    cs.ssns().flatmap(
        lambda ssn: st.tuples(
            st.just(ssn),
            st.one_of(
                cs.practices().map(
                    lambda p: Practice(name=p.name, tin=ssn, npi=p.npi, states=p.states)
                ),
                st.builds(PayTo, tin=st.just(ssn), npi=cs.npis(), effective=cs.periods()),
                st.just(Group(practice=ssn)),
                st.builds(
                    Claim,
                    provider=cs.npis(),
                    payer=cs.payer_ids(),
                    practice=st.just(ssn),
                    on=cs.dates(),
                ),
                cs.contracts(holder=st.just(Group(practice=ssn))),
            ),
        )
    )
)


def shows(text: str, ssn: SSN) -> bool:
    digits = ssn.reveal()
    return digits in text or ssn.formatted() in text or digits in re.sub(r"\D", "", text)


class TestNoSsnLeaks:
    """No repr, str or error message shows an SSN's digits."""

    @given(SSN_HOLDERS)
    def test_repr_and_str(self, pair: tuple[SSN, Any]) -> None:
        """Objects holding an SSN show only its last four digits."""
        ssn, holder = pair
        for text in (repr(holder), str(holder), repr(ssn), str(ssn), f"{ssn}"):
            assert not shows(text, ssn), text
        assert ssn.last4 in repr(ssn)

    @given(cs.ssn_digits(), st.sampled_from(["npi", "tin", "states", "name_as_number"]))
    def test_error_messages(self, digits: str, where: str) -> None:
        """An SSN typed into the wrong field is not repeated by the error."""
        hyphenated = f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
        document: dict[str, Any] = {"name": "P", "tin": "12-3456789", "states": ["NY"]}
        if where == "npi":
            document["npi"] = digits
        elif where == "tin":
            document["tin"] = digits
        elif where == "states":
            document["states"] = [hyphenated]
        else:
            document["name"] = int(digits)
        with pytest.raises(InvalidData) as raised:
            structure(document, Practice)
        assert digits not in str(raised.value)
        assert hyphenated not in str(raised.value)
        assert all(digits not in line and hyphenated not in line for line in raised.value.errors)

    @given(cs.ssns())
    def test_invalid_rules_with_an_ssn_present(self, ssn: SSN) -> None:
        """A rule that fails on a value holding an SSN does not show the SSN."""
        with pytest.raises(InvalidValue) as raised:
            Contract(
                id="c",
                payer="p",
                holder=Group(practice="12-3456789"),
                status="pending",
                pay_to=[PayTo(tin=ssn, npi="1234567893", effective=Period("2024-01-01"))],
            )
        assert not shows(str(raised.value), ssn)
        assert ssn.last4 in str(raised.value)


class TestKnownValues:
    """Spot checks against hand-written data."""

    def test_full_provider(self) -> None:
        """A provider document with every field loads to the expected values."""
        data = {
            "npi": "1234567893",
            "name": "Ana Ruiz, LCSW",
            "licenses": [
                {
                    "state": "ny",
                    "profession": "clinical_social_worker",
                    "number": "LCSW-1",
                    "effective": {"start": "2023-01-01", "end": "2025-12-31"},
                    "status": "active",
                }
            ],
            "caqh_id": "12345678",
            "caqh_attested": "2024-09-01",
        }
        provider = structure(data, Provider)
        assert NPI("1234567893") == provider.npi
        assert State.NY == provider.licenses[0].state
        assert date(2024, 9, 1) == provider.caqh_attested
        assert EIN("12-3456789") == structure("12-3456789", EIN | SSN)  # type: ignore[arg-type]

    def test_payer_defaults(self) -> None:
        """Omitted payer rules take their documented defaults."""
        payer = structure({"id": "aetna", "name": "Aetna"}, Payer)
        assert PayerRules() == payer.rules
        assert 1 == payer.rules.group_minimum
        assert 0 == payer.rules.retro_days

    def test_json_text_is_readable(self) -> None:
        """to_json writes indented JSON that json.loads reads back to the same data."""
        period = Period("2024-01-01", "2024-12-31")
        text = to_json(period)
        assert '{\n  "start": "2024-01-01",\n  "end": "2024-12-31"\n}' == text
        assert unstructure(period) == json.loads(text)


class TestRatesShape:
    """A contract's rates must be an object of service codes to amounts."""

    @pytest.mark.parametrize(
        ("rates", "kind"), [([], "a list"), ("90837", "a string"), (5, "a number"), (None, "null")]
    )
    def test_rates_not_an_object(self, rates: Any, kind: str) -> None:
        """Rates given as anything but an object are refused at $.rates."""
        data = {
            "id": "c",
            "payer": "p",
            "holder": {"kind": "group", "practice": "12-3456789"},
            "status": "pending",
            "rates": rates,
        }
        expected = (f"$.rates: expected an object mapping service codes to rates, got {kind}",)
        assert expected == invalid(data, Contract)


@contextmanager
def fresh_converter() -> Iterator[None]:
    """Read and write, for a while, with a converter built again from scratch."""
    with mock.patch.object(serde, "_converter", serde._make_converter()):
        yield


class TestFreshConverter:
    """A converter built again reads and writes exactly as the one credkit starts with."""

    @given(value_and_type())
    def test_round_trip(self, pair: tuple[Any, type]) -> None:
        """Values round-trip through it, as data and as JSON text, in the same shape."""
        value, kind = pair
        expected = unstructure(value)
        with fresh_converter():
            data = unstructure(value)
            assert (expected, value) == (data, structure(data, kind))
            assert value == from_json(to_json(value), kind)

    @pytest.mark.parametrize(("data", "kind", "expected"), REFUSALS)
    def test_refused_with_path(self, data: Any, kind: type, expected: tuple[str, ...]) -> None:
        """It refuses bad input with the same path-and-message lines."""
        with fresh_converter():
            assert expected == invalid(data, kind)

    @pytest.mark.parametrize(("holder", "expected"), HOLDER_TAGS)
    def test_holder_tag(self, holder: Any, expected: str) -> None:
        """It checks a contract holder's kind tag in the same way."""
        with fresh_converter():
            assert (expected,) == invalid(contract_with(holder), Contract)

    def test_holder_kinds(self) -> None:
        """It reads each kind of holder, tagged or not."""
        with fresh_converter():
            assert (Individual(provider="1234567893"), Group(practice="12-3456789")) == (
                structure({"provider": "1234567893"}, Individual),
                structure({"kind": "group", "practice": "12-3456789"}, Group),
            )


def ssns_in(value: Any) -> set[SSN]:
    """Every SSN a value holds, found by walking its fields and collections."""
    if isinstance(value, SSN):
        return {value}
    if attrs.has(type(value)):
        return set().union(*(ssns_in(getattr(value, f.name)) for f in attrs.fields(type(value))))
    if isinstance(value, tuple | list | frozenset | set):
        return set().union(*(ssns_in(item) for item in value))
    if isinstance(value, Mapping):
        return set().union(*(ssns_in(item) for item in (*value.keys(), *value.values())))
    return set()


class TestMaskedUnstructure:
    """unstructure(..., ssns="masked") masks exactly the values held as SSNs."""

    @given(value_and_type())
    def test_differs_only_in_ssns(self, pair: tuple[Any, type]) -> None:
        """Masked data is the full data with each SSN, and nothing else, masked."""
        value, _ = pair
        expected = json.dumps(unstructure(value))
        for ssn in ssns_in(value):
            expected = expected.replace(json.dumps(ssn.formatted()), json.dumps(str(ssn)))
        assert expected == json.dumps(unstructure(value, ssns="masked"))
        assert expected == json.dumps(json.loads(to_json(value, ssns="masked")))

    @given(SSN_HOLDERS)
    def test_no_digits(self, pair: tuple[SSN, Any]) -> None:
        """Nothing holding an SSN shows its digits when masked; the default still carries them."""
        ssn, holder = pair
        assert not shows(json.dumps(unstructure(holder, ssns="masked")), ssn)
        assert ssn.formatted() in json.dumps(unstructure(holder))

    def test_nine_digit_strings_untouched(self) -> None:
        """A 9-digit id that is not an SSN (a contract id here) is not masked."""
        contract = Contract(
            id="cigna-100200300",
            payer="cigna",
            holder=Group(practice="536-90-4399"),
            status="pending",
        )
        data = unstructure(contract, ssns="masked")
        assert ("cigna-100200300", "***-**-4399") == (data["id"], data["holder"]["practice"])

    def test_default_restored_after_an_error(self) -> None:
        """A masked call that fails leaves the next call unmasked."""
        with pytest.raises(InvalidValue):
            unstructure([Group(practice="536-90-4399"), object()], ssns="masked")
        assert "536-90-4399" == unstructure(Group(practice="536-90-4399"))["practice"]

    @pytest.mark.parametrize("junk", [None, True, "partial", object(), "MASKED"])
    def test_junk_option(self, junk: Any) -> None:
        """ssns takes "full" or "masked" only."""
        with pytest.raises(InvalidValue, match="ssns must be 'full' or 'masked'"):
            unstructure(Group(practice="12-3456789"), ssns=junk)


REFUSED = object()


def read_plainly(data: Any, kind: Any) -> Any:
    """What the plain readers make of ``data``, or REFUSED when they hand it on."""
    try:
        return serde._reader(kind)(data, serde._Memo())
    except Exception:
        return REFUSED


def read_in_detail(data: Any, kind: Any) -> Any:
    """What the detailed, field-by-field path makes of ``data``, or REFUSED."""
    try:
        return serde._converter.structure(data, kind)
    except Exception:
        return REFUSED


class _EqualToText:
    """Not a string, yet equal to one and hashed as it is: a value only the detailed path judges."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return other == self.text

    def __hash__(self) -> int:
        return hash(self.text)


class TestPlainReading:
    """The plain readers take only what the detailed path takes, and build the same objects."""

    @given(value_and_type())
    def test_valid_data_is_read_the_same(self, pair: tuple[Any, type]) -> None:
        """Every public value's data is read by the plain readers, equal to the detailed reading."""
        value, kind = pair
        data = unstructure(value)
        plain = read_plainly(data, kind)
        assert (value, value) == (plain, read_in_detail(data, kind))

    @given(value_and_type(), st.data())
    def test_changed_data_is_refused_or_read_the_same(
        self, pair: tuple[Any, type], data: st.DataObject
    ) -> None:
        """A key deleted, retyped or added anywhere: what the plain readers take, the detailed path reads alike."""
        value, kind = pair
        document = unstructure(value)
        keys = paths_to_keys(document)
        if not keys:
            return
        _, parent, key = data.draw(st.sampled_from(keys))
        change = data.draw(st.sampled_from(["delete", "retype", "add"]))
        if change == "delete":
            del parent[key]
        elif change == "retype":
            parent[key] = data.draw(cs.json_values(), label="new value")
        else:
            parent[data.draw(st.text(min_size=1, max_size=10), label="new key")] = data.draw(
                cs.json_values(), label="extra"
            )
        plain = read_plainly(copy.deepcopy(document), kind)
        if plain is not REFUSED:
            assert plain == read_in_detail(document, kind)

    @given(st.sampled_from(cs.RECORD_TYPES), cs.json_values())
    def test_arbitrary_json_is_refused_or_read_the_same(self, kind: type, data: Any) -> None:
        """Arbitrary JSON the plain readers take, the detailed path reads alike."""
        plain = read_plainly(data, kind)
        if plain is not REFUSED:
            assert plain == read_in_detail(data, kind)

    def test_recurring_values_are_read_once_and_shared(self) -> None:
        """Periods, NPIs and rate tables written alike in one document are one object each."""
        contract = {
            "id": "c1",
            "payer": "aetna",
            "holder": {"kind": "individual", "provider": "1234567893"},
            "status": "executed",
            "signed": "2024-01-02",
            "effective": {"start": "2024-02-01", "end": None},
            "rates": {"90837": "142.50"},
        }
        first, second = structure([contract, {**contract, "id": "c2"}], tuple[Contract, ...])
        assert first.effective is second.effective
        assert first.rates is second.rates
        assert first.holder.provider is second.holder.provider  # type: ignore[union-attr]

    def test_a_value_equal_to_text_is_not_taken_for_it(self) -> None:
        """A period whose start only compares equal to one read before is refused, as it is alone."""
        periods = [{"start": "2024-01-01"}, {"start": _EqualToText("2024-01-01")}]
        expected = ("$[1].start: expected a date written YYYY-MM-DD, got _EqualToText",)
        assert REFUSED is read_plainly(periods, tuple[Period, ...])
        with pytest.raises(InvalidData) as raised:
            structure(periods, tuple[Period, ...])
        assert expected == tuple(raised.value.errors)

    def test_true_is_not_taken_for_one(self) -> None:
        """A background check passed ``1`` after one passed ``true`` is refused at its path."""
        checks = [
            {"completed": "2024-01-01", "passed": True},
            {"completed": "2024-01-01", "passed": 1},
        ]
        data = {"npi": "1234567893", "name": "Ana Ruiz", "background_checks": checks}
        expected = ("$.background_checks[1].passed: expected true or false, got a number",)
        assert expected == invalid(data, Provider)

    def test_a_bad_record_after_good_ones_is_reported_by_path(self) -> None:
        """Once the plain reading meets a problem, every problem is reported with its path."""
        good = {"start": "2024-01-01", "end": None}
        periods = [good, good, {"start": "2024-13-01"}, good, {"start": 5}]
        expected = (
            "$[2].start: '2024-13-01' is not a real calendar date",
            "$[4].start: expected a date written YYYY-MM-DD, got a number",
        )
        assert expected == invalid(periods, tuple[Period, ...])


def dumps_repeating(data: Any, target: int) -> str:
    """``data`` as JSON text, with the first key of the object whose id is ``target`` written twice."""
    if isinstance(data, dict):
        pairs = [
            f"{json.dumps(key)}: {dumps_repeating(item, target)}" for key, item in data.items()
        ]
        if id(data) == target and pairs:
            pairs.append(pairs[0])
        return "{" + ", ".join(pairs) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(dumps_repeating(item, target) for item in data) + "]"
    return json.dumps(data)


class TestQuickRead:
    """from_json parses without the duplicate-key hook only when it proves no key was repeated."""

    @given(value_and_type())
    def test_valid_text_is_read_quickly(self, pair: tuple[Any, type]) -> None:
        """Every public value's JSON text is read without the hook, and read right.

        All but the answers read through hooks of their own (a matrix, revenue at
        risk), which the plain readers leave to the converter, uncounted.
        """
        value, kind = pair
        expected = serde._NOT_READ if kind in (Matrix, RevenueAtRisk) else value
        assert expected == serde._quick_read(to_json(value), kind)

    @given(value_and_type(), st.data())
    def test_a_repeated_key_is_never_lost(
        self, pair: tuple[Any, type], data: st.DataObject
    ) -> None:
        """A key written twice in any object is refused, naming the key, never read past."""
        value, kind = pair
        document = unstructure(value)
        places = [target for _, target in objects_in(document) if target]
        places += [target for _, target in rate_tables(document)]
        if not places:
            return
        target = data.draw(st.sampled_from(places))
        text = dumps_repeating(document, id(target))
        assert serde._NOT_READ is serde._quick_read(text, kind)
        with pytest.raises(InvalidData) as raised:
            from_json(text, kind)
        key = next(iter(target))
        assert [f"$: not valid JSON: the key {key!r} appears twice in one object"] == list(
            raised.value.errors
        )

    def test_colons_in_text_are_counted(self) -> None:
        """Free text with colons in it (a time, an address) is still read without the hook."""
        text = to_json(
            Provider(npi="1234567893", name="Dr. Ruiz: 9:30 to 5", caqh_id=None), indent=None
        )
        assert Provider(npi="1234567893", name="Dr. Ruiz: 9:30 to 5") == serde._quick_read(
            text, Provider
        )

    @pytest.mark.parametrize(
        "text",
        [
            '{"npi": "1234567893", "name": "Ana\\u003a Ruiz"}',
            b'{"npi": "1234567893", "name": "Ana Ruiz"}'.decode().encode("utf-16"),
        ],
        ids=["escaped colon", "UTF-16 bytes"],
    )
    def test_unproved_text_is_read_with_the_hook(self, text: str | bytes) -> None:
        """An escape that may be a colon is read through the hook; bytes are decoded as json.loads does."""
        expected = Provider(npi="1234567893", name=json.loads(text)["name"])
        assert expected == from_json(text, Provider)


def rate_tables(data: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    """Every contract's rates object in a document (objects_in leaves them out)."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "rates" and isinstance(value, dict) and value:
                found.append((f"{path}.rates", value))
            else:
                found += rate_tables(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += rate_tables(item, f"{path}[{index}]")
    return found
