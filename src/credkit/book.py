"""Book: everything a practice (or a billing service) knows, indexed, to ask questions by id.

A :class:`Book` holds providers, practices, payers, credentials, contracts and
opt-outs. It
checks on construction that every key is unique and every reference resolves, and
answers the same questions as the functions in :mod:`credkit.rules`, by id, with
the same answers.
"""

import gc
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, is_, lt, or_
from typing import Any, TypeVar

import attrs

from credkit._collector import collector_paused
from credkit._convert import (
    describe,
    to_date,
    to_optional_service_code,
    to_payer_id,
    tuple_of,
)
from credkit._fields import to_npi, to_optional_state, to_tax_id
from credkit._passes import missing
from credkit._roads import work_out_timeline
from credkit._timeline import Lane
from credkit._timeline import Timeline as Stretches
from credkit.advice import Deadline, MedicareOptions, Move, Readiness, Recommendation
from credkit.answers import (
    CheckedColumns,
    Code,
    GroupEligibility,
    Matrix,
    Path,
    Plan,
    Reason,
    Verdict,
    checked,
)
from credkit.claim import Claim, ClaimKey, claim_key, tax_id_key
from credkit.contract import Contract, Group
from credkit.credential import Credential
from credkit.errors import InvalidData, InvalidValue, UnknownId
from credkit.identifiers import EIN, NPI, SSN, State
from credkit.opt_out import OptOut
from credkit.payer import Payer
from credkit.periods import Period
from credkit.practice import Practice
from credkit.progress import RevenueAtRisk, Timeline
from credkit.provider import Provider
from credkit.rules import (
    adding_provider,
    credentialing_readiness,
    deadlines,
    group_eligibility,
    medicare_options,
    moving_provider,
    recommend_enrollment,
    revenue_at_risk,
)
from credkit.rules._common import argument, day, reason
from credkit.rules.billing import Facts, member_periods, places, refused
from credkit.rules.revenue import Checked
from credkit.rules.scrubbing import group_claim_without_rendering, identity_mismatches
from credkit.scrub import ScrubbedLine
from credkit.service_line import ServiceLine

__all__ = ["Book"]


def _to_providers(value: object) -> tuple[Provider, ...]:
    return tuple_of(Provider, value)


def _to_practices(value: object) -> tuple[Practice, ...]:
    return tuple_of(Practice, value)


def _to_payers(value: object) -> tuple[Payer, ...]:
    return tuple_of(Payer, value)


def _to_credentials(value: object) -> tuple[Credential, ...]:
    return tuple_of(Credential, value)


def _to_contracts(value: object) -> tuple[Contract, ...]:
    return tuple_of(Contract, value)


def _to_opt_outs(value: object) -> tuple[OptOut, ...]:
    return tuple_of(OptOut, value)


