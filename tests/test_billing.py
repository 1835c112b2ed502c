"""Example tables for can_bill: every branch of DESIGN.md §5, one change at a time.

The fixture world is built by plain functions: Ana Ruiz, a clinical social worker
licensed in New York, on the roster of Harbor Therapy (NY, an EIN and a type-2
NPI); Aetna; an approved credential; Harbor's executed group contract with Ana
as a member and a pay-to entry; and Ana's individual contract with pay-to
entries for a former practice and for Harbor. Each test varies one thing.
"""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

from credkit import (
    EIN,
    NPI,
    SSN,
    Affiliation,
    BillingIdentity,
    Code,
    Contract,
    ContractStatus,
    Credential,
    CredentialStatus,
    CredkitError,
    Group,
    Individual,
    License,
    LicenseStatus,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Practice,
    Profession,
    Provider,
    State,
    Verdict,
    can_bill,
)

ANA_NPI = "1234567893"  # the clinician (type 1)
BEN_NPI = "1678901236"  # another clinician
HARBOR_NPI = "1558598797"  # Harbor Therapy (type 2)
PAY_TO_NPI = "1987654328"  # a billing NPI loaded at the payer, not Harbor's own
FORMER_NPI = "1456789019"  # the practice Ana worked at before
HARBOR_EIN = "12-3456789"
FORMER_EIN = "98-7654321"
SSN_TEXT = "536-22-8147"  # shares no run of digits with the NPIs and EINs above
SSN_DIGITS = "536228147"
SSN_MASKED = "***-**-8147"

ON = date(2026, 11, 28)
BROAD = Period("2020-01-01")  # in effect throughout, for everything not under test
START = date(2026, 3, 1)
END = date(2026, 9, 30)
BOUNDED = Period(START, END)  # the one period a boundary test moves the date around
ENDED = Period("2020-01-01", "2025-12-31")  # over before the date asked about
DAY = timedelta(days=1)

GROUP_ID = "aetna-harbor"
INDIVIDUAL_ID = "aetna-ana"


# --- the fixture world -----------------------------------------------------------


def make_license(
    *,
    state: str = "NY",
    profession: Profession = Profession.CLINICAL_SOCIAL_WORKER,
    effective: Period = BROAD,
    status: LicenseStatus = LicenseStatus.ACTIVE,
) -> License:
    return License(
        state=state, profession=profession, number="LCSW-1", effective=effective, status=status
    )


def make_provider(*, licenses: Iterable[License] | None = None) -> Provider:
    return Provider(
        npi=ANA_NPI,
        name="Ana Ruiz, LCSW",
        licenses=[make_license()] if licenses is None else licenses,
    )


def on_roster(provider: str = ANA_NPI, effective: Period = BROAD) -> Affiliation:
    return Affiliation(provider=provider, effective=effective)


def make_practice(
    *,
    name: str = "Harbor Therapy",
    tin: str = HARBOR_EIN,
    npi: str | None = HARBOR_NPI,
    states: Iterable[str] = ("NY",),
    roster: Iterable[Affiliation] | None = None,
) -> Practice:
    return Practice(
        name=name,
        tin=tin,
        npi=npi,
        states=list(states),
        roster=[on_roster()] if roster is None else roster,
    )


def make_payer(*, retro_days: int = 0, professions: Iterable[str] | None = None) -> Payer:
    rules = PayerRules(
        retro_days=retro_days, professions=None if professions is None else list(professions)
    )
    return Payer(id="aetna", name="Aetna", rules=rules)


GRANTED = (CredentialStatus.APPROVED, CredentialStatus.TERMINATED)


def make_credential(
    *,
    status: CredentialStatus = CredentialStatus.APPROVED,
    effective: Period | None = BROAD,
    submitted: str | None = "",
    provider: str = ANA_NPI,
    payer: str = "aetna",
) -> Credential:
    """A credential; an approved or terminated one applied for in 2019 unless told otherwise.

    Applied for before the date asked about, it speaks for that date whenever its
    period starts.
    """
    if submitted == "":
        submitted = "2019-11-01" if status in GRANTED else None
    return Credential(
        provider=provider, payer=payer, status=status, submitted=submitted, effective=effective
    )


def make_group(
    *,
    id: str = GROUP_ID,
    payer: str = "aetna",
    practice: str = HARBOR_EIN,
    status: ContractStatus = ContractStatus.EXECUTED,
    effective: Period | None = BROAD,
    members: Iterable[Affiliation] | None = None,
    pay_to: Iterable[PayTo] | None = None,
    rates: dict[str, str] | None = None,
    services: Iterable[str] | None = None,
) -> Contract:
    return Contract(
        id=id,
        payer=payer,
        holder=Group(practice=practice),
        status=status,
        signed="2019-12-01" if status is not ContractStatus.PENDING else None,
        effective=effective,
        members=[on_roster()] if members is None else members,
        pay_to=(
            [PayTo(tin=practice, npi=PAY_TO_NPI, effective=BROAD)] if pay_to is None else pay_to
        ),
        rates={"90837": "150.00", "90834": "110.00"} if rates is None else rates,
        services=None if services is None else list(services),
    )


def harbor_entry(effective: Period = BROAD, npi: str = HARBOR_NPI) -> PayTo:
    return PayTo(tin=HARBOR_EIN, npi=npi, effective=effective)


def former_entry() -> PayTo:
    return PayTo(tin=FORMER_EIN, npi=FORMER_NPI, effective=Period("2018-01-01", "2019-12-31"))


def make_individual(
    *,
    id: str = INDIVIDUAL_ID,
    payer: str = "aetna",
    provider: str = ANA_NPI,
    status: ContractStatus = ContractStatus.EXECUTED,
    effective: Period | None = BROAD,
    pay_to: Iterable[PayTo] | None = None,
    rates: dict[str, str] | None = None,
    services: Iterable[str] | None = None,
) -> Contract:
    return Contract(
        id=id,
        payer=payer,
        holder=Individual(provider=provider),
        status=status,
        signed="2019-12-01" if status is not ContractStatus.PENDING else None,
        effective=effective,
        pay_to=[former_entry(), harbor_entry()] if pay_to is None else pay_to,
        rates={"90837": "140.00"} if rates is None else rates,
        services=None if services is None else list(services),
    )


def solo_practice() -> Practice:
    """Ana in solo practice under her own SSN, with no organizational NPI."""
    return make_practice(name="Ana Ruiz Counseling", tin=SSN_TEXT, npi=None)


def ssn_contract() -> Contract:
    """Ana's individual contract, paid to her SSN and her own NPI at her solo practice."""
    return make_individual(pay_to=[PayTo(tin=SSN_TEXT, npi=ANA_NPI, effective=BROAD)])


def ask(
    *,
    provider: Provider | None = None,
    payer: Payer | None = None,
    practice: Practice | None = None,
    on: date | str = ON,
    credentials: Iterable[Credential] | None = None,
    contracts: Iterable[Contract] | None = None,
    service: str | None = None,
    state: State | str | None = None,
) -> Verdict:
    """Ask can_bill about the fixture world, with the given parts replaced."""
    return can_bill(
        make_provider() if provider is None else provider,
        make_payer() if payer is None else payer,
        make_practice() if practice is None else practice,
        on=on,
        credentials=[make_credential()] if credentials is None else credentials,
        contracts=[make_group()] if contracts is None else contracts,
        service=service,
        state=state,
    )


def note_codes(verdict: Verdict) -> tuple[Code, ...]:
    return tuple(note.code for note in verdict.notes)


def messages(verdict: Verdict) -> list[str]:
    return [reason.message for reason in (*verdict.reasons, *verdict.notes)]


World = Callable[[], dict[str, Any]]


# --- the fixture world itself ---------------------------------------------------------


class TestFixtureWorld:
    def test_group_contract_world_is_allowed(self) -> None:
        """The unchanged world can bill: no reasons, no notes, the group contract authorizes."""
        verdict = ask()
        assert (True, (), ()) == (bool(verdict), verdict.codes, note_codes(verdict))
        assert make_group() == verdict.contract

    def test_individual_contract_world_is_allowed(self) -> None:
        """The world with only Ana's individual contract can bill through it."""
        verdict = ask(contracts=[make_individual()])
        assert (True, (), ()) == (bool(verdict), verdict.codes, note_codes(verdict))
        assert make_individual() == verdict.contract


# --- each reason code: produced when its condition fails, absent when it holds ---------

