"""Junk given to any public constructor, loader, method or function gets a CredkitError, never anything else.

Beyond junk, the classes of input that once slipped through: SSNs in messages
(masked by type, and in quoted bad input masked before it is cut), SSN digits in
``attrs.asdict``, Unicode folded into codes, signed money, counts too long to
print and lists nested too deep.
"""

import copy
import importlib
import inspect
import json
import pickle
import pkgutil
import types
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import credkit
from credkit import (
    EIN,
    NPI,
    SSN,
    BillingIdentity,
    Book,
    Claim,
    Contract,
    CredkitError,
    Group,
    GroupEligibility,
    InvalidData,
    InvalidIdentifier,
    InvalidPeriod,
    InvalidValue,
    LiabilityPolicy,
    Matrix,
    Milestone,
    MilestoneKind,
    Move,
    Payer,
    PayerRules,
    PayTo,
    Pending,
    Period,
    Plan,
    Practice,
    Profession,
    Reason,
    Recommendation,
    RevenueAtRisk,
    Road,
    Span,
    State,
    Step,
    StepKind,
    Timeline,
    UnknownId,
    Verdict,
    from_json,
    parse_tax_id,
    recommend_enrollment,
    structure,
    to_json,
    unstructure,
)
from credkit._convert import to_service_code
from credkit._enum import CredkitEnum
from credkit.rules.revenue import Checked
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


# --- every public method and function ---------------------------------------------

# Junk for methods: the constructors' junk, and an int too long for Python to print.
METHOD_JUNK: list[Any] = [*JUNK, 10**5000, [[[]]]]

# Dunder methods that are part of the public surface: `x in period`, `format(npi, spec)`.
PUBLIC_DUNDERS = frozenset({"__contains__", "__format__"})

# The modules whose ``__all__`` is public.
PUBLIC_MODULES = sorted(
    (
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(credkit.__path__, "credkit.")
        if not any(part.startswith("_") for part in info.name.split("."))
        # Edges that read and write files, or take frames and clusters, have junk tests of
        # their own (TestTables, the CLI's, TestFrames; the Dask tests start a cluster).
        and not info.name.startswith(
            ("credkit.cli", "credkit.tables", "credkit.frames", "credkit.dask")
        )
    ),
    key=lambda module: module.__name__,
)


def public_names() -> list[tuple[str, Any]]:
    """Every public name of credkit and of its public modules, as (qualified name, object)."""
    found: dict[str, Any] = {}
    for module in [credkit, *PUBLIC_MODULES]:
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            key = (
                f"{value.__module__}.{value.__qualname__}"
                if hasattr(value, "__qualname__")
                else f"{module.__name__}.{name}"
            )
            found.setdefault(key, value)
    return sorted(found.items())


def public_callables() -> list[tuple[str, Any, Any]]:
    """Every public function, and every public method of every public class: (name, owner, callable).

    ``owner`` is the class for a method (an instance is made to call it on) and
    ``None`` for a function. Methods are those credkit defines, not Python's own
    (``str.upper`` on a State).
    """
    found: list[tuple[str, Any, Any]] = []
    for qualified, value in public_names():
        if inspect.isfunction(value):
            found.append((qualified, None, value))
        elif isinstance(value, type):
            for klass in value.__mro__:
                if not klass.__module__.startswith("credkit"):
                    continue
                for name, member in vars(klass).items():
                    public = not name.startswith("_") or name in PUBLIC_DUNDERS
                    if public and isinstance(
                        member, types.FunctionType | classmethod | staticmethod
                    ):
                        found.append(
                            (f"{value.__module__}.{value.__qualname__}.{name}", value, name)
                        )
    return sorted(set(found), key=lambda item: item[0])


ENUMS = sorted(
    (
        value
        for _, value in public_names()
        if isinstance(value, type) and issubclass(value, CredkitEnum)
    ),
    key=lambda enum: enum.__name__,
)


def _books() -> st.SearchStrategy[Any]:
    return cs.books()


def _matrices() -> st.SearchStrategy[Any]:
    return cs.matrix_questions(cs.books()).map(lambda q: q[0].matrix(q[1], on=q[2]))


