"""Properties of the three questions over generated books."""

import itertools
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from credkit import (
    Affiliation,
    Book,
    Claim,
    Contract,
    ContractStatus,
    Credential,
    CredentialStatus,
    Group,
    Individual,
    License,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Practice,
    Provider,
    StepKind,
    adding_provider,
    can_bill,
    group_eligibility,
)
from tests import strategies as cs


def by_function(book: Book, claim: Claim) -> Any:
    """Ask can_bill of the function, with the book's full lists."""
    return can_bill(
        book.provider(claim.provider),
        book.payer(claim.payer),
        book.practice(claim.practice),
        on=claim.on,
        credentials=book.credentials,
        contracts=book.contracts,
        service=claim.service,
        state=claim.state,
        opt_outs=book.opt_outs,
    )


class TestBookAgreesWithFunctions:
    """A Book gives exactly the answers the functions give."""

    @given(cs.books_with_claims())
    def test_can_bill(self, book_and_claims: tuple[Book, list[Claim]]) -> None:
        """book.can_bill and book.check equal can_bill over the book's lists, claim by claim."""
        book, claims = book_and_claims
        expected = [by_function(book, claim) for claim in claims]
        assert expected == [book.can_bill(claim) for claim in claims]
        assert expected == list(book.check(claims))

    @given(cs.books(), cs.window_dates(), st.data())
    def test_group_eligibility(self, book: Book, on: date, data: st.DataObject) -> None:
        """book.group_eligibility equals group_eligibility with the book's providers."""
        practice = data.draw(st.sampled_from(book.practices))
        payer = data.draw(st.sampled_from(book.payers))
        assert group_eligibility(
            practice, payer, on=on, providers=book.providers
        ) == book.group_eligibility(practice.tin, payer.id, on=on)

    @given(cs.books(), cs.window_dates(), st.data())
    def test_adding_provider(self, book: Book, on: date, data: st.DataObject) -> None:
        """book.adding_provider gives each payer's plan from adding_provider."""
        practice = data.draw(st.sampled_from(book.practices))
        provider = data.draw(
            st.sampled_from(book.providers) | cs.book_providers(data.draw(cs.npis()))
        )
        expected = {
            payer.id: adding_provider(
                practice,
                provider,
                payer,
                on=on,
                providers=book.providers,
                credentials=book.credentials,
                contracts=book.contracts,
                opt_outs=book.opt_outs,
            )
            for payer in book.payers
        }
        assert expected == book.adding_provider(practice.tin, provider, on=on)


def edge_dates(book: Book) -> list[date]:
    """Every start and end in the book, the days either side, and those moved by retro days.

    Also the days credentials were submitted and contracts signed, and the days either side.
    """
    periods = [entry.effective for practice in book.practices for entry in practice.roster]
    periods += [license.effective for provider in book.providers for license in provider.licenses]
    periods += [c.effective for c in book.credentials if c.effective is not None]
    for contract in book.contracts:
        periods += [contract.effective] if contract.effective else []
        periods += [member.effective for member in contract.members]
        periods += [entry.effective for entry in contract.pay_to]
    periods += [
        period for payer in book.payers for period in payer.rules.profession_periods.values()
    ]
    shifts = {0, *(payer.rules.retro_days for payer in book.payers)}
    filed = [c.submitted for c in book.credentials if c.submitted is not None]
    filed += [c.signed for c in book.contracts if c.signed is not None]
    found = {day + timedelta(days=step) for day in filed for step in (-1, 0, 1)}
    # An opt-out's two-year periods (the first few: the window is two years) and its end.
    for record in book.opt_outs:
        edges = list(itertools.islice(record.period_starts(), 5))
        if record.last_day is not None:
            edges.append(record.last_day + timedelta(days=1))
        for edge in edges:
            found.update(edge + timedelta(days=step) for step in (-1, 0, 1))
    for period in periods:
        for edge in (period.start, period.end):
            if edge is None:
                continue
            for shift in shifts:
                for step in (-1, 0, 1):
                    found.add(edge - timedelta(days=shift - step))
    return sorted(found)