REASONS = [
    pytest.param(
        lambda: {"practice": make_practice(roster=[on_roster(BEN_NPI)])},
        lambda: {"practice": make_practice(roster=[on_roster(BEN_NPI), on_roster()])},
        Code.NOT_ON_ROSTER,
        id="not_on_roster-someone-else-listed",
    ),
    pytest.param(
        lambda: {
            "practice": make_practice(
                roster=[on_roster(effective=Period("2020-01-01", "2025-12-31"))]
            )
        },
        lambda: {
            "practice": make_practice(
                roster=[on_roster(effective=Period("2020-01-01", "2026-12-31"))]
            )
        },
        Code.NOT_ON_ROSTER,
        id="not_on_roster-left-the-practice",
    ),
    pytest.param(
        lambda: {"provider": make_provider(licenses=[])},
        lambda: {"provider": make_provider(licenses=[make_license()])},
        Code.NOT_LICENSED,
        id="not_licensed-no-license",
    ),
    pytest.param(
        lambda: {"provider": make_provider(licenses=[make_license(state="NJ")])},
        lambda: {"provider": make_provider(licenses=[make_license(state="NJ"), make_license()])},
        Code.NOT_LICENSED,
        id="not_licensed-other-state-only",
    ),
    *(
        pytest.param(
            lambda status=status: {
                "provider": make_provider(licenses=[make_license(status=status)])
            },
            lambda: {
                "provider": make_provider(licenses=[make_license(status=LicenseStatus.ACTIVE)])
            },
            Code.NOT_LICENSED,
            id=f"not_licensed-{status.value}",
        )
        for status in LicenseStatus
        if status is not LicenseStatus.ACTIVE
    ),
    pytest.param(
        lambda: {"payer": make_payer(professions=["psychologist"])},
        lambda: {"payer": make_payer(professions=["psychologist", "clinical_social_worker"])},
        Code.PROFESSION_NOT_ACCEPTED,
        id="profession_not_accepted",
    ),
    pytest.param(
        lambda: {"credentials": []},
        lambda: {"credentials": [make_credential()]},
        Code.NOT_CREDENTIALED,
        id="not_credentialed-none-on-file",
    ),
    pytest.param(
        lambda: {"credentials": [make_credential(payer="cigna")]},
        lambda: {"credentials": [make_credential(payer="cigna"), make_credential()]},
        Code.NOT_CREDENTIALED,
        id="not_credentialed-only-with-another-payer",
    ),
    pytest.param(
        lambda: {"credentials": [make_credential(provider=BEN_NPI)]},
        lambda: {"credentials": [make_credential(provider=BEN_NPI), make_credential()]},
        Code.NOT_CREDENTIALED,
        id="not_credentialed-only-another-provider",
    ),
    pytest.param(
        lambda: {
            "credentials": [make_credential(status=CredentialStatus.WITHDRAWN, effective=None)]
        },
        lambda: {"credentials": [make_credential(status=CredentialStatus.APPROVED)]},
        Code.NOT_CREDENTIALED,
        id="not_credentialed-withdrawn",
    ),
    pytest.param(
        lambda: {
            "credentials": [
                make_credential(
                    status=CredentialStatus.PENDING, effective=None, submitted="2026-10-01"
                )
            ]
        },
        lambda: {"credentials": [make_credential(status=CredentialStatus.APPROVED)]},
        Code.CREDENTIALING_PENDING,
        id="credentialing_pending",
    ),
    pytest.param(
        lambda: {"credentials": [make_credential(status=CredentialStatus.DENIED, effective=None)]},
        lambda: {"credentials": [make_credential(status=CredentialStatus.APPROVED)]},
        Code.CREDENTIALING_DENIED,
        id="credentialing_denied",
    ),
    pytest.param(
        lambda: {"credentials": [make_credential(effective=Period("2020-01-01", "2025-12-31"))]},
        lambda: {"credentials": [make_credential(effective=Period("2020-01-01", "2026-12-31"))]},
        Code.CREDENTIAL_NOT_IN_EFFECT,
        id="credential_not_in_effect-expired",
    ),
    pytest.param(
        lambda: {
            "credentials": [make_credential(effective=Period("2027-01-01"), submitted="2026-10-01")]
        },
        lambda: {
            "credentials": [make_credential(effective=Period("2026-11-28"), submitted="2026-10-01")]
        },
        Code.CREDENTIAL_NOT_IN_EFFECT,
        id="credential_not_in_effect-not-started",
    ),
    pytest.param(
        lambda: {
            "credentials": [make_credential(status=CredentialStatus.TERMINATED, effective=ENDED)]
        },
        lambda: {
            "credentials": [
                make_credential(
                    status=CredentialStatus.TERMINATED, effective=Period("2020-01-01", ON)
                )
            ]
        },
        Code.CREDENTIAL_NOT_IN_EFFECT,
        id="credential_not_in_effect-terminated",
    ),
    pytest.param(
        lambda: {"contracts": []},
        lambda: {"contracts": [make_group()]},
        Code.NOT_CONTRACTED,
        id="not_contracted-none",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(payer="cigna")]},
        lambda: {"contracts": [make_group(payer="cigna"), make_group()]},
        Code.NOT_CONTRACTED,
        id="not_contracted-only-with-another-payer",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(practice=FORMER_EIN)]},
        lambda: {"contracts": [make_group(practice=FORMER_EIN), make_group()]},
        Code.NOT_CONTRACTED,
        id="not_contracted-another-practice-group",
    ),
    pytest.param(
        lambda: {"contracts": [make_individual(provider=BEN_NPI)]},
        lambda: {"contracts": [make_individual(provider=BEN_NPI), make_individual()]},
        Code.NOT_CONTRACTED,
        id="not_contracted-another-providers-individual",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(status=ContractStatus.PENDING, effective=None)]},
        lambda: {"contracts": [make_group(status=ContractStatus.EXECUTED)]},
        Code.CONTRACT_NOT_SIGNED,
        id="contract_not_signed-group",
    ),
    pytest.param(
        lambda: {"contracts": [make_individual(status=ContractStatus.PENDING, effective=None)]},
        lambda: {"contracts": [make_individual(status=ContractStatus.EXECUTED)]},
        Code.CONTRACT_NOT_SIGNED,
        id="contract_not_signed-individual",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(effective=Period("2020-01-01", "2025-12-31"))]},
        lambda: {"contracts": [make_group(effective=Period("2020-01-01", "2026-12-31"))]},
        Code.CONTRACT_NOT_IN_EFFECT,
        id="contract_not_in_effect-term-ended",
    ),
    pytest.param(
        lambda: {"contracts": [make_individual(effective=Period("2027-01-01"))]},
        lambda: {"contracts": [make_individual(effective=Period("2026-11-01"))]},
        Code.CONTRACT_NOT_IN_EFFECT,
        id="contract_not_in_effect-term-not-started",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(status=ContractStatus.TERMINATED, effective=ENDED)]},
        lambda: {
            "contracts": [
                make_group(status=ContractStatus.TERMINATED, effective=Period("2020-01-01", ON))
            ]
        },
        Code.CONTRACT_NOT_IN_EFFECT,
        id="contract_not_in_effect-terminated",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(members=[])]},
        lambda: {"contracts": [make_group(members=[on_roster()])]},
        Code.NOT_ON_GROUP_CONTRACT,
        id="not_on_group_contract-no-members",
    ),
    pytest.param(
        lambda: {"contracts": [make_group(members=[on_roster(BEN_NPI)])]},
        lambda: {"contracts": [make_group(members=[on_roster(BEN_NPI), on_roster()])]},
        Code.NOT_ON_GROUP_CONTRACT,
        id="not_on_group_contract-someone-else",
    ),
    pytest.param(
        lambda: {"contracts": [make_individual(pay_to=[former_entry()])]},
        lambda: {"contracts": [make_individual(pay_to=[former_entry(), harbor_entry()])]},
        Code.NOT_LINKED_TO_PRACTICE,
        id="not_linked_to_practice-other-practice-only",
    ),
    pytest.param(
        lambda: {"contracts": [make_individual(pay_to=[])]},
        lambda: {"contracts": [make_individual(pay_to=[harbor_entry()])]},
        Code.NOT_LINKED_TO_PRACTICE,
        id="not_linked_to_practice-no-pay-to",
    ),
    pytest.param(
        lambda: {"service": "90791", "contracts": [make_group(services=["90837"])]},
        lambda: {"service": "90791", "contracts": [make_group(services=["90837", "90791"])]},
        Code.SERVICE_NOT_COVERED,
        id="service_not_covered",
    ),
    pytest.param(
        lambda: {"practice": make_practice(npi=None), "contracts": [make_group(pay_to=[])]},
        lambda: {"practice": make_practice(npi=None), "contracts": [make_group()]},
        Code.NEEDS_GROUP_NPI,
        id="needs_group_npi-fixed-by-pay-to",
    ),
    pytest.param(
        lambda: {"practice": make_practice(npi=None), "contracts": [make_group(pay_to=[])]},
        lambda: {"practice": make_practice(npi=HARBOR_NPI), "contracts": [make_group(pay_to=[])]},
        Code.NEEDS_GROUP_NPI,
        id="needs_group_npi-fixed-by-practice-npi",
    ),
    pytest.param(
        lambda: {
            "practice": make_practice(npi=None),
            "contracts": [make_group(pay_to=[harbor_entry(Period("2020-01-01", "2025-12-31"))])],
        },
        lambda: {
            "practice": make_practice(npi=None),
            "contracts": [make_group(pay_to=[harbor_entry(Period("2020-01-01", "2026-12-31"))])],
        },
        Code.NEEDS_GROUP_NPI,
        id="needs_group_npi-pay-to-ended",
    ),
]


