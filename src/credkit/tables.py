"""The tables edge: a whole :class:`~credkit.Book` as the spreadsheets a practice keeps.

One table per kind of record (``providers``, ``licenses``, ``roster``, ``payers``,
``contracts``, ``rates`` and the rest, each described in ``docs/tables.md``), whose
rows refer to each other by natural keys: NPIs, tax ids, payer ids, contract ids.
An empty cell means "not set"; a table with no rows may be left out.

The layout is one declarative spec, :data:`TABLES`: each table names the record
it holds, its key, the table it belongs to, and its columns, each with a type, the
field it fills and an example. Reading and writing, the template and the
documentation's column lists all come from it, so a new field is one more
:class:`Column` and a new kind of record one more :class:`Table`.

Underneath are pure functions of rows, so that an app can feed rows from a
database: :func:`read_book_tables` turns a mapping of table name to rows into a
Book, and :func:`book_tables` turns a Book into rows. The file I/O is a thin
outer layer: :func:`read_book` and :func:`write_book` take a folder of CSV files
or an ``.xlsx`` workbook (the latter needs ``pip install 'credkit[excel]'``).

Every problem is reported at once, as :class:`~credkit.InvalidData` whose
``errors`` read ``"<table>: line <n>: <column>: <message>"``.

>>> book = read_book_tables({
...     "providers": [{"npi": "1234567893", "name": "Ana Ruiz, LCSW"}],
...     "practices": [{"tin": "12-3456789", "name": "Harbor Therapy", "states": "NY;NJ"}],
...     "roster": [{"practice": "12-3456789", "provider": "1234567893", "start": "2024-01-01"}],
... })
>>> book
Book(1 provider, 1 practice, 0 payers, 0 credentials, 0 contracts)
>>> book_tables(book)["roster"]
[{'practice': '12-3456789', 'provider': '1234567893', 'start': datetime.date(2024, 1, 1), 'end': None}]
>>> read_book_tables({"roster": [{"practice": "12-3456789", "provider": "1234567890",
...                                "start": "2024-01-01"}]})
Traceback (most recent call last):
...
credkit.errors.InvalidData: 2 problems in the data
  roster: row 1: practice: no practice with tax id 12-3456789 in practices
  roster: row 1: provider: NPI 1234567890 fails its check digit (Luhn with prefix 80840); check for a typo
"""

import csv
import importlib
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import attrs

