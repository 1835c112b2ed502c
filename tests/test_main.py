"""``python -m credkit`` is the command line."""

import subprocess
import sys

import pytest

from credkit import __version__


class TestModuleEntryPoint:
    """`python -m credkit` runs the same command line as the `credkit` script."""

    def test_version(self) -> None:
        """It answers --version with the package's version."""
        done = subprocess.run(
            [sys.executable, "-m", "credkit", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode
        assert f"credkit {__version__}\n" == done.stdout

    def test_exit_code_is_the_commands(self) -> None:
        """The process exits with the command's code (2 here: no command given)."""
        done = subprocess.run(
            [sys.executable, "-m", "credkit"], capture_output=True, text=True, check=False
        )
        assert 2 == done.returncode

    def test_run_exits_with_main(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The console script's entry point exits with main()'s return value."""
        from credkit import cli

        monkeypatch.setattr(sys, "argv", ["credkit", "demo", "--on", "2026-06-01"])
        with pytest.raises(SystemExit) as raised:
            cli.run()
        assert 0 == raised.value.code
