"""The command line, run on files, in this process as `python -m credkit` runs it (tests/cli.py)."""

import csv
import io
import json
import subprocess
import sys
from datetime import date as date_
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credkit import Book, Payer, Provider, from_json, to_json
from credkit._sheet import Header
from credkit.cli._common import demo_text
from credkit.cli.check_claims import RESULT_COLUMNS
from credkit.cli.demo import DEMO_FILES
from credkit.tables import read_book, write_book
from tests import samples
from tests.cli import credkit

RIVERBEND = "87-2045613"
MAYA, NOAH, JORDAN = "1743926184", "1490273665", "1667430213"
PRIYA = "1588123491"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's files, exported to a folder."""
    folder = tmp_path_factory.mktemp("sample")
    done = credkit("demo", "--export", str(folder))
    assert 0 == done.returncode
    return folder


class TestDemo:
    """`credkit demo` reports on the shipped sample practice."""

    def test_report(self) -> None:
        """It prints the matrix, group eligibility and a hiring plan, and exits 0."""
        done = credkit("demo")
        assert 0 == done.returncode
        out = done.stdout
        assert "Riverbend Counseling, PLLC (tax id 87-2045613) on 2026-06-01" in out
        assert "Noah Brooks, LCSW    credentialing_pending  not_credentialed       yes" in out
        assert "optum: not eligible: 5 providers count, 6 needed (1 short)" in out
        assert "Adding Sofia Alvarez, LCSW" in out
        assert "with this provider the practice becomes eligible for a group contract" in out

    def test_json(self) -> None:
        """--json gives the same answers as data."""
        data = json.loads(credkit("demo", "--json").stdout)
        assert "2026-06-01" == data["on"]
        cells = {(cell["npi"], cell["payer"]): cell for cell in data["can_bill"]}
        assert ["credentialing_pending"] == cells[JORDAN, "optum"]["reasons"][:1]
        assert cells[MAYA, "cigna"]["allowed"]
        assert not data["group_eligibility"]["optum"]["eligible"]
        assert data["adding_provider"]["plans"]["optum"]["becomes_group_eligible"]

    def test_another_date(self) -> None:
        """--on asks the same questions on another day: before Noah joined he is not listed."""
        done = credkit("demo", "--on", "2026-01-15")
        assert 0 == done.returncode
        assert "Noah Brooks" not in done.stdout.split("Group contracts")[0]

    def test_export_matches_the_package_data(self, sample: Path) -> None:
        """The exported files are the sample files credkit ships."""
        for name in DEMO_FILES:
            exported = sample / name.removeprefix("demo_")
            assert demo_text(name) == exported.read_text(encoding="utf-8")
        assert 5 == len(from_json((sample / "book.json").read_text(), Book).providers)
        assert (
            "Sofia Alvarez, LCSW"
            == from_json((sample / "provider.json").read_text(), Provider).name
        )


class TestReport:
    """`credkit report BOOK.json --on DATE` reports on every practice in a book."""

    def test_plain(self, sample: Path) -> None:
        """Each practice gets its matrix, eligibility per payer and a new clinician's plans."""
        done = credkit("report", str(sample / "book.json"), "--on", "2026-06-01")
        assert 0 == done.returncode
        assert "Riverbend Counseling, PLLC (tax id 87-2045613) on 2026-06-01" in done.stdout
        assert "Hudson Valley Therapy Group (tax id 26-1187340) on 2026-06-01" in done.stdout
        assert "nobody is on the roster on that date" in done.stdout
        assert "Adding a provider (a new clinician licensed in the practice's states)" in (
            done.stdout
        )

    def test_json(self, sample: Path) -> None:
        """--json lists every practice with its cells, eligibility and plans."""
        done = credkit("report", str(sample / "book.json"), "--on", "2026-06-01", "--json")
        practices = json.loads(done.stdout)["practices"]
        assert ["87-2045613", "26-1187340"] == [p["practice"]["tin"] for p in practices]
        assert 15 == len(practices[0]["can_bill"])
        assert [] == practices[1]["can_bill"]
        assert {"cigna", "optum", "aetna"} == set(practices[0]["adding_provider"]["plans"])

    def test_advice_and_calendar(self, sample: Path) -> None:
        """The report advises individual or group per payer and lists the next 90 days."""
        done = credkit("report", str(sample / "book.json"), "--on", "2026-06-01")
        lines = done.stdout.splitlines()
        advice = lines.index("Individual or group")
        assert "  cigna: group contracts" == lines[advice + 1]
        assert "  optum: individual contracts" == lines[advice + 3]
        calendar = lines.index("Next 90 days (and anything overdue)")
        assert lines[calendar + 1].startswith("  2026-06-01 recredentialing: Priya Raman, LMHC")
        assert "  2026-07-31 license: Noah Brooks, LCSW: NY clinical social worker license" in (
            "\n".join(lines[calendar:])
        )

    def test_calendar_json(self, sample: Path) -> None:
        """--json carries the recommendations and the calendar as data."""
        data = json.loads(
            credkit("report", str(sample / "book.json"), "--on", "2026-06-01", "--json").stdout
        )
        assert "individual" == data["practices"][0]["recommendations"]["optum"]["choice"]
        assert 6 == data["practices"][0]["recommendations"]["optum"]["group_at"]
        kinds = [item["kind"] for item in data["deadlines"]]
        assert ["recredentialing", "caqh_attestation", "license", "liability"] == kinds[:4]
        assert not any(item["overdue"] for item in data["deadlines"])

    def medicare_book(self, sample: Path, tmp_path: Path) -> Path:
        """The sample book with Medicare: Maya enrolled, Priya opted out."""
        book = from_json((sample / "book.json").read_text(), Book)
        with_medicare = samples.with_medicare(book, enrolled=MAYA, opted_out=PRIYA)
        path = tmp_path / "medicare.json"
        path.write_text(to_json(with_medicare))
        return path

    def test_medicare_positions(self, sample: Path, tmp_path: Path) -> None:
        """With Medicare in the book, the report gives each clinician's position with it."""
        done = credkit("report", str(self.medicare_book(sample, tmp_path)), "--on", "2026-06-01")
        lines = done.stdout.splitlines()
        start = lines.index("Medicare: enroll, opt out, or neither")
        assert "  Maya Chen, LCSW (medicare): enrolled" == lines[start + 1]
        priya = next(line for line in lines[start:] if line.startswith("  Priya Raman, LMHC"))
        assert "  Priya Raman, LMHC (medicare): opted_out" == priya
        assert "the current two-year period ends 2027-03-02" in done.stdout
        assert 0 == done.returncode

    def test_medicare_json(self, sample: Path, tmp_path: Path) -> None:
        """--json carries each clinician's Medicare options, in the data format."""
        done = credkit(
            "report", str(self.medicare_book(sample, tmp_path)), "--on", "2026-06-01", "--json"
        )
        found = {
            item["provider"]: item["current"]
            for item in json.loads(done.stdout)["practices"][0]["medicare"]
        }
        assert "enrolled" == found[MAYA]
        assert "opted_out" == found[PRIYA]

    def test_no_medicare_section_without_medicare(self, sample: Path) -> None:
        """A book without a Medicare payer has no Medicare section."""
        done = credkit("report", str(sample / "book.json"), "--on", "2026-06-01")
        assert "Medicare" not in done.stdout

    def test_nothing_due(self, tmp_path: Path) -> None:
        """A book with nothing falling due says so."""
        (tmp_path / "book.json").write_text(to_json(Book()))
        done = credkit("report", str(tmp_path / "book.json"), "--on", "2026-06-01")
        assert 0 == done.returncode
        assert "Next 90 days (and anything overdue)\n  nothing falls due\n" == done.stdout

    def test_needs_a_date(self, sample: Path) -> None:
        """Without --on the command refuses, exit 2, one line."""
        done = credkit("report", str(sample / "book.json"))
        assert 2 == done.returncode
        assert 1 == len(done.stderr.strip().splitlines())
        assert "--on" in done.stderr