class TestBatchPath:
    """Book.check's stretches of days give the functions' answers on every edge."""

    @given(cs.billable_books(), st.data())
    def test_every_edge(self, book: Book, data: st.DataObject) -> None:
        """On the day before, of and after every period edge (and retro-shifted edges),
        in shuffled order and asked twice, check() agrees with can_bill."""
        provider = data.draw(st.sampled_from(book.providers))
        payer = data.draw(st.sampled_from(book.payers))
        practice = data.draw(st.sampled_from(book.practices))
        service = data.draw(st.none() | st.sampled_from(cs.BOOK_SERVICES))
        state = data.draw(st.none() | st.sampled_from(cs.BOOK_STATES))
        days = data.draw(st.permutations(edge_dates(book)))
        claims = [
            Claim(
                provider=provider.npi,
                payer=payer.id,
                practice=practice.tin,
                on=day,
                service=service,
                state=state,
            )
            for day in days
        ]
        expected = [by_function(book, claim) for claim in claims]
        assert expected == list(book.check(claims))
        assert expected == list(book.check(reversed(claims)))[::-1]

    def test_every_day_around_early_and_retro_edges(self) -> None:
        """Day by day around a roster place and a license from before 2000, and a credential's
        and a membership's retro windows, check() agrees with can_bill."""
        ana = Provider(
            npi="1234567893",
            name="Ana Ruiz",
            licenses=[
                License(
                    state="NY",
                    profession="psychologist",
                    number="NY-1",
                    effective=Period("1990-01-01"),
                )
            ],
        )
        harbor = Practice(
            name="Harbor",
            tin="12-3456789",
            npi="1558598797",
            states=["NY"],
            roster=[Affiliation(provider=ana.npi, effective=Period("1989-06-01"))],
        )
        book = Book(
            providers=[ana],
            practices=[harbor],
            payers=[Payer(id="aetna", name="Aetna", rules=PayerRules(retro_days=30))],
            credentials=[
                Credential(
                    provider=ana.npi,
                    payer="aetna",
                    status="approved",
                    effective=Period("1995-01-01"),
                )
            ],
            contracts=[
                Contract(
                    id="aetna-harbor",
                    payer="aetna",
                    holder=Group(practice=harbor.tin),
                    status="executed",
                    signed="1994-12-01",
                    effective=Period("1994-12-01"),
                    members=[Affiliation(provider=ana.npi, effective=Period("2024-03-01"))],
                    pay_to=[PayTo(tin=harbor.tin, npi=harbor.npi, effective=Period("1994-12-01"))],
                )
            ],
        )
        days = [
            first + timedelta(days=offset)
            for first, count in (
                (date(1989, 5, 25), 10),
                (date(1989, 12, 25), 10),
                (date(1994, 11, 25), 45),
                (date(2024, 1, 25), 40),
            )
            for offset in range(count)
        ]
        claims = [
            Claim(provider=ana.npi, payer="aetna", practice=harbor.tin, on=day) for day in days
        ]
        expected = [by_function(book, claim) for claim in claims]
        assert expected == list(book.check(claims))
        assert {True, False} == {bool(verdict) for verdict in expected}

    def test_every_day_around_terminations_and_filing_dates(self) -> None:
        """Day by day around a terminated contract's and credential's last days, an application
        submitted later and a contract signed later, check() agrees with can_bill."""
        book = attrs.evolve(
            terminated_world(),
            credentials=[
                *terminated_world().credentials,
                Credential(
                    provider=ANA_NPI, payer="aetna", status="pending", submitted="2025-02-10"
                ),
            ],
            contracts=[
                *terminated_world().contracts,
                Contract(
                    id="aetna-ana",
                    payer="aetna",
                    holder=Individual(provider=ANA_NPI),
                    status="executed",
                    signed="2025-03-20",
                    effective=Period("2025-05-01"),
                    pay_to=[PayTo(tin=HARBOR_TIN, npi=ANA_NPI, effective=Period("2025-05-01"))],
                ),
            ],
        )
        days = [date(2024, 12, 1) + timedelta(days=offset) for offset in range(150)]
        claims = [Claim(provider=ANA_NPI, payer="aetna", practice=HARBOR_TIN, on=d) for d in days]
        expected = [by_function(book, claim) for claim in claims]
        assert expected == list(book.check(claims))
        # Allowed to the last day, then explained by the terminated records, then by the
        # application once submitted, and the later contract bills once its retro window opens.
        codes = {
            claim.on: tuple(reason.code.value for reason in verdict.reasons)
            for claim, verdict in zip(claims, expected, strict=True)
        }
        assert [
            (),
            ("credential_not_in_effect", "contract_not_in_effect"),
            ("credential_not_in_effect", "contract_not_in_effect"),
            ("credentialing_pending", "contract_not_in_effect"),
            ("credentialing_pending",),
        ] == [
            codes[date.fromisoformat(day)]
            for day in ("2024-12-31", "2025-01-01", "2025-02-09", "2025-02-10", "2025-04-01")
        ]