# Instances to call methods on, by class, beyond the records of tests/strategies.py.
INSTANCES: dict[type, st.SearchStrategy[Any]] = {
    **cs.STRATEGIES,
    Book: st.deferred(_books),
    Matrix: st.deferred(_matrices),
    Verdict: cs.verdicts(),
    GroupEligibility: cs.group_eligibilities(),
    Plan: cs.plans(),
    Reason: cs.reasons(),
    BillingIdentity: cs.billing_identities(),
    Step: st.builds(Step, kind=st.sampled_from(StepKind), detail=cs.texts()),
    Milestone: cs.milestones(),
    Span: cs.spans(),
    Road: cs.roads(),
    Pending: cs.pendings(),
    Timeline: cs.timelines(),
    RevenueAtRisk: cs.revenue_values(),
    CredkitError: st.just(CredkitError("a problem")),
    InvalidValue: st.just(InvalidValue("a rule", owner="Owner", attribute="field")),
    InvalidIdentifier: st.just(InvalidIdentifier("a rule")),
    InvalidPeriod: st.just(InvalidPeriod("a rule", owner="Period", attribute="end")),
    InvalidData: st.just(InvalidData(["$.x: a problem"])),
    UnknownId: st.just(UnknownId("payer", "united")),
}

# Valid values for an argument, by its annotation.
BY_TYPE: dict[Any, st.SearchStrategy[Any]] = {
    **INSTANCES,
    date: cs.dates(),
    int: st.integers(0, 60),
    bool: st.booleans(),
    Profession: st.sampled_from(Profession),
    MilestoneKind: st.sampled_from(MilestoneKind),
    # Anything with a claim's ids and service: a claim is one.
    Checked: cs.claims(),
}

# Valid values for an argument whose annotation does not say enough, by its name.
BY_NAME: dict[str, st.SearchStrategy[Any]] = {
    "payer_id": cs.payer_ids(),
    "service": cs.service_codes(),
    "owner": cs.texts(),
    "attribute": cs.texts(),
    "spec": st.sampled_from(["", ">14", "<3"]),
    "text": st.sampled_from(["pays 123-45-6789", "NPI 1234567893", ""]),
    "number": cs.npis().map(str) | cs.eins().map(str) | cs.ssns().map(SSN.formatted),
    "first_nine": cs.npis().map(lambda npi: npi.digits[:9]),
    "data": cs.json_values(),
    "obj": cs.any_value(),
    "cls": st.sampled_from(list(cs.STRATEGIES)),
    "kind": st.sampled_from(list(cs.STRATEGIES)),
    "value": cs.npis().map(str),
    "ssns": st.sampled_from(["full", "masked"]),
    "practice_name": cs.texts(),
}

# Callables whose arguments are whole columns, fed junk column by column and item by item
# in TestBatchColumns instead.
WALKED_ELSEWHERE = frozenset({"credkit.book.Book.check_columns"})


def valid_values(hint: Any, name: str) -> st.SearchStrategy[Any]:
    """Valid values for one argument, from its name or its annotation, or a failure saying which."""
    if name in BY_NAME:
        return BY_NAME[name]
    if hint in BY_TYPE:
        return BY_TYPE[hint]
    origin, args = get_origin(hint), get_args(hint)
    if origin in (types.UnionType, Union):
        known = [arg for arg in args if arg in BY_TYPE]
        if known:
            return st.one_of(*(BY_TYPE[arg] for arg in known))
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1:
            return valid_values(others[0], f"{name} (as {others[0]})")
    if origin in (Iterable, list, tuple) and args and args[0] in BY_TYPE:
        return st.lists(BY_TYPE[args[0]], max_size=3)
    raise AssertionError(f"no valid values for argument {name!r} ({hint}): add them above")


def resolve(owner: Any, member: Any) -> Any:
    """The function behind a public callable: a function, or a method looked up on its class."""
    return member if owner is None else getattr(owner, member)


def arguments_of(owner: Any, member: Any) -> list[inspect.Parameter]:
    """A public callable's parameters, without the instance a method is called on."""
    parameters = list(inspect.signature(resolve(owner, member)).parameters.values())
    if owner is not None and isinstance(inspect.getattr_static(owner, member), types.FunctionType):
        return parameters[1:]
    return parameters


