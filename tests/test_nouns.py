"""Example tables for the nouns: construction, friendly input, immutability and the rules."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from credkit import (
    EIN,
    NPI,
    SSN,
    Affiliation,
    BackgroundCheck,
    Certification,
    Claim,
    Contract,
    ContractStatus,
    Credential,
    CredentialStatus,
    CredkitError,
    Education,
    Employment,
    Group,
    Individual,
    InvalidIdentifier,
    InvalidValue,
    LiabilityPolicy,
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
)

NPI_A = "1234567893"  # a clinician (type 1)
NPI_B = "1558598797"  # a practice (type 2)
EIN_TEXT = "12-3456789"
OTHER_EIN_TEXT = "98-7654321"
SSN_TEXT = "536-22-8147"  # shares no run of digits with the NPIs above
SSN_DIGITS = "536228147"
SSN_MASKED = "***-**-8147"
TERM = Period("2024-01-01")
ENDED = Period("2024-01-01", "2024-01-01")  # a terminated record's one last day is its first

MINIMAL: dict[type, dict[str, Any]] = {
    License: {"state": "NY", "profession": "psychologist", "number": "PSY-001", "effective": TERM},
    Education: {"degree": "MSW", "institution": "Hunter College", "completed": "2015-05-20"},
    Certification: {"name": "EMDR", "issuer": "EMDRIA", "effective": TERM},
    Employment: {"employer": "Eastside Clinic", "effective": TERM},
    LiabilityPolicy: {
        "carrier": "CPH",
        "per_claim": "1000000",
        "aggregate": "3000000",
        "effective": TERM,
    },
    BackgroundCheck: {"completed": "2024-02-01", "passed": True},
    Provider: {"npi": NPI_A, "name": "Ana Ruiz, LCSW"},
    Affiliation: {"provider": NPI_A, "effective": TERM},
    Practice: {"name": "Harbor Therapy", "tin": EIN_TEXT, "states": ["NY"]},
    PayerRules: {},
    Payer: {"id": "cigna", "name": "Cigna"},
    Credential: {"provider": NPI_A, "payer": "cigna", "status": "pending"},
    Individual: {"provider": NPI_A},
    Group: {"practice": EIN_TEXT},
    PayTo: {"tin": EIN_TEXT, "npi": NPI_B, "effective": TERM},
    Contract: {
        "id": "cigna-harbor",
        "payer": "cigna",
        "holder": Group(practice=EIN_TEXT),
        "status": "pending",
    },
    Claim: {"provider": NPI_A, "payer": "cigna", "practice": EIN_TEXT, "on": "2025-03-04"},
}
NOUNS = [pytest.param(cls, id=cls.__name__) for cls in MINIMAL]


def build(cls: type, **changes: Any) -> Any:
    """Build ``cls`` from its minimal keyword arguments, with ``changes`` applied."""
    return cls(**{**MINIMAL[cls], **changes})


def affiliation() -> Affiliation:
    return Affiliation(provider=NPI_A, effective=TERM)


def license_in(state: str) -> License:
    return build(License, state=state)


class TestMinimal:
    @pytest.mark.parametrize("cls", NOUNS)
    def test_minimal_construction(self, cls: type) -> None:
        """The minimal keyword arguments (required fields only) build the noun."""
        obj = build(cls)
        assert cls is type(obj)

    @pytest.mark.parametrize(
        ("cls", "field", "expected"),
        [
            pytest.param(License, "status", LicenseStatus.ACTIVE, id="License.status"),
            *(
                pytest.param(Provider, name, (), id=f"Provider.{name}")
                for name in (
                    "licenses",
                    "education",
                    "certifications",
                    "work_history",
                    "liability",
                    "background_checks",
                )
            ),
            pytest.param(Provider, "caqh_id", None, id="Provider.caqh_id"),
            pytest.param(Provider, "caqh_attested", None, id="Provider.caqh_attested"),
            pytest.param(Practice, "npi", None, id="Practice.npi"),
            pytest.param(Practice, "roster", (), id="Practice.roster"),
            pytest.param(PayerRules, "group_minimum", 1, id="PayerRules.group_minimum"),
            pytest.param(
                PayerRules, "individual_contracts", True, id="PayerRules.individual_contracts"
            ),
            pytest.param(PayerRules, "closed_states", frozenset(), id="PayerRules.closed_states"),
            pytest.param(
                PayerRules, "group_adds_when_closed", True, id="PayerRules.group_adds_when_closed"
            ),
            pytest.param(PayerRules, "professions", None, id="PayerRules.professions"),
            pytest.param(PayerRules, "retro_days", 0, id="PayerRules.retro_days"),
            pytest.param(
                PayerRules, "recredential_months", 36, id="PayerRules.recredential_months"
            ),
            pytest.param(PayerRules, "min_liability", None, id="PayerRules.min_liability"),
            pytest.param(PayerRules, "requires_caqh", False, id="PayerRules.requires_caqh"),
            pytest.param(PayerRules, "source", None, id="PayerRules.source"),
            pytest.param(PayerRules, "as_of", None, id="PayerRules.as_of"),
            pytest.param(Payer, "rules", PayerRules(), id="Payer.rules"),
            pytest.param(Credential, "submitted", None, id="Credential.submitted"),
            pytest.param(Credential, "effective", None, id="Credential.effective"),
            pytest.param(Contract, "signed", None, id="Contract.signed"),
            pytest.param(Contract, "effective", None, id="Contract.effective"),
            pytest.param(Contract, "pay_to", (), id="Contract.pay_to"),
            pytest.param(Contract, "members", (), id="Contract.members"),
            pytest.param(Contract, "services", None, id="Contract.services"),
            pytest.param(Contract, "obligations", (), id="Contract.obligations"),
            pytest.param(Claim, "service", None, id="Claim.service"),
            pytest.param(Claim, "state", None, id="Claim.state"),
        ],
    )
    def test_defaults_are_the_documented_ones(self, cls: type, field: str, expected: Any) -> None:
        """An omitted field takes the default DESIGN.md gives it."""
        actual = getattr(build(cls), field)
        assert (type(expected), expected) == (type(actual), actual)

    def test_contract_default_rates_are_empty_and_read_only(self) -> None:
        """The default rates mapping is empty and cannot be written to."""
        contract = build(Contract)
        assert {} == dict(contract.rates)
        with pytest.raises(TypeError):
            contract.rates["90837"] = Decimal(1)


class TestKeywordOnly:
    @pytest.mark.parametrize("cls", NOUNS)
    def test_positional_arguments_are_refused(self, cls: type) -> None:
        """Nouns take keyword arguments only; a positional call is Python's own TypeError."""
        values = list(MINIMAL[cls].values()) or [1]
        with pytest.raises(TypeError):
            cls(*values)

    @pytest.mark.parametrize("cls", NOUNS)
    def test_the_same_values_by_keyword_are_accepted(self, cls: type) -> None:
        """The values the positional call was refused with are fine by keyword."""
        assert build(cls) == cls(**MINIMAL[cls])


