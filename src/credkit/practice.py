"""Practice: the business that employs clinicians and bills payers."""

from datetime import date

import attrs

from credkit._convert import an_argument, locate_errors, not_blank, to_date, tuple_of
from credkit._fields import to_npi, to_optional_npi, to_period, to_states, to_tax_id
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN, State
from credkit.periods import Period

__all__ = ["Affiliation", "Practice"]


@locate_errors
@attrs.frozen(kw_only=True)
class Affiliation:
    """A provider's place on a roster over a period: a practice's staff, or a group contract's members.

    >>> Affiliation(provider="1234567893", effective=Period("2024-01-01")).provider
    NPI('1234567893')
    """

    provider: NPI = attrs.field(converter=to_npi)
    effective: Period = attrs.field(converter=to_period)


def _to_roster(value: object) -> tuple[Affiliation, ...]:
    return tuple_of(Affiliation, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Practice:
    """A practice, identified by its tax id: an EIN for a business, an SSN for a solo clinician.

    ``npi`` is the practice's organizational (type 2) NPI, if it has one. ``states``
    are where it sees clients. ``roster`` lists who works there, and when.

    >>> practice = Practice(name="Harbor Therapy", tin="12-3456789", states=["NY"])
    >>> practice.tin, practice.npi, sorted(practice.states)
    (EIN('12-3456789'), None, [<State.NY: 'NY'>])
    >>> solo = Practice(name="Ana Ruiz", tin="123-45-6789", states=["NY"])
    >>> solo
    Practice(name='Ana Ruiz', tin=SSN('***-**-6789'), npi=None, states=frozenset({<State.NY: 'NY'>}), roster=())
    """

    name: str = attrs.field(validator=not_blank)
    tin: EIN | SSN = attrs.field(converter=to_tax_id)
    npi: NPI | None = attrs.field(default=None, converter=to_optional_npi)
    states: frozenset[State] = attrs.field(converter=to_states)
    roster: tuple[Affiliation, ...] = attrs.field(default=(), converter=_to_roster)

    def __attrs_post_init__(self) -> None:
        if not self.states:
            raise InvalidValue(
                "a practice sees clients in at least one state",
                owner="Practice",
                attribute="states",
            )

    def __str__(self) -> str:
        return f"{self.name} (tax id {self.tin})"

    def on_roster(self, provider: NPI | str, on: date | str) -> bool:
        """Tell whether ``provider`` is on the roster on ``on``.

        >>> p = Practice(name="H", tin="12-3456789", states=["NY"],
        ...     roster=[Affiliation(provider="1234567893", effective=Period("2024-01-01"))])
        >>> p.on_roster(NPI("1234567893"), date(2023, 12, 31)), p.on_roster(NPI("1234567893"), date(2024, 1, 1))
        (False, True)
        """
        digits = (
            provider.digits
            if type(provider) is NPI
            else an_argument(to_npi, provider, "provider").digits
        )
        on = on if type(on) is date else an_argument(to_date, on, "on")
        return any(
            entry.provider.digits == digits and on in entry.effective for entry in self.roster
        )
