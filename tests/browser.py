"""Headless Chromium for the tests that look at a page as a person would.

Debian's ``chromium`` package (``.ci/run`` installs it when missing). A test that
needs it asks for :func:`chromium` and is skipped, saying so, where none is found.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

# Flags for a sandboxed, offline machine: no first-run, sync or background traffic.
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


def chromium() -> str:
    """The path of a Chromium to run, or skip the test saying none is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium installed (Debian: apt-get install chromium)")


def run(page: Path, profile: Path, *extra: str) -> str:
    """Load ``page`` in headless Chromium with ``extra`` flags; give what it prints."""
    done = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def screenshot(page: Path, picture: Path, profile: Path, size: tuple[int, int]) -> None:
    """Save a PNG of ``page`` as it renders in a window of ``size`` pixels."""
    run(page, profile, f"--screenshot={picture}", f"--window-size={size[0]},{size[1]}")
