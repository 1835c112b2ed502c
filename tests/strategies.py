"""Hypothesis strategies for every public credkit type, built constructively.

Each strategy produces only valid values, by construction rather than by
filtering: an NPI gets its check digit computed, an SSN avoids the never-issued
ranges by the way its parts are drawn, an executed contract is given its signing
date and term. Tests that need invalid input start from these and break one thing.
"""

import functools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from credkit import (
    EIN,
    NPI,
    SSN,
    Affiliation,
    BackgroundCheck,
    Certification,
    Claim,
    Code,
    Contract,
    ContractStatus,
    Credential,
    CredentialStatus,
    Deadline,
    DeadlineKind,
    Education,
    Employment,
    Group,
    Individual,
    LiabilityPolicy,
    License,
    LicenseStatus,
    MedicareOption,
    MedicareOptions,
    Milestone,
    Move,
    MoveStep,
    MoveStepKind,
    OptOut,
    Path,
    Payer,
    PayerRules,
    PayTo,
    Pending,
    Period,
    Plan,
    Practice,
    Profession,
    Provider,
    Readiness,
    Reason,
    Recommendation,
    RevenueAtRisk,
    Road,
    ServiceLine,
    Span,
    State,
    Step,
    StepKind,
    Timeline,
    medicare_options,
)
from credkit.identifiers.npi import calc_check_digit

# The IRS's assigned EIN prefixes (python-stdnum's table of them).
EIN_PREFIXES = tuple(
    f"{n:02d}"
    for n in (
        *range(1, 7),
        *range(10, 17),
        *range(20, 28),
        *range(30, 49),
        *range(50, 69),
        *range(71, 78),
        *range(80, 89),
        *range(90, 96),
        98,
        99,
    )
)
VOID_SSNS = frozenset({"078051120", "219099999", "457555462"})

EARLIEST = date(2000, 1, 1)
LATEST = date(2035, 12, 31)


# Strategies are immutable: a factory hands out one strategy object per set of
# arguments, so that Hypothesis validates it once, not on every draw of what is built
# from it. Strategies given as arguments (some made afresh for each draw) are keys by
# identity, so the cache is bounded.
shared = functools.lru_cache(maxsize=4096)


# --- identifiers -------------------------------------------------------------------


@shared
@st.composite
def npi_digits(draw: st.DrawFn) -> str:
    """Ten digits that form a valid NPI: nine drawn, the tenth computed."""
    first_nine = draw(st.sampled_from("12")) + draw(st.text("0123456789", min_size=8, max_size=8))
    return first_nine + calc_check_digit(first_nine)


@shared
def npis() -> st.SearchStrategy[NPI]:
    """Valid NPIs."""
    return npi_digits().map(NPI)


@shared
def ein_digits() -> st.SearchStrategy[str]:
    """Nine digits of an EIN with an IRS-assigned prefix."""
    return st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from(EIN_PREFIXES),
        st.text("0123456789", min_size=7, max_size=7),
    )


@shared
def eins() -> st.SearchStrategy[EIN]:
    """Valid EINs."""
    return ein_digits().map(EIN)


@shared
@st.composite
def ssn_digits(draw: st.DrawFn) -> str:
    """Nine digits of an SSN that could have been issued."""
    area = draw(st.integers(1, 899).map(lambda n: n + 1 if n == 666 else n))
    group = draw(st.integers(1, 99))
    serial = draw(st.integers(1, 9999))
    digits = f"{area:03d}{group:02d}{serial:04d}"
    # The three voided numbers: step to the next serial rather than filter.
    return digits[:5] + f"{serial % 9999 + 1:04d}" if digits in VOID_SSNS else digits


@shared
def ssns() -> st.SearchStrategy[SSN]:
    """Valid SSNs."""
    return ssn_digits().map(SSN)


@shared
def tax_ids() -> st.SearchStrategy[EIN | SSN]:
    """EINs and SSNs."""
    return st.one_of(eins(), ssns())


@shared
def states() -> st.SearchStrategy[State]:
    """USPS state and territory codes."""
    return st.sampled_from(State)


# --- scalars -----------------------------------------------------------------------


@shared
def dates(min_value: date = EARLIEST, max_value: date = LATEST) -> st.SearchStrategy[date]:
    """Dates in a window wide enough for careers and contract terms."""
    return st.dates(min_value=min_value, max_value=max_value)


@shared
@st.composite
def periods(
    draw: st.DrawFn, min_start: date = EARLIEST, max_start: date = LATEST, open_ended: bool = True
) -> Period:
    """Periods, some open-ended, some a single day long."""
    start = draw(dates(min_start, max_start))
    if open_ended and draw(st.booleans()):
        return Period(start)
    return Period(start, start + timedelta(days=draw(st.integers(0, 3650))))


@shared
def texts() -> st.SearchStrategy[str]:
    """Non-blank text: anything around at least one visible character."""
    plain = st.characters(codec="utf-8")
    visible = st.characters(codec="utf-8", categories=("L", "N", "P", "S"))
    return st.builds(
        lambda before, mark, after: before + mark + after,
        st.text(plain, max_size=8),
        visible,
        st.text(plain, max_size=8),
    )


@shared
def money() -> st.SearchStrategy[Decimal]:
    """Non-negative amounts with cents, up to ten million."""
    return st.decimals(
        min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False
    )