ANA_NPI = "1234567893"
HARBOR_TIN = "12-3456789"


def terminated_world(retro_days: int = 30, *, terminated: bool = True) -> Book:
    """Ana billing Aetna through Harbor under a credential and a group contract that ran 2024.

    Both are terminated, or (``terminated=False``) approved and executed, with the same period.
    """
    ana = Provider(
        npi=ANA_NPI,
        name="Ana Ruiz",
        licenses=[
            License(
                state="NY", profession="psychologist", number="NY-1", effective=Period("2020-01-01")
            )
        ],
    )
    harbor = Practice(
        name="Harbor",
        tin=HARBOR_TIN,
        npi="1558598797",
        states=["NY"],
        roster=[Affiliation(provider=ana.npi, effective=Period("2020-01-01"))],
    )
    term = Period("2024-03-01", "2024-12-31")
    return Book(
        providers=[ana],
        practices=[harbor],
        payers=[Payer(id="aetna", name="Aetna", rules=PayerRules(retro_days=retro_days))],
        credentials=[
            Credential(
                provider=ana.npi,
                payer="aetna",
                status="terminated" if terminated else "approved",
                submitted="2024-01-10",
                effective=term,
            )
        ],
        contracts=[
            Contract(
                id="aetna-harbor",
                payer="aetna",
                holder=Group(practice=harbor.tin),
                status="terminated" if terminated else "executed",
                signed="2024-02-15",
                effective=term,
                members=[Affiliation(provider=ana.npi, effective=term)],
                pay_to=[PayTo(tin=harbor.tin, npi=harbor.npi, effective=term)],
                rates={"90837": "140.00"},
            )
        ],
    )


def _granted(book: Book) -> list[Contract | Credential]:
    """The executed contracts and approved credentials: the records that can be terminated."""
    return [
        *(c for c in book.contracts if c.status is ContractStatus.EXECUTED),
        *(c for c in book.credentials if c.status is CredentialStatus.APPROVED),
    ]


def _claimant(book: Book, record: Contract | Credential) -> tuple[Any, str, Any]:
    """The provider, payer and practice whose claims a record bears on."""
    if isinstance(record, Credential):
        practice = next(
            (p for p in book.practices if p.on_roster(record.provider, record.effective.start)),  # type: ignore[union-attr]
            book.practices[0],
        )
        return record.provider, record.payer, practice.tin
    holder = record.holder
    if isinstance(holder, Group):
        provider = record.members[0].provider if record.members else book.providers[0].npi
        return provider, record.payer, holder.practice
    tins = [p.tin for p in book.practices]
    linked = [entry.tin for entry in record.pay_to if entry.tin in tins]
    return holder.provider, record.payer, linked[0] if linked else tins[0]