CALLABLES = [item for item in public_callables() if item[0] not in WALKED_ELSEWHERE]


def call_sites() -> list[Any]:
    """One test case per argument of every public callable (and one for callables without any)."""
    cases = []
    for qualified, owner, member in CALLABLES:
        names: list[str | None] = [parameter.name for parameter in arguments_of(owner, member)]
        for name in names or [None]:
            cases.append(pytest.param(owner, member, name, id=f"{qualified}({name or ''})"))
    return cases


class TestMethods:
    """Every public method and function turns junk in any argument into a CredkitError."""

    def test_every_callable_is_found(self) -> None:
        """The walk finds the methods the issue named, so that it walks what it should."""
        names = {qualified for qualified, _, _ in CALLABLES}
        expected = {
            "credkit.periods.Period.overlaps",
            "credkit.periods.Period.covers",
            "credkit.periods.Period.__contains__",
            "credkit.practice.Practice.on_roster",
            "credkit.advice.MoveStep.applied",
            "credkit.book.Book.check",
            "credkit.payer.PayerRules.accepts",
            "credkit.serde.structure",
            "credkit.rules.billing.can_bill",
            "credkit.identifiers.npi.calc_check_digit",
            "credkit.errors.InvalidValue.located",
        }
        assert expected <= names

    @pytest.mark.parametrize(("owner", "member", "argument"), call_sites())
    # Each example tries every piece of junk, so a few examples (each a fresh set of
    # valid arguments, and a fresh value to call the method on) are enough.
    @settings(max_examples=5)
    @given(data=st.data())
    def test_junk_in_any_argument(
        self, owner: Any, member: Any, argument: str | None, data: st.DataObject
    ) -> None:
        """Valid arguments but one, which is junk: a valid answer or a CredkitError, nothing else."""
        function = resolve(owner, member)
        hints = get_type_hints(function)
        parameters = arguments_of(owner, member)
        # An argument with a default is left out half the time, so that a valid one
        # given for it (an id the book does not hold) does not stop the call early.
        valid = {
            parameter.name: data.draw(valid_values(hints.get(parameter.name), parameter.name))
            for parameter in parameters
            if parameter.name != argument
            and (parameter.default is inspect.Parameter.empty or data.draw(st.booleans()))
        }
        target = function if owner is None else getattr(data.draw(INSTANCES[owner]), member)
        for junk in METHOD_JUNK if argument is not None else [None]:
            positional, keywords = [], {}
            for parameter in parameters:
                if parameter.name != argument and parameter.name not in valid:
                    continue
                value = junk if parameter.name == argument else valid[parameter.name]
                if parameter.kind is not inspect.Parameter.POSITIONAL_ONLY:
                    keywords[parameter.name] = value
                else:
                    positional.append(value)
            try:
                result = target(*positional, **keywords)
                if isinstance(result, Iterator):
                    list(result)
            except CredkitError:
                pass


