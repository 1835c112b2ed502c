"""The command-line runs shown in docs/cli.md are real: run each and compare.

Each ``console`` block is a session: a line starting with ``$ `` is a command, the
lines after it (up to the next command) are what it prints, standard error first,
and a last line ``(exit status N)`` gives a non-zero exit status. The commands run
in order, in one scratch folder, so files one writes are there for the next.
"""

import re
import shlex
from pathlib import Path

from tests.cli import credkit

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
EXIT = re.compile(r"\(exit status (\d+)\)")


def sessions() -> list[tuple[str, list[str], int]]:
    """Every (command, expected lines, expected exit status) in the document, in order."""
    found: list[tuple[str, list[str], int]] = []
    for block in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], [], 0))
            elif match := EXIT.fullmatch(line):
                command, expected, _ = found[-1]
                found[-1] = (command, expected, int(match.group(1)))
            else:
                found[-1][1].append(line)
    return found


def run(command: str, folder: Path) -> tuple[list[str], int]:
    """Run one documented command; ``cat`` is read directly, ``credkit`` run as ``python -m credkit`` runs it."""
    program, *arguments = shlex.split(command)
    if program == "cat":
        return (folder / arguments[0]).read_text(encoding="utf-8").splitlines(), 0
    assert "credkit" == program, f"docs/cli.md runs only credkit and cat, not {program}"
    done = credkit(*arguments, cwd=folder)
    return (done.stderr + done.stdout).splitlines(), done.returncode


class TestCommandLineDocs:
    """Every command in docs/cli.md prints what the page says, with the exit status it says."""

    def test_documents_every_command(self) -> None:
        """The page shows a run of each command."""
        shown = {
            shlex.split(command)[1] for command, _, _ in sessions() if command.startswith("credkit")
        }
        assert {
            "demo",
            "report",
            "can-bill",
            "add-provider",
            "check-claims",
            "template",
            "import",
            "export",
            "scrub",
        } <= shown

    def test_runs(self, tmp_path: Path) -> None:
        """Each command's output and exit status match the page."""
        for command, expected, status in sessions():
            output, code = run(command, tmp_path)
            assert (expected, status) == (output, code), command