class TestTerminatedRecords:
    """Terminated means ended, not erased: within its period a record's status changes nothing."""

    # The boundaries: before the retro window, its first day, the day before the start,
    # the first and last days, and the day after; for the contract (0) and the credential (1).
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="start", shift=-31)
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="start", shift=-30)
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="start", shift=-1)
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="start", shift=0)
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="end", shift=-1)
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="end", shift=0)
    @example(book=terminated_world(terminated=False), pick=0, length=0, anchor="end", shift=1)
    @example(book=terminated_world(terminated=False), pick=1, length=0, anchor="start", shift=-1)
    @example(book=terminated_world(terminated=False), pick=1, length=0, anchor="start", shift=0)
    @example(book=terminated_world(terminated=False), pick=1, length=0, anchor="end", shift=0)
    @example(book=terminated_world(terminated=False), pick=1, length=0, anchor="end", shift=1)
    @example(
        book=terminated_world(retro_days=0, terminated=False),
        pick=0,
        length=0,
        anchor="start",
        shift=-1,
    )
    @example(
        book=terminated_world(retro_days=0, terminated=False),
        pick=1,
        length=0,
        anchor="start",
        shift=-1,
    )
    @given(
        book=cs.billable_books(),
        pick=st.integers(0, 50),
        length=st.integers(0, 400),
        anchor=st.sampled_from(["start", "end"]),
        shift=st.integers(-45, 45),
    )
    def test_terminating_changes_no_verdict_within_the_period(
        self, book: Book, pick: int, length: int, anchor: str, shift: int
    ) -> None:
        """An executed contract or approved credential, terminated with the same period (given an
        end if it had none), gives the same verdicts on every day of its period and of the
        retro window before it, and the same codes on every day."""
        candidates = _granted(book)
        record = candidates[pick % len(candidates)]
        assert record.effective is not None  # executed and approved records have their period
        period = record.effective
        if period.end is None:
            period = Period(period.start, period.start + timedelta(days=length))
        executed = attrs.evolve(record, effective=period)
        terminated = attrs.evolve(executed, status="terminated")

        def with_record(replacement: Contract | Credential) -> Book:
            if isinstance(record, Contract):
                contracts = [replacement if c is record else c for c in book.contracts]
                return attrs.evolve(book, contracts=contracts)
            credentials = [replacement if c is record else c for c in book.credentials]
            return attrs.evolve(book, credentials=credentials)

        before, after = with_record(executed), with_record(terminated)
        provider, payer, practice = _claimant(book, record)
        on = (period.start if anchor == "start" else period.end) + timedelta(days=shift)  # type: ignore[operator]
        retro = book.payer(payer).rules.retro_days  # type: ignore[union-attr]
        within = period.covers(on, early_days=retro)
        for service in (None, *cs.BOOK_SERVICES):
            claim = Claim(provider=provider, payer=payer, practice=practice, on=on, service=service)
            old, new = by_function(before, claim), by_function(after, claim)
            assert [new] == list(after.check([claim]))
            assert [r.code for r in old.reasons] == [r.code for r in new.reasons]
            if within:
                assert (old.allowed, old.reasons, old.notes, old.billing, old.rate) == (
                    new.allowed,
                    new.reasons,
                    new.notes,
                    new.billing,
                    new.rate,
                )
                assert (old.contract and old.contract.id) == (new.contract and new.contract.id)

    def test_matrix_on_and_after_the_last_day(self) -> None:
        """Book.matrix shows Ana billing under the terminated records on their last day, not after."""
        book = terminated_world()
        cells = [
            book.matrix(HARBOR_TIN, on=on).verdict(ANA_NPI, "aetna")
            for on in ("2024-12-30", "2024-12-31", "2025-01-01")
        ]
        assert [True, True, False] == [bool(cell) for cell in cells]


