"""The project's own promises: its set-up commands, its package contents, its public names."""

import ast
import importlib
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import credkit

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Extras that install tools rather than an edge's library.
TOOL_EXTRAS = {"all", "docs", "mutation", "release", "test"}


class TestSetUp:
    """The README's two commands are the ones a fresh machine runs."""

    def test_two_commands(self) -> None:
        """The README has exactly two set-up commands, and CI runs the second."""
        commands = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.DOTALL)
        assert 2 == len(commands)
        assert commands[1] in (ROOT / ".ci" / "run").read_text()

    def test_first_command_runs_the_demo(self) -> None:
        """The first command installs credkit and runs its demo."""
        first = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.DOTALL)[0]
        assert first.endswith("credkit demo")

    def test_every_extra_is_tested(self) -> None:
        """The test command installs the `all` extra, which lists every edge's extra."""
        second = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.DOTALL)[1]
        extras = PYPROJECT["project"]["optional-dependencies"]
        listed: set[str] = set()
        for requirement in extras["all"]:
            match = re.fullmatch(r"credkit\[([a-z0-9,-]+)\]", requirement)
            assert match is not None, f"write the all extra as credkit[name,...], not {requirement}"
            listed |= set(match[1].split(","))
        assert "pip install -e '.[test,all]'" in second
        assert set(extras) - TOOL_EXTRAS == listed

    def test_ci_runs_every_claimed_python(self) -> None:
        """CI runs the README's command on python3 and the suite, through nox, on the others."""
        claimed = [
            classifier.rpartition(" :: ")[2]
            for classifier in PYPROJECT["project"]["classifiers"]
            if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
        ]
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        (others,) = re.findall(r"nox --session tests --python ([0-9. ]+)\n", ci)
        assert claimed[1:] == others.split()


class TestPackage:
    """What the package depends on and ships."""

    def test_runtime_dependencies(self) -> None:
        """credkit needs attrs, cattrs and python-stdnum, and nothing else at run time."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
        names = sorted(re.split(r"[<>=!~ ]", spec)[0] for spec in project["dependencies"])
        assert ["attrs", "cattrs", "python-stdnum"] == names

    def test_version_from_metadata(self) -> None:
        """credkit.__version__ is the installed distribution's, which is pyproject.toml's."""
        expected = PYPROJECT["project"]["version"]
        assert expected == importlib.metadata.version("credkit")
        assert expected == credkit.__version__

    def test_changelog_names_the_version(self) -> None:
        """CHANGELOG.md keeps an [Unreleased] section first, then pyproject's version if released."""
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        sections = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.M)
        assert "Unreleased" == sections[0][0]
        version = PYPROJECT["project"]["version"]
        if ".dev" not in version:
            assert version == sections[1][0]
            assert sections[1][1], "a release section is dated"
        for name, _ in sections:
            assert f"[{name}]: https://" in changelog, f"no link for [{name}]"

    def test_import_stays_light(self) -> None:
        """`import credkit` reads no package metadata: the version is read when first asked."""
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import credkit, sys; print('importlib.metadata' in sys.modules)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "False" == done.stdout.strip()

    def test_names_imported_when_first_asked_for(self) -> None:
        """`import credkit` imports none of its modules; each name comes from its module when asked."""
        code = (
            "import credkit, sys\n"
            "print(sorted(name for name in sys.modules if name.startswith('credkit.')))\n"
            "credkit.Claim\n"
            "print('credkit.claim' in sys.modules, 'credkit.book' in sys.modules)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["[]", "True False"] == done.stdout.splitlines()

    @pytest.mark.parametrize("name", credkit.__all__)
    def test_every_name_from_its_module(self, name: str) -> None:
        """Each public name is its module's object, and dir(credkit) lists it."""
        module = importlib.import_module(credkit._SOURCES[name])
        expected = module if module.__name__ == f"credkit.{name}" else getattr(module, name)
        assert expected is getattr(credkit, name)
        assert name in dir(credkit)

    def test_unknown_name(self) -> None:
        """A name credkit does not have is an AttributeError that names it."""
        with pytest.raises(AttributeError, match="no attribute 'Bok'"):
            credkit.Bok  # noqa: B018

    def test_import_leaves_libraries_for_first_use(self) -> None:
        """`import credkit` imports no edge's library, nor cattrs or stdnum, until first used."""
        libraries = [
            "cattrs",
            "stdnum",
            "pandas",
            "numpy",
            "pyarrow",
            "dask",
            "distributed",
            "pyx12",
            "openpyxl",
        ]
        code = (
            "import credkit, sys\n"
            f"print(sorted(name for name in {libraries!r} if name in sys.modules))\n"
            "credkit.Book(providers=[credkit.Provider(npi='1234567893', name='Ana Ruiz')])\n"
            "credkit.to_json(credkit.Period('2024-01-01'))\n"
            "credkit.SSN('123-45-6789')\n"
            "print(sorted(name for name in ('cattrs', 'stdnum') if name in sys.modules))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["[]", "['cattrs', 'stdnum']"] == done.stdout.splitlines()

    def test_typed(self) -> None:
        """The package carries its py.typed marker, and the sample data the demo reads."""
        package = Path(credkit.__file__).parent
        assert (package / "py.typed").exists()
        assert (package / "data" / "demo_book.json").exists()


class TestCommandModules:
    """Each command of the command line is a module that imports no other command's."""

    def test_commands_share_only_common(self) -> None:
        """A command module imports credkit.cli._common, never another command module."""
        folder = ROOT / "src" / "credkit" / "cli"
        commands = {path.stem for path in folder.glob("*.py")} - {"__init__", "_common"}
        found = []
        for path in sorted(folder.glob("*.py")):
            if path.stem == "__init__":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                found += [
                    f"{path.stem} imports {name}"
                    for name in names
                    if name.removeprefix("credkit.cli.") in commands
                ]
        assert {"check_claims", "demo", "report"} <= commands
        assert [] == found


class TestPublicNames:
    """The facade exports a flat, sorted list of names that all exist."""

    def test_all_sorted_and_present(self) -> None:
        """__all__ is sorted (capitals first, as isort sorts) and every name resolves."""
        names = credkit.__all__
        assert sorted(names, key=lambda name: (not name.isupper(), name)) == list(names)
        assert [] == [name for name in names if not hasattr(credkit, name)]

    def test_design_names(self) -> None:
        """Every name the design's public API lists is importable from credkit."""
        required = [
            "NPI",
            "EIN",
            "SSN",
            "TaxId",
            "State",
            "Period",
            "Provider",
            "License",
            "Profession",
            "LicenseStatus",
            "Education",
            "Certification",
            "Employment",
            "LiabilityPolicy",
            "BackgroundCheck",
            "Practice",
            "Affiliation",
            "Payer",
            "PayerRules",
            "Credential",
            "CredentialStatus",
            "Contract",
            "Individual",
            "Group",
            "ContractStatus",
            "PayTo",
            "Claim",
            "Reason",
            "Code",
            "Verdict",
            "BillingIdentity",
            "GroupEligibility",
            "Plan",
            "Path",
            "Step",
            "StepKind",
            "can_bill",
            "group_eligibility",
            "adding_provider",
            "Book",
            "structure",
            "unstructure",
            "from_json",
            "to_json",
            "CredkitError",
            "InvalidIdentifier",
            "InvalidData",
            "catalog",
        ]
        assert [] == [name for name in required if name not in credkit.__all__]
