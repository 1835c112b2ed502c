"""The release as a user gets it: the sdist and the wheel `python -m build` makes, installed afresh.

The wheel goes into a new virtual environment of its own (its dependencies from the
package index, as a user's would), and the console script, the package data and
the README's example are tried from there, not from this checkout.
"""

import doctest
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

# Both fixtures build once per process (session-scoped, so that tests of other modules
# run between these on the same worker do not make them build again): keep this
# module's tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("release")

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = PROJECT["version"]
README_EXAMPLE = re.compile(r"```python\n(.*?)```", re.DOTALL)


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails."""
    done = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert 0 == done.returncode, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist, and the wheel built from it, as `python -m build` makes them."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, dist: dict[str, Path]) -> Path:
    """A fresh virtual environment with the wheel installed; its bin folder."""
    home = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", home)
    bin_folder = home / ("Scripts" if os.name == "nt" else "bin")
    run(bin_folder / "python", "-m", "pip", "install", "--quiet", dist["wheel"])
    return bin_folder


def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def sdist_names(sdist: Path) -> list[str]:
    """The sdist's files, relative to its top folder (credkit-VERSION/)."""
    with tarfile.open(sdist) as archive:
        return [member.name.partition("/")[2] for member in archive.getmembers() if member.isfile()]


def package_files() -> list[str]:
    """Every file of src/credkit a wheel must carry, as credkit/..."""
    package = ROOT / "src" / "credkit"
    return sorted(
        f"credkit/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


class TestDistributions:
    """`python -m build` makes an sdist and a wheel of this version, with everything in them."""

    def test_names(self, dist: dict[str, Path]) -> None:
        """Both are named for credkit and the version in pyproject.toml."""
        expected = (f"credkit-{VERSION}.tar.gz", f"credkit-{VERSION}-py3-none-any.whl")
        assert expected == (dist["sdist"].name, dist["wheel"].name)

    def test_wheel_carries_the_package(self, dist: dict[str, Path]) -> None:
        """Every module, the sample data and py.typed are in the wheel, and nothing else of credkit."""
        names = wheel_names(dist["wheel"])
        assert package_files() == sorted(name for name in names if name.startswith("credkit/"))
        assert {"credkit/py.typed", "credkit/data/demo_book.json"} <= set(names)

    def test_wheel_metadata(self, dist: dict[str, Path]) -> None:
        """The wheel's metadata names every console script, the dependencies and every extra."""
        with zipfile.ZipFile(dist["wheel"]) as archive:
            info = f"credkit-{VERSION}.dist-info"
            entry_points = archive.read(f"{info}/entry_points.txt").decode()
            metadata = archive.read(f"{info}/METADATA").decode()
        for name, target in PROJECT["scripts"].items():
            assert f"{name} = {target}" in entry_points
        for requirement in PROJECT["dependencies"]:
            assert f"Requires-Dist: {requirement}" in metadata
        for extra in PROJECT["optional-dependencies"]:
            assert f"Provides-Extra: {extra}" in metadata

    def test_sdist_carries_tests_and_docs(self, dist: dict[str, Path]) -> None:
        """The sdist has every file git tracks: the tests, the docs, CI's script, the sources."""
        if not (ROOT / ".git").exists():
            pytest.skip("not a git checkout: nothing says which files are tracked")
        tracked = run("git", "ls-files", cwd=ROOT).stdout.splitlines()
        names = set(sdist_names(dist["sdist"]))
        present = [name for name in tracked if (ROOT / name).is_file()]
        assert [] == [name for name in present if name not in names]
        assert {"tests/test_release.py", "docs/guide.md", "docs/conf.py", "README.md"} <= names


class TestInstalledWheel:
    """The wheel, installed in a fresh environment, works without this checkout."""

    def test_imports_the_installed_copy(self, venv: Path) -> None:
        """The environment's credkit is the wheel's, with the version from its metadata."""
        done = run(
            venv / "python", "-c", "import credkit; print(credkit.__file__, credkit.__version__)"
        )
        where, version = done.stdout.split()
        assert VERSION == version
        assert Path(where).is_relative_to(venv.parent)

    def test_console_scripts(self, venv: Path) -> None:
        """Every console script is installed and answers --version."""
        for name in PROJECT["scripts"]:
            assert f"credkit {VERSION}\n" == run(venv / name, "--version").stdout

    def test_demo(self, venv: Path) -> None:
        """`credkit demo` reads the sample data shipped in the wheel and prints what this checkout does."""
        installed = run(venv / "credkit", "demo").stdout
        assert run(sys.executable, "-m", "credkit", "demo").stdout == installed
        assert "Riverbend Counseling, PLLC (tax id 87-2045613) on 2026-06-01" in installed

    def test_readme_example(self, venv: Path, tmp_path: Path) -> None:
        """The README's example passes as a doctest, run by the environment's Python."""
        (example,) = README_EXAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
        (tmp_path / "example.txt").write_text(example, encoding="utf-8")
        flags = "doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS"
        script = (
            "import doctest, sys; "
            f"failed, tried = doctest.testfile('example.txt', module_relative=False, optionflags={flags}); "
            "print(tried); sys.exit(1 if failed or not tried else 0)"
        )
        done = run(venv / "python", "-c", script, cwd=tmp_path)
        assert doctest.DocTestParser().get_examples(example), "the README has no example"
        assert str(len(doctest.DocTestParser().get_examples(example))) == done.stdout.strip()

    def test_typed(self, venv: Path) -> None:
        """The installed package carries py.typed, so type checkers read its annotations."""
        done = run(
            venv / "python",
            "-c",
            "import importlib.resources; print(importlib.resources.files('credkit').joinpath('py.typed').is_file())",
        )
        assert "True" == done.stdout.strip()
