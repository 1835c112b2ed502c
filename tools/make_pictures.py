"""Draw the pictures that docs/report.md shows, from the sample book ``credkit demo`` uses.

    python tools/make_pictures.py

Writes ``docs/images/timeline.svg`` (the road-to-billable chart, as
``Timeline.svg()`` draws it) and ``docs/images/report.png`` (a screenshot of the
one-page HTML report in headless Chromium; Debian's ``chromium`` package).
"""

import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

from credkit import Book, Claim, from_json
from credkit.report import html_report

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
ON = "2026-11-28"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def main() -> int:
    """Draw both pictures; return 1 when no Chromium is there for the screenshot."""
    text = resources.files("credkit").joinpath("data", "demo_book.json").read_text("utf-8")
    book = from_json(text, Book)
    practice = book.practices[0]
    IMAGES.mkdir(parents=True, exist_ok=True)
    timeline = book.timeline(practice.tin, on=ON)
    (IMAGES / "timeline.svg").write_text(timeline.svg() + "\n", encoding="utf-8")
    claims = [
        Claim(
            provider=p.npi, payer="cigna", practice=practice.tin, on="2026-11-20", service="90837"
        )
        for p in book.providers
    ]
    page = html_report(book, on=ON, practice=practice.tin, claims=claims)
    browser = shutil.which("chromium")
    if browser is None:
        print("no chromium: wrote timeline.svg only", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "report.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={scratch}/profile",
                f"--screenshot={IMAGES / 'report.png'}",
                "--window-size=1000,1500",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {IMAGES / 'timeline.svg'} and {IMAGES / 'report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