# Each refused world's reason, word for word.
REASON_MESSAGES = {
    "not_on_roster-someone-else-listed": "Ana Ruiz, LCSW is not on the roster of Harbor Therapy on that date",
    "not_on_roster-left-the-practice": "Ana Ruiz, LCSW is not on the roster of Harbor Therapy on that date",
    "not_licensed-no-license": "Ana Ruiz, LCSW holds no active license in NY",
    "not_licensed-other-state-only": "Ana Ruiz, LCSW holds no active license in NY",
    "not_licensed-inactive": "Ana Ruiz, LCSW holds no active license in NY",
    "not_licensed-expired": "Ana Ruiz, LCSW holds no active license in NY",
    "not_licensed-suspended": "Ana Ruiz, LCSW holds no active license in NY",
    "not_licensed-revoked": "Ana Ruiz, LCSW holds no active license in NY",
    "profession_not_accepted": "Aetna does not credential the profession of Ana Ruiz, LCSW's license there (clinical social worker)",
    "not_credentialed-none-on-file": "Ana Ruiz, LCSW with Aetna: no credentialing on file",
    "not_credentialed-only-with-another-payer": "Ana Ruiz, LCSW with Aetna: no credentialing on file",
    "not_credentialed-only-another-provider": "Ana Ruiz, LCSW with Aetna: no credentialing on file",
    "not_credentialed-withdrawn": "Ana Ruiz, LCSW with Aetna: the credentialing application was withdrawn",
    "credentialing_pending": "Ana Ruiz, LCSW with Aetna: credentialing is pending, submitted 2026-10-01",
    "credentialing_denied": "Ana Ruiz, LCSW with Aetna: credentialing was denied",
    "credential_not_in_effect-expired": "Ana Ruiz, LCSW with Aetna: the credential is in effect 2020-01-01 to 2025-12-31, not on that date",
    "credential_not_in_effect-not-started": "Ana Ruiz, LCSW with Aetna: the credential is in effect from 2027-01-01, not on that date",
    "credential_not_in_effect-terminated": "Ana Ruiz, LCSW with Aetna: the credential was terminated; it held 2020-01-01 to 2025-12-31, not on that date",
    "not_contracted-none": "no contract with Aetna covers Ana Ruiz, LCSW at Harbor Therapy",
    "not_contracted-only-with-another-payer": "no contract with Aetna covers Ana Ruiz, LCSW at Harbor Therapy",
    "not_contracted-another-practice-group": "no contract with Aetna covers Ana Ruiz, LCSW at Harbor Therapy",
    "not_contracted-another-providers-individual": "no contract with Aetna covers Ana Ruiz, LCSW at Harbor Therapy",
    "contract_not_signed-group": "Aetna group contract aetna-harbor is not signed yet",
    "contract_not_signed-individual": "Aetna individual contract aetna-ana is not signed yet",
    "contract_not_in_effect-term-ended": "Aetna group contract aetna-harbor is in effect 2020-01-01 to 2025-12-31, not on that date",
    "contract_not_in_effect-term-not-started": "Aetna individual contract aetna-ana is in effect from 2027-01-01, not on that date",
    "contract_not_in_effect-terminated": "Aetna group contract aetna-harbor was terminated; it covered 2020-01-01 to 2025-12-31, not on that date",
    "not_on_group_contract-no-members": "Ana Ruiz, LCSW is not a member of Aetna group contract aetna-harbor on that date",
    "not_on_group_contract-someone-else": "Ana Ruiz, LCSW is not a member of Aetna group contract aetna-harbor on that date",
    "not_linked_to_practice-other-practice-only": "Aetna individual contract aetna-ana has no pay-to entry for Harbor Therapy (tax id 12-3456789) on that date",
    "not_linked_to_practice-no-pay-to": "Aetna individual contract aetna-ana has no pay-to entry for Harbor Therapy (tax id 12-3456789) on that date",
    "service_not_covered": "Aetna contract aetna-harbor does not cover service 90791",
    "needs_group_npi-fixed-by-pay-to": "Aetna group contract aetna-harbor has no pay-to entry in effect and Harbor Therapy has no NPI to bill under",
    "needs_group_npi-fixed-by-practice-npi": "Aetna group contract aetna-harbor has no pay-to entry in effect and Harbor Therapy has no NPI to bill under",
    "needs_group_npi-pay-to-ended": "Aetna group contract aetna-harbor has no pay-to entry in effect and Harbor Therapy has no NPI to bill under",
}
NOTE_MESSAGES = {
    "retro_billing": "the date is before an effective date, within Aetna's 30-day retro-billing window",
    "pays_provider_ssn": "payment goes to SSN ***-**-8147, which Ana Ruiz Counseling bills under: the money is paid to a person, not to a business",
}


class TestEachReason:
    @pytest.mark.parametrize(("broken", "fixed", "code"), REASONS)
    def test_code_given_when_its_condition_fails(
        self, broken: World, fixed: World, code: Code
    ) -> None:
        """The one failing condition refuses the claim with exactly its code."""
        verdict = ask(**broken())
        assert (False, (code,)) == (bool(verdict), verdict.codes)

    @pytest.mark.parametrize(("broken", "fixed", "code"), REASONS)
    def test_code_absent_when_its_condition_holds(
        self, broken: World, fixed: World, code: Code
    ) -> None:
        """The same world with the condition met is allowed, with no reason at all."""
        verdict = ask(**fixed())
        assert (True, ()) == (bool(verdict), verdict.codes)

    @pytest.mark.parametrize(("broken", "fixed", "code"), REASONS)
    def test_message(
        self, broken: World, fixed: World, code: Code, request: pytest.FixtureRequest
    ) -> None:
        """The reason's message names the people, payer, contract and dates involved."""
        expected = REASON_MESSAGES[request.node.callspec.id]
        assert [expected] == [found.message for found in ask(**broken()).reasons]

    def test_every_state_is_named(self) -> None:
        """A practice in two states names both, in order, when the provider is licensed in neither."""
        verdict = ask(
            provider=make_provider(licenses=[]), practice=make_practice(states=["NY", "NJ"])
        )
        assert ["Ana Ruiz, LCSW holds no active license in NJ or NY"] == [
            found.message for found in verdict.reasons
        ]

    def test_every_profession_is_named(self) -> None:
        """Two licenses here in professions the payer does not credential are both named."""
        licenses = [make_license(), make_license(profession=Profession.PROFESSIONAL_COUNSELOR)]
        verdict = ask(
            provider=make_provider(licenses=licenses),
            payer=make_payer(professions=["psychologist"]),
        )
        assert [
            "Aetna does not credential the profession of Ana Ruiz, LCSW's license there "
            "(clinical social worker, professional counselor)"
        ] == [found.message for found in verdict.reasons]

    def test_records_that_are_not_a_list(self) -> None:
        """A number where a list of records belongs is refused, naming the argument and its kind."""
        with pytest.raises(CredkitError) as raised:
            ask(credentials=5)  # type: ignore[arg-type]
        assert "argument.credentials: expected a list of Credential, got a number" == str(
            raised.value
        )

    def test_pending_without_a_submission_date(self) -> None:
        """A pending credential with no submission date on file says only that it is pending."""
        pending = make_credential(status=CredentialStatus.PENDING, effective=None)
        verdict = ask(credentials=[pending])
        assert ["Ana Ruiz, LCSW with Aetna: credentialing is pending"] == [
            found.message for found in verdict.reasons
        ]

    def test_the_earliest_of_two_failing_contracts_is_named(self) -> None:
        """Of two individual contracts failing alike, the one whose term began first is reported."""
        later = make_individual(
            id="aetna-ana-later", effective=Period("2021-01-01"), pay_to=[former_entry()]
        )
        earlier = make_individual(
            id="aetna-ana-earlier", effective=Period("2020-01-01"), pay_to=[former_entry()]
        )
        for contracts in ([later, earlier], [earlier, later]):
            verdict = ask(contracts=contracts)
            assert [Code.NOT_LINKED_TO_PRACTICE] == list(verdict.codes)
            assert verdict.reasons[0].message.startswith(
                "Aetna individual contract aetna-ana-earlier "
            )

    def test_messages_are_plain_words(self) -> None:
        """A reason's message names the people and things involved, for a person to read."""
        verdict = ask(practice=make_practice(roster=[]))
        assert 1 == len(verdict.reasons)
        message = verdict.reasons[0].message
        assert ("Ana Ruiz" in message, "Harbor Therapy" in message) == (True, True)


NOTES = [
    pytest.param(
        lambda: {
            "payer": make_payer(retro_days=30),
            "credentials": [make_credential(effective=Period(ON + 10 * DAY))],
        },
        lambda: {
            "payer": make_payer(retro_days=30),
            "credentials": [make_credential(effective=Period(ON))],
        },
        Code.RETRO_BILLING,
        id="retro_billing",
    ),
    pytest.param(
        lambda: {"practice": solo_practice(), "contracts": [ssn_contract()]},
        lambda: {"contracts": [make_individual()]},
        Code.PAYS_PROVIDER_SSN,
        id="pays_provider_ssn",
    ),
]


class TestEachNote:
    @pytest.mark.parametrize(("noted", "plain", "code"), NOTES)
    def test_note_given_when_its_condition_holds(
        self, noted: World, plain: World, code: Code
    ) -> None:
        """The claim is allowed and the note cautions about it."""
        verdict = ask(**noted())
        assert (True, (), (code,)) == (bool(verdict), verdict.codes, note_codes(verdict))

    @pytest.mark.parametrize(("noted", "plain", "code"), NOTES)
    def test_note_absent_otherwise(self, noted: World, plain: World, code: Code) -> None:
        """Without the condition the allowed claim carries no note."""
        verdict = ask(**plain())
        assert (True, (), ()) == (bool(verdict), verdict.codes, note_codes(verdict))

    @pytest.mark.parametrize(("noted", "plain", "code"), NOTES)
    def test_note_message(
        self, noted: World, plain: World, code: Code, request: pytest.FixtureRequest
    ) -> None:
        """The note says what to watch for, word for word."""
        expected = NOTE_MESSAGES[request.node.callspec.id]
        assert [expected] == [found.message for found in ask(**noted()).notes]

    @pytest.mark.parametrize(
        "contract",
        [
            pytest.param(
                lambda: make_individual(effective=Period(ON + 10 * DAY)), id="individual-term"
            ),
            pytest.param(lambda: make_group(effective=Period(ON + 10 * DAY)), id="group-term"),
        ],
    )
    def test_retro_on_the_contracts_term(self, contract: Any) -> None:
        """A contract whose term starts within the retro window allows the claim, with the note."""
        verdict = ask(payer=make_payer(retro_days=30), contracts=[contract()])
        assert (True, (Code.RETRO_BILLING,)) == (bool(verdict), note_codes(verdict))

    def test_both_notes_together(self) -> None:
        """A retro claim paid to an SSN carries both notes, retro first."""
        verdict = ask(
            payer=make_payer(retro_days=30),
            practice=solo_practice(),
            credentials=[make_credential(effective=Period(ON + DAY))],
            contracts=[ssn_contract()],
        )
        assert (Code.RETRO_BILLING, Code.PAYS_PROVIDER_SSN) == note_codes(verdict)

    def test_refused_claim_has_no_notes(self) -> None:
        """Notes are cautions about an allowed claim; a refused one carries none."""
        verdict = ask(
            payer=make_payer(retro_days=30),
            practice=make_practice(tin=SSN_TEXT, npi=None, roster=[]),
            credentials=[make_credential(effective=Period(ON + DAY))],
            contracts=[ssn_contract()],
        )
        assert ((Code.NOT_ON_ROSTER,), ()) == (verdict.codes, note_codes(verdict))


# --- collecting every reason, in §5's order ---------------------------------------------