class TestFriendlyInput:
    @pytest.mark.parametrize(
        ("make", "get", "expected"),
        [
            pytest.param(
                lambda: build(License, state="ny"), lambda o: o.state, State.NY, id="state-lower"
            ),
            pytest.param(
                lambda: build(License, state="Ca"), lambda o: o.state, State.CA, id="state-mixed"
            ),
            pytest.param(
                lambda: build(License, profession="clinical_social_worker"),
                lambda o: o.profession,
                Profession.CLINICAL_SOCIAL_WORKER,
                id="profession-string",
            ),
            pytest.param(
                lambda: build(License, status="suspended"),
                lambda o: o.status,
                LicenseStatus.SUSPENDED,
                id="license-status-string",
            ),
            pytest.param(
                lambda: build(Education),
                lambda o: o.completed,
                date(2015, 5, 20),
                id="education-completed-string",
            ),
            pytest.param(
                lambda: build(BackgroundCheck),
                lambda o: o.completed,
                date(2024, 2, 1),
                id="background-completed-string",
            ),
            pytest.param(
                lambda: build(LiabilityPolicy),
                lambda o: o.per_claim,
                Decimal("1000000"),
                id="money-string",
            ),
            pytest.param(
                lambda: build(LiabilityPolicy, aggregate="3000000.50"),
                lambda o: o.aggregate,
                Decimal("3000000.50"),
                id="money-string-cents",
            ),
            pytest.param(
                lambda: build(LiabilityPolicy, per_claim=1000000),
                lambda o: o.per_claim,
                Decimal(1000000),
                id="money-int",
            ),
            pytest.param(
                lambda: build(LiabilityPolicy, per_claim="0"),
                lambda o: o.per_claim,
                Decimal(0),
                id="money-zero",
            ),
            pytest.param(lambda: build(Provider), lambda o: o.npi, NPI(NPI_A), id="npi-string"),
            pytest.param(
                lambda: build(Provider, licenses=[license_in("NY"), license_in("NJ")]),
                lambda o: o.licenses,
                (license_in("NY"), license_in("NJ")),
                id="licenses-list",
            ),
            pytest.param(
                lambda: build(Provider, education=(e for e in [build(Education)])),
                lambda o: o.education,
                (build(Education),),
                id="education-generator",
            ),
            pytest.param(
                lambda: build(Provider, work_history=[build(Employment)]),
                lambda o: o.work_history,
                (build(Employment),),
                id="work-history-list",
            ),
            pytest.param(
                lambda: build(Provider, caqh_id="12345678", caqh_attested="2024-05-01"),
                lambda o: o.caqh_attested,
                date(2024, 5, 1),
                id="caqh-attested-string",
            ),
            pytest.param(
                lambda: build(Affiliation),
                lambda o: o.provider,
                NPI(NPI_A),
                id="affiliation-npi-string",
            ),
            pytest.param(lambda: build(Practice), lambda o: o.tin, EIN(EIN_TEXT), id="tin-ein"),
            pytest.param(
                lambda: build(Practice, tin=SSN_TEXT), lambda o: o.tin, SSN(SSN_TEXT), id="tin-ssn"
            ),
            pytest.param(
                lambda: build(Practice, npi=NPI_B),
                lambda o: o.npi,
                NPI(NPI_B),
                id="practice-npi-string",
            ),
            pytest.param(
                lambda: build(Practice, states=["ny", "CA", "pr"]),
                lambda o: o.states,
                frozenset({State.NY, State.CA, State.PR}),
                id="states-list",
            ),
            pytest.param(
                lambda: build(Practice, roster=[affiliation()]),
                lambda o: o.roster,
                (affiliation(),),
                id="roster-list",
            ),
            pytest.param(
                lambda: build(PayerRules, closed_states=["ny"]),
                lambda o: o.closed_states,
                frozenset({State.NY}),
                id="closed-states-list",
            ),
            pytest.param(
                lambda: build(PayerRules, professions=["psychologist", "psychiatrist"]),
                lambda o: o.professions,
                frozenset({Profession.PSYCHOLOGIST, Profession.PSYCHIATRIST}),
                id="professions-list",
            ),
            pytest.param(
                lambda: build(PayerRules, min_liability=["1000000", 3000000]),
                lambda o: o.min_liability,
                (Decimal("1000000"), Decimal("3000000")),
                id="min-liability-list",
            ),
            pytest.param(
                lambda: build(PayerRules, min_liability=(Decimal("1E+6"), "1000000.00")),
                lambda o: o.min_liability,
                (Decimal("1000000"), Decimal("1000000")),
                id="min-liability-equal-limits",
            ),
            pytest.param(
                lambda: build(PayerRules, as_of="2026-01-15"),
                lambda o: o.as_of,
                date(2026, 1, 15),
                id="as-of-string",
            ),
            pytest.param(
                lambda: build(Credential, status="approved", effective=TERM),
                lambda o: o.status,
                CredentialStatus.APPROVED,
                id="credential-status-string",
            ),
            pytest.param(
                lambda: build(Credential, submitted="2023-11-01"),
                lambda o: o.submitted,
                date(2023, 11, 1),
                id="credential-submitted-string",
            ),
            pytest.param(
                lambda: build(Credential), lambda o: o.provider, NPI(NPI_A), id="credential-npi"
            ),
            pytest.param(
                lambda: build(Individual), lambda o: o.provider, NPI(NPI_A), id="individual-npi"
            ),
            pytest.param(lambda: build(Group), lambda o: o.practice, EIN(EIN_TEXT), id="group-ein"),
            pytest.param(
                lambda: build(Group, practice=SSN_TEXT),
                lambda o: o.practice,
                SSN(SSN_TEXT),
                id="group-ssn",
            ),
            pytest.param(
                lambda: build(PayTo),
                lambda o: (o.tin, o.npi),
                (EIN(EIN_TEXT), NPI(NPI_B)),
                id="pay-to",
            ),
            pytest.param(
                lambda: build(Contract, status="executed", signed="2023-12-15", effective=TERM),
                lambda o: (o.status, o.signed),
                (ContractStatus.EXECUTED, date(2023, 12, 15)),
                id="contract-status-and-signed-strings",
            ),
            pytest.param(
                lambda: build(Contract, rates={"90837": "142.50"}),
                lambda o: o.rates["90837"],
                Decimal("142.50"),
                id="rate-string",
            ),
            pytest.param(
                lambda: build(Contract, rates={"90837": 150}),
                lambda o: o.rates["90837"],
                Decimal(150),
                id="rate-int",
            ),
            pytest.param(
                lambda: build(Contract, rates={"h0031": "80.00", "90791": Decimal("200")}),
                lambda o: dict(o.rates),
                {"H0031": Decimal("80.00"), "90791": Decimal("200")},
                id="rate-codes-upper-cased",
            ),
            pytest.param(
                lambda: build(Contract, services=["90837", "h0031"]),
                lambda o: o.services,
                frozenset({"90837", "H0031"}),
                id="services-list-upper-cased",
            ),
            pytest.param(
                lambda: build(Contract, pay_to=[build(PayTo)]),
                lambda o: o.pay_to,
                (build(PayTo),),
                id="pay-to-list",
            ),
            pytest.param(
                lambda: build(Contract, members=[affiliation()]),
                lambda o: o.members,
                (affiliation(),),
                id="members-list",
            ),
            pytest.param(
                lambda: build(Contract, obligations=["Submit claims within 90 days"]),
                lambda o: o.obligations,
                ("Submit claims within 90 days",),
                id="obligations-list",
            ),
            pytest.param(
                lambda: build(Claim),
                lambda o: (o.provider, o.practice, o.on),
                (NPI(NPI_A), EIN(EIN_TEXT), date(2025, 3, 4)),
                id="claim-strings",
            ),
            pytest.param(
                lambda: build(Claim, service="h0031"),
                lambda o: o.service,
                "H0031",
                id="claim-service-upper-cased",
            ),
            pytest.param(
                lambda: build(Claim, state="ny"), lambda o: o.state, State.NY, id="claim-state"
            ),
            pytest.param(
                lambda: build(Claim, practice=SSN_TEXT),
                lambda o: o.practice,
                SSN(SSN_TEXT),
                id="claim-practice-ssn",
            ),
        ],
    )
    def test_converted(
        self, make: Callable[[], Any], get: Callable[[Any], Any], expected: Any
    ) -> None:
        """Friendly input (strings, lists, ints for money) is stored as credkit's own types."""
        actual = get(make())
        assert expected == actual
        assert type(expected) is type(actual)

    @pytest.mark.parametrize(
        ("cls", "field", "item"),
        [
            pytest.param(Provider, "licenses", license_in("NY"), id="Provider.licenses"),
            pytest.param(Provider, "education", build(Education), id="Provider.education"),
            pytest.param(Practice, "roster", affiliation(), id="Practice.roster"),
            pytest.param(Contract, "members", affiliation(), id="Contract.members"),
            pytest.param(Contract, "pay_to", build(PayTo), id="Contract.pay_to"),
            pytest.param(Contract, "obligations", "Report quarterly", id="Contract.obligations"),
        ],
    )
    def test_list_changed_afterwards_leaves_the_noun_alone(
        self, cls: type, field: str, item: Any
    ) -> None:
        """A list given to a noun is copied: appending to it later changes nothing."""
        given = [item]
        obj = build(cls, **{field: given})
        given.append(item)
        assert (item,) == getattr(obj, field)

    def test_states_list_changed_afterwards_leaves_the_practice_alone(self) -> None:
        """A states list given to a practice is copied: appending to it later changes nothing."""
        given = ["NY"]
        practice = build(Practice, states=given)
        given.append("NJ")
        assert frozenset({State.NY}) == practice.states

    def test_rates_changed_afterwards_leave_the_contract_alone(self) -> None:
        """A rates dict given to a contract is copied: changing it later changes nothing."""
        given = {"90837": "142.50"}
        contract = build(Contract, rates=given)
        given["90837"] = "0"
        given["90791"] = "1"
        assert {"90837": Decimal("142.50")} == dict(contract.rates)

    def test_rates_are_read_only(self) -> None:
        """The rates mapping refuses item assignment."""
        contract = build(Contract, rates={"90837": "142.50"})
        with pytest.raises(TypeError):
            contract.rates["90837"] = Decimal(0)

    def test_states_given_as_a_set_are_accepted(self) -> None:
        """A set of codes is as good as a list."""
        assert frozenset({State.NY, State.NJ}) == build(Practice, states={"NY", "nj"}).states


class TestFrozen:
    @pytest.mark.parametrize(
        ("cls", "field"),
        [
            pytest.param(cls, field.name, id=f"{cls.__name__}.{field.name}")
            for cls in MINIMAL
            for field in attrs.fields(cls)
        ],
    )
    def test_assigning_a_field_is_refused(self, cls: type, field: str) -> None:
        """Every field of every noun is read-only: assignment raises FrozenInstanceError."""
        obj = build(cls)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, field, getattr(obj, field))