class _Index:
    """The lookups a Book answers from, built once; and every problem found building them."""

    def __init__(self, book: "Book") -> None:
        self.problems: list[str] = []
        self.providers: dict[NPI, Provider] = self._unique(
            book.providers, "providers", "npi", "NPI"
        )
        self.practices: dict[EIN | SSN, Practice] = self._unique(
            book.practices, "practices", "tin", "tax id"
        )
        self.payers: dict[str, Payer] = self._unique(book.payers, "payers", "id", "payer id")
        self.edi_payers: dict[str, Payer] = {}
        for index, payer in enumerate(book.payers):
            for edi_id in sorted(payer.edi_ids):
                other = self.edi_payers.setdefault(edi_id, payer)
                if other is not payer:
                    self.problems.append(
                        f"$.payers[{index}].edi_ids: electronic payer id {edi_id!r} is already "
                        f"used by payer {other.id!r}"
                    )
        # Billing NPI and tax id pairs loaded as pay-to, to the practice they bill for.
        self.pay_to_practices: dict[tuple[NPI, EIN | SSN], EIN | SSN] = {}
        # NPIs a practice bills under as a group: its own, and its group contracts' pay-to.
        self.group_npis: dict[NPI, EIN | SSN] = {
            practice.npi: practice.tin for practice in book.practices if practice.npi is not None
        }
        self._unique(book.contracts, "contracts", "id", "contract id")
        # Keyed by an NPI's digits and a tax id's text (as a claim's key holds them):
        # text hashes and compares in C, an identifier object in Python.
        self.credentials: dict[tuple[str, str], list[Credential]] = {}
        self.group_contracts: dict[tuple[str, str | SSN], list[tuple[int, Contract]]] = {}
        self.own_contracts: dict[tuple[str, str], list[tuple[int, Contract]]] = {}
        for index, practice in enumerate(book.practices):
            for place, entry in enumerate(practice.roster):
                self._provider(entry.provider, "$.practices[{}].roster[{}].provider", index, place)
        for index, credential in enumerate(book.credentials):
            self._provider(credential.provider, "$.credentials[{}].provider", index)
            self._payer(credential.payer, "$.credentials[{}].payer", index)
            self.credentials.setdefault((credential.provider.digits, credential.payer), []).append(
                credential
            )
        for index, contract in enumerate(book.contracts):
            self._contract(index, contract)
        self.opt_outs: dict[tuple[str, str], list[OptOut]] = {}
        for index, opt_out in enumerate(book.opt_outs):
            self._provider(opt_out.provider, "$.opt_outs[{}].provider", index)
            self._payer(opt_out.payer, "$.opt_outs[{}].payer", index)
            self.opt_outs.setdefault((opt_out.provider.digits, opt_out.payer), []).append(opt_out)
        # Filled as claims are judged; see Book.check.
        self.timelines: dict[tuple[str, str, str | SSN], Stretches] = {}
        # The same lanes, by a batch's row of ids as given; see Book.check_columns.
        self.raw_lanes: dict[tuple[Any, ...], Lane] = {}
        self.lanes: dict[ClaimKey, Lane] = {}
        self.roster_places: dict[tuple[str | SSN, str], tuple[Period, ...]] = {}
        self.members: dict[str, dict[str, tuple[Period, ...]]] = {}
        # Each verdict's cells in CheckedColumns, by the verdict's id: see _columns_of.
        self.verdict_cells: dict[int, tuple[Any, ...]] = {}

    def _unique(self, records: Iterable[Any], plural: str, key: str, label: str) -> dict[Any, Any]:
        found: dict[Any, Any] = {}
        first: dict[Any, int] = {}
        for index, record in enumerate(records):
            value = getattr(record, key)
            if value in found:
                self.problems.append(
                    f"$.{plural}[{index}].{key}: {label} {value} is already used by "
                    f"{plural}[{first[value]}]"
                )
                continue
            found[value] = record
            first[value] = index
        return found

    # Where a reference is, as a template and its indexes: written out only for a problem,
    # since a large book makes hundreds of thousands of references.
    def _provider(self, npi: NPI, where: str, *at: int) -> None:
        if npi not in self.providers:
            self.problems.append(f"{where.format(*at)}: the book holds no provider with NPI {npi}")

    def _payer(self, payer_id: str, where: str, *at: int) -> None:
        if payer_id not in self.payers:
            self.problems.append(
                f"{where.format(*at)}: the book holds no payer with id {payer_id!r}"
            )

    def _contract(self, index: int, contract: Contract) -> None:
        self._payer(contract.payer, "$.contracts[{}].payer", index)
        holder = contract.holder
        if isinstance(holder, Group):
            for entry in contract.pay_to:
                self.pay_to_practices.setdefault((entry.npi, entry.tin), holder.practice)
                self.group_npis.setdefault(entry.npi, holder.practice)
            if holder.practice not in self.practices:
                self.problems.append(
                    f"$.contracts[{index}].holder.practice: the book holds no practice "
                    f"with tax id {holder.practice}"
                )
            self.group_contracts.setdefault(
                (contract.payer, tax_id_key(holder.practice)), []
            ).append((index, contract))
        else:
            for entry in contract.pay_to:
                if entry.tin in self.practices:
                    self.pay_to_practices.setdefault((entry.npi, entry.tin), entry.tin)
            self._provider(holder.provider, "$.contracts[{}].holder.provider", index)
            self.own_contracts.setdefault((contract.payer, holder.provider.digits), []).append(
                (index, contract)
            )
        for place, member in enumerate(contract.members):
            self._provider(member.provider, "$.contracts[{}].members[{}].provider", index, place)

    def lane(self, claim: Claim) -> Lane:
        """The lane for a claim, made (with its timeline) the first time one like it comes."""
        found = self.lanes.get(claim._key)
        if found is not None:
            return found
        return self.lane_of(
            claim._key,
            npi=claim.provider,
            payer_id=claim.payer,
            tin=claim.practice,
            service=claim.service,
            state=claim.state,
        )

    def lane_of(
        self,
        key: ClaimKey,
        *,
        npi: NPI,
        payer_id: str,
        tin: EIN | SSN,
        service: str | None,
        state: State | None,
    ) -> Lane:
        """Make the lane for claims with these ids (``key`` is theirs, as :func:`claim_key` gives)."""
        # The claim's key without its service and state names its timeline.
        triple = key[:3]
        timeline = self.timelines.get(triple)
        if timeline is None:
            provider = self.providers.get(npi)
            payer = self.payers.get(payer_id)
            practice = self.practices.get(tin)
            if provider is None or payer is None or practice is None:
                reasons = _unknown(npi, payer_id, tin, known=(provider, payer, practice))
                found = self.lanes[key] = Lane(None, None, None, refused(reasons))
                return found
            timeline = self.timelines[triple] = Stretches(
                self.facts(provider, payer, practice, triple)
            )
        if state is not None and state is timeline.only_state:
            # Naming a practice's only state changes no verdict: one lane serves both.
            plain = (*key[:4], "")
            found = self.lanes.get(plain) or Lane(timeline, service, None)
            self.lanes[plain] = self.lanes[key] = found
            return found
        found = self.lanes[key] = Lane(timeline, service, state)
        return found

    def facts(
        self,
        provider: Provider,
        payer: Payer,
        practice: Practice,
        triple: tuple[str, str, str | SSN] | None = None,
    ) -> Facts:
        """The records bearing on one provider, payer and practice, in the book's order.

        ``triple``, when given, is the first three items of their claims' key (see
        :func:`~credkit.claim.claim_key`): a caller that holds it saves making it again.
        """
        digits, payer_id, tin = triple or (provider.npi.digits, payer.id, tax_id_key(practice.tin))
        group = self.group_contracts.get((payer_id, tin), ())
        own = self.own_contracts.get((payer_id, digits), ())
        # Each list is in the book's order already; only a mix of the two needs sorting.
        both = sorted([*group, *own], key=_first) if group and own else group or own
        # The provider's roster places at the practice: found once, shared by every payer.
        found = self.roster_places.get((tin, digits))
        if found is None:
            found = self.roster_places[tin, digits] = places(practice, provider)
        contracts = []
        memberships = []
        for _, contract in both:
            contracts.append(contract)
            # An individual contract has no members: most have none to look up.
            memberships.append(
                self.memberships(contract).get(digits, ()) if contract.members else ()
            )
        return Facts(
            provider,
            payer,
            practice,
            tuple(self.credentials.get((digits, payer_id), ())),
            tuple(contracts),
            tuple(self.opt_outs.get((digits, payer_id), ())),
            found,
            tuple(memberships),
        )

    def memberships(self, contract: Contract) -> dict[str, tuple[Period, ...]]:
        """A contract's member periods by provider's NPI digits: found once, shared by every member."""
        found = self.members.get(contract.id)
        if found is None:
            found = self.members[contract.id] = member_periods(contract)
        return found