class TestCollectedReasons:
    def test_everything_missing(self) -> None:
        """Roster, license, credential and contract failures are all reported, in that order."""
        verdict = ask(
            provider=make_provider(licenses=[]),
            practice=make_practice(roster=[]),
            credentials=[],
            contracts=[],
        )
        expected = (
            Code.NOT_ON_ROSTER,
            Code.NOT_LICENSED,
            Code.NOT_CREDENTIALED,
            Code.NOT_CONTRACTED,
        )
        assert expected == verdict.codes

    def test_five_failures_in_order(self) -> None:
        """One failure per step gives five reasons: roster, profession, credential, contract, service."""
        verdict = ask(
            payer=make_payer(professions=["psychologist"]),
            practice=make_practice(roster=[on_roster(effective=Period("2027-01-01"))]),
            credentials=[make_credential(status=CredentialStatus.DENIED, effective=None)],
            contracts=[make_group(members=[], services=["90834"])],
            service="90837",
        )
        expected = (
            Code.NOT_ON_ROSTER,
            Code.PROFESSION_NOT_ACCEPTED,
            Code.CREDENTIALING_DENIED,
            Code.NOT_ON_GROUP_CONTRACT,
            Code.SERVICE_NOT_COVERED,
        )
        assert expected == verdict.codes

    def test_pending_contract_that_does_not_cover_the_service(self) -> None:
        """A pending contract that also leaves the service out gives both reasons."""
        verdict = ask(
            contracts=[
                make_group(status=ContractStatus.PENDING, effective=None, services=["90834"])
            ],
            service="90837",
        )
        assert (Code.CONTRACT_NOT_SIGNED, Code.SERVICE_NOT_COVERED) == verdict.codes

    def test_not_licensed_excludes_profession_not_accepted(self) -> None:
        """With no license at all the reason is not_licensed, not profession_not_accepted too."""
        verdict = ask(
            provider=make_provider(licenses=[]), payer=make_payer(professions=["psychologist"])
        )
        assert (Code.NOT_LICENSED,) == verdict.codes

    def test_roster_failure_alone_adds_no_contract_reason(self) -> None:
        """When a contract would authorize the claim, only the blocking failures are reported."""
        verdict = ask(
            practice=make_practice(roster=[]),
            credentials=[],
            contracts=[make_group(), make_individual()],
        )
        assert (Code.NOT_ON_ROSTER, Code.NOT_CREDENTIALED) == verdict.codes

    def test_credential_and_contract_before_their_start(self) -> None:
        """A date before both the credential and the contract began gives both reasons."""
        verdict = ask(
            on="2024-02-29",
            credentials=[make_credential(effective=Period("2024-03-01"))],
            contracts=[make_group(effective=Period("2024-03-01"))],
        )
        assert (Code.CREDENTIAL_NOT_IN_EFFECT, Code.CONTRACT_NOT_IN_EFFECT) == verdict.codes


# --- period boundaries and retro billing ------------------------------------------------

# Each element of the world whose period matters: how to build the world with that
# period, the code given outside it, and whether the payer's retro window reaches it.
ELEMENTS: dict[str, tuple[Callable[[Period], dict[str, Any]], Code, bool]] = {
    "roster": (
        lambda period: {"practice": make_practice(roster=[on_roster(effective=period)])},
        Code.NOT_ON_ROSTER,
        False,
    ),
    "license": (
        lambda period: {"provider": make_provider(licenses=[make_license(effective=period)])},
        Code.NOT_LICENSED,
        False,
    ),
    "credential": (
        lambda period: {"credentials": [make_credential(effective=period)]},
        Code.CREDENTIAL_NOT_IN_EFFECT,
        True,
    ),
    "contract": (
        lambda period: {"contracts": [make_group(effective=period)]},
        Code.CONTRACT_NOT_IN_EFFECT,
        True,
    ),
    # A terminated credential or contract holds over its period as an approved or
    # executed one does: the same boundaries, the same retro window.
    "terminated-credential": (
        lambda period: {
            "credentials": [make_credential(status=CredentialStatus.TERMINATED, effective=period)]
        },
        Code.CREDENTIAL_NOT_IN_EFFECT,
        True,
    ),
    "terminated-contract": (
        lambda period: {
            "contracts": [make_group(status=ContractStatus.TERMINATED, effective=period)]
        },
        Code.CONTRACT_NOT_IN_EFFECT,
        True,
    ),
    "member": (
        lambda period: {"contracts": [make_group(members=[on_roster(effective=period)])]},
        Code.NOT_ON_GROUP_CONTRACT,
        True,
    ),
    "pay-to": (
        lambda period: {"contracts": [make_individual(pay_to=[harbor_entry(period)])]},
        Code.NOT_LINKED_TO_PRACTICE,
        True,
    ),
    "group-pay-to": (
        lambda period: {
            "practice": make_practice(npi=None),
            "contracts": [make_group(pay_to=[harbor_entry(period)])],
        },
        Code.NEEDS_GROUP_NPI,
        True,
    ),
}

SIDES = [
    ("start-day-before", START - DAY, False),
    ("start-on", START, True),
    ("start-day-after", START + DAY, True),
    ("end-day-before", END - DAY, True),
    ("end-on", END, True),
    ("end-day-after", END + DAY, False),
]

BOUNDARIES = [
    pytest.param(element, on, inside, id=f"{element}-{side}")
    for element in ELEMENTS
    for side, on, inside in SIDES
]


class TestBoundaries:
    @pytest.mark.parametrize(("element", "on", "inside"), BOUNDARIES)
    def test_periods_are_closed_intervals(self, element: str, on: date, inside: bool) -> None:
        """A period holds from its first day through its last, and not a day beyond either."""
        world, code, _ = ELEMENTS[element]
        verdict = ask(on=on, **world(BOUNDED))
        expected = (True, ()) if inside else (False, (code,))
        assert expected == (bool(verdict), verdict.codes)

    # A terminated record always has its last day.
    @pytest.mark.parametrize("element", [e for e in ELEMENTS if not e.startswith("terminated-")])
    def test_open_ended_period_holds_long_after(self, element: str) -> None:
        """A period with no end is still in effect years after it started."""
        world, _, _ = ELEMENTS[element]
        verdict = ask(on=date(2099, 12, 31), **world(Period(START)))
        assert (True, ()) == (bool(verdict), verdict.codes)


def retro_rows() -> list[Any]:
    rows = []
    for element, (_, code, reaches) in ELEMENTS.items():
        if reaches:
            rows += [
                pytest.param(
                    element,
                    START - 30 * DAY,
                    (),
                    (Code.RETRO_BILLING,),
                    id=f"{element}-30-days-early",
                ),
                pytest.param(
                    element,
                    START - DAY,
                    (),
                    (Code.RETRO_BILLING,),
                    id=f"{element}-day-before-start",
                ),
                pytest.param(element, START - 31 * DAY, (code,), (), id=f"{element}-31-days-early"),
                pytest.param(element, START, (), (), id=f"{element}-start-on"),
                pytest.param(element, END + DAY, (code,), (), id=f"{element}-end-day-after"),
            ]
        else:
            rows += [
                pytest.param(element, START - DAY, (code,), (), id=f"{element}-day-before-start"),
                pytest.param(element, START - 30 * DAY, (code,), (), id=f"{element}-30-days-early"),
                pytest.param(element, START, (), (), id=f"{element}-start-on"),
            ]
    return rows


class TestRetroBilling:
    @pytest.mark.parametrize(("element", "on", "codes", "notes"), retro_rows())
    def test_retro_window_of_30_days(
        self, element: str, on: date, codes: tuple[Code, ...], notes: tuple[Code, ...]
    ) -> None:
        """With retro_days=30 the date may be up to 30 days before a credential, contract, member or pay-to start (noted), never before a roster place or license, nor after any end."""
        world, _, _ = ELEMENTS[element]
        verdict = ask(on=on, payer=make_payer(retro_days=30), **world(BOUNDED))
        assert (codes, notes) == (verdict.codes, note_codes(verdict))

    def test_no_retro_by_default(self) -> None:
        """A payer with the default retro_days=0 refuses the day before a credential starts."""
        verdict = ask(on=START - DAY, credentials=[make_credential(effective=BOUNDED)])
        assert (Code.CREDENTIAL_NOT_IN_EFFECT,) == verdict.codes

    def test_one_note_for_several_early_starts(self) -> None:
        """Early for both the credential and the contract still gives a single retro note."""
        verdict = ask(
            on=START - 5 * DAY,
            payer=make_payer(retro_days=30),
            credentials=[make_credential(effective=BOUNDED)],
            contracts=[make_group(effective=BOUNDED)],
        )
        assert ((), (Code.RETRO_BILLING,)) == (verdict.codes, note_codes(verdict))

    def test_no_note_when_a_credential_already_in_effect(self) -> None:
        """A renewal starting soon does not make the claim retro when the current one covers it."""
        verdict = ask(
            payer=make_payer(retro_days=30),
            credentials=[
                make_credential(effective=Period("2020-01-01", "2026-12-31")),
                make_credential(effective=Period(ON + 10 * DAY)),
            ],
        )
        assert ((), ()) == (verdict.codes, note_codes(verdict))

    def test_no_note_when_a_member_entry_already_in_effect(self) -> None:
        """A second member entry starting soon does not make the claim retro."""
        contract = make_group(members=[on_roster(effective=Period(ON + 10 * DAY)), on_roster()])
        verdict = ask(payer=make_payer(retro_days=30), contracts=[contract])
        assert ((), ()) == (verdict.codes, note_codes(verdict))

    def test_pay_to_in_effect_preferred_to_an_early_one(self) -> None:
        """Of two pay-to entries, the one in effect bills, not the one starting in the window."""
        contract = make_individual(
            pay_to=[harbor_entry(Period(ON + 10 * DAY), npi=PAY_TO_NPI), harbor_entry()]
        )
        verdict = ask(payer=make_payer(retro_days=30), contracts=[contract])
        assert (NPI(HARBOR_NPI), ()) == (
            verdict.billing and verdict.billing.billing_npi,
            note_codes(verdict),
        )


# --- terminated: ended, not erased --------------------------------------------------------


