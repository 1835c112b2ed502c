"""The data edge: every public type to and from JSON-compatible data, and JSON text.

One private, strictly configured ``cattrs`` converter does the work:

* objects are JSON objects keyed by field name, and unknown keys are refused;
* dates are ISO ``YYYY-MM-DD`` strings only; money is a string such as ``"150.00"``;
* identifiers are strings (tax ids hyphenated: an EIN ``NN-NNNNNNN``, an SSN
  ``NNN-NN-NNNN``), enums their values, sets sorted lists;
* a contract's holder is an object tagged ``"kind": "individual"`` or ``"group"``;
* nothing is coerced: ``123`` is not the string ``"123"``, ``1`` is not ``true``.

Any input at all either becomes a valid object or raises :class:`InvalidData`,
whose ``errors`` list every problem as ``"$.path: message"``. Good data is read
first by plain readers that hold it to the same rules, faster (see "the fast
reading" below); any problem sends it through the converter, which reports them.

>>> from credkit import Period
>>> unstructure(Period("2024-01-01"))
{'start': '2024-01-01', 'end': None}
>>> structure({"start": "2024-01-01", "end": None}, Period)
Period(start=datetime.date(2024, 1, 1), end=None)
"""

import collections
import contextvars
import functools
import json
import re
import types
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args, get_origin

import attrs