class TestHashable:
    @pytest.mark.parametrize("cls", NOUNS)
    def test_built_twice_equal_and_hash_equal(self, cls: type) -> None:
        """The same arguments give equal nouns with equal hashes, one entry in a set."""
        a, b = build(cls), build(cls)
        assert (a, hash(a), 1) == (b, hash(b), len({a, b}))

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            pytest.param(
                build(License, state="ny", profession="psychologist", status="active"),
                build(
                    License,
                    state=State.NY,
                    profession=Profession.PSYCHOLOGIST,
                    status=LicenseStatus.ACTIVE,
                ),
                id="License",
            ),
            pytest.param(
                build(Education, completed="2015-05-20"),
                build(Education, completed=date(2015, 5, 20)),
                id="Education",
            ),
            pytest.param(
                build(LiabilityPolicy, per_claim="1000000.00", aggregate=3000000),
                build(
                    LiabilityPolicy, per_claim=Decimal("1000000"), aggregate=Decimal("3000000.0")
                ),
                id="LiabilityPolicy",
            ),
            pytest.param(
                build(BackgroundCheck, completed="2024-02-01"),
                build(BackgroundCheck, completed=date(2024, 2, 1)),
                id="BackgroundCheck",
            ),
            pytest.param(
                build(Provider, npi=NPI_A, licenses=[license_in("NY")]),
                build(Provider, npi=NPI(NPI_A), licenses=(license_in("NY"),)),
                id="Provider",
            ),
            pytest.param(
                build(Affiliation, provider=NPI_A),
                build(Affiliation, provider=NPI(NPI_A)),
                id="Affiliation",
            ),
            pytest.param(
                build(Practice, tin="12-3456789", states=["ny", "ca"], roster=[affiliation()]),
                build(
                    Practice,
                    tin=EIN("123456789"),
                    states=frozenset({State.CA, State.NY}),
                    roster=(affiliation(),),
                ),
                id="Practice",
            ),
            pytest.param(
                build(PayerRules, closed_states=["ny"], professions=["psychologist"]),
                build(
                    PayerRules,
                    closed_states=frozenset({State.NY}),
                    professions=frozenset({Profession.PSYCHOLOGIST}),
                ),
                id="PayerRules",
            ),
            pytest.param(build(Payer), build(Payer, rules=PayerRules()), id="Payer"),
            pytest.param(
                build(Credential, status="pending", submitted="2023-11-01"),
                build(Credential, status=CredentialStatus.PENDING, submitted=date(2023, 11, 1)),
                id="Credential",
            ),
            pytest.param(
                build(Individual, provider=NPI_A),
                build(Individual, provider=NPI(NPI_A)),
                id="Individual",
            ),
            pytest.param(
                build(Group, practice=SSN_TEXT), build(Group, practice=SSN(SSN_DIGITS)), id="Group"
            ),
            pytest.param(
                build(PayTo, tin=EIN_TEXT, npi=NPI_B),
                build(PayTo, tin=EIN(EIN_TEXT), npi=NPI(NPI_B)),
                id="PayTo",
            ),
            pytest.param(
                build(Contract, rates={"h0031": "150.00"}, services=["h0031", "90837"]),
                build(
                    Contract,
                    rates={"H0031": Decimal("150")},
                    services=frozenset({"90837", "H0031"}),
                ),
                id="Contract",
            ),
            pytest.param(
                build(Claim, on="2025-03-04", service="h0031", state="ny"),
                build(Claim, on=date(2025, 3, 4), service="H0031", state=State.NY),
                id="Claim",
            ),
        ],
    )
    def test_friendly_and_exact_input_are_equal_and_hash_equal(self, a: Any, b: Any) -> None:
        """A noun built from friendly input equals, and hashes as, one built from exact values."""
        assert (a, hash(a)) == (b, hash(b))

    @pytest.mark.parametrize(
        ("cls", "changes"),
        [
            pytest.param(License, {"number": "PSY-002"}, id="License"),
            pytest.param(Education, {"completed": "2016-05-20"}, id="Education"),
            pytest.param(Certification, {"issuer": "Another board"}, id="Certification"),
            pytest.param(Employment, {"employer": "Westside Clinic"}, id="Employment"),
            pytest.param(LiabilityPolicy, {"aggregate": "2000000"}, id="LiabilityPolicy"),
            pytest.param(BackgroundCheck, {"passed": False}, id="BackgroundCheck"),
            pytest.param(Provider, {"npi": NPI_B}, id="Provider"),
            pytest.param(Affiliation, {"effective": Period("2025-01-01")}, id="Affiliation"),
            pytest.param(Practice, {"states": ["NY", "NJ"]}, id="Practice"),
            pytest.param(PayerRules, {"retro_days": 30}, id="PayerRules"),
            pytest.param(Payer, {"id": "aetna"}, id="Payer"),
            pytest.param(Credential, {"status": "denied"}, id="Credential"),
            pytest.param(Individual, {"provider": NPI_B}, id="Individual"),
            pytest.param(Group, {"practice": OTHER_EIN_TEXT}, id="Group"),
            pytest.param(PayTo, {"npi": NPI_A}, id="PayTo"),
            pytest.param(Contract, {"rates": {"90837": "1"}}, id="Contract"),
            pytest.param(Claim, {"service": "90837"}, id="Claim"),
        ],
    )
    def test_a_different_field_makes_an_unequal_noun(
        self, cls: type, changes: dict[str, Any]
    ) -> None:
        """Equality looks at the values: changing one field gives an unequal noun."""
        assert build(cls) != build(cls, **changes)


def rule(  # noqa: PLR0917 - one table row, read positionally
    cls: type, changes: dict[str, Any], error: type, field: str, fragment: str, name: str
) -> Any:
    """One row of the rules table: building ``cls`` with ``changes`` raises ``error``."""
    return pytest.param(cls, changes, error, field, fragment, id=f"{field}-{name}")


NOW = datetime(2024, 5, 1, 9, 30)