class TestCanBill:
    """`credkit can-bill` answers one claim: exit 0 for yes, 1 for no."""

    def test_yes(self, sample: Path) -> None:
        """An allowed claim prints the contract, billing identity and rate."""
        done = credkit(
            "can-bill",
            str(sample / "book.json"),
            "--provider",
            MAYA,
            "--payer",
            "cigna",
            "--practice",
            RIVERBEND,
            "--on",
            "2026-05-06",
            "--service",
            "90837",
        )
        assert 0 == done.returncode
        assert [
            "allowed under contract cigna-riverbend",
            "billing NPI 1203456789, tax id 87-2045613, rendering NPI 1743926184",
            "rate 139.00",
        ] == done.stdout.splitlines()

    def test_no(self, sample: Path) -> None:
        """A refused claim prints every reason, exit 1."""
        done = credkit(
            "can-bill",
            str(sample / "book.json"),
            "--provider",
            NOAH,
            "--payer",
            "cigna",
            "--practice",
            RIVERBEND,
            "--on",
            "2026-05-06",
        )
        assert 1 == done.returncode
        lines = done.stdout.splitlines()
        assert ["refused", "reasons:"] == lines[:2]
        assert lines[2].startswith("  credentialing_pending: Noah Brooks, LCSW with Cigna")
        assert lines[3].startswith("  not_on_group_contract: ")

    def test_json(self, sample: Path) -> None:
        """--json prints the claim and the verdict as data."""
        done = credkit(
            "can-bill",
            str(sample / "book.json"),
            "--provider",
            MAYA,
            "--payer",
            "cigna",
            "--practice",
            RIVERBEND,
            "--on",
            "2026-05-06",
            "--service",
            "90837",
            "--json",
        )
        data = json.loads(done.stdout)
        assert 0 == done.returncode
        assert "90837" == data["claim"]["service"]
        assert data["verdict"]["allowed"]
        assert "139.00" == data["verdict"]["rate"]
        assert "cigna-riverbend" == data["verdict"]["contract"]

    @pytest.mark.parametrize(
        ("change", "code"),
        [
            (("--payer", "humana"), "unknown_payer"),
            (("--provider", "1234567893"), "unknown_provider"),
            (("--practice", "12-3456789"), "unknown_practice"),
        ],
    )
    def test_unknown_ids(self, sample: Path, change: tuple[str, str], code: str) -> None:
        """An id the book does not hold is a refusal naming it (exit 1), not an error."""
        options = {"--provider": MAYA, "--payer": "cigna", "--practice": RIVERBEND}
        options[change[0]] = change[1]
        flat = [item for pair in options.items() for item in pair]
        done = credkit("can-bill", str(sample / "book.json"), *flat, "--on", "2026-05-06")
        assert 1 == done.returncode
        assert done.stdout.splitlines()[2].startswith(f"  {code}: ")

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (("--provider", "1234567890"), "credkit: error: --provider: NPI 1234567890 fails"),
            (("--practice", "872045613"), "credkit: error: --practice: a tax id of 9 bare"),
            (("--state", "ZZ"), "credkit: error: --state: 'ZZ' is not a USPS state"),
            (("--service", "9083"), "credkit: error: --service: a service code is 5"),
            (("--on", "2026-02-30"), "credkit: error: argument --on: '2026-02-30' is not a real"),
            (("--on", "05/06/2026"), "credkit: error: argument --on: expected a date written"),
        ],
    )
    def test_bad_arguments(self, sample: Path, change: tuple[str, str], message: str) -> None:
        """A bad argument is one line naming it, exit 2."""
        options = {
            "--provider": MAYA,
            "--payer": "cigna",
            "--practice": RIVERBEND,
            "--on": "2026-05-06",
        }
        options[change[0]] = change[1]
        flat = [item for pair in options.items() for item in pair]
        done = credkit("can-bill", str(sample / "book.json"), *flat)
        assert 2 == done.returncode
        assert "" == done.stdout
        assert [message] == [line[: len(message)] for line in done.stderr.splitlines()]


class TestAddProvider:
    """`credkit add-provider` plans a hire for every payer in the book."""

    def test_plain(self, sample: Path) -> None:
        """Each payer's path, promise and steps are listed; exit 0 when nothing blocks."""
        done = credkit(
            "add-provider",
            str(sample / "book.json"),
            "--practice",
            RIVERBEND,
            "--provider",
            str(sample / "provider.json"),
            "--on",
            "2026-06-01",
        )
        assert 0 == done.returncode
        lines = done.stdout.splitlines()
        assert "Adding Sofia Alvarez, LCSW (NPI 1852100977) on 2026-06-01" == lines[0]
        assert "  cigna: add_to_group_contract, guaranteed" in lines
        assert "  optum: new_individual_contract, not guaranteed" in lines

    def test_blocked(self, sample: Path, tmp_path: Path) -> None:
        """A payer that cannot take the provider makes the answer no, exit 1."""
        book = from_json((sample / "book.json").read_text(), Book)
        import attrs

        closed = [
            attrs.evolve(p, rules=attrs.evolve(p.rules, closed_states={"NY"}))
            if p.id == "optum"
            else p
            for p in book.payers
        ]
        (tmp_path / "book.json").write_text(to_json(attrs.evolve(book, payers=closed)))
        done = credkit(
            "add-provider",
            str(tmp_path / "book.json"),
            "--practice",
            RIVERBEND,
            "--provider",
            str(sample / "provider.json"),
            "--on",
            "2026-06-01",
        )
        assert 1 == done.returncode
        lines = done.stdout.splitlines()
        blockers = lines.index("    blockers:")
        assert lines[blockers + 1].startswith("      panel_closed: Optum's panel is closed")

    def test_json(self, sample: Path) -> None:
        """--json gives each payer's plan as data."""
        done = credkit(
            "add-provider",
            str(sample / "book.json"),
            "--practice",
            RIVERBEND,
            "--provider",
            str(sample / "provider.json"),
            "--on",
            "2026-06-01",
            "--json",
        )
        plans = json.loads(done.stdout)["plans"]
        assert "new_individual_contract" == plans["optum"]["path"]
        assert ["join_roster", "credential", "add_to_group_contract"] == [
            step["kind"] for step in plans["cigna"]["steps"]
        ]

    def test_bad_provider_file(self, sample: Path, tmp_path: Path) -> None:
        """A provider file with problems lists each, with the file and $ path, exit 2."""
        bad = tmp_path / "provider.json"
        bad.write_text('{"npi": "1234567890", "name": "", "extra": 1}')
        done = credkit(
            "add-provider",
            str(sample / "book.json"),
            "--practice",
            RIVERBEND,
            "--provider",
            str(bad),
            "--on",
            "2026-06-01",
        )
        assert 2 == done.returncode
        assert [
            f"credkit: error: {bad}: $.npi: NPI 1234567890 fails its check digit (Luhn with "
            "prefix 80840); check for a typo",
            f"credkit: error: {bad}: $.name: must not be blank",
            f"credkit: error: {bad}: $.extra: unknown field",
        ] == done.stderr.splitlines()


