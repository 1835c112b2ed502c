"""Sphinx's settings for credkit's manual: ``nox -s docs`` builds it into build/docs.

The narrative pages are the Markdown files beside this one (read by myst-parser);
the reference is the docstrings (autodoc), with links into the Python, attrs and
cattrs documentation (intersphinx). Their inventories are read from Debian's
documentation packages where installed (``apt-get install python3-doc
python-attr-doc python-cattrs-doc``), so the build needs no network; elsewhere they
are fetched from the web, except on CI (``CI`` set), which has no network and
fails the build instead.
"""

import os
import sys
from pathlib import Path
from typing import Any

import credkit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

project = "credkit"
author = "credkit maintainers"
project_copyright = "credkit maintainers"
release = credkit.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "credkit_reference",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# Markdown: GitHub's heading anchors, so that links such as guide.md#reference work.
myst_heading_anchors = 4

autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
autodoc_typehints = "signature"

# Each inventory: (the documentation's address, Debian's copy of its objects.inv).
INVENTORIES = {
    "python": ("https://docs.python.org/3", "/usr/share/doc/python3/html/objects.inv"),
    "attrs": ("https://www.attrs.org/en/stable", "/usr/share/doc/python-attr-doc/html/objects.inv"),
    "cattrs": ("https://catt.rs/en/stable", "/usr/share/doc/python-cattrs-doc/html/objects.inv"),
}
MISSING = [local for _, local in INVENTORIES.values() if not Path(local).is_file()]
intersphinx_mapping = {
    name: (address, local if Path(local).is_file() else None)
    for name, (address, local) in INVENTORIES.items()
}

html_theme = "furo"
html_title = f"credkit {release}"


def setup(app: Any) -> None:
    """Show ```csv blocks as plain text; on CI, refuse to build without the local inventories."""
    from pygments.lexers.special import TextLexer  # noqa: PLC0415 (Sphinx brings Pygments)

    # Pygments has no CSV lexer; the tables page shows CSV files as they are.
    app.add_lexer("csv", TextLexer)
    if os.environ.get("CI") and MISSING:
        raise RuntimeError(
            f"intersphinx inventories missing: {', '.join(MISSING)}; "
            "install them with: apt-get install python3-doc python-attr-doc python-cattrs-doc"
        )