RULES = [
    # Text must not be blank.
    rule(License, {"number": ""}, InvalidValue, "License.number", "blank", "empty"),
    rule(License, {"number": "   "}, InvalidValue, "License.number", "blank", "spaces"),
    rule(Education, {"degree": ""}, InvalidValue, "Education.degree", "blank", "empty"),
    rule(Education, {"institution": "\t"}, InvalidValue, "Education.institution", "blank", "tab"),
    rule(Certification, {"name": ""}, InvalidValue, "Certification.name", "blank", "empty"),
    rule(Certification, {"issuer": " "}, InvalidValue, "Certification.issuer", "blank", "space"),
    rule(Employment, {"employer": ""}, InvalidValue, "Employment.employer", "blank", "empty"),
    rule(
        LiabilityPolicy, {"carrier": ""}, InvalidValue, "LiabilityPolicy.carrier", "blank", "empty"
    ),
    rule(Provider, {"name": ""}, InvalidValue, "Provider.name", "blank", "empty"),
    rule(Provider, {"name": " \n "}, InvalidValue, "Provider.name", "blank", "whitespace"),
    rule(Provider, {"name": None}, InvalidValue, "Provider.name", "expected text", "None"),
    rule(Provider, {"name": 42}, InvalidValue, "Provider.name", "expected text", "int"),
    rule(Practice, {"name": ""}, InvalidValue, "Practice.name", "blank", "empty"),
    rule(Payer, {"name": "  "}, InvalidValue, "Payer.name", "blank", "spaces"),
    rule(PayerRules, {"source": " "}, InvalidValue, "PayerRules.source", "blank", "space"),
    rule(Contract, {"id": ""}, InvalidValue, "Contract.id", "blank", "empty"),
    rule(
        Contract,
        {"obligations": ["Submit claims within 90 days", ""]},
        InvalidValue,
        "Contract.obligations",
        "item 1 must be non-blank",
        "blank-item",
    ),
    rule(
        Contract,
        {"obligations": "Submit claims within 90 days"},
        InvalidValue,
        "Contract.obligations",
        "expected a list",
        "string",
    ),
    # Money is a non-negative Decimal; never a float.
    rule(
        LiabilityPolicy,
        {"per_claim": "-1"},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "must not be negative",
        "negative-string",
    ),
    rule(
        LiabilityPolicy,
        {"aggregate": Decimal("-0.01")},
        InvalidValue,
        "LiabilityPolicy.aggregate",
        "must not be negative",
        "negative-decimal",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": -5},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "must not be negative",
        "negative-int",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": 1000000.0},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "float",
        "float",
    ),
    rule(
        LiabilityPolicy,
        {"aggregate": 3e6},
        InvalidValue,
        "LiabilityPolicy.aggregate",
        "float",
        "float",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": True},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "boolean",
        "bool",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": "1,000,000"},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "amount written like",
        "commas",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": "$1000000"},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "amount written like",
        "dollar-sign",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": "1e6"},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "amount written like",
        "exponent",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": Decimal("NaN")},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "finite",
        "nan",
    ),
    rule(
        LiabilityPolicy,
        {"aggregate": Decimal("Infinity")},
        InvalidValue,
        "LiabilityPolicy.aggregate",
        "finite",
        "infinity",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": None},
        InvalidValue,
        "LiabilityPolicy.per_claim",
        "expected an amount of money",
        "None",
    ),
    rule(
        LiabilityPolicy,
        {"per_claim": "3000000.01", "aggregate": "3000000"},
        InvalidValue,
        "LiabilityPolicy.aggregate",
        "below the per-claim limit",
        "below-per-claim",
    ),
    rule(
        Contract,
        {"rates": {"90837": "-1"}},
        InvalidValue,
        "Contract.rates",
        "rate for 90837: an amount of money must not be negative, nor carry a sign (not even -0)",
        "negative",
    ),
    rule(Contract, {"rates": {"90837": 150.0}}, InvalidValue, "Contract.rates", "float", "float"),
    rule(Contract, {"rates": {"90837": True}}, InvalidValue, "Contract.rates", "boolean", "bool"),
    rule(
        Contract,
        {"rates": [("90837", "150")]},
        InvalidValue,
        "Contract.rates",
        "expected a mapping",
        "list-of-pairs",
    ),
    rule(
        Contract,
        {"rates": {"h0031": "80", "H0031": "90"}},
        InvalidValue,
        "Contract.rates",
        "lists service H0031 twice",
        "same-code-two-cases",
    ),
    rule(
        Contract,
        {"rates": {"9083": "150"}},
        InvalidValue,
        "Contract.rates",
        "service code",
        "bad-code",
    ),
    rule(
        Contract,
        {"rates": {90837: "150"}},
        InvalidValue,
        "Contract.rates",
        "service code",
        "int-code",
    ),
    # Whole numbers: bool is not an int here, and the minimums hold.
    rule(
        PayerRules,
        {"group_minimum": 0},
        InvalidValue,
        "PayerRules.group_minimum",
        "must be at least 1",
        "zero",
    ),
    rule(
        PayerRules,
        {"group_minimum": -4},
        InvalidValue,
        "PayerRules.group_minimum",
        "must be at least 1",
        "negative",
    ),
    rule(
        PayerRules,
        {"group_minimum": True},
        InvalidValue,
        "PayerRules.group_minimum",
        "whole number, got a boolean",
        "bool",
    ),
    rule(
        PayerRules,
        {"group_minimum": 4.0},
        InvalidValue,
        "PayerRules.group_minimum",
        "whole number",
        "float",
    ),
    rule(
        PayerRules,
        {"group_minimum": "4"},
        InvalidValue,
        "PayerRules.group_minimum",
        "whole number",
        "string",
    ),
    rule(
        PayerRules,
        {"retro_days": -1},
        InvalidValue,
        "PayerRules.retro_days",
        "must not be negative",
        "minus-one",
    ),
    rule(
        PayerRules,
        {"retro_days": False},
        InvalidValue,
        "PayerRules.retro_days",
        "whole number, got a boolean",
        "bool",
    ),
    rule(
        PayerRules,
        {"retro_days": None},
        InvalidValue,
        "PayerRules.retro_days",
        "whole number",
        "None",
    ),
    rule(
        PayerRules,
        {"recredential_months": 0},
        InvalidValue,
        "PayerRules.recredential_months",
        "must be at least 1",
        "zero",
    ),
    rule(
        PayerRules,
        {"recredential_months": True},
        InvalidValue,
        "PayerRules.recredential_months",
        "whole number, got a boolean",
        "bool",
    ),
    # The minimum liability cover: two amounts, per claim then aggregate, never floats.
    rule(
        PayerRules,
        {"min_liability": "1000000"},
        InvalidValue,
        "PayerRules.min_liability",
        "expected [per claim, aggregate], two amounts of money, got a string",
        "string",
    ),
    rule(
        PayerRules,
        {"min_liability": ["1000000"]},
        InvalidValue,
        "PayerRules.min_liability",
        "got 1 item",
        "one-amount",
    ),
    rule(
        PayerRules,
        {"min_liability": ["1", "2", "3"]},
        InvalidValue,
        "PayerRules.min_liability",
        "got 3 items",
        "three-amounts",
    ),
    rule(
        PayerRules,
        {"min_liability": {"1000000", "3000000"}},
        InvalidValue,
        "PayerRules.min_liability",
        "got set",
        "unordered-set",
    ),
    rule(
        PayerRules,
        {"min_liability": [1000000.0, "3000000"]},
        InvalidValue,
        "PayerRules.min_liability",
        "per claim: a float is not money",
        "float-per-claim",
    ),
    rule(
        PayerRules,
        {"min_liability": ["1000000", "-1"]},
        InvalidValue,
        "PayerRules.min_liability",
        "aggregate: an amount of money must not be negative, nor carry a sign (not even -0)",
        "negative-aggregate",
    ),
    rule(
        PayerRules,
        {"min_liability": ["3000000", "1000000"]},
        InvalidValue,
        "PayerRules.min_liability",
        "the aggregate minimum 1000000 is below the per-claim minimum 3000000",
        "aggregate-below-per-claim",
    ),
    # Booleans are only True or False.
    rule(
        PayerRules,
        {"requires_caqh": 1},
        InvalidValue,
        "PayerRules.requires_caqh",
        "true or false",
        "int",
    ),
    rule(
        PayerRules,
        {"individual_contracts": 1},
        InvalidValue,
        "PayerRules.individual_contracts",
        "true or false",
        "int",
    ),
    rule(
        PayerRules,
        {"group_adds_when_closed": "yes"},
        InvalidValue,
        "PayerRules.group_adds_when_closed",
        "true or false",
        "string",
    ),
    rule(
        PayerRules,
        {"group_adds_when_closed": None},
        InvalidValue,
        "PayerRules.group_adds_when_closed",
        "true or false",
        "None",
    ),
    rule(
        BackgroundCheck,
        {"passed": 1},
        InvalidValue,
        "BackgroundCheck.passed",
        "true or false",
        "int",
    ),
    rule(
        BackgroundCheck,
        {"passed": "true"},
        InvalidValue,
        "BackgroundCheck.passed",
        "true or false",
        "string",
    ),
    # Sets: not empty where that means nothing, no value listed twice.
    rule(
        PayerRules,
        {"professions": []},
        InvalidValue,
        "PayerRules.professions",
        "use None to accept any profession",
        "empty-list",
    ),
    rule(
        PayerRules,
        {"professions": frozenset()},
        InvalidValue,
        "PayerRules.professions",
        "use None to accept any profession",
        "empty-frozenset",
    ),
    rule(
        Contract,
        {"services": []},
        InvalidValue,
        "Contract.services",
        "use None to cover every service",
        "empty-list",
    ),
    rule(
        PayerRules,
        {"professions": ["psychologist", Profession.PSYCHOLOGIST]},
        InvalidValue,
        "PayerRules.professions",
        "lists the same value twice: psychologist",
        "duplicate",
    ),
    rule(
        PayerRules,
        {"professions": ["therapist"]},
        InvalidValue,
        "PayerRules.professions",
        "not a Profession",
        "unknown",
    ),
    rule(
        PayerRules,
        {"professions": "psychologist"},
        InvalidValue,
        "PayerRules.professions",
        "expected a list",
        "string",
    ),
    rule(
        PayerRules,
        {"closed_states": ["NY", "ny"]},
        InvalidValue,
        "PayerRules.closed_states",
        "lists the same value twice: NY",
        "duplicate",
    ),
    rule(
        PayerRules,
        {"closed_states": ["XX"]},
        InvalidIdentifier,
        "PayerRules.closed_states",
        "not a USPS state",
        "unknown",
    ),
    rule(
        Practice,
        {"states": []},
        InvalidValue,
        "Practice.states",
        "at least one state",
        "empty-list",
    ),
    rule(
        Practice,
        {"states": frozenset()},
        InvalidValue,
        "Practice.states",
        "at least one state",
        "empty-frozenset",
    ),
    rule(
        Practice,
        {"states": ["NY", "CA", "ny"]},
        InvalidValue,
        "Practice.states",
        "lists the same value twice: NY",
        "duplicate",
    ),
    rule(Practice, {"states": "NY"}, InvalidValue, "Practice.states", "expected a list", "string"),
    rule(
        Practice,
        {"states": ["New York"]},
        InvalidIdentifier,
        "Practice.states",
        "not a USPS state",
        "full-name",
    ),
    rule(
        Contract,
        {"services": ["90837", "90837"]},
        InvalidValue,
        "Contract.services",
        "lists the same value twice: 90837",
        "duplicate",
    ),
    rule(
        Contract,
        {"services": ["h0031", "H0031"]},
        InvalidValue,
        "Contract.services",
        "lists the same value twice: H0031",
        "duplicate-two-cases",
    ),
    rule(
        Contract,
        {"services": ["90837", "bad"]},
        InvalidValue,
        "Contract.services",
        "service code",
        "bad-code",
    ),
    rule(
        Contract,
        {"services": "90837"},
        InvalidValue,
        "Contract.services",
        "expected a list",
        "string",
    ),
    # Rules across fields.
    rule(
        Credential,
        {"status": "approved"},
        InvalidValue,
        "Credential.effective",
        "an approved credential needs an effective period",
        "approved-without-effective",
    ),
    rule(
        Contract,
        {"status": "executed", "effective": TERM},
        InvalidValue,
        "Contract.signed",
        "an executed contract needs the date it was signed",
        "executed-without-signed",
    ),
    rule(
        Contract,
        {"status": "executed", "signed": "2023-12-15"},
        InvalidValue,
        "Contract.effective",
        "an executed contract needs an effective period",
        "executed-without-effective",
    ),
    rule(
        Credential,
        {"status": "terminated"},
        InvalidValue,
        "Credential.effective",
        "a terminated credential needs an effective period with an end",
        "terminated-without-effective",
    ),
    rule(
        Credential,
        {"status": "terminated", "effective": TERM},
        InvalidValue,
        "Credential.effective",
        "add effective.end, the last day it held",
        "terminated-without-end",
    ),
    rule(
        Contract,
        {"status": "terminated", "effective": Period("2024-01-01", "2024-12-31")},
        InvalidValue,
        "Contract.signed",
        "a terminated contract needs the date it was signed",
        "terminated-without-signed",
    ),
    rule(
        Contract,
        {"status": "terminated", "signed": "2023-12-15"},
        InvalidValue,
        "Contract.effective",
        "a terminated contract needs an effective period with an end",
        "terminated-without-effective",
    ),
    rule(
        Contract,
        {"status": "terminated", "signed": "2023-12-15", "effective": TERM},
        InvalidValue,
        "Contract.effective",
        "add effective.end, the last day it covered",
        "terminated-without-end",
    ),
    rule(
        Contract,
        {
            "holder": Individual(provider=NPI_A),
            "members": [Affiliation(provider=NPI_A, effective=TERM)],
        },
        InvalidValue,
        "Contract.members",
        "an individual contract has no members",
        "individual-with-members",
    ),
    rule(
        Contract,
        {"pay_to": [PayTo(tin=OTHER_EIN_TEXT, npi=NPI_B, effective=TERM)]},
        InvalidValue,
        "Contract.pay_to",
        "a group contract pays the practice that holds it (12-3456789), not 98-7654321",
        "group-paying-another-ein",
    ),
    rule(
        Contract,
        {"pay_to": [PayTo(tin=SSN_TEXT, npi=NPI_A, effective=TERM)]},
        InvalidValue,
        "Contract.pay_to",
        f"not {SSN_MASKED}",
        "group-paying-an-ssn",
    ),
    rule(
        Provider,
        {"caqh_attested": "2024-05-01"},
        InvalidValue,
        "Provider.caqh_attested",
        "needs the CAQH ProView id",
        "attested-without-id",
    ),
    rule(
        Provider,
        {"caqh_id": "ABC123"},
        InvalidValue,
        "Provider.caqh_id",
        "CAQH ProView id is a string of up to 12 digits",
        "letters",
    ),
    rule(Provider, {"caqh_id": ""}, InvalidValue, "Provider.caqh_id", "CAQH", "empty"),
    rule(
        Provider,
        {"caqh_id": "1234567890123"},
        InvalidValue,
        "Provider.caqh_id",
        "CAQH",
        "13-digits",
    ),
    rule(Provider, {"caqh_id": 12345678}, InvalidValue, "Provider.caqh_id", "CAQH", "int"),
    rule(Provider, {"caqh_id": " 12345678"}, InvalidValue, "Provider.caqh_id", "CAQH", "space"),
    rule(
        Provider,
        {"caqh_id": "\uff11\uff12\uff13"},
        InvalidValue,
        "Provider.caqh_id",
        "CAQH",
        "fullwidth-digits",
    ),
    # Payer ids.
    rule(Payer, {"id": "Blue Cross"}, InvalidValue, "Payer.id", "payer id", "space"),
    rule(Payer, {"id": ""}, InvalidValue, "Payer.id", "payer id", "empty"),
    rule(Payer, {"id": "-cigna"}, InvalidValue, "Payer.id", "payer id", "leading-hyphen"),
    rule(Payer, {"id": "cigna!"}, InvalidValue, "Payer.id", "payer id", "punctuation"),
    rule(Payer, {"id": "cigna\n"}, InvalidValue, "Payer.id", "payer id", "newline"),
    rule(Payer, {"id": None}, InvalidValue, "Payer.id", "payer id", "None"),
    rule(
        Credential, {"payer": "Blue Cross"}, InvalidValue, "Credential.payer", "payer id", "space"
    ),
    rule(
        Contract, {"payer": " cigna"}, InvalidValue, "Contract.payer", "payer id", "leading-space"
    ),
    rule(Claim, {"payer": "blue cross"}, InvalidValue, "Claim.payer", "payer id", "space"),
    # Service codes.
    rule(Claim, {"service": "9083"}, InvalidValue, "Claim.service", "service code", "4-chars"),
    rule(Claim, {"service": "908377"}, InvalidValue, "Claim.service", "service code", "6-chars"),
    rule(Claim, {"service": "90 37"}, InvalidValue, "Claim.service", "service code", "space"),
    rule(Claim, {"service": "90837 "}, InvalidValue, "Claim.service", "service code", "trailing"),
    rule(Claim, {"service": ""}, InvalidValue, "Claim.service", "service code", "empty"),
    rule(Claim, {"service": 90837}, InvalidValue, "Claim.service", "service code", "int"),
    rule(
        Claim,
        {"service": "\uff19\uff10\uff18\uff13\uff17"},
        InvalidValue,
        "Claim.service",
        "service code",
        "fullwidth-digits",
    ),
    # Dates: a datetime is not a date; strings are YYYY-MM-DD naming a real day.
    rule(
        Education, {"completed": NOW}, InvalidValue, "Education.completed", "datetime", "datetime"
    ),
    rule(
        BackgroundCheck,
        {"completed": NOW},
        InvalidValue,
        "BackgroundCheck.completed",
        "datetime",
        "datetime",
    ),
    rule(
        Provider,
        {"caqh_id": "12345678", "caqh_attested": NOW},
        InvalidValue,
        "Provider.caqh_attested",
        "datetime",
        "datetime",
    ),
    rule(PayerRules, {"as_of": NOW}, InvalidValue, "PayerRules.as_of", "datetime", "datetime"),
    rule(
        Credential, {"submitted": NOW}, InvalidValue, "Credential.submitted", "datetime", "datetime"
    ),
    rule(Contract, {"signed": NOW}, InvalidValue, "Contract.signed", "datetime", "datetime"),
    rule(Claim, {"on": NOW}, InvalidValue, "Claim.on", "datetime", "datetime"),
    rule(Claim, {"on": "2025-3-4"}, InvalidValue, "Claim.on", "YYYY-MM-DD", "unpadded"),
    rule(
        Claim,
        {"on": "2025-02-29"},
        InvalidValue,
        "Claim.on",
        "not a real calendar date",
        "february-29-2025",
    ),
    rule(Claim, {"on": None}, InvalidValue, "Claim.on", "YYYY-MM-DD", "None"),
    rule(
        Education,
        {"completed": "05/20/2015"},
        InvalidValue,
        "Education.completed",
        "YYYY-MM-DD",
        "us-style",
    ),
    # Periods are Period objects.
    rule(
        License, {"effective": "2024-01-01"}, InvalidValue, "License.effective", "Period", "string"
    ),
    rule(
        Certification,
        {"effective": None},
        InvalidValue,
        "Certification.effective",
        "Period",
        "None",
    ),
    rule(
        Employment,
        {"effective": ("2016-01-04", "2020-08-31")},
        InvalidValue,
        "Employment.effective",
        "expected a Period",
        "tuple",
    ),
    rule(
        Affiliation,
        {"effective": "2024-01-01"},
        InvalidValue,
        "Affiliation.effective",
        "Period",
        "string",
    ),
    rule(PayTo, {"effective": None}, InvalidValue, "PayTo.effective", "Period", "None"),
    rule(
        Credential,
        {"status": "approved", "effective": "2024-01-01"},
        InvalidValue,
        "Credential.effective",
        "expected a Period",
        "string",
    ),
    rule(
        Contract,
        {"effective": "2024-01-01"},
        InvalidValue,
        "Contract.effective",
        "Period",
        "string",
    ),
    # Identifiers keep their own error class, located at the field.
    rule(Provider, {"npi": "1710999999"}, InvalidIdentifier, "Provider.npi", "check digit", "luhn"),
    rule(Provider, {"npi": 1234567893}, InvalidIdentifier, "Provider.npi", "string", "int"),
    rule(
        Affiliation,
        {"provider": "12345"},
        InvalidIdentifier,
        "Affiliation.provider",
        "10",
        "5-digits",
    ),
    rule(Practice, {"tin": "123456789"}, InvalidIdentifier, "Practice.tin", "ambiguous", "bare"),
    rule(Practice, {"tin": "07-1234567"}, InvalidIdentifier, "Practice.tin", "prefix 07", "07"),
    rule(Practice, {"tin": "666-12-3456"}, InvalidIdentifier, "Practice.tin", "area", "666"),
    rule(Practice, {"tin": 123456789}, InvalidIdentifier, "Practice.tin", "tax id", "int"),
    rule(Practice, {"npi": "1234567890"}, InvalidIdentifier, "Practice.npi", "check digit", "luhn"),
    rule(
        Credential,
        {"provider": "0"},
        InvalidIdentifier,
        "Credential.provider",
        "10 digits",
        "1-digit",
    ),
    rule(Individual, {"provider": ""}, InvalidIdentifier, "Individual.provider", "10", "empty"),
    rule(
        Group,
        {"practice": "123456789"},
        InvalidIdentifier,
        "Group.practice",
        "ambiguous",
        "bare-9-digits",
    ),
    rule(PayTo, {"tin": "1-23456789"}, InvalidIdentifier, "PayTo.tin", "tax id", "hyphen"),
    rule(PayTo, {"npi": "1558598790"}, InvalidIdentifier, "PayTo.npi", "check digit", "luhn"),
    rule(Claim, {"provider": "1710999999"}, InvalidIdentifier, "Claim.provider", "check", "luhn"),
    rule(
        Claim,
        {"practice": "123456789"},
        InvalidIdentifier,
        "Claim.practice",
        "ambiguous",
        "bare-9-digits",
    ),
    rule(License, {"state": "XX"}, InvalidIdentifier, "License.state", "not a USPS", "XX"),
    rule(License, {"state": "New York"}, InvalidIdentifier, "License.state", "not a USPS", "name"),
    rule(Claim, {"state": "N.Y."}, InvalidIdentifier, "Claim.state", "not a USPS", "dotted"),
    # Enumerations by value.
    rule(
        License,
        {"profession": "therapist"},
        InvalidValue,
        "License.profession",
        "'therapist' is not a Profession",
        "unknown",
    ),
    rule(License, {"profession": 3}, InvalidValue, "License.profession", "got a number", "int"),
    rule(
        License,
        {"status": "lapsed"},
        InvalidValue,
        "License.status",
        "'lapsed' is not a LicenseStatus",
        "unknown",
    ),
    rule(
        Credential,
        {"status": "approved!"},
        InvalidValue,
        "Credential.status",
        "is not a CredentialStatus",
        "unknown",
    ),
    rule(
        Contract,
        {"status": "signed"},
        InvalidValue,
        "Contract.status",
        "'signed' is not a ContractStatus",
        "unknown",
    ),
    # Collections hold the right nouns.
    rule(
        Provider,
        {"licenses": [Education(degree="MSW", institution="Hunter", completed="2015-05-20")]},
        InvalidValue,
        "Provider.licenses",
        "item 0 must be a License",
        "wrong-noun",
    ),
    rule(
        Provider,
        {"licenses": {"NY": "PSY-001"}},
        InvalidValue,
        "Provider.licenses",
        "expected a list",
        "mapping",
    ),
    rule(Provider, {"education": "MSW"}, InvalidValue, "Provider.education", "list", "string"),
    rule(
        Provider,
        {"certifications": [None]},
        InvalidValue,
        "Provider.certifications",
        "item 0 must be a Certification",
        "None",
    ),
    rule(
        Provider,
        {"work_history": ["Eastside Clinic"]},
        InvalidValue,
        "Provider.work_history",
        "item 0 must be a Employment",
        "string",
    ),
    rule(
        Provider,
        {"liability": [None]},
        InvalidValue,
        "Provider.liability",
        "item 0 must be a LiabilityPolicy",
        "None",
    ),
    rule(
        Provider,
        {"background_checks": [True]},
        InvalidValue,
        "Provider.background_checks",
        "item 0 must be a BackgroundCheck",
        "bool",
    ),
    rule(
        Practice,
        {"roster": [NPI(NPI_A)]},
        InvalidValue,
        "Practice.roster",
        "item 0 must be a",
        "npi",
    ),
    rule(
        Payer,
        {"rules": {"group_minimum": 4}},
        InvalidValue,
        "Payer.rules",
        "expected PayerRules",
        "mapping",
    ),
    rule(Payer, {"rules": None}, InvalidValue, "Payer.rules", "expected PayerRules", "None"),
    rule(
        Contract,
        {"holder": "individual"},
        InvalidValue,
        "Contract.holder",
        "expected Individual(provider=...) or Group(practice=...)",
        "string",
    ),
    rule(
        Contract,
        {"holder": NPI(NPI_A)},
        InvalidValue,
        "Contract.holder",
        "expected Individual",
        "npi",
    ),
    rule(
        Contract,
        {"pay_to": [Affiliation(provider=NPI_A, effective=TERM)]},
        InvalidValue,
        "Contract.pay_to",
        "item 0 must be a PayTo",
        "wrong-noun",
    ),
    rule(
        Contract,
        {"members": [PayTo(tin=EIN_TEXT, npi=NPI_B, effective=TERM)]},
        InvalidValue,
        "Contract.members",
        "item 0 must be a",
        "wrong-noun",
    ),
]