@shared
def service_codes() -> st.SearchStrategy[str]:
    """CPT/HCPCS-shaped codes: five upper-case letters or digits."""
    return st.text("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=5, max_size=5)


@shared
def payer_ids() -> st.SearchStrategy[str]:
    """Payer ids as credkit accepts them."""
    return st.from_regex(r"[a-z0-9][a-z0-9._-]{0,11}", fullmatch=True)


# --- the nouns ---------------------------------------------------------------------


@shared
def licenses(
    state: st.SearchStrategy[State] | None = None,
    profession: st.SearchStrategy[Profession] | None = None,
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[License]:
    """Licenses in any state, profession and status."""
    return st.builds(
        License,
        state=states() if state is None else state,
        profession=st.sampled_from(Profession) if profession is None else profession,
        number=texts() if text is None else text,
        effective=periods(),
        status=st.sampled_from(LicenseStatus),
    )


@shared
def educations(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Education]:
    """Completed degrees."""
    text = texts() if text is None else text
    return st.builds(Education, degree=text, institution=text, completed=dates())


@shared
def certifications(
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Certification]:
    """Certifications."""
    text = texts() if text is None else text
    return st.builds(Certification, name=text, issuer=text, effective=periods())


@shared
def employments(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Employment]:
    """Stretches of work history."""
    return st.builds(Employment, employer=texts() if text is None else text, effective=periods())


@shared
@st.composite
def liability_policies(
    draw: st.DrawFn, text: st.SearchStrategy[str] | None = None
) -> LiabilityPolicy:
    """Liability policies whose aggregate is at least the per-claim limit."""
    per_claim = draw(money())
    return LiabilityPolicy(
        carrier=draw(texts() if text is None else text),
        per_claim=per_claim,
        aggregate=per_claim + draw(money()),
        effective=draw(periods()),
    )


@shared
def background_checks() -> st.SearchStrategy[BackgroundCheck]:
    """Background checks, passed or not."""
    return st.builds(BackgroundCheck, completed=dates(), passed=st.booleans())


@shared
def providers(
    npi: st.SearchStrategy[NPI] | None = None,
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Provider]:
    """Providers with a few of each document; CAQH attestation only with a CAQH id."""
    caqh_ids = st.none() | st.from_regex(r"[0-9]{1,12}", fullmatch=True)
    parts = {
        "npi": npis() if npi is None else npi,
        "name": texts() if text is None else text,
        "licenses": st.lists(licenses(text=text), max_size=3),
        "education": st.lists(educations(text), max_size=2),
        "certifications": st.lists(certifications(text), max_size=2),
        "work_history": st.lists(employments(text), max_size=3),
        "liability": st.lists(liability_policies(text), max_size=2),
        "background_checks": st.lists(background_checks(), max_size=2),
    }
    attested = st.none() | dates()

    @st.composite
    def provider(draw: st.DrawFn) -> Provider:
        caqh_id = draw(caqh_ids)
        return Provider(
            **{name: draw(part) for name, part in parts.items()},
            caqh_id=caqh_id,
            caqh_attested=None if caqh_id is None else draw(attested),
        )

    return provider()


@shared
def affiliations(npi: st.SearchStrategy[NPI] | None = None) -> st.SearchStrategy[Affiliation]:
    """Roster places."""
    return st.builds(Affiliation, provider=npis() if npi is None else npi, effective=periods())


@shared
def practices() -> st.SearchStrategy[Practice]:
    """Practices held by an EIN or an SSN, with or without a group NPI."""
    return st.builds(
        Practice,
        name=texts(),
        tin=tax_ids(),
        npi=st.none() | npis(),
        states=st.frozensets(states(), min_size=1, max_size=3),
        roster=st.lists(affiliations(), max_size=4),
    )


@shared
@st.composite
def liability_minimums(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    """A payer's minimum liability cover: per claim, and an aggregate at least as large."""
    per_claim = draw(money())
    return per_claim, per_claim + draw(money())


@shared
def payer_rules(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[PayerRules]:
    """Payer rules across their whole range, provenance included (a turnaround only with it).

    Professions accepted only within a period are drawn from the accepted ones (any
    profession, when the payer accepts any), so that each can be accepted.
    """
    sources = st.none() | (texts() if text is None else text)
    accepted = st.none() | st.frozensets(st.sampled_from(Profession), min_size=1)
    turnarounds = st.none() | st.integers(1, 365)
    parts = {
        "group_minimum": st.none() | st.integers(1, 12),
        "individual_contracts": st.booleans(),
        "closed_states": st.frozensets(states(), max_size=3),
        "group_adds_when_closed": st.booleans(),
        "retro_days": st.integers(0, 90),
        "recredential_months": st.integers(1, 60),
        "revalidation_months": st.none() | st.integers(1, 120),
        "min_liability": st.none() | liability_minimums(),
        "requires_caqh": st.booleans(),
        "medicare": st.booleans(),
        "as_of": st.none() | dates(),
    }

    @st.composite
    def rules(draw: st.DrawFn) -> PayerRules:
        source = draw(sources)
        professions = draw(accepted)
        return PayerRules(
            typical_days=None if source is None else draw(turnarounds),
            source=source,
            professions=professions,
            profession_periods=draw(_profession_periods(professions)),
            **{name: draw(part) for name, part in parts.items()},
        )

    return rules()


@shared
def _profession_periods(
    professions: frozenset[Profession] | None,
) -> st.SearchStrategy[dict[Profession, Period]]:
    """Periods in which some of the accepted professions (any, when all are) are accepted."""
    dated = sorted(Profession if professions is None else professions, key=str)
    return st.dictionaries(st.sampled_from(dated), periods(), max_size=3)


@shared
def edi_payer_ids() -> st.SearchStrategy[str]:
    """Electronic payer ids, as clearinghouses' payer lists write them."""
    return st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        min_size=1,
        max_size=12,
    )


@shared
def payers() -> st.SearchStrategy[Payer]:
    """Payers."""
    return st.builds(
        Payer,
        id=payer_ids(),
        name=texts(),
        rules=payer_rules(),
        edi_ids=st.frozensets(edi_payer_ids(), max_size=3),
    )


_OPT_OUT_DELAYS = st.integers(0, 120)
_OPT_OUT_CANCELLATIONS = st.none() | st.integers(0, 3000)


@shared
def opt_outs(
    npi: st.SearchStrategy[NPI] | None = None,
    payer: st.SearchStrategy[str] | None = None,
    signed: st.SearchStrategy[date] | None = None,
) -> st.SearchStrategy[OptOut]:
    """Opt-outs: starting on or after their signing, cancelled (or not) on or after it.

    Signing dates straddle 2015-06-16, when affidavits began to renew by themselves.
    """
    signed_dates = dates(date(2012, 1, 1)) if signed is None else signed
    providers_ = npis() if npi is None else npi
    payers_ = st.just("medicare") | payer_ids() if payer is None else payer

    @st.composite
    def opt_out(draw: st.DrawFn) -> OptOut:
        signed_on = draw(signed_dates)
        start = signed_on + timedelta(days=draw(_OPT_OUT_DELAYS))
        cancelled_after = draw(_OPT_OUT_CANCELLATIONS)
        return OptOut(
            provider=draw(providers_),
            payer=draw(payers_),
            signed=signed_on,
            start=start,
            cancelled=None
            if cancelled_after is None
            else signed_on + timedelta(days=cancelled_after),
        )

    return opt_out()


_CREDENTIAL_STATUS = st.sampled_from(CredentialStatus)


@shared
def credentials(
    provider: st.SearchStrategy[NPI] | None = None,
    payer: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Credential]:
    """Credentials in every status; an approved one always has its effective period.

    A terminated one always has a period with an end, the last day it held.
    """
    providers_ = npis() if provider is None else provider
    payers_ = payer_ids() if payer is None else payer
    effective = {
        CredentialStatus.TERMINATED: periods(open_ended=False),
        CredentialStatus.APPROVED: periods(),
    }
    maybe_period = st.none() | periods()
    maybe_date = st.none() | dates()

    @st.composite
    def credential(draw: st.DrawFn) -> Credential:
        status = draw(_CREDENTIAL_STATUS)
        return Credential(
            provider=draw(providers_),
            payer=draw(payers_),
            status=status,
            submitted=draw(maybe_date),
            effective=draw(effective.get(status, maybe_period)),
        )

    return credential()


@shared
def holders() -> st.SearchStrategy[Individual | Group]:
    """Contract holders of both kinds."""
    return st.one_of(st.builds(Individual, provider=npis()), st.builds(Group, practice=tax_ids()))


@shared
def pay_tos(tin: st.SearchStrategy[EIN | SSN] | None = None) -> st.SearchStrategy[PayTo]:
    """Pay-to entries."""
    return st.builds(PayTo, tin=tax_ids() if tin is None else tin, npi=npis(), effective=periods())


_CONTRACT_STATUS = st.sampled_from(ContractStatus)


@shared
def contracts(
    holder: st.SearchStrategy[Individual | Group] | None = None,
    payer: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Contract]:
    """Contracts of both kinds in every status, obeying the cross-field rules by construction.

    A terminated one, like an executed one, is signed; its term always has an end.
    """
    holders_ = holders() if holder is None else holder
    payers_ = payer_ids() if payer is None else payer
    maybe_period = st.none() | periods()
    maybe_date = st.none() | dates()
    members_ = st.lists(affiliations(), max_size=4)
    individual_pay_to = st.lists(pay_tos(), max_size=3)
    parts = {
        "id": texts(),
        "submitted": maybe_date,
        "rates": st.dictionaries(service_codes(), money(), max_size=4),
        "services": st.none() | st.frozensets(service_codes(), min_size=1, max_size=4),
        "obligations": st.lists(texts(), max_size=2),
    }

    @st.composite
    def contract(draw: st.DrawFn) -> Contract:
        chosen = draw(holders_)
        status = draw(_CONTRACT_STATUS)
        executed = status is ContractStatus.EXECUTED
        if status is ContractStatus.TERMINATED:
            effective = draw(periods(open_ended=False))
        else:
            effective = draw(periods() if executed else maybe_period)
        signed = draw(maybe_date if status is ContractStatus.PENDING else dates())
        if isinstance(chosen, Group):
            pay_to = draw(st.lists(pay_tos(st.just(chosen.practice)), max_size=2))
            members = draw(members_)
        else:
            pay_to = draw(individual_pay_to)
            members = []
        return Contract(
            payer=draw(payers_),
            holder=chosen,
            status=status,
            signed=signed,
            effective=effective,
            pay_to=pay_to,
            members=members,
            **{name: draw(part) for name, part in parts.items()},
        )

    return contract()


@shared
def claims() -> st.SearchStrategy[Claim]:
    """Claims, with and without a service code and a state."""
    return st.builds(
        Claim,
        provider=npis(),
        payer=payer_ids(),
        practice=tax_ids(),
        on=dates(),
        service=st.none() | service_codes(),
        state=st.none() | states(),
    )


# --- the planning answers (credkit.advice) ----------------------------------------


@st.composite
def service_lines(draw: st.DrawFn) -> ServiceLine:
    """Service lines as an 837P carries them: one day or a range, with or without a rendering NPI."""
    start = draw(dates())
    return ServiceLine(
        claim_id=draw(st.text(alphabet="ABC0123456789-", min_size=1, max_size=20)),
        line=draw(st.integers(1, 50)),
        billing_npi=draw(npis()),
        tax_id=draw(tax_ids()),
        payer_id=draw(edi_payer_ids()),
        service_from=start,
        service_to=draw(dates(start, start + timedelta(days=40))),
        service=draw(service_codes()),
        charge=draw(money()),
        rendering_npi=draw(st.none() | npis()),
        pay_to=draw(st.none() | texts()),
        payer_name=draw(st.none() | texts()),
        modifiers=tuple(
            draw(st.lists(st.sampled_from(["95", "GT", "HO", "AJ", "59"]), max_size=4))
        ),
        place_of_service=draw(st.none() | st.sampled_from(["02", "10", "11", "53"])),
        state=draw(st.none() | states()),
    )


@shared
def findings() -> st.SearchStrategy[Any]:
    """Reasons with any code and any message."""
    return st.builds(Reason, code=st.sampled_from(Code), message=texts())


@st.composite
def readinesses(draw: st.DrawFn) -> Any:
    """Readiness answers: ready with no reasons, or not ready with at least one."""
    if draw(st.booleans()):
        return Readiness(ready=True)
    return Readiness(ready=False, reasons=draw(st.lists(findings(), min_size=1, max_size=3)))


def deadline_values() -> st.SearchStrategy[Any]:
    """Deadlines of every kind, overdue or not, naming records or not."""
    return st.builds(
        Deadline,
        due=dates(),
        kind=st.sampled_from(DeadlineKind),
        subject=texts(),
        action=texts(),
        overdue=st.booleans(),
        provider=st.none() | npis(),
        payer=st.none() | payer_ids(),
        contract=st.none() | texts(),
    )


@st.composite
def move_steps(draw: st.DrawFn, contract: st.SearchStrategy[str] | None = None) -> Any:
    """Steps of every kind, each with the record it adds or ends."""
    kind = draw(st.sampled_from(MoveStepKind))
    ends = None if kind is MoveStepKind.ADD_PAY_TO else draw(dates())
    membership = kind is MoveStepKind.END_GROUP_MEMBERSHIP
    return MoveStep(
        kind=kind,
        contract=draw(texts() if contract is None else contract),
        detail=draw(texts()),
        entry=None if membership else draw(pay_tos()),
        member=draw(affiliations()) if membership else None,
        ends=ends,
    )


@st.composite
def moves(draw: st.DrawFn) -> Any:
    """Moves whose contracts are with their payer, and a plan exactly when nothing travels."""
    payer = draw(payer_ids())
    travels = [
        contract
        if contract.status is not ContractStatus.PENDING
        else attrs.evolve(
            contract,
            status=ContractStatus.EXECUTED,
            signed=contract.signed or draw(dates()),
            effective=contract.effective or draw(periods()),
        )
        for contract in draw(
            st.lists(
                contracts(holder=st.builds(Individual, provider=npis()), payer=st.just(payer)),
                max_size=2,
            )
        )
    ]
    stays = draw(
        st.lists(
            contracts(holder=st.builds(Group, practice=tax_ids()), payer=st.just(payer)),
            max_size=2,
        )
    )
    steps = []
    if travels:
        steps += draw(
            st.lists(
                move_steps(st.sampled_from([c.id for c in travels])).filter(
                    lambda step: step.member is None
                ),
                max_size=3,
            )
        )
    if stays:
        steps += draw(
            st.lists(
                move_steps(st.sampled_from([c.id for c in stays])).filter(
                    lambda step: step.member is not None
                ),
                max_size=2,
            )
        )
    plan = None
    if not travels:
        plan = Plan(
            payer=payer,
            path=draw(st.sampled_from([path for path in Path if path is not Path.UNAVAILABLE])),
            steps=draw(
                st.lists(
                    st.builds(Step, kind=st.sampled_from(StepKind), detail=texts()), max_size=3
                )
            ),
            guaranteed=draw(st.booleans()),
        )
    return Move(payer=payer, travels=travels, stays=stays, steps=steps, plan=plan)


@st.composite
def recommendations(draw: st.DrawFn) -> Any:
    """Recommendations of both choices; a group one always with the count it needs."""
    choice = draw(st.sampled_from(["individual", "group"]))
    group_at = st.integers(1, 12)
    return Recommendation(
        choice=choice,
        reasons=draw(st.lists(findings(), min_size=1, max_size=3)),
        group_at=draw(group_at if choice == "group" else st.none() | group_at),
    )


@st.composite
def medicare_answers(draw: st.DrawFn) -> MedicareOptions:
    """Answers of medicare_options, over providers, dates, enrollments and opt-outs."""
    provider = draw(providers())
    on = draw(dates())
    credential_list = draw(
        st.lists(credentials(provider=st.just(provider.npi), payer=st.just("medicare")), max_size=2)
    )
    opt_out_list = draw(
        st.lists(opt_outs(npi=st.just(provider.npi), payer=st.just("medicare")), max_size=2)
    )
    return medicare_options(provider, on=on, credentials=credential_list, opt_outs=opt_out_list)


# Every public value type, with the strategy that builds it.
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    NPI: npis(),
    EIN: eins(),
    SSN: ssns(),
    State: states(),
    Period: periods(),
    License: licenses(),
    Education: educations(),
    Certification: certifications(),
    Employment: employments(),
    LiabilityPolicy: liability_policies(),
    BackgroundCheck: background_checks(),
    Provider: providers(),
    Affiliation: affiliations(),
    Practice: practices(),
    PayerRules: payer_rules(),
    Payer: payers(),
    Credential: credentials(),
    Individual: st.builds(Individual, provider=npis()),
    Group: st.builds(Group, practice=tax_ids()),
    PayTo: pay_tos(),
    Contract: contracts(),
    Claim: claims(),
    ServiceLine: service_lines(),
    OptOut: opt_outs(),
}
STRATEGIES.update(
    {
        Readiness: readinesses(),
        Deadline: deadline_values(),
        MoveStep: move_steps(),
        Move: moves(),
        Recommendation: recommendations(),
        MedicareOptions: medicare_answers(),
        MedicareOption: medicare_answers().flatmap(lambda answer: st.sampled_from(answer.options)),
    }
)

RECORD_TYPES = [kind for kind in STRATEGIES if kind not in (NPI, EIN, SSN, State)]


def any_value() -> st.SearchStrategy[Any]:
    """A value of any public type."""
    return st.one_of(*STRATEGIES.values())


def json_values() -> st.SearchStrategy[Any]:
    """Arbitrary JSON: null, booleans, numbers, strings, lists and objects, nested."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )


# --- books: small, tangled worlds where the rules have something to decide --------

WINDOW_START = date(2024, 1, 1)
WINDOW_END = date(2025, 12, 31)
BOOK_STATES = (State.NY, State.NJ)
BOOK_PAYERS = ("aetna", "cigna", "optum")
BOOK_SERVICES = ("90791", "90834", "90837")


@shared
@st.composite
def window_periods(draw: st.DrawFn, open_ended: bool = True) -> Period:
    """Periods inside a two-year window, so that they meet, overlap and end."""
    start = draw(dates(WINDOW_START, date(2025, 6, 30)))
    if open_ended and draw(st.booleans()):
        return Period(start)
    return Period(start, start + timedelta(days=draw(st.integers(0, 400))))


@shared
def window_dates() -> st.SearchStrategy[date]:
    """Dates to ask questions on, a little beyond the window at both ends."""
    return dates(WINDOW_START - timedelta(days=40), WINDOW_END + timedelta(days=40))


# The parts of a book that name none of its ids: built once, drawn from by every book.
_BOOK_LICENSES = st.lists(
    st.builds(
        License,
        state=st.sampled_from(BOOK_STATES),
        profession=st.sampled_from(
            [Profession.CLINICAL_SOCIAL_WORKER, Profession.PSYCHOLOGIST, Profession.OTHER]
        ),
        number=st.just("L-1"),
        effective=window_periods(),
        status=st.sampled_from([LicenseStatus.ACTIVE] * 4 + [LicenseStatus.SUSPENDED]),
    ),
    min_size=1,
    max_size=2,
)
_BOOK_NPIS = st.lists(npis(), min_size=1, max_size=4, unique=True)
_BOOK_TINS = st.lists(st.one_of(eins(), eins(), ssns()), min_size=1, max_size=2, unique=True)
_BOOK_PAYER_IDS = st.lists(st.sampled_from(BOOK_PAYERS), min_size=1, max_size=3, unique=True)
_MAYBE_NPI = st.none() | npis()
_PRACTICE_STATES = st.frozensets(st.sampled_from(BOOK_STATES), min_size=1)
_BOOK_RULES = st.builds(
    PayerRules,
    group_minimum=st.none() | st.integers(1, 4),
    individual_contracts=st.booleans(),
    closed_states=st.frozensets(st.sampled_from(BOOK_STATES)),
    group_adds_when_closed=st.booleans(),
    professions=st.none()
    | st.just(frozenset({Profession.CLINICAL_SOCIAL_WORKER, Profession.PSYCHOLOGIST})),
    retro_days=st.sampled_from([0, 0, 30]),
    typical_days=st.none() | st.sampled_from([60, 90]),
    source=st.just("a test figure"),
    # A profession accepted from a date inside the window, now and then.
    profession_periods=st.dictionaries(
        st.just(Profession.CLINICAL_SOCIAL_WORKER), window_periods(), max_size=1
    ),
)
_OPT_OUT_SIGNED = dates(WINDOW_START - timedelta(days=800), WINDOW_END)
_CONTRACT_COUNT = st.integers(0, 5)
_BOOK_CONTRACT_STATUSES = st.sampled_from([ContractStatus.EXECUTED] * 3 + list(ContractStatus))
_BOOK_CREDENTIAL_STATUSES = st.sampled_from(
    [CredentialStatus.APPROVED] * 3 + list(CredentialStatus)
)
_MAYBE_WINDOW_PERIOD = st.none() | window_periods()
_MAYBE_WINDOW_DATE = st.none() | window_dates()
_BOOK_RATES = st.dictionaries(st.sampled_from(BOOK_SERVICES), money(), max_size=3)
_BOOK_CONTRACT_SERVICES = st.none() | st.frozensets(st.sampled_from(BOOK_SERVICES), min_size=1)


@st.composite
def book_providers(draw: st.DrawFn, npi: NPI) -> Provider:
    """A provider with licenses in the book's states, mostly active."""
    return Provider(npi=npi, name=f"Provider {str(npi)[-4:]}", licenses=draw(_BOOK_LICENSES))


@st.composite
def books(draw: st.DrawFn) -> Any:
    """A consistent book: unique keys, every reference resolved, dates that interact."""
    from credkit import Book

    provider_npis = draw(_BOOK_NPIS)
    team = [draw(book_providers(npi)) for npi in provider_npis]
    tins = draw(_BOOK_TINS)
    # What draws from this book's ids, built once for the book rather than once a draw.
    known_provider = st.sampled_from(provider_npis)
    affiliation = st.builds(Affiliation, provider=known_provider, effective=window_periods())
    rosters = st.lists(affiliation, max_size=5)
    practices = [
        Practice(
            name=f"Practice {index}",
            tin=tin,
            npi=draw(_MAYBE_NPI),
            states=draw(_PRACTICE_STATES),
            roster=draw(rosters),
        )
        for index, tin in enumerate(tins)
    ]
    payer_ids_ = draw(_BOOK_PAYER_IDS)
    payers = [
        Payer(id=payer_id, name=payer_id.title(), rules=draw(_BOOK_RULES))
        for payer_id in payer_ids_
    ]
    known_payer = st.sampled_from(payer_ids_)
    # Opt-outs whose two-year periods, renewals and cancellations fall around the window.
    opt_out_list = draw(
        st.lists(
            opt_outs(npi=known_provider, payer=known_payer, signed=_OPT_OUT_SIGNED), max_size=1
        )
    )
    credential_list = draw(st.lists(book_credentials(known_provider, known_payer), max_size=6))
    holders_ = st.one_of(
        st.builds(Individual, provider=known_provider),
        st.builds(Group, practice=st.sampled_from(tins)),
    )
    group_pay_to = {
        tin: st.lists(
            st.builds(PayTo, tin=st.just(tin), npi=npis(), effective=window_periods()),
            max_size=1,
        )
        for tin in tins
    }
    group_members = st.lists(affiliation, max_size=4)
    individual_pay_to_tin = st.sampled_from(tins) | ssns()
    individual_pay_to = {
        npi: st.lists(
            st.builds(
                PayTo,
                tin=individual_pay_to_tin,
                npi=st.just(npi) | npis(),
                effective=window_periods(),
            ),
            max_size=3,
        )
        for npi in provider_npis
    }
    contract_list = []
    for index in range(draw(_CONTRACT_COUNT)):
        holder = draw(holders_)
        status = draw(_BOOK_CONTRACT_STATUSES)
        executed = status is not ContractStatus.PENDING  # executed or terminated: signed
        if status is ContractStatus.TERMINATED:
            effective = draw(window_periods(open_ended=False))
        else:
            effective = draw(window_periods() if executed else _MAYBE_WINDOW_PERIOD)
        if isinstance(holder, Group):
            pay_to = draw(group_pay_to[holder.practice])
            members = draw(group_members)
        else:
            pay_to = draw(individual_pay_to[holder.provider])
            members = []
        contract_list.append(
            Contract(
                id=f"contract-{index}",
                payer=draw(known_payer),
                holder=holder,
                status=status,
                submitted=draw(_MAYBE_WINDOW_DATE),
                signed=draw(window_dates()) if executed else None,
                effective=effective,
                pay_to=pay_to,
                members=members,
                rates=draw(_BOOK_RATES),
                services=draw(_BOOK_CONTRACT_SERVICES),
            )
        )
    return Book(
        providers=team,
        practices=practices,
        payers=payers,
        credentials=credential_list,
        contracts=contract_list,
        opt_outs=opt_out_list,
    )


@st.composite
def book_credentials(
    draw: st.DrawFn, provider: st.SearchStrategy[NPI], payer: st.SearchStrategy[str]
) -> Credential:
    """Credentials in every status, approved ones mostly, with periods in the window."""
    status = draw(_BOOK_CREDENTIAL_STATUSES)
    if status is CredentialStatus.TERMINATED:
        effective: st.SearchStrategy[Period | None] = window_periods(open_ended=False)
    elif status is CredentialStatus.APPROVED:
        effective = window_periods()
    else:
        effective = _MAYBE_WINDOW_PERIOD
    return Credential(
        provider=draw(provider),
        payer=draw(payer),
        status=status,
        submitted=draw(_MAYBE_WINDOW_DATE),
        effective=draw(effective),
    )


@shared
@st.composite
def billable_books(draw: st.DrawFn) -> Any:
    """A book with one provider, practice and payer set up to bill (from some date on).

    Generated books rarely line up every condition by chance; this one plants a
    roster place, a license, an approved credential and a contract covering the
    provider, each starting somewhere in the window, on top of whatever else is there.
    """
    import attrs

    book = draw(books())
    provider = draw(st.sampled_from(book.providers))
    practice = draw(st.sampled_from(book.practices))
    payer = draw(st.sampled_from(book.payers))

    def start() -> Period:
        return Period(draw(dates(WINDOW_START, date(2024, 12, 31))))

    license_ = License(
        state=draw(st.sampled_from(sorted(practice.states))),
        profession=Profession.CLINICAL_SOCIAL_WORKER,
        number="L-planted",
        effective=start(),
    )
    planted_provider = attrs.evolve(provider, licenses=(*provider.licenses, license_))
    planted_practice = attrs.evolve(
        practice,
        roster=(*practice.roster, Affiliation(provider=provider.npi, effective=start())),
    )
    credential = Credential(
        provider=provider.npi, payer=payer.id, status=CredentialStatus.APPROVED, effective=start()
    )
    term = start()
    if draw(st.booleans()):
        contract = Contract(
            id="planted",
            payer=payer.id,
            holder=Group(practice=practice.tin),
            status=ContractStatus.EXECUTED,
            signed=term.start,
            effective=term,
            members=[Affiliation(provider=provider.npi, effective=start())],
            pay_to=[PayTo(tin=practice.tin, npi=draw(npis()), effective=start())],
            rates={"90837": Decimal("150.00")},
        )
    else:
        contract = Contract(
            id="planted",
            payer=payer.id,
            holder=Individual(provider=provider.npi),
            status=ContractStatus.EXECUTED,
            signed=term.start,
            effective=term,
            pay_to=[PayTo(tin=practice.tin, npi=draw(npis()), effective=start())],
            rates={"90837": Decimal("150.00")},
        )
    return attrs.evolve(
        book,
        providers=[planted_provider if p is provider else p for p in book.providers],
        practices=[planted_practice if p is practice else p for p in book.practices],
        credentials=(*book.credentials, credential),
        contracts=(*book.contracts, contract),
    )


_CLAIM_SERVICES = st.none() | st.sampled_from((*BOOK_SERVICES, "90847"))
_CLAIM_STATES = st.none() | st.sampled_from(BOOK_STATES)


def claims_for(book: Any, known: bool = True) -> st.SearchStrategy[Claim]:
    """Claims about a book's providers, payers and practices (or, sometimes, unknown ids).

    Half the claims of a book set up to bill (:func:`billable_books`) aim at its planted
    provider, payer and practice, which can bill at some dates.
    """

    def about(
        provider: st.SearchStrategy[NPI], payer: st.SearchStrategy[str], practice: Any
    ) -> st.SearchStrategy[Claim]:
        if not known:
            provider = provider | npis()
            payer = payer | st.just("humana")
            practice = practice | eins()
        return st.builds(
            Claim,
            provider=provider,
            payer=payer,
            practice=practice,
            on=window_dates(),
            service=_CLAIM_SERVICES,
            state=_CLAIM_STATES,
        )

    anything = about(
        st.sampled_from([p.npi for p in book.providers]),
        st.sampled_from([p.id for p in book.payers]),
        st.sampled_from([p.tin for p in book.practices]),
    )
    planted = [c for c in book.contracts if c.id == "planted"]
    if not planted:
        return anything
    contract = planted[0]
    holder = contract.holder
    aimed = about(
        st.just(
            holder.provider if isinstance(holder, Individual) else contract.members[0].provider
        ),
        st.just(contract.payer),
        st.just(contract.pay_to[0].tin),
    )
    return aimed | anything


@shared
@st.composite
def books_with_claims(draw: st.DrawFn, known: bool = True) -> tuple[Any, list[Claim]]:
    """A book (half the time one set up to bill) and a few claims about it."""
    book = draw(billable_books() | books())
    return book, draw(st.lists(claims_for(book, known=known), min_size=1, max_size=8))


# --- answers, and matrices of them, to show in a REPL or a notebook ----------------


@shared
def reasons() -> st.SearchStrategy[Any]:
    """Reasons with any code and any non-blank message."""
    from credkit import Code, Reason

    return st.builds(Reason, code=st.sampled_from(Code), message=texts())


@shared
@st.composite
def billing_identities(draw: st.DrawFn) -> Any:
    """Billing identities under an EIN or an SSN, with a rendering NPI or without."""
    from credkit import BillingIdentity

    billing = draw(npis())
    rendering = draw(st.none() | npis())
    return BillingIdentity(
        billing_npi=billing,
        tax_id=draw(tax_ids()),
        rendering_npi=None if rendering == billing else rendering,
    )


@shared
@st.composite
def verdicts(draw: st.DrawFn, allowed: bool | None = None) -> Any:
    """Verdicts: allowed ones with a contract, billing identity and perhaps a rate; refused ones with reasons."""
    from credkit import Verdict

    notes = draw(st.lists(reasons(), max_size=2))
    if draw(st.booleans()) if allowed is None else allowed:
        return Verdict(
            allowed=True,
            notes=notes,
            contract=draw(contracts()),
            billing=draw(billing_identities()),
            rate=draw(st.none() | money()),
        )
    return Verdict(
        allowed=False, reasons=draw(st.lists(reasons(), min_size=1, max_size=4)), notes=notes
    )


@st.composite
def group_eligibilities(draw: st.DrawFn) -> Any:
    """Group eligibility answers whose figures agree: eligible, short, or no group contracts."""
    from credkit import Code, GroupEligibility, Reason

    counted = draw(st.lists(npis(), max_size=6, unique=True))
    minimum = draw(st.none() | st.integers(1, 8))
    found = draw(st.lists(reasons(), max_size=2))
    if minimum is None:
        shortfall = None
        found.insert(0, Reason(code=Code.NO_GROUP_CONTRACTS, message=draw(texts())))
    else:
        shortfall = max(0, minimum - len(counted))
        if shortfall:
            found.insert(0, Reason(code=Code.BELOW_GROUP_MINIMUM, message=draw(texts())))
    return GroupEligibility(
        eligible=not found,
        minimum=minimum,
        count=len(counted),
        shortfall=shortfall,
        counted=counted,
        reasons=found,
    )


@st.composite
def plans(draw: st.DrawFn) -> Any:
    """Plans on every path; guaranteed only without blockers, unavailable only with one."""
    from credkit import Path, Plan, Step, StepKind

    path = draw(st.sampled_from(Path))
    blockers = draw(st.lists(reasons(), min_size=1 if path is Path.UNAVAILABLE else 0, max_size=3))
    return Plan(
        payer=draw(payer_ids()),
        path=path,
        steps=draw(
            st.lists(st.builds(Step, kind=st.sampled_from(StepKind), detail=texts()), max_size=5)
        ),
        guaranteed=not blockers and draw(st.booleans()),
        blockers=blockers,
        notes=draw(st.lists(reasons(), max_size=2)),
        becomes_group_eligible=draw(st.booleans()),
    )


@shared
def markup_texts() -> st.SearchStrategy[str]:
    """Non-blank text with HTML's special characters in it, and nothing XML cannot carry."""
    legal = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
    return st.builds(
        lambda before, mark, after: before + mark + after,
        st.text(legal, max_size=6),
        st.sampled_from(["<", ">", "&", '"', "'", "<b>", "&amp;", "</td>", "]]>"]),
        st.text(legal, max_size=6),
    )


@st.composite
def marked_up_books(draw: st.DrawFn) -> Any:
    """A book (half the time one set up to bill) whose providers' names are full of markup."""
    import attrs

    book = draw(billable_books() | books())
    names = draw(
        st.lists(markup_texts(), min_size=len(book.providers), max_size=len(book.providers))
    )
    return attrs.evolve(
        book,
        providers=[
            attrs.evolve(provider, name=name)
            for provider, name in zip(book.providers, names, strict=True)
        ],
    )


@st.composite
def matrix_questions(draw: st.DrawFn, book: st.SearchStrategy[Any] | None = None) -> Any:
    """A book, the tax id of one of its practices, and a date to ask its matrix on."""
    chosen = draw(billable_books() | books() if book is None else book)
    return chosen, draw(st.sampled_from([p.tin for p in chosen.practices])), draw(window_dates())


# --- the road to revenue -----------------------------------------------------------


@shared
def milestones() -> st.SearchStrategy[Any]:
    """Milestones of every kind."""
    from credkit import Milestone, MilestoneKind

    return st.builds(Milestone, kind=st.sampled_from(MilestoneKind), on=dates(), detail=texts())


@st.composite
def spans(draw: st.DrawFn) -> Any:
    """Spans of every stage, some a single day, some open to the end of the calendar."""
    from credkit import Span, Stage

    start = draw(dates())
    end = draw(st.just(date.max) | dates(start, LATEST))
    return Span(stage=draw(st.sampled_from(Stage)), start=start, end=end)


@st.composite
def roads(draw: st.DrawFn, provider: st.SearchStrategy[NPI] | None = None) -> Any:
    """Roads that agree with themselves: billable ones without a blocker, others with one."""
    from credkit import Road

    billable = draw(st.booleans())
    first = draw(dates() if billable else st.none() | dates())
    return Road(
        provider=draw(npis() if provider is None else provider),
        name=draw(texts()),
        payer=draw(payer_ids()),
        milestones=sorted(draw(st.lists(milestones(), max_size=5)), key=lambda item: item.on),
        spans=draw(st.lists(spans(), max_size=4)),
        first_billable=first,
        billable=billable,
        blocker=None if billable else draw(reasons()),
    )


@st.composite
def pendings(draw: st.DrawFn) -> Any:
    """Pending applications and contracts; a follow-up due only past the typical turnaround."""
    from credkit import Pending

    record = draw(st.sampled_from(["credential", "contract"]))
    days = draw(st.none() | st.integers(0, 900))
    typical = draw(st.none() | st.integers(1, 365))
    return Pending(
        record=record,
        payer=draw(payer_ids()),
        who=draw(texts()),
        provider=draw(st.none() | npis()),
        contract=draw(texts()) if record == "contract" else None,
        since=draw(st.none() | dates()),
        days=days,
        typical_days=typical,
        followup_due=days is not None and typical is not None and days > typical,
    )


@st.composite
def timelines(draw: st.DrawFn) -> Any:
    """Timelines with distinct roads (each provider with each payer once)."""
    from credkit import Timeline

    found = draw(st.lists(roads(), max_size=4, unique_by=lambda road: (road.provider, road.payer)))
    return Timeline(
        practice=draw(tax_ids()),
        on=draw(dates()),
        roads=found,
        pending=draw(st.lists(pendings(), max_size=3)),
        reasons=draw(st.lists(reasons(), max_size=1)),
    )


@st.composite
def revenue_values(draw: st.DrawFn) -> Any:
    """Revenue at risk whose breakdowns add up: amounts spread over reasons, providers, payers."""
    from credkit import Code, RevenueAtRisk

    amounts = draw(st.lists(money(), max_size=5))
    priced = len(amounts)
    unpriced = draw(st.integers(0, 3))
    refused = priced + unpriced
    claims_ = refused + draw(st.integers(0, 5))

    def spread(keys: st.SearchStrategy[Any]) -> dict[Any, Decimal]:
        found: dict[Any, Decimal] = {}
        for amount in amounts:
            key = draw(keys)
            found[key] = found.get(key, Decimal(0)) + amount
        return found

    return RevenueAtRisk(
        claims=claims_,
        refused=refused,
        unpriced=unpriced,
        total=sum(amounts, Decimal(0)),
        by_reason=spread(st.sampled_from(Code)),
        by_provider=spread(npis()),
        by_payer=spread(payer_ids()),
    )


# The road to revenue's answers, defined above the rest's, join the table here.
_ROAD_TYPES: dict[type, st.SearchStrategy[Any]] = {
    Milestone: milestones(),
    Span: spans(),
    Road: roads(),
    Pending: pendings(),
    Timeline: timelines(),
    RevenueAtRisk: revenue_values(),
}
STRATEGIES.update(_ROAD_TYPES)
RECORD_TYPES.extend(_ROAD_TYPES)


# --- tables ------------------------------------------------------------------------


@shared
def cell_texts(workbook: bool = False) -> st.SearchStrategy[str]:
    """Text a table cell keeps: nothing a reader trims at either end.

    A workbook holds no control characters but the line feed, so with ``workbook``
    none is drawn.
    """
    plain = (
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), include_characters="\n")
        if workbook
        else st.characters(codec="utf-8")
    )
    visible = st.characters(codec="utf-8", categories=("L", "N", "P", "S"))
    return st.one_of(
        visible,
        st.builds(
            lambda first, middle, last: first + middle + last,
            visible,
            st.text(plain, max_size=8),
            visible,
        ),
    )