@attrs.frozen(kw_only=True, repr=False)
class Book:
    """An immutable, indexed snapshot of providers, practices, payers, credentials, contracts and opt-outs.

    Keys must be unique (NPIs, tax ids, payer ids, contract ids) and every
    reference must resolve, or :class:`InvalidData` lists every problem. Questions
    are asked by id and give the same answers as the functions; an id the book
    does not hold is answered with ``unknown_provider``, ``unknown_payer`` or
    ``unknown_practice`` rather than an error.

    >>> from credkit import Claim, Payer, Practice, Provider
    >>> book = Book(providers=[Provider(npi="1234567893", name="Ana Ruiz")],
    ...             practices=[Practice(name="Harbor", tin="12-3456789", states=["NY"])],
    ...             payers=[Payer(id="aetna", name="Aetna")])
    >>> book
    Book(1 provider, 1 practice, 1 payer, 0 credentials, 0 contracts)
    >>> verdict = book.can_bill(Claim(provider="1234567893", payer="cigna",
    ...                              practice="12-3456789", on="2025-01-06"))
    >>> [reason.code.value for reason in verdict.reasons]
    ['unknown_payer']
    """

    providers: tuple[Provider, ...] = attrs.field(default=(), converter=_to_providers)
    practices: tuple[Practice, ...] = attrs.field(default=(), converter=_to_practices)
    payers: tuple[Payer, ...] = attrs.field(default=(), converter=_to_payers)
    credentials: tuple[Credential, ...] = attrs.field(default=(), converter=_to_credentials)
    contracts: tuple[Contract, ...] = attrs.field(default=(), converter=_to_contracts)
    opt_outs: tuple[OptOut, ...] = attrs.field(default=(), converter=_to_opt_outs)
    _index: _Index = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = _Index(self)
        if index.problems:
            raise InvalidData(index.problems)
        object.__setattr__(self, "_index", index)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled (to send to a worker process) as its records alone: what it has
        # worked out is rebuilt there as needed, and its index with it.
        # Every record field, whatever the book comes to hold, so none is lost on the way.
        records = {
            field.alias: getattr(self, field.name) for field in attrs.fields(Book) if field.init
        }
        return _rebuilt, (records,)

    def __repr__(self) -> str:
        counts = [
            (len(self.providers), "provider"),
            (len(self.practices), "practice"),
            (len(self.payers), "payer"),
            (len(self.credentials), "credential"),
            (len(self.contracts), "contract"),
        ]
        # Opt-outs are rare (Medicare's alone), so a book without any does not mention them.
        if self.opt_outs:
            counts.append((len(self.opt_outs), "opt-out"))
        return "Book({})".format(
            ", ".join(f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in counts)
        )

    # --- lookups -------------------------------------------------------------------

    def provider(self, npi: NPI | str) -> Provider | None:
        """The provider with this NPI, or ``None``.

        >>> Book().provider("1234567893") is None
        True
        """
        return self._index.providers.get(to_npi(npi))

    def practice(self, tin: EIN | SSN | str) -> Practice | None:
        """The practice with this tax id, or ``None``."""
        return self._index.practices.get(to_tax_id(tin))

    def payer(self, payer_id: str) -> Payer | None:
        """The payer with this id, or ``None``."""
        return self._index.payers.get(to_payer_id(payer_id))

    # --- questions -----------------------------------------------------------------

    def can_bill(self, claim: Claim) -> Verdict:
        """Answer :func:`credkit.can_bill` for one claim, by id.

        Unknown ids are refused with ``unknown_provider``, ``unknown_payer`` or
        ``unknown_practice`` (every one that applies).
        """
        claim = argument(Claim, claim, "claim")
        return self._index.lane(claim).judge(claim.on)

    def check(self, claims: Iterable[Claim]) -> Iterator[Verdict]:
        """Answer :meth:`can_bill` for each claim, lazily, in order: fit for millions of claims.

        The answers are those of :func:`credkit.can_bill`. Each verdict is worked out
        once for each provider, payer and practice, stretch of days over which
        nothing in their records changes, service and state, and then reused, so a
        year of claims costs little more than looking them up. The book keeps what
        it has worked out for as long as it lives.

        >>> list(Book().check([]))
        []
        """
        if isinstance(claims, str | bytes | Mapping) or not isinstance(claims, Iterable):
            raise InvalidValue(
                f"expected a list of Claim, got {describe(claims)}",
                owner="argument",
                attribute="claims",
            )
        index = self._index
        lanes = index.lanes
        for item in claims:
            claim = item if type(item) is Claim else argument(Claim, item, "claims")
            lane = lanes.get(claim._key)
            # Lane.judge, written out: this loop runs once per claim.
            ordinal = claim.on.toordinal()
            if lane is not None:
                last = ordinal >= lane.last_edge
                position = lane.last if last else bisect_right(lane.edges, ordinal)
                found = lane.verdicts[position]
                if found is not None:
                    yield found
                    continue
            # Something is to be worked out: with the collector held off (see
            # collector_paused; written out, as this runs for each new lane),
            # turned off before anything here is allocated.
            collecting = gc.isenabled()
            if collecting:
                gc.disable()
            try:
                if lane is None:
                    found = _first_of(index, claim, ordinal)
                else:
                    found = lane.work_out(position)
            finally:
                if collecting:
                    gc.enable()
            yield found

    def scrub(self, lines: Iterable[ServiceLine]) -> Iterator[ScrubbedLine]:
        """Check each service line of a batch before it goes out, lazily, in order.

        For each line (an 837P's loop 2400, as :func:`credkit.x12.read_837p` reads it):

        1. the payer is the book's payer whose :attr:`~credkit.Payer.edi_ids` hold
           the line's ``payer_id`` (none: ``unknown_payer``);
        2. the practice is the book's practice whose tax id is the billing
           provider's; failing that, the practice a contract's pay-to entry with the
           billing NPI and tax id bills for; failing that, the practice whose group
           NPI (its own, or its group contracts' pay-to NPI) is the billing NPI, so
           that a wrong tax id is named as one (none: ``unknown_practice``);
        3. the provider is the rendering provider, or the billing provider when the
           line names none (none in the book: ``unknown_provider``; a group's NPI
           with no rendering provider: ``rendering_npi_mismatch``);
        4. :meth:`can_bill` answers for them, the service and the state of service
           on the date of service; a range of days is refused if it is refused on
           its first or its last day;
        5. an allowed line's billing NPI, tax id and rendering NPI must be the
           verdict's billing identity (``billing_npi_mismatch``,
           ``tax_id_mismatch``, ``rendering_npi_mismatch``), each message saying
           what the claim has and what the contract loads.

        The verdicts come from the same batch path as :meth:`check`, so a batch of
        100,000 lines costs little more than reading it.

        >>> list(Book().scrub([]))
        []
        """
        if isinstance(lines, str | bytes | Mapping) or not isinstance(lines, Iterable):
            raise InvalidValue(
                f"argument lines: expected service lines (ServiceLine), got {describe(lines)}"
            )
        index = self._index
        lanes: dict[tuple[object, ...], Lane] = {}
        for item in lines:
            line = argument(ServiceLine, item, "lines")
            payer = index.edi_payers.get(line.payer_id)
            tin = line.tax_id
            if tin not in index.practices:
                tin = index.pay_to_practices.get((line.billing_npi, line.tax_id), tin)
            if tin not in index.practices:
                # A group NPI sent with the wrong tax id: the practice is the NPI's,
                # and the tax id is then compared with the one its contract loads.
                tin = index.group_npis.get(line.billing_npi, tin)
            practice = index.practices.get(tin)
            npi = line.rendering_npi or line.billing_npi
            provider = index.providers.get(npi)
            if provider is None or payer is None or practice is None:
                yield ScrubbedLine(
                    line=line,
                    verdict=_refused(self._unknown_on_line(line, provider, payer, practice)),
                    provider=None if provider is None else provider.npi,
                    payer=None if payer is None else payer.id,
                    practice=None if practice is None else practice.tin,
                )
                continue
            key = (npi, payer.id, tin, line.service, line.state)
            lane = lanes.get(key)
            if lane is None:
                claim = Claim(
                    provider=npi,
                    payer=payer.id,
                    practice=tin,
                    on=line.service_from,
                    service=line.service,
                    state=line.state,
                )
                lane = lanes[key] = index.lanes.get(claim._key) or index.lane(claim)
            verdicts = [lane.judge(on) for on in line.days]
            refusal = next((verdict for verdict in verdicts if not verdict.allowed), None)
            expected = None if refusal is not None else verdicts[0].billing
            if refusal is None:
                found: dict[Reason, None] = {}
                for verdict in verdicts:
                    found.update(dict.fromkeys(identity_mismatches(line, verdict, payer)))
                if found:
                    refusal = _refused(tuple(found))
            yield ScrubbedLine(
                line=line,
                verdict=verdicts[0] if refusal is None else refusal,
                expected=expected,
                provider=npi,
                payer=payer.id,
                practice=tin,
            )

    def _unknown_on_line(
        self,
        line: ServiceLine,
        provider: Provider | None,
        payer: Payer | None,
        practice: Practice | None,
    ) -> tuple[Reason, ...]:
        """Why a service line names no provider, payer or practice the book holds."""
        index = self._index
        reasons = []
        if provider is None:
            group = index.group_npis.get(line.billing_npi)
            if line.rendering_npi is None and group is not None:
                reasons.append(group_claim_without_rendering(line, index.practices[group].name))
            else:
                reasons.append(_unknown_provider(line.rendering_npi or line.billing_npi))
        if payer is None:
            reasons.append(
                reason(
                    Code.UNKNOWN_PAYER,
                    f"no payer in the book has the electronic payer id {line.payer_id!r} "
                    "(loop 2010BB): add it to that payer's edi_ids",
                )
            )
        if practice is None:
            reasons.append(
                reason(
                    Code.UNKNOWN_PRACTICE,
                    f"the book holds no practice with tax id {line.tax_id}, and no contract "
                    f"loads billing NPI {line.billing_npi} with that tax id",
                )
            )
        return tuple(reasons)

    def check_columns(
        self,
        *,
        provider: Iterable[Any],
        payer: Iterable[Any],
        practice: Iterable[Any],
        on: Iterable[Any],
        service: Iterable[Any] | None = None,
        state: Iterable[Any] | None = None,
        verdicts: bool = False,
    ) -> CheckedColumns:
        """Answer :meth:`can_bill` for a batch given column by column, without a Claim per row.

        Each argument is a column, one item per claim, all of the same length:
        lists or tuples, numpy arrays, pandas Series or Arrow arrays. Items are what
        :class:`Claim` accepts: ``provider`` NPIs (or their digits), ``payer`` ids,
        ``practice`` tax ids (hyphenated strings, or EIN/SSN objects), ``on`` dates
        (``date`` objects, ISO strings, numpy ``datetime64``, Arrow ``date32``),
        ``service`` codes and ``state`` codes or ``None`` (a column left out is all
        ``None``). Row ``i`` of the result is exactly
        ``book.can_bill(Claim(provider=provider[i], ...))``; ``verdicts=True`` adds
        the full :class:`Verdict` of each row, shared by the rows it answers.

        Items that :class:`Claim` would refuse are all reported at once, each as
        ``$.column[row]: message``, in an :class:`InvalidData`.

        >>> from credkit import Payer, Practice, Provider
        >>> book = Book(providers=[Provider(npi="1234567893", name="Ana Ruiz")],
        ...             practices=[Practice(name="Harbor", tin="12-3456789", states=["NY"])],
        ...             payers=[Payer(id="aetna", name="Aetna")])
        >>> checked = book.check_columns(provider=["1234567893", "1234567893"],
        ...     payer=["aetna", "cigna"], practice=["12-3456789", "12-3456789"],
        ...     on=["2025-01-06", "2025-01-07"])
        >>> checked
        <CheckedColumns: 2 rows, 0 allowed, 2 refused>
        >>> [[code.value for code in codes] for codes in checked.codes]
        [['not_on_roster', 'not_licensed', 'not_credentialed', 'not_contracted'], ['unknown_payer']]
        """
        given = {"provider": provider, "payer": payer, "practice": practice, "on": on}
        if service is not None:
            given["service"] = service
        if state is not None:
            given["state"] = state
        columns = {name: _column(value, name) for name, value in given.items()}
        rows = len(columns["provider"])
        for name, column in columns.items():
            if len(column) != rows:
                raise InvalidValue(
                    f"has {len(column)} items, but provider has {rows}: give every column "
                    "one item per claim",
                    owner="argument",
                    attribute=name,
                )
        if not isinstance(verdicts, bool):
            raise InvalidValue(
                f"expected true or false, got {describe(verdicts)}",
                owner="argument",
                attribute="verdicts",
            )
        found = self._verdicts(columns)
        with collector_paused():
            return _columns_of(found, verdicts, self._index.verdict_cells)

    def _reader(self) -> "_Reader":
        """A reader of rows' ids into this book's lanes, for a caller that reads its own rows."""
        return _Reader(self._index)

    def _verdicts(self, columns: dict[str, list[Any]]) -> list[Verdict]:
        """The verdict of each row of columns of equal length, as lists (see check_columns).

        Items that a claim would refuse are reported all at once, in an InvalidData.
        """
        reader = _Reader(self._index)
        found: list[Verdict] = []
        try:
            with collector_paused():
                for start in range(0, len(columns["provider"]), _CHUNK):
                    part = {
                        name: column[start : start + _CHUNK] for name, column in columns.items()
                    }
                    found += reader.verdicts(part)
        except (InvalidValue, TypeError) as error:
            problems = reader.problems(columns)
            if not problems:
                raise error  # pragma: no cover - a row refused here is found again there
            raise InvalidData(problems) from None
        return found

    def group_eligibility(
        self, practice_tin: EIN | SSN | str, payer_id: str, *, on: date | str
    ) -> GroupEligibility:
        """Answer :func:`credkit.group_eligibility` by tax id and payer id."""
        tin = to_tax_id(practice_tin)
        payer_key = to_payer_id(payer_id)
        when = day(on)
        practice = self._index.practices.get(tin)
        payer = self._index.payers.get(payer_key)
        if practice is not None and payer is not None:
            return group_eligibility(practice, payer, on=when, providers=self.providers)
        reasons = []
        if practice is None:
            reasons.append(_unknown_practice(tin))
        if payer is None:
            reasons.append(_unknown_payer(payer_key))
        minimum = payer.rules.group_minimum if payer is not None else None
        return GroupEligibility(
            eligible=False,
            minimum=minimum,
            count=0,
            shortfall=minimum,
            reasons=reasons,
        )

    def credentialing_readiness(
        self, npi: NPI | str, payer_id: str, *, on: date | str
    ) -> Readiness:
        """Answer :func:`credkit.credentialing_readiness` by NPI and payer id.

        An NPI or payer id the book does not hold gives a provider who is not ready,
        with ``unknown_provider`` or ``unknown_payer`` (each that applies).
        """
        key = to_npi(npi)
        payer_key = to_payer_id(payer_id)
        when = day(on)
        provider = self._index.providers.get(key)
        payer = self._index.payers.get(payer_key)
        if provider is not None and payer is not None:
            return credentialing_readiness(provider, payer, on=when)
        reasons = []
        if provider is None:
            reasons.append(_unknown_provider(key))
        if payer is None:
            reasons.append(_unknown_payer(payer_key))
        return Readiness(ready=False, reasons=reasons)

    def deadlines(self, *, on: date | str, within_days: int) -> tuple[Deadline, ...]:
        """Answer :func:`credkit.deadlines` for everything in the book.

        >>> Book().deadlines(on="2026-11-28", within_days=90)
        ()
        """
        return deadlines(
            on=on,
            within_days=within_days,
            providers=self.providers,
            credentials=self.credentials,
            contracts=self.contracts,
            payers=self.payers,
            opt_outs=self.opt_outs,
        )

    def medicare_options(
        self, npi: NPI | str, *, on: date | str, payer_id: str = "medicare"
    ) -> MedicareOptions:
        """Answer :func:`credkit.medicare_options` by NPI, with the book's credentials and opt-outs.

        ``payer_id`` names the book's Medicare payer (``"medicare"`` unless given). An
        answer about Medicare needs both, so an NPI or payer id the book does not hold
        raises :class:`~credkit.UnknownId` naming it.

        >>> from credkit import Provider
        >>> from credkit.catalog import MEDICARE
        >>> book = Book(providers=[Provider(npi="1234567893", name="Ana")], payers=[MEDICARE])
        >>> book.medicare_options("1234567893", on="2026-11-28").current.value
        'neither'
        """
        key = to_npi(npi)
        payer_key = to_payer_id(payer_id)
        when = day(on)
        provider = _known(self._index.providers, "provider", key)
        payer = _known(self._index.payers, "payer", payer_key)
        return medicare_options(
            provider,
            on=when,
            payer=payer,
            credentials=self._index.credentials.get((key.digits, payer_key), ()),
            opt_outs=self._index.opt_outs.get((key.digits, payer_key), ()),
        )

    def moving_provider(
        self,
        npi: NPI | str,
        from_tin: EIN | SSN | str,
        to_tin: EIN | SSN | str,
        *,
        on: date | str,
    ) -> dict[str, Move]:
        """Answer :func:`credkit.moving_provider` by NPI and the two practices' tax ids.

        A move cannot carry reasons, so an NPI or tax id the book does not hold
        raises :class:`~credkit.UnknownId` naming it. To move a provider to a practice
        the book does not hold yet, call the function with that practice.
        """
        key = to_npi(npi)
        old_tin, new_tin = to_tax_id(from_tin), to_tax_id(to_tin)
        provider = _known(self._index.providers, "provider", key)
        old = _known(self._index.practices, "practice", old_tin)
        new = _known(self._index.practices, "practice", new_tin)
        return moving_provider(
            provider,
            old,
            new,
            on=on,
            providers=self.providers,
            credentials=self.credentials,
            contracts=self.contracts,
            payers=self.payers,
            opt_outs=self.opt_outs,
        )

    def recommend_enrollment(
        self,
        practice_tin: EIN | SSN | str,
        payer_id: str,
        *,
        on: date | str,
        planned_providers: int = 0,
    ) -> Recommendation:
        """Answer :func:`credkit.recommend_enrollment` by tax id and payer id.

        A recommendation must choose, so a tax id or payer id the book does not hold
        raises :class:`~credkit.UnknownId` naming it.
        """
        tin = to_tax_id(practice_tin)
        payer_key = to_payer_id(payer_id)
        practice = _known(self._index.practices, "practice", tin)
        payer = _known(self._index.payers, "payer", payer_key)
        return recommend_enrollment(
            practice,
            payer,
            on=on,
            providers=self.providers,
            planned_providers=planned_providers,
        )

    def adding_provider(
        self, practice_tin: EIN | SSN | str, provider: Provider, *, on: date | str
    ) -> dict[str, Plan]:
        """Answer :func:`credkit.adding_provider` for every payer in the book, by payer id.

        ``provider`` may be new to the book or already in it; the one given is used.
        """
        tin = to_tax_id(practice_tin)
        provider = argument(Provider, provider, "provider")
        when = day(on)
        practice = self._index.practices.get(tin)
        plans: dict[str, Plan] = {}
        for payer in self.payers:
            if practice is None:
                plans[payer.id] = Plan(
                    payer=payer.id, path=Path.UNAVAILABLE, blockers=[_unknown_practice(tin)]
                )
                continue
            facts = self._index.facts(provider, payer, practice)
            plans[payer.id] = adding_provider(
                practice,
                provider,
                payer,
                on=when,
                providers=self.providers,
                credentials=facts.credentials,
                contracts=facts.contracts,
                opt_outs=facts.opt_outs,
            )
        return plans

    def timeline(self, practice_tin: EIN | SSN | str, *, on: date | str) -> Timeline:
        """Each clinician's road to billing each payer at a practice, and what is waiting.

        One :class:`~credkit.Road` per provider on the roster on ``on`` (or joining
        later) and payer in the book, with its dated milestones, the first day
        :meth:`can_bill` allows a claim, and what blocks it on ``on``; and the
        pending credentialing applications and contracts, with their days waiting
        against the payer's :attr:`~credkit.PayerRules.typical_days`. A practice the
        book does not hold gives an empty timeline with an ``unknown_practice`` reason.

        >>> Book().timeline("12-3456789", on="2026-11-28")
        <Timeline practice 12-3456789 on 2026-11-28: 0 roads, 0 billable, 0 pending; unknown_practice>
        """
        tin = to_tax_id(practice_tin)
        when = day(on)
        practice = self._index.practices.get(tin)
        if practice is None:
            return Timeline(practice=tin, on=when, reasons=[_unknown_practice(tin)])
        return work_out_timeline(
            practice,
            on=when,
            providers=self._index.providers,  # type: ignore[arg-type]
            payers=self.payers,
            facts=self._index.facts,
        )

    def revenue_at_risk(
        self, claims: Iterable[Checked], verdicts: Iterable[Verdict]
    ) -> RevenueAtRisk:
        """Answer :func:`credkit.revenue_at_risk`, pricing claims without a charge from the book's contracts.

        >>> Book().revenue_at_risk([], [])
        <RevenueAtRisk $0.00: 0 of 0 claims refused, 0 unpriced>
        """
        return revenue_at_risk(claims, verdicts, contracts=self.contracts)

    def matrix(self, practice_tin: EIN | SSN | str, *, on: date | str) -> Matrix:
        """Who can bill whom at a practice on a date: its providers by every payer in the book.

        The rows are the providers on the practice's roster on ``on``, in roster
        order, each once; the columns are the book's payers, in the book's order.
        Each cell is ``book.can_bill(Claim(provider=..., payer=..., practice=..., on=on))``.
        A practice the book does not hold gives a matrix with no rows and an
        ``unknown_practice`` reason.

        >>> Book().matrix("12-3456789", on="2026-11-28")
        <Matrix practice 12-3456789 on 2026-11-28: 0 providers by 0 payers; unknown_practice>
        """
        tin = to_tax_id(practice_tin)
        when = day(on)
        payer_ids = tuple(payer.id for payer in self.payers)
        practice = self._index.practices.get(tin)
        if practice is None:
            return Matrix(practice=tin, on=when, payers=payer_ids, reasons=[_unknown_practice(tin)])
        staff: dict[NPI, str] = {}
        for entry in practice.roster:
            if entry.provider not in staff and when in entry.effective:
                staff[entry.provider] = self._index.providers[entry.provider].name
        verdicts = {
            (npi, payer_id): self.can_bill(
                Claim(provider=npi, payer=payer_id, practice=tin, on=when)
            )
            for npi in staff
            for payer_id in payer_ids
        }
        return Matrix(
            practice=tin,
            on=when,
            providers=list(staff.items()),
            payers=payer_ids,
            verdicts=verdicts,
        )