# Each rule's words, after the field's name.
RULE_TEXTS = {
    "License.number-empty": "must not be blank",
    "License.number-spaces": "must not be blank",
    "Education.degree-empty": "must not be blank",
    "Education.institution-tab": "must not be blank",
    "Certification.name-empty": "must not be blank",
    "Certification.issuer-space": "must not be blank",
    "Employment.employer-empty": "must not be blank",
    "LiabilityPolicy.carrier-empty": "must not be blank",
    "Provider.name-empty": "must not be blank",
    "Provider.name-whitespace": "must not be blank",
    "Provider.name-None": "expected text, got null",
    "Provider.name-int": "expected text, got a number",
    "Practice.name-empty": "must not be blank",
    "Payer.name-spaces": "must not be blank",
    "PayerRules.source-space": "must not be blank",
    "Contract.id-empty": "must not be blank",
    "Contract.obligations-blank-item": "item 1 must be non-blank text, got a string",
    "Contract.obligations-string": "expected a list of strings, got a string",
    "LiabilityPolicy.per_claim-negative-string": "an amount of money must not be negative, nor carry a sign (not even -0), got '-1'",
    "LiabilityPolicy.aggregate-negative-decimal": "an amount of money must not be negative, nor carry a sign (not even -0)",
    "LiabilityPolicy.per_claim-negative-int": "an amount of money must not be negative, nor carry a sign (not even -0)",
    "LiabilityPolicy.per_claim-float": "a float is not money: write it as a string ('150.00') or Decimal",
    "LiabilityPolicy.aggregate-float": "a float is not money: write it as a string ('150.00') or Decimal",
    "LiabilityPolicy.per_claim-bool": "expected an amount of money, got a boolean",
    "LiabilityPolicy.per_claim-commas": "expected an amount written like '150.00', got '1,000,000'",
    "LiabilityPolicy.per_claim-dollar-sign": "expected an amount written like '150.00', got '$1000000'",
    "LiabilityPolicy.per_claim-exponent": "expected an amount written like '150.00', got '1e6'",
    "LiabilityPolicy.per_claim-nan": "an amount of money must be a finite number",
    "LiabilityPolicy.aggregate-infinity": "an amount of money must be a finite number",
    "LiabilityPolicy.per_claim-None": "expected an amount of money, got null",
    "LiabilityPolicy.aggregate-below-per-claim": "the aggregate limit 3000000 is below the per-claim limit 3000000.01",
    "Contract.rates-negative": "rate for 90837: an amount of money must not be negative, nor carry a sign (not even -0), got '-1'",
    "Contract.rates-float": "rate for 90837: a float is not money: write it as a string ('150.00') or Decimal",
    "Contract.rates-bool": "rate for 90837: expected an amount of money, got a boolean",
    "Contract.rates-list-of-pairs": "expected a mapping of service code to rate, got a list",
    "Contract.rates-same-code-two-cases": "lists service H0031 twice",
    "Contract.rates-bad-code": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '9083'",
    "Contract.rates-int-code": "expected a service code such as '90837', got a number",
    "PayerRules.group_minimum-zero": "must be at least 1",
    "PayerRules.group_minimum-negative": "must be at least 1",
    "PayerRules.group_minimum-bool": "expected a whole number, got a boolean",
    "PayerRules.group_minimum-float": "expected a whole number, got a decimal number",
    "PayerRules.group_minimum-string": "expected a whole number, got a string",
    "PayerRules.retro_days-minus-one": "must not be negative",
    "PayerRules.retro_days-bool": "expected a whole number, got a boolean",
    "PayerRules.retro_days-None": "expected a whole number, got null",
    "PayerRules.recredential_months-zero": "must be at least 1",
    "PayerRules.recredential_months-bool": "expected a whole number, got a boolean",
    "PayerRules.min_liability-string": "expected [per claim, aggregate], two amounts of money, got a string",
    "PayerRules.min_liability-one-amount": "expected [per claim, aggregate], two amounts of money, got 1 item",
    "PayerRules.min_liability-three-amounts": "expected [per claim, aggregate], two amounts of money, got 3 items",
    "PayerRules.min_liability-unordered-set": "expected [per claim, aggregate], two amounts of money, got set",
    "PayerRules.min_liability-float-per-claim": "per claim: a float is not money: write it as a string ('150.00') or Decimal",
    "PayerRules.min_liability-negative-aggregate": "aggregate: an amount of money must not be negative, nor carry a sign (not even -0), got '-1'",
    "PayerRules.min_liability-aggregate-below-per-claim": "the aggregate minimum 1000000 is below the per-claim minimum 3000000",
    "PayerRules.requires_caqh-int": "expected true or false, got a number",
    "PayerRules.individual_contracts-int": "expected true or false, got a number",
    "PayerRules.group_adds_when_closed-string": "expected true or false, got a string",
    "PayerRules.group_adds_when_closed-None": "expected true or false, got null",
    "BackgroundCheck.passed-int": "expected true or false, got a number",
    "BackgroundCheck.passed-string": "expected true or false, got a string",
    "PayerRules.professions-empty-list": "an empty set would accept no one; use None to accept any profession",
    "PayerRules.professions-empty-frozenset": "an empty set would accept no one; use None to accept any profession",
    "Contract.services-empty-list": "an empty set would cover nothing; use None to cover every service",
    "PayerRules.professions-duplicate": "lists the same value twice: psychologist",
    "PayerRules.professions-unknown": "'therapist' is not a Profession; expected one of 'psychiatrist', 'psychologist', 'clinical_social_worker', 'professional_counselor', 'marriage_family_therapist', 'psychiatric_nurse_practitioner', 'addiction_counselor', 'other'",
    "PayerRules.professions-string": "expected a list of values, got a string",
    "PayerRules.closed_states-duplicate": "lists the same value twice: NY",
    "PayerRules.closed_states-unknown": "'XX' is not a USPS state or territory code (such as 'NY' or 'PR')",
    "Practice.states-empty-list": "a practice sees clients in at least one state",
    "Practice.states-empty-frozenset": "a practice sees clients in at least one state",
    "Practice.states-duplicate": "lists the same value twice: NY",
    "Practice.states-string": "expected a list of values, got a string",
    "Practice.states-full-name": "'New York' is not a USPS state or territory code (such as 'NY' or 'PR')",
    "Contract.services-duplicate": "lists the same value twice: 90837",
    "Contract.services-duplicate-two-cases": "lists the same value twice: H0031",
    "Contract.services-bad-code": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got 'bad'",
    "Contract.services-string": "expected a list of values, got a string",
    "Credential.effective-approved-without-effective": "an approved credential needs an effective period",
    "Contract.signed-executed-without-signed": "an executed contract needs the date it was signed",
    "Contract.effective-executed-without-effective": "an executed contract needs an effective period",
    "Credential.effective-terminated-without-effective": "a terminated credential needs an effective period with an end: add effective.end, the last day it held",
    "Credential.effective-terminated-without-end": "a terminated credential needs an effective period with an end: add effective.end, the last day it held",
    "Contract.signed-terminated-without-signed": "a terminated contract needs the date it was signed",
    "Contract.effective-terminated-without-effective": "a terminated contract needs an effective period with an end: add effective.end, the last day it covered",
    "Contract.effective-terminated-without-end": "a terminated contract needs an effective period with an end: add effective.end, the last day it covered",
    "Contract.members-individual-with-members": "an individual contract has no members; only a group contract adds providers",
    "Contract.pay_to-group-paying-another-ein": "a group contract pays the practice that holds it (12-3456789), not 98-7654321",
    "Contract.pay_to-group-paying-an-ssn": "a group contract pays the practice that holds it (12-3456789), not ***-**-8147",
    "Provider.caqh_attested-attested-without-id": "a CAQH attestation needs the CAQH ProView id (caqh_id) it was made in",
    "Provider.caqh_id-letters": "a CAQH ProView id is a string of up to 12 digits",
    "Provider.caqh_id-empty": "a CAQH ProView id is a string of up to 12 digits",
    "Provider.caqh_id-13-digits": "a CAQH ProView id is a string of up to 12 digits",
    "Provider.caqh_id-int": "a CAQH ProView id is a string of up to 12 digits",
    "Provider.caqh_id-space": "a CAQH ProView id is a string of up to 12 digits",
    "Provider.caqh_id-fullwidth-digits": "a CAQH ProView id is a string of up to 12 digits",
    "Payer.id-space": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got 'Blue Cross'",
    "Payer.id-empty": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got ''",
    "Payer.id-leading-hyphen": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got '-cigna'",
    "Payer.id-punctuation": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got 'cigna!'",
    "Payer.id-newline": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got 'cigna\\n'",
    "Payer.id-None": "expected a payer id such as 'cigna', got null",
    "Credential.payer-space": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got 'Blue Cross'",
    "Contract.payer-leading-space": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got ' cigna'",
    "Claim.payer-space": "a payer id is letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'cigna'), got 'blue cross'",
    "Claim.service-4-chars": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '9083'",
    "Claim.service-6-chars": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '908377'",
    "Claim.service-space": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '90 37'",
    "Claim.service-trailing": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '90837 '",
    "Claim.service-empty": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got ''",
    "Claim.service-int": "expected a service code such as '90837', got a number",
    "Claim.service-fullwidth-digits": "a service code is 5 ASCII letters or digits (CPT/HCPCS, e.g. '90837'), got '\uff19\uff10\uff18\uff13\uff17'",
    "Education.completed-datetime": "expected a date, got a datetime (give the date only)",
    "BackgroundCheck.completed-datetime": "expected a date, got a datetime (give the date only)",
    "Provider.caqh_attested-datetime": "expected a date, got a datetime (give the date only)",
    "PayerRules.as_of-datetime": "expected a date, got a datetime (give the date only)",
    "Credential.submitted-datetime": "expected a date, got a datetime (give the date only)",
    "Contract.signed-datetime": "expected a date, got a datetime (give the date only)",
    "Claim.on-datetime": "expected a date, got a datetime (give the date only)",
    "Claim.on-unpadded": "expected a date written YYYY-MM-DD, got '2025-3-4'",
    "Claim.on-february-29-2025": "'2025-02-29' is not a real calendar date",
    "Claim.on-None": "expected a date written YYYY-MM-DD, got null",
    "Education.completed-us-style": "expected a date written YYYY-MM-DD, got '05/20/2015'",
    "License.effective-string": "expected a Period, got a string (write Period(start, end))",
    "Certification.effective-None": "expected a Period, got null (write Period(start, end))",
    "Employment.effective-tuple": "expected a Period, got a list (write Period(start, end))",
    "Affiliation.effective-string": "expected a Period, got a string (write Period(start, end))",
    "PayTo.effective-None": "expected a Period, got null (write Period(start, end))",
    "Credential.effective-string": "expected a Period, got a string (write Period(start, end))",
    "Contract.effective-string": "expected a Period, got a string (write Period(start, end))",
    "Provider.npi-luhn": "NPI 1710999999 fails its check digit (Luhn with prefix 80840); check for a typo",
    "Provider.npi-int": "an NPI is a string of 10 digits, got a number",
    "Affiliation.provider-5-digits": "an NPI is 10 digits, got '12345'",
    "Practice.tin-bare": "a tax id of 9 bare digits is ambiguous: write an EIN as NN-NNNNNNN or an SSN as NNN-NN-NNNN",
    "Practice.tin-07": "EIN prefix 07 is not one the IRS assigns",
    "Practice.tin-666": "an SSN area number (first three digits) of 666 is never issued",
    "Practice.tin-int": "a tax id is an EIN ('12-3456789') or an SSN ('123-45-6789'), got a number",
    "Practice.npi-luhn": "NPI 1234567890 fails its check digit (Luhn with prefix 80840); check for a typo",
    "Credential.provider-1-digit": "an NPI is 10 digits, got '0'",
    "Individual.provider-empty": "an NPI is 10 digits, got ''",
    "Group.practice-bare-9-digits": "a tax id of 9 bare digits is ambiguous: write an EIN as NN-NNNNNNN or an SSN as NNN-NN-NNNN",
    "PayTo.tin-hyphen": "a tax id is an EIN written NN-NNNNNNN or an SSN written NNN-NN-NNNN",
    "PayTo.npi-luhn": "NPI 1558598790 fails its check digit (Luhn with prefix 80840); check for a typo",
    "Claim.provider-luhn": "NPI 1710999999 fails its check digit (Luhn with prefix 80840); check for a typo",
    "Claim.practice-bare-9-digits": "a tax id of 9 bare digits is ambiguous: write an EIN as NN-NNNNNNN or an SSN as NNN-NN-NNNN",
    "License.state-XX": "'XX' is not a USPS state or territory code (such as 'NY' or 'PR')",
    "License.state-name": "'New York' is not a USPS state or territory code (such as 'NY' or 'PR')",
    "Claim.state-dotted": "'N.Y.' is not a USPS state or territory code (such as 'NY' or 'PR')",
    "License.profession-unknown": "'therapist' is not a Profession; expected one of 'psychiatrist', 'psychologist', 'clinical_social_worker', 'professional_counselor', 'marriage_family_therapist', 'psychiatric_nurse_practitioner', 'addiction_counselor', 'other'",
    "License.profession-int": "expected one of 'psychiatrist', 'psychologist', 'clinical_social_worker', 'professional_counselor', 'marriage_family_therapist', 'psychiatric_nurse_practitioner', 'addiction_counselor', 'other', got a number",
    "License.status-unknown": "'lapsed' is not a LicenseStatus; expected one of 'active', 'inactive', 'expired', 'suspended', 'revoked'",
    "Credential.status-unknown": "'approved!' is not a CredentialStatus; expected one of 'pending', 'approved', 'denied', 'withdrawn', 'terminated'",
    "Contract.status-unknown": "'signed' is not a ContractStatus; expected one of 'pending', 'executed', 'terminated'",
    "Provider.licenses-wrong-noun": "item 0 must be a License, got Education",
    "Provider.licenses-mapping": "expected a list of License, got an object",
    "Provider.education-string": "expected a list of Education, got a string",
    "Provider.certifications-None": "item 0 must be a Certification, got null",
    "Provider.work_history-string": "item 0 must be a Employment, got a string",
    "Provider.liability-None": "item 0 must be a LiabilityPolicy, got null",
    "Provider.background_checks-bool": "item 0 must be a BackgroundCheck, got a boolean",
    "Practice.roster-npi": "item 0 must be a Affiliation, got NPI",
    "Payer.rules-mapping": "expected PayerRules, got dict",
    "Payer.rules-None": "expected PayerRules, got NoneType",
    "Contract.holder-string": "expected Individual(provider=...) or Group(practice=...), got str",
    "Contract.holder-npi": "expected Individual(provider=...) or Group(practice=...), got NPI",
    "Contract.pay_to-wrong-noun": "item 0 must be a PayTo, got Affiliation",
    "Contract.members-wrong-noun": "item 0 must be a Affiliation, got PayTo",
}