class TestVerdictInvariants:
    """What every verdict promises, whatever the book."""

    @given(cs.books_with_claims(known=False))
    def test_verdicts_pass_their_own_constructors(
        self, book_and_claims: tuple[Book, list[Claim]]
    ) -> None:
        """Every answer the rules build is one its public constructor accepts unchanged."""
        book, claims = book_and_claims
        for verdict in book.check(claims):
            assert verdict == attrs.evolve(verdict)
            for reason in (*verdict.reasons, *verdict.notes):
                assert reason == attrs.evolve(reason)
            if verdict.billing is not None:
                assert verdict.billing == attrs.evolve(verdict.billing)

    @given(cs.books_with_claims(known=False))
    def test_reasons_empty_exactly_when_allowed(
        self, book_and_claims: tuple[Book, list[Claim]]
    ) -> None:
        """A verdict has no reasons exactly when it allows the claim, and is truthy then."""
        book, claims = book_and_claims
        for verdict in book.check(claims):
            assert verdict.allowed == (verdict.reasons == ())
            assert bool(verdict) == verdict.allowed

    @given(cs.books_with_claims())
    def test_allowed_names_an_executed_contract_in_effect(
        self, book_and_claims: tuple[Book, list[Claim]]
    ) -> None:
        """Allowed means billing and contract are set, and the contract is executed (or
        terminated) and in effect on the date, allowing the payer's retro days."""
        book, claims = book_and_claims
        for claim, verdict in zip(claims, book.check(claims), strict=True):
            if not verdict:
                assert (None, None, None) == (verdict.contract, verdict.billing, verdict.rate)
                continue
            assert verdict.billing is not None
            contract = verdict.contract
            assert contract is not None
            assert contract.status in (ContractStatus.EXECUTED, ContractStatus.TERMINATED)
            assert contract.payer == claim.payer
            retro = book.payer(claim.payer).rules.retro_days  # type: ignore[union-attr]
            assert contract.effective is not None
            assert contract.effective.covers(claim.on, early_days=retro)
            if claim.service is not None:
                assert contract.covers_service(claim.service)
                assert contract.rates.get(claim.service) == verdict.rate

    @given(cs.books_with_claims())
    def test_rendering_npi_differs_from_billing(
        self, book_and_claims: tuple[Book, list[Claim]]
    ) -> None:
        """The rendering NPI is the clinician's, and only when it differs from the billing NPI."""
        book, claims = book_and_claims
        for claim, verdict in zip(claims, book.check(claims), strict=True):
            if verdict.billing is None:
                continue
            expected = None if verdict.billing.billing_npi == claim.provider else claim.provider
            assert expected == verdict.billing.rendering_npi


class TestMonotonicity:
    """Changes that can only help never hurt, and changes that must hurt always do."""

    @given(cs.books_with_claims())
    def test_adding_a_credential_in_effect_keeps_allowed(
        self, book_and_claims: tuple[Book, list[Claim]]
    ) -> None:
        """An approved credential in effect on the date never turns allowed into refused."""
        book, claims = book_and_claims
        for claim in claims:
            before = book.can_bill(claim)
            credential = Credential(
                provider=claim.provider,
                payer=claim.payer,
                status=CredentialStatus.APPROVED,
                effective=Period(claim.on - timedelta(days=10), claim.on + timedelta(days=10)),
            )
            after = attrs.evolve(book, credentials=(*book.credentials, credential)).can_bill(claim)
            if before:
                assert after

    @given(cs.books_with_claims())
    def test_leaving_the_roster_refuses(self, book_and_claims: tuple[Book, list[Claim]]) -> None:
        """With the provider taken off the practice's roster, every claim is refused."""
        book, claims = book_and_claims
        for claim in claims:
            practice = book.practice(claim.practice)
            assert practice is not None
            without = attrs.evolve(
                practice,
                roster=[entry for entry in practice.roster if entry.provider != claim.provider],
            )
            changed = attrs.evolve(
                book, practices=[without if p is practice else p for p in book.practices]
            )
            verdict = changed.can_bill(claim)
            assert not verdict
            assert "not_on_roster" == verdict.reasons[0].code