class TestMasking:
    """Bad input quoted in a message is masked first, then cut, and says so; other data is left alone."""

    # Each place that quotes bad input, as a function of the text given.
    QUOTERS: ClassVar[dict[str, Any]] = {
        "date": Period,
        "money": lambda text: LiabilityPolicy(
            carrier="C", per_claim=text, aggregate="1", effective=Period("2024-01-01")
        ),
        "rate": lambda text: structure(
            {
                "id": "c",
                "payer": "p",
                "holder": {"kind": "group", "practice": "12-3456789"},
                "status": "pending",
                "rates": {"90837": text},
            },
            Contract,
        ),
        "min_liability": lambda text: PayerRules(min_liability=[text, "1"]),
        "npi": NPI,
        "holder kind": lambda text: structure(
            {"id": "c", "payer": "p", "holder": {"kind": text}, "status": "pending"}, Contract
        ),
        "payer id": lambda text: Payer(id=text, name="P"),
        "state": State,
        "service": lambda text: Claim(
            provider="1234567893", payer="p", practice="12-3456789", on="2024-01-01", service=text
        ),
        "choice": lambda text: Recommendation(
            choice=text, reasons=[Reason(code="staying_solo", message="m")]
        ),
        "unknown key": lambda text: structure({"start": "2024-01-01", text: 1}, Period),
        "rates key": lambda text: Contract(
            id="c",
            payer="p",
            holder=Group(practice="12-3456789"),
            status="pending",
            rates={text: "1"},
        ),
        "repeated JSON key": lambda text: from_json(
            json.dumps({"start": "2024-01-01"})[:-1]
            + f", {json.dumps(text)}: 1, {json.dumps(text)}: 2}}",
            Period,
        ),
        **{f"enum {enum.__name__}": enum for enum in ENUMS},
    }

    @pytest.mark.parametrize("place", sorted(QUOTERS))
    @given(
        # The "!" makes the input bad in every place (a payer id may hold nine digits).
        prefix=st.text("abcxyz -", max_size=45).map(lambda text: "!" + text),
        ssn=cs.ssn_digits(),
        separator=st.sampled_from(["-", "", " ", "."]),
    )
    # The cut at 40 characters falls inside the number, and inside its mask's "***-**-".
    @example(prefix="!" + "x" * 29, ssn="123456789", separator="-")
    @example(prefix="!" + "x" * 34, ssn="123456789", separator="-")
    def test_an_ssn_never_shows_its_first_five(
        self, place: str, prefix: str, ssn: str, separator: str
    ) -> None:
        """Nine digits anywhere in bad input, even at the cut, never show their area and group."""
        written = separator.join([ssn[:3], ssn[3:5], ssn[5:]])
        with pytest.raises(CredkitError) as raised:
            self.QUOTERS[place](prefix + written)
        message = str(raised.value)
        assert ssn[:5] not in message.replace("-", "").replace(" ", "").replace(".", "")
        assert "nine digits, shown masked in case it is an SSN" in message

    @pytest.mark.parametrize("place", sorted(QUOTERS))
    def test_other_bad_input_is_quoted_as_given(self, place: str) -> None:
        """Bad input without nine digits is quoted as it was given, with no note."""
        with pytest.raises(CredkitError) as raised:
            self.QUOTERS[place]("W12345678Z!")
        assert "W12345678Z!" in str(raised.value)
        assert "masked" not in str(raised.value)

    def test_records_are_never_masked(self) -> None:
        """Contract ids, payer ids, NPIs and license numbers keep their digits in messages."""
        contract = Contract(
            id="cigna-100200400",
            payer="100200300",
            holder=Group(practice="12-3456789"),
            status="pending",
        )
        with pytest.raises(InvalidData) as raised:
            Book(contracts=[contract, contract])
        assert "cigna-100200400" in str(raised.value)
        assert "'100200300'" in str(raised.value)
        with pytest.raises(InvalidValue) as moved:
            Move(
                payer="aetna",
                stays=[contract],
                plan=Plan(payer="aetna", path="new_individual_contract"),
            )
        assert "'cigna-100200400'" in str(moved.value)
        assert "***" not in str(raised.value) + str(moved.value)

    def test_an_ssn_held_as_one_is_masked(self) -> None:
        """An SSN credkit holds masks itself in a message, whatever the message is."""
        with pytest.raises(InvalidData) as raised:
            Book(practices=[Practice(name="Solo", tin="536-22-8147", states=["NY"])] * 2)
        assert "***-**-8147" in str(raised.value)
        assert "53622" not in str(raised.value).replace("-", "")


def ssns_in(value: Any) -> list[SSN]:
    """Every SSN held anywhere inside a credkit value."""
    if isinstance(value, SSN):
        return [value]
    if attrs.has(type(value)):
        return [
            ssn
            for field in attrs.fields(type(value))
            for ssn in ssns_in(getattr(value, field.name))
        ]
    if isinstance(value, Mapping):
        return [ssn for pair in value.items() for item in pair for ssn in ssns_in(item)]
    if isinstance(value, tuple | list | frozenset):
        return [ssn for item in value for ssn in ssns_in(item)]
    return []


