"""Payer: an insurer, and the rules it applies to panels and contracts, as data."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import attrs

from credkit._convert import (
    MAX_PROVIDERS,
    MAX_RECREDENTIAL_MONTHS,
    MAX_RETRO_DAYS,
    MAX_TYPICAL_DAYS,
    count_at_least,
    describe,
    frozenset_of,
    locate_errors,
    not_blank,
    optional_count_at_least,
    optional_not_blank,
    strict_bool,
    to_date,
    to_edi_payer_id,
    to_enum,
    to_money,
    to_optional_date,
    to_payer_id,
)
from credkit._fields import to_states
from credkit._frozen import FrozenDict
from credkit.errors import InvalidValue
from credkit.identifiers import State
from credkit.periods import Period
from credkit.provider import Profession

__all__ = ["Payer", "PayerRules"]


def _to_profession(value: object) -> Profession:
    return to_enum(Profession, value)


def _to_professions(value: object) -> frozenset[Profession] | None:
    return None if value is None else frozenset_of(_to_profession, value)


def _profession_argument(value: object) -> Profession:
    """A method's profession argument: a Profession or its value, named if neither."""
    if type(value) is Profession:
        return value
    try:
        return _to_profession(value)
    except InvalidValue as error:
        raise error.located("argument", "profession") from None


def _to_profession_periods(value: object) -> FrozenDict[Profession, Period]:
    """A read-only mapping of profession to the period in which the payer accepts it.

    A period may be given as a :class:`Period` or, for "from this date on", as a date
    or an ISO date string.
    """
    if not isinstance(value, Mapping):
        raise InvalidValue(
            f"expected a mapping of profession to the period it is accepted in, got "
            f"{describe(value)}"
        )
    converted: dict[Profession, Period] = {}
    for key, period in value.items():
        profession = _to_profession(key)
        if profession in converted:
            raise InvalidValue(f"lists {profession.value} twice")
        if isinstance(period, Period):
            converted[profession] = period
        elif isinstance(period, date | str):
            try:
                converted[profession] = Period(period)
            except InvalidValue as error:
                raise InvalidValue(f"{profession.value}: {error.rule}") from None
        else:
            raise InvalidValue(
                f"{profession.value}: expected a Period or a start date, got {describe(period)}"
            )
    return FrozenDict(converted)