K = TypeVar("K")
V = TypeVar("V")


def _known(records: Mapping[K, V], kind: str, key: K) -> V:
    """The record ``key`` names, for a question that cannot answer without it."""
    found = records.get(key)
    if found is None:
        raise UnknownId(kind, key)
    return found


def _first(item: tuple[int, Contract]) -> int:
    return item[0]


def _rebuilt(records: dict[str, Any]) -> Book:
    """A Book from its records, as unpickled."""
    return Book(**records)


def _first_of(index: _Index, claim: Claim, ordinal: int) -> Verdict:
    """The verdict for a claim whose lane is new: make the lane, and work the verdict out."""
    key = claim._key
    state = claim.state
    timeline = index.timelines.get(key[:3])
    if timeline is not None and (state is None or state is not timeline.only_state):
        # lane_of's common case, written out: a new service or state on a known timeline.
        lane = index.lanes[key] = Lane(timeline, claim.service, state)
        return lane.work_out(
            lane.last if ordinal >= lane.last_edge else bisect_right(lane.edges, ordinal)
        )
    lane = index.lane_of(
        key,
        npi=claim.provider,
        payer_id=claim.payer,
        tin=claim.practice,
        service=claim.service,
        state=state,
    )
    last = ordinal >= lane.last_edge
    position = lane.last if last else bisect_right(lane.edges, ordinal)
    found = lane.verdicts[position]
    return lane.work_out(position) if found is None else found


