"""The reference manual documents every public name, and its contents list every page.

The manual's build makes the same check on what autodoc really documented
(docs/_ext/credkit_reference.py); this one reads the pages, without Sphinx.
"""

import importlib
import importlib.util
import re
from pathlib import Path
from types import ModuleType

DOCS = Path(__file__).resolve().parent.parent / "docs"
DIRECTIVE = re.compile(
    r"^\.\. (?:auto(?:class|function|exception|data|module)|py:data):: (\S+)\n((?:   :.*\n)*)",
    re.MULTILINE,
)


def load_extension() -> ModuleType:
    """The manual's extension module, loaded from its file (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "credkit_reference", DOCS / "_ext" / "credkit_reference.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documented() -> set[str]:
    """The names docs/reference.md documents, with the members of a module shown with :members:."""
    names = set()
    for name, options in DIRECTIVE.findall((DOCS / "reference.md").read_text(encoding="utf-8")):
        names.add(name)
        if ":members:" in options:
            names |= {f"{name}.{member}" for member in importlib.import_module(name).__all__}
    return names


class TestReference:
    """docs/reference.md documents every public name."""

    def test_every_public_name(self) -> None:
        """Every name of credkit.__all__ and of each edge's __all__ has a directive."""
        assert [] == [name for name in load_extension().public_names() if name not in documented()]

    def test_edges_found(self) -> None:
        """The edges are the public modules credkit's own names leave alone, and the catalog."""
        edges = load_extension().edges()
        assert {"credkit.catalog", "credkit.cli"} <= set(edges)
        assert not {"credkit.book", "credkit.rules", "credkit.errors"} & set(edges)


class TestContents:
    """The manual's contents list every page in docs/."""

    def test_every_page_in_the_toctree(self) -> None:
        """docs/index.md's toctree names every other Markdown page, once."""
        text = (DOCS / "index.md").read_text(encoding="utf-8")
        (toctree,) = re.findall(r"```\{toctree\}\n(.*?)```", text, re.DOTALL)
        entries = [line for line in toctree.splitlines() if line and not line.startswith(":")]
        pages = sorted(path.stem for path in DOCS.glob("*.md") if path.stem != "index")
        assert pages == sorted(entries)
