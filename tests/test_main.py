"""``python -m credkit`` shows a worked example."""

import subprocess
import sys

from credkit import Contract, from_json
from credkit.__main__ import main


class TestWorkedExample:
    """The module entry point prints a readable example whose JSON loads back."""

    def test_prints_example(self, capsys) -> None:  # type: ignore[no-untyped-def]
        """It names the clinician and practice, then prints a contract that from_json reads."""
        main()
        lines = capsys.readouterr().out.splitlines()
        assert "Ana Ruiz, LCSW (NPI 1234567893), licensed in NY" == lines[0]
        assert "bills through Harbor Therapy (tax id 12-3456789)" == lines[1]
        contract = from_json("\n".join(lines[3:]), Contract)
        assert "aetna-ana" == contract.id

    def test_runs_as_a_module(self) -> None:
        """`python -m credkit` exits 0 and prints the example."""
        done = subprocess.run(
            [sys.executable, "-m", "credkit"], capture_output=True, text=True, check=False
        )
        assert 0 == done.returncode
        assert done.stdout.startswith("Ana Ruiz, LCSW")
        assert "" == done.stderr
