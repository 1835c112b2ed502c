"""Sessions for contributors and CI: ``nox -s tests`` runs the suite on every Python credkit claims.

``nox -l`` lists the sessions. The Pythons are the ones pyproject.toml's classifiers
claim; each is taken from PATH (``python3.12``), or else from what pyenv has installed,
so no path is written here. A Python that cannot be found skips its session locally
and fails it on CI (``CI`` set), as nox does by default.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT)
OLDEST = PYTHONS[0]

# uv makes and fills an environment in seconds, where pip takes tens of seconds; the
# test extra installs it, and without it nox falls back to venv and pip.
nox.options.default_venv_backend = "uv|venv"
# Interpreters come from this machine, never from a download.
nox.options.download_python = "never"
nox.options.sessions = ["tests", "lint", "types", "docs", "build"]


def _runs(command: str) -> bool:
    """Whether ``command`` is a Python that starts (a pyenv shim of a version not selected does not)."""
    found = shutil.which(command)
    if found is None:
        return False
    done = subprocess.run([found, "-c", ""], capture_output=True, check=False)
    return done.returncode == 0


def _put_pyenv_pythons_on_path() -> None:
    """Link each claimed Python that pyenv has, and PATH lacks, into .nox/pythons, put on PATH.

    Only ``pythonX.Y`` is linked, so ``python3`` on PATH stays what it was.
    """
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return
    links = ROOT / ".nox" / "pythons"
    for python in PYTHONS:
        if _runs(f"python{python}"):
            continue
        latest = subprocess.run(
            [pyenv, "latest", python], capture_output=True, text=True, check=False
        )
        if latest.returncode != 0:
            continue
        prefix = subprocess.run(
            [pyenv, "prefix", latest.stdout.strip()], capture_output=True, text=True, check=True
        ).stdout.strip()
        links.mkdir(parents=True, exist_ok=True)
        link = links / f"python{python}"
        link.unlink(missing_ok=True)
        link.symlink_to(Path(prefix) / "bin" / f"python{python}")
    if links.is_dir():
        os.environ["PATH"] = os.pathsep.join([str(links), os.environ["PATH"]])


_put_pyenv_pythons_on_path()


def _requirement(extra: str, name: str) -> str:
    """The requirement for ``name`` as the ``extra`` of pyproject.toml writes it (one version range)."""
    for requirement in PYPROJECT["project"]["optional-dependencies"][extra]:
        if re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0] == name:
            return str(requirement)
    raise ValueError(f"pyproject.toml's {extra!r} extra does not list {name!r}")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite, doctests included, with every optional extra installed, on every core.

    Arguments after ``--`` go to pytest instead of ``-n auto``: ``nox -s tests-3.12 --
    -x tests/test_cli.py`` runs one file in one process.
    """
    session.install("-e", ".[test,all]")
    arguments = session.posargs or ["-n", "auto", "--dist", "loadgroup"]
    session.run("python", "-m", "pytest", *arguments)


@nox.session(python=OLDEST)
def lint(session: nox.Session) -> None:
    """Lint with ruff's checks and its formatter, on everything."""
    session.install(_requirement("test", "ruff"))
    session.run("ruff", "check")
    session.run("ruff", "format", "--check")


@nox.session(python=OLDEST)
def types(session: nox.Session) -> None:
    """Type-check src/credkit with mypy --strict, every optional extra installed for the edges."""
    session.install("-e", ".[test,all]")
    session.run("mypy")


@nox.session(python=OLDEST)
def docs(session: nox.Session) -> None:
    """The reference manual, built with warnings as errors into build/docs."""
    session.install("-e", ".[docs,all]")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "build/docs", *session.posargs
    )


@nox.session(python=OLDEST)
def build(session: nox.Session) -> None:
    """The sdist and the wheel, in dist/, checked by twine."""
    session.install(_requirement("release", "build"), _requirement("release", "twine"))
    shutil.rmtree(ROOT / "dist", ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("twine", "check", "--strict", *sorted(str(path) for path in ROOT.glob("dist/*")))
