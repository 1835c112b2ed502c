"""The JSON examples in docs/ load, and the full example reads back and writes out unchanged."""

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import credkit
from credkit import (
    EIN,
    NPI,
    Affiliation,
    Contract,
    ContractStatus,
    Credential,
    CredentialStatus,
    Group,
    Individual,
    Payer,
    Period,
    Practice,
    Profession,
    Provider,
    State,
    structure,
    unstructure,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"
MARKER = re.compile(r"<!-- example: (?P<name>[A-Za-z0-9_-]+) -->")
MARKED_BLOCK = re.compile(
    r"<!-- example: (?P<name>[A-Za-z0-9_-]+) -->\n```json\n(?P<body>.*?)\n```", re.DOTALL
)
DOCUMENT = "practice-data"
DOCUMENT_TYPES: dict[str, type] = {
    "providers": Provider,
    "practices": Practice,
    "payers": Payer,
    "credentials": Credential,
    "contracts": Contract,
}

MAYA = NPI("1743926184")
DANIEL = NPI("1284567306")
ROSA = NPI("1659872042")
PRACTICE_TIN = EIN("87-2045613")
PRACTICE_NPI = NPI("1102435892")


def doc_pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def marked_examples() -> list[tuple[str, str, str]]:
    """Every marked JSON block in docs/*.md, as (page, example name, JSON text)."""
    return [
        (page.name, match["name"], match["body"])
        for page in doc_pages()
        for match in MARKED_BLOCK.finditer(page.read_text(encoding="utf-8"))
    ]


def document_text() -> str:
    bodies = [body for _, name, body in marked_examples() if name == DOCUMENT]
    assert len(bodies) == 1
    return bodies[0]


def load_document(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Structure each list of the example document as a tuple of its type."""
    return {key: structure(data[key], tuple[kind, ...]) for key, kind in DOCUMENT_TYPES.items()}


def load_example(name: str, data: Any) -> object:
    """Load a marked example: the full document, or one value of the credkit type it names."""
    if name == DOCUMENT:
        return load_document(data)
    return structure(data, getattr(credkit, name))


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return json.loads(document_text())


@pytest.fixture(scope="module")
def loaded(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return load_document(data)


def by_id(contracts: tuple[Contract, ...]) -> dict[str, Contract]:
    return {contract.id: contract for contract in contracts}


class TestMarkedExamples:
    @pytest.mark.parametrize("page", doc_pages(), ids=lambda page: page.name)
    def test_every_marker_is_followed_by_a_json_block(self, page: Path) -> None:
        """Each `<!-- example: name -->` line is immediately followed by a ```json block."""
        text = page.read_text(encoding="utf-8")
        expected = [match["name"] for match in MARKER.finditer(text)]
        assert expected == [match["name"] for match in MARKED_BLOCK.finditer(text)]

    @pytest.mark.parametrize(
        ("page", "name", "body"),
        marked_examples(),
        ids=[f"{page}:{name}" for page, name, _ in marked_examples()],
    )
    def test_every_marked_example_loads(self, page: str, name: str, body: str) -> None:
        """Every marked JSON block is valid JSON and loads as what its marker names."""
        expected = dict if name == DOCUMENT else getattr(credkit, name)
        assert isinstance(load_example(name, json.loads(body)), expected)

    def test_the_practice_data_example_appears_once(self) -> None:
        """Exactly one block in docs/ is marked as the practice-data example."""
        expected = [DOCUMENT]
        assert expected == [name for _, name, _ in marked_examples() if name == DOCUMENT]


class TestPracticeDataDocument:
    def test_it_has_a_list_for_each_kind_of_record(self, data: dict[str, Any]) -> None:
        """The document's keys are providers, practices, payers, credentials and contracts."""
        assert set(DOCUMENT_TYPES) == set(data)

    def test_counts(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """The document holds 3 providers, 1 practice, 3 payers, 7 credentials and 3 contracts."""
        expected = {"providers": 3, "practices": 1, "payers": 3, "credentials": 7, "contracts": 3}
        assert expected == {key: len(values) for key, values in loaded.items()}

    @pytest.mark.parametrize("key", list(DOCUMENT_TYPES))
    def test_round_trip_is_lossless(self, data: dict[str, Any], key: str) -> None:
        """Unstructuring a loaded list gives back exactly the document's data."""
        assert data[key] == unstructure(load_document(data)[key])

    def test_references_resolve(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Every provider, payer and practice named by a record is in the document."""
        npis = {provider.npi for provider in loaded["providers"]}
        payer_ids = {payer.id for payer in loaded["payers"]}
        tins = {practice.tin for practice in loaded["practices"]}
        named_npis = {credential.provider for credential in loaded["credentials"]}
        named_npis |= {
            entry.provider for practice in loaded["practices"] for entry in practice.roster
        }
        for contract in loaded["contracts"]:
            named_npis |= {member.provider for member in contract.members}
            if isinstance(contract.holder, Individual):
                named_npis.add(contract.holder.provider)
            else:
                assert contract.holder.practice in tins
        named_payers = {record.payer for record in (*loaded["credentials"], *loaded["contracts"])}
        assert named_npis <= npis
        assert named_payers <= payer_ids


class TestPracticeDataValues:
    def test_providers_and_professions(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """The three clinicians are an LCSW, a psychologist and an LPC, named by type 1 NPIs."""
        expected = {
            MAYA: {Profession.CLINICAL_SOCIAL_WORKER},
            DANIEL: {Profession.PSYCHOLOGIST},
            ROSA: {Profession.PROFESSIONAL_COUNSELOR},
        }
        actual = {
            provider.npi: {license.profession for license in provider.licenses}
            for provider in loaded["providers"]
        }
        assert expected == actual

    def test_license_states(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Maya and Daniel are licensed in NY and NJ; Rosa in NJ only."""
        expected = {MAYA: {State.NY, State.NJ}, DANIEL: {State.NY, State.NJ}, ROSA: {State.NJ}}
        actual = {
            provider.npi: {license.state for license in provider.licenses}
            for provider in loaded["providers"]
        }
        assert expected == actual

    def test_liability_limits_are_decimals(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Every liability policy is 1,000,000 per claim and 3,000,000 aggregate, as Decimals."""
        policies = [policy for provider in loaded["providers"] for policy in provider.liability]
        expected = [(Decimal("1000000"), Decimal("3000000"))] * 3
        assert expected == [(policy.per_claim, policy.aggregate) for policy in policies]
        assert all(isinstance(policy.per_claim, Decimal) for policy in policies)

    def test_the_practice(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """The practice has an EIN, a type 2 NPI, NJ and NY, and the three clinicians on its roster."""
        (practice,) = loaded["practices"]
        expected = (
            "Riverbend Counseling Group, PLLC",
            EIN("87-2045613"),
            NPI("1102435892"),
            frozenset({State.NJ, State.NY}),
            [MAYA, DANIEL, ROSA],
            Period("2026-09-01"),
        )
        actual = (
            practice.name,
            practice.tin,
            practice.npi,
            practice.states,
            [entry.provider for entry in practice.roster],
            practice.roster[2].effective,
        )
        assert expected == actual
        assert isinstance(practice.tin, EIN)

    def test_payer_group_minimums(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Cigna needs 4 providers for a group contract, Optum 6, Aetna 2, each with a source."""
        payers = loaded["payers"]
        expected = {"cigna": 4, "optum": 6, "aetna": 2}
        assert expected == {payer.id: payer.rules.group_minimum for payer in payers}
        assert all(payer.rules.source.startswith("TherAssist") for payer in payers)

    def test_credential_statuses(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Credentials are approved, denied, pending and withdrawn, and only approved ones have a period."""
        credentials = loaded["credentials"]
        expected = Counter(
            {
                CredentialStatus.APPROVED: 3,
                CredentialStatus.PENDING: 2,
                CredentialStatus.DENIED: 1,
                CredentialStatus.WITHDRAWN: 1,
            }
        )
        assert expected == Counter(credential.status for credential in credentials)
        assert [credential.status is CredentialStatus.APPROVED for credential in credentials] == [
            credential.effective is not None for credential in credentials
        ]

    def test_the_group_contract(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Aetna's group contract is the practice's, pays its EIN and NPI, and has two members."""
        contract = by_id(loaded["contracts"])["aetna-riverbend-2025"]
        expected = (
            Group(practice=PRACTICE_TIN),
            ContractStatus.EXECUTED,
            [(PRACTICE_TIN, PRACTICE_NPI)],
            (
                Affiliation(provider=MAYA, effective=Period("2025-07-15")),
                Affiliation(provider=DANIEL, effective=Period("2025-09-01")),
            ),
            Decimal("138.00"),
            frozenset({"90791", "90834", "90837", "90846", "90847"}),
        )
        actual = (
            contract.holder,
            contract.status,
            [(entry.tin, entry.npi) for entry in contract.pay_to],
            contract.members,
            contract.rates["90837"],
            contract.services,
        )
        assert expected == actual
        assert isinstance(contract.rates["90837"], Decimal)

    def test_the_individual_contract(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Maya's Cigna contract is hers, and its pay-to entry is the practice's from 2025-07-01."""
        contract = by_id(loaded["contracts"])["cigna-chen-2025"]
        expected = (
            Individual(provider=MAYA),
            ContractStatus.EXECUTED,
            (),
            [(PRACTICE_TIN, PRACTICE_NPI, Period("2025-07-01"))],
            {"90791": Decimal("150.00"), "90834": Decimal("96.50"), "90837": Decimal("128.00")},
            None,
        )
        actual = (
            contract.holder,
            contract.status,
            contract.members,
            [(entry.tin, entry.npi, entry.effective) for entry in contract.pay_to],
            dict(contract.rates),
            contract.services,
        )
        assert expected == actual

    def test_the_pending_contract(self, loaded: dict[str, tuple[Any, ...]]) -> None:
        """Daniel's Optum contract is pending: not signed and with no term."""
        contract = by_id(loaded["contracts"])["optum-okafor-2026"]
        expected = (Individual(provider=DANIEL), ContractStatus.PENDING, None, None)
        actual = (contract.holder, contract.status, contract.signed, contract.effective)
        assert expected == actual
