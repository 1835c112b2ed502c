"""A Book as tables: rows, a folder of CSV files and an .xlsx workbook."""

import io
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credkit import (
    Book,
    CredkitError,
    InvalidData,
    Payer,
    PayerRules,
    Provider,
    from_json,
    to_json,
)
from credkit.tables import (
    TABLES,
    book_tables,
    read_book,
    read_book_tables,
    template_tables,
    write_book,
    write_template,
)
from tests import strategies as cs

ROOT = Path(__file__).resolve().parent.parent

ANA = "1234567893"
BEN = "1558598797"
HARBOR = "12-3456789"


def small_tables() -> dict[str, list[dict[str, Any]]]:
    """A valid practice in rows: two providers, a practice, a payer, a group contract."""
    return {
        "providers": [{"npi": ANA, "name": "Ana Ruiz"}, {"npi": BEN, "name": "Ben Ode"}],
        "practices": [{"tin": HARBOR, "name": "Harbor", "states": "NY"}],
        "roster": [{"practice": HARBOR, "provider": ANA, "start": "2024-01-01"}],
        "payers": [{"id": "aetna", "name": "Aetna"}],
        "contracts": [
            {
                "id": "g",
                "payer": "aetna",
                "practice": HARBOR,
                "status": "executed",
                "signed": "2024-01-01",
                "start": "2024-02-01",
            }
        ],
        "pay_to": [{"contract": "g", "tin": HARBOR, "npi": BEN, "start": "2024-02-01"}],
    }


def errors_of(tables: Any, **options: Any) -> tuple[str, ...]:
    with pytest.raises(InvalidData) as caught:
        read_book_tables(tables, **options)
    return caught.value.errors


def csv_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def csv_errors(folder: Path, **options: Any) -> tuple[str, ...]:
    with pytest.raises(InvalidData) as caught:
        read_book(folder, **options)
    return caught.value.errors


class TestRoundTrip:
    """Whatever a Book holds, its tables hold too, and give it back."""

    @settings(max_examples=50)
    @given(cs.full_books(cs.cell_texts()))
    def test_rows(self, book: Book) -> None:
        """A Book read back from its rows is the same Book."""
        assert book == read_book_tables(book_tables(book))

    @given(cs.books())
    def test_rows_of_interacting_books(self, book: Book) -> None:
        """The books the rules are tested on come back from their rows too."""
        assert book == read_book_tables(book_tables(book))

    @settings(max_examples=30)
    @given(cs.full_books(cs.cell_texts()))
    def test_csv_folder(self, tmp_path_factory: pytest.TempPathFactory, book: Book) -> None:
        """A Book written as CSV files and read back is the same Book."""
        folder = tmp_path_factory.mktemp("tables")
        write_book(book, folder)
        assert book == read_book(folder)

    @settings(max_examples=30)
    @given(cs.full_books(cs.cell_texts(workbook=True)))
    def test_workbook(self, tmp_path_factory: pytest.TempPathFactory, book: Book) -> None:
        """A Book written as a workbook and read back is the same Book."""
        path = tmp_path_factory.mktemp("tables") / "book.xlsx"
        write_book(book, path)
        assert book == read_book(path)

    @settings(max_examples=50)
    @given(cs.full_books(cs.cell_texts()))
    def test_same_information_as_json(self, book: Book) -> None:
        """The JSON document and the tables carry the same: each read back writes the other."""
        from_document = from_json(to_json(book), Book)
        from_tables = read_book_tables(book_tables(from_document))
        assert to_json(book) == to_json(from_tables)
        assert book_tables(book) == book_tables(from_json(to_json(from_tables), Book))

    @settings(max_examples=50)
    @given(cs.full_books())
    def test_untrimmed_text_refused(self, book: Book) -> None:
        """Text a reader would trim is refused when written, never changed on the way back."""
        try:
            tables = book_tables(book)
        except InvalidData as error:
            assert all("begins or ends with spaces" in line for line in error.errors)
        else:
            assert book == read_book_tables(tables)

    def test_untrimmed_text_located(self) -> None:
        """The refusal names the table, the row and the column."""
        book = Book(providers=[Provider(npi=ANA, name="Ana "), Provider(npi=BEN, name="Ben")])
        with pytest.raises(InvalidData) as caught:
            book_tables(book)
        assert (
            "providers: row 1: name: text that begins or ends with spaces cannot be kept "
            "in a table, whose cells are trimmed",
        ) == caught.value.errors

    def test_every_table_written(self, tmp_path: Path) -> None:
        """An empty Book is written as every table's header, and read back empty."""
        write_book(Book(), tmp_path)
        assert sorted(f"{name}.csv" for name in TABLES) == sorted(
            item.name for item in tmp_path.iterdir()
        )
        assert Book() == read_book(tmp_path)

    def test_ssn_written_in_full(self, tmp_path: Path) -> None:
        """A solo practice's SSN is written in full: the tables are its serialization."""
        tables = small_tables()
        tables["practices"][0]["tin"] = "123-45-6789"
        tables["roster"][0]["practice"] = "123-45-6789"
        tables["contracts"][0]["practice"] = "123-45-6789"
        tables["pay_to"][0]["tin"] = "123-45-6789"
        book = read_book_tables(tables)
        write_book(book, tmp_path)
        assert "123-45-6789,Harbor," in (tmp_path / "practices.csv").read_text("utf-8-sig")
        assert book == read_book(tmp_path)