class TestGroupEligibility:
    """Counting toward a group minimum."""

    @given(cs.books(), cs.window_dates(), st.data())
    def test_shortfall(self, book: Book, on: date, data: st.DataObject) -> None:
        """shortfall is max(0, minimum - count), and None with minimum when no group contracts."""
        practice = data.draw(st.sampled_from(book.practices))
        payer = data.draw(st.sampled_from(book.payers))
        answer = group_eligibility(practice, payer, on=on, providers=book.providers)
        if answer.minimum is None:
            assert answer.shortfall is None
            assert not answer
        else:
            assert max(0, answer.minimum - answer.count) == answer.shortfall
        assert len(answer.counted) == answer.count
        assert answer.eligible == (answer.reasons == ())

    @given(cs.books(), cs.window_dates(), st.data())
    def test_count_never_falls_when_a_provider_joins(
        self, book: Book, on: date, data: st.DataObject
    ) -> None:
        """A licensed provider joining the roster never lowers the count."""
        practice = data.draw(st.sampled_from(book.practices))
        payer = data.draw(st.sampled_from(book.payers))
        joiner = data.draw(cs.book_providers(data.draw(cs.npis())))
        before = group_eligibility(practice, payer, on=on, providers=book.providers)
        joined = attrs.evolve(
            practice,
            roster=(*practice.roster, Affiliation(provider=joiner.npi, effective=Period(on))),
        )
        after = group_eligibility(joined, payer, on=on, providers=(*book.providers, joiner))
        assert after.count >= before.count
        assert after.count <= before.count + 1

    @given(cs.books(), cs.window_dates(), st.data())
    def test_becomes_group_eligible(self, book: Book, on: date, data: st.DataObject) -> None:
        """becomes_group_eligible is "not eligible now, eligible with this provider on the roster"."""
        practice = data.draw(st.sampled_from(book.practices))
        payer = data.draw(st.sampled_from(book.payers))
        provider: Provider = data.draw(
            st.sampled_from(book.providers) | cs.book_providers(data.draw(cs.npis()))
        )
        plan = adding_provider(
            practice,
            provider,
            payer,
            on=on,
            providers=book.providers,
            credentials=book.credentials,
            contracts=book.contracts,
        )
        now = group_eligibility(practice, payer, on=on, providers=book.providers)
        roster = practice.roster
        if not practice.on_roster(provider.npi, on):
            roster = (*roster, Affiliation(provider=provider.npi, effective=Period(on)))
        team = [p for p in book.providers if p.npi != provider.npi] + [provider]
        later = group_eligibility(
            attrs.evolve(practice, roster=roster), payer, on=on, providers=team
        )
        assert (not now and bool(later)) == plan.becomes_group_eligible


class TestPlans:
    """What every plan promises."""

    @given(cs.books(), cs.window_dates(), st.data())
    def test_plan_shape(self, book: Book, on: date, data: st.DataObject) -> None:
        """Plans are truthy without blockers, never guaranteed with them, steps in order."""
        practice = data.draw(st.sampled_from(book.practices))
        provider = data.draw(st.sampled_from(book.providers))
        for payer_id, plan in book.adding_provider(practice.tin, provider, on=on).items():
            assert payer_id == plan.payer
            assert bool(plan) == (plan.blockers == ())
            assert not (plan.guaranteed and plan.blockers)
            kinds = list(plan.step_kinds)
            assert sorted(kinds, key=list(StepKind).index) == kinds
            assert len(set(kinds)) == len(kinds)


class TestTotality:
    """No question raises for any valid input."""

    @given(cs.books_with_claims(known=False))
    def test_no_exception_escapes(self, book_and_claims: tuple[Book, list[Claim]]) -> None:
        """Every question answers every generated input, even about unknown ids."""
        book, claims = book_and_claims
        for claim in claims:
            book.can_bill(claim)
            book.group_eligibility(claim.practice, claim.payer, on=claim.on)
            for provider in book.providers:
                book.adding_provider(claim.practice, provider, on=claim.on)
            known = (
                book.provider(claim.provider),
                book.payer(claim.payer),
                book.practice(claim.practice),
            )
            if None not in known:
                by_function(book, claim)