def _column(value: object, name: str) -> list[Any]:
    """A column of a batch as a list of Python values, from a list, array or Series."""
    if value is None or isinstance(value, str | bytes | Mapping):
        raise InvalidValue(
            f"expected a column (a list or array, one item per claim), got {describe(value)}",
            owner="argument",
            attribute=name,
        )
    # Arrow arrays and chunked arrays give Python values (date32 gives dates).
    to_pylist = getattr(value, "to_pylist", None)
    if callable(to_pylist):
        return list(to_pylist())
    # pandas Series and Index: their numpy values.
    to_numpy = getattr(value, "to_numpy", None)
    if callable(to_numpy):
        value = to_numpy()
    dtype = getattr(value, "dtype", None)
    if getattr(dtype, "kind", None) == "M":
        # numpy datetime64 of any unit: as whole days, which tolist() gives as dates.
        value = value.astype("datetime64[D]")  # type: ignore[attr-defined]
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        items = tolist()
        if isinstance(items, list):
            return items
    try:
        # A numpy scalar is Iterable by its type, yet cannot be iterated.
        found: list[Any] = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidValue(
            f"expected a column (a list or array, one item per claim), got {describe(value)}",
            owner="argument",
            attribute=name,
        ) from None
    return found


# Rows of a batch given as columns are judged this many at a time: the passes over
# them then hold a few small lists at once, whatever the batch's size.
_CHUNK = 8192
_FINAL = attrgetter("final")
_LAST_EDGE = attrgetter("last_edge")
_PARTS = ("provider", "payer", "practice", "service", "state")
_CONVERTERS: tuple[Callable[[Any], Any], ...] = (
    to_npi,
    to_payer_id,
    to_tax_id,
    to_optional_service_code,
    to_optional_state,
)