@st.composite
def full_books(draw: st.DrawFn, text: st.SearchStrategy[str] | None = None) -> Any:
    """A consistent book with every kind of record, each reference resolved.

    Every table of ``credkit.tables`` gets rows: providers with all their
    documents, practices with rosters, payers with rules (professions accepted within
    a period among them), credentials, contracts with members, pay-to entries, rates
    and obligations, and opt-outs.
    """
    from credkit import Book

    text = texts() if text is None else text
    provider_npis = draw(st.lists(npis(), min_size=1, max_size=3, unique=True))
    team = [draw(providers(st.just(npi), text)) for npi in provider_npis]
    tins = draw(st.lists(tax_ids(), min_size=1, max_size=2, unique=True))
    known = st.sampled_from(provider_npis)
    practice_list = [
        draw(
            st.builds(
                Practice,
                name=text,
                tin=st.just(tin),
                npi=st.none() | npis(),
                states=st.frozensets(states(), min_size=1, max_size=3),
                roster=st.lists(affiliations(known), max_size=3),
            )
        )
        for tin in tins
    ]
    payer_ids_ = draw(st.lists(payer_ids(), min_size=1, max_size=3, unique=True))
    payer_list = [
        draw(st.builds(Payer, id=st.just(payer_id), name=text, rules=payer_rules(text)))
        for payer_id in payer_ids_
    ]
    known_payer = st.sampled_from(payer_ids_)
    credential_list = draw(st.lists(credentials(known, known_payer), max_size=3))
    holder = st.one_of(
        st.builds(Individual, provider=known), st.builds(Group, practice=st.sampled_from(tins))
    )
    contract_list = []
    for contract_id in draw(st.lists(text, max_size=3, unique=True)):
        contract = draw(contracts(holder, known_payer))
        members = [
            Affiliation(provider=draw(known), effective=member.effective)
            for member in contract.members
        ]
        contract_list.append(
            attrs.evolve(
                contract,
                id=contract_id,
                members=members,
                obligations=draw(st.lists(text, max_size=2)),
            )
        )
    return Book(
        providers=team,
        practices=practice_list,
        payers=payer_list,
        credentials=credential_list,
        contracts=contract_list,
        opt_outs=draw(st.lists(opt_outs(known, known_payer), max_size=3)),
    )


