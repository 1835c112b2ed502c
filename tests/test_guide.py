"""The guide's reference documents every Code, StepKind, Path, DeadlineKind and MoveStepKind, and nothing else.

A new member of one of these enums cannot be added without a line in docs/guide.md
saying what it means and what to do about it.
"""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

import re
from enum import Enum
from pathlib import Path as FilePath

import pytest

from credkit import Code, DeadlineKind, MoveStepKind, Path, StepKind

GUIDE = FilePath(__file__).resolve().parent.parent / "docs" / "guide.md"
REFERENCE = "## Reference"
SECTIONS: dict[type[Enum], str] = {
    Code: "### Codes",
    StepKind: "### Step kinds",
    Path: "### Paths",
    DeadlineKind: "### Deadline kinds",
    MoveStepKind: "### Move step kinds",
}
TABLE_ENTRY = re.compile(r"^\| `(?P<value>[a-z_]+)` \|", re.MULTILINE)


def reference() -> str:
    """The reference part of the guide: from its heading to the next top-level heading."""
    text = GUIDE.read_text(encoding="utf-8")
    _, heading, rest = text.partition(f"\n{REFERENCE}\n")
    assert REFERENCE == heading.strip()
    return rest.split("\n## ", 1)[0]


def section(heading: str) -> str:
    """One section of the reference: from its heading to the next heading of its level."""
    _, found, rest = reference().partition(f"\n{heading}\n")
    assert heading == found.strip()
    return re.split(r"\n#{2,3} ", rest, maxsplit=1)[0]


def table_entries(text: str) -> list[str]:
    """The values named in the first column of the section's tables, in order."""
    return [match["value"] for match in TABLE_ENTRY.finditer(text)]


ENUMS = [pytest.param(enum, id=enum.__name__) for enum in SECTIONS]


class TestReference:
    """Each enum's section of the reference has one table row per member, and no others."""

    @pytest.mark.parametrize("enum", ENUMS)
    def test_mentions_every_member(self, enum: type[Enum]) -> None:
        """Every member's value appears in its section, in backticks."""
        text = section(SECTIONS[enum])
        assert [] == [member.value for member in enum if f"`{member.value}`" not in text]

    @pytest.mark.parametrize("enum", ENUMS)
    def test_has_a_row_for_every_member(self, enum: type[Enum]) -> None:
        """Every member has a table row of its own in its section."""
        entries = table_entries(section(SECTIONS[enum]))
        assert [] == [member.value for member in enum if member.value not in entries]

    @pytest.mark.parametrize("enum", ENUMS)
    def test_rows_name_only_members_once(self, enum: type[Enum]) -> None:
        """No row documents a value that is not a member, and none is documented twice."""
        entries = table_entries(section(SECTIONS[enum]))
        assert sorted(member.value for member in enum) == sorted(entries)
