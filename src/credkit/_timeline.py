"""The batch path behind Book.check: can_bill's verdicts, worked out once per stretch of days.

For one provider, payer and practice, a verdict depends on the date only through
comparisons with the starts and ends of the periods involved (roster places,
licenses, credentials, contract terms, group memberships, pay-to entries, the
periods in which the payer accepts a profession, and each two-year period of an
opt-out), each start of a credential or contract period also moved earlier by the
payer's ``retro_days``, and with the days credentials were submitted and contracts
signed (what was on file by a date speaks for it). Between two consecutive
such dates, the *edges*, every comparison comes out the same, and so does the
verdict. A :class:`Timeline` holds the edges, sorted; a claim's date is placed
among them with a binary search, and the verdict for that stretch, service and
state is worked out once, by the functions behind :func:`credkit.can_bill`, and
then looked up.

Messages never mention the date asked about, which is what lets a verdict serve
its whole stretch. The layout favours the lookup: claims alike in everything but
their date share a :class:`Lane`, found with one dictionary lookup on a key the
claim carries, and the last stretch, where most of a year's claims fall, is found
without a search.
"""

from bisect import bisect_right
from datetime import date

from credkit.answers import Verdict
from credkit.identifiers import State
from credkit.periods import Period
from credkit.rules.billing import (
    Assessment,
    Base,
    Facts,
    Outcome,
    allowed,
    assess_base,
    coverage,
    outcome,
    verdict,
    with_license,
)

__all__ = ["Lane", "Timeline"]

_FIRST = date.min.toordinal()
_MAX_DAY = date.max


class Timeline:
    """The stretches of days over which a provider's claims to a payer are judged alike.

    One timeline serves one provider, payer and practice; it keeps what the
    verdicts of its stretches have in common (what no state changes in the
    assessment of each stretch, and the outcome for each stretch, state and set of
    covered contracts). ``work_out(index, service, state)``
    gives exactly what ``decide(facts, assess(facts, day, state), service)`` gives
    for any day of stretch ``index``.
    """

    __slots__ = (
        "all_covered",
        "assessments",
        "bases",
        "edges",
        "facts",
        "last",
        "last_edge",
        "only_state",
        "outcomes",
        "plain",
    )

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.edges = _edges(facts)
        self.last = len(self.edges)
        # Before the first edge nothing has started: any earlier day stands for it.
        self.last_edge = self.edges[-1] if self.edges else _FIRST
        self.bases: list[Base | None] = [None] * (self.last + 1)
        self.plain: list[Outcome | None] = [None] * (self.last + 1)
        self.assessments: dict[tuple[int, State | None], Assessment] = {}
        self.outcomes: dict[tuple[int, State | None, tuple[bool, ...]], Outcome] = {}
        # A practice in one state: naming that state changes nothing, so it is dropped.
        states = facts.practice.states
        self.only_state = next(iter(states)) if len(states) == 1 else None
        # When no contract restricts its services, every service is covered alike.
        contracts = facts.contracts
        self.all_covered: tuple[bool, ...] | None = (True,) * len(contracts)
        for contract in contracts:
            if contract.services is not None:
                self.all_covered = None
                break

    def day(self, index: int) -> date:
        """A day in stretch ``index``: its first, or the day before the first edge."""
        if index:
            return date.fromordinal(self.edges[index - 1])
        # With no edges every day gives the same verdict, so any day will do.
        return _day_before(self.edges[0]) if self.edges else date.min

    def work_out(self, index: int, service: str | None, state: State | None) -> Verdict:
        """Work out the verdict for one stretch, service and state."""
        if state is self.only_state:
            state = None
        covered = self.all_covered
        if state is None and covered is not None:
            # Most claims name no state, and most contracts every service: their
            # outcomes are kept by stretch alone.
            found = self.plain[index]
            if found is None:
                assessment = self.assess(index, None)
                found = self.plain[index] = outcome(self.facts, assessment, covered)
        else:
            assessment = None
            if covered is None:
                assessment = self.assessments.get((index, state)) or self.assess(index, state)
                covered = coverage(assessment, service)
            found = self.outcomes.get((index, state, covered))
            if found is None:
                if assessment is None:
                    assessment = self.assess(index, state)
                found = self.outcomes[index, state, covered] = outcome(
                    self.facts, assessment, covered
                )
        winner = found.winner
        if winner is None:
            return verdict(self.facts, found, service)
        # verdict() for an allowed outcome, written out: most new lanes come here.
        contract = winner.contract
        rate = None if service is None else contract.rates.get(service)
        return allowed(found.notes, contract, winner.billing, rate)

    def assess(self, index: int, state: State | None) -> Assessment:
        """The assessment of stretch ``index`` in ``state``.

        It is kept only when the contracts differ in the services they cover: else
        each stretch and state has one outcome, and its assessment serves no other.
        """
        day = self.day(index)
        base = self.bases[index]
        if base is None:
            base = self.bases[index] = assess_base(self.facts, day)
        found = with_license(self.facts, base, day, state)
        if self.all_covered is None:
            self.assessments[index, state] = found
        return found