# --- batches given column by column (Book.check_columns, frames, Dask) ------------


def book_edges(book: Any) -> list[date]:
    """The days around every period edge in a book: each start and end, the day before
    and after, and each start moved back by every payer's retro window (and a day
    either side of that)."""
    retros = sorted({payer.rules.retro_days for payer in book.payers} | {0})
    periods: list[Period] = []
    for provider in book.providers:
        periods += [license_.effective for license_ in provider.licenses]
    for practice in book.practices:
        periods += [entry.effective for entry in practice.roster]
    periods += [c.effective for c in book.credentials if c.effective is not None]
    for contract in book.contracts:
        if contract.effective is not None:
            periods.append(contract.effective)
        periods += [entry.effective for entry in (*contract.members, *contract.pay_to)]
    found = {WINDOW_START}
    for period in periods:
        for retro in retros:
            start = period.start - timedelta(days=retro)
            found |= {start - timedelta(days=1), start, start + timedelta(days=1)}
        if period.end is not None:
            found |= {period.end - timedelta(days=1), period.end, period.end + timedelta(days=1)}
    return sorted(found)


def edge_claims_for(
    book: Any, known: bool = True, edges: list[date] | None = None
) -> st.SearchStrategy[Claim]:
    """Claims like :func:`claims_for`, dated on or beside one of the book's period edges
    (``edges``, when given, are the book's :func:`book_edges`)."""
    on = st.sampled_from(book_edges(book) if edges is None else edges)
    return st.builds(lambda claim, day: attrs.evolve(claim, on=day), claims_for(book, known), on)


@st.composite
def batches(draw: st.DrawFn) -> tuple[Any, list[Claim]]:
    """A book and a batch of claims about it: unknown ids too, dates anywhere in the
    window or on its period edges, several claims alike but for the date."""
    book = draw(billable_books() | books())
    edges = book_edges(book)
    claim = claims_for(book, known=False) | edge_claims_for(book, known=False, edges=edges)
    items = draw(st.lists(claim, min_size=1, max_size=12))
    # Claims alike but for the date share what the batch works out: repeat some.
    again = draw(st.lists(st.sampled_from(items), max_size=4))
    on = st.sampled_from(edges)
    moved = [attrs.evolve(item, on=draw(on)) for item in again]
    return book, items + moved
