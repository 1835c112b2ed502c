"""Text and HTML pieces for showing answers in a REPL or a notebook.

Text is kept to one line where it must be (:func:`inline`). HTML is XHTML-style:
every tag closed, every attribute quoted, every piece of text escaped, so that an
XML parser reads it as well as a browser does.

>>> print(table("Verdict: refused", [row("reason", code("not_on_roster"), "Ana <R>")]))
<table class="credkit"><caption>Verdict: refused</caption><tbody><tr><th>reason</th><td><code>not_on_roster</code></td><td>Ana &lt;R&gt;</td></tr></tbody></table>
"""

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "Markup",
    "cell",
    "code",
    "element",
    "grid",
    "inline",
    "plural",
    "pretty",
    "row",
    "table",
    "text",
]

# Characters XML 1.0 does not allow anywhere, not even written as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Markup(str):
    """HTML that is already escaped; any other string given to these helpers is text."""

    __slots__ = ()


def _escape_char(char: str) -> str:
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun with an ``s`` unless the count is one.

    >>> plural(1, "claim"), plural(3, "claim")
    ('1 claim', '3 claims')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"


def pretty(self: object, printer: Any, cycle: bool) -> None:
    """``_repr_pretty_`` for an answer: IPython and Hypothesis print attrs classes field by field, not by repr."""
    printer.text(repr(self))


def inline(value: object) -> str:
    r"""``str(value)`` kept to one line: characters that are not printable become escapes.

    Line breaks, tabs, control and formatting characters are written as Python
    writes them in a string literal, so a name can neither break a one-line repr
    nor reorder the text around it.

    >>> print(inline("Ana\tRuiz"), inline("Harbor\u2028Therapy"))
    Ana\tRuiz Harbor\u2028Therapy
    """
    shown = str(value)
    if shown.isprintable():
        return shown
    return "".join(char if char.isprintable() else _escape_char(char) for char in shown)


def text(value: object) -> Markup:
    """``str(value)`` escaped for HTML text or an attribute value (Markup is kept as it is).

    Characters XML does not allow at all are written as visible escapes.

    >>> print(text("<Ana & 'Bo'>"))
    &lt;Ana &amp; &#x27;Bo&#x27;&gt;
    """
    if isinstance(value, Markup):
        return value
    shown = _NOT_XML.sub(lambda match: _escape_char(match.group()), str(value))
    # html.escape escapes quotes too, so that the result can be an attribute's value.
    return Markup(html.escape(shown))


def _attribute(value: object) -> str:
    # Written as references, line breaks and tabs survive XML's attribute normalization.
    return text(value).replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")


def element(name: str, content: object, attributes: Mapping[str, object] | None = None) -> Markup:
    """``<name attributes>content</name>``, with ``content`` escaped unless it is Markup."""
    shown = "".join(f' {key}="{_attribute(value)}"' for key, value in (attributes or {}).items())
    return Markup(f"<{name}{shown}>{text(content)}</{name}>")


def join(parts: Iterable[Markup]) -> Markup:
    """Markup pieces one after another."""
    return Markup("".join(parts))


def code(value: object) -> Markup:
    """A code, such as a reason's, set in ``<code>``."""
    return element("code", value)


def cell(content: object, attributes: Mapping[str, object] | None = None) -> Markup:
    """A data cell, ``<td>``."""
    return element("td", content, attributes)


def row(label: object, *values: object) -> Markup:
    """A row: a header cell naming it, then its values, each in a cell.

    A single value spans the two columns that a code and its message take.
    """
    if len(values) == 1:
        cells = cell(values[0], {"colspan": "2"})
    else:
        cells = join(cell(value) for value in values)
    return element("tr", join([element("th", label), cells]))


def table(caption: object, rows: Iterable[Markup], *, kind: str = "") -> Markup:
    """A ``<table>`` with a caption and a body of rows; ``kind`` is added to its class."""
    return element(
        "table",
        join([element("caption", caption), element("tbody", join(rows))]),
        {"class": f"credkit {kind}".rstrip()},
    )


def grid(header: Sequence[str], rows: Iterable[Sequence[str]], *, rule: bool = False) -> list[str]:
    """The lines of a text table: columns padded to their widest entry, no trailing spaces.

    With ``rule``, a line of dashes under the header.

    >>> for line in grid(["provider", "cigna"], [["Ana Ruiz", "allowed"]], rule=True):
    ...     print(line)
    provider  cigna
    --------  -------
    Ana Ruiz  allowed
    """
    lines = [list(header), *(list(cells) for cells in rows)]
    widths = [max(len(line[index]) for line in lines) for index in range(len(header))]
    if rule:
        lines.insert(1, ["-" * width for width in widths])
    return [
        "  ".join(entry.ljust(width) for entry, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
