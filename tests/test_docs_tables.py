"""The walk-through in docs/tables.md is real: write its files, run its commands, compare.

A ``csv PATH`` block is a file the reader writes (written, in the scratch folder, when
the replay reaches it); a ``console`` block is a session, read as in docs/cli.md. The
one command other than ``credkit`` and ``cat`` is ``rm``, which deletes files.
"""

import re
import shlex
from pathlib import Path

from tests.test_docs_cli import EXIT, run

DOC = Path(__file__).resolve().parent.parent / "docs" / "tables.md"
BLOCK = re.compile(r"```(console|csv [^\n]+)\n(.*?)```", re.DOTALL)


def steps() -> list[tuple[str, str, list[str], int]]:
    """Every step in order: ("file", path, lines, 0) or ("run", command, expected, status)."""
    found: list[tuple[str, str, list[str], int]] = []
    for kind, body in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        if kind != "console":
            found.append(("file", kind.split(" ", 1)[1], body.splitlines(), 0))
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                found.append(("run", line[2:], [], 0))
            elif match := EXIT.fullmatch(line):
                step, command, expected, _ = found[-1]
                found[-1] = (step, command, expected, int(match.group(1)))
            else:
                found[-1][2].append(line)
    return found


class TestTablesWalkThrough:
    """The template, filled in for a three-clinician practice, reports as the page says."""

    def test_walks_through_template_and_report(self) -> None:
        """The page fills the template and runs credkit report on it."""
        commands = [command for step, command, _, _ in steps() if step == "run"]
        assert "credkit template lakeside" in commands
        assert any(command.startswith("credkit report lakeside") for command in commands)

    def test_runs(self, tmp_path: Path) -> None:
        """Each command's output and exit status match the page, with the files as shown."""
        for step, what, lines, status in steps():
            if step == "file":
                (tmp_path / what).write_text("\n".join(lines) + "\n", encoding="utf-8")
            elif what.startswith("rm "):
                for name in shlex.split(what)[1:]:
                    (tmp_path / name).unlink()
            else:
                assert (lines, status) == run(what, tmp_path), what