class TestLocatedErrors:
    """Every problem at once, each as table, line, column and message."""

    def test_bad_cell(self, tmp_path: Path) -> None:
        """An NPI that fails its check digit is reported at its file, line and column."""
        folder = csv_folder(
            tmp_path,
            {
                "providers.csv": "npi,name\n1743926184,Maya Chen\n",
                "practices.csv": "tin,name,states\n12-3456789,Harbor,NY\n",
                "roster.csv": "practice,provider,start\n"
                + "12-3456789,1743926184,2024-01-01\n" * 5
                + "12-3456789,1743926180,2024-01-01\n",
            },
        )
        assert (
            "roster.csv: line 7: provider: NPI 1743926180 fails its check digit "
            "(Luhn with prefix 80840); check for a typo",
        ) == csv_errors(folder)

    def test_missing_column(self, tmp_path: Path) -> None:
        """A table without a required column says so on line 1."""
        folder = csv_folder(tmp_path, {"payers.csv": "id\naetna\n"})
        assert ("payers.csv: line 1: name: missing column (it is required)",) == csv_errors(folder)

    def test_unknown_column(self, tmp_path: Path) -> None:
        """A column credkit does not know is refused, not dropped, and the columns listed."""
        folder = csv_folder(tmp_path, {"payers.csv": "id,name,phone\naetna,Aetna,555\n"})
        (error,) = csv_errors(folder)
        assert error.startswith("payers.csv: line 1: phone: unknown column; the columns are id, ")

    def test_unknown_table(self, tmp_path: Path) -> None:
        """A CSV file that is not one of the tables is refused, not skipped."""
        folder = csv_folder(tmp_path, {"notes.csv": "a\n1\n"})
        (error,) = csv_errors(folder)
        assert error.startswith("notes.csv: not a credkit table; the tables are providers, ")

    def test_dangling_references(self) -> None:
        """References to providers, practices, payers and contracts that are not there."""
        tables = small_tables()
        tables["roster"][0]["provider"] = "1245319599"
        tables["contracts"][0]["payer"] = "cigna"
        tables["contracts"][0]["practice"] = "98-7654321"
        tables["pay_to"][0]["contract"] = "h"
        tables["pay_to"][0]["tin"] = "98-7654321"
        assert (
            "roster: row 1: provider: no provider with NPI 1245319599 in providers",
            "contracts: row 1: payer: no payer with id 'cigna' in payers",
            "contracts: row 1: practice: no practice with tax id 98-7654321 in practices",
            "pay_to: row 1: contract: no contract with id 'h' in contracts",
        ) == errors_of(tables)

    def test_duplicate_keys(self) -> None:
        """A key used twice is reported where it repeats, naming where it was first."""
        tables = small_tables()
        tables["providers"].append({"npi": ANA, "name": "Ana again"})
        tables["rates"] = [
            {"contract": "g", "service": "90837", "rate": "100"},
            {"contract": "g", "service": "90837", "rate": "120"},
        ]
        assert (
            "providers: row 3: npi: 1234567893 is already used on row 1",
            "rates: row 2: service: 'g' and '90837' is already used on row 1",
        ) == errors_of(tables)

    def test_empty_required_cell(self, tmp_path: Path) -> None:
        """An empty cell in a required column is reported; an optional one is not set."""
        folder = csv_folder(tmp_path, {"practices.csv": "tin,name,npi,states\n12-3456789, ,,NY\n"})
        assert ("practices.csv: line 2: name: empty, but required",) == csv_errors(folder)

    def test_ssn_where_an_ein_belongs(self) -> None:
        """An SSN paid on a practice's group contract is refused at its pay_to row, masked."""
        tables = small_tables()
        tables["pay_to"][0]["tin"] = "123-45-6789"
        (error,) = errors_of(tables)
        assert (
            "pay_to: row 1: tin: a group contract pays the practice that holds it "
            "(12-3456789), not ***-**-6789"
        ) == error
        assert "123-45" not in error

    def test_tax_id_ambiguous(self) -> None:
        """Nine bare digits in a tax-id column are refused, neither guessed nor echoed."""
        tables = small_tables()
        tables["practices"][0]["tin"] = "123456789"
        errors = errors_of(tables)
        assert (
            "practices: row 1: tin: a tax id of 9 bare digits is ambiguous: write an EIN as "
            "NN-NNNNNNN or an SSN as NNN-NN-NNNN"
        ) == errors[0]
        assert not any("123456789" in line for line in errors)

    def test_record_rule(self) -> None:
        """A rule between fields is reported at the column it names."""
        tables = small_tables()
        del tables["contracts"][0]["signed"]
        assert (
            "contracts: row 1: signed: an executed contract needs the date it was signed",
        ) == errors_of(tables)

    def test_period_end_before_start(self) -> None:
        """A period ending before it starts is reported at its end column."""
        tables = small_tables()
        tables["roster"][0]["end"] = "2023-12-31"
        assert ("roster: row 1: end: 2023-12-31 is before the start 2024-01-01",) == errors_of(
            tables
        )

    def test_holder(self) -> None:
        """A contract names its provider or its practice: one, not both, not neither."""
        tables = small_tables()
        tables["contracts"][0]["provider"] = ANA
        tables["contracts"].append(
            {"id": "h", "payer": "aetna", "status": "pending", "start": "2024-01-01"}
        )
        assert (
            "contracts: row 1: practice: a contract is held by a provider (individual) or by "
            "a practice (group), not both",
            "contracts: row 2: provider: give the provider's NPI for an individual contract, "
            "or the practice's tax id for a group contract",
        ) == errors_of(tables)

    def test_every_problem_at_once(self, tmp_path: Path) -> None:
        """Problems in several files and rows are all reported, in table and line order."""
        folder = csv_folder(
            tmp_path,
            {
                "providers.csv": "npi,name,caqh_attested\n1234567890,,2024-13-01\n",
                "payers.csv": "id,name,retro_days,individual_contracts\n"
                "aetna,Aetna,-1,maybe\naetna,Aetna 2,,\n",
                "credentials.csv": "provider,payer,status,start\n1234567893,aetna,approved,\n",
            },
        )
        assert (
            "providers.csv: line 2: npi: NPI 1234567890 fails its check digit (Luhn with "
            "prefix 80840); check for a typo",
            "providers.csv: line 2: name: empty, but required",
            "providers.csv: line 2: caqh_attested: '2024-13-01' is not a real calendar date",
            "payers.csv: line 2: individual_contracts: expected yes or no, got 'maybe'",
            "payers.csv: line 3: id: 'aetna' is already used on line 2",
            "credentials.csv: line 2: provider: no provider with NPI 1234567893 in providers.csv",
        ) == csv_errors(folder)

    def test_rules_checked_after_cells(self) -> None:
        """A record's own rules run once its cells are good: a bad minimum is reported."""
        tables = {
            "payers": [
                {"id": "a", "name": "A", "retro_days": "-1"},
                {"id": "b", "name": "B", "min_liability_per_claim": "5"},
                {"id": "c", "name": "C", "professions": "psychologist;;other"},
            ]
        }
        assert (
            "payers: row 1: retro_days: must not be negative",
            "payers: row 2: min_liability_aggregate: give the per-claim and the aggregate "
            "minimum together, or neither",
            "payers: row 3: professions: an empty value between ';' separators",
        ) == errors_of(tables)

    def test_us_dates_on_request(self, tmp_path: Path) -> None:
        """MM/DD/YYYY is read with dates='us', and refused otherwise with a pointer to it."""
        folder = csv_folder(tmp_path, {"payers.csv": "id,name,as_of\naetna,Aetna,02/01/2026\n"})
        assert (
            "payers.csv: line 2: as_of: expected a date written YYYY-MM-DD, got '02/01/2026' "
            "(for MM/DD/YYYY dates, use dates='us')",
        ) == csv_errors(folder)
        assert date(2026, 2, 1) == read_book(folder, dates="us").payers[0].rules.as_of

    def test_junk_rows(self) -> None:
        """Rows that are not mappings of cells are InvalidData, by table and row."""
        assert ("payers: expected a list of rows, got a string",) == errors_of({"payers": "x"})
        assert ("payers: row 1: expected a mapping of column to cell, got a number",) == (
            errors_of({"payers": [5]})
        )
        assert ("tables: expected a mapping of table name to rows, got a list",) == errors_of([])