class Lane:
    """Claims alike in everything but their date, and their verdict for each stretch.

    A lane is one provider, payer, practice, service and state; it remembers the
    verdict of each stretch of its timeline once worked out.

    A lane for ids the book does not hold has no timeline and one verdict, ``fixed``.
    ``final`` is the verdict of the last stretch once worked out (where a year's
    claims mostly fall), for a batch to read without a step in Python per row.
    """

    __slots__ = ("edges", "final", "last", "last_edge", "service", "state", "timeline", "verdicts")

    def __init__(
        self,
        timeline: Timeline | None,
        service: str | None,
        state: State | None,
        fixed: Verdict | None = None,
    ) -> None:
        self.timeline = timeline
        self.service = service
        self.state = state
        if timeline is None:
            self.edges: list[int] = []
            self.last = 0
            self.last_edge = _FIRST
            self.verdicts: list[Verdict | None] = [fixed]
            self.final = fixed
        else:
            self.edges = timeline.edges
            self.last = timeline.last
            self.last_edge = timeline.last_edge
            self.verdicts = [None] * (timeline.last + 1)
            self.final = None

    def judge(self, on: date) -> Verdict:
        """The verdict for this lane's claim on ``on``."""
        ordinal = on.toordinal()
        index = self.last if ordinal >= self.last_edge else bisect_right(self.edges, ordinal)
        found = self.verdicts[index]
        return self.work_out(index) if found is None else found

    def work_out(self, index: int) -> Verdict:
        """Work out and remember the verdict for stretch ``index``."""
        assert self.timeline is not None  # a lane without a timeline has its one verdict
        found = self.verdicts[index] = self.timeline.work_out(index, self.service, self.state)
        if index == self.last:
            self.final = found
        return found


def _day_before(ordinal: int) -> date:
    # The stretch before the first edge is empty when the first edge is date.min.
    return date.fromordinal(max(ordinal - 1, _FIRST))


def _edges(facts: Facts) -> list[int]:
    """Every day on which some comparison in the rules may change its answer."""
    rules = facts.payer.rules
    found: set[int] = set()
    add = found.add
    # One pass over each kind of record, without a list per kind: this runs for
    # each new provider, payer and practice of a batch.
    # Periods whose start the payer's retro window does not move: roster places,
    # licenses, and a profession accepted only from a date (it changes the license
    # check on that date).
    fixed = [*facts.places]
    for license in facts.provider.licenses:
        fixed.append(license.effective)
    fixed += rules.profession_periods.values()
    # Periods whose start the retro window moves earlier; and, as only what was on
    # file by a date speaks for it, the day a credential was submitted or a
    # contract signed (it changes the reasons from that day on).
    moved = []
    for credential in facts.credentials:
        if credential.effective is not None:
            moved.append(credential.effective)
        if credential.submitted is not None:
            add(credential.submitted.toordinal())
    for contract, places in zip(facts.contracts, facts.memberships, strict=True):
        if contract.effective is not None:
            moved.append(contract.effective)
        moved += places
        for pay_to in contract.pay_to:
            moved.append(pay_to.effective)
        if contract.signed is not None:
            add(contract.signed.toordinal())
    _add_periods(found, fixed, 0)
    _add_periods(found, moved, rules.retro_days)
    # Each two-year period of an opt-out starts a stretch: the refusal names its end.
    for opt_out in facts.opt_outs:
        found.update(start.toordinal() for start in opt_out.period_starts())
        last = opt_out.last_day
        if last is not None and last < _MAX_DAY:
            add(last.toordinal() + 1)
    return sorted(found)


def _add_periods(found: set[int], periods: list[Period], early: int) -> None:
    """Add each period's first day (and ``early`` days before it), and the day after its last."""
    add = found.add
    for period in periods:
        start = period.start.toordinal()
        add(start)
        if early:
            add(max(start - early, _FIRST))
        end = period.end
        if end is not None and end < _MAX_DAY:
            add(end.toordinal() + 1)
