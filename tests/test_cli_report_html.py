"""`credkit report --html`: the one-page report written to a file, run for real."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from credkit import Book, Practice, from_json, to_json
from tests.test_cli import RIVERBEND, credkit


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's files, exported to a folder."""
    folder = tmp_path_factory.mktemp("sample")
    assert 0 == credkit("demo", "--export", str(folder)).returncode
    return folder


def page(path: Path) -> ET.Element:
    return ET.fromstring(path.read_text(encoding="utf-8").removeprefix("<!DOCTYPE html>\n"))


class TestReportHtml:
    """The report as one self-contained page."""

    def test_writes_the_page(self, sample: Path, tmp_path: Path) -> None:
        """--html writes a well-formed page with every section, says so, and exits 0."""
        out = tmp_path / "report.html"
        done = credkit(
            "report", str(sample / "book.json"), "--on", "2026-05-06", "--html", str(out)
        )
        assert (0, "", f"credkit: wrote {out}\n") == (done.returncode, done.stdout, done.stderr)
        kinds = [section.get("class") for section in page(out).iter("section")]
        # Two practices, four sections each, then the book's deadlines.
        assert ["matrix", "groups", "timeline", "pending"] * 2 + ["deadlines"] == kinds

    def test_one_practice_with_claims(self, sample: Path, tmp_path: Path) -> None:
        """--practice keeps one practice; --claims adds the revenue at risk; a bad row exits 2."""
        out = tmp_path / "riverbend.html"
        done = credkit(
            "report",
            str(sample / "book.json"),
            "--on",
            "2026-05-06",
            "--practice",
            RIVERBEND,
            "--html",
            str(out),
            "--claims",
            str(sample / "claims.csv"),
        )
        # The sample claims file has one malformed row, reported and left out.
        assert 2 == done.returncode
        assert "row skipped" in done.stderr
        root = page(out)
        assert 1 == len(list(root.iter("article")))
        risk = [s for s in root.iter("section") if s.get("class") == "risk"]
        assert 1 == len(risk)
        assert "at risk" in "".join(risk[0].itertext())

    def test_an_ssn_practice_is_masked(self, sample: Path, tmp_path: Path) -> None:
        """A practice whose tax id is an SSN shows it masked in the page."""
        book = from_json((sample / "book.json").read_text(encoding="utf-8"), Book)
        solo = Practice(name="Solo Therapy", tin="123-45-6789", states=["NY"])
        path = tmp_path / "solo.json"
        path.write_text(to_json(Book(payers=book.payers, practices=[solo])), encoding="utf-8")
        out = tmp_path / "solo.html"
        done = credkit("report", str(path), "--on", "2026-05-06", "--html", str(out))
        assert 0 == done.returncode
        text = out.read_text(encoding="utf-8")
        assert "***-**-6789" in text
        assert "123-45-6789" not in text
        assert "123456789" not in text

    def test_an_unwritable_file_is_refused(self, sample: Path, tmp_path: Path) -> None:
        """A page that cannot be written is one line and exit status 2."""
        out = tmp_path / "missing" / "report.html"
        done = credkit(
            "report", str(sample / "book.json"), "--on", "2026-05-06", "--html", str(out)
        )
        assert 2 == done.returncode
        assert f"credkit: error: {out}: cannot be written (No such file or directory)\n" == (
            done.stderr
        )