def texts_in(value: Any) -> list[str]:
    """Every string inside plain data (what attrs.asdict and astuple give)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [text for pair in value.items() for item in pair for text in texts_in(item)]
    if isinstance(value, tuple | list | frozenset | set):
        return [text for item in value for text in texts_in(item)]
    return []


class TestAsdict:
    """attrs.asdict and attrs.astuple never hand out an SSN's digits."""

    @given(
        st.sampled_from(
            [
                Practice,
                Contract,
                Claim,
                PayTo,
                Group,
                BillingIdentity,
                Verdict,
                Matrix,
                Timeline,
                Book,
            ]
        ).flatmap(lambda kind: INSTANCES[kind]),
        cs.ssns(),
    )
    def test_no_digits(self, value: Any, ssn: SSN) -> None:
        """No string in asdict or astuple holds the digits of an SSN inside the value."""
        if isinstance(value, Practice):
            value = attrs.evolve(value, tin=ssn)
        held = [*ssns_in(value), ssn]
        for plain in (attrs.asdict(value), attrs.astuple(value)):
            for text in texts_in(plain):
                assert not any(s.reveal() in text for s in held)

    def test_a_practice(self) -> None:
        """A practice paid under an SSN keeps the SSN masked in asdict, and its digits for reveal."""
        ssn = SSN("536-22-8147")
        practice = Practice(name="Solo", tin=ssn, states=["NY"])
        claim = Claim(provider="1234567893", payer="p", practice=ssn, on="2024-01-01")
        assert {"name": "Solo", "tin": ssn} == {
            key: attrs.asdict(practice)[key] for key in ("name", "tin")
        }
        assert "536228147" not in repr(attrs.asdict(claim)) + repr(attrs.astuple(claim))
        assert ("536228147", "536-22-8147") == (ssn.reveal(), unstructure(practice)["tin"])

    @given(cs.ssns(), cs.ssns())
    def test_an_ssn_is_still_a_value(self, ssn: SSN, other: SSN) -> None:
        """Out of attrs, an SSN is still frozen, hashable, ordered by its digits, and copies whole."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ssn._digits = "123456789"
        assert (ssn == other, ssn < other, ssn <= other) == (
            ssn.reveal() == other.reveal(),
            ssn.reveal() < other.reveal(),
            ssn.reveal() <= other.reveal(),
        )
        assert hash(ssn) == hash(SSN(ssn.reveal()))
        assert (ssn, ssn) == (pickle.loads(pickle.dumps(ssn)), copy.deepcopy(ssn))


# Letters that Python's upper() folds into ASCII: the long s, the dotless i, ligatures, \u00df.
FOLDING = "\u017f\u0131\ufb00\ufb01\ufb02\ufb03\u00df\u01f0\u0149"


class TestCodesAreAscii:
    """State, service and procedure codes are ASCII; nothing is folded into one."""

    @pytest.mark.parametrize("text", ["\u017fc", "\u0131a", "n\u017f", "\ufb01"])
    def test_states(self, text: str) -> None:
        """A state written with letters outside ASCII is refused, however it upper-cases."""
        for read in (
            State,
            lambda t: structure(t, State),
            lambda t: Practice(name="P", tin="12-3456789", states=[t]),
        ):
            with pytest.raises(CredkitError) as raised:
                read(text)
            assert "ASCII" in str(raised.value)

    @pytest.mark.parametrize("text", ["\ufb00123", "9083\u0131", "\u017f0031", "9083\u01f0"])
    def test_services(self, text: str) -> None:
        """A service code with letters outside ASCII is refused in a claim, a rate and a service list."""
        for read in (
            lambda t: Claim(
                provider="1234567893", payer="p", practice="12-3456789", on="2024-01-01", service=t
            ),
            lambda t: Contract(
                id="c",
                payer="p",
                holder=Group(practice="12-3456789"),
                status="pending",
                rates={t: "1"},
            ),
            lambda t: Contract(
                id="c",
                payer="p",
                holder=Group(practice="12-3456789"),
                status="pending",
                services=[t],
            ),
            lambda t: structure(
                {
                    "id": "c",
                    "payer": "p",
                    "holder": {"kind": "group", "practice": "12-3456789"},
                    "status": "pending",
                    "rates": {t: "1"},
                },
                Contract,
            ),
        ):
            with pytest.raises(CredkitError) as raised:
                read(text)
            assert "ASCII" in str(raised.value)

    @given(
        st.text(
            st.sampled_from(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + FOLDING
            ),
            min_size=2,
            max_size=5,
        )
    )
    def test_what_is_accepted_is_what_was_written(self, text: str) -> None:
        """A code accepted is the text written, upper-cased, and that text is ASCII."""
        for read in (State, to_service_code):
            try:
                code = read(text)
            except CredkitError:
                continue
            assert text.isascii()
            assert text.upper() == str(code)


class TestMoney:
    """Money has no sign, not even on zero, and is written back as it was written."""

    SIGNED: ClassVar[list[Any]] = [
        "-0",
        "-0.00",
        "-0.0",
        "+1",
        "-1",
        Decimal("-0"),
        Decimal("-0.00"),
    ]

    PLACES: ClassVar[dict[str, Any]] = {
        "rate": lambda amount: Contract(
            id="c",
            payer="p",
            holder=Group(practice="12-3456789"),
            status="pending",
            rates={"90837": amount},
        ),
        "min_liability": lambda amount: PayerRules(min_liability=[amount, "1"]),
        "liability": lambda amount: LiabilityPolicy(
            carrier="C", per_claim=amount, aggregate="1000", effective=Period("2024-01-01")
        ),
        "verdict rate": lambda amount: Verdict(
            allowed=False, reasons=[Reason(code="not_contracted", message="m")], rate=amount
        ),
    }

    @pytest.mark.parametrize("amount", SIGNED, ids=str)
    @pytest.mark.parametrize("place", sorted(PLACES))
    def test_signs_are_refused(self, place: str, amount: Any) -> None:
        """A sign is refused, on zero as on anything else."""
        with pytest.raises(CredkitError):
            self.PLACES[place](amount)

    @pytest.mark.parametrize("amount", ["-0", "-0.00", "00150.00", "0150", "00"])
    def test_data_refuses_them(self, amount: str) -> None:
        """Read from data, signed amounts and leading zeros are refused at their path."""
        with pytest.raises(InvalidData) as raised:
            structure({"min_liability": [amount, "1"]}, PayerRules)
        assert raised.value.errors[0].startswith("$.min_liability[0]: ")

    @given(st.from_regex(r"(0|[1-9][0-9]{0,14})(\.[0-9]{1,10})?", fullmatch=True))
    @example("0")
    @example("0.50")
    @example("150.00")
    def test_written_back_as_written(self, amount: str) -> None:
        """Every amount accepted is written back with the same characters."""
        contract = structure(
            {
                "id": "c",
                "payer": "p",
                "holder": {"kind": "group", "practice": "12-3456789"},
                "status": "pending",
                "rates": {"90837": amount},
            },
            Contract,
        )
        assert amount == unstructure(contract)["rates"]["90837"]

    @pytest.mark.parametrize(
        "amount",
        [Decimal("1E+999999999"), Decimal("1E+15"), Decimal("1E-11"), 10**5000],
        ids=["exponent", "sixteen-digits", "eleven-places", "huge-int"],
    )
    def test_huge_amounts_are_refused(self, amount: Any) -> None:
        """An amount with more than 15 digits before the point or 10 after it is refused."""
        with pytest.raises(CredkitError):
            self.PLACES["rate"](amount)


class TestBounds:
    """Counts too big to mean anything, and input nested too deep, are refused when given."""

    HUGE = 10**5000

    COUNTS: ClassVar[dict[str, Any]] = {
        "retro_days": lambda n: PayerRules(retro_days=n),
        "recredential_months": lambda n: PayerRules(recredential_months=n),
        "group_minimum": lambda n: PayerRules(group_minimum=n),
        "group_at": lambda n: Recommendation(
            choice="group", group_at=n, reasons=[Reason(code="group_eligible", message="m")]
        ),
        "minimum": lambda n: GroupEligibility(
            eligible=False,
            minimum=n,
            count=0,
            shortfall=n,
            reasons=[Reason(code="below_group_minimum", message="m")],
        ),
        "count": lambda n: GroupEligibility(
            eligible=False,
            minimum=None,
            count=n,
            shortfall=None,
            reasons=[Reason(code="no_group_contracts", message="m")],
        ),
        "typical_days": lambda n: PayerRules(typical_days=n, source="the payer's site"),
        "days": lambda n: Pending(record="credential", payer="p", who="Ana", days=n),
        "claims": lambda n: RevenueAtRisk(claims=n, refused=0, total="0"),
        "shortfall": lambda n: GroupEligibility(
            eligible=False,
            minimum=1,
            count=0,
            shortfall=n,
            reasons=[Reason(code="below_group_minimum", message="m")],
        ),
    }

    LIMITS: ClassVar[dict[str, int]] = {
        "retro_days": 3650,
        "recredential_months": 120,
        "group_minimum": 1_000_000,
        "group_at": 1_000_000,
        "minimum": 1_000_000,
        "count": 1_000_000,
        "shortfall": 1_000_000,
        "typical_days": 3650,
        "days": 3_652_058,
        "claims": 1_000_000_000_000,
    }

    @pytest.mark.parametrize("field", sorted(COUNTS))
    def test_too_long_to_print(self, field: str) -> None:
        """An int past Python's 4,300-digit limit is refused when given, naming the bound."""
        with pytest.raises(InvalidValue) as raised:
            self.COUNTS[field](self.HUGE)
        assert f"{self.LIMITS[field]:,}" in str(raised.value)

    @pytest.mark.parametrize(
        "field", ["retro_days", "recredential_months", "group_minimum", "group_at"]
    )
    def test_the_bound_itself_is_shown(self, field: str) -> None:
        """The largest count allowed is accepted, and prints and round-trips; one more is refused."""
        value = self.COUNTS[field](self.LIMITS[field])
        assert value == structure(unstructure(value), type(value))
        assert str(self.LIMITS[field]) in repr(value) + to_json(value)
        with pytest.raises(InvalidValue):
            self.COUNTS[field](self.LIMITS[field] + 1)

    def test_data_gets_invalid_data(self) -> None:
        """From data, a huge count is InvalidData at its path, not a bare ValueError."""
        with pytest.raises(InvalidData) as raised:
            structure(
                {
                    "eligible": False,
                    "minimum": None,
                    "count": self.HUGE,
                    "shortfall": None,
                    "counted": [],
                    "reasons": [{"code": "no_group_contracts", "message": "m"}],
                },
                GroupEligibility,
            )
        assert raised.value.errors[0].startswith("$.count: ")
        assert "ValueError" not in str(raised.value)

    def test_planned_providers(self) -> None:
        """A huge number of planned hires is refused by the question."""
        payer = Payer(id="p", name="P")
        practice = Practice(name="P", tin="12-3456789", states=["NY"])
        with pytest.raises(InvalidValue):
            recommend_enrollment(
                practice, payer, on="2024-01-01", providers=[], planned_providers=self.HUGE
            )

    @pytest.mark.parametrize("enum", ENUMS, ids=lambda enum: enum.__name__)
    @pytest.mark.parametrize("value", [10**5000, [], {}, object(), None, 1.5], ids=type)
    def test_enums(self, enum: type, value: Any) -> None:
        """Every enum constructor refuses what is not text with a CredkitError."""
        with pytest.raises(CredkitError):
            enum(value)

    @staticmethod
    def nested(depth: int) -> list[Any]:
        deep: list[Any] = []
        for _ in range(depth):
            deep = [deep]
        return deep

    @pytest.mark.parametrize("write", [unstructure, to_json])
    def test_deep_lists_are_refused(self, write: Any) -> None:
        """A list nested 3,000 deep is InvalidData to unstructure and to_json, not a RecursionError."""
        with pytest.raises(InvalidData):
            write(self.nested(3000))

    @pytest.mark.parametrize("kind", [Period, tuple[Period, ...], Book])
    def test_deep_data_is_refused(self, kind: Any) -> None:
        """Data nested 3,000 deep is InvalidData to structure and from_json."""
        with pytest.raises(InvalidData):
            structure(self.nested(3000), kind)
        with pytest.raises(InvalidData):
            from_json("[" * 3000 + "]" * 3000, kind)
        with pytest.raises(InvalidData):
            structure({"start": "2024-01-01", "end": self.nested(3000)}, Period)


