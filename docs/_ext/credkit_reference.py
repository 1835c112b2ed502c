"""Fail the manual's build when a public name is missing from the reference.

The public names are those of ``credkit.__all__``, and those of the ``__all__`` of
each edge: a public module that none of credkit's own names needs (the command
line, tables, x12, ...), or that credkit exports as a module (the catalog).
Each must be documented in the reference (``docs/reference.md``) under the path
it is imported from: ``credkit.NPI``, ``credkit.catalog.CIGNA``, ``credkit.cli.main``.
A name left out is a warning, which ``sphinx-build -W`` turns into a failed build;
``tests/test_docs_reference.py`` makes the same check without building.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import credkit

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Run in a fresh interpreter: by the time the check runs, autodoc has imported the edges too.
# ``import credkit`` imports its names when first asked for: every one is asked for here.
_FACADE_IMPORTS = (
    "from credkit import *; import json, sys; "
    "print(json.dumps(sorted(name for name in sys.modules if name.startswith('credkit.'))))"
)


def edges() -> list[str]:
    """The edges' module names: public modules credkit's own names leave alone, and the catalog."""
    done = subprocess.run(
        [sys.executable, "-c", _FACADE_IMPORTS], capture_output=True, text=True, check=True
    )
    imported = set(json.loads(done.stdout))
    names = [f"credkit.{found.name}" for found in pkgutil.iter_modules(credkit.__path__)]
    return [
        name
        for name in names
        if not name.rpartition(".")[2].startswith("_")
        and (name not in imported or name.rpartition(".")[2] in credkit.__all__)
    ]


def public_names() -> list[str]:
    """Every public name, by the dotted path it is imported from, in a stable order."""
    names = [f"credkit.{name}" for name in credkit.__all__]
    for edge in edges():
        module = importlib.import_module(edge)
        names += [f"{edge}.{name}" for name in getattr(module, "__all__", ())]
    return names


def setup(app: Sphinx) -> dict[str, Any]:
    """Check the documented names once every page has been read."""
    # Imported here: the tests read public_names() without Sphinx installed.
    from sphinx.util import logging  # noqa: PLC0415

    logger = logging.getLogger(__name__)

    def check(app: Sphinx, env: BuildEnvironment) -> None:
        documented = set(env.get_domain("py").objects)
        for name in public_names():
            if name not in documented:
                logger.warning(
                    "%s is public but not documented: add it to docs/reference.md",
                    name,
                    type="credkit",
                    subtype="reference",
                )

    app.connect("env-check-consistency", check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