class TestRules:
    @pytest.mark.parametrize(("cls", "changes", "error", "field", "fragment"), RULES)
    def test_refused_with_the_field_and_the_rule(
        self,
        cls: type,
        changes: dict[str, Any],
        error: type,
        field: str,
        fragment: str,
        *,
        request: pytest.FixtureRequest,
    ) -> None:
        """A broken rule raises the right CredkitError, naming Class.field and the rule."""
        with pytest.raises(CredkitError) as info:
            build(cls, **changes)
        assert (error, field) == (type(info.value), info.value.field)
        assert f"{field}: {RULE_TEXTS[request.node.callspec.id]}" == str(info.value)
        assert fragment in str(info.value)

    @pytest.mark.parametrize(
        ("make", "get", "expected"),
        [
            pytest.param(
                lambda: build(LiabilityPolicy, per_claim="1000000", aggregate="1000000"),
                lambda o: o.aggregate,
                Decimal("1000000"),
                id="aggregate-equal-to-per-claim",
            ),
            pytest.param(
                lambda: build(Credential, status="approved", effective=TERM),
                lambda o: o.effective,
                TERM,
                id="approved-with-effective",
            ),
            *(
                pytest.param(
                    lambda s=status: build(Credential, status=s),
                    lambda o: o.effective,
                    None,
                    id=f"{status}-without-effective",
                )
                for status in ("pending", "denied", "withdrawn")
            ),
            pytest.param(
                lambda: build(Credential, status="terminated", effective=ENDED),
                lambda o: o.effective,
                ENDED,
                id="terminated-with-an-end",
            ),
            pytest.param(
                lambda: build(Contract, status="executed", signed="2023-12-15", effective=TERM),
                lambda o: o.status,
                ContractStatus.EXECUTED,
                id="executed-with-signed-and-effective",
            ),
            pytest.param(
                lambda: build(Contract, status="terminated", signed="2023-12-15", effective=ENDED),
                lambda o: o.effective,
                ENDED,
                id="terminated-with-signed-and-an-end",
            ),
            pytest.param(
                lambda: build(
                    Contract,
                    holder=Individual(provider=NPI_A),
                    pay_to=[
                        build(PayTo, tin=EIN_TEXT),
                        build(PayTo, tin=OTHER_EIN_TEXT),
                        build(PayTo, tin=SSN_TEXT, npi=NPI_A),
                    ],
                ),
                lambda o: len(o.pay_to),
                3,
                id="individual-contract-pays-several-practices",
            ),
            pytest.param(
                lambda: build(Contract, pay_to=[build(PayTo, tin=EIN("123456789"))]),
                lambda o: o.pay_to[0].tin,
                EIN(EIN_TEXT),
                id="group-contract-pays-its-own-ein",
            ),
            pytest.param(
                lambda: build(Contract, members=[affiliation()]),
                lambda o: o.members,
                (affiliation(),),
                id="group-contract-with-members",
            ),
            pytest.param(
                lambda: build(Provider, caqh_id="12345678"),
                lambda o: o.caqh_id,
                "12345678",
                id="caqh-id-without-attestation",
            ),
            pytest.param(
                lambda: build(Provider, caqh_id="123456789012", caqh_attested="2024-05-01"),
                lambda o: o.caqh_id,
                "123456789012",
                id="caqh-id-12-digits-attested",
            ),
            pytest.param(
                lambda: build(PayerRules, group_minimum=None),
                lambda o: o.offers_group_contracts,
                False,
                id="no-group-contracts",
            ),
            pytest.param(
                lambda: build(PayerRules, group_minimum=1, retro_days=0, recredential_months=1),
                lambda o: (o.group_minimum, o.retro_days, o.recredential_months),
                (1, 0, 1),
                id="smallest-numbers",
            ),
            pytest.param(
                lambda: build(PayerRules, professions=None),
                lambda o: o.professions,
                None,
                id="any-profession",
            ),
            pytest.param(
                lambda: build(Payer, id="bcbs-ny_2.0"),
                lambda o: o.id,
                "bcbs-ny_2.0",
                id="payer-id-punctuation",
            ),
        ],
    )
    def test_edges_that_are_allowed(
        self, make: Callable[[], Any], get: Callable[[Any], Any], expected: Any
    ) -> None:
        """Values just inside each rule are accepted as given."""
        assert expected == get(make())

    @pytest.mark.parametrize(
        ("cls", "changes", "field"),
        [
            pytest.param(Practice, {"states": [3]}, "Practice.states", id="Practice.states"),
            pytest.param(License, {"state": 3}, "License.state", id="License.state"),
            pytest.param(Claim, {"state": 3}, "Claim.state", id="Claim.state"),
            pytest.param(
                PayerRules, {"closed_states": [3]}, "PayerRules.closed_states", id="closed_states"
            ),
        ],
    )
    def test_state_of_the_wrong_type_is_an_invalid_identifier(
        self, cls: type, changes: dict[str, Any], field: str
    ) -> None:
        """A state given as a number raises InvalidIdentifier, as State(3) does."""
        with pytest.raises(CredkitError) as info:
            build(cls, **changes)
        assert (InvalidIdentifier, field) == (type(info.value), info.value.field)