class TestMedicareMethods:
    """Junk given to the opt-out, payer-rule and Medicare methods is a CredkitError naming it."""

    @given(cs.opt_outs(), junk)
    def test_opt_out_dates(self, record: Any, value: Any) -> None:
        """in_effect and period_containing take a date, or refuse with a CredkitError."""
        for method in (record.in_effect, record.period_containing):
            if isinstance(value, date) and not isinstance(value, datetime):
                method(value)
                continue
            with pytest.raises(CredkitError):
                method(value)

    @given(cs.opt_outs(), junk)
    def test_opt_out_period_start(self, record: Any, value: Any) -> None:
        """period_start takes a whole number of periods, 0 or more."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            assert record.period_start(value) >= record.start
            return
        with pytest.raises(CredkitError, match=r"^argument\.index: "):
            record.period_start(value)

    @given(cs.payer_rules(), junk)
    def test_rules_accepts(self, rules: Any, value: Any) -> None:
        """accepts and accepted_in name their argument when given junk."""
        with pytest.raises(CredkitError, match=r"^argument\.profession: "):
            rules.accepts(value)
        with pytest.raises(CredkitError, match=r"^argument\.profession: "):
            rules.accepted_in(value)
        if isinstance(value, date) and not isinstance(value, datetime):
            return
        if value is None:
            assert rules.accepts("psychologist", value) in (True, False)
            return
        with pytest.raises(CredkitError, match=r"^argument\.on: "):
            rules.accepts("psychologist", value)

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    @pytest.mark.parametrize("name", ["provider", "on", "payer", "credentials", "opt_outs"])
    def test_medicare_options(self, name: str, value: Any) -> None:
        """medicare_options refuses junk in any argument, naming it."""
        from credkit import License, Provider, medicare_options

        lee = Provider(
            npi="1234567893",
            name="Lee",
            licenses=[
                License(
                    state="NY",
                    profession="psychologist",
                    number="1",
                    effective=Period("2020-01-01"),
                )
            ],
        )
        arguments: dict[str, Any] = {"provider": lee, "on": "2025-01-06", name: value}
        if name == "on" and isinstance(value, date) and not isinstance(value, datetime):
            assert medicare_options(**arguments)
            return
        if (
            name in ("credentials", "opt_outs")
            and isinstance(value, list | tuple | dict)
            and not value
        ):
            assert medicare_options(**arguments)
            return
        provider = arguments.pop("provider")
        with pytest.raises(CredkitError, match=rf"^argument\.{name}: "):
            medicare_options(provider, **arguments)

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_book_medicare_options(self, value: Any) -> None:
        """Book.medicare_options refuses a junk NPI, date or payer id with a CredkitError."""
        from credkit import Book, Provider
        from credkit.catalog import MEDICARE

        book = Book(providers=[Provider(npi="1234567893", name="Lee")], payers=[MEDICARE])
        with pytest.raises(CredkitError):
            book.medicare_options(value, on="2025-01-06")
        with pytest.raises(CredkitError):
            book.medicare_options("1234567893", on="2025-01-06", payer_id=value)
        if isinstance(value, date) and not isinstance(value, datetime):
            return
        with pytest.raises(CredkitError):
            book.medicare_options("1234567893", on=value)

    @pytest.mark.parametrize("value", JUNK, ids=junk_id)
    def test_deadlines_opt_outs(self, value: Any) -> None:
        """deadlines refuses opt_outs that are not a list of OptOut."""
        from credkit import deadlines

        if isinstance(value, list | tuple | set | dict) and not value:
            return
        with pytest.raises(CredkitError, match=r"^argument\.opt_outs: "):
            deadlines(
                on="2025-01-06",
                within_days=30,
                providers=[],
                credentials=[],
                contracts=[],
                payers=[],
                opt_outs=value,
            )