class TestCells:
    """Each kind of cell reads what people type, and refuses what it cannot be sure of."""

    def test_amounts(self) -> None:
        """Amounts take thousands separators as shown; a decimal comma is refused, not guessed."""
        tables = {
            "contracts": [{"id": "c", "payer": "a", "provider": ANA, "status": "pending"}],
            "providers": [{"npi": ANA, "name": "Ana"}],
            "payers": [{"id": "a", "name": "A"}],
            "rates": [
                {"contract": "c", "service": "90837", "rate": "1,250.50"},
                {"contract": "c", "service": "90834", "rate": 1.123456789},
                {"contract": "c", "service": "90832", "rate": "1,5"},
                {"contract": "c", "service": 832, "rate": 100},
            ],
        }
        assert (
            "rates: row 2: rate: an amount stored with more decimal places than money has: "
            "format the column as text or round it to cents",
            "rates: row 3: rate: expected an amount written like '150.00', got '1,5'",
            "rates: row 4: service: a service code stored as a number has lost its leading "
            "zeros: format the column as text and write all 5 characters",
        ) == errors_of(tables)
        del tables["rates"][1:]
        assert {"90837": Decimal("1250.50")} == dict(read_book_tables(tables).contracts[0].rates)

    def test_whole_numbers_and_yes_no(self) -> None:
        """Whole numbers from text or number cells; yes/no from words or true/false cells."""
        tables = {
            "payers": [
                {"id": "a", "name": "A", "retro_days": 30.0, "requires_caqh": "Yes"},
                {"id": "b", "name": "B", "retro_days": "3.5", "requires_caqh": 1},
                {"id": "c", "name": "C", "retro_days": True, "group_minimum": "None"},
            ]
        }
        assert (
            "payers: row 2: retro_days: expected a whole number, got '3.5'",
            "payers: row 2: requires_caqh: expected yes or no, got a number",
            "payers: row 3: retro_days: expected a whole number, got a true/false cell",
        ) == errors_of(tables)
        del tables["payers"][1:]
        rules = read_book_tables(tables).payers[0].rules
        assert (30, True) == (rules.retro_days, rules.requires_caqh)

    def test_end_needs_a_start(self) -> None:
        """An optional period with an end and no start is refused at its start."""
        tables = small_tables()
        tables["credentials"] = [
            {"provider": ANA, "payer": "aetna", "status": "pending", "end": "2025-01-01"}
        ]
        assert ("credentials: row 1: start: an end date needs a start date",) == errors_of(tables)

    def test_words_as_people_write_them(self) -> None:
        """Statuses and professions in any case, with spaces for underscores."""
        tables = small_tables()
        tables["licenses"] = [
            {
                "provider": ANA,
                "state": "ny",
                "profession": "Clinical Social Worker",
                "number": "1",
                "start": "2020-01-01",
                "status": "EXPIRED",
            }
        ]
        license = read_book_tables(tables).providers[0].licenses[0]
        assert ("NY", "clinical_social_worker", "expired") == (
            license.state.value,
            license.profession.value,
            license.status.value,
        )