from credkit._collector import collector_paused
from credkit._convert import (
    describe,
    quote_masked,
    rates,
    shown,
    to_date,
    to_enum,
    to_money,
    to_service_code,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_tax_id
from credkit.advice import (
    Choice,
    Deadline,
    MedicareOption,
    MedicareOptions,
    Move,
    MoveStep,
    Readiness,
    Recommendation,
)
from credkit.answers import (
    BillingIdentity,
    GroupEligibility,
    Matrix,
    Plan,
    Reason,
    Step,
    Verdict,
)
from credkit.book import Book
from credkit.claim import Claim
from credkit.contract import Contract, Group, Holder, Individual, PayTo
from credkit.credential import Credential
from credkit.errors import MASKED_NOTE, CredkitError, InvalidData, InvalidValue
from credkit.identifiers import EIN, NPI, SSN
from credkit.opt_out import OptOut
from credkit.payer import Payer, PayerRules
from credkit.periods import Period
from credkit.practice import Affiliation, Practice
from credkit.progress import Milestone, Pending, RevenueAtRisk, Road, Span, Timeline
from credkit.provider import (
    BackgroundCheck,
    Certification,
    Education,
    Employment,
    LiabilityPolicy,
    License,
    Profession,
    Provider,
)
from credkit.service_line import ServiceLine

if TYPE_CHECKING:
    import cattrs

__all__ = ["from_json", "structure", "to_json", "unstructure"]

T = TypeVar("T")

_RECORDS: list[type] = [
    Period,
    License,
    Education,
    Certification,
    Employment,
    LiabilityPolicy,
    BackgroundCheck,
    Provider,
    Affiliation,
    Practice,
    PayerRules,
    Payer,
    Credential,
    Individual,
    Group,
    PayTo,
    Contract,
    OptOut,
    Claim,
    ServiceLine,
    Reason,
    BillingIdentity,
    Verdict,
    GroupEligibility,
    Step,
    Plan,
    Matrix,
    Milestone,
    Span,
    Road,
    Pending,
    Timeline,
    RevenueAtRisk,
    Book,
]
_IDENTIFIERS: tuple[type, ...] = (NPI, EIN, SSN)
_HOLDER_KINDS: frozenset[str] = frozenset({"individual", "group"})


class _Nested(Exception):
    """Problems found inside a collection, each at its own path suffix: ``_Nested(problems)``."""

    @property
    def problems(self) -> list[tuple[str, BaseException]]:
        """Each problem as (path suffix, error)."""
        return self.args[0]  # type: ignore[no-any-return]


# --- strict primitives -------------------------------------------------------------


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"expected a string, got {describe(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"expected a whole number, got {describe(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(f"expected true or false, got {describe(value)}")
    return value


def _structure_date(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise InvalidValue(f"expected a date written YYYY-MM-DD, got {describe(value)}")
    return to_date(value)


def _structure_money(value: object, _: type) -> Decimal:
    if not isinstance(value, str):
        raise InvalidValue(
            f"expected an amount written as a string like '150.00', got {describe(value)}"
        )
    return to_money(value)


def _unstructure_money(value: Decimal) -> str:
    return format(value, "f")


def _structure_identifier(value: object, kind: Callable[[str], T]) -> T:
    if not isinstance(value, str):
        raise InvalidValue(f"expected {_name(kind)} as a string, got {describe(value)}")
    return kind(value)


def _structure_tax_id(value: object, _: type) -> EIN | SSN:
    return to_tax_id(value)


# Set for the length of one unstructure(..., ssns="masked") call; read by the SSN hooks,
# so that every path to an SSN (nested records, a book, a matrix) masks it by its type.
_MASKING: contextvars.ContextVar[bool] = contextvars.ContextVar("credkit_masking", default=False)


def _unstructure_ssn(value: SSN) -> str:
    return str(value) if _MASKING.get() else value.formatted()


def _unstructure_tax_id(value: EIN | SSN) -> str:
    return _unstructure_ssn(value) if isinstance(value, SSN) else str(value)


def _structure_enum(value: object, kind: type[CredkitEnum]) -> CredkitEnum:
    return to_enum(kind, value)


# --- collections -------------------------------------------------------------------


def _items(value: object, what: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise InvalidValue(f"expected a list of {what}, got {describe(value)}")
    return list(value)


def _element_type(kind: Any) -> Any:
    return get_args(kind)[0]


def _structure_each(items: list[Any], element: Any) -> list[Any]:
    hook = _converter.get_structure_hook(element)
    structured: list[Any] = []
    problems: list[tuple[str, BaseException]] = []
    for index, item in enumerate(items):
        try:
            structured.append(hook(item, element))
        except Exception as error:
            problems.append((f"[{index}]", error))
    if problems:
        raise _Nested(problems)
    return structured


def _tuple_hook(kind: Any) -> Callable[[object, Any], tuple[Any, ...]]:
    element = _element_type(kind)

    def structure_tuple(value: object, _: Any) -> tuple[Any, ...]:
        return tuple(_structure_each(_items(value, _name(element)), element))

    return structure_tuple


def _frozenset_hook(kind: Any) -> Callable[[object, Any], frozenset[Any]]:
    element = _element_type(kind)

    def structure_frozenset(value: object, _: Any) -> frozenset[Any]:
        items = _structure_each(_items(value, _name(element)), element)
        result = frozenset(items)
        if len(result) != len(items):
            repeated = sorted({str(item) for item in items if items.count(item) > 1})
            raise InvalidValue(f"lists the same value twice: {', '.join(repeated)}")
        return result

    return structure_frozenset


def _structure_rates(value: object, _: Any) -> Mapping[str, Decimal]:
    if not isinstance(value, dict):
        raise InvalidValue(
            f"expected an object mapping service codes to rates, got {describe(value)}"
        )
    problems: list[tuple[str, BaseException]] = []
    for key, amount in value.items():
        try:
            to_service_code(key)
        except InvalidValue as error:
            problems.append((_key_step(key), error))
        try:
            _structure_money(amount, Decimal)
        except InvalidValue as error:
            problems.append((_key_step(key), error))
    if problems:
        raise _Nested(problems)
    return rates(value)


def _unstructure_rates(value: Mapping[str, Decimal]) -> dict[str, str]:
    return {code: _unstructure_money(value[code]) for code in sorted(value)}


_PROFESSION_PERIODS: Any = Mapping[Profession, Period]


def _structure_profession_periods(value: object, _: Any) -> Mapping[Profession, Period]:
    """``{"professional_counselor": {"start": "2024-01-01", "end": null}}``."""
    if not isinstance(value, dict):
        raise InvalidValue(
            f"expected an object mapping professions to periods, got {describe(value)}"
        )
    found: dict[Profession, Period] = {}
    problems: list[tuple[str, BaseException]] = []
    period_hook = _converter.get_structure_hook(Period)
    for key, period in value.items():
        try:
            profession = _structure_enum(key, Profession)
        except InvalidValue as error:
            problems.append((_step(key), error))
            continue
        try:
            found[Profession(profession)] = period_hook(period, Period)
        except Exception as error:  # every problem is reported, by path
            problems.append((_step(key), error))
    if problems:
        raise _Nested(problems)
    return found


def _unstructure_profession_periods(value: Mapping[Profession, Period]) -> dict[str, Any]:
    return {
        profession.value: _converter.unstructure(value[profession], Period)
        for profession in sorted(value, key=lambda profession: profession.value)
    }


def _is_profession_periods(kind: Any) -> bool:
    return bool(kind == _PROFESSION_PERIODS)


_MONEY_PAIR: Any = tuple[Decimal, Decimal]
_PAIR_LABELS = ("per claim", "aggregate")


def _structure_money_pair(value: object, _: Any) -> tuple[Decimal, Decimal]:
    """Two amounts, as a list of two strings: ``["1000000", "3000000"]``."""
    if not isinstance(value, list):
        raise InvalidValue(
            f"expected a list of two amounts [per claim, aggregate], got {describe(value)}"
        )
    if len(value) != 2:
        count = len(value)
        raise InvalidValue(
            "expected a list of two amounts [per claim, aggregate], got "
            f"{count} item{'' if count == 1 else 's'}"
        )
    amounts: list[Decimal] = []
    problems: list[tuple[str, BaseException]] = []
    for index, amount in enumerate(value):
        try:
            amounts.append(_structure_money(amount, Decimal))
        except InvalidValue as error:
            problems.append((f"[{index}]", InvalidValue(f"{_PAIR_LABELS[index]}: {error.rule}")))
    if problems:
        raise _Nested(problems)
    return amounts[0], amounts[1]


def _unstructure_money_pair(value: tuple[Decimal, Decimal]) -> list[str]:
    return [_unstructure_money(amount) for amount in value]


def _is_money_pair(kind: Any) -> bool:
    return bool(kind == _MONEY_PAIR)


def _unstructure_tuple(value: tuple[Any, ...]) -> list[Any]:
    return [_converter.unstructure(item) for item in value]


def _unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
    return sorted((_converter.unstructure(item) for item in value), key=str)


def _name(kind: Any) -> str:
    """A type's name for a message: ``Claim``; ``EIN or SSN`` for a union."""
    if isinstance(kind, types.UnionType):
        return " or ".join(_name(member) for member in get_args(kind))
    return getattr(kind, "__name__", str(kind))


def _is_tuple(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_frozenset(kind: Any) -> bool:
    return get_origin(kind) is frozenset


def _is_rates(kind: Any) -> bool:
    return get_origin(kind) is Mapping and get_args(kind) == (str, Decimal)


# --- records -----------------------------------------------------------------------


def _record_hook(kind: type[T]) -> Callable[[object, Any], T]:
    """Structure an attrs class field by field, so that every problem is reported.

    Each field is read with its type's hook, then given the field's own converter and
    validator, so that a blank name and a bad NPI in one object are both reported;
    the rules between fields run when the object is built.
    """
    fields = [field for field in attrs.fields(kind) if field.init]  # type: ignore[arg-type]
    known = {field.alias for field in fields}
    # Validators name the class in their messages; they only read type(instance).
    probe = type(kind.__name__, (), {"__slots__": ()})()

    def structure_record(value: object, _: Any) -> T:
        if not isinstance(value, dict):
            raise InvalidValue(f"expected an object ({kind.__name__}), got {describe(value)}")
        arguments: dict[str, Any] = {}
        problems: list[tuple[str, BaseException]] = []
        for field in fields:
            if field.alias not in value:
                if field.default is attrs.NOTHING:
                    problems.append((_step(field.alias), InvalidValue("missing required field")))
                continue
            try:
                item = _converter.get_structure_hook(field.type)(value[field.alias], field.type)
                if field.converter is not None:
                    item = field.converter(item)
                if field.validator is not None:
                    field.validator(probe, field, item)
            except InvalidValue as error:
                # Placed by the path, not by the field name the error carries.
                problems.append((_step(field.alias), type(error)(error.rule)))
            except Exception as error:  # every problem is reported, by path
                problems.append((_step(field.alias), error))
            else:
                arguments[field.alias] = item
        problems += [
            (_step(key), InvalidValue("unknown field")) for key in value if key not in known
        ]
        if problems:
            raise _Nested(problems)
        return kind(**arguments)

    return structure_record


def _structure_holder(tagged: Callable[[object, Any], Holder], value: object, _: Any) -> Holder:
    """Check a holder's "kind" tag, then structure it with the tagged union's hook."""
    if not isinstance(value, dict):
        raise InvalidValue(f"expected an object with a 'kind', got {describe(value)}")
    if "kind" not in value:
        raise _Nested([(".kind", InvalidValue("missing required field"))])
    kind = value["kind"]
    if not isinstance(kind, str) or kind not in _HOLDER_KINDS:
        got = shown(kind) if isinstance(kind, str) else describe(kind)
        raise _Nested([(".kind", InvalidValue(f"expected 'individual' or 'group', got {got}"))])
    return tagged(value, Holder)


def _unstructure_book(book: Book) -> dict[str, Any]:
    return {
        name: _unstructure_tuple(getattr(book, name))
        for name in ("providers", "practices", "payers", "credentials", "contracts", "opt_outs")
    }


# --- the matrix: read through a plain record of its JSON shape ---------------------


class _Wire:
    """A matrix's JSON shape as plain records, named as its messages name them.

    Providers are objects with an NPI and a name; verdicts an object of objects,
    ``{"<NPI>": {"<payer id>": verdict}}``.
    """

    @attrs.frozen(kw_only=True)
    class MatrixProvider:
        npi: NPI
        name: str

    @attrs.frozen(kw_only=True)
    class Matrix:
        practice: EIN | SSN
        on: date
        providers: "tuple[_Wire.MatrixProvider, ...]" = ()
        payers: tuple[str, ...] = ()
        verdicts: dict[str, dict[str, Verdict]] = attrs.field(factory=dict)
        reasons: tuple[Reason, ...] = ()


def _structure_verdict_grid(value: object, _: Any) -> dict[str, dict[str, Verdict]]:
    if not isinstance(value, dict):
        raise InvalidValue(
            f"expected an object mapping NPIs to objects of verdicts by payer id, got {describe(value)}"
        )
    hook = _converter.get_structure_hook(Verdict)
    grid: dict[str, dict[str, Verdict]] = {}
    problems: list[tuple[str, BaseException]] = []
    for npi, by_payer in value.items():
        if not isinstance(by_payer, dict):
            problems.append(
                (
                    _step(npi),
                    InvalidValue(
                        f"expected an object of verdicts by payer id, got {describe(by_payer)}"
                    ),
                )
            )
            continue
        row = grid[npi] = {}
        for payer_id, verdict in by_payer.items():
            try:
                row[payer_id] = hook(verdict, Verdict)
            except Exception as error:  # every problem is reported, by path
                problems.append((_step(npi) + _step(payer_id), error))
    if problems:
        raise _Nested(problems)
    return grid


def _structure_matrix(value: object, _: Any) -> Matrix:
    data = _converter.get_structure_hook(_Wire.Matrix)(value, _Wire.Matrix)
    npis = {str(provider.npi) for provider in data.providers}
    strays: list[tuple[str, BaseException]] = [
        (f".verdicts{_step(npi)}", InvalidValue("is not the NPI of one of the matrix's providers"))
        for npi in data.verdicts
        if npi not in npis
    ]
    if strays:
        raise _Nested(strays)
    return Matrix(
        practice=data.practice,
        on=data.on,
        providers=[(provider.npi, provider.name) for provider in data.providers],
        payers=data.payers,
        verdicts={
            (npi, payer_id): verdict
            for npi, by_payer in data.verdicts.items()
            for payer_id, verdict in by_payer.items()
        },
        reasons=data.reasons,
    )


def _unstructure_matrix(matrix: Matrix) -> dict[str, Any]:
    return {
        "practice": _unstructure_tax_id(matrix.practice),
        "on": matrix.on.isoformat(),
        "providers": [{"npi": str(npi), "name": name} for npi, name in matrix.providers],
        "payers": list(matrix.payers),
        "verdicts": {
            str(npi): {
                payer_id: _converter.unstructure(matrix.verdicts[npi, payer_id], Verdict)
                for payer_id in matrix.payers
            }
            for npi, _ in matrix.providers
        },
        "reasons": _unstructure_tuple(matrix.reasons),
    }


attrs.resolve_types(_Wire.Matrix, globals(), {"_Wire": _Wire})


# --- revenue at risk: amounts keyed by reason code, NPI and payer id ----------------

_AMOUNTS = ("by_reason", "by_provider", "by_payer")
_COUNTS = ("claims", "refused", "unpriced")


def _structure_amounts(value: object) -> dict[str, Decimal]:
    if not isinstance(value, dict):
        raise InvalidValue(f"expected an object of amounts by key, got {describe(value)}")
    amounts: dict[str, Decimal] = {}
    problems: list[tuple[str, BaseException]] = []
    for key, amount in value.items():
        try:
            amounts[key] = _structure_money(amount, Decimal)
        except InvalidValue as error:
            problems.append((_step(key), error))
    if problems:
        raise _Nested(problems)
    return amounts


def _structure_revenue(value: object, _: Any) -> RevenueAtRisk:
    if not isinstance(value, dict):
        raise InvalidValue(f"expected an object, got {describe(value)}")
    problems: list[tuple[str, BaseException]] = [
        (_step(key), InvalidValue("unknown field"))
        for key in value
        if key not in (*_COUNTS, "total", *_AMOUNTS)
    ]
    given: dict[str, Any] = {}
    readers: list[tuple[str, Callable[[object], Any]]] = [
        *((name, lambda item: _structure_int(item, int)) for name in _COUNTS),
        ("total", lambda item: _structure_money(item, Decimal)),
        *((name, _structure_amounts) for name in _AMOUNTS),
    ]
    for name, read in readers:
        if name not in value:
            if name in ("claims", "refused"):
                problems.append((f".{name}", InvalidValue("required field missing")))
            continue
        try:
            given[name] = read(value[name])
        except Exception as error:  # every problem is reported, by path
            problems.append((f".{name}", error))
    if problems:
        raise _Nested(problems)
    return RevenueAtRisk(**given)


def _unstructure_revenue(risk: RevenueAtRisk) -> dict[str, Any]:
    return {
        "claims": risk.claims,
        "refused": risk.refused,
        "unpriced": risk.unpriced,
        "total": _unstructure_money(risk.total),
        "by_reason": {code.value: _unstructure_money(v) for code, v in risk.by_reason.items()},
        "by_provider": {str(npi): _unstructure_money(v) for npi, v in risk.by_provider.items()},
        "by_payer": {payer: _unstructure_money(v) for payer, v in risk.by_payer.items()},
    }


def _structure_holder_as(kind: type[Individual] | type[Group]) -> Callable[[object, Any], Holder]:
    """Structure one kind of holder directly; its "kind" tag may be given, and must match."""
    tag = kind.__name__.lower()

    def structure_one(value: object, _: Any) -> Holder:
        if isinstance(value, dict) and value.get("kind", tag) != tag:
            got = value["kind"]
            shown_kind = shown(got) if isinstance(got, str) else describe(got)
            raise _Nested([(".kind", InvalidValue(f"expected {tag!r} here, got {shown_kind}"))])
        if isinstance(value, dict) and "kind" not in value:
            value = {"kind": tag, **value}
        return _converter.get_structure_hook(Holder)(value, Holder)  # type: ignore[no-any-return]

    return structure_one


def _make_converter() -> "cattrs.Converter":
    """The one converter credkit reads and writes with, configured from scratch.

    Every hook is registered here, so that a converter built again behaves the same.
    """
    # Imported here, when the converter is first needed: cattrs is a good part of the
    # time ``import credkit`` would take, and a good document is read without it.
    import cattrs  # noqa: PLC0415
    from cattrs.strategies import configure_tagged_union  # noqa: PLC0415

    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(Decimal, _structure_money)
    converter.register_unstructure_hook(Decimal, _unstructure_money)
    for identifier in _IDENTIFIERS:
        converter.register_structure_hook(identifier, _structure_identifier)
    converter.register_unstructure_hook(NPI, str)
    converter.register_unstructure_hook(EIN, str)
    converter.register_unstructure_hook(SSN, _unstructure_ssn)
    converter.register_structure_hook(EIN | SSN, _structure_tax_id)
    converter.register_unstructure_hook(EIN | SSN, _unstructure_tax_id)
    # By class, not by predicate: the enums are also ``str`` and must not get str's hooks.
    converter.register_structure_hook(CredkitEnum, _structure_enum)
    converter.register_unstructure_hook(CredkitEnum, lambda member: member.value)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
    converter.register_unstructure_hook_func(_is_tuple, _unstructure_tuple)
    converter.register_structure_hook_factory(_is_frozenset, _frozenset_hook)
    converter.register_unstructure_hook_func(_is_frozenset, _unstructure_frozenset)
    converter.register_structure_hook_func(_is_money_pair, _structure_money_pair)
    converter.register_unstructure_hook_func(_is_money_pair, _unstructure_money_pair)
    converter.register_structure_hook_func(_is_rates, _structure_rates)
    converter.register_structure_hook_func(_is_profession_periods, _structure_profession_periods)
    converter.register_unstructure_hook_func(
        _is_profession_periods, _unstructure_profession_periods
    )
    converter.register_unstructure_hook_func(_is_rates, _unstructure_rates)
    converter.register_structure_hook_factory(attrs.has, _record_hook)
    converter.register_unstructure_hook(Book, _unstructure_book)
    converter.register_structure_hook_func(
        lambda kind: kind == dict[str, dict[str, Verdict]], _structure_verdict_grid
    )
    converter.register_structure_hook(Matrix, _structure_matrix)
    converter.register_unstructure_hook(Matrix, _unstructure_matrix)
    converter.register_structure_hook(RevenueAtRisk, _structure_revenue)
    converter.register_unstructure_hook(RevenueAtRisk, _unstructure_revenue)
    configure_tagged_union(
        Holder, converter, tag_generator=lambda kind: kind.__name__.lower(), tag_name="kind"
    )
    converter.register_structure_hook(
        Holder, functools.partial(_structure_holder, converter.get_structure_hook(Holder))
    )
    converter.register_structure_hook(Individual, _structure_holder_as(Individual))
    converter.register_structure_hook(Group, _structure_holder_as(Group))
    # The tag first, so that a reader sees what kind of holder it is before its fields.
    converter.register_unstructure_hook(
        Holder, lambda holder: {"kind": holder.kind, **converter.unstructure(holder, type(holder))}
    )
    # A recommendation's choice is a string, checked by the field's own converter.
    converter.register_structure_hook_func(lambda kind: kind == Choice, _structure_str)
    return converter


class _Deferred:
    """Stands for the converter until it is first used; then builds it, and steps aside.

    The module's ``_converter`` is this until then, and the converter itself after.
    """

    def __init__(self) -> None:
        self.built: cattrs.Converter | None = None

    def __getattr__(self, name: str) -> Any:
        global _converter  # noqa: PLW0603 - replaced once, by the converter it stands for
        if self.built is None:
            self.built = _make_converter()
        if _converter is self:  # type: ignore[comparison-overlap]
            _converter = self.built  # type: ignore[unreachable]
        return getattr(self.built, name)


_converter: "cattrs.Converter" = _Deferred()  # type: ignore[assignment]

_PUBLIC: set[Any] = {
    *_RECORDS,
    *_IDENTIFIERS,
    EIN | SSN,
    Holder,
    # The planning answers (credkit.advice): records like the others.
    Readiness,
    Deadline,
    MoveStep,
    Move,
    Recommendation,
    MedicareOption,
    MedicareOptions,
}


# --- error messages ----------------------------------------------------------------


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _step(key: object) -> str:
    """The path step to an object's key: ``.name``, or ``['odd key']`` when it needs quoting."""
    if isinstance(key, str) and _NAME.fullmatch(key):
        return f".{key}"
    return _key_step(key)


def _key_step(key: object) -> str:
    """The path step ``['key']``: the key quoted as bad input is (nine digits masked, cut).

    A key that is not text (a Python mapping may have any) is named by its kind,
    since its ``repr`` may be huge, deep, or fail.
    """
    if isinstance(key, str):
        # The note that digits were masked goes at the end of the line (see _problems),
        # so that the path keeps its documented form.
        return f"[{quote_masked(key)[0]}]"
    if key is None or isinstance(key, bool) or (isinstance(key, int) and abs(key) < 10**9):
        return f"[{key!r}]"
    return f"[{describe(key)}]"


def _problems(error: BaseException, path: str) -> list[str]:
    """Flatten a structuring error into ``"$.path: message"`` lines, every problem kept."""
    if isinstance(error, _Nested):
        return [
            line for suffix, inner in error.problems for line in _problems(inner, path + suffix)
        ]
    if isinstance(error, InvalidValue):
        where = f"{path}.{error.attribute}" if error.attribute else path
        # A key in the path that had digits masked says so once, at the end of the line.
        note = f" ({MASKED_NOTE})" if "***-**-" in path and MASKED_NOTE not in error.rule else ""
        return [f"{where}: {error.rule}{note}"]
    if isinstance(error, InvalidData):
        # A whole document refused by its own checks (a Book's): its paths start at "$".
        return [path + line[1:] for line in error.errors]
    if isinstance(error, CredkitError):  # pragma: no cover - every hook raises InvalidValue
        return [f"{path}: {error}"]
    # A guard, so that nothing but InvalidData ever leaves structure().
    return [f"{path}: invalid value ({type(error).__name__})"]  # pragma: no cover


# --- the public functions ----------------------------------------------------------


def _is_public(kind: Any) -> bool:
    try:
        return kind in _PUBLIC
    except TypeError:  # unhashable, so not a type
        return False


def _check_kind(kind: Any, action: str) -> None:
    if _is_public(kind) or (isinstance(kind, type) and issubclass(kind, CredkitEnum)):
        return
    if _is_tuple(kind) and _is_public(_element_type(kind)):
        return
    try:
        name = _name(kind)
    except Exception:  # an int too long to write out, or a str() that fails
        name = describe(kind)
    if len(name) > 60:
        name = describe(kind)
    raise InvalidValue(f"{action}: {name} is not a credkit type")


# --- the fast reading ----------------------------------------------------------------
#
# Reading field by field, as the hooks above do, is what lets every problem be reported
# with its path; but it runs each field's converter and validator twice (once to report,
# once when the object is built) and looks up a hook for every value. Good data is read
# first by the plain readers below instead: each checks a value's JSON kind as strictly
# as its hook above, then builds the objects through their own constructors, whose
# converters and validators are the rules. Values that recur (dates, amounts, NPIs, tax
# ids, periods, rate tables) are read once per document and shared, which is sound
# because they are immutable. At the first thing a plain reader does not take, or any
# error at all, the reading starts over on the detailed path, which reports every
# problem. So the plain readers only ever decide how fast, never what is accepted.


class _Refused(Exception):
    """A plain reader met a value it does not take; the detailed path reports it."""


class _Memo(collections.defaultdict[Any, dict[Any, Any]]):
    """What one document's reading has already read: by kind, each JSON value's object.

    It also counts, for :func:`from_json`, the keys of the objects read and the colons
    in the free text read (see _quick_read): each object and string once, where it is.
    """

    def __init__(self) -> None:
        super().__init__(dict)
        self.keys_read = 0
        self.colons_read = 0


_Reader = Callable[[Any, _Memo], Any]
_READERS: dict[Any, _Reader] = {}


def _reader(kind: Any) -> _Reader:
    """The plain reader for ``kind``, made the first time it is asked for."""
    found = _READERS.get(kind)
    if found is None:
        found = _READERS[kind] = _make_reader(kind)
    return found


def _by_text(kind: Any, read: Callable[[str], Any], *, optional: bool = False) -> _Reader:
    """A reader of a value written as a string (or null, if ``optional``), each string read once."""

    def read_text(value: Any, memo: _Memo) -> Any:
        if type(value) is not str:
            if value is None and optional:
                return None
            raise _Refused
        seen = memo[kind]
        found = seen.get(value)
        if found is None:
            found = seen[value] = read(value)
        return found

    return read_text


def _read_str(value: Any, memo: _Memo) -> str:
    if type(value) is not str:
        raise _Refused
    memo.colons_read += value.count(":")
    return value


def _exactly(expected: type) -> _Reader:
    def read_exactly(value: Any, _: _Memo) -> Any:
        if type(value) is not expected:
            raise _Refused
        return value

    return read_exactly


def _read_enum(kind: type[CredkitEnum]) -> _Reader:
    members = {member.value: member for member in kind}

    def read_enum(value: Any, _: _Memo) -> Any:
        if type(value) is not str:
            raise _Refused
        found = members.get(value)
        return found if found is not None else to_enum(kind, value)

    return read_enum


def _read_optional(inner: _Reader) -> _Reader:
    def read_optional(value: Any, memo: _Memo) -> Any:
        return None if value is None else inner(value, memo)

    return read_optional


def _read_tuple(inner: _Reader) -> _Reader:
    def read_tuple(value: Any, memo: _Memo) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Refused
        return tuple([inner(item, memo) for item in value])

    return read_tuple


def _read_frozenset(inner: _Reader) -> _Reader:
    def read_frozenset(value: Any, memo: _Memo) -> frozenset[Any]:
        if type(value) is not list:
            raise _Refused
        result = frozenset([inner(item, memo) for item in value])
        if len(result) != len(value):
            raise _Refused  # a value listed twice
        return result

    return read_frozenset


def _read_rates(value: Any, memo: _Memo) -> Mapping[str, Decimal]:
    """A rate table; contracts with one payer's fee schedule share one table."""
    if type(value) is not dict:
        raise _Refused
    key = tuple(value.items())
    for code, amount in key:
        # Exactly strings, as the detailed hook requires, and so only equal to strings.
        if type(code) is not str or type(amount) is not str:
            raise _Refused
    memo.keys_read += len(key)
    seen = memo[_read_rates]
    found = seen.get(key)
    if found is None:
        found = seen[key] = rates(value)
    return found


def _read_profession_periods(value: Any, memo: _Memo) -> dict[Profession, Period]:
    if type(value) is not dict:
        raise _Refused
    read_profession = _reader(Profession)
    read_period = _reader(Period)
    memo.keys_read += len(value)
    found = {read_profession(key, memo): read_period(item, memo) for key, item in value.items()}
    if len(found) != len(value):  # pragma: no cover - distinct strings are distinct members
        raise _Refused
    return found


def _read_money_pair(value: Any, memo: _Memo) -> tuple[Decimal, Decimal]:
    if type(value) is not list or len(value) != 2:
        raise _Refused
    read_money = _reader(Decimal)
    return read_money(value[0], memo), read_money(value[1], memo)


def _read_holder(value: Any, memo: _Memo) -> Holder:
    if type(value) is not dict:
        raise _Refused
    # Holders recur (a practice's group contracts, one per payer): each read once, by
    # its text alone, so that only the very same JSON finds one read before.
    if not (_TEXT.issuperset(map(type, value)) and _TEXT.issuperset(map(type, value.values()))):
        raise _Refused
    key = tuple(value.items())
    seen = memo[_read_holder]
    found: Holder | None = seen.get(key)
    if found is not None:
        memo.keys_read += len(value)
    else:
        tag = value.get("kind")
        if tag == "individual":
            kind: type[Holder] = Individual
        elif tag == "group":
            kind = Group
        else:
            raise _Refused
        # The holder's own record, without its tag (as the tagged union's hook reads it).
        read = _reader(("fields", kind))
        record = {name: item for name, item in value.items() if name != "kind"}
        found = seen[key] = read(record, memo)
        memo.keys_read += 1  # "kind"; the record's reader counted the rest
    return found


def _read_holder_as(kind: type[Individual] | type[Group]) -> _Reader:
    """One kind of holder, read alone: its "kind" tag may be left out, and must match."""
    tag = kind.__name__.lower()

    def read_holder_as(value: Any, memo: _Memo) -> Holder:
        if type(value) is not dict:
            raise _Refused
        if "kind" in value:
            if value["kind"] != tag:
                raise _Refused
            return _read_holder(value, memo)
        found = _read_holder({"kind": tag, **value}, memo)
        memo.keys_read -= 1  # the tag added here, not in the document
        return found

    return read_holder_as


def _read_period(value: Any, memo: _Memo) -> Period:
    """A period, ``{"start": "2024-01-01", "end": null}``; each distinct one read once.

    Periods recur more than anything in a book (a roster's, a contract's, its members').
    """
    if type(value) is not dict:
        raise _Refused
    start = value.get("start")
    end = value.get("end")
    # Exactly text (or null, or no end), and nothing else: the same JSON, for a key.
    if type(start) is not str or not (end is None or type(end) is str):
        raise _Refused
    if len(value) != (2 if "end" in value else 1):
        raise _Refused
    seen = memo[Period]
    key = (start, end)
    found: Period | None = seen.get(key)
    if found is None:
        found = seen[key] = _reader(("fields", Period))(value, memo)  # counts its keys
    else:
        memo.keys_read += len(value)
    return found


_TEXT = frozenset({str})


def _read_record(kind: type[T]) -> Callable[[Any, _Memo], T]:
    fields = [field for field in attrs.fields(kind) if field.init]  # type: ignore[arg-type]
    readers = {field.alias: _reader(field.type) for field in fields}
    known = frozenset(field.alias for field in fields)
    required = frozenset(field.alias for field in fields if field.default is attrs.NOTHING)
    # The constructor without locate_errors' wrapper: an error here is reported by the
    # detailed path, which builds the object again.
    init = getattr(kind.__init__, "__wrapped__", kind.__init__)
    new = object.__new__
    if kind.__new__ is not new:  # pragma: no cover - no record has its own __new__
        raise TypeError(f"{kind.__name__} has its own __new__")

    def read_record(value: Any, memo: _Memo) -> T:
        if type(value) is not dict:
            raise _Refused
        keys = value.keys()
        if not (keys <= known and required <= keys):
            raise _Refused
        memo.keys_read += len(keys)
        record = new(kind)
        init(record, **{alias: readers[alias](item, memo) for alias, item in value.items()})
        return record

    return read_record


# The records read through hooks of their own (see _make_converter), not field by field.
_OWN_HOOKS: tuple[type, ...] = (Individual, Group, Matrix, RevenueAtRisk)


def _by_converter(kind: Any) -> _Reader:
    """For the types read rarely (answers, matrices): the detailed hook, as it is."""

    def read_detailed(value: Any, _: _Memo) -> Any:
        return _converter.structure(value, kind)

    return read_detailed


def _text_reader(kind: Any) -> Callable[[str], Any] | None:
    """What reads a ``kind`` written as a string, if it is one of those."""
    if kind is date:
        return to_date
    if kind is Decimal:
        return to_money
    if kind in _IDENTIFIERS:
        return kind  # type: ignore[no-any-return]
    if kind == EIN | SSN:
        return to_tax_id
    return None


def _make_reader(kind: Any) -> _Reader:
    if kind is str:
        return _read_str
    if kind is int or kind is bool:
        return _exactly(kind)
    read_text = _text_reader(kind)
    if read_text is not None:
        return _by_text(kind, read_text)
    if isinstance(kind, type) and issubclass(kind, CredkitEnum):
        return _read_enum(kind)
    found = _own_reader(kind)
    if found is None:
        found = _collection_reader(kind)
    if found is not None:
        return found
    if isinstance(kind, types.UnionType):
        members = [member for member in get_args(kind) if member is not type(None)]
        if len(members) == 1 and len(get_args(kind)) == 2:
            read_text = _text_reader(members[0])
            if read_text is not None:
                return _by_text(members[0], read_text, optional=True)
            return _read_optional(_reader(members[0]))
    if attrs.has(kind) and kind not in _OWN_HOOKS:
        return _read_record(kind)
    return _by_converter(kind)


def _own_reader(kind: Any) -> _Reader | None:
    """The reader for periods and holders, which have readers of their own, if ``kind`` is one."""
    if kind == Holder:
        return _read_holder
    if kind is Period:
        return _read_period
    if kind is Individual or kind is Group:
        return _read_holder_as(kind)
    if type(kind) is tuple and kind[0] == "fields":
        return _read_record(kind[1])  # a record read field by field, as it is
    return None


def _collection_reader(kind: Any) -> _Reader | None:
    """The reader for a ``kind`` of mapping, tuple or frozenset, if it is one of those."""
    if _is_rates(kind):
        return _read_rates
    if _is_profession_periods(kind):
        return _read_profession_periods
    if _is_money_pair(kind):
        return _read_money_pair
    if _is_tuple(kind):
        return _read_tuple(_reader(_element_type(kind)))
    if _is_frozenset(kind):
        return _read_frozenset(_reader(_element_type(kind)))
    return None


def structure(data: object, cls: type[T]) -> T:
    """Build a ``cls`` from JSON-compatible ``data``, or raise :class:`InvalidData`.

    ``cls`` is any public credkit type, or ``tuple[Type, ...]`` of one.

    >>> from credkit import NPI, Provider
    >>> structure({"npi": "1234567893", "name": "Ana Ruiz"}, Provider).npi
    NPI('1234567893')
    >>> structure({"npi": 1234567893, "name": ""}, Provider)
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidData: 2 problems in the data
      $.npi: expected NPI as a string, got a number
      $.name: must not be blank
    """
    _check_kind(cls, "structure")
    with collector_paused():
        return _structure(data, cls)


def _structure(data: object, cls: type[T]) -> T:
    try:
        return _reader(cls)(data, _Memo())  # type: ignore[no-any-return]
    except Exception:
        pass
    try:
        return _converter.structure(data, cls)
    except Exception as error:
        raise InvalidData(_problems(error, "$")) from None


def unstructure(obj: object, *, ssns: Literal["full", "masked"] = "full") -> Any:
    """Turn a credkit object into JSON-compatible data (dicts, lists, strings, numbers).

    An SSN comes out in full: this is the explicit serialization that carries it.
    With ``ssns="masked"`` every value held as an :class:`~credkit.SSN` comes out
    masked (``***-**-1234``), for data that is shown rather than stored; nothing else
    changes, and such data does not read back.

    >>> from credkit import Group
    >>> unstructure(Group(practice="12-3456789"))
    {'kind': 'group', 'practice': '12-3456789'}
    >>> unstructure(Group(practice="536-90-4399")), unstructure(Group(practice="536-90-4399"), ssns="masked")
    ({'kind': 'group', 'practice': '536-90-4399'}, {'kind': 'group', 'practice': '***-**-4399'})
    """
    if ssns not in ("full", "masked"):
        raise InvalidValue(f"unstructure: ssns must be 'full' or 'masked', got {describe(ssns)}")
    if ssns == "masked" and not _MASKING.get():
        token = _MASKING.set(True)
        try:
            return _unstructure_nested(obj, 0)
        finally:
            _MASKING.reset(token)
    return _unstructure_nested(obj, 0)


_MAX_DEPTH = 100
"""How deep lists of credkit objects may be nested for :func:`unstructure`: far more than any use."""


def _unstructure_nested(obj: object, depth: int) -> Any:
    kind: Any = type(obj)
    if isinstance(obj, Individual | Group):
        kind = Holder
    elif isinstance(obj, tuple | list):
        if depth >= _MAX_DEPTH:
            raise InvalidData([f"$: lists nested more than {_MAX_DEPTH} deep"])
        return [_unstructure_nested(item, depth + 1) for item in obj]
    _check_kind(kind, "unstructure")
    return _converter.unstructure(obj, kind)


def to_json(
    obj: object, *, indent: int | None = 2, ssns: Literal["full", "masked"] = "full"
) -> str:
    """Write a credkit object as JSON text (``ssns`` as for :func:`unstructure`).

    >>> from credkit import Period
    >>> print(to_json(Period("2024-01-01", "2024-12-31"), indent=None))
    {"start": "2024-01-01", "end": "2024-12-31"}
    """
    if indent is not None and (
        isinstance(indent, bool) or not isinstance(indent, int) or not 0 <= indent <= _MAX_INDENT
    ):
        raise InvalidValue(
            f"expected None or a whole number of spaces from 0 to {_MAX_INDENT}, "
            f"got {describe(indent)}",
            owner="argument",
            attribute="indent",
        )
    return json.dumps(unstructure(obj, ssns=ssns), indent=indent, ensure_ascii=False)


_MAX_INDENT = 16


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in credkit data")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        # Rare: found by counting, and named only then, so that good objects cost one dict.
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {shown(key)} appears twice in one object")
            seen.add(key)
    return result


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read a ``cls`` from JSON text, or raise :class:`InvalidData`.

    >>> from credkit import Period
    >>> from_json('{"start": "2024-01-01", "end": null}', Period)
    Period(start=datetime.date(2024, 1, 1), end=None)
    >>> from_json('{"start": "2024-01-01"', Period)
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidData: 1 problem in the data
      $: not valid JSON: Expecting ',' delimiter (line 1, column 23)
    """
    _check_kind(cls, "from_json")
    if not isinstance(text, str | bytes | bytearray):
        raise InvalidData([f"$: expected JSON text, got {describe(text)}"])
    with collector_paused():
        return _from_json(text, cls)


_NOT_READ: Any = object()


def _quick_read(text: str | bytes | bytearray, cls: type[T]) -> T:
    r"""Parse ``text`` without the duplicate-key hook, read it plainly, and prove no key repeats.

    The hook costs half again as much as parsing itself. Without it, a repeated key
    would be lost silently; so the proof: in valid JSON every ``:`` either ends a key
    or stands in a string. The plain readers count the keys of the objects they read
    and the colons in the strings they read, each once, never more than the document
    holds; if these add up to every ``:`` in the text, then no key was lost. With an
    escape that might stand for a colon (``\u003a``), nothing is proved. Returns
    ``_NOT_READ`` whenever anything is not so (or is wrong): the caller then parses
    with the hook, which names a repeated key, and reads again.
    """
    try:
        if not isinstance(text, str):
            # As json.loads reads bytes: UTF-8, -16 or -32, found from the first bytes.
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        if "\\u003" in text:
            return _NOT_READ  # type: ignore[no-any-return]
        data = json.loads(text, parse_constant=_refuse_constant)
        memo = _Memo()
        found: T = _reader(cls)(data, memo)
    except Exception:
        return _NOT_READ  # type: ignore[no-any-return]
    if text.count(":") != memo.keys_read + memo.colons_read:
        return _NOT_READ  # type: ignore[no-any-return]
    return found


def _from_json(text: str | bytes | bytearray, cls: type[T]) -> T:
    found = _quick_read(text, cls)
    if found is not _NOT_READ:
        return found
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InvalidData([f"$: not valid JSON: {error.msg} ({where})"]) from None
    except RecursionError:
        raise InvalidData(["$: not valid JSON: nested too deeply"]) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidData([f"$: not valid JSON: {error}"]) from None
    return _structure(data, cls)
