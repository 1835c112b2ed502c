"""The road to revenue: frozen answers about when clinicians become billable, and what waits.

* :class:`Timeline` — for each provider on a practice's roster and each payer, a
  :class:`Road`: its dated :class:`Milestone` s, the :class:`Span` s it spent
  pending, approved, contracted and billable, its first billable day, and what
  blocks it now; and the practice's :class:`Pending` applications and contracts,
  with how long each has waited. Build one with :meth:`credkit.Book.timeline`.
* :class:`RevenueAtRisk` — what refused claims are worth, by reason, provider and
  payer. Build one with :func:`credkit.revenue_at_risk`.

Like the other answers, each is immutable and checks that it agrees with itself.
A timeline shows itself as text, as an HTML table with an SVG chart in a notebook,
and as a standalone SVG picture (:meth:`Timeline.svg`).
"""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

import attrs

from credkit import _display as display
from credkit._convert import (
    MAX_CLAIMS,
    MAX_DAYS,
    describe,
    locate_errors,
    not_blank,
    strict_bool,
    to_date,
    to_enum,
    to_money,
    to_optional_date,
    to_payer_id,
    tuple_of,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_optional_npi, to_tax_id
from credkit._frozen import FrozenDict
from credkit.answers import Code, Reason
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN

__all__ = [
    "Milestone",
    "MilestoneKind",
    "Pending",
    "RevenueAtRisk",
    "Road",
    "Span",
    "Stage",
    "Timeline",
]


_plural = display.plural


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


_pretty = display.pretty


# --- milestones and spans ----------------------------------------------------------


class MilestoneKind(CredkitEnum):
    """A dated step on a clinician's road to billing a payer, in the order it is usually taken.

    >>> MilestoneKind("credentialed")
    <MilestoneKind.CREDENTIALED: 'credentialed'>
    """

    JOINED_ROSTER = "joined_roster"
    LICENSED = "licensed"
    SUBMITTED = "submitted"
    CREDENTIALED = "credentialed"
    CONTRACT_SIGNED = "contract_signed"
    CONTRACT_EFFECTIVE = "contract_effective"
    LINKED = "linked"
    FIRST_BILLABLE = "first_billable"


def _to_milestone_kind(value: object) -> MilestoneKind:
    return to_enum(MilestoneKind, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Milestone:
    """One dated milestone, with a few words saying which record it comes from.

    >>> Milestone(kind="submitted", on="2024-01-15", detail="application to Cigna")
    Milestone(kind=<MilestoneKind.SUBMITTED: 'submitted'>, on=datetime.date(2024, 1, 15), detail='application to Cigna')
    """

    kind: MilestoneKind = attrs.field(converter=_to_milestone_kind)
    on: date = attrs.field(converter=to_date)
    detail: str = attrs.field(validator=not_blank)

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.kind.value}: {display.inline(self.detail)}"


class Stage(CredkitEnum):
    """Where a clinician stands with a payer over a stretch of days, as the chart draws it.

    ``pending``: applied, not yet credentialed; ``approved``: credentialed, no
    contract in place; ``contracted``: a contract is in place but claims are still
    refused (for example, not yet linked to the practice); ``billable``: claims are
    allowed.

    >>> [stage.value for stage in Stage]
    ['pending', 'approved', 'contracted', 'billable']
    """

    PENDING = "pending"
    APPROVED = "approved"
    CONTRACTED = "contracted"
    BILLABLE = "billable"


def _to_stage(value: object) -> Stage:
    return to_enum(Stage, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Span:
    """A stretch of days, first and last included, spent in one :class:`Stage`.

    >>> Span(stage="pending", start="2024-01-15", end="2024-02-29").days
    46
    """

    stage: Stage = attrs.field(converter=_to_stage)
    start: date = attrs.field(converter=to_date)
    end: date = attrs.field(converter=to_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue(
                f"ends {self.end.isoformat()}, before it starts {self.start.isoformat()}",
                owner="Span",
                attribute="end",
            )

    @property
    def days(self) -> int:
        """How many days the span covers, its first and last included."""
        return (self.end - self.start).days + 1


def _to_milestones(value: object) -> tuple[Milestone, ...]:
    return tuple_of(Milestone, value)


def _to_spans(value: object) -> tuple[Span, ...]:
    return tuple_of(Span, value)


def _to_optional_reason(value: object) -> Reason | None:
    if value is not None and not isinstance(value, Reason):
        raise InvalidValue(f"expected a Reason or None, got {describe(value)}")
    return value


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
class Road:
    """One provider's road to billing one payer through the practice.

    ``milestones`` are in date order. ``first_billable`` is the first day on which
    :func:`credkit.can_bill` allows a claim (retro billing counted), ``None`` if no
    day does on the records as they stand. ``billable`` says whether claims are
    allowed on the timeline's date; when they are not, ``blocker`` is the first
    reason ``can_bill`` gives that day.

    >>> road = Road(provider="1234567893", name="Ana Ruiz", payer="cigna", billable=False,
    ...     milestones=[Milestone(kind="submitted", on="2024-01-15", detail="application")],
    ...     blocker=Reason(code="credentialing_pending", message="pending"))
    >>> road
    <Road Ana Ruiz with cigna: not billable, credentialing_pending>
    """

    provider: NPI = attrs.field(converter=to_npi)
    name: str = attrs.field(validator=not_blank)
    payer: str = attrs.field(converter=to_payer_id)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_to_milestones)
    spans: tuple[Span, ...] = attrs.field(default=(), converter=_to_spans)
    first_billable: date | None = attrs.field(default=None, converter=to_optional_date)
    billable: bool = attrs.field(validator=strict_bool)
    blocker: Reason | None = attrs.field(default=None, converter=_to_optional_reason)

    def __attrs_post_init__(self) -> None:
        def refuse(rule: str, attribute: str) -> None:
            raise InvalidValue(rule, owner="Road", attribute=attribute)

        if self.billable and self.blocker is not None:
            refuse("a billable road has no blocker", "blocker")
        if not self.billable and self.blocker is None:
            refuse("a road that is not billable names its blocker", "blocker")
        if self.billable and self.first_billable is None:
            refuse("a billable road has a first billable day", "first_billable")
        days = [milestone.on for milestone in self.milestones]
        if days != sorted(days):
            refuse("milestones come in date order", "milestones")

    def milestone(self, kind: MilestoneKind | str) -> Milestone | None:
        """The milestone of this kind, or ``None`` when the road has not reached it.

        >>> Road(provider="1234567893", name="Ana", payer="cigna", billable=False,
        ...      blocker=Reason(code="not_credentialed", message="none")).milestone("licensed") is None
        True
        """
        wanted = _to_milestone_kind(kind)
        return next((item for item in self.milestones if item.kind is wanted), None)

    def durations(self) -> tuple[tuple[MilestoneKind, MilestoneKind, int], ...]:
        """Days between each milestone and the next, as ``(from, to, days)``.

        >>> road = Road(provider="1234567893", name="Ana", payer="cigna", billable=True,
        ...     first_billable="2024-03-01", milestones=[
        ...         Milestone(kind="submitted", on="2024-01-15", detail="application"),
        ...         Milestone(kind="first_billable", on="2024-03-01", detail="claims allowed")])
        >>> [(first.value, then.value, days) for first, then, days in road.durations()]
        [('submitted', 'first_billable', 46)]
        """
        pairs = zip(self.milestones, self.milestones[1:], strict=False)
        return tuple((first.kind, then.kind, (then.on - first.on).days) for first, then in pairs)

    @property
    def label(self) -> str:
        """``provider name / payer id``, kept to one line."""
        return f"{display.inline(self.name)} / {self.payer}"

    def _state(self) -> str:
        if self.billable:
            return "billable"
        assert self.blocker is not None  # a road that is not billable names its blocker
        return f"not billable, {self.blocker.code.value}"

    def __repr__(self) -> str:
        return f"<Road {display.inline(self.name)} with {self.payer}: {self._state()}>"

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        lines = [f"{self.label}: {self._state()}"]
        lines += [f"  {milestone}" for milestone in self.milestones]
        if self.blocker is not None:
            lines.append(f"  blocked by {self.blocker}")
        return "\n".join(lines)


# --- aging -------------------------------------------------------------------------


def _to_record(value: object) -> Literal["credential", "contract"]:
    if value not in ("credential", "contract"):
        raise InvalidValue(f"expected 'credential' or 'contract', got {describe(value)}")
    return value


def _to_optional_days(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"expected a whole number of days or None, got {describe(value)}")
    if value < 0:
        raise InvalidValue("a number of days must not be negative")
    if value > MAX_DAYS:
        raise InvalidValue(f"a number of days is at most {MAX_DAYS:,}, the length of the calendar")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class Pending:
    """A credentialing application or a contract still waiting on the payer.

    ``since`` is the day it went in (``None`` when the record does not say), ``days``
    how long it has waited on the timeline's date, and ``typical_days`` the payer's
    usual turnaround from :attr:`credkit.PayerRules.typical_days`. ``followup_due``
    is true once it has waited longer than that.

    >>> Pending(record="credential", payer="cigna", who="Ana Ruiz", since="2024-01-15",
    ...         days=120, typical_days=90, followup_due=True).followup_due
    True
    """

    record: Literal["credential", "contract"] = attrs.field(converter=_to_record)
    payer: str = attrs.field(converter=to_payer_id)
    who: str = attrs.field(validator=not_blank)
    provider: NPI | None = attrs.field(default=None, converter=to_optional_npi)
    contract: str | None = attrs.field(default=None)
    since: date | None = attrs.field(default=None, converter=to_optional_date)
    days: int | None = attrs.field(default=None, converter=_to_optional_days)
    typical_days: int | None = attrs.field(default=None, converter=_to_optional_days)
    followup_due: bool = attrs.field(default=False, validator=strict_bool)

    def __attrs_post_init__(self) -> None:
        due = self.days is not None and self.typical_days is not None
        if self.followup_due and not (due and self.days > self.typical_days):  # type: ignore[operator]
            raise InvalidValue(
                "a follow-up is due only after more days than the typical turnaround",
                owner="Pending",
                attribute="followup_due",
            )
        if self.contract is not None and not (
            isinstance(self.contract, str) and self.contract.strip()
        ):
            raise InvalidValue(
                f"expected a contract id or None, got {describe(self.contract)}",
                owner="Pending",
                attribute="contract",
            )

    def __str__(self) -> str:
        what = "application" if self.record == "credential" else f"contract {self.contract}"
        since = "" if self.since is None else f" since {self.since.isoformat()}"
        waited = "" if self.days is None else f", {_plural(self.days, 'day')}"
        typical = "" if self.typical_days is None else f" (typically {self.typical_days})"
        due = "; follow up" if self.followup_due else ""
        return f"{display.inline(self.who)}: {what} with {self.payer} pending{since}{waited}{typical}{due}"


# --- the timeline ------------------------------------------------------------------


def _to_roads(value: object) -> tuple[Road, ...]:
    return tuple_of(Road, value)


def _to_pending(value: object) -> tuple[Pending, ...]:
    return tuple_of(Pending, value)


def _to_reasons(value: object) -> tuple[Reason, ...]:
    return tuple_of(Reason, value)


# The columns of Timeline.rows(), after provider, npi and payer.
_MILESTONE_COLUMNS = tuple(kind.value for kind in MilestoneKind)


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
class Timeline:
    """Each clinician's road to billing each payer at a practice, as of a date.

    ``roads`` has one :class:`Road` per provider on the roster (on ``on`` or joining
    later) and payer in the book; ``pending`` the applications and contracts still
    waiting, oldest first; ``reasons`` say why there are no roads when the practice
    is unknown. ``rows()`` gives plain dicts for pandas, ``svg()`` a Gantt chart.

    >>> timeline = Timeline(practice="12-3456789", on="2024-02-01", roads=[Road(
    ...     provider="1234567893", name="Ana Ruiz", payer="cigna", billable=False,
    ...     milestones=[Milestone(kind="submitted", on="2024-01-15", detail="application")],
    ...     blocker=Reason(code="credentialing_pending", message="pending"))])
    >>> timeline
    <Timeline practice 12-3456789 on 2024-02-01: 1 road, 0 billable, 0 pending>
    >>> timeline.rows()[0]["submitted"], timeline.rows()[0]["blocker"]
    ('2024-01-15', 'credentialing_pending')
    """

    practice: EIN | SSN = attrs.field(converter=to_tax_id)
    on: date = attrs.field(converter=to_date)
    roads: tuple[Road, ...] = attrs.field(default=(), converter=_to_roads)
    pending: tuple[Pending, ...] = attrs.field(default=(), converter=_to_pending)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[NPI, str]] = set()
        for road in self.roads:
            key = (road.provider, road.payer)
            if key in seen:
                raise InvalidValue(
                    f"has two roads for NPI {road.provider} and payer {road.payer!r}",
                    owner="Timeline",
                    attribute="roads",
                )
            seen.add(key)

    def road(self, provider: NPI | str, payer_id: str) -> Road:
        """The road of one provider (by NPI) with one payer (by id).

        >>> Timeline(practice="12-3456789", on="2024-02-01").road("1234567893", "cigna")
        Traceback (most recent call last):
        ...
        credkit.errors.InvalidValue: the timeline has no road for NPI 1234567893 and payer 'cigna'
        """
        npi, payer_id = to_npi(provider), to_payer_id(payer_id)
        for road in self.roads:
            if road.provider == npi and road.payer == payer_id:
                return road
        raise InvalidValue(f"the timeline has no road for NPI {npi} and payer {payer_id!r}")

    def rows(self) -> list[dict[str, object]]:
        """One plain dict per road, for a table library such as pandas.

        Keys: ``provider`` (name), ``npi``, ``payer``, ``billable``, ``blocker`` and
        ``blocker_message`` (``None`` when billable), ``days_to_billable`` (from
        joining the roster to the first billable day, when both are known), then one
        ISO date (or ``None``) per :class:`MilestoneKind`.
        """
        rows: list[dict[str, object]] = []
        for road in self.roads:
            joined = road.milestone(MilestoneKind.JOINED_ROSTER)
            days = (
                (road.first_billable - joined.on).days
                if joined is not None and road.first_billable is not None
                else None
            )
            row: dict[str, object] = {
                "provider": road.name,
                "npi": road.provider.digits,
                "payer": road.payer,
                "billable": road.billable,
                "blocker": None if road.blocker is None else road.blocker.code.value,
                "blocker_message": None if road.blocker is None else road.blocker.message,
                "days_to_billable": days,
            }
            for kind in MilestoneKind:
                found = road.milestone(kind)
                row[kind.value] = _iso(None if found is None else found.on)
            rows.append(row)
        return rows

    def _heading(self) -> str:
        billable = sum(road.billable for road in self.roads)
        parts = [
            _plural(len(self.roads), "road"),
            f"{billable} billable",
            f"{len(self.pending)} pending",
        ]
        reasons = "; " + ", ".join(r.code.value for r in self.reasons) if self.reasons else ""
        return f"practice {self.practice} on {self.on.isoformat()}: {', '.join(parts)}{reasons}"

    def __repr__(self) -> str:
        return f"<Timeline {self._heading()}>"

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        lines = [self._heading()]
        for road in self.roads:
            lines.append(str(road))
        if self.pending:
            lines.append("pending:")
            lines += [f"  {item}" for item in self.pending]
        if self.reasons:
            lines.append("reasons:")
            lines += [f"  {reason}" for reason in self.reasons]
        return "\n".join(lines)

    def svg(self) -> str:
        """The timeline as a standalone SVG Gantt chart: one row per road, a marker for the date.

        Self-contained (no script, no links), readable in greyscale: each stage has
        its own pattern as well as its colour, a legend, and a text label where it
        fits; the ``<title>`` and ``<desc>`` say in words what the chart shows.

        >>> svg = Timeline(practice="12-3456789", on="2024-02-01").svg()
        >>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
        """
        return _gantt(self)

    def _repr_html_(self) -> str:
        element, join = display.element, display.join
        header = join(
            element("th", label)
            for label in ("provider", "payer", "state", "first billable", "blocker")
        )
        rows = []
        for road in self.roads:
            blocker = (
                display.Markup("")
                if road.blocker is None
                else join([display.code(road.blocker.code.value), display.text(": ")])
                + display.text(road.blocker.message)
            )
            rows.append(
                element(
                    "tr",
                    join(
                        [
                            element("th", road.name),
                            display.cell(road.payer),
                            display.cell("billable" if road.billable else "not billable"),
                            display.cell(_iso(road.first_billable) or "none yet"),
                            display.cell(display.Markup(blocker)),
                        ]
                    ),
                )
            )
        table = element(
            "table",
            join(
                [
                    element("caption", f"Road to billable, practice {self.practice}"),
                    element("thead", element("tr", header)),
                    element("tbody", join(rows)),
                ]
            ),
            {"class": "credkit credkit-timeline"},
        )
        return element(
            "div",
            join([display.Markup(self.svg()), table]),
            {"class": "credkit-timeline"},
        )


# --- revenue at risk -------------------------------------------------------------------


def _to_amounts(value: object, key: Any) -> FrozenDict[Any, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidValue(f"expected a mapping of amounts, got {describe(value)}")
    return FrozenDict({key(item): to_money(amount) for item, amount in value.items()})


def _to_code(value: object) -> Code:
    return to_enum(Code, value)


def _by_reason(value: object) -> FrozenDict[Code, Decimal]:
    return _to_amounts(value, _to_code)


def _by_provider(value: object) -> FrozenDict[NPI, Decimal]:
    return _to_amounts(value, to_npi)


def _by_payer(value: object) -> FrozenDict[str, Decimal]:
    return _to_amounts(value, to_payer_id)


def _whole(instance: object, attribute: "attrs.Attribute[int]", value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(
            f"expected a whole number of claims, got {describe(value)}",
            owner=type(instance).__name__,
            attribute=attribute.name,
        )
    if value > MAX_CLAIMS:
        raise InvalidValue(
            f"a number of claims is at most {MAX_CLAIMS:,}",
            owner=type(instance).__name__,
            attribute=attribute.name,
        )


def _money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
class RevenueAtRisk:
    """What the refused claims of a batch are worth, by reason, provider and payer.

    Each refused claim is priced at its charge when the claim carries one, else at
    the rate a contract with the payer lists for its service; a refused claim with
    neither is counted in ``unpriced``. Each priced claim is counted once under its
    first reason, so that every breakdown adds up to ``total``.

    >>> risk = RevenueAtRisk(claims=3, refused=1, total="142.50",
    ...     by_reason={"not_contracted": "142.50"}, by_provider={"1234567893": "142.50"},
    ...     by_payer={"cigna": "142.50"})
    >>> print(risk)
    $142.50 at risk: 1 of 3 claims refused
      not_contracted: $142.50
    """

    claims: int = attrs.field(validator=_whole)
    refused: int = attrs.field(validator=_whole)
    unpriced: int = attrs.field(default=0, validator=_whole)
    total: Decimal = attrs.field(default=Decimal(0), converter=to_money)
    by_reason: Mapping[Code, Decimal] = attrs.field(factory=FrozenDict, converter=_by_reason)
    by_provider: Mapping[NPI, Decimal] = attrs.field(factory=FrozenDict, converter=_by_provider)
    by_payer: Mapping[str, Decimal] = attrs.field(factory=FrozenDict, converter=_by_payer)

    def __attrs_post_init__(self) -> None:
        def refuse(rule: str, attribute: str) -> None:
            raise InvalidValue(rule, owner="RevenueAtRisk", attribute=attribute)

        if self.refused > self.claims:
            refuse("cannot count more refused claims than claims", "refused")
        if self.unpriced > self.refused:
            refuse("cannot count more unpriced claims than refused ones", "unpriced")
        for name in ("by_reason", "by_provider", "by_payer"):
            if sum(getattr(self, name).values(), Decimal(0)) != self.total:
                refuse(f"adds up to {sum(getattr(self, name).values())}, not {self.total}", name)

    def __bool__(self) -> bool:
        """True when some refused claim is worth something."""
        return self.total > 0

    def __repr__(self) -> str:
        return (
            f"<RevenueAtRisk {_money(self.total)}: {self.refused} of "
            f"{_plural(self.claims, 'claim')} refused, {self.unpriced} unpriced>"
        )

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        lines = [
            f"{_money(self.total)} at risk: {self.refused} of {_plural(self.claims, 'claim')} refused"
        ]
        if self.unpriced:
            lines[0] += f" ({self.unpriced} without a charge or rate)"
        for code, amount in sorted(self.by_reason.items(), key=lambda item: -item[1]):
            lines.append(f"  {code.value}: {_money(amount)}")
        return "\n".join(lines)

    def rows(self) -> list[dict[str, str]]:
        """One plain dict per breakdown entry: ``by`` (reason, provider or payer), ``key``, ``amount``.

        >>> RevenueAtRisk(claims=0, refused=0).rows()
        []
        """
        rows = [
            {"by": "reason", "key": code.value, "amount": format(amount, "f")}
            for code, amount in self.by_reason.items()
        ]
        rows += [
            {"by": "provider", "key": npi.digits, "amount": format(amount, "f")}
            for npi, amount in self.by_provider.items()
        ]
        rows += [
            {"by": "payer", "key": payer, "amount": format(amount, "f")}
            for payer, amount in self.by_payer.items()
        ]
        return rows


# --- the chart ------------------------------------------------------------------------

# Each stage's fill: a colour and a pattern, so that the chart reads in greyscale too.
_STAGE_STYLE = {
    Stage.PENDING: ("#f0a030", "hatch"),
    Stage.APPROVED: ("#4a90d9", "dots"),
    Stage.CONTRACTED: ("#8e5ab5", "cross"),
    Stage.BILLABLE: ("#2e9d5b", "solid"),
}
_LABEL_WIDTH = 240
_PLOT_WIDTH = 640
_ROW_HEIGHT = 26
_TOP = 58
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def _patterns() -> display.Markup:
    """The fill of each stage: a pattern over its colour."""
    element, join = display.element, display.join
    shapes = {
        "hatch": element(
            "path",
            "",
            {"d": "M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6", "stroke": "#000", "stroke-width": "1.2"},
        ),
        "dots": element("circle", "", {"cx": "4", "cy": "4", "r": "1.6", "fill": "#000"}),
        "cross": element(
            "path", "", {"d": "M0,4 L8,4 M4,0 L4,8", "stroke": "#000", "stroke-width": "1"}
        ),
        "solid": display.Markup(""),
    }
    patterns = []
    for stage, (colour, shape) in _STAGE_STYLE.items():
        background = element("rect", "", {"width": "8", "height": "8", "fill": colour})
        patterns.append(
            element(
                "pattern",
                join([background, shapes[shape]]),
                {
                    "id": f"credkit-{stage.value}",
                    "width": "8",
                    "height": "8",
                    "patternUnits": "userSpaceOnUse",
                },
            )
        )
    return element("defs", join(patterns))


def _range(timeline: Timeline) -> tuple[date, date]:
    """The first and last day the chart shows: every milestone and span, and the date."""
    days = [timeline.on]
    # Licenses and contracts may date from long before anyone joined: the road starts later.
    shown = (MilestoneKind.JOINED_ROSTER, MilestoneKind.SUBMITTED, MilestoneKind.FIRST_BILLABLE)
    for road in timeline.roads:
        days += [milestone.on for milestone in road.milestones if milestone.kind in shown]
        for span in road.spans:
            days.append(span.start)
            if span.end != date.max:
                days.append(span.end)
    first, last = min(days), max(days)
    # A month's margin either side, within the calendar.
    first = date.fromordinal(max(first.toordinal() - 30, date.min.toordinal()))
    last = date.fromordinal(min(last.toordinal() + 30, date.max.toordinal()))
    return first, last


def _ticks(first: date, last: date) -> list[date]:
    """Month starts between ``first`` and ``last``, at most a dozen of them."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((step for step in _MONTH_STEPS if months / step <= 12), months)
    ticks = []
    year, month = first.year, first.month
    while True:
        # Steps of a year or more fall on January, shorter ones on multiples of the step.
        if (month - 1) % min(step, 12) == 0 and (step < 12 or year % (step // 12) == 0):
            tick = date(year, month, 1)
            if tick > last:
                break
            if tick >= first:
                ticks.append(tick)
        if (year, month) >= (last.year, last.month):
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _gantt(timeline: Timeline) -> str:
    element, join = display.element, display.join
    first, last = _range(timeline)
    total = max((last - first).days, 1)

    def x(day: date) -> float:
        return _LABEL_WIDTH + _PLOT_WIDTH * (day - first).days / total

    height = _TOP + _ROW_HEIGHT * max(len(timeline.roads), 1) + 30
    width = _LABEL_WIDTH + _PLOT_WIDTH + 90
    parts: list[display.Markup] = [_patterns()]
    # The legend: a swatch and the stage's name, so colour is never the only clue.
    for place, stage in enumerate(Stage):
        swatch = _LABEL_WIDTH + place * 150
        parts.append(
            element(
                "rect",
                "",
                {
                    "x": swatch,
                    "y": 8,
                    "width": 18,
                    "height": 12,
                    "fill": f"url(#credkit-{stage.value})",
                    "stroke": "#000",
                },
            )
        )
        parts.append(element("text", stage.value, {"x": swatch + 24, "y": 18, "class": "legend"}))
    bottom = _TOP + _ROW_HEIGHT * max(len(timeline.roads), 1)
    for tick in _ticks(first, last):
        at = f"{x(tick):.1f}"
        parts.append(
            element("line", "", {"x1": at, "x2": at, "y1": _TOP - 6, "y2": bottom, "class": "tick"})
        )
        parts.append(
            element(
                "text",
                tick.strftime("%Y-%m") if tick.year >= 1000 else tick.isoformat()[:7],
                {"x": at, "y": _TOP - 10, "class": "axis", "text-anchor": "middle"},
            )
        )
    for place, road in enumerate(timeline.roads):
        top = _TOP + place * _ROW_HEIGHT
        label = road.label if len(road.label) <= 34 else road.label[:33] + "…"
        parts.append(element("text", label, {"x": 6, "y": top + 17, "class": "road"}))
        for span in road.spans:
            end = min(span.end, last)
            left, right = x(span.start), x(day_after(end))
            bar = {
                "x": f"{left:.1f}",
                "y": top + 4,
                "width": f"{max(right - left, 1.0):.1f}",
                "height": _ROW_HEIGHT - 8,
                "fill": f"url(#credkit-{span.stage.value})",
                "stroke": "#000",
                "stroke-width": "0.5",
                "class": f"span {span.stage.value}",
            }
            tip = (
                f"{road.label}: {span.stage.value} {span.start.isoformat()} to "
                f"{'open' if span.end == date.max else span.end.isoformat()}"
            )
            parts.append(element("rect", element("title", tip), bar))
            if right - left > 70:
                parts.append(
                    element(
                        "text",
                        span.stage.value,
                        {"x": f"{left + 4:.1f}", "y": top + 17, "class": "stage"},
                    )
                )
    on = f"{x(timeline.on):.1f}"
    parts.append(
        element("line", "", {"x1": on, "x2": on, "y1": _TOP - 4, "y2": bottom + 4, "class": "on"})
    )
    parts.append(
        element(
            "text",
            f"on {timeline.on.isoformat()}",
            {"x": on, "y": bottom + 18, "class": "axis", "text-anchor": "middle"},
        )
    )
    title = f"Road to billable, practice {timeline.practice}, on {timeline.on.isoformat()}"
    described = [
        f"{road.label}: "
        + ("billable" if road.billable else f"not billable ({road.blocker.code.value})")  # type: ignore[union-attr]
        + (
            f", first billable {road.first_billable.isoformat()}"
            if road.first_billable is not None
            else ", no billable day yet"
        )
        for road in timeline.roads
    ] or ["no providers on the roster"]
    style = element(
        "style",
        "text { font-family: sans-serif; font-size: 12px; fill: #000 }"
        " .axis { font-size: 10px } .stage { font-size: 10px; font-weight: bold;"
        " paint-order: stroke; stroke: #fff; stroke-width: 3px }"
        " .tick { stroke: #bbb; stroke-width: 0.5 }"
        " .on { stroke: #c00; stroke-width: 2; stroke-dasharray: 4 3 }",
    )
    return element(
        "svg",
        join(
            [
                element("title", title, {"id": "credkit-timeline-title"}),
                element("desc", "; ".join(described), {"id": "credkit-timeline-desc"}),
                style,
                *parts,
            ]
        ),
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": "credkit-timeline-title credkit-timeline-desc",
        },
    )


def ordered(milestones: Iterable[Milestone]) -> tuple[Milestone, ...]:
    """Milestones in date order; on the same day, in the order the road usually takes them."""
    order = {kind: place for place, kind in enumerate(MilestoneKind)}
    return tuple(sorted(milestones, key=lambda item: (item.on, order[item.kind])))


def day_after(day: date) -> date:
    """The next day (``date.max`` stays itself)."""
    return day if day == date.max else day + timedelta(days=1)