class TestCsv:
    """CSV files are read as spreadsheets save them."""

    def test_header_and_row_problems(self, tmp_path: Path) -> None:
        """A column given twice, and a row with more values than columns, are reported."""
        folder = csv_folder(
            tmp_path,
            {
                "payers.csv": "id,name,Name\na,A,B\n",
                "practices.csv": "tin,name,states,x,x\n",
                "providers.csv": "npi,name\n1234567893,Ana,extra\n",
                "roster.csv": "practice,,provider,start\n12-3456789,x,1234567893,2024-01-01\n",
            },
        )
        assert (
            "payers.csv: line 1: column name appears 2 times (columns 2, 3); keep one",
            "practices.csv: line 1: x: this column appears twice",
            "practices.csv: line 1: x: unknown column; the columns are tin, name, npi, states",
            "providers.csv: line 2: more values than columns",
            "roster.csv: line 2: a value in a column whose header is empty: name the column "
            "or clear it",
        ) == tuple(sorted(csv_errors(folder)))

    def test_empty_folder(self, tmp_path: Path) -> None:
        """A folder holding no CSV file is not taken for an empty book."""
        (tmp_path / "notes.txt").write_text("x")
        with pytest.raises(CredkitError, match="this one holds none"):
            read_book(tmp_path)

    def test_spreadsheet_habits(self, tmp_path: Path) -> None:
        """A BOM, headers in any case with spaces, padded cells and blank lines are read."""
        (tmp_path / "Payers.CSV").write_bytes(
            "\ufeff ID ,Name, Group_Minimum\r\n aetna , Aetna ,none\r\n\r\n".encode()
        )
        payer = read_book(tmp_path).payers[0]
        assert ("aetna", "Aetna", None) == (payer.id, payer.name, payer.rules.group_minimum)

    def test_line_numbers_count_lines(self, tmp_path: Path) -> None:
        """A cell holding a line break does not shift the lines reported after it."""
        folder = csv_folder(
            tmp_path, {"payers.csv": 'id,name,source\naetna,Aetna,"a\nb"\n,Cigna,\n'}
        )
        assert ("payers.csv: line 4: id: empty, but required",) == csv_errors(folder)

    def test_files_written_for_spreadsheets(self, tmp_path: Path) -> None:
        """Files are UTF-8 with a byte-order mark, so that accents open as written."""
        write_book(Book(payers=[Payer(id="x", name="Señal")]), tmp_path)
        data = (tmp_path / "payers.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbfid,name,")
        assert "Señal" in data.decode("utf-8-sig")

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A path that is neither a folder nor a workbook is a CredkitError naming both."""
        (tmp_path / "book.json").write_text("{}")
        with pytest.raises(CredkitError, match=r"expected a folder of CSV tables or an \.xlsx"):
            read_book(tmp_path / "book.json")
        with pytest.raises(CredkitError, match="no such folder"):
            read_book(tmp_path / "absent")


def spreadsheet(rows_by_sheet: dict[str, list[list[Any]]]) -> bytes:
    """A workbook as a spreadsheet program saves one: typed cells, one sheet per table."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in rows_by_sheet.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class TestWorkbook:
    """A workbook is read with the conventions of the programs that save them."""

    def test_typed_cells(self, tmp_path: Path) -> None:
        """Date cells are dates, an NPI typed as a number is its digits, amounts are numbers."""
        path = tmp_path / "book.xlsx"
        path.write_bytes(
            spreadsheet(
                {
                    "providers": [["NPI", "Name"], [1234567893, "Ana Ruiz"]],
                    "practices": [["tin", "name", "states"], ["12-3456789", "Harbor", "NY"]],
                    "roster": [
                        ["practice", "provider", "start"],
                        ["12-3456789", 1234567893, datetime(2024, 1, 1)],
                    ],
                    "payers": [["id", "name", "retro_days", "requires_caqh"], ["a", "A", 30, True]],
                    "contracts": [
                        ["id", "payer", "practice", "status", "signed", "start"],
                        ["g", "a", "12-3456789", "Executed", date(2024, 1, 2), date(2024, 2, 1)],
                    ],
                    "rates": [["contract", "service", "rate"], ["g", 90837, 142.5]],
                }
            )
        )
        book = read_book(path)
        assert "1234567893" == str(book.providers[0].npi)
        assert date(2024, 1, 1) == book.practices[0].roster[0].effective.start
        assert (30, True) == (book.payers[0].rules.retro_days, book.payers[0].rules.requires_caqh)
        assert {"90837": Decimal("142.50")} == dict(book.contracts[0].rates)

    def test_tax_id_as_number(self, tmp_path: Path) -> None:
        """A tax id stored as a number lost its leading zero: refused, saying to format as text."""
        path = tmp_path / "book.xlsx"
        path.write_bytes(
            spreadsheet({"practices": [["tin", "name", "states"], [12345678, "Harbor", "NY"]]})
        )
        with pytest.raises(InvalidData) as caught:
            read_book(path)
        assert (
            "book.xlsx[practices]: line 2: tin: a tax id stored as a number loses its hyphen "
            "and any leading zeros: format the column as text and write it as NN-NNNNNNN "
            "(EIN) or NNN-NN-NNNN (SSN)",
        ) == caught.value.errors

    def test_blank_rows_and_stray_cells(self, tmp_path: Path) -> None:
        """Blank rows are skipped; a value beyond the header's columns is reported."""
        path = tmp_path / "book.xlsx"
        path.write_bytes(
            spreadsheet(
                {
                    "payers": [
                        ["id", "name", None],
                        ["a", "A"],
                        [None, None, None],
                        ["b", "B", None, "stray"],
                    ]
                }
            )
        )
        with pytest.raises(InvalidData) as caught:
            read_book(path)
        assert ("book.xlsx[payers]: line 4: more values than columns",) == caught.value.errors

    def test_date_and_time_refused(self, tmp_path: Path) -> None:
        """A cell holding a time of day is not a date, and is not cut to one silently."""
        path = tmp_path / "book.xlsx"
        path.write_bytes(
            spreadsheet({"payers": [["id", "name", "as_of"], ["a", "A", datetime(2024, 1, 1, 9)]]})
        )
        with pytest.raises(InvalidData) as caught:
            read_book(path)
        assert (
            "book.xlsx[payers]: line 2: as_of: expected a date, got a date and time: give "
            "the date only",
        ) == caught.value.errors

    def test_written_cells(self, tmp_path: Path) -> None:
        """Written dates are date cells; text is text, even when it looks like a formula."""
        tables = small_tables()
        tables["payers"][0]["source"] = "=HYPERLINK(1)"
        path = tmp_path / "book.xlsx"
        write_book(read_book_tables(tables), path)
        workbook = openpyxl.load_workbook(path)
        roster = workbook["roster"]
        assert date(2024, 1, 1) == roster["C2"].value.date()
        assert ("s", "@") == (roster["B2"].data_type, roster["B2"].number_format)
        assert "=HYPERLINK(1)" == read_book(path).payers[0].rules.source

    def test_control_characters_refused(self, tmp_path: Path) -> None:
        """Text a workbook cannot hold is refused when written, by table, row and column."""
        book = Book(payers=[Payer(id="a", name="A\x01"), Payer(id="b", name="B\rC")])
        with pytest.raises(InvalidData) as caught:
            write_book(book, tmp_path / "book.xlsx")
        assert (
            "payers: row 1: name: text with control characters cannot be kept in a workbook",
            "payers: row 2: name: text with control characters cannot be kept in a workbook",
        ) == caught.value.errors
        assert not (tmp_path / "book.xlsx").exists()

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        """A file named .xlsx that is not one is InvalidData naming it."""
        (tmp_path / "book.xlsx").write_text("id,name\n")
        with pytest.raises(InvalidData, match=r"book.xlsx: not an .xlsx workbook"):
            read_book(tmp_path / "book.xlsx")

    def test_extra_missing(self, tmp_path: Path) -> None:
        """Without openpyxl, a workbook is a CredkitError naming the extra to install."""
        script = (
            "import sys; sys.modules['openpyxl'] = None\n"
            "from credkit.tables import write_template\n"
            "try:\n"
            f"    write_template({str(tmp_path / 'b.xlsx')!r})\n"
            "except Exception as error:\n"
            "    print(type(error).__name__, error)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert (
            "CredkitError reading and writing .xlsx workbooks needs openpyxl: "
            "pip install 'credkit[excel]'\n"
        ) == done.stdout

    def test_import_credkit_leaves_openpyxl(self) -> None:
        """Importing credkit, and credkit.tables, does not import openpyxl."""
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, credkit, credkit.tables; print('openpyxl' in sys.modules)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "False\n" == done.stdout


