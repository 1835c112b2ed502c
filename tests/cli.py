"""The command line run in the test's own process, as ``python -m credkit`` would run it.

A subprocess per run costs an interpreter's start and credkit's import each time; the
command-line tests make about a hundred runs. ``credkit()`` calls ``credkit.cli.main``
with standard output and standard error in memory, as a pipe would give them (UTF-8,
not a terminal), in the given folder, and hands back what a subprocess run would have
given. The real entry points, ``python -m credkit`` and the installed ``credkit``
script, are run as processes in tests/test_main.py, tests/test_cli.py's
``TestConsoleScript`` and tests/test_release.py.
"""

import contextlib
import io
import subprocess
from pathlib import Path

from credkit import cli


def _stream() -> io.TextIOWrapper:
    """A text stream like a child process's stdout on a pipe, with PYTHONIOENCODING=utf-8."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    """What a parent reading the pipe with ``text=True`` gets: universal newlines."""
    raw = stream.buffer.getvalue()
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline=None).read()


def credkit(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line on ``arguments`` in ``cwd``; its exit code, stdout and stderr.

    An exception that escapes ``main`` fails the test where a process would have
    printed a traceback.
    """
    out, errors = _stream(), _stream()
    with (
        contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(errors),
    ):
        try:
            code = cli.main(list(arguments))
        except SystemExit as leaving:  # argparse's --help and --version
            code = 0 if leaving.code is None else leaving.code
            assert isinstance(code, int), leaving.code
    return subprocess.CompletedProcess(
        ["credkit", *arguments], code, stdout=_read(out), stderr=_read(errors)
    )