class TestTerminated:
    """A terminated record covers the days of its period, to its last day, and none after."""

    @pytest.mark.parametrize(
        ("on", "allowed"),
        [
            pytest.param(END - DAY, True, id="day-before-last-day"),
            pytest.param(END, True, id="last-day"),
            pytest.param(END + DAY, False, id="day-after-last-day"),
        ],
    )
    def test_terminated_contract_around_its_last_day(self, on: date, allowed: bool) -> None:
        """A claim under a terminated contract is owed up to its last day, refused the day after."""
        contract = make_group(status=ContractStatus.TERMINATED, effective=BOUNDED)
        verdict = ask(on=on, contracts=[contract])
        refusal = () if allowed else (Code.CONTRACT_NOT_IN_EFFECT,)
        assert (allowed, refusal) == (bool(verdict), verdict.codes)
        assert (contract if allowed else None) == verdict.contract

    @pytest.mark.parametrize(
        ("on", "allowed"),
        [
            pytest.param(END - DAY, True, id="day-before-last-day"),
            pytest.param(END, True, id="last-day"),
            pytest.param(END + DAY, False, id="day-after-last-day"),
        ],
    )
    def test_terminated_credential_around_its_last_day(self, on: date, allowed: bool) -> None:
        """A terminated credential holds up to its last day, and not the day after."""
        credential = make_credential(status=CredentialStatus.TERMINATED, effective=BOUNDED)
        verdict = ask(on=on, credentials=[credential])
        refusal = () if allowed else (Code.CREDENTIAL_NOT_IN_EFFECT,)
        assert (allowed, refusal) == (bool(verdict), verdict.codes)

    def test_terminated_contract_after_its_last_day_says_so(self) -> None:
        """After its last day, the reason says the contract was terminated and what it covered."""
        contract = make_group(status=ContractStatus.TERMINATED, effective=BOUNDED)
        (found,) = ask(on=END + DAY, contracts=[contract]).reasons
        assert (
            "Aetna group contract aetna-harbor was terminated; it covered 2026-03-01 to "
            "2026-09-30, not on that date"
        ) == found.message

    def test_terminated_credential_after_its_last_day_says_so(self) -> None:
        """After its last day, the reason says the credential was terminated and when it held."""
        credential = make_credential(status=CredentialStatus.TERMINATED, effective=BOUNDED)
        (found,) = ask(on=END + DAY, credentials=[credential]).reasons
        assert (
            "Ana Ruiz, LCSW with Aetna: the credential was terminated; it held 2026-03-01 to "
            "2026-09-30, not on that date"
        ) == found.message

    def test_terminated_contract_bills_as_the_executed_one(self) -> None:
        """Within its term a terminated contract gives the executed one's billing and rate."""
        executed = make_group(effective=BOUNDED)
        terminated = make_group(status=ContractStatus.TERMINATED, effective=BOUNDED)
        before = ask(on=END, contracts=[executed], service="90837")
        after = ask(on=END, contracts=[terminated], service="90837")
        assert (before.billing, before.rate, before.notes) == (
            after.billing,
            after.rate,
            after.notes,
        )

    def test_terminated_contract_gives_way_to_its_successor(self) -> None:
        """The day after a terminated contract's last day, the contract that replaced it bills."""
        ended = make_group(status=ContractStatus.TERMINATED, effective=BOUNDED)
        successor = make_individual(effective=Period(END + DAY))
        verdicts = [ask(on=on, contracts=[ended, successor]) for on in (END, END + DAY)]
        assert [GROUP_ID, INDIVIDUAL_ID] == [v.contract and v.contract.id for v in verdicts]


# --- state of service ----------------------------------------------------------------------


class TestStateOfService:
    @pytest.mark.parametrize(
        ("licenses", "states", "state", "codes"),
        [
            pytest.param(["NY"], ["NY", "NJ"], None, (), id="no-state-any-practice-state-ny"),
            pytest.param(["NJ"], ["NY", "NJ"], None, (), id="no-state-any-practice-state-nj"),
            pytest.param(["NJ"], ["NY"], None, (Code.NOT_LICENSED,), id="no-state-license-outside"),
            pytest.param(["NY"], ["NY", "NJ"], "NJ", (Code.NOT_LICENSED,), id="state-overrides-ny"),
            pytest.param(["NJ"], ["NY"], "NJ", (), id="state-outside-practice-licensed"),
            pytest.param(["NY"], ["NY"], "NY", (), id="state-matches"),
            pytest.param(["NY"], ["NY"], "ny", (), id="state-lower-case"),
            pytest.param(["NY"], ["NY"], State.NY, (), id="state-enum"),
            pytest.param(
                ["NY"], ["NY"], "nj", (Code.NOT_LICENSED,), id="state-lower-case-unlicensed"
            ),
            pytest.param(["NY", "NJ"], ["NY"], "NJ", (), id="state-one-of-two-licenses"),
        ],
    )
    def test_license_state(
        self, licenses: list[str], states: list[str], state: str | None, codes: tuple[Code, ...]
    ) -> None:
        """The license is checked in the state of service if given, else in any practice state."""
        verdict = ask(
            provider=make_provider(licenses=[make_license(state=s) for s in licenses]),
            practice=make_practice(states=states),
            state=state,
        )
        assert codes == verdict.codes

    @pytest.mark.parametrize(
        ("state", "codes"),
        [
            pytest.param("NY", (Code.PROFESSION_NOT_ACCEPTED,), id="ny-lcsw-not-accepted"),
            pytest.param("NJ", (), id="nj-psychologist-accepted"),
            pytest.param(None, (), id="any-state-psychologist-accepted"),
        ],
    )
    def test_profession_in_the_state_of_service(
        self, state: str | None, codes: tuple[Code, ...]
    ) -> None:
        """The profession that counts is that of the license held in the state of service."""
        provider = make_provider(
            licenses=[
                make_license(state="NY"),
                make_license(state="NJ", profession=Profession.PSYCHOLOGIST),
            ]
        )
        verdict = ask(
            provider=provider,
            payer=make_payer(professions=["psychologist"]),
            practice=make_practice(states=["NY", "NJ"]),
            state=state,
        )
        assert codes == verdict.codes

    def test_inactive_license_of_accepted_profession_does_not_count(self) -> None:
        """An expired license in an accepted profession leaves profession_not_accepted."""
        provider = make_provider(
            licenses=[
                make_license(),
                make_license(profession=Profession.PSYCHOLOGIST, status=LicenseStatus.EXPIRED),
            ]
        )
        verdict = ask(provider=provider, payer=make_payer(professions=["psychologist"]))
        assert (Code.PROFESSION_NOT_ACCEPTED,) == verdict.codes

    def test_message_names_the_state(self) -> None:
        """The not_licensed message names the state of service."""
        verdict = ask(state="NJ")
        assert "NJ" in verdict.reasons[0].message


# --- which credential speaks ----------------------------------------------------------------


class TestMostRecentCredential:
    @pytest.mark.parametrize(
        ("credentials", "code"),
        [
            pytest.param(
                [
                    make_credential(effective=Period("2021-01-01", "2025-12-31")),
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2026-10-01"
                    ),
                ],
                Code.CREDENTIALING_PENDING,
                id="expired-then-pending-recredential",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2026-10-01"
                    ),
                    make_credential(effective=Period("2021-01-01", "2025-12-31")),
                ],
                Code.CREDENTIALING_PENDING,
                id="pending-listed-first-still-latest",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2025-01-01"
                    ),
                    make_credential(
                        status=CredentialStatus.DENIED, effective=None, submitted="2025-06-01"
                    ),
                ],
                Code.CREDENTIALING_DENIED,
                id="pending-then-denied",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.DENIED, effective=None, submitted="2025-06-01"
                    ),
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2025-01-01"
                    ),
                ],
                Code.CREDENTIALING_DENIED,
                id="denied-latest-listed-first",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.DENIED, effective=None, submitted="2024-01-01"
                    ),
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2026-09-01"
                    ),
                ],
                Code.CREDENTIALING_PENDING,
                id="denied-then-reapplied",
            ),
            pytest.param(
                [
                    make_credential(effective=Period("2021-01-01", "2025-12-31")),
                    make_credential(
                        status=CredentialStatus.WITHDRAWN, effective=None, submitted="2026-06-01"
                    ),
                ],
                Code.NOT_CREDENTIALED,
                id="expired-then-withdrawn",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.DENIED, effective=None, submitted="2023-01-01"
                    ),
                    make_credential(effective=Period("2024-01-01", "2025-12-31")),
                ],
                Code.CREDENTIAL_NOT_IN_EFFECT,
                id="denied-then-approved-expired",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2024-06-01"
                    ),
                    make_credential(
                        effective=Period("2025-01-01", "2025-12-31"), submitted="2024-01-01"
                    ),
                ],
                Code.CREDENTIAL_NOT_IN_EFFECT,
                id="effective-start-beats-an-earlier-submission",
            ),
            pytest.param(
                [
                    make_credential(
                        status=CredentialStatus.TERMINATED,
                        effective=Period("2024-01-01", "2025-12-31"),
                        submitted="2023-06-01",
                    ),
                    make_credential(
                        status=CredentialStatus.PENDING, effective=None, submitted="2023-09-01"
                    ),
                ],
                Code.CREDENTIAL_NOT_IN_EFFECT,
                id="effective-start-used-before-submitted",
            ),
            pytest.param(
                [
                    make_credential(effective=Period("2021-01-01", "2025-12-31")),
                    make_credential(effective=Period("2027-01-01")),
                ],
                Code.CREDENTIAL_NOT_IN_EFFECT,
                id="expired-and-future-approved",
            ),
        ],
    )
    def test_latest_credential_decides_the_code(
        self, credentials: list[Credential], code: Code
    ) -> None:
        """With no credential in effect, the one that started (or was submitted) last speaks."""
        assert (code,) == ask(credentials=credentials).codes

    def test_one_in_effect_is_enough(self) -> None:
        """An approved credential in effect allows the claim whatever else is on file."""
        credentials = [
            make_credential(status=CredentialStatus.DENIED, effective=None, submitted="2026-06-01"),
            make_credential(),
            make_credential(
                status=CredentialStatus.PENDING, effective=None, submitted="2026-10-01"
            ),
        ]
        verdict = ask(credentials=credentials)
        assert (True, ()) == (bool(verdict), verdict.codes)

    def test_a_later_application_does_not_explain_an_earlier_date(self) -> None:
        """A refusal before an application was submitted says nothing was on file, not "pending"."""
        pending = make_credential(
            status=CredentialStatus.PENDING, effective=None, submitted="2027-01-15"
        )
        (found,) = ask(credentials=[pending]).reasons
        assert (
            Code.NOT_CREDENTIALED,
            "Ana Ruiz, LCSW with Aetna: no credentialing was on file by that date; it came later",
        ) == (found.code, found.message)
        assert "pending" not in found.message

    @pytest.mark.parametrize(
        ("submitted", "code"),
        [
            pytest.param(str(ON - DAY), Code.CREDENTIALING_PENDING, id="submitted-day-before"),
            pytest.param(str(ON), Code.CREDENTIALING_PENDING, id="submitted-on-the-date"),
            pytest.param(str(ON + DAY), Code.NOT_CREDENTIALED, id="submitted-day-after"),
        ],
    )
    def test_an_application_speaks_from_the_day_it_was_submitted(
        self, submitted: str, code: Code
    ) -> None:
        """A pending application explains refusals from the day it was submitted, not before."""
        pending = make_credential(
            status=CredentialStatus.PENDING, effective=None, submitted=submitted
        )
        assert (code,) == ask(credentials=[pending]).codes

    def test_the_credential_on_file_by_the_date_speaks(self) -> None:
        """An earlier denial explains a date before the later application, which explains the dates after."""
        credentials = [
            make_credential(status=CredentialStatus.DENIED, effective=None, submitted="2025-01-01"),
            make_credential(
                status=CredentialStatus.PENDING, effective=None, submitted="2027-01-15"
            ),
        ]
        assert [(Code.CREDENTIALING_DENIED,), (Code.CREDENTIALING_PENDING,)] == [
            ask(on=on, credentials=credentials).codes for on in (ON, date(2027, 1, 15))
        ]

    def test_an_ended_credential_speaks_before_a_later_renewal(self) -> None:
        """A terminated credential, not the application made after the date, explains it."""
        credentials = [
            make_credential(status=CredentialStatus.TERMINATED, effective=ENDED),
            make_credential(
                status=CredentialStatus.PENDING, effective=None, submitted="2027-01-15"
            ),
        ]
        assert (Code.CREDENTIAL_NOT_IN_EFFECT,) == ask(credentials=credentials).codes

    def test_a_credential_without_dates_was_always_on_file(self) -> None:
        """A credential that gives no date of its own may have been there all along: it speaks."""
        denied = make_credential(status=CredentialStatus.DENIED, effective=None, submitted=None)
        verdict = ask(on="2000-01-01", credentials=[denied])
        # Long before everything else: the contract, signed in 2019, was not on file yet.
        assert (
            Code.NOT_ON_ROSTER,
            Code.NOT_LICENSED,
            Code.CREDENTIALING_DENIED,
            Code.NOT_CONTRACTED,
        ) == verdict.codes

    def test_other_payers_credentials_do_not_speak(self) -> None:
        """A later credential with another payer does not decide this payer's code."""
        credentials = [
            make_credential(status=CredentialStatus.DENIED, effective=None, submitted="2025-01-01"),
            make_credential(
                status=CredentialStatus.PENDING,
                effective=None,
                submitted="2026-01-01",
                payer="cigna",
            ),
        ]
        assert (Code.CREDENTIALING_DENIED,) == ask(credentials=credentials).codes


