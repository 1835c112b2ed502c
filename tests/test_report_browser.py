"""The HTML report as a browser renders it: headless Chromium, the DOM read back, a screenshot."""

import re
import struct
from pathlib import Path

from credkit import Book, Claim
from credkit.report import html_report
from tests import browser
from tests.test_progress import demo_book

ON = "2026-11-28"

# Appended to a copy of the page for the test alone: the report itself has no script.
MEASURE = """<script>
const svg = document.querySelector("svg");
const box = svg.getBoundingClientRect();
document.body.setAttribute("data-svg", box.width + "x" + box.height);
</script></body>"""


def report(book: Book) -> str:
    practice = book.practices[0]
    claims = [
        Claim(
            provider=p.npi, payer="cigna", practice=practice.tin, on="2026-11-20", service="90837"
        )
        for p in book.providers
    ]
    return html_report(book, on=ON, practice=practice.tin, claims=claims)


def png_size(picture: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    header = picture.read_bytes()[:24]
    assert b"\x89PNG\r\n\x1a\n" == header[:8]
    width, height = struct.unpack(">II", header[16:24])
    return width, height


class TestInChromium:
    """The report renders in a real browser."""

    def test_rendered_dom_names_everyone_and_lays_out_the_chart(self, tmp_path: Path) -> None:
        """Chromium lays out the chart with a size, and the page names each provider and payer."""
        book = demo_book()
        page = tmp_path / "report.html"
        page.write_text(report(book).replace("</body>", MEASURE), encoding="utf-8")
        dom = browser.run(page, tmp_path / "profile", "--dump-dom", "--virtual-time-budget=2000")
        size = re.search(r'data-svg="([0-9.]+)x([0-9.]+)"', dom)
        assert size is not None, "the chart was not measured"
        width, height = float(size.group(1)), float(size.group(2))
        assert width > 400
        assert height > 100
        practice = book.practices[0]
        for provider in book.providers:
            if any(entry.provider == provider.npi for entry in practice.roster):
                assert provider.name in dom
        for payer in book.payers:
            assert payer.name in dom

    def test_screenshot(self, tmp_path: Path) -> None:
        """A screenshot of the page is a PNG of the window's size."""
        page = tmp_path / "report.html"
        page.write_text(report(demo_book()), encoding="utf-8")
        picture = tmp_path / "report.png"
        browser.screenshot(page, picture, tmp_path / "profile", (1000, 1400))
        assert (1000, 1400) == png_size(picture)