class _Reader:
    """The rows of one batch read into lanes, each distinct id read once."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        # Every distinct (provider, payer, practice, service, state) as given, and its
        # lane: kept by the book, as its lanes are, for the next batch.
        self.raw = index.raw_lanes
        # Every distinct item of each column as given, converted.
        self.parsed: tuple[dict[Any, Any], ...] = ({}, {}, {}, {None: None}, {None: None})
        # Dates given otherwise than as a date (ISO strings), as ordinals.
        self.days: dict[Any, int] = {}

    def lane(self, key: tuple[Any, ...]) -> Lane:
        """The lane for a row's ids as given; raises on an id a claim would refuse."""
        values = []
        for item, parsed, convert in zip(key, self.parsed, _CONVERTERS, strict=True):
            value = parsed.get(item, parsed)
            if value is parsed:
                value = parsed[item] = convert(item)
            values.append(value)
        npi, payer_id, tin, service, state = values
        lane_key = claim_key(npi, payer_id, tin, service, state)
        index = self.index
        found = index.lanes.get(lane_key) or index.lane_of(
            lane_key, npi=npi, payer_id=payer_id, tin=tin, service=service, state=state
        )
        self.raw[key] = found
        return found

    def verdicts(self, columns: dict[str, list[Any]]) -> list[Verdict]:
        """The verdict of each row; raises on an item a claim would refuse.

        Each step is a pass over the rows in C (their keys, their lanes, their days,
        and the verdict of a lane's last stretch, where a year's claims mostly fall);
        a row takes a step in Python only when its lane is new, its day is earlier
        than its lane's last stretch, or that stretch is still to be worked out.
        """
        provider = columns["provider"]
        rows = len(provider)
        keys = list(
            zip(
                provider,
                columns["payer"],
                columns["practice"],
                columns.get("service") or repeat(None, rows),
                columns.get("state") or repeat(None, rows),
                strict=True,
            )
        )
        raw = self.raw
        lanes: list[Any] = list(map(raw.get, keys))
        for row in missing(lanes):
            key = keys[row]
            lanes[row] = raw.get(key) or self.lane(key)
        dates = columns["on"]
        ordinals: list[int]
        # A date's type is checked exactly: a datetime is a date, but not one a claim takes.
        if set(map(type, dates)) <= {date}:
            ordinals = list(map(date.toordinal, dates))
        else:
            days = self.days
            ordinals = [
                when.toordinal() if type(when) is date else days.get(when) or self.day(when)
                for when in dates
            ]
        return self.judge(lanes, ordinals)

    @staticmethod
    def judge(lanes: list[Lane], ordinals: list[int]) -> list[Verdict]:
        """The verdict of each row from its lane and the ordinal of its date.

        A row takes a step in Python only when its day is earlier than its lane's
        last stretch, or that stretch is still to be worked out.
        """
        rows = len(lanes)
        found: list[Any] = list(map(_FINAL, lanes))
        early = map(lt, ordinals, map(_LAST_EDGE, lanes))
        for row in compress(range(rows), map(or_, early, map(is_, found, repeat(None)))):
            lane, ordinal = lanes[row], ordinals[row]
            # Lane.judge, written out.
            position = lane.last if ordinal >= lane.last_edge else bisect_right(lane.edges, ordinal)
            verdict = lane.verdicts[position]
            found[row] = lane.work_out(position) if verdict is None else verdict
        return found

    def day(self, value: object) -> int:
        """The ordinal of a date given otherwise than as a date; raises if it is not one."""
        ordinal = self.days[value] = to_date(value).toordinal()
        return ordinal

    def problems(self, columns: dict[str, list[Any]]) -> list[str]:
        """Every item of the batch a claim would refuse, as ``$.column[row]: message``."""
        found = []
        checks = [*zip(_PARTS, _CONVERTERS, strict=True), ("on", to_date)]
        for name, convert in checks:
            for row, item in enumerate(columns.get(name, ())):
                try:
                    convert(item)
                except InvalidValue as error:
                    found.append(f"$.{name}[{row}]: {error.rule}")
        return found