# --- which contract ---------------------------------------------------------------------------


class TestAuthorizingContract:
    @pytest.mark.parametrize(
        "group_first", [True, False], ids=["group-listed-first", "group-listed-last"]
    )
    def test_group_contract_wins(self, group_first: bool) -> None:
        """When both authorize, the group contract is the one billed, wherever it is listed."""
        contracts = [make_group(), make_individual()]
        verdict = ask(contracts=contracts if group_first else contracts[::-1])
        assert GROUP_ID == (verdict.contract and verdict.contract.id)

    def test_group_contract_wins_even_if_started_later(self) -> None:
        """The group contract wins over an individual contract that started earlier."""
        contracts = [
            make_individual(effective=Period("2020-01-01")),
            make_group(effective=Period("2025-01-01")),
        ]
        verdict = ask(contracts=contracts)
        assert GROUP_ID == (verdict.contract and verdict.contract.id)

    @pytest.mark.parametrize(
        "earliest_first", [True, False], ids=["earliest-listed-first", "earliest-listed-last"]
    )
    def test_earliest_start_wins_between_individual_contracts(self, earliest_first: bool) -> None:
        """Between two authorizing individual contracts, the one whose term started first wins."""
        contracts = [
            make_individual(id="aetna-ana-2021", effective=Period("2021-01-01")),
            make_individual(id="aetna-ana-2023", effective=Period("2023-01-01")),
        ]
        verdict = ask(contracts=contracts if earliest_first else contracts[::-1])
        assert "aetna-ana-2021" == (verdict.contract and verdict.contract.id)

    @pytest.mark.parametrize(
        "earliest_first", [True, False], ids=["earliest-listed-first", "earliest-listed-last"]
    )
    def test_earliest_start_wins_between_group_contracts(self, earliest_first: bool) -> None:
        """Between two authorizing group contracts, the one whose term started first wins."""
        contracts = [
            make_group(id="aetna-harbor-2021", effective=Period("2021-01-01")),
            make_group(id="aetna-harbor-2023", effective=Period("2023-01-01")),
        ]
        verdict = ask(contracts=contracts if earliest_first else contracts[::-1])
        assert "aetna-harbor-2021" == (verdict.contract and verdict.contract.id)

    @pytest.mark.parametrize(
        ("ids", "winner"),
        [
            pytest.param(("aetna-ana-a", "aetna-ana-b"), "aetna-ana-a", id="a-listed-first"),
            pytest.param(("aetna-ana-b", "aetna-ana-a"), "aetna-ana-b", id="b-listed-first"),
        ],
    )
    def test_input_order_breaks_a_tie(self, ids: tuple[str, str], winner: str) -> None:
        """Two authorizing contracts of the same kind and start: the first listed wins."""
        verdict = ask(contracts=[make_individual(id=contract_id) for contract_id in ids])
        assert winner == (verdict.contract and verdict.contract.id)

    def test_group_not_covering_the_service_gives_way(self) -> None:
        """A group contract that does not cover the service does not authorize; the individual does."""
        contracts = [make_group(services=["90834"]), make_individual()]
        verdict = ask(contracts=contracts, service="90837")
        assert (True, INDIVIDUAL_ID, Decimal("140.00")) == (
            bool(verdict),
            verdict.contract and verdict.contract.id,
            verdict.rate,
        )

    def test_group_without_membership_gives_way(self) -> None:
        """A group contract without the provider does not authorize; her individual contract does."""
        verdict = ask(contracts=[make_group(members=[]), make_individual()])
        assert (True, INDIVIDUAL_ID) == (bool(verdict), verdict.contract and verdict.contract.id)

    def test_unrelated_contracts_are_ignored(self) -> None:
        """Another payer's or another practice's contracts do not authorize, even listed first."""
        contracts = [
            make_group(id="cigna-harbor", payer="cigna"),
            make_group(id="aetna-former", practice=FORMER_EIN),
            make_individual(),
        ]
        verdict = ask(contracts=contracts)
        assert (True, INDIVIDUAL_ID) == (bool(verdict), verdict.contract and verdict.contract.id)


def group_not_member() -> Contract:
    return make_group(members=[])


def individual_not_linked() -> Contract:
    return make_individual(pay_to=[former_entry()])