def shows_no_ssn(text: str) -> list[str]:
    """Return the parts of the full SSN that ``text`` shows (none, when it is safe)."""
    parts = [SSN_DIGITS, SSN_TEXT, SSN_DIGITS[:5], "536-22", "22-8147"]
    return [part for part in parts if part in text]


class TestSSNMasking:
    @pytest.mark.parametrize(
        "make",
        [
            pytest.param(lambda: build(Practice, tin=SSN_TEXT), id="Practice"),
            pytest.param(lambda: build(PayTo, tin=SSN_TEXT), id="PayTo"),
            pytest.param(lambda: build(Group, practice=SSN_TEXT), id="Group"),
            pytest.param(lambda: build(Claim, practice=SSN_TEXT), id="Claim"),
            pytest.param(
                lambda: build(
                    Contract,
                    holder=Group(practice=SSN_TEXT),
                    pay_to=[build(PayTo, tin=SSN_TEXT)],
                ),
                id="Contract-group",
            ),
            pytest.param(
                lambda: build(
                    Contract,
                    holder=Individual(provider=NPI_A),
                    pay_to=[build(PayTo, tin=SSN_TEXT, npi=NPI_A)],
                ),
                id="Contract-individual",
            ),
        ],
    )
    def test_repr_and_str_show_only_the_last_four(self, make: Callable[[], Any]) -> None:
        """A noun holding an SSN shows it as ***-**-NNNN in repr() and str()."""
        obj = make()
        for text in (repr(obj), str(obj)):
            assert (True, []) == (SSN_MASKED in text, shows_no_ssn(text))

    def test_practice_str_names_the_masked_tax_id(self) -> None:
        """str() of a solo practice reads 'NAME (tax id ***-**-NNNN)'."""
        assert f"Ana Ruiz (tax id {SSN_MASKED})" == str(
            build(Practice, name="Ana Ruiz", tin=SSN_TEXT)
        )

    def test_claim_repr_shows_the_masked_ssn(self) -> None:
        """The repr of a claim billed under an SSN holds SSN('***-**-NNNN')."""
        assert f"practice=SSN('{SSN_MASKED}')" in repr(build(Claim, practice=SSN_TEXT))

    @pytest.mark.parametrize(
        ("cls", "changes"),
        [
            pytest.param(Provider, {"npi": SSN_TEXT}, id="Provider.npi-hyphenated"),
            pytest.param(Provider, {"npi": SSN_DIGITS}, id="Provider.npi-bare"),
            pytest.param(Practice, {"npi": SSN_TEXT}, id="Practice.npi"),
            pytest.param(Claim, {"on": SSN_TEXT}, id="Claim.on"),
            pytest.param(Claim, {"service": SSN_DIGITS}, id="Claim.service"),
            pytest.param(Claim, {"state": SSN_TEXT}, id="Claim.state"),
            pytest.param(Payer, {"id": "536 22 8147"}, id="Payer.id-spaced"),
            pytest.param(Contract, {"rates": {SSN_DIGITS: "1"}}, id="Contract.rates-key"),
            pytest.param(Contract, {"services": [SSN_TEXT]}, id="Contract.services"),
            pytest.param(Practice, {"tin": SSN_DIGITS}, id="Practice.tin-bare"),
            pytest.param(
                Contract,
                {"holder": Group(practice=SSN_TEXT), "pay_to": [build(PayTo)]},
                id="Contract.pay_to-group-held-under-ssn",
            ),
        ],
    )
    def test_an_ssn_in_an_error_message_is_masked(self, cls: type, changes: dict[str, Any]) -> None:
        """An SSN typed where it does not belong is refused without being repeated."""
        with pytest.raises(CredkitError) as info:
            build(cls, **changes)
        assert [] == shows_no_ssn(str(info.value))


class TestReadOnlyRates:
    """A contract's rates are a read-only mapping equal to the dict they came from."""

    def test_mapping_behaviour(self) -> None:
        """Lookups, length, equality with a dict and inequality with other things."""
        from credkit._frozen import FrozenDict

        rates = FrozenDict({"90837": Decimal("150.00")})
        assert Decimal("150.00") == rates["90837"]
        assert ["90837"] == list(rates)
        assert {"90837": Decimal("150")} == rates
        assert rates != 150
        assert "{'90837': Decimal('150.00')}" == repr(rates)
        with pytest.raises(TypeError):
            rates["90834"] = Decimal(1)  # type: ignore[index]


class TestDisplay:
    """Nouns that people name in messages print readably."""

    def test_str(self) -> None:
        """Payer, Practice and Provider print their name and key."""
        assert "Aetna (aetna)" == str(Payer(id="aetna", name="Aetna"))
        assert "P (tax id ***-**-6789)" == str(Practice(name="P", tin="123-45-6789", states=["NY"]))