def _columns_of(
    verdicts: list[Verdict], keep: bool, parts: dict[int, tuple[Any, ...]]
) -> CheckedColumns:
    """The columns of a batch's verdicts; each distinct verdict is taken apart once.

    ``parts`` holds each verdict's cells by its id, for as long as the book lives:
    every verdict of a batch is one the book keeps (a lane's), so an id stays its
    verdict's, and the next batch finds its cells there.
    """
    table: list[Any] = list(map(parts.get, map(id, verdicts)))
    for row in missing(table):
        verdict = verdicts[row]
        table[row] = parts.get(id(verdict)) or parts.setdefault(id(verdict), _cells(verdict))
    columns: list[tuple[Any, ...]] = list(zip(*table, strict=True)) or [()] * 6
    allowed, codes, billing_npi, tax_id, rendering_npi, rate = columns
    return checked(
        CheckedColumns,
        allowed=allowed,
        codes=codes,
        billing_npi=billing_npi,
        tax_id=tax_id,
        rendering_npi=rendering_npi,
        rate=rate,
        verdicts=tuple(verdicts) if keep else None,
    )


def _cells(verdict: Verdict) -> tuple[Any, ...]:
    """A verdict's cells in CheckedColumns, in the order of its columns."""
    billing = verdict.billing
    if billing is None:
        return (verdict.allowed, verdict.codes, None, None, None, verdict.rate)
    return (
        verdict.allowed,
        (),
        billing.billing_npi,
        billing.tax_id,
        billing.rendering_npi,
        verdict.rate,
    )


def _unknown(
    npi: NPI,
    payer_id: str,
    tin: EIN | SSN,
    *,
    known: tuple[Provider | None, Payer | None, Practice | None],
) -> tuple[Reason, ...]:
    """The unknown_* reasons for a claim naming ids the book does not hold."""
    provider, payer, practice = known
    reasons = []
    if provider is None:
        reasons.append(_unknown_provider(npi))
    if payer is None:
        reasons.append(_unknown_payer(payer_id))
    if practice is None:
        reasons.append(_unknown_practice(tin))
    return tuple(reasons)


def _refused(reasons: tuple[Reason, ...]) -> Verdict:
    return Verdict(allowed=False, reasons=reasons)


def _unknown_payer(payer_id: str) -> Reason:
    return reason(Code.UNKNOWN_PAYER, f"the book holds no payer with id {payer_id!r}")


def _unknown_practice(tin: EIN | SSN) -> Reason:
    return reason(Code.UNKNOWN_PRACTICE, f"the book holds no practice with tax id {tin}")


def _unknown_provider(npi: NPI) -> Reason:
    return reason(Code.UNKNOWN_PROVIDER, f"the book holds no provider with NPI {npi}")