class TestClosestCandidate:
    @pytest.mark.parametrize(
        ("contracts", "service", "codes"),
        [
            pytest.param(
                lambda: [make_group(services=["90834"]), individual_not_linked()],
                "90837",
                (Code.SERVICE_NOT_COVERED,),
                id="group-covering-beats-individual-not-linked",
            ),
            pytest.param(
                lambda: [group_not_member(), make_individual(services=["90834"])],
                "90837",
                (Code.SERVICE_NOT_COVERED,),
                id="individual-covering-beats-group-not-member",
            ),
            pytest.param(
                lambda: [
                    make_individual(effective=Period("2020-01-01", "2025-12-31")),
                    group_not_member(),
                ],
                None,
                (Code.NOT_ON_GROUP_CONTRACT,),
                id="not-member-beats-out-of-term",
            ),
            pytest.param(
                lambda: [
                    make_group(effective=Period("2020-01-01", "2025-12-31")),
                    individual_not_linked(),
                ],
                None,
                (Code.NOT_LINKED_TO_PRACTICE,),
                id="not-linked-beats-group-out-of-term",
            ),
            pytest.param(
                lambda: [
                    make_group(status=ContractStatus.PENDING, effective=None),
                    make_individual(effective=Period("2020-01-01", "2025-12-31")),
                ],
                None,
                (Code.CONTRACT_NOT_IN_EFFECT,),
                id="out-of-term-beats-pending-group",
            ),
            pytest.param(
                lambda: [
                    make_individual(status=ContractStatus.PENDING, effective=None),
                    make_group(effective=Period("2020-01-01", "2025-12-31")),
                ],
                None,
                (Code.CONTRACT_NOT_IN_EFFECT,),
                id="group-out-of-term-beats-pending-individual",
            ),
            pytest.param(
                lambda: [
                    make_group(status=ContractStatus.TERMINATED, effective=ENDED),
                    make_individual(pay_to=[]),
                ],
                None,
                (Code.NOT_LINKED_TO_PRACTICE,),
                id="not-linked-beats-terminated-group",
            ),
            pytest.param(
                lambda: [individual_not_linked(), group_not_member()],
                None,
                (Code.NOT_ON_GROUP_CONTRACT,),
                id="tie-in-effect-prefers-group",
            ),
            pytest.param(
                lambda: [group_not_member(), individual_not_linked()],
                None,
                (Code.NOT_ON_GROUP_CONTRACT,),
                id="tie-in-effect-prefers-group-listed-first",
            ),
            pytest.param(
                lambda: [
                    make_individual(status=ContractStatus.TERMINATED, effective=ENDED),
                    make_group(status=ContractStatus.PENDING, effective=None),
                ],
                None,
                (Code.CONTRACT_NOT_IN_EFFECT,),
                id="terminated-individual-beats-pending-group",
            ),
            pytest.param(
                lambda: [
                    make_individual(status=ContractStatus.PENDING, effective=None),
                    make_group(status=ContractStatus.TERMINATED, effective=ENDED),
                ],
                None,
                (Code.CONTRACT_NOT_IN_EFFECT,),
                id="terminated-group-beats-pending-individual",
            ),
            pytest.param(
                lambda: [individual_not_linked(), make_group(pay_to=[])],
                None,
                (Code.NEEDS_GROUP_NPI,),
                id="tie-needs-group-npi-prefers-group",
            ),
        ],
    )
    def test_reasons_describe_the_closest(
        self, contracts: Callable[[], list[Contract]], service: str | None, codes: tuple[Code, ...]
    ) -> None:
        """With no contract authorizing, the reasons are those of the one that got furthest."""
        practice = make_practice(npi=None)
        verdict = ask(practice=practice, contracts=contracts(), service=service)
        assert codes == verdict.codes

    @pytest.mark.parametrize(
        "group_first", [True, False], ids=["group-listed-first", "group-listed-last"]
    )
    def test_tie_between_covering_contracts_names_the_group(self, group_first: bool) -> None:
        """Both in effect but neither covers the service: the reason is about the group contract."""
        contracts = [make_group(services=["90834"]), make_individual(services=["90834"])]
        verdict = ask(contracts=contracts if group_first else contracts[::-1], service="90837")
        assert (Code.SERVICE_NOT_COVERED,) == verdict.codes
        assert (True, False) == (
            GROUP_ID in verdict.reasons[0].message,
            INDIVIDUAL_ID in verdict.reasons[0].message,
        )

    @pytest.mark.parametrize(
        "group_first", [True, False], ids=["group-listed-first", "group-listed-last"]
    )
    def test_tie_out_of_term_names_the_group(self, group_first: bool) -> None:
        """Both executed and out of term: the reason is about the group contract."""
        ended = Period("2020-01-01", "2025-12-31")
        contracts = [make_group(effective=ended), make_individual(effective=ended)]
        verdict = ask(contracts=contracts if group_first else contracts[::-1])
        assert (Code.CONTRACT_NOT_IN_EFFECT,) == verdict.codes
        assert (True, False) == (
            GROUP_ID in verdict.reasons[0].message,
            INDIVIDUAL_ID in verdict.reasons[0].message,
        )

    def test_a_contract_signed_later_does_not_explain_an_earlier_date(self) -> None:
        """A refusal before the only contract was signed or began says none was on file then."""
        later = attrs.evolve(make_group(effective=Period("2027-01-01")), signed="2026-12-15")
        (found,) = ask(contracts=[later]).reasons
        assert (
            Code.NOT_CONTRACTED,
            "no contract with Aetna for Ana Ruiz, LCSW at Harbor Therapy was on file by that "
            "date; it came later",
        ) == (found.code, found.message)

    @pytest.mark.parametrize(
        ("signed", "code"),
        [
            pytest.param(ON - DAY, Code.CONTRACT_NOT_IN_EFFECT, id="signed-day-before"),
            pytest.param(ON, Code.CONTRACT_NOT_IN_EFFECT, id="signed-on-the-date"),
            pytest.param(ON + DAY, Code.NOT_CONTRACTED, id="signed-day-after"),
        ],
    )
    def test_a_contract_speaks_from_the_day_it_was_signed(self, signed: date, code: Code) -> None:
        """A contract not yet in effect explains refusals from the day it was signed."""
        later = attrs.evolve(make_group(effective=Period("2027-01-01")), signed=signed)
        assert (code,) == ask(contracts=[later]).codes

    def test_an_ended_contract_speaks_before_its_successor(self) -> None:
        """Between a terminated contract's end and a successor signed later, the terminated one speaks."""
        ended = make_individual(status=ContractStatus.TERMINATED, effective=ENDED)
        later = attrs.evolve(make_group(effective=Period("2027-01-01")), signed="2026-12-15")
        (found,) = ask(contracts=[ended, later]).reasons
        assert (Code.CONTRACT_NOT_IN_EFFECT, True) == (found.code, INDIVIDUAL_ID in found.message)

    def test_a_contract_in_reach_speaks_whenever_signed(self) -> None:
        """A contract whose retro window reaches the date speaks for it, though signed later."""
        late = attrs.evolve(
            make_group(effective=Period(ON + 10 * DAY), services=["90834"]), signed=ON + 20 * DAY
        )
        verdict = ask(payer=make_payer(retro_days=30), contracts=[late], service="90837")
        assert (Code.SERVICE_NOT_COVERED,) == verdict.codes


# --- what goes on the claim -------------------------------------------------------------------


class TestBillingIdentity:
    def test_group_pay_to_entry_in_effect(self) -> None:
        """Under a group contract the pay-to entry in effect bills; the clinician renders."""
        verdict = ask()
        expected = BillingIdentity(billing_npi=PAY_TO_NPI, tax_id=HARBOR_EIN, rendering_npi=ANA_NPI)
        assert expected == verdict.billing

    def test_group_pay_to_entry_among_several(self) -> None:
        """Of the group's pay-to entries, the one in effect on the date bills."""
        contract = make_group(
            pay_to=[
                harbor_entry(Period("2020-01-01", "2025-12-31"), npi=HARBOR_NPI),
                harbor_entry(Period("2026-01-01"), npi=PAY_TO_NPI),
            ]
        )
        verdict = ask(contracts=[contract])
        assert (NPI(PAY_TO_NPI), EIN(HARBOR_EIN)) == (
            verdict.billing and verdict.billing.billing_npi,
            verdict.billing and verdict.billing.tax_id,
        )

    @pytest.mark.parametrize(
        "pay_to",
        [
            pytest.param([], id="no-pay-to"),
            pytest.param(
                [harbor_entry(Period("2020-01-01", "2025-12-31"), npi=PAY_TO_NPI)],
                id="pay-to-ended",
            ),
            pytest.param(
                [harbor_entry(Period("2027-01-01"), npi=PAY_TO_NPI)], id="pay-to-not-started"
            ),
        ],
    )
    def test_group_falls_back_to_practice_npi_and_tin(self, pay_to: list[PayTo]) -> None:
        """A group contract with no pay-to entry in effect bills the practice's NPI and tax id."""
        verdict = ask(contracts=[make_group(pay_to=pay_to)])
        expected = BillingIdentity(billing_npi=HARBOR_NPI, tax_id=HARBOR_EIN, rendering_npi=ANA_NPI)
        assert (True, expected) == (bool(verdict), verdict.billing)

    def test_individual_uses_the_entry_for_this_practice(self) -> None:
        """An individual contract bills the pay-to entry for the practice's tax id, not another's."""
        contract = make_individual(
            pay_to=[
                PayTo(tin=FORMER_EIN, npi=FORMER_NPI, effective=BROAD),
                harbor_entry(npi=HARBOR_NPI),
            ]
        )
        verdict = ask(contracts=[contract])
        expected = BillingIdentity(billing_npi=HARBOR_NPI, tax_id=HARBOR_EIN, rendering_npi=ANA_NPI)
        assert expected == verdict.billing

    def test_individual_ports_to_the_new_practice(self) -> None:
        """The same individual contract bills through whichever practice the claim comes from."""
        contract = make_individual(
            pay_to=[PayTo(tin=FORMER_EIN, npi=FORMER_NPI, effective=BROAD), harbor_entry()]
        )
        former = make_practice(name="Former Practice", tin=FORMER_EIN, npi=FORMER_NPI)
        verdict = ask(practice=former, contracts=[contract])
        expected = BillingIdentity(billing_npi=FORMER_NPI, tax_id=FORMER_EIN, rendering_npi=ANA_NPI)
        assert expected == verdict.billing

    def test_rendering_npi_omitted_when_it_is_the_billing_npi(self) -> None:
        """When the clinician's own NPI bills, the rendering NPI is None."""
        contract = make_individual(pay_to=[harbor_entry(npi=ANA_NPI)])
        verdict = ask(contracts=[contract])
        expected = BillingIdentity(billing_npi=ANA_NPI, tax_id=HARBOR_EIN, rendering_npi=None)
        assert expected == verdict.billing

    def test_ssn_pay_to(self) -> None:
        """A solo practice's individual contract paid to the SSN bills it, with a note, masked."""
        verdict = ask(practice=solo_practice(), contracts=[ssn_contract()])
        expected = BillingIdentity(billing_npi=ANA_NPI, tax_id=SSN_TEXT, rendering_npi=None)
        assert (expected, (Code.PAYS_PROVIDER_SSN,)) == (verdict.billing, note_codes(verdict))
        assert SSN(SSN_TEXT) == (verdict.billing and verdict.billing.tax_id)
        note = verdict.notes[0].message
        assert (True, False, False) == (SSN_MASKED in note, SSN_DIGITS in note, SSN_TEXT in note)

    def test_group_contract_of_an_ssn_practice_notes_the_ssn(self) -> None:
        """A group contract billed under a practice's SSN also gets the pays_provider_ssn note."""
        practice = make_practice(tin=SSN_TEXT, npi=HARBOR_NPI)
        verdict = ask(practice=practice, contracts=[make_group(practice=SSN_TEXT, pay_to=[])])
        assert (True, (Code.PAYS_PROVIDER_SSN,)) == (bool(verdict), note_codes(verdict))

    @pytest.mark.parametrize(
        "contract",
        [
            pytest.param(
                lambda: make_group(practice=SSN_TEXT, pay_to=[], members=[on_roster(BEN_NPI)]),
                id="group-contract",
            ),
            pytest.param(
                lambda: make_individual(
                    provider=BEN_NPI, pay_to=[PayTo(tin=SSN_TEXT, npi=BEN_NPI, effective=BROAD)]
                ),
                id="individual-contract",
            ),
        ],
    )
    def test_ssn_note_does_not_say_an_employee_is_paid(
        self, contract: Callable[[], Contract]
    ) -> None:
        """Ben, working at Ana's practice run under her SSN, is not told he is paid personally."""
        ben = Provider(npi=BEN_NPI, name="Ben Ortiz, LMHC", licenses=[make_license()])
        practice = make_practice(
            name="Ana Ruiz Counseling", tin=SSN_TEXT, roster=[on_roster(BEN_NPI)]
        )
        verdict = ask(
            provider=ben,
            practice=practice,
            credentials=[make_credential(provider=BEN_NPI)],
            contracts=[contract()],
        )
        assert (Code.PAYS_PROVIDER_SSN,) == note_codes(verdict)
        assert False is ("Ben Ortiz" in verdict.notes[0].message)

    @pytest.mark.parametrize(
        ("contracts", "service", "rate"),
        [
            pytest.param(lambda: [make_group()], "90837", Decimal("150.00"), id="group-rate"),
            pytest.param(lambda: [make_group()], "90834", Decimal("110.00"), id="group-other-rate"),
            pytest.param(
                lambda: [make_individual()], "90837", Decimal("140.00"), id="individual-rate"
            ),
            pytest.param(
                lambda: [make_individual(), make_group()],
                "90837",
                Decimal("150.00"),
                id="rate-of-the-winner",
            ),
            pytest.param(lambda: [make_group()], "90791", None, id="covered-no-rate-listed"),
            pytest.param(lambda: [make_group()], None, None, id="no-service"),
            pytest.param(lambda: [make_group(rates={})], "90837", None, id="no-rates-at-all"),
        ],
    )
    def test_rate(
        self, contracts: Callable[[], list[Contract]], service: str | None, rate: Decimal | None
    ) -> None:
        """The rate is the authorizing contract's for the service, or None."""
        verdict = ask(contracts=contracts(), service=service)
        assert (True, rate) == (bool(verdict), verdict.rate)

    def test_refused_verdict_shape(self) -> None:
        """A refused verdict is falsy, has reasons, and no contract, billing or rate."""
        verdict = ask(service="90837", credentials=[])
        assert (False, None, None, None) == (
            bool(verdict),
            verdict.contract,
            verdict.billing,
            verdict.rate,
        )
        assert 0 < len(verdict.reasons)

    def test_allowed_verdict_shape(self) -> None:
        """An allowed verdict is truthy, has no reasons, and names contract, billing and rate."""
        verdict = ask(service="90837")
        assert (True, (), make_group(), Decimal("150.00")) == (
            bool(verdict),
            verdict.reasons,
            verdict.contract,
            verdict.rate,
        )
        assert verdict.billing is not None