class TestCheckClaims:
    """`credkit check-claims` checks a CSV file of claims."""

    def test_output_file(self, sample: Path, tmp_path: Path) -> None:
        """Results go to -o; a malformed row is reported with its line and skipped; exit 2."""
        out = tmp_path / "results.csv"
        done = credkit(
            "check-claims", str(sample / "book.json"), str(sample / "claims.csv"), "-o", str(out)
        )
        assert 2 == done.returncode
        assert "" == done.stdout
        assert [
            f"credkit: {sample / 'claims.csv'}: line 11: date: '2026-13-01' is not a real "
            "calendar date; row skipped",
            "credkit: checked 9 claims: 5 allowed, 4 refused; 1 malformed row skipped",
        ] == done.stderr.splitlines()
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert 9 == len(rows)
        assert {
            "provider": MAYA,
            "payer": "cigna",
            "practice": RIVERBEND,
            "date": "2026-05-04",
            "service": "90837",
            "state": "",
            "allowed": "yes",
            "reasons": "",
            "billing_npi": "1203456789",
            "tax_id": RIVERBEND,
            "rendering_npi": MAYA,
            "rate": "139.00",
        } == rows[0]
        assert ("no", "credentialing_pending;contract_not_signed") == (
            rows[5]["allowed"],
            rows[5]["reasons"],
        )
        assert "unknown_payer" == rows[8]["reasons"]

    def test_stdout_and_exit_codes(self, sample: Path, tmp_path: Path) -> None:
        """Without -o the rows go to stdout; all allowed exits 0, some refused exits 1."""
        claims = tmp_path / "claims.csv"
        lines = (sample / "claims.csv").read_text().splitlines()
        claims.write_text("\n".join([lines[0], lines[1], lines[2]]) + "\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 0 == done.returncode
        assert 3 == len(done.stdout.splitlines())
        claims.write_text("\n".join([lines[0], lines[1], lines[6]]) + "\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 1 == done.returncode
        assert "credkit: checked 2 claims: 1 allowed, 1 refused" == done.stderr.strip()

    def test_json_lines(self, sample: Path) -> None:
        """--json writes one JSON object per claim."""
        done = credkit(
            "check-claims", str(sample / "book.json"), str(sample / "claims.csv"), "--json"
        )
        records = [json.loads(line) for line in done.stdout.splitlines()]
        assert 9 == len(records)
        assert (2, "139.00") == (records[0]["line"], records[0]["verdict"]["rate"])
        assert {"line", "row", "claim", "verdict"} == set(records[0])

    @pytest.mark.parametrize(
        ("body", "problem"),
        [
            (
                "1743926184,cigna,87-2045613\n",
                "line 2: date: expected a date written YYYY-MM-DD, got null",
            ),
            (
                "1743926184,cigna,87-2045613,2026-05-04,90837,,extra\n",
                "line 2: more values than columns",
            ),
            (
                "17439261,cigna,87-2045613,2026-05-04,,\n",
                "line 2: provider: an NPI is 10 digits, got '17439261'",
            ),
            (
                "1743926184,Cigna Health,87-2045613,2026-05-04,,\n",
                "line 2: payer: a payer id is letters",
            ),
            (
                "1743926184,cigna,872045613,2026-05-04,,\n",
                "line 2: practice: a tax id of 9 bare digits",
            ),
            (
                "1743926184,cigna,87-2045613,2026-05-04,9083,\n",
                "line 2: service: a service code is 5",
            ),
            (
                "1743926184,cigna,87-2045613,2026-05-04,,New York\n",
                "line 2: state: 'New York' is not",
            ),
        ],
    )
    def test_malformed_rows(self, sample: Path, tmp_path: Path, body: str, problem: str) -> None:
        """Each kind of malformed row is named with its line number and skipped."""
        claims = tmp_path / "claims.csv"
        claims.write_text("provider,payer,practice,date,service,state\n" + body)
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        first = done.stderr.splitlines()[0]
        assert first.startswith(f"credkit: {claims}: {problem}"), first
        assert first.endswith("; row skipped")

    def test_ssn_masked(self, tmp_path: Path) -> None:
        """A practice billing under an SSN shows only its last four digits."""
        from credkit import (
            Affiliation,
            Contract,
            Credential,
            Individual,
            License,
            Payer,
            PayTo,
            Period,
            Practice,
        )

        ana = Provider(
            npi=MAYA,
            name="Ana",
            licenses=[
                License(
                    state="NY",
                    profession="psychologist",
                    number="1",
                    effective=Period("2020-01-01"),
                )
            ],
        )
        solo = Practice(
            name="Ana Solo",
            tin="536-90-4399",
            states=["NY"],
            roster=[Affiliation(provider=MAYA, effective=Period("2020-01-01"))],
        )
        book = Book(
            providers=[ana],
            practices=[solo],
            payers=[Payer(id="aetna", name="Aetna")],
            credentials=[
                Credential(
                    provider=MAYA, payer="aetna", status="approved", effective=Period("2020-01-01")
                )
            ],
            contracts=[
                Contract(
                    id="c",
                    payer="aetna",
                    holder=Individual(provider=MAYA),
                    status="executed",
                    signed="2020-01-01",
                    effective=Period("2020-01-01"),
                    pay_to=[PayTo(tin="536-90-4399", npi=MAYA, effective=Period("2020-01-01"))],
                )
            ],
        )
        (tmp_path / "book.json").write_text(to_json(book))
        (tmp_path / "claims.csv").write_text(
            "provider,payer,practice,date\n1743926184,aetna,536-90-4399,2024-01-02\n"
        )
        outputs = [
            credkit("check-claims", str(tmp_path / "book.json"), str(tmp_path / "claims.csv")),
            credkit(
                "check-claims", str(tmp_path / "book.json"), str(tmp_path / "claims.csv"), "--json"
            ),
            credkit("report", str(tmp_path / "book.json"), "--on", "2024-01-02"),
            credkit("report", str(tmp_path / "book.json"), "--on", "2024-01-02", "--json"),
            credkit(
                "can-bill",
                str(tmp_path / "book.json"),
                "--provider",
                MAYA,
                "--payer",
                "aetna",
                "--practice",
                "536-90-4399",
                "--on",
                "2024-01-02",
                "--json",
            ),
        ]
        for done in outputs:
            assert "536" not in done.stdout + done.stderr
            assert "***-**-4399" in done.stdout + done.stderr


class TestBadInput:
    """Missing files, broken JSON and bad arguments are one line each, exit 2."""

    @pytest.mark.parametrize(
        "command",
        [
            ["report", "{book}", "--on", "2026-06-01"],
            [
                "can-bill",
                "{book}",
                "--provider",
                MAYA,
                "--payer",
                "cigna",
                "--practice",
                RIVERBEND,
                "--on",
                "2026-06-01",
            ],
            [
                "add-provider",
                "{book}",
                "--practice",
                RIVERBEND,
                "--provider",
                "{book}",
                "--on",
                "2026-06-01",
            ],
            ["check-claims", "{book}", "{book}"],
        ],
        ids=["report", "can-bill", "add-provider", "check-claims"],
    )
    def test_missing_book(self, tmp_path: Path, command: list[str]) -> None:
        """A book file that does not exist is named, exit 2."""
        missing = str(tmp_path / "nowhere.json")
        done = credkit(*(part.replace("{book}", missing) for part in command))
        assert 2 == done.returncode
        assert [f"credkit: error: {missing}: no such book file"] == done.stderr.splitlines()

    def test_bad_json(self, tmp_path: Path) -> None:
        """Broken JSON gives the line and column."""
        book = tmp_path / "book.json"
        book.write_text('{"providers": [}')
        done = credkit("report", str(book), "--on", "2026-06-01")
        assert 2 == done.returncode
        assert [
            f"credkit: error: {book}: $: not valid JSON: Expecting value (line 1, column 16)"
        ] == done.stderr.splitlines()

    def test_bad_book(self, tmp_path: Path) -> None:
        """A book with broken references lists every problem with its $ path."""
        book = tmp_path / "book.json"
        book.write_text(
            json.dumps({"credentials": [{"provider": MAYA, "payer": "cigna", "status": "pending"}]})
        )
        done = credkit("report", str(book), "--on", "2026-06-01")
        assert 2 == done.returncode
        assert [
            f"credkit: error: {book}: $.credentials[0].provider: the book holds no provider "
            f"with NPI {MAYA}",
            f"credkit: error: {book}: $.credentials[0].payer: the book holds no payer with id "
            "'cigna'",
        ] == done.stderr.splitlines()

    def test_missing_claims_file(self, sample: Path, tmp_path: Path) -> None:
        """A claims file that does not exist is named."""
        missing = tmp_path / "claims.csv"
        done = credkit("check-claims", str(sample / "book.json"), str(missing))
        assert 2 == done.returncode
        assert [f"credkit: error: {missing}: no such claims file"] == done.stderr.splitlines()

    def test_claims_header(self, sample: Path, tmp_path: Path) -> None:
        """A claims file without the required columns says which are missing."""
        claims = tmp_path / "claims.csv"
        claims.write_text("npi,payer\n1,2\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        assert (
            f"credkit: error: {claims}: line 1: missing columns provider, practice, date"
        ) in done.stderr

    def test_no_command(self) -> None:
        """Without a command, credkit says what it needs, exit 2."""
        done = credkit()
        assert 2 == done.returncode
        assert done.stderr.startswith("credkit: error: the following arguments are required")

    def test_version_and_help(self) -> None:
        """--version and --help answer and exit 0."""
        assert credkit("--version").stdout.startswith("credkit ")
        assert "check-claims" in credkit("--help").stdout


class TestProgress:
    """A progress bar appears only for a large file with a terminal on stderr."""

    def test_bar(self, sample: Path, tmp_path: Path) -> None:
        """With stderr a terminal and a large file, percentages are drawn and then cleared."""
        from credkit import cli
        from credkit.cli import _common, check_claims

        claims = tmp_path / "claims.csv"
        lines = (sample / "claims.csv").read_text().splitlines()
        claims.write_text("\n".join([lines[0], *[lines[1]] * 40]) + "\n")

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        errors, out = Terminal(), io.StringIO()
        previous = _common.PROGRESS_BYTES
        _common.PROGRESS_BYTES = 10
        try:
            arguments = cli.parser().parse_args(
                ["check-claims", str(sample / "book.json"), str(claims)]
            )
            assert 0 == check_claims.command(arguments, out, errors)
        finally:
            _common.PROGRESS_BYTES = previous
        shown = errors.getvalue()
        assert "100% 41 lines" in shown
        assert shown.endswith("credkit: checked 40 claims: 40 allowed, 0 refused\n")

    def test_no_bar_when_piped(self, sample: Path) -> None:
        """Where stderr is a pipe, not a terminal, there is no bar."""
        done = credkit("check-claims", str(sample / "book.json"), str(sample / "claims.csv"))
        assert "%" not in done.stderr


class TestConsoleScript:
    """The installed `credkit` script runs the same command line."""

    def test_script(self) -> None:
        """`credkit --version` works where the package is installed."""
        script = Path(sys.executable).parent / "credkit"
        if not script.exists():
            pytest.skip("credkit is not installed as a script beside this interpreter")
        done = subprocess.run(
            [str(script), "--version"], capture_output=True, text=True, check=False
        )
        assert 0 == done.returncode
        assert done.stdout.startswith("credkit ")


class TestUnreadableInput:
    """Files that cannot be read or written are named, with the reason, exit 2."""

    def test_book_is_an_empty_directory(self, tmp_path: Path) -> None:
        """A folder given as the book is read as tables; one without any is refused."""
        done = credkit("report", str(tmp_path), "--on", "2026-06-01")
        assert 2 == done.returncode
        assert [
            f"credkit: error: {tmp_path}: a folder of tables holds CSV files named after the "
            "tables (providers.csv, practices.csv, ...); this one holds none"
        ] == done.stderr.splitlines()

    def test_book_not_utf8(self, tmp_path: Path) -> None:
        """A book that is not UTF-8 text is refused."""
        book = tmp_path / "book.json"
        book.write_bytes(b'{"providers": ["\xff"]}')
        done = credkit("report", str(book), "--on", "2026-06-01")
        assert [f"credkit: error: {book}: not UTF-8 text"] == done.stderr.splitlines()

    def test_claims_file_is_a_directory(self, sample: Path, tmp_path: Path) -> None:
        """A folder given as the claims file is refused."""
        done = credkit("check-claims", str(sample / "book.json"), str(tmp_path))
        assert 2 == done.returncode
        assert f"credkit: error: {tmp_path}: cannot be read (Is a directory)" == (
            done.stderr.strip()
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "empty file; expected a header row"),
            (b"\xff\xfe,provider\n", "line 1: not a CSV header"),
        ],
        ids=["empty", "not-utf8"],
    )
    def test_claims_header_unreadable(
        self, sample: Path, tmp_path: Path, content: bytes, message: str
    ) -> None:
        """An empty or undecodable claims file is refused at line 1."""
        claims = tmp_path / "claims.csv"
        claims.write_bytes(content)
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        assert done.stderr.startswith(f"credkit: error: {claims}: {message}")

    def test_row_unreadable_as_csv(self, sample: Path, tmp_path: Path) -> None:
        """A row the CSV reader cannot read is reported with its line and skipped."""
        claims = tmp_path / "claims.csv"
        lines = (sample / "claims.csv").read_text().splitlines()
        huge = "x" * 200_000  # beyond the csv module's field size limit
        claims.write_text(f"{lines[0]}\n{lines[1]}\n1743926184,{huge}\n{lines[2]}\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        errors = done.stderr.splitlines()
        assert errors[0].startswith(f"credkit: {claims}: line 3: not readable as CSV")
        assert (
            "credkit: checked 2 claims: 2 allowed, 0 refused; 1 malformed row skipped"
            == (errors[1])
        )

    def test_output_not_writable(self, sample: Path, tmp_path: Path) -> None:
        """An output path that cannot be written is refused before anything is checked."""
        done = credkit(
            "check-claims",
            str(sample / "book.json"),
            str(sample / "claims.csv"),
            "-o",
            str(tmp_path),
        )
        assert 2 == done.returncode
        assert f"credkit: error: {tmp_path}: cannot be written (Is a directory)" == (
            done.stderr.strip()
        )

    def test_export_over_a_file(self, tmp_path: Path) -> None:
        """Exporting the sample where a file stands is refused."""
        blocker = tmp_path / "taken"
        blocker.write_text("")
        done = credkit("demo", "--export", str(blocker))
        assert 2 == done.returncode
        assert done.stderr.startswith(f"credkit: error: {blocker}: cannot write the sample files")

    def test_closed_pipe(self) -> None:
        """When the reader stops early (| head), credkit stops quietly."""
        reader = subprocess.Popen(
            [sys.executable, "-m", "credkit", "demo"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert reader.stdout is not None
        assert reader.stderr is not None
        reader.stdout.close()
        errors = reader.stderr.read().decode()
        reader.stderr.close()
        assert 0 == reader.wait()
        assert "" == errors


class TestReportDetails:
    """Less common report lines."""

    def test_payer_without_group_contracts(self, sample: Path, tmp_path: Path) -> None:
        """A payer that offers no group contracts says so in the eligibility section."""
        import attrs

        book = from_json((sample / "book.json").read_text(), Book)
        payers = [
            attrs.evolve(p, rules=attrs.evolve(p.rules, group_minimum=None))
            if p.id == "optum"
            else p
            for p in book.payers
        ]
        (tmp_path / "book.json").write_text(to_json(attrs.evolve(book, payers=payers)))
        done = credkit("report", str(tmp_path / "book.json"), "--on", "2026-06-01")
        assert "  optum: not eligible: 5 providers count, no group contracts" in done.stdout

    def test_new_clinician_avoids_a_taken_npi(self) -> None:
        """The report's hypothetical new clinician never takes an NPI the book holds."""
        from credkit import Practice
        from credkit.cli._common import newcomer
        from credkit.identifiers.npi import calc_check_digit

        first = "199999999" + calc_check_digit("199999999")
        book = Book(providers=[Provider(npi=first, name="Taken")])
        practice = Practice(name="P", tin=RIVERBEND, states=["NY", "NJ"])
        hire = newcomer(book, practice, date_(2026, 6, 1))
        assert first != str(hire.npi)
        assert ["NJ", "NY"] == [license.state.value for license in hire.licenses]

    def test_allowed_without_service_has_no_rate(self, sample: Path) -> None:
        """A claim without a service code is answered without a rate line."""
        done = credkit(
            "can-bill",
            str(sample / "book.json"),
            "--provider",
            MAYA,
            "--payer",
            "aetna",
            "--practice",
            RIVERBEND,
            "--on",
            "2026-05-06",
        )
        assert 0 == done.returncode
        assert not any(line.startswith("rate") for line in done.stdout.splitlines())
        assert 2 == len(done.stdout.splitlines())


class TestSpreadsheetClaims:
    """Claims files as spreadsheets save them: BOM, headers in any case, padded cells, US dates."""

    def test_bom_headers_and_padding(self, sample: Path, tmp_path: Path) -> None:
        """Excel's CSV UTF-8, with ` Provider ` and `DATE` headers and padded cells, is read."""
        claims = tmp_path / "claims.csv"
        claims.write_bytes(
            b"\xef\xbb\xbf Provider ,PAYER,Practice,DATE ,Service\r\n"
            + f"{MAYA} , cigna,{RIVERBEND}, 2026-05-04,90837 \r\n".encode()
        )
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 0 == done.returncode, done.stderr
        assert done.stderr.endswith(": 1 allowed, 0 refused\n")
        out = list(csv.reader(io.StringIO(done.stdout)))
        assert ["\ufeff Provider ", "PAYER", "Practice", "DATE ", "Service"] == out[0][:5]
        assert ["yes", "139.00"] == [out[1][5], out[1][-1]]

    def test_old_mac_line_ends(self, sample: Path, tmp_path: Path) -> None:
        """A file whose lines end in a lone carriage return is read line by line."""
        claims = tmp_path / "claims.csv"
        row = f"{MAYA},cigna,{RIVERBEND},2026-05-04\r"
        claims.write_bytes(f"provider,payer,practice,date\r{row}\r{row}bad,cigna\r".encode())
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        assert [
            f"credkit: {claims}: line 5: date: expected a date written YYYY-MM-DD, got null; "
            "row skipped",
            "credkit: checked 2 claims: 2 allowed, 0 refused; 1 malformed row skipped",
        ] == done.stderr.splitlines()
        assert 3 == len(done.stdout.splitlines())

    def test_us_dates(self, sample: Path, tmp_path: Path) -> None:
        """--dates us reads MM/DD/YYYY; without it such a date is refused with the option named."""
        claims = tmp_path / "claims.csv"
        claims.write_text(f"provider,payer,practice,date\n{MAYA},cigna,{RIVERBEND},05/04/2026\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims), "--dates", "us")
        assert 0 == done.returncode, done.stderr
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        assert (
            f"credkit: {claims}: line 2: date: expected a date written YYYY-MM-DD, got "
            "'05/04/2026' (for MM/DD/YYYY dates, use --dates us); row skipped"
        ) == done.stderr.splitlines()[0]

    def test_report_claims_us_dates(self, sample: Path, tmp_path: Path) -> None:
        """report --claims reads through the same reader, and takes --dates us too."""
        claims = tmp_path / "claims.csv"
        claims.write_text(f"provider,payer,practice,date\n{MAYA},cigna,{RIVERBEND},05/04/2026\n")
        command = ["report", str(sample / "book.json"), "--on", "2026-05-06"]
        command += ["--html", str(tmp_path / "page.html"), "--claims", str(claims)]
        done = credkit(*command)
        assert 2 == done.returncode
        assert "(for MM/DD/YYYY dates, use --dates us); row skipped" in done.stderr
        done = credkit(*command, "--dates", "us")
        assert 0 == done.returncode, done.stderr

    def test_missing_column_lists_the_header(self, sample: Path, tmp_path: Path) -> None:
        """A header lacking a required column names it and lists the columns it has."""
        claims = tmp_path / "claims.csv"
        claims.write_text("NPI,Payer,Practice,Date\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert 2 == done.returncode
        assert [
            f"credkit: error: {claims}: line 1: missing column provider; the header has NPI, "
            "Payer, Practice, Date"
        ] == done.stderr.splitlines()


def ssn_book() -> Book:
    """A solo practice billing under its owner's SSN, with 9-digit ids that are not SSNs.

    The CAQH id, the license number and the contract id all fall due within 90 days of
    2024-01-02, so that the report prints each of them.
    """
    from credkit import (
        Affiliation,
        Contract,
        Credential,
        Individual,
        License,
        Payer,
        PayTo,
        Period,
        Practice,
    )

    ana = Provider(
        npi=MAYA,
        name="Ana",
        caqh_id="100200300",
        caqh_attested="2023-10-01",
        licenses=[
            License(
                state="NY",
                profession="psychologist",
                number="100200301",
                effective=Period("2020-01-01", "2024-02-01"),
            )
        ],
    )
    solo = Practice(
        name="Ana Solo",
        tin="536-90-4399",
        states=["NY"],
        roster=[Affiliation(provider=MAYA, effective=Period("2020-01-01"))],
    )
    return Book(
        providers=[ana],
        practices=[solo],
        payers=[Payer(id="aetna", name="Aetna")],
        credentials=[
            Credential(
                provider=MAYA, payer="aetna", status="approved", effective=Period("2020-01-01")
            )
        ],
        contracts=[
            Contract(
                id="aetna-100200400",
                payer="aetna",
                holder=Individual(provider=MAYA),
                status="executed",
                signed="2020-01-01",
                effective=Period("2020-01-01", "2024-03-01"),
                pay_to=[PayTo(tin="536-90-4399", npi=MAYA, effective=Period("2020-01-01"))],
            )
        ],
    )


class TestMaskingByType:
    """SSNs are masked because credkit holds them as SSNs, not because they have nine digits."""

    def test_passthrough_byte_for_byte(self, tmp_path: Path) -> None:
        """A spreadsheet's claims file: BOM, mixed-case headers, extra columns of 9-digit ids.

        Every column credkit does not read comes back exactly as written; the SSN the
        practice bills under is masked, in the practice column and the tax id result.
        """
        (tmp_path / "book.json").write_text(to_json(ssn_book()))
        extra = {
            "Claim_ID": ["100200300", "100200301"],
            " Member ID ": ["W123456789", "123-45-6789"],
            "Patient SSN?": ["987654321", " 123 45 6789 "],
            "Note": ["call 212-555-0100, re: 123456789", '"quoted", and\nmultiline'],
        }
        header = ["Claim_ID", " Provider", "PAYER", " Member ID ", "Practice", "Date ", "Note"]
        header.insert(6, "Patient SSN?")
        rows = []
        for index in range(2):
            row = {
                " Provider": MAYA,
                "PAYER": "aetna",
                "Practice": "536-90-4399",
                "Date ": "2024-01-02",
                **{name: values[index] for name, values in extra.items()},
            }
            rows.append([row[name] for name in header])
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows([header, *rows])
        claims = tmp_path / "claims.csv"
        claims.write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))

        done = credkit(
            "check-claims", str(tmp_path / "book.json"), str(claims), "-o", str(tmp_path / "o.csv")
        )
        assert 0 == done.returncode, done.stderr
        written = (tmp_path / "o.csv").read_bytes()
        assert written.startswith(b"\xef\xbb\xbf")
        out = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
        assert [*header, *RESULT_COLUMNS] == out[0]
        for index, line in enumerate(out[1:]):
            cells = dict(zip(out[0], line, strict=True))
            for name, values in extra.items():
                assert values[index] == cells[name]
            assert (MAYA, "aetna", "2024-01-02") == (
                cells[" Provider"],
                cells["PAYER"],
                cells["Date "],
            )
            assert ("***-**-4399", "***-**-4399") == (cells["Practice"], cells["tax_id"])
        assert b"536-90-4399" not in written
        assert b"536904399" not in written

    def test_json_lines_passthrough(self, tmp_path: Path) -> None:
        """--json carries the row's other columns as written, and the SSN masked."""
        (tmp_path / "book.json").write_text(to_json(ssn_book()))
        claims = tmp_path / "claims.csv"
        claims.write_text(
            "claim_id,member_id,provider,payer,practice,date\n"
            f"100200300,W123456789,{MAYA},aetna,536-90-4399,2024-01-02\n"
        )
        done = credkit("check-claims", str(tmp_path / "book.json"), str(claims), "--json")
        assert 0 == done.returncode, done.stderr
        assert "536-90-4399" not in done.stdout
        assert '"100200300"' in done.stdout
        assert '"W123456789"' in done.stdout
        assert '"***-**-4399"' in done.stdout

    def test_report_ids(self, tmp_path: Path) -> None:
        """The report prints CAQH ids, license numbers and contract ids whole; the SSN masked."""
        (tmp_path / "book.json").write_text(to_json(ssn_book()))
        for extra in ([], ["--json"]):
            done = credkit("report", str(tmp_path / "book.json"), "--on", "2024-01-02", *extra)
            assert 0 == done.returncode, done.stderr
            for whole in ("100200300", "100200301", "aetna-100200400"):
                assert whole in done.stdout, (whole, extra)
            assert "***-**-4399" in done.stdout
            assert "536" not in done.stdout

    def test_can_bill_json_masks_by_type(self, tmp_path: Path) -> None:
        """can-bill --json masks the SSN in the claim and in the billing identity."""
        (tmp_path / "book.json").write_text(to_json(ssn_book()))
        done = credkit(
            "can-bill",
            str(tmp_path / "book.json"),
            "--provider",
            MAYA,
            "--payer",
            "aetna",
            "--practice",
            "536-90-4399",
            "--on",
            "2024-01-02",
            "--json",
        )
        data = json.loads(done.stdout)
        assert "***-**-4399" == data["claim"]["practice"]
        assert "***-**-4399" == data["verdict"]["billing"]["tax_id"]
        assert "aetna-100200400" == data["verdict"]["contract"]

    def test_unknown_practice_masked_by_type(self, sample: Path) -> None:
        """An SSN typed as --practice is echoed masked: credkit reads it as an SSN."""
        done = credkit(
            "report", str(sample / "book.json"), "--on", "2026-06-01", "--practice", "536-90-4399"
        )
        assert "536" not in done.stdout + done.stderr
        assert "tax id ***-**-4399" in done.stdout


class TestOneAnswerOneShape:
    """One verdict shape, one exit code for an unknown practice, and the smaller promises."""

    def test_check_claims_verdict_is_can_bills(self, sample: Path) -> None:
        """Each claim's verdict in check-claims --json is the object can-bill --json prints."""
        done = credkit(
            "check-claims", str(sample / "book.json"), str(sample / "claims.csv"), "--json"
        )
        records = [json.loads(line) for line in done.stdout.splitlines()]
        for record in records:
            claim = record["claim"]
            options = ["--provider", claim["provider"], "--payer", claim["payer"]]
            options += ["--practice", claim["practice"], "--on", claim["on"]]
            for name in ("service", "state"):
                if claim[name]:
                    options += [f"--{name}", claim[name]]
            single = json.loads(
                credkit("can-bill", str(sample / "book.json"), *options, "--json").stdout
            )
            assert single == {"claim": claim, "verdict": record["verdict"]}
        refused = records[5]["verdict"]
        assert (False, None, None, None) == (
            refused["allowed"],
            refused["billing"],
            refused["rate"],
            refused["contract"],
        )
        assert ["code", "message"] == sorted(refused["reasons"][0])

    @pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
    def test_unknown_practice_same_exit_code(self, sample: Path, json_flag: list[str]) -> None:
        """report, can-bill and add-provider answer an unknown practice alike: exit 1, said once."""
        book, unknown = str(sample / "book.json"), "12-3456789"
        runs = [
            credkit("report", book, "--on", "2026-06-01", "--practice", unknown, *json_flag),
            credkit(
                "can-bill",
                *(book, "--provider", MAYA, "--payer", "cigna", "--practice", unknown),
                *("--on", "2026-06-01", *json_flag),
            ),
            credkit(
                "add-provider",
                *(book, "--practice", unknown, "--provider", str(sample / "provider.json")),
                *("--on", "2026-06-01", *json_flag),
            ),
        ]
        message = "the book holds no practice with tax id 12-3456789"
        assert [1, 1, 1] == [done.returncode for done in runs]
        assert [1, 1, 1] == [done.stdout.count(message) for done in runs]
        assert ["", "", ""] == [done.stderr for done in runs]

    def test_add_provider_by_npi(self, sample: Path, tmp_path: Path) -> None:
        """--provider takes the NPI of a provider in the book: the same plans as their file."""
        book = from_json((sample / "book.json").read_text(), Book)
        noah = book.provider(NOAH)
        assert noah is not None
        (tmp_path / "noah.json").write_text(to_json(noah))
        common = ["--practice", RIVERBEND, "--on", "2026-06-01", "--json"]
        by_npi = credkit("add-provider", str(sample / "book.json"), "--provider", NOAH, *common)
        by_file = credkit(
            "add-provider",
            str(sample / "book.json"),
            "--provider",
            str(tmp_path / "noah.json"),
            *common,
        )
        assert 0 == by_npi.returncode, by_npi.stderr
        assert by_file.stdout == by_npi.stdout
        assert "Noah Brooks, LCSW" == json.loads(by_npi.stdout)["provider"]

    @pytest.mark.parametrize(
        ("given", "message"),
        [
            ("1234567893", "--provider: the book holds no provider with NPI 1234567893; for"),
            ("1234567890", "--provider: NPI 1234567890 fails its check digit"),
            ("nowhere.json", "nowhere.json: no such provider file"),
        ],
    )
    def test_add_provider_bad_npi(self, sample: Path, given: str, message: str) -> None:
        """An NPI the book does not hold, or not an NPI, is an argument error, exit 2."""
        done = credkit(
            "add-provider",
            *(str(sample / "book.json"), "--practice", RIVERBEND, "--provider", given),
            *("--on", "2026-06-01"),
            cwd=sample,
        )
        assert 2 == done.returncode
        assert done.stderr.startswith(f"credkit: error: {message}"), done.stderr

    def test_one_claim_singular(self, sample: Path, tmp_path: Path) -> None:
        """One claim checked is "1 claim"."""
        claims = tmp_path / "claims.csv"
        claims.write_text(f"provider,payer,practice,date\n{MAYA},cigna,{RIVERBEND},2026-05-04\n")
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        assert "credkit: checked 1 claim: 1 allowed, 0 refused\n" == done.stderr

    @pytest.mark.parametrize("command", ["demo", "report", "can-bill", "add-provider"])
    def test_on_described(self, command: str) -> None:
        """Every command that takes --on says what the date is in its --help."""
        done = credkit(command, "--help")
        lines = done.stdout.split("\noptions:\n")[1].splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip().startswith("--on"))
        described = " ".join(lines[at : at + 3])
        assert "YYYY-MM-DD" in described, described

    def test_export_does_not_overwrite(self, tmp_path: Path) -> None:
        """demo --export refuses to write over files already there, and writes nothing; --force does."""
        (tmp_path / "book.json").write_text("mine")
        done = credkit("demo", "--export", str(tmp_path))
        assert 2 == done.returncode
        assert f"{tmp_path / 'book.json'}: already there; nothing was written" in done.stderr
        assert "mine" == (tmp_path / "book.json").read_text()
        assert not (tmp_path / "provider.json").exists()
        done = credkit("demo", "--export", str(tmp_path), "--force")
        assert 0 == done.returncode
        assert demo_text("demo_book.json") == (tmp_path / "book.json").read_text()


class TestResultColumns:
    """Result columns never overwrite a column of the user's."""

    def test_own_rate_column_kept(self, sample: Path, tmp_path: Path) -> None:
        """A user's own `rate` column is written back; the result columns come after it."""
        claims = tmp_path / "claims.csv"
        claims.write_text(
            f"provider,payer,practice,date,service,rate\n{MAYA},cigna,{RIVERBEND},2026-05-04,90837,120\n"
        )
        done = credkit("check-claims", str(sample / "book.json"), str(claims))
        header, row = list(csv.reader(io.StringIO(done.stdout)))
        assert [
            "provider",
            "payer",
            "practice",
            "date",
            "service",
            "rate",
            *RESULT_COLUMNS,
        ] == header
        assert ("120", "139.00") == (row[5], row[-1])

    def test_results_checked_again(self, sample: Path, tmp_path: Path) -> None:
        """A results file checked again keeps one set of result columns, filled in afresh."""
        first = tmp_path / "first.csv"
        done = credkit(
            "check-claims", str(sample / "book.json"), str(sample / "claims.csv"), "-o", str(first)
        )
        again = credkit("check-claims", str(sample / "book.json"), str(first))
        assert 1 == again.returncode, again.stderr
        assert first.read_text(encoding="utf-8").splitlines() == again.stdout.splitlines()
        assert 2 == done.returncode


class TestTables:
    """`template`, `import` and `export`, and every BOOK given as tables."""

    @pytest.mark.parametrize("name", ["tables", "book.xlsx"])
    def test_template_import_export(self, tmp_path: Path, name: str) -> None:
        """The template imports as a book, and the book exports as the same tables."""
        tables = tmp_path / name
        assert 0 == credkit("template", str(tables)).returncode
        done = credkit("import", str(tables), "-o", str(tmp_path / "book.json"))
        assert 0 == done.returncode
        assert (
            f"wrote Book(1 provider, 1 practice, 1 payer, 1 credential, 1 contract, 1 opt-out) "
            f"to "
            f"{tmp_path / 'book.json'}\n"
        ) == done.stdout
        again = tmp_path / f"again-{name}"
        assert 0 == credkit("export", str(tmp_path / "book.json"), "-o", str(again)).returncode
        book = from_json((tmp_path / "book.json").read_text(), Book)
        assert book == read_book(again) == read_book(tables)

    def test_template_keeps_filled_tables(self, tmp_path: Path) -> None:
        """A template is never written over tables already there."""
        assert 0 == credkit("template", str(tmp_path)).returncode
        done = credkit("template", str(tmp_path))
        assert 2 == done.returncode
        assert [
            f"credkit: error: {tmp_path}: already holds tables; give a new folder or workbook"
        ] == done.stderr.splitlines()

    @pytest.mark.parametrize("name", ["tables", "book.xlsx"])
    def test_every_command_reads_tables(self, sample: Path, tmp_path: Path, name: str) -> None:
        """report, can-bill, add-provider and check-claims answer from tables as from JSON."""
        tables = str(tmp_path / name)
        assert 0 == credkit("export", str(sample / "book.json"), "-o", tables).returncode
        for command in (
            ["report", "{book}", "--on", "2026-06-01"],
            [
                "can-bill",
                "{book}",
                "--provider",
                MAYA,
                "--payer",
                "cigna",
                "--practice",
                RIVERBEND,
                "--on",
                "2026-06-01",
            ],
            [
                "add-provider",
                "{book}",
                "--practice",
                RIVERBEND,
                "--provider",
                str(sample / "provider.json"),
                "--on",
                "2026-06-01",
            ],
            ["check-claims", "{book}", str(sample / "claims.csv")],
        ):
            from_json_book = credkit(
                *(part.replace("{book}", str(sample / "book.json")) for part in command)
            )
            from_tables = credkit(*(part.replace("{book}", tables) for part in command))
            assert (from_json_book.returncode, from_json_book.stdout) == (
                from_tables.returncode,
                from_tables.stdout,
            )

    def test_problems_located_in_files(self, tmp_path: Path) -> None:
        """Every problem in a folder's tables is named by its file, line and column, exit 2."""
        (tmp_path / "practices.csv").write_text(
            "tin,name,states\n123-45-6789,Solo,NY\n123-45-6789,Solo again,NJ\n"
        )
        (tmp_path / "roster.csv").write_text("practice,provider,start\n123-45-6789,1234567893,\n")
        done = credkit("report", str(tmp_path), "--on", "2026-06-01")
        assert 2 == done.returncode
        assert [
            f"credkit: error: {tmp_path / 'practices.csv'}: line 3: tin: ***-**-6789 is "
            "already used on line 2",
            f"credkit: error: {tmp_path / 'roster.csv'}: line 2: provider: no provider with "
            "NPI 1234567893 in providers",
            f"credkit: error: {tmp_path / 'roster.csv'}: line 2: start: empty, but required",
        ] == done.stderr.splitlines()
        assert "123-45-6789" not in done.stderr + done.stdout

    def test_workbook_problems_name_the_path(self, tmp_path: Path) -> None:
        """A workbook's problems start with the path as it was given."""
        book = Book(payers=[Payer(id="a", name="A")])
        write_book(book, tmp_path / "book.xlsx")
        done = credkit("import", "book.xlsx", "-o", "out.json", cwd=tmp_path)
        assert 0 == done.returncode
        (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
        done = credkit("import", str(tmp_path / "bad.xlsx"), "-o", "out.json", cwd=tmp_path)
        assert [
            f"credkit: error: {tmp_path / 'bad.xlsx'}: not an .xlsx workbook (BadZipFile)"
        ] == done.stderr.splitlines()

    def test_us_dates(self, tmp_path: Path) -> None:
        """import --dates us reads MM/DD/YYYY dates in CSV tables."""
        (tmp_path / "payers.csv").write_text("id,name,as_of\naetna,Aetna,02/01/2026\n")
        done = credkit("import", str(tmp_path), "-o", str(tmp_path / "b.json"), "--dates", "us")
        assert 0 == done.returncode
        assert (
            date_(2026, 2, 1)
            == from_json((tmp_path / "b.json").read_text(), Book).payers[0].rules.as_of
        )

    def test_export_refuses_untrimmed_text(self, tmp_path: Path) -> None:
        """A book whose text a table would trim is refused, naming the cell."""
        (tmp_path / "book.json").write_text(to_json(Book(payers=[Payer(id="a", name=" A")])))
        done = credkit("export", str(tmp_path / "book.json"), "-o", str(tmp_path / "out"))
        assert 2 == done.returncode
        assert [
            f"credkit: error: {tmp_path / 'out'}: payers: row 1: name: text that begins or "
            "ends with spaces cannot be kept in a table, whose cells are trimmed"
        ] == done.stderr.splitlines()


def check_in_process(
    monkeypatch: pytest.MonkeyPatch, block_rows: int, *arguments: str
) -> tuple[int, str, str]:
    """Run check-claims in this process, reading the claims file `block_rows` rows at a time."""
    from credkit import cli
    from credkit.cli import _common

    monkeypatch.setattr(_common, "CLAIM_BLOCK_ROWS", block_rows)
    out, errors = io.StringIO(), io.StringIO()
    code = cli.COMMANDS["check-claims"](
        cli.parser().parse_args(["check-claims", *arguments]), out, errors
    )
    return code, out.getvalue(), errors.getvalue()


# Every kind of row at once: good rows, notes with commas, quotes and line breaks, blank
# lines, a short row, a long one, a bad date, a bad provider and payer, a stray quote,
# a byte that is not UTF-8, padded cells, an empty service.
MESSY_CLAIMS = (
    "claim_id,Provider , payer,practice,DATE,service,state,note\r\n"
    f"1,{MAYA},cigna,{RIVERBEND},2026-05-04,90837,,plain\r\n"
    f'2,{NOAH},aetna,{RIVERBEND},2026-05-06,90791,NY,"a, b"\r\n'
    "\r\n"
    f'3, {MAYA} ,cigna,{RIVERBEND}, 2026-05-04 ,,,"two\r\nlines"\r\n'
    f"4,{MAYA},cigna,{RIVERBEND}\r\n"
    f"5,{MAYA},cigna,{RIVERBEND},2026-05-04,90837,,note,extra\r\n"
    f"6,{MAYA},cigna,{RIVERBEND},2026-13-01,90837,,\r\n"
    f"7,17439261,Cigna Health,{RIVERBEND},2026-05-04,90837,,\r\n"
    f'8,{MAYA},cigna,{RIVERBEND},2026-05-04,90837,,"1"x\r\n'
    f"9,{MAYA},cigna,{RIVERBEND},2026-05-04,90837,,\xff\r\n"
    f'10,{JORDAN},cigna,{RIVERBEND},2026-05-05,90847,,"say ""hi"""\r\n'
    f"11,{PRIYA},optum,{RIVERBEND},2025-03-10,90837,,last\r\n"
).encode("utf-8", errors="surrogateescape")


class TestBlocks:
    """A claims file is read, checked and written a block of rows at a time, as if whole."""

    def test_messy_file(self, sample: Path, tmp_path: Path) -> None:
        """Each bad row is named with its line, in order; the good rows come out as written."""
        claims = tmp_path / "claims.csv"
        claims.write_bytes(MESSY_CLAIMS.replace("\xff".encode(), b"\xff"))
        out = tmp_path / "out.csv"
        done = credkit("check-claims", str(sample / "book.json"), str(claims), "-o", str(out))
        assert 2 == done.returncode
        where = f"credkit: {claims}: line"
        assert [
            f"{where} 7: date: expected a date written YYYY-MM-DD, got null; row skipped",
            f"{where} 8: more values than columns; row skipped",
            f"{where} 9: date: '2026-13-01' is not a real calendar date; row skipped",
            f"{where} 10: provider: an NPI is 10 digits, got '17439261'; row skipped",
            f"{where} 11: not readable as CSV (',' expected after '\"'); row skipped",
            f"{where} 12: not UTF-8 text; row skipped",
            "credkit: checked 5 claims: 4 allowed, 1 refused; 6 malformed rows skipped",
        ] == done.stderr.splitlines()
        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
        assert ["1", "2", "3", "10", "11"] == [row[0] for row in rows[1:]]
        assert ["plain", "a, b", "two\r\nlines", 'say "hi"', "last"] == [row[7] for row in rows[1:]]
        assert ["Provider ", " payer", "DATE"] == [rows[0][1], rows[0][2], rows[0][4]]
        assert [f" {MAYA} ", " 2026-05-04 "] == [rows[3][1], rows[3][4]]
        assert ["yes", "yes", "yes", "yes", "no"] == [row[8] for row in rows[1:]]

    @pytest.mark.parametrize("block_rows", [1, 2, 3, 5])
    @pytest.mark.parametrize("json_flag", [[], ["--json"]])
    def test_any_block_size(
        self,
        sample: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        block_rows: int,
        json_flag: list[str],
    ) -> None:
        """However many rows a block holds, the output, the messages and the exit code agree."""
        claims = tmp_path / "claims.csv"
        claims.write_bytes(MESSY_CLAIMS.replace("\xff".encode(), b"\xff"))
        given = [str(sample / "book.json"), str(claims), *json_flag]
        whole = check_in_process(monkeypatch, 10_000, *given)
        assert whole == check_in_process(monkeypatch, block_rows, *given)
        if json_flag:
            lines = [json.loads(line)["line"] for line in whole[1].splitlines()]
            assert [2, 3, 5, 13, 14] == lines

    @given(
        st.lists(
            st.lists(st.text(st.sampled_from('ab ,"\r\n'), max_size=4), min_size=2, max_size=2),
            min_size=1,
            max_size=4,
        ),
        st.booleans(),
    )
    def test_written_as_the_csv_module_writes(self, cells: list[list[str]], placed: bool) -> None:
        """Rows written with their verdicts' endings are what csv.writer writes of them."""
        from credkit.answers import Code, Reason, Verdict
        from credkit.cli.check_claims import Layout, Results

        names = ["a", "b", *(RESULT_COLUMNS if placed else [])]
        layout = Layout(Header(cells=tuple(names)))
        verdict = Verdict(
            allowed=False,
            reasons=[
                Reason(code=Code.UNKNOWN_PAYER, message="no payer"),
                Reason(code=Code.NOT_CONTRACTED, message="no contract"),
            ],
        )
        own = [[*row, *([""] * len(RESULT_COLUMNS) if placed else [])] for row in cells]
        verdicts = [verdict] * len(own)
        formatted = Results()
        text = io.StringIO()
        joined = "".join(cell for row in own for cell in row)
        plain = not any(mark in joined for mark in ',"\r\n')
        writer = csv.writer(text, lineterminator="\r\n")
        layout.write(text, writer, own, verdicts, formatted, plain=plain)
        expected = io.StringIO()
        results = formatted.of(verdicts)[0]
        csv.writer(expected, lineterminator="\r\n").writerows(
            [row[:2] + results for row in own] if placed else [row + results for row in own]
        )
        assert expected.getvalue() == text.getvalue()
