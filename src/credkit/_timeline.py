"""The batch path behind Book.check: the same verdicts as can_bill, computed once per stretch of days.

For one provider, payer and practice, a verdict depends on the date only through
comparisons with the starts and ends of the periods involved (roster places,
licenses, credentials, contract terms, group memberships, pay-to entries), each
start also moved earlier by the payer's ``retro_days``. Between two consecutive
such dates every comparison comes out the same, and so does the verdict. A
:class:`Timeline` holds those dates, sorted; a claim's date is placed among them
with a binary search, and the verdict for that stretch (and service, and state)
is computed once, by the functions behind :func:`credkit.can_bill`, and then reused.

Messages never mention the date asked about, which is what makes a verdict
reusable across its stretch.
"""

from bisect import bisect_right
from datetime import date

from credkit.answers import Verdict
from credkit.identifiers import State
from credkit.periods import Period
from credkit.rules.billing import Assessment, Facts, Outcome, assess, coverage, outcome, verdict

__all__ = ["Fixed", "Timeline"]

_FIRST = date.min.toordinal()
_LAST = date.max.toordinal()


class _Stretch:
    """The days between two consecutive edges, and what has been worked out for them."""

    __slots__ = ("assessments", "day", "outcomes", "stated", "verdicts")

    def __init__(self, day: date) -> None:
        self.day = day
        self.assessments: dict[State | None, Assessment] = {}
        self.outcomes: dict[tuple[State | None, tuple[bool, ...]], Outcome] = {}
        # By service, for claims without a state (most of them); by both otherwise.
        self.verdicts: dict[str | None, Verdict] = {}
        self.stated: dict[tuple[str | None, State], Verdict] = {}


class Timeline:
    """The stretches of days over which a provider's claims to a payer are judged alike.

    One timeline serves one provider, payer and practice. ``judge(day, service,
    state)`` gives exactly what ``decide(facts, assess(facts, day, state), service)``
    gives.
    """

    __slots__ = ("edges", "facts", "stretches")

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.edges = _edges(facts)
        days = [_day_before(self.edges[0]) if self.edges else date(2000, 1, 1)]
        days += [date.fromordinal(edge) for edge in self.edges]
        self.stretches = [_Stretch(day) for day in days]

    def judge(self, on: date, service: str | None, state: State | None) -> Verdict:
        """The verdict for a claim on ``on``, for ``service`` in ``state``."""
        stretch = self.stretches[bisect_right(self.edges, on.toordinal())]
        if state is None:
            found = stretch.verdicts.get(service)
            if found is None:
                found = stretch.verdicts[service] = self._work_out(stretch, service, None)
            return found
        key = (service, state)
        found = stretch.stated.get(key)
        if found is None:
            found = stretch.stated[key] = self._work_out(stretch, service, state)
        return found

    def _work_out(self, stretch: _Stretch, service: str | None, state: State | None) -> Verdict:
        assessment = stretch.assessments.get(state)
        if assessment is None:
            assessment = stretch.assessments[state] = assess(self.facts, stretch.day, state)
        covered = coverage(assessment, service)
        found = stretch.outcomes.get((state, covered))
        if found is None:
            found = stretch.outcomes[state, covered] = outcome(self.facts, assessment, covered)
        return verdict(self.facts, found, service)


def _day_before(ordinal: int) -> date:
    # The stretch before the first edge is empty when the first edge is date.min.
    return date.fromordinal(max(ordinal - 1, _FIRST))


def _edges(facts: Facts) -> list[int]:
    """Every day on which some comparison in the rules may change its answer."""
    found: set[int] = set()
    retro_days = facts.payer.rules.retro_days

    def add(period: Period, early: int) -> None:
        start = period.start.toordinal()
        found.add(start)
        if early:
            found.add(max(start - early, _FIRST))
        if period.end is not None and period.end.toordinal() < _LAST:
            found.add(period.end.toordinal() + 1)

    npi = facts.provider.npi
    for entry in facts.practice.roster:
        if entry.provider == npi:
            add(entry.effective, 0)
    for license in facts.provider.licenses:
        add(license.effective, 0)
    for credential in facts.credentials:
        if credential.effective is not None:
            add(credential.effective, retro_days)
    for contract in facts.contracts:
        if contract.effective is not None:
            add(contract.effective, retro_days)
        for member in contract.members:
            if member.provider == npi:
                add(member.effective, retro_days)
        for pay_to in contract.pay_to:
            add(pay_to.effective, retro_days)
    return sorted(found)


class Fixed:
    """A verdict that holds on every day: for a claim naming an id the book does not hold."""

    __slots__ = ("verdict",)

    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict

    def judge(self, on: date, service: str | None, state: State | None) -> Verdict:
        """The same verdict, whatever the claim."""
        return self.verdict