from credkit._convert import (
    describe,
    shown,
    to_edi_payer_id,
    to_enum,
    to_money,
    to_payer_id,
    to_service_code,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_state, to_tax_id
from credkit._sheet import parse_date, read_sheet
from credkit.book import Book
from credkit.contract import Contract, ContractStatus, Group, Individual, PayTo
from credkit.credential import Credential, CredentialStatus
from credkit.errors import CredkitError, InvalidData, InvalidValue
from credkit.identifiers import EIN, NPI, SSN
from credkit.opt_out import OptOut
from credkit.payer import Payer, PayerRules
from credkit.periods import Period
from credkit.practice import Affiliation, Practice
from credkit.provider import (
    BackgroundCheck,
    Certification,
    Education,
    Employment,
    LiabilityPolicy,
    License,
    LicenseStatus,
    Profession,
    Provider,
)

__all__ = [
    "TABLES",
    "Column",
    "Kind",
    "Table",
    "book_tables",
    "read_book",
    "read_book_tables",
    "template_tables",
    "write_book",
    "write_template",
]

Dates = Literal["iso", "us"]
Cell = str | int | date | None
"""What :func:`book_tables` puts in a cell: text, a whole number, a date, or nothing."""

_SEPARATOR = ";"
_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_EXCEL_EXTRA = "pip install 'credkit[excel]'"
_MISSING: Any = object()


# --- kinds of cell -----------------------------------------------------------------


def _text_of(cell: object, what: str) -> str:
    """The text in a cell; a whole number typed in a text column is its digits."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        raise InvalidValue(f"expected {what}, got a true/false cell")
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    raise InvalidValue(f"expected {what}, got {describe(cell)}")


def _parse_text(cell: object, _: Dates) -> str:
    return _text_of(cell, "text")


def _parse_npi(cell: object, _: Dates) -> NPI:
    # A spreadsheet stores an NPI typed into a general cell as a number; NPIs
    # never start with 0, so its digits are the NPI.
    return to_npi(_text_of(cell, "an NPI of 10 digits"))


def _parse_tax_id(cell: object, _: Dates) -> EIN | SSN:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raise InvalidValue(
            "a tax id stored as a number loses its hyphen and any leading zeros: format "
            "the column as text and write it as NN-NNNNNNN (EIN) or NNN-NN-NNNN (SSN)"
        )
    return to_tax_id(_text_of(cell, "a tax id"))


def _parse_service(cell: object, _: Dates) -> str:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        digits = _text_of(cell, "a service code")
        if len(digits) < 5:
            raise InvalidValue(
                "a service code stored as a number has lost its leading zeros: format the "
                "column as text and write all 5 characters"
            )
        cell = digits
    return to_service_code(cell)


def _parse_payer_id(cell: object, _: Dates) -> str:
    return to_payer_id(_text_of(cell, "a payer id"))


def _parse_date(cell: object, dates: Dates) -> date:
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise InvalidValue("expected a date, got a date and time: give the date only")
        return cell.date()
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        raise InvalidValue(f"expected a date written YYYY-MM-DD, got {describe(cell)}")
    return parse_date(cell, dates, option="dates='us'")


def _parse_money(cell: object, _: Dates) -> Decimal:
    if isinstance(cell, float):
        # A spreadsheet keeps a typed amount as a binary float; its shortest
        # decimal form is what was typed (142.5 for 142.50, the same amount).
        if not cell.is_integer() and len(repr(cell).partition(".")[2]) > 6:
            raise InvalidValue(
                "an amount stored with more decimal places than money has: format the "
                "column as text or round it to cents"
            )
        return to_money(repr(cell))
    if isinstance(cell, str) and _GROUPED.fullmatch(cell):
        # Thousands separated as a spreadsheet shows them: 1,000,000.00.
        return to_money(cell.replace(",", ""))
    return to_money(cell)


def _parse_count(cell: object, _: Dates) -> int:
    if isinstance(cell, bool):
        raise InvalidValue("expected a whole number, got a true/false cell")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str) and re.fullmatch(r"-?[0-9]+", cell):
        return int(cell)
    got = shown(cell) if isinstance(cell, str) else describe(cell)
    raise InvalidValue(f"expected a whole number, got {got}")


def _parse_count_or_none(cell: object, dates: Dates) -> int | None:
    if isinstance(cell, str) and cell.lower() == "none":
        return None
    return _parse_count(cell, dates)


_YES = frozenset({"yes", "y", "true"})
_NO = frozenset({"no", "n", "false"})


def _parse_bool(cell: object, _: Dates) -> bool:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, str) and cell.lower() in _YES:
        return True
    if isinstance(cell, str) and cell.lower() in _NO:
        return False
    got = shown(cell) if isinstance(cell, str) else describe(cell)
    raise InvalidValue(f"expected yes or no, got {got}")


def _enum_word(cell: object) -> str:
    """An enum's value as people write it: any case, words parted by spaces or underscores."""
    return re.sub(r"[\s_]+", "_", _text_of(cell, "a word").lower())


def _parse_enum(enum: type[CredkitEnum]) -> Callable[[object, Dates], Any]:
    def parse(cell: object, _: Dates) -> Any:
        return to_enum(enum, _enum_word(cell))

    return parse


def _parts(cell: object) -> list[str]:
    text = _text_of(cell, f"values separated by {_SEPARATOR!r}")
    parts = [part.strip() for part in text.split(_SEPARATOR)]
    if any(not part for part in parts):
        raise InvalidValue(f"an empty value between {_SEPARATOR!r} separators")
    return parts


def _parse_list(item: Callable[[str], Any]) -> Callable[[object, Dates], tuple[Any, ...]]:
    def parse(cell: object, _: Dates) -> tuple[Any, ...]:
        values = tuple(item(part) for part in _parts(cell))
        repeated = sorted({str(value) for value in values if values.count(value) > 1})
        if repeated:
            raise InvalidValue(f"lists the same value twice: {', '.join(repeated)}")
        return values

    return parse


def _write_plain(value: Any) -> Cell:
    return value if isinstance(value, int | date) and not isinstance(value, bool) else str(value)


def _write_tax_id(value: EIN | SSN) -> Cell:
    # The full number: this is the explicit serialization that carries an SSN.
    return value.formatted() if isinstance(value, SSN) else str(value)


def _write_money(value: Decimal) -> Cell:
    return format(value, "f")


def _write_bool(value: bool) -> Cell:
    return "yes" if value else "no"


def _write_enum(value: CredkitEnum) -> Cell:
    return value.value


def _write_list(value: Iterable[Any]) -> Cell:
    return _SEPARATOR.join(sorted(str(getattr(item, "value", item)) for item in value))


@attrs.frozen(kw_only=True)
class Kind:
    """A kind of cell: how it is read, how it is written, and what the docs call it.

    >>> DATE.parse("2024-01-31", "iso"), DATE.name
    (datetime.date(2024, 1, 31), 'date')
    """

    name: str
    parse: Callable[[object, Dates], Any]
    write: Callable[[Any], Cell] = _write_plain
    none: Cell = None
    """What a field holding ``None`` is written as, when ``None`` is not its default."""


TEXT = Kind(name="text", parse=_parse_text)
NPI_KIND = Kind(name="NPI", parse=_parse_npi)
TAX_ID = Kind(name="tax id", parse=_parse_tax_id, write=_write_tax_id)
PAYER_ID = Kind(name="payer id", parse=_parse_payer_id)
DATE = Kind(name="date", parse=_parse_date)
MONEY = Kind(name="money", parse=_parse_money, write=_write_money)
COUNT = Kind(name="whole number", parse=_parse_count)
COUNT_OR_NONE = Kind(
    name="whole number or none",
    parse=_parse_count_or_none,
    none="none",
)
BOOL = Kind(name="yes/no", parse=_parse_bool, write=_write_bool)
STATE = Kind(name="state", parse=lambda cell, _: to_state(_text_of(cell, "a state code")))
STATES = Kind(name="states", parse=_parse_list(to_state), write=_write_list)
SERVICE = Kind(name="service code", parse=_parse_service)
SERVICES = Kind(name="service codes", parse=_parse_list(to_service_code), write=_write_list)
EDI_IDS = Kind(name="payer ids", parse=_parse_list(to_edi_payer_id), write=_write_list)


def _enum_kind(enum: type[CredkitEnum]) -> Kind:
    return Kind(name=enum.__name__, parse=_parse_enum(enum), write=_write_enum)


def _enum_list_kind(enum: type[CredkitEnum]) -> Kind:
    return Kind(
        name=f"{enum.__name__} list",
        parse=_parse_list(lambda part: to_enum(enum, _enum_word(part))),
        write=_write_list,
    )


# --- the spec ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Column:
    """One column: its header, kind, the field it fills, whether it must be given, an example.

    ``field`` is a dotted path into the table's record: ``effective.start`` is the
    start of the record's ``effective`` period, ``rules.retro_days`` a field of a
    payer's rules; empty for the column naming a part's parent. ``refers`` names the
    table whose key the cell must match.

    >>> column = TABLES["payers"].column("retro_days")
    >>> column.field, column.kind.name, column.required
    ('rules.retro_days', 'whole number', False)
    """

    name: str
    kind: Kind
    field: str
    required: bool = False
    example: str = ""
    doc: str = ""
    refers: str | None = None


@attrs.frozen(kw_only=True)
class Table:
    """One table: the record each row becomes, its columns, its key and where it belongs.

    A table with ``parent`` holds part of another table's records: its first
    column names the parent by its key, and the rows for one parent, in order,
    become the parent's ``field`` (``gather`` turns them into what the field holds;
    ``spread`` takes them back out). A table without a parent fills the Book's field
    of the same name.

    >>> rates = TABLES["rates"]
    >>> rates.parent, rates.field, rates.key
    ('contracts', 'rates', ('contract', 'service'))
    """

    name: str
    record: Callable[..., Any]
    columns: tuple[Column, ...]
    doc: str
    key: tuple[str, ...] = ()
    what: str = ""
    parent: str | None = None
    field: str = ""
    gather: Callable[[list[Any]], Any] = tuple
    spread: Callable[[Any], Iterable[Any]] = tuple

    def column(self, name: str) -> Column:
        """The column with this header.

        >>> TABLES["roster"].column("provider").kind.name
        'NPI'
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)  # pragma: no cover - the spec names only its own columns


@attrs.frozen(kw_only=True)
class _Rate:
    """One row of ``rates``: a service code and what the contract pays for it."""

    service: str
    rate: Decimal


@attrs.frozen(kw_only=True)
class _Obligation:
    """One row of ``obligations``: a duty the contract puts on the practice."""

    obligation: str


@attrs.frozen(kw_only=True)
class _ProfessionPeriod:
    """One row of ``payer_professions``: a profession the payer accepts only within a period."""

    profession: Profession
    effective: Period


def _gather_profession_periods(items: list[_ProfessionPeriod]) -> dict[Profession, Period]:
    return {item.profession: item.effective for item in items}


def _spread_profession_periods(value: Mapping[Profession, Period]) -> list[_ProfessionPeriod]:
    return [
        _ProfessionPeriod(profession=profession, effective=value[profession])
        for profession in sorted(value, key=lambda item: item.value)
    ]


def _gather_rates(items: list[_Rate]) -> dict[str, Decimal]:
    return {item.service: item.rate for item in items}


def _spread_rates(value: Mapping[str, Decimal]) -> list[_Rate]:
    return [_Rate(service=code, rate=value[code]) for code in sorted(value)]


def _gather_obligations(items: list[_Obligation]) -> tuple[str, ...]:
    return tuple(item.obligation for item in items)


def _spread_obligations(value: tuple[str, ...]) -> list[_Obligation]:
    return [_Obligation(obligation=text) for text in value]


def _period(name: str = "effective", *, required: bool = True, what: str = "") -> list[Column]:
    return [
        Column(
            name="start",
            kind=DATE,
            field=f"{name}.start",
            required=required,
            example="2024-01-01",
            doc=f"first day {what}".strip(),
        ),
        Column(
            name="end",
            kind=DATE,
            field=f"{name}.end",
            example="",
            doc="last day; empty while it lasts",
        ),
    ]


def _provider_link(doc: str = "the provider's NPI (in providers)", field: str = "") -> Column:
    return Column(
        name="provider",
        kind=NPI_KIND,
        field=field,
        required=True,
        example="1234567893",
        doc=doc,
        refers="providers",
    )


def _payer_link(doc: str = "the payer's id (in payers)") -> Column:
    return Column(
        name="payer",
        kind=PAYER_ID,
        field="payer",
        required=True,
        example="aetna",
        doc=doc,
        refers="payers",
    )


def _contract_link() -> Column:
    return Column(
        name="contract",
        kind=TEXT,
        field="",
        required=True,
        example="aetna-group",
        doc="the contract's id (in contracts)",
        refers="contracts",
    )


def _tables(*tables: Table) -> dict[str, Table]:
    return {table.name: table for table in tables}


TABLES: Mapping[str, Table] = _tables(
    Table(
        name="providers",
        what="provider with NPI",
        record=Provider,
        key=("npi",),
        doc="one row per clinician",
        columns=(
            Column(
                name="npi",
                kind=NPI_KIND,
                field="npi",
                required=True,
                example="1234567893",
                doc="individual (type 1) NPI",
            ),
            Column(name="name", kind=TEXT, field="name", required=True, example="Ana Ruiz, LCSW"),
            Column(
                name="caqh_id",
                kind=TEXT,
                field="caqh_id",
                example="12345678",
                doc="CAQH ProView id",
            ),
            Column(
                name="caqh_attested",
                kind=DATE,
                field="caqh_attested",
                example="2024-01-15",
                doc="last CAQH attestation",
            ),
        ),
    ),
    Table(
        name="licenses",
        record=License,
        parent="providers",
        field="licenses",
        doc="state licenses, one row each",
        columns=(
            _provider_link(),
            Column(name="state", kind=STATE, field="state", required=True, example="NY"),
            Column(
                name="profession",
                kind=_enum_kind(Profession),
                field="profession",
                required=True,
                example="clinical_social_worker",
            ),
            Column(name="number", kind=TEXT, field="number", required=True, example="R-012345"),
            *_period(),
            Column(
                name="status",
                kind=_enum_kind(LicenseStatus),
                field="status",
                example="active",
                doc="empty means active",
            ),
        ),
    ),
    Table(
        name="education",
        record=Education,
        parent="providers",
        field="education",
        doc="completed degrees",
        columns=(
            _provider_link(),
            Column(name="degree", kind=TEXT, field="degree", required=True, example="MSW"),
            Column(
                name="institution",
                kind=TEXT,
                field="institution",
                required=True,
                example="Hunter College",
            ),
            Column(
                name="completed", kind=DATE, field="completed", required=True, example="2015-05-20"
            ),
        ),
    ),
    Table(
        name="certifications",
        record=Certification,
        parent="providers",
        field="certifications",
        doc="board certifications and training credentials",
        columns=(
            _provider_link(),
            Column(name="name", kind=TEXT, field="name", required=True, example="EMDR"),
            Column(name="issuer", kind=TEXT, field="issuer", required=True, example="EMDRIA"),
            *_period(),
        ),
    ),
    Table(
        name="work_history",
        record=Employment,
        parent="providers",
        field="work_history",
        doc="stretches of work history",
        columns=(
            _provider_link(),
            Column(
                name="employer",
                kind=TEXT,
                field="employer",
                required=True,
                example="Eastside Clinic",
            ),
            *_period(),
        ),
    ),
    Table(
        name="liability",
        record=LiabilityPolicy,
        parent="providers",
        field="liability",
        doc="professional liability (malpractice) policies",
        columns=(
            _provider_link(),
            Column(name="carrier", kind=TEXT, field="carrier", required=True, example="CPH"),
            Column(
                name="per_claim", kind=MONEY, field="per_claim", required=True, example="1000000"
            ),
            Column(
                name="aggregate", kind=MONEY, field="aggregate", required=True, example="3000000"
            ),
            *_period(),
        ),
    ),
    Table(
        name="background_checks",
        record=BackgroundCheck,
        parent="providers",
        field="background_checks",
        doc="background checks",
        columns=(
            _provider_link(),
            Column(
                name="completed", kind=DATE, field="completed", required=True, example="2024-02-01"
            ),
            Column(name="passed", kind=BOOL, field="passed", required=True, example="yes"),
        ),
    ),
    Table(
        name="practices",
        what="practice with tax id",
        record=Practice,
        key=("tin",),
        doc="one row per practice",
        columns=(
            Column(
                name="tin",
                kind=TAX_ID,
                field="tin",
                required=True,
                example="12-3456789",
                doc="EIN NN-NNNNNNN, or a solo clinician's SSN NNN-NN-NNNN",
            ),
            Column(name="name", kind=TEXT, field="name", required=True, example="Harbor Therapy"),
            Column(
                name="npi",
                kind=NPI_KIND,
                field="npi",
                example="1558598797",
                doc="organizational (type 2) NPI",
            ),
            Column(
                name="states",
                kind=STATES,
                field="states",
                required=True,
                example="NY;NJ",
                doc="where it sees clients (separated by ;)",
            ),
        ),
    ),
    Table(
        name="roster",
        record=Affiliation,
        parent="practices",
        field="roster",
        doc="who works at each practice, and when",
        columns=(
            Column(
                name="practice",
                kind=TAX_ID,
                field="",
                required=True,
                example="12-3456789",
                doc="the practice's tax id (in practices)",
                refers="practices",
            ),
            _provider_link(field="provider"),
            *_period(what="on the roster"),
        ),
    ),
    Table(
        name="payers",
        what="payer with id",
        record=Payer,
        key=("id",),
        doc="one row per payer, with its rules",
        columns=(
            Column(
                name="id", kind=PAYER_ID, field="id", required=True, example="aetna", doc="short id"
            ),
            Column(name="name", kind=TEXT, field="name", required=True, example="Aetna"),
            Column(
                name="edi_ids",
                kind=EDI_IDS,
                field="edi_ids",
                example="60054",
                doc="the payer's ids on electronic claims (837 loop 2010BB), separated by ;",
            ),
            Column(
                name="group_minimum",
                kind=COUNT_OR_NONE,
                field="rules.group_minimum",
                example="2",
                doc="providers a group contract needs; none: no group contracts; empty: 1",
            ),
            Column(
                name="individual_contracts",
                kind=BOOL,
                field="rules.individual_contracts",
                example="yes",
                doc="signs individual contracts; empty: yes",
            ),
            Column(
                name="closed_states",
                kind=STATES,
                field="rules.closed_states",
                example="",
                doc="states where the panel is closed (separated by ;)",
            ),
            Column(
                name="group_adds_when_closed",
                kind=BOOL,
                field="rules.group_adds_when_closed",
                example="yes",
                doc="a group contract still adds providers where closed; empty: yes",
            ),
            Column(
                name="professions",
                kind=_enum_list_kind(Profession),
                field="rules.professions",
                example="",
                doc="professions credentialed (separated by ;); empty: any",
            ),
            Column(
                name="retro_days",
                kind=COUNT,
                field="rules.retro_days",
                example="0",
                doc="days before an effective date billing is allowed; empty: 0",
            ),
            Column(
                name="recredential_months",
                kind=COUNT,
                field="rules.recredential_months",
                example="36",
                doc="months between recredentialing; empty: 36",
            ),
            Column(
                name="revalidation_months",
                kind=COUNT,
                field="rules.revalidation_months",
                example="",
                doc="months between revalidations, for a payer that revalidates; empty: none "
                "(Medicare: 60)",
            ),
            Column(
                name="min_liability_per_claim",
                kind=MONEY,
                field="rules.min_liability.0",
                example="1000000",
                doc="least liability cover per claim; empty: any policy",
            ),
            Column(
                name="min_liability_aggregate",
                kind=MONEY,
                field="rules.min_liability.1",
                example="3000000",
                doc="least liability cover in aggregate; given with the per-claim minimum",
            ),
            Column(
                name="requires_caqh",
                kind=BOOL,
                field="rules.requires_caqh",
                example="no",
                doc="reads applications from CAQH ProView; empty: no",
            ),
            Column(
                name="typical_days",
                kind=COUNT,
                field="rules.typical_days",
                example="60",
                doc="days the payer usually takes to decide an application; needs a source",
            ),
            Column(
                name="medicare",
                kind=BOOL,
                field="rules.medicare",
                example="no",
                doc="Medicare fee-for-service (CMS-855 forms, revalidation, opt-outs); empty: no",
            ),
            Column(
                name="source",
                kind=TEXT,
                field="rules.source",
                example="Aetna provider manual",
                doc="where the figures came from",
            ),
            Column(
                name="as_of",
                kind=DATE,
                field="rules.as_of",
                example="2024-01-01",
                doc="when they were checked",
            ),
        ),
    ),
    Table(
        name="payer_professions",
        record=_ProfessionPeriod,
        parent="payers",
        field="rules.profession_periods",
        key=("payer", "profession"),
        gather=_gather_profession_periods,
        spread=_spread_profession_periods,
        doc="professions a payer accepts only within a period (Medicare: marriage and family "
        "therapists and mental health counselors from 2024-01-01)",
        columns=(
            Column(
                name="payer",
                kind=PAYER_ID,
                field="",
                required=True,
                example="aetna",
                doc="the payer's id (in payers)",
                refers="payers",
            ),
            Column(
                name="profession",
                kind=_enum_kind(Profession),
                field="profession",
                required=True,
                example="marriage_family_therapist",
            ),
            *_period(what="the payer accepts it"),
        ),
    ),
    Table(
        name="credentials",
        record=Credential,
        doc="each provider's credentialing with each payer",
        columns=(
            _provider_link(field="provider"),
            _payer_link(),
            Column(
                name="status",
                kind=_enum_kind(CredentialStatus),
                field="status",
                required=True,
                example="approved",
            ),
            Column(name="submitted", kind=DATE, field="submitted", example="2023-11-01"),
            *_period(required=False, what="it holds; needed when approved"),
        ),
    ),
    Table(
        name="contracts",
        what="contract with id",
        record=Contract,
        key=("id",),
        doc="one row per contract; a provider holds an individual one, a practice a group one",
        columns=(
            Column(
                name="id",
                kind=TEXT,
                field="id",
                required=True,
                example="aetna-group",
                doc="your name for the contract",
            ),
            _payer_link(),
            Column(
                name="provider",
                kind=NPI_KIND,
                field="holder.provider",
                example="",
                doc="for an individual contract: the provider's NPI (in providers)",
                refers="providers",
            ),
            Column(
                name="practice",
                kind=TAX_ID,
                field="holder.practice",
                example="12-3456789",
                doc="for a group contract: the practice's tax id (in practices)",
                refers="practices",
            ),
            Column(
                name="status",
                kind=_enum_kind(ContractStatus),
                field="status",
                required=True,
                example="executed",
            ),
            Column(
                name="submitted",
                kind=DATE,
                field="submitted",
                example="2023-10-02",
                doc="when the contract paperwork went to the payer",
            ),
            Column(
                name="signed",
                kind=DATE,
                field="signed",
                example="2023-12-15",
                doc="needed when executed",
            ),
            *_period(required=False, what="it covers; needed when executed"),
            Column(
                name="services",
                kind=SERVICES,
                field="services",
                example="",
                doc="covered service codes (separated by ;); empty: every service",
            ),
        ),
    ),
    Table(
        name="members",
        record=Affiliation,
        parent="contracts",
        field="members",
        doc="providers added to a group contract",
        columns=(
            _contract_link(),
            _provider_link(field="provider"),
            *_period(what="on the contract"),
        ),
    ),
    Table(
        name="pay_to",
        record=PayTo,
        parent="contracts",
        field="pay_to",
        doc="the billing NPI and tax id loaded at the payer, per contract",
        columns=(
            _contract_link(),
            Column(
                name="tin",
                kind=TAX_ID,
                field="tin",
                required=True,
                example="12-3456789",
                doc="billing tax id",
            ),
            Column(
                name="npi",
                kind=NPI_KIND,
                field="npi",
                required=True,
                example="1558598797",
                doc="billing NPI",
            ),
            *_period(),
        ),
    ),
    Table(
        name="rates",
        record=_Rate,
        parent="contracts",
        field="rates",
        key=("contract", "service"),
        gather=_gather_rates,
        spread=_spread_rates,
        doc="what a contract pays per service",
        columns=(
            _contract_link(),
            Column(
                name="service",
                kind=SERVICE,
                field="service",
                required=True,
                example="90837",
                doc="CPT/HCPCS code",
            ),
            Column(name="rate", kind=MONEY, field="rate", required=True, example="142.50"),
        ),
    ),
    Table(
        name="obligations",
        record=_Obligation,
        parent="contracts",
        field="obligations",
        gather=_gather_obligations,
        spread=_spread_obligations,
        doc="duties a contract puts on the practice",
        columns=(
            _contract_link(),
            Column(
                name="obligation",
                kind=TEXT,
                field="obligation",
                required=True,
                example="notify the payer of address changes within 30 days",
            ),
        ),
    ),
    Table(
        name="opt_outs",
        record=OptOut,
        doc="clinicians' opt-outs of Medicare: the affidavit's signing and effective dates",
        columns=(
            _provider_link(field="provider"),
            _payer_link(doc="the payer's id (in payers), normally Medicare's"),
            Column(
                name="signed",
                kind=DATE,
                field="signed",
                required=True,
                example="2024-01-02",
                doc="when the affidavit was signed",
            ),
            Column(
                name="start",
                kind=DATE,
                field="start",
                required=True,
                example="2024-04-01",
                doc="first day of the opt-out",
            ),
            Column(
                name="cancelled",
                kind=DATE,
                field="cancelled",
                example="",
                doc="when its cancellation was asked for; empty: not cancelled",
            ),
        ),
    ),
)
"""Every table, in the order they are written, by name."""


# --- from rows to a Book -----------------------------------------------------------


def _build_period(parts: dict[str, Any]) -> Period:
    if "start" not in parts:
        raise InvalidValue("an end date needs a start date", owner="Period", attribute="start")
    return Period(parts["start"], parts.get("end"))


def _build_pair(parts: dict[str, Any]) -> tuple[Any, Any]:
    if "0" not in parts or "1" not in parts:
        missing = "0" if "0" not in parts else "1"
        raise InvalidValue(
            "give the per-claim and the aggregate minimum together, or neither",
            owner="pair",
            attribute=missing,
        )
    return parts["0"], parts["1"]


def _build_holder(parts: dict[str, Any]) -> Individual | Group:
    if "provider" in parts and "practice" in parts:
        raise InvalidValue(
            "a contract is held by a provider (individual) or by a practice (group), not both",
            owner="holder",
            attribute="practice",
        )
    if "practice" in parts:
        return Group(practice=parts["practice"])
    if "provider" in parts:
        return Individual(provider=parts["provider"])
    raise InvalidValue(
        "give the provider's NPI for an individual contract, or the practice's tax id for "
        "a group contract",
        owner="holder",
        attribute="provider",
    )


def _build_rules(parts: dict[str, Any]) -> PayerRules:
    return PayerRules(**parts)


# How the record fields that span several columns are put together, by field name.
_COMPOSITES: Mapping[str, Callable[[dict[str, Any]], Any]] = {
    "effective": _build_period,
    "holder": _build_holder,
    "min_liability": _build_pair,
    "rules": _build_rules,
}


class _Misplaced(Exception):
    """A record refused one of its fields: ``_Misplaced(path, error)``, path a dotted field."""

    def __init__(self, path: str, error: InvalidValue) -> None:
        super().__init__(path, error)
        self.path = path
        self.error = error


def _assemble(build: Callable[..., Any], values: Mapping[str, Any], prefix: str = "") -> Any:
    """Build a record from its dotted field paths' values, composites first."""
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        head, dot, rest = path.partition(".")
        if dot:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    if attrs.has(build):  # type: ignore[arg-type]
        # A composite the record cannot do without is built even with none of its parts,
        # so that it says what is missing (a contract's holder).
        for field in attrs.fields(build):
            if field.name in _COMPOSITES and field.default is attrs.NOTHING:
                nested.setdefault(field.name, {})
    for head, parts in nested.items():
        direct[head] = _assemble(_COMPOSITES[head], parts, f"{prefix}{head}.")
    try:
        return build(**direct) if build not in _COMPOSITES.values() else build(direct)
    except InvalidValue as error:
        where = f"{prefix}{error.attribute}" if error.attribute else prefix.rstrip(".")
        raise _Misplaced(where, error) from None


@attrs.define
class _Sheet:
    """One table as read: where it came from, its header, and its rows by place."""

    label: str
    header: list[str]
    rows: list[tuple[str, dict[str, object]]]
    # Where the header is: line 1 of a file; rows given as mappings have none, and
    # a column left out of them is an empty cell in each.
    header_place: str | None = "line 1"
    # What the container's reader could not read: the header, or a row, as a whole.
    problems: list[tuple[int, str]] = attrs.Factory(list)


@attrs.define
class _Row:
    """A row once its cells are read: its place, its values by column, whether all were good."""

    place: str
    values: dict[str, Any]
    good: bool = True


class _Problems:
    """Every problem found, kept in table, row and column order."""

    def __init__(self) -> None:
        self.found: list[tuple[int, int, int, str]] = []

    def add(self, table: int, row: int, column: int, line: str) -> None:
        self.found.append((table, row, column, line))

    def lines(self) -> list[str]:
        return [line for *_, line in sorted(self.found, key=lambda item: item[:3])]


def _normal(header: object) -> str:
    return str(header).strip().lower() if header is not None else ""


def _key_text(value: Any) -> str:
    return repr(value) if type(value) is str else str(value)


class _Reader:
    """Reads the sheets of one book, gathering every problem."""

    def __init__(self, sheets: Mapping[str, _Sheet], dates: Dates) -> None:
        self.sheets = sheets
        self.dates = dates
        self.problems = _Problems()
        self.order = {name: index for index, name in enumerate(TABLES)}
        self.rows: dict[str, list[_Row]] = {}
        self.keys: dict[str, dict[Any, str]] = {}
        # NPIs, tax ids, payer ids and dates recur on every row that names them; every
        # kind's reading is a pure function of the text (a failure is not kept).
        self.parsed: dict[tuple[int, str], Any] = {}

    def label(self, name: str) -> str:
        sheet = self.sheets.get(name)
        return sheet.label if sheet is not None else name

    def report(
        self, name: str, row: int, column: str | None, place: str | None, message: str
    ) -> None:
        table = TABLES[name]
        names = [item.name for item in table.columns]
        position = names.index(column) if column in names else len(names)
        where = f"{self.label(name)}: " + (f"{place}: " if place else "")
        where += f"{column}: " if column else ""
        # In the order a reader meets them: by line (the header is line 1), then column.
        line = int(place.rsplit(" ", 1)[-1]) if place else row
        self.problems.add(self.order[name], line, position, where + message)

    def read(self) -> Book:
        for name, sheet in self.sheets.items():
            for line, problem in sheet.problems:
                self.problems.add(self.order.get(name, len(TABLES)), line, -1, problem)
            if name not in TABLES:
                self.problems.add(
                    len(TABLES),
                    0,
                    0,
                    f"{sheet.label}: not a credkit table; the tables are " + ", ".join(TABLES),
                )
        for name in TABLES:
            self.rows[name] = self.cells(name)
        for name, table in TABLES.items():
            self.unique(name, table)
        for name, table in TABLES.items():
            self.references(name, table)
        built: dict[str, list[tuple[_Row, Any]]] = {}
        children: dict[str, dict[Any, list[tuple[_Row, Any]]]] = {}
        # Children before parents: each table's rows are built once its own parts are.
        for name in sorted(TABLES, key=lambda item: TABLES[item].parent is None):
            table = TABLES[name]
            records = self.build(name, table, children)
            if table.parent is not None:
                link = table.columns[0].name
                groups = children.setdefault(name, {})
                for row, record in records:
                    groups.setdefault(row.values[link], []).append((row, record))
            else:
                built[name] = records
        lines = self.problems.lines()
        if lines:
            raise InvalidData(lines)
        try:
            return Book(**{name: [record for _, record in built[name]] for name in built})
        except InvalidData as error:  # pragma: no cover - the tables' own checks come first
            raise InvalidData([f"book: {line}" for line in error.errors]) from None

    def parse(self, kind: Kind, cell: object) -> Any:
        """A cell's value; the same text in the same kind of column is read once."""
        if type(cell) is not str:
            return kind.parse(cell, self.dates)
        key = (id(kind), cell)
        found = self.parsed.get(key, _MISSING)
        if found is _MISSING:
            found = self.parsed[key] = kind.parse(cell, self.dates)
        return found

    def cells(self, name: str) -> list[_Row]:
        table = TABLES[name]
        sheet = self.sheets.get(name)
        if sheet is None:
            return []
        columns = {column.name: column for column in table.columns}
        seen: set[str] = set()
        at = sheet.header_place
        for header in sheet.header:
            if header in seen and header:
                self.report(name, -1, header, at, "this column appears twice")
                continue
            seen.add(header)
            if header not in columns and header:
                self.report(
                    name, -1, header, at, "unknown column; the columns are " + ", ".join(columns)
                )
        # Rows of a table that lacks a required column are read, but not built.
        complete = True
        for column in table.columns:
            if column.required and column.name not in seen and at is not None:
                self.report(name, -1, column.name, at, "missing column (it is required)")
                complete = False
        rows = []
        for index, (place, given) in enumerate(sheet.rows):
            row = _Row(place, {}, good=complete)
            for column in table.columns:
                cell = given.get(column.name)
                if isinstance(cell, str):
                    cell = cell.strip()
                if cell is None or cell == "":
                    if column.required and (column.name in seen or at is None):
                        self.report(name, index, column.name, place, "empty, but required")
                        row.good = False
                    continue
                try:
                    row.values[column.name] = self.parse(column.kind, cell)
                except CredkitError as error:
                    message = error.rule if isinstance(error, InvalidValue) else str(error)
                    self.report(name, index, column.name, place, message)
                    row.good = False
            rows.append(row)
        return rows

    def unique(self, name: str, table: Table) -> None:
        columns = table.key or (table.columns[0].name,)
        first: dict[Any, str] = {}
        for index, row in enumerate(self.rows[name]):
            if not all(column in row.values for column in columns):
                continue
            key = tuple(row.values[column] for column in columns)
            if not table.key:
                continue
            if key in first:
                shown_key = " and ".join(_key_text(part) for part in key)
                self.report(
                    name,
                    index,
                    columns[-1],
                    row.place,
                    f"{shown_key} is already used on {first[key]}",
                )
                continue
            first[key] = row.place
        if table.key:
            self.keys[name] = {key[0]: place for key, place in first.items()}

    def references(self, name: str, table: Table) -> None:
        for index, row in enumerate(self.rows[name]):
            for column in table.columns:
                if column.refers is None or column.name not in row.values:
                    continue
                value = row.values[column.name]
                if value not in self.keys[column.refers]:
                    target = TABLES[column.refers]
                    self.report(
                        name,
                        index,
                        column.name,
                        row.place,
                        f"no {target.what} {_key_text(value)} in {self.label(column.refers)}",
                    )
                    row.good = False

    def build(
        self, name: str, table: Table, children: Mapping[str, Mapping[Any, list[tuple[_Row, Any]]]]
    ) -> list[tuple[_Row, Any]]:
        parts = [child for child in TABLES.values() if child.parent == name]
        key = table.key[0] if table.key else None
        records = []
        for index, row in enumerate(self.rows[name]):
            if not row.good:
                continue
            values = {
                column.field: row.values[column.name]
                for column in table.columns
                if column.field and column.name in row.values
            }
            own = {
                part.name: children.get(part.name, {}).get(row.values.get(key or ""), [])
                for part in parts
            }
            for part in parts:
                values[part.field] = part.gather([record for _, record in own[part.name]])
            try:
                records.append((row, _assemble(table.record, values)))
            except _Misplaced as problem:
                self.misplaced(
                    name, table, index=index, row=row, problem=problem, values=values, own=own
                )
        return records

    def misplaced(
        self,
        name: str,
        table: Table,
        *,
        index: int,
        row: _Row,
        problem: _Misplaced,
        values: dict[str, Any],
        own: Mapping[str, list[tuple[_Row, Any]]],
    ) -> None:
        """Report a record's refusal at the cell, or the part's row, that caused it."""
        rule = problem.error.rule
        for part in TABLES.values():
            if part.parent != name or part.field != problem.path:
                continue
            culprits = []
            for row_part, record in own[part.name]:
                alone = dict(values, **{part.field: part.gather([record])})
                try:
                    _assemble(table.record, alone)
                except _Misplaced:
                    culprits.append(row_part)
            part_rows = self.rows[part.name]
            for culprit in culprits:
                self.report(
                    part.name,
                    part_rows.index(culprit),
                    part.columns[1].name,
                    culprit.place,
                    rule,
                )
            if culprits:
                return
            self.report(name, index, None, row.place, f"{part.name}: {rule}")
            return
        candidates = [
            column
            for column in table.columns
            if column.field == problem.path or column.field.startswith(problem.path + ".")
        ]
        column = candidates[0] if candidates else table.columns[0]
        self.report(name, index, column.name, row.place, rule)


def _sheets_from_rows(tables: object) -> dict[str, _Sheet]:
    if not isinstance(tables, Mapping):
        raise InvalidData(
            [f"tables: expected a mapping of table name to rows, got {describe(tables)}"]
        )
    sheets: dict[str, _Sheet] = {}
    problems = []
    for name, rows in tables.items():
        label = _normal(name)
        if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
            problems.append(f"{label}: expected a list of rows, got {describe(rows)}")
            continue
        header: list[str] = []
        given: list[tuple[str, dict[str, object]]] = []
        for index, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                problems.append(
                    f"{label}: row {index}: expected a mapping of column to cell, got {describe(row)}"
                )
                continue
            cells = {_normal(column): cell for column, cell in row.items()}
            header += [column for column in cells if column not in header]
            given.append((f"row {index}", cells))
        sheets[label] = _Sheet(label, header, given, header_place=None)
    if problems:
        raise InvalidData(problems)
    return sheets


def read_book_tables(
    tables: Mapping[str, Iterable[Mapping[str, object]]], *, dates: Dates = "iso"
) -> Book:
    """Read a Book from rows: a mapping of table name to rows, each a mapping of column to cell.

    Cells may be text (as a CSV file holds it), or values (a date, a whole number,
    ``True``/``False``) as a spreadsheet or a database gives them; ``None`` and
    empty text mean "not set". Dates are ISO ``YYYY-MM-DD``, or ``MM/DD/YYYY``
    with ``dates="us"``. A table left out has no rows. Problems are reported as
    ``<table>: row <n>: <column>: <message>``, counting rows from 1.

    >>> read_book_tables({"payers": [{"id": "aetna", "name": "Aetna", "group_minimum": "2"}]}).payers[0].rules.group_minimum
    2
    """
    if dates not in ("iso", "us"):
        raise InvalidValue("dates is 'iso' (YYYY-MM-DD) or 'us' (MM/DD/YYYY)")
    return _Reader(_sheets_from_rows(tables), dates).read()


# --- from a Book to rows -----------------------------------------------------------


def _get(record: Any, path: str) -> Any:
    value = record
    for step in path.split("."):
        if value is None:
            return None
        value = value[int(step)] if step.isdigit() else getattr(value, step, None)
    return value


def _rows(table: Table, records: Iterable[tuple[Any, Any]]) -> list[dict[str, Cell]]:
    rows = []
    for link, record in records:
        row: dict[str, Cell] = {}
        for column in table.columns:
            value = link if not column.field else _get(record, column.field)
            row[column.name] = column.kind.none if value is None else column.kind.write(value)
        rows.append(row)
    return rows


def _records(book: Book, table: Table) -> list[tuple[Any, Any]]:
    if table.parent is None:
        return [(None, record) for record in getattr(book, table.name)]
    parent = TABLES[table.parent]
    return [
        (getattr(owner, parent.key[0]), part)
        for owner in getattr(book, parent.name)
        for part in table.spread(_get(owner, table.field))
    ]


def _check_texts(tables: Mapping[str, list[dict[str, Cell]]]) -> None:
    """Refuse text a table cannot keep: cells are trimmed when read."""
    problems = []
    for name, rows in tables.items():
        for index, row in enumerate(rows, start=1):
            for column, cell in row.items():
                if isinstance(cell, str) and cell != cell.strip():
                    problems.append(
                        f"{name}: row {index}: {column}: text that begins or ends with spaces "
                        "cannot be kept in a table, whose cells are trimmed"
                    )
    if problems:
        raise InvalidData(problems)


def book_tables(book: Book) -> dict[str, list[dict[str, Cell]]]:
    """A Book as rows: every table by name, each row a mapping of column to cell.

    Cells are text, whole numbers, dates, or ``None`` for "not set"; an SSN comes out
    in full, since this is the explicit serialization that carries it. Text with
    spaces at either end is refused, since reading trims cells.

    >>> from credkit import Payer
    >>> book_tables(Book(payers=[Payer(id="aetna", name="Aetna")]))["payers"][0]["group_minimum"]
    1
    """
    if not isinstance(book, Book):
        raise InvalidValue(f"expected a Book, got {describe(book)}")
    tables = {name: _rows(table, _records(book, table)) for name, table in TABLES.items()}
    _check_texts(tables)
    return tables


def template_tables() -> dict[str, list[dict[str, Cell]]]:
    """Every table with one worked example row, as text; together they read as a Book.

    >>> read_book_tables(template_tables())
    Book(1 provider, 1 practice, 1 payer, 1 credential, 1 contract, 1 opt-out)
    """
    return {
        name: [
            {
                column.name: column.kind.write(column.kind.parse(column.example, "iso"))
                if column.example
                else None
                for column in table.columns
            }
        ]
        for name, table in TABLES.items()
    }


# --- the containers: CSV files and a workbook, as bytes ----------------------------


_UNNAMED = "a value in a column whose header is empty: name the column or clear it"


def _unnamed(header: Sequence[str], cells: Sequence[object]) -> bool:
    """Whether a row has a value under a header cell left empty (which would be lost)."""
    return any(cell is not None and not name for name, cell in zip(header, cells, strict=False))


def _csv_sheet(label: str, data: bytes) -> _Sheet:
    """One CSV file's table, read as spreadsheets save it (see :mod:`credkit._sheet`)."""
    name = label.rsplit(".", 1)[0].lower()
    table = TABLES.get(name)
    optional = [column.name for column in table.columns] if table is not None else []
    try:
        sheet = read_sheet(data, optional=optional)
    except InvalidData as error:
        lines = [(1, f"{label}: {line}") for line in error.errors]
        return _Sheet(label, [], [], header_place=None, problems=lines)
    header = [_normal(name) for name in sheet.header.names]
    named = [(name, at) for at, name in enumerate(header) if name]
    rows: list[tuple[str, dict[str, object]]] = []
    problems = []
    for row in sheet.rows:
        if row.problem is not None:
            problems.append((row.line, f"{label}: line {row.line}: {row.problem}"))
            continue
        if _unnamed(header, [cell.strip() or None for cell in row.cells]):
            problems.append((row.line, f"{label}: line {row.line}: {_UNNAMED}"))
            continue
        # Each cell by its position, found once for the sheet: what Row.get gives, trimmed.
        cells = row.cells
        rows.append(
            (
                f"line {row.line}",
                {name: cells[at].strip() for name, at in named if at < len(cells)},
            )
        )
    return _Sheet(label, header, rows, problems=problems)


def _csv_sheets(files: Mapping[str, bytes]) -> dict[str, _Sheet]:
    return {
        label.rsplit(".", 1)[0].lower(): _csv_sheet(label, data) for label, data in files.items()
    }


def _csv_text(rows: list[dict[str, Cell]], columns: Sequence[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            "" if cell is None else cell.isoformat() if isinstance(cell, date) else str(cell)
            for cell in (row[column] for column in columns)
        )
    # With a byte-order mark, so that a spreadsheet opens the file as UTF-8.
    return out.getvalue().encode("utf-8-sig")


def _csv_files(tables: Mapping[str, list[dict[str, Cell]]]) -> dict[str, bytes]:
    return {
        f"{name}.csv": _csv_text(rows, [column.name for column in TABLES[name].columns])
        for name, rows in tables.items()
    }


def _openpyxl() -> Any:
    """The openpyxl package, or a CredkitError saying how to install it."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise CredkitError(
            f"reading and writing .xlsx workbooks needs openpyxl: {_EXCEL_EXTRA}"
        ) from None


def _xlsx_sheets(label: str, data: bytes) -> dict[str, _Sheet]:
    """Every sheet of a workbook, with its cells as the spreadsheet typed them."""
    openpyxl = _openpyxl()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file it cannot read
        raise InvalidData([f"{label}: not an .xlsx workbook ({type(error).__name__})"]) from None
    sheets: dict[str, _Sheet] = {}
    try:
        for worksheet in workbook.worksheets:
            where = f"{label}[{worksheet.title}]"
            problems: list[tuple[int, str]] = []
            rows = worksheet.iter_rows(values_only=True)
            first = next(rows, ())
            header = [_normal(cell) for cell in first]
            while header and not header[-1]:
                header.pop()
            given: list[tuple[str, dict[str, object]]] = []
            for line, values in enumerate(rows, start=2):
                cells = [None if cell == "" else cell for cell in values]
                if all(cell is None for cell in cells):
                    continue
                if any(cell is not None for cell in cells[len(header) :]):
                    problems.append((line, f"{where}: line {line}: more values than columns"))
                    continue
                if _unnamed(header, cells):
                    problems.append((line, f"{where}: line {line}: {_UNNAMED}"))
                    continue
                given.append(
                    (
                        f"line {line}",
                        {name: cell for name, cell in zip(header, cells, strict=False) if name},
                    )
                )
            sheets[_normal(worksheet.title)] = _Sheet(where, header, given, problems=problems)
    finally:
        workbook.close()
    return sheets


def _xlsx_bytes(tables: Mapping[str, list[dict[str, Cell]]]) -> bytes:
    """A workbook with a sheet per table: dates as date cells, text as text cells."""
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    problems = []
    for name, rows in tables.items():
        worksheet = workbook.create_sheet(name)
        columns = [column.name for column in TABLES[name].columns]
        worksheet.append(columns)
        worksheet.freeze_panes = "A2"
        for number, row in enumerate(rows, start=2):
            for place, column in enumerate(columns, start=1):
                value = row[column]
                if value is None:
                    continue
                try:
                    if isinstance(value, str) and "\r" in value:
                        # A workbook's XML reads a carriage return back as a line feed.
                        raise ValueError(value)
                    cell = worksheet.cell(row=number, column=place, value=value)
                except (ValueError, openpyxl.utils.exceptions.IllegalCharacterError):
                    problems.append(
                        f"{name}: row {number - 1}: {column}: text with control characters "
                        "cannot be kept in a workbook"
                    )
                    continue
                if isinstance(value, str):
                    # Text stays text: not a formula, and typed over as text, so that
                    # a leading zero or an NPI's digits are kept.
                    cell.data_type = "s"
                    cell.number_format = "@"
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
    if problems:
        raise InvalidData(problems)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the outer layer: paths --------------------------------------------------------


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def _path(path: object, action: str) -> Path:
    if isinstance(path, str) and not path.strip():
        raise InvalidValue(
            f"{action}: expected a path to a folder or an .xlsx file, got blank text"
        )
    if isinstance(path, str | PathLike):
        return Path(path)
    raise InvalidValue(
        f"{action}: expected a path to a folder or an .xlsx file, got {describe(path)}"
    )


def read_book(path: "str | PathLike[str]", *, dates: Dates = "iso") -> Book:
    r"""Read a Book from a folder of CSV tables or an ``.xlsx`` workbook.

    A folder holds one ``<table>.csv`` per table (a table with no rows may be left
    out; files that are not ``.csv`` are not read). A workbook holds one sheet per
    table and needs ``pip install 'credkit[excel]'``. Dates are ISO, or
    ``MM/DD/YYYY`` too with ``dates="us"``; in a workbook a date cell is a date.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "payers.csv").write_text("ID, Name\ncigna,Cigna\n", encoding="utf-8")
    >>> read_book(folder).payers[0].name
    'Cigna'
    """
    where = _path(path, "read_book")
    if dates not in ("iso", "us"):
        raise InvalidValue("dates is 'iso' (YYYY-MM-DD) or 'us' (MM/DD/YYYY)")
    if where.is_dir():
        files = {
            item.name: item.read_bytes()
            for item in sorted(where.iterdir())
            if item.suffix.lower() == ".csv" and item.is_file()
        }
        if not files:
            raise CredkitError(
                f"{where}: a folder of tables holds CSV files named after the tables "
                "(providers.csv, practices.csv, ...); this one holds none"
            )
        sheets = _csv_sheets(files)
    elif _is_workbook(where):
        if not where.is_file():
            raise CredkitError(f"no such workbook: {where}")
        sheets = _xlsx_sheets(where.name, where.read_bytes())
    elif not where.exists():
        raise CredkitError(f"no such folder: {where}")
    else:
        raise CredkitError(f"{where.name}: expected a folder of CSV tables or an .xlsx workbook")
    return _Reader(sheets, dates).read()


def _write(tables: Mapping[str, list[dict[str, Cell]]], where: Path) -> None:
    if _is_workbook(where):
        data = _xlsx_bytes(tables)
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_bytes(data)
        return
    if where.exists() and not where.is_dir():
        raise CredkitError(f"{where.name}: expected a folder for CSV tables or an .xlsx path")
    files = _csv_files(tables)
    where.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (where / name).write_bytes(data)


def write_book(book: Book, path: "str | PathLike[str]") -> None:
    """Write a Book as a folder of CSV tables, or as an ``.xlsx`` workbook when the path ends so.

    Every table is written, with its header, even when it has no rows. The CSV
    files are UTF-8 with a byte-order mark, which spreadsheets need to read them as
    UTF-8. An SSN is written in full.

    >>> import pathlib, tempfile
    >>> from credkit import Payer
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "tables"
    >>> write_book(Book(payers=[Payer(id="cigna", name="Cigna")]), folder)
    >>> read_book(folder) == Book(payers=[Payer(id="cigna", name="Cigna")])
    True
    """
    where = _path(path, "write_book")
    _write(book_tables(book), where)


def write_template(path: "str | PathLike[str]") -> None:
    """Write every table with its header and one worked example row, as CSV files or a workbook.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_template(folder)
    >>> read_book(folder)
    Book(1 provider, 1 practice, 1 payer, 1 credential, 1 contract, 1 opt-out)
    """
    _write(template_tables(), _path(path, "write_template"))