def _to_min_liability(value: object) -> tuple[Decimal, Decimal] | None:
    """``None``, or two amounts in order, per claim then aggregate, as a list or tuple."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise InvalidValue(
            f"expected [per claim, aggregate], two amounts of money, got {describe(value)}"
        )
    if len(value) != 2:
        raise InvalidValue(
            "expected [per claim, aggregate], two amounts of money, got "
            f"{len(value)} item{'' if len(value) == 1 else 's'}"
        )
    amounts = []
    for label, amount in zip(("per claim", "aggregate"), value, strict=True):
        try:
            amounts.append(to_money(amount))
        except InvalidValue as error:
            raise InvalidValue(f"{label}: {error.rule}") from None
    per_claim, aggregate = amounts
    if aggregate < per_claim:
        raise InvalidValue(
            f"the aggregate minimum {aggregate} is below the per-claim minimum {per_claim}"
        )
    return per_claim, aggregate


@locate_errors
@attrs.frozen(kw_only=True)
class PayerRules:
    """How a payer contracts, as data with its provenance.

    * ``group_minimum`` — providers a practice needs for a group contract (1 to
      1,000,000); ``None`` means the payer offers no group contracts.
    * ``individual_contracts`` — whether the payer signs individual contracts at all.
    * ``closed_states`` — states where the panel is closed to new individual contracts.
    * ``group_adds_when_closed`` — whether a group contract may still add providers there.
    * ``professions`` — the professions the payer credentials; ``None`` means any.
    * ``profession_periods`` — professions the payer accepts only within a period, as
      a mapping of profession to :class:`Period` (or to a start date, for "from then
      on"): Medicare pays marriage and family therapists and mental health counselors
      for services from 2024-01-01. A profession not listed is accepted on any date.
    * ``retro_days`` — how many days before an effective date billing is allowed
      (0 to 3,650).
    * ``recredential_months`` — how often credentialing must be renewed (1 to 120).
    * ``revalidation_months`` — how often an enrollment must be revalidated (1 to 120), for a
      payer that revalidates instead of recredentialing (Medicare: every 60 months,
      42 CFR 424.515); ``None`` means the payer does not revalidate, or, for Medicare,
      the 60 months of the regulation.
    * ``medicare`` — the payer is Medicare fee-for-service: enrollment is on the
      CMS-855 forms (855I for a clinician, 855B for a group, 855R to reassign a
      clinician's benefits to a group), there is no minimum group size, CAQH is not
      used, and a clinician may opt out instead of enrolling (:class:`~credkit.OptOut`).
    * ``min_liability`` — the least liability cover the payer accepts, per claim and
      in aggregate, as two amounts (strings, integers or ``Decimal``; floats are
      refused); ``None`` means any policy in effect will do.
    * ``requires_caqh`` — whether the payer reads applications from CAQH ProView, so
      that a provider needs a profile there, attested within the last 120 days.
    * ``typical_days`` — how many days the payer usually takes to decide a
      credentialing application or to return a contract, as the source states it;
      ``None`` (the default) when no source gives one. A pending application older
      than this is due a follow-up. It needs a ``source``: no invented figure.
    * ``source`` and ``as_of`` — where the figures came from, and when.

    >>> rules = PayerRules(group_minimum=4, closed_states=["ny"], retro_days=30)
    >>> rules.group_minimum, rules.closed_states, rules.professions
    (4, frozenset({<State.NY: 'NY'>}), None)
    >>> PayerRules(min_liability=["1000000", "3000000"], requires_caqh=True).min_liability
    (Decimal('1000000'), Decimal('3000000'))
    >>> rules = PayerRules(profession_periods={"marriage_family_therapist": "2024-01-01"})
    >>> rules.profession_periods[Profession.MARRIAGE_FAMILY_THERAPIST]
    Period(start=datetime.date(2024, 1, 1), end=None)
    """

    group_minimum: int | None = attrs.field(
        default=1, validator=optional_count_at_least(1, MAX_PROVIDERS)
    )
    individual_contracts: bool = attrs.field(default=True, validator=strict_bool)
    closed_states: frozenset[State] = attrs.field(default=frozenset(), converter=to_states)
    group_adds_when_closed: bool = attrs.field(default=True, validator=strict_bool)
    professions: frozenset[Profession] | None = attrs.field(default=None, converter=_to_professions)
    profession_periods: Mapping[Profession, Period] = attrs.field(
        factory=FrozenDict, converter=_to_profession_periods
    )
    retro_days: int = attrs.field(default=0, validator=count_at_least(0, MAX_RETRO_DAYS))
    recredential_months: int = attrs.field(
        default=36, validator=count_at_least(1, MAX_RECREDENTIAL_MONTHS)
    )
    revalidation_months: int | None = attrs.field(
        default=None, validator=optional_count_at_least(1, MAX_RECREDENTIAL_MONTHS)
    )
    min_liability: tuple[Decimal, Decimal] | None = attrs.field(
        default=None, converter=_to_min_liability
    )
    requires_caqh: bool = attrs.field(default=False, validator=strict_bool)
    typical_days: int | None = attrs.field(
        default=None, validator=optional_count_at_least(1, MAX_TYPICAL_DAYS)
    )
    medicare: bool = attrs.field(default=False, validator=strict_bool)
    source: str | None = attrs.field(default=None, validator=optional_not_blank)
    as_of: date | None = attrs.field(default=None, converter=to_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.professions is not None and not self.professions:
            raise InvalidValue(
                "an empty set would accept no one; use None to accept any profession",
                owner="PayerRules",
                attribute="professions",
            )
        if self.typical_days is not None and self.source is None:
            raise InvalidValue(
                "a typical turnaround needs a source saying where the figure comes from",
                owner="PayerRules",
                attribute="typical_days",
            )
        if self.professions is not None:
            never = sorted(
                profession.value
                for profession in self.profession_periods
                if profession not in self.professions
            )
            if never:
                raise InvalidValue(
                    f"{', '.join(never)} has a period but is not among the professions, so "
                    "it would never be accepted: add it to professions",
                    owner="PayerRules",
                    attribute="profession_periods",
                )

    @property
    def offers_group_contracts(self) -> bool:
        """Whether the payer signs group contracts at all.

        >>> PayerRules(group_minimum=None).offers_group_contracts
        False
        """
        return self.group_minimum is not None

    def accepts(self, profession: Profession | str, on: date | str | None = None) -> bool:
        """Tell whether the payer credentials ``profession`` (for services on ``on``).

        Without a date, whether the payer accepts the profession on some date.

        >>> PayerRules(professions=["psychologist"]).accepts(Profession.PSYCHOLOGIST)
        True
        >>> PayerRules(professions=["psychologist"]).accepts(Profession.OTHER)
        False
        >>> counselors = PayerRules(profession_periods={"professional_counselor": "2024-01-01"})
        >>> counselors.accepts(Profession.PROFESSIONAL_COUNSELOR, date(2023, 12, 31))
        False
        >>> counselors.accepts(Profession.PROFESSIONAL_COUNSELOR, date(2024, 1, 1))
        True
        """
        profession = _profession_argument(profession)
        if on is not None and type(on) is not date:
            try:
                on = to_date(on)
            except InvalidValue as error:
                raise error.located("argument", "on") from None
        if self.professions is not None and profession not in self.professions:
            return False
        period = self.profession_periods.get(profession)
        return period is None or on is None or on in period

    def accepted_in(self, profession: Profession | str) -> Period | None:
        """The period in which the payer accepts ``profession``, when it is limited to one.

        >>> PayerRules(profession_periods={"professional_counselor": "2024-01-01"}).accepted_in(
        ...     Profession.PROFESSIONAL_COUNSELOR)
        Period(start=datetime.date(2024, 1, 1), end=None)
        >>> PayerRules().accepted_in(Profession.PSYCHOLOGIST) is None
        True
        """
        return self.profession_periods.get(_profession_argument(profession))


def _to_edi_ids(value: object) -> frozenset[str]:
    return frozenset_of(to_edi_payer_id, value)


def _to_rules(value: object) -> PayerRules:
    if not isinstance(value, PayerRules):
        raise InvalidValue(f"expected PayerRules, got {type(value).__name__}")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class Payer:
    """An insurer, known by a short ``id`` such as ``"cigna"``.

    ``edi_ids`` are the ids electronic claims name the payer by (an 837's loop
    2010BB NM109), as the clearinghouse's payer list gives them; a payer may have
    several (one per clearinghouse, or per product).

    >>> Payer(id="aetna", name="Aetna").rules.group_minimum
    1
    >>> sorted(Payer(id="cigna", name="Cigna", edi_ids=["62308", "SX071"]).edi_ids)
    ['62308', 'SX071']
    """

    id: str = attrs.field(converter=to_payer_id)
    name: str = attrs.field(validator=not_blank)
    rules: PayerRules = attrs.field(factory=PayerRules, converter=_to_rules)
    edi_ids: frozenset[str] = attrs.field(default=frozenset(), converter=_to_edi_ids)

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"
