"""`credkit scrub BOOK CLAIMS.837`, run for real on the demo's 837P batch."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest

from credkit.cli._common import demo_text
from credkit.scrub import ROW_FIELDS
from tests.test_cli import credkit, sample  # noqa: F401 - sample is a fixture
from tests.test_x12 import pyx12_validates

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {
    ("RB0001", "1"): ("yes", ""),
    ("RB0002", "1"): ("yes", ""),
    ("RB0002", "2"): ("yes", ""),
    ("RB0003", "1"): ("yes", ""),
    ("RB0004", "1"): ("no", "credentialing_pending;contract_not_signed"),
    ("RB0005", "1"): ("yes", ""),
    ("RB0006", "1"): ("no", "credentialing_pending;not_on_group_contract"),
    ("RB0007", "1"): ("no", "unknown_payer"),
    ("RB0008", "1"): ("no", "rendering_npi_mismatch"),
    ("RB0009", "1"): ("no", "tax_id_mismatch"),
}


class TestDemoBatch:
    """The 837P batch credkit ships is the one tools/make_demo.py writes, and pyx12 finds it valid."""

    def test_written_by_the_tool(self) -> None:
        """The shipped file is what the demo's story writes today."""
        spec = importlib.util.spec_from_file_location("make_demo", ROOT / "tools" / "make_demo.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert module.BATCH == demo_text("demo_claims.837")

    def test_valid(self) -> None:
        """pyx12's validator accepts it."""
        assert pyx12_validates(demo_text("demo_claims.837"))


class TestScrub:
    """One row per service line, a summary on stderr, exit codes as for check-claims."""

    def test_rows(self, sample: Path) -> None:  # noqa: F811
        """Each line's verdict, with the expected billing identity; exit 1 as some are refused."""
        done = credkit("scrub", str(sample / "book.json"), str(sample / "claims.837"))
        assert 1 == done.returncode
        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        assert list(ROW_FIELDS) == list(rows[0])
        assert EXPECTED == {
            (row["claim_id"], row["line"]): (row["allowed"], row["reasons"]) for row in rows
        }
        assert ("1203456789", "87-2045613", "1743926184", "180.00") == (
            rows[-1]["expected_billing_npi"],
            rows[-1]["expected_tax_id"],
            rows[-1]["expected_rendering_npi"],
            rows[-1]["charge"],
        )

    def test_summary(self, sample: Path) -> None:  # noqa: F811
        """Lines, claims, refused by reason, and the charges at risk in dollars."""
        done = credkit("scrub", str(sample / "book.json"), str(sample / "claims.837"))
        assert [
            "credkit: 10 service lines in 9 claims: 5 allowed, 5 refused",
            "credkit:   contract_not_signed: 1",
            "credkit:   credentialing_pending: 2",
            "credkit:   not_on_group_contract: 1",
            "credkit:   rendering_npi_mismatch: 1",
            "credkit:   tax_id_mismatch: 1",
            "credkit:   unknown_payer: 1",
            "credkit: charges at risk: $920.00 of $1,645.00",
        ] == done.stderr.splitlines()

    def test_json(self, sample: Path) -> None:  # noqa: F811
        """--json: one object per line, in the verdict's shape."""
        done = credkit("scrub", str(sample / "book.json"), str(sample / "claims.837"), "--json")
        records = [json.loads(line) for line in done.stdout.splitlines()]
        assert EXPECTED == {
            (record["claim_id"], str(record["line"])): (
                "yes" if record["allowed"] else "no",
                ";".join(reason["code"] for reason in record["reasons"]),
            )
            for record in records
        }
        assert all(
            {"code", "message"} == set(reason) for record in records for reason in record["reasons"]
        )

    def test_output_file(self, sample: Path, tmp_path: Path) -> None:  # noqa: F811
        """-o writes the rows to a file instead."""
        out = tmp_path / "scrubbed.csv"
        done = credkit(
            "scrub", str(sample / "book.json"), str(sample / "claims.837"), "-o", str(out)
        )
        assert ("", 1) == (done.stdout, done.returncode)
        assert 11 == len(out.read_text(encoding="utf-8").splitlines())

    def test_all_allowed(self, sample: Path, tmp_path: Path) -> None:  # noqa: F811
        """A batch with nothing refused exits 0."""
        text = demo_text("demo_claims.837")
        segments = text.split("~\n")
        # Keep the envelope and the first claim only (Maya, Cigna, allowed).
        first_claim_end = segments.index("HL*3*1*22*0")
        kept = [*segments[:first_claim_end], "SE*SE_COUNT*0001", "GE*1*1", "IEA*1*000000001", ""]
        count = first_claim_end - 1
        batch = "~\n".join(kept).replace("SE_COUNT", str(count))
        (tmp_path / "one.837").write_text(batch, encoding="utf-8")
        done = credkit("scrub", str(sample / "book.json"), str(tmp_path / "one.837"))
        assert (0, "credkit: 1 service line in 1 claim: 1 allowed, 0 refused") == (
            done.returncode,
            done.stderr.splitlines()[0],
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("provider,payer\n", "segment 1: not an X12 file"),
            ("ISA*00*" + "x" * 120 + "~", "segment 1"),
        ],
    )
    def test_bad_file(self, sample: Path, tmp_path: Path, content: str, message: str) -> None:  # noqa: F811
        """A file that is not an 837P: exit 2, each problem on a line naming the file, no rows."""
        path = tmp_path / "bad.837"
        path.write_text(content, encoding="utf-8")
        done = credkit("scrub", str(sample / "book.json"), str(path))
        assert (2, "") == (done.returncode, done.stdout)
        assert done.stderr.startswith(f"credkit: error: {path}: {message}")

    def test_missing_file(self, sample: Path) -> None:  # noqa: F811
        """A claims file that is not there: exit 2, one line."""
        done = credkit("scrub", str(sample / "book.json"), "nowhere.837")
        assert (2, "credkit: error: nowhere.837: no such 837P claims file\n") == (
            done.returncode,
            done.stderr,
        )
