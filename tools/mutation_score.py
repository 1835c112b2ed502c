"""Print the mutation score of the last ``mutmut run``: killed / (total - skipped).

    mutmut run && python tools/mutation_score.py

It reads mutmut's results for each mutated file (``mutants/**/*.py.meta``) and
prints the score overall and for each area of the code, with the count of each
outcome, then the surviving mutants by name (``mutmut show NAME`` shows one).
A mutant that timed out is not counted as killed, nor one mutmut has not run.
"""

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path("mutants/src/credkit")

# Each area and the files in it, relative to the package.
AREAS = {
    "identifiers": ["identifiers/"],
    "periods": ["periods.py"],
    "nouns' validation": [
        "_convert.py",
        "_enum.py",
        "_fields.py",
        "_frozen.py",
        "claim.py",
        "contract.py",
        "credential.py",
        "errors.py",
        "payer.py",
        "practice.py",
        "provider.py",
    ],
    "rules": ["rules/", "_calendar.py", "_timeline.py"],
}


def area_of(relative: str) -> str:
    """The area a file belongs to; files in no named area are 'the rest'."""
    for area, prefixes in AREAS.items():
        if any(relative == prefix or relative.startswith(prefix) for prefix in prefixes):
            return area
    return "the rest"


def score(outcomes: Counter[str]) -> float | None:
    """The share of tested mutants that were killed, or None when none was tested."""
    tested = sum(outcomes.values()) - outcomes["skipped"]
    return outcomes["killed"] / tested if tested else None


def main() -> int:
    """Print the score of each area and overall, then the survivors."""
    if not MUTANTS.exists():
        print("no mutation results: run `mutmut run` first", file=sys.stderr)
        return 2
    by_area: dict[str, Counter[str]] = {}
    survivors: list[str] = []
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        relative = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        outcomes = by_area.setdefault(area_of(relative), Counter())
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            status = status_by_exit_code[code]
            outcomes[status] += 1
            if status == "survived":
                survivors.append(name)
    everything: Counter[str] = sum(by_area.values(), Counter())
    for area, outcomes in [*sorted(by_area.items()), ("overall", everything)]:
        value = score(outcomes)
        shown = "n/a" if value is None else f"{value:.1%}"
        detail = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
        print(f"{area:18} {shown:>6}  ({detail})")
    total, skipped = sum(everything.values()), everything["skipped"]
    print(
        f"mutation score: {everything['killed']} killed / ({total} total - {skipped} skipped)"
        f" = {score(everything) or 0:.1%}"
    )
    if everything["not checked"]:
        print(f"the run is incomplete: {everything['not checked']} mutants not checked yet")
    if survivors:
        print(f"{len(survivors)} surviving mutants:")
        for name in survivors:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