class TestTemplate:
    """The template is every table with one worked example row."""

    @pytest.mark.parametrize("name", ["tables", "book.xlsx"])
    def test_template_reads(self, tmp_path: Path, name: str) -> None:
        """The template's example rows read as a small Book, in both containers."""
        write_template(tmp_path / name)
        book = read_book(tmp_path / name)
        assert book == read_book_tables(template_tables())
        assert all(1 == len(rows) for rows in book_tables(book).values())

    def test_examples_fill_every_required_column(self) -> None:
        """Every required column has an example."""
        assert [] == [
            f"{table.name}.{column.name}"
            for table in TABLES.values()
            for column in table.columns
            if column.required and not column.example
        ]


class TestSpec:
    """The spec covers every field of every record the Book holds."""

    def test_every_field_has_a_column(self) -> None:
        """Each record field, and each field of a payer's rules, is a column or a table."""
        missing = []
        for table in TABLES.values():
            if not attrs.has(table.record):
                continue
            covered = {column.field.split(".")[0] for column in table.columns if column.field}
            covered |= {part.field for part in TABLES.values() if part.parent == table.name}
            missing += [
                f"{table.name}: {field.name}"
                for field in attrs.fields(table.record)
                if field.init and field.name not in covered
            ]
        rules = {
            column.field.split(".")[1]
            for column in TABLES["payers"].columns
            if column.field.startswith("rules.")
        } | {
            part.field.split(".")[1]
            for part in TABLES.values()
            if part.parent == "payers" and part.field.startswith("rules.")
        }
        missing += [
            f"payers: rules.{field.name}"
            for field in attrs.fields(PayerRules)
            if field.name not in rules
        ]
        missing += [
            f"Book: {field.name}"
            for field in attrs.fields(Book)
            if field.init and field.name not in TABLES
        ]
        assert [] == missing


