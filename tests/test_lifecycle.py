"""The life cycle of getting a provider paid, step by step, against a simple model.

A clinician on a practice's roster applies for credentialing, is approved (or
denied), the payer offers a contract, it is signed, the clinician is added to the
group or the individual contract is linked to the practice, and later the
credential or contract is terminated (its last day recorded) or its term ends. After every step the
machine asks can_bill on some date and compares with a model that knows only the
rules of DESIGN §5, written as plainly as possible.
"""

from datetime import date, timedelta

import attrs
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from credkit import (
    Affiliation,
    Code,
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
    can_bill,
)

BASE = date(2024, 1, 1)
days = st.integers(0, 720)


def day(offset: int) -> date:
    return BASE + timedelta(days=offset)


ANA = Provider(
    npi="1234567893",
    name="Ana Ruiz",
    licenses=[
        License(
            state="NY",
            profession="clinical_social_worker",
            number="LCSW-1",
            effective=Period("2020-01-01"),
        )
    ],
)
HARBOR = Practice(
    name="Harbor Therapy",
    tin="12-3456789",
    npi="1558598797",
    states=["NY"],
    roster=[Affiliation(provider=ANA.npi, effective=Period(BASE))],
)


class Lifecycle(RuleBasedStateMachine):
    """Credential and contract records evolving through their statuses."""

    def __init__(self) -> None:
        super().__init__()
        self.payer = Payer(id="aetna", name="Aetna")
        self.credentials: list[Credential] = []
        self.contract: Contract | None = None

    @initialize(
        retro_days=st.sampled_from([0, 30]),
        stage=st.sampled_from(["nothing", "applied", "approved", "offered", "signed", "active"]),
        kind=st.sampled_from(["group", "individual"]),
        starts=st.lists(st.integers(0, 240), min_size=4, max_size=4),
    )
    def start_somewhere(self, retro_days: int, stage: str, kind: str, starts: list[int]) -> None:
        """Begin at some stage of the life cycle, so that later stages are reached often."""
        self.payer = Payer(id="aetna", name="Aetna", rules=PayerRules(retro_days=retro_days))
        stages = ["nothing", "applied", "approved", "offered", "signed", "active"]
        reached = stages.index(stage)
        submitted, approved, signed, joined = sorted(starts)
        if reached >= stages.index("applied"):
            self.apply(submitted)
        if reached >= stages.index("approved"):
            self.approve(approved - submitted, None)
        if reached >= stages.index("offered"):
            self.offer(kind)
        if reached >= stages.index("signed"):
            self.sign(signed, signed, None)
        if reached >= stages.index("active"):
            self.add_or_link(joined)

    # --- credentialing ------------------------------------------------------------

    @precondition(
        lambda self: (
            not self.credentials
            or self.credentials[-1].status
            in (CredentialStatus.DENIED, CredentialStatus.WITHDRAWN, CredentialStatus.TERMINATED)
        )
    )
    @rule(submitted=days)
    def apply(self, submitted: int) -> None:
        """A new application is sent in, later than any before it."""
        latest = max((self._start(c) for c in self.credentials), default=0)
        self.credentials.append(
            Credential(
                provider=ANA.npi,
                payer="aetna",
                status=CredentialStatus.PENDING,
                submitted=day(max(submitted, latest)),
            )
        )

    def _start(self, credential: Credential) -> int:
        when = credential.effective.start if credential.effective else credential.submitted
        return (when - BASE).days if when else 0

    def _replace_latest(self, **changes: object) -> None:
        self.credentials[-1] = attrs.evolve(self.credentials[-1], **changes)

    @precondition(
        lambda self: self.credentials and self.credentials[-1].status is CredentialStatus.PENDING
    )
    @rule(after=st.integers(0, 120), length=st.none() | st.integers(0, 720))
    def approve(self, after: int, length: int | None) -> None:
        """The pending application is approved, effective some days after it was sent."""
        start = self._start(self.credentials[-1]) + after
        end = None if length is None else day(start + length)
        self._replace_latest(status=CredentialStatus.APPROVED, effective=Period(day(start), end))

    @precondition(
        lambda self: self.credentials and self.credentials[-1].status is CredentialStatus.PENDING
    )
    @rule(status=st.sampled_from([CredentialStatus.DENIED, CredentialStatus.WITHDRAWN]))
    def decline(self, status: CredentialStatus) -> None:
        """The pending application is denied or withdrawn."""
        self._replace_latest(status=status)

    @precondition(
        lambda self: self.credentials and self.credentials[-1].status is CredentialStatus.APPROVED
    )
    @rule(after=st.integers(0, 400))
    def terminate_credential(self, after: int) -> None:
        """The payer terminates the credential: its last day is recorded as its period's end."""
        self._replace_latest(
            status=CredentialStatus.TERMINATED,
            effective=_ended(self.credentials[-1].effective, after),
        )

    # --- contracting --------------------------------------------------------------

    @precondition(lambda self: self.contract is None and self.credentials)
    @rule(kind=st.sampled_from(["group", "individual"]))
    def offer(self, kind: str) -> None:
        """The payer sends contract paperwork: nothing is signed yet."""
        holder = Group(practice=HARBOR.tin) if kind == "group" else Individual(provider=ANA.npi)
        self.contract = Contract(
            id="aetna-1", payer="aetna", holder=holder, status=ContractStatus.PENDING
        )

    @precondition(
        lambda self: self.contract is not None and self.contract.status is ContractStatus.PENDING
    )
    @rule(signed=days, start=days, length=st.none() | st.integers(0, 720))
    def sign(self, signed: int, start: int, length: int | None) -> None:
        """The contract is signed (executed), with a term."""
        assert self.contract is not None
        end = None if length is None else day(start + length)
        self.contract = attrs.evolve(
            self.contract,
            status=ContractStatus.EXECUTED,
            signed=day(signed),
            effective=Period(day(start), end),
        )

    @precondition(
        lambda self: self.contract is not None and self.contract.status is ContractStatus.EXECUTED
    )
    @rule(start=days)
    def add_or_link(self, start: int) -> None:
        """Ana is added to the group contract, or her contract gets the practice's pay-to."""
        assert self.contract is not None
        if self.contract.is_group:
            entry = Affiliation(provider=ANA.npi, effective=Period(day(start)))
            self.contract = attrs.evolve(self.contract, members=(*self.contract.members, entry))
        else:
            pay_to = PayTo(tin=HARBOR.tin, npi=HARBOR.npi, effective=Period(day(start)))
            self.contract = attrs.evolve(self.contract, pay_to=(*self.contract.pay_to, pay_to))

    @precondition(
        lambda self: (
            self.contract is not None
            and self.contract.status is ContractStatus.EXECUTED
            and self.contract.effective is not None
            and self.contract.effective.end is None
        )
    )
    @rule(after=st.integers(0, 400))
    def end_term(self, after: int) -> None:
        """The contract's term is given an end date."""
        assert self.contract is not None
        assert self.contract.effective is not None
        start = self.contract.effective.start
        self.contract = attrs.evolve(
            self.contract, effective=Period(start, start + timedelta(days=after))
        )

    @precondition(
        lambda self: self.contract is not None and self.contract.status is ContractStatus.EXECUTED
    )
    @rule(after=st.integers(0, 400))
    def terminate_contract(self, after: int) -> None:
        """The contract is terminated: its last day is recorded as its term's end."""
        assert self.contract is not None
        self.contract = attrs.evolve(
            self.contract,
            status=ContractStatus.TERMINATED,
            effective=_ended(self.contract.effective, after),
        )

    # --- the check ----------------------------------------------------------------

    def edges(self) -> list[date]:
        """Every date where something starts, ends, is submitted or signed: the days to ask about."""
        periods = [c.effective for c in self.credentials if c.effective is not None]
        found = [BASE]
        found += [c.submitted for c in self.credentials if c.submitted is not None]
        if self.contract is not None:
            periods += [self.contract.effective] if self.contract.effective else []
            periods += [m.effective for m in self.contract.members]
            periods += [p.effective for p in self.contract.pay_to]
            found += [self.contract.signed] if self.contract.signed else []
        for period in periods:
            found.append(period.start)
            if period.end is not None:
                found.append(period.end)
        return found

    @precondition(lambda self: self.credentials or self.contract is not None)
    @rule(data=st.data())
    def check(self, data: st.DataObject) -> None:
        """can_bill on a date agrees with the model, allowed or not, and on the reasons."""
        edge = data.draw(st.sampled_from(self.edges()), label="near")
        retro = self.payer.rules.retro_days
        when = edge + timedelta(
            days=data.draw(st.sampled_from([-retro - 1, -retro, -1, 0, 1]) | st.integers(-60, 60))
        )
        verdict = can_bill(
            ANA,
            self.payer,
            HARBOR,
            on=when,
            credentials=self.credentials,
            contracts=[] if self.contract is None else [self.contract],
        )
        expected = self.expected_codes(when)
        event("allowed" if not expected else f"refused: {expected[-1].value}")
        assert expected == verdict.codes
        assert (expected == ()) == bool(verdict)

    # --- the model ----------------------------------------------------------------

    def early_enough(self, start: date, when: date) -> bool:
        return (start - when).days <= self.payer.rules.retro_days

    def within(self, period: Period, when: date) -> bool:
        return self.early_enough(period.start, when) and (period.end is None or when <= period.end)

    def on_file(self, first: date | None, effective: Period | None, when: date) -> bool:
        """Submitted or signed, or in effect, by ``when``: only then does a record speak."""
        return (first is not None and first <= when) or (
            effective is not None and effective.start <= when
        )

    def expected_codes(self, when: date) -> tuple[Code, ...]:
        # Ana joined the roster on BASE; her license runs from 2020, long before.
        codes: list[Code] = [Code.NOT_ON_ROSTER] if when < BASE else []
        # A terminated credential holds over its period as an approved one does.
        holding = [
            c
            for c in self.credentials
            if c.status in (CredentialStatus.APPROVED, CredentialStatus.TERMINATED)
            and c.effective is not None
            and self.within(c.effective, when)
        ]
        if not holding:
            # Applications come in order: the last one on file by the date speaks.
            known = [c for c in self.credentials if self.on_file(c.submitted, c.effective, when)]
            latest = known[-1] if known else None
            codes.append(
                {
                    None: Code.NOT_CREDENTIALED,
                    CredentialStatus.PENDING: Code.CREDENTIALING_PENDING,
                    CredentialStatus.DENIED: Code.CREDENTIALING_DENIED,
                    CredentialStatus.WITHDRAWN: Code.NOT_CREDENTIALED,
                    CredentialStatus.TERMINATED: Code.CREDENTIAL_NOT_IN_EFFECT,
                    CredentialStatus.APPROVED: Code.CREDENTIAL_NOT_IN_EFFECT,
                }[latest.status if latest else None]
            )
        contract = self.contract
        if contract is None:
            codes.append(Code.NOT_CONTRACTED)
        elif contract.status is ContractStatus.PENDING:
            codes.append(Code.CONTRACT_NOT_SIGNED)
        elif contract.effective is None or not self.within(contract.effective, when):
            # Executed or terminated, outside its term: it speaks once signed or begun.
            known = self.on_file(contract.signed, contract.effective, when)
            codes.append(Code.CONTRACT_NOT_IN_EFFECT if known else Code.NOT_CONTRACTED)
        elif contract.is_group and not any(
            self.within(member.effective, when) for member in contract.members
        ):
            codes.append(Code.NOT_ON_GROUP_CONTRACT)
        elif not contract.is_group and not any(
            self.within(entry.effective, when) for entry in contract.pay_to
        ):
            codes.append(Code.NOT_LINKED_TO_PRACTICE)
        return tuple(codes)


def _ended(period: Period | None, after: int) -> Period:
    """A period cut short to end ``after`` days from its start, or at its own end if earlier."""
    assert period is not None  # approved credentials and executed contracts have their period
    end = period.start + timedelta(days=after)
    if period.end is not None and period.end < end:
        end = period.end
    return Period(period.start, end)


TestLifecycle = Lifecycle.TestCase
TestLifecycle.__doc__ = (
    "can_bill follows the model through every credentialing and contracting step."
)