# --- friendly input and bad arguments ---------------------------------------------------------


class TestFriendlyInput:
    def test_on_as_iso_string(self) -> None:
        """An ISO date string gives the same answer as the date."""
        assert ask(on=date(2026, 3, 1)) == ask(on="2026-03-01")

    def test_on_as_iso_string_at_a_boundary(self) -> None:
        """A string date is compared as a date: the day before a credential starts is refused."""
        verdict = ask(on="2026-02-28", credentials=[make_credential(effective=BOUNDED)])
        assert (Code.CREDENTIAL_NOT_IN_EFFECT,) == verdict.codes

    def test_service_lower_case_is_normalized(self) -> None:
        """A lower-case service code matches the contract's upper-case one, rate included."""
        contract = make_group(services=["H0031"], rates={"H0031": "95.00"})
        verdict = ask(contracts=[contract], service="h0031")
        assert (True, Decimal("95.00")) == (bool(verdict), verdict.rate)

    def test_no_service_given_skips_the_service_check(self) -> None:
        """Without a service, a contract covering only some services still authorizes."""
        verdict = ask(contracts=[make_group(services=["90834"])])
        assert (True, (), None) == (bool(verdict), verdict.codes, verdict.rate)

    def test_service_lower_case_not_covered(self) -> None:
        """A lower-case service code outside the covered set is still refused."""
        verdict = ask(contracts=[make_group(services=["H0031"])], service="h0032")
        assert (Code.SERVICE_NOT_COVERED,) == verdict.codes

    def test_iterables_of_any_kind(self) -> None:
        """Credentials and contracts may be given as generators or tuples."""
        verdict = can_bill(
            make_provider(),
            make_payer(),
            make_practice(),
            on=ON,
            credentials=(credential for credential in [make_credential()]),
            contracts=(make_group(),),
        )
        assert ask() == verdict

    def test_same_answer_for_same_input(self) -> None:
        """The function is pure: asking twice gives equal verdicts."""
        assert ask(credentials=[]) == ask(credentials=[])


def good_arguments() -> dict[str, Any]:
    return {
        "provider": make_provider(),
        "payer": make_payer(),
        "practice": make_practice(),
        "on": ON,
        "credentials": [make_credential()],
        "contracts": [make_group()],
        "service": None,
        "state": None,
    }


BAD_ARGUMENTS = [
    pytest.param("provider", None, id="provider-none"),
    pytest.param("provider", ANA_NPI, id="provider-npi-string"),
    pytest.param("provider", NPI(ANA_NPI), id="provider-npi"),
    pytest.param("payer", "aetna", id="payer-id-string"),
    pytest.param("payer", None, id="payer-none"),
    pytest.param("payer", make_practice(), id="payer-practice-swapped"),
    pytest.param("practice", HARBOR_EIN, id="practice-tin-string"),
    pytest.param("practice", None, id="practice-none"),
    pytest.param("on", None, id="on-none"),
    pytest.param("on", datetime(2026, 11, 28, 9, 30), id="on-datetime"),
    pytest.param("on", "11/28/2026", id="on-us-format"),
    pytest.param("on", "2026-02-30", id="on-not-a-calendar-date"),
    pytest.param("on", 20261128, id="on-int"),
    pytest.param("credentials", None, id="credentials-none"),
    pytest.param("credentials", "approved", id="credentials-string"),
    pytest.param("credentials", make_credential(), id="credentials-single-not-a-list"),
    pytest.param("credentials", [make_group()], id="credentials-wrong-item"),
    pytest.param("credentials", [None], id="credentials-none-item"),
    pytest.param("contracts", None, id="contracts-none"),
    pytest.param("contracts", make_group(), id="contracts-single-not-a-list"),
    pytest.param("contracts", [make_credential()], id="contracts-wrong-item"),
    pytest.param("contracts", {GROUP_ID: make_group()}, id="contracts-dict"),
    pytest.param("service", 90837, id="service-int"),
    pytest.param("service", b"90837", id="service-bytes"),
    pytest.param("service", "9083", id="service-too-short"),
    pytest.param("service", "", id="service-empty"),
    pytest.param("service", "90837-95", id="service-with-modifier"),
    pytest.param("state", "XX", id="state-unknown"),
    pytest.param("state", "New York", id="state-name"),
    pytest.param("state", 36, id="state-int"),
    pytest.param("state", "", id="state-empty"),
]


class TestBadArguments:
    @pytest.mark.parametrize(("name", "value"), BAD_ARGUMENTS)
    def test_bad_argument_names_the_argument(self, name: str, value: Any) -> None:
        """A bad argument raises a CredkitError whose message starts with the argument's name."""
        arguments = good_arguments()
        arguments[name] = value
        provider, payer, practice = (
            arguments.pop(key) for key in ("provider", "payer", "practice")
        )
        with pytest.raises(CredkitError) as raised:
            can_bill(provider, payer, practice, **arguments)
        assert f"argument.{name}" == str(raised.value).split(":")[0]

    @pytest.mark.parametrize("name", ["service", "state"])
    def test_ssn_given_by_mistake_is_masked_in_the_error(self, name: str) -> None:
        """An SSN passed where a code belongs is masked in the error message."""
        arguments = good_arguments()
        arguments[name] = SSN_TEXT
        provider, payer, practice = (
            arguments.pop(key) for key in ("provider", "payer", "practice")
        )
        with pytest.raises(CredkitError) as raised:
            can_bill(provider, payer, practice, **arguments)
        assert (False, False) == (SSN_DIGITS in str(raised.value), SSN_TEXT in str(raised.value))


# --- SSNs never appear in messages -------------------------------------------------------------


class TestNoSSNInMessages:
    def test_not_linked_message_masks_the_practice_ssn(self) -> None:
        """The not_linked_to_practice message names the practice's tax id masked."""
        verdict = ask(practice=solo_practice(), contracts=[make_individual()])
        assert (Code.NOT_LINKED_TO_PRACTICE,) == verdict.codes
        message = verdict.reasons[0].message
        assert (True, False, False) == (
            SSN_MASKED in message,
            SSN_DIGITS in message,
            SSN_TEXT in message,
        )

    @pytest.mark.parametrize(
        "world",
        [
            pytest.param(
                lambda: {"practice": solo_practice(), "contracts": [ssn_contract()]},
                id="allowed-ssn",
            ),
            pytest.param(
                lambda: {
                    "practice": make_practice(tin=SSN_TEXT, npi=None, roster=[]),
                    "provider": make_provider(licenses=[]),
                    "credentials": [],
                    "contracts": [make_group(practice=SSN_TEXT, pay_to=[])],
                    "service": "90837",
                },
                id="refused-ssn-group",
            ),
            pytest.param(
                lambda: {
                    "practice": solo_practice(),
                    "contracts": [
                        make_individual(
                            pay_to=[
                                PayTo(tin=SSN_TEXT, npi=ANA_NPI, effective=Period("2027-01-01"))
                            ]
                        )
                    ],
                },
                id="refused-ssn-pay-to-not-started",
            ),
        ],
    )
    def test_no_message_or_repr_holds_the_digits(self, world: World) -> None:
        """Neither any reason or note message nor the verdict's repr shows the SSN's digits."""
        verdict = ask(**world())
        shown = [*messages(verdict), repr(verdict), str(verdict)]
        assert [] == [text for text in shown if SSN_DIGITS in text or SSN_TEXT in text]
        assert 0 < len(messages(verdict))