class TestDocs:
    """docs/tables.md documents every table and column the spec has."""

    def test_every_column_documented(self) -> None:
        """Each table has a section, and each column a line with its type."""
        text = (ROOT / "docs" / "tables.md").read_text()
        missing = []
        for table in TABLES.values():
            if f"### `{table.name}`" not in text:
                missing.append(table.name)
            section = text.split(f"### `{table.name}`", 1)[-1].split("\n### ", 1)[0]
            for column in table.columns:
                if f"| `{column.name}` | {column.kind.name} |" not in section:
                    missing.append(f"{table.name}.{column.name}")
        assert [] == missing


@st.composite
def junk_tables(draw: st.DrawFn) -> Any:
    """Rows with junk in any cell of any table."""
    name = draw(st.sampled_from(list(TABLES)))
    columns = [column.name for column in TABLES[name].columns]
    row = draw(st.dictionaries(st.sampled_from([*columns, "junk"]), st.sampled_from(JUNK_CELLS)))
    return {name: [row]}


JUNK_CELLS: list[Any] = [None, 0, -1, 1.5, float("nan"), True, object(), "€", "", " ", b"x", []]


class TestJunk:
    """Junk in any cell gives a Book or InvalidData, never another error."""

    @given(junk_tables())
    def test_junk_cells(self, tables: Any) -> None:
        """Junk is refused as InvalidData, each line located in its table."""
        try:
            read_book_tables(tables)
        except InvalidData as error:
            (name,) = tables
            assert all(line.startswith(f"{name}: ") for line in error.errors)


class TestDemoTables:
    """The demo book ships as tables too, the same book as its JSON."""

    def test_same_book(self) -> None:
        """The packaged tables read as the packaged JSON book."""
        data = resources.files("credkit").joinpath("data")
        book = from_json(data.joinpath("demo_book.json").read_text(encoding="utf-8"), Book)
        with resources.as_file(data.joinpath("demo_tables")) as folder:
            assert book == read_book(folder)

    def test_files_as_written(self, tmp_path: Path) -> None:
        """The packaged files are what write_book writes for the book: regenerated, not edited."""
        data = resources.files("credkit").joinpath("data")
        book = from_json(data.joinpath("demo_book.json").read_text(encoding="utf-8"), Book)
        write_book(book, tmp_path)
        with resources.as_file(data.joinpath("demo_tables")) as folder:
            shipped = {item.name: item.read_bytes() for item in sorted(folder.iterdir())}
        assert {item.name: item.read_bytes() for item in sorted(tmp_path.iterdir())} == shipped
