"""Write the sample book that ``credkit demo`` uses, from the story below.

    python tools/make_demo.py

Riverbend Counseling, PLLC, in New York, grows from one clinician to five:
Maya Chen (January 2024), Daniel Okafor (September 2024), Priya Raman, who brings
her own Optum contract (February 2025), Jordan Lee (August 2025) and Noah Brooks
(March 2026). Aetna (group contracts from 2 providers) gives the practice a group
contract in November 2024; Cigna (from 4) in October 2025, once Jordan is the
fourth; Optum (from 6) is still individual contracts. Writes the book (as JSON,
and as tables in ``demo_tables/``, a folder of CSV files), a candidate sixth
clinician, a small claims file, and the same month's claims as an 837P batch
(written by the tests' 837P writer), into ``src/credkit/data``.
"""

import csv
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

from credkit import (
    Affiliation,
    Book,
    Contract,
    Credential,
    Group,
    Individual,
    LiabilityPolicy,
    License,
    PayTo,
    Period,
    Practice,
    Provider,
    to_json,
)
from credkit.catalog import AETNA, CIGNA, OPTUM
from credkit.tables import write_book

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.x12_files import BillingLoop, ClaimSpec, Envelope, LineSpec, write_837p

DATA = Path(__file__).resolve().parent.parent / "src" / "credkit" / "data"

RIVERBEND_TIN = "87-2045613"
RIVERBEND_NPI = "1203456789"
OLD_PRACTICE_TIN = "26-1187340"
OLD_PRACTICE_NPI = "1135792467"


def clinician(
    npi: str,
    name: str,
    profession: str,
    number: str,
    since: str,
    *,
    until: str | None = None,
    cover_until: str = "2026-12-31",
    attested: str | None = None,
) -> Provider:
    """A clinician with a New York license, liability cover for 2026, maybe a CAQH profile."""
    return Provider(
        npi=npi,
        name=name,
        licenses=[
            License(
                state="NY", profession=profession, number=number, effective=Period(since, until)
            )
        ],
        liability=[
            LiabilityPolicy(
                carrier="CPH & Associates",
                per_claim="1000000",
                aggregate="3000000",
                effective=Period("2026-01-01", cover_until),
            )
        ],
        caqh_id=None if attested is None else npi[2:],
        caqh_attested=attested,
    )


MAYA = clinician(
    "1743926184",
    "Maya Chen, LCSW",
    "clinical_social_worker",
    "R-087412",
    "2016-07-01",
    cover_until="2026-08-14",
    attested="2026-04-20",
)
DANIEL = clinician(
    "1320857208",
    "Daniel Okafor, PsyD",
    "psychologist",
    "P-021338",
    "2019-09-01",
    attested="2026-03-02",
)
PRIYA = clinician(
    "1588123491", "Priya Raman, LMHC", "professional_counselor", "M-004512", "2018-03-01"
)
JORDAN = clinician(
    "1667430213", "Jordan Lee, LMFT", "marriage_family_therapist", "F-001287", "2021-05-01"
)
NOAH = clinician(
    "1490273665",
    "Noah Brooks, LCSW",
    "clinical_social_worker",
    "R-101233",
    "2023-02-01",
    until="2026-07-31",
)
SOFIA = clinician(
    "1852100977", "Sofia Alvarez, LCSW", "clinical_social_worker", "R-110094", "2022-06-01"
)

JOINED = {
    MAYA: "2024-01-02",
    DANIEL: "2024-09-03",
    PRIYA: "2025-02-03",
    JORDAN: "2025-08-04",
    NOAH: "2026-03-02",
}

RIVERBEND = Practice(
    name="Riverbend Counseling, PLLC",
    tin=RIVERBEND_TIN,
    npi=RIVERBEND_NPI,
    states=["NY"],
    roster=[Affiliation(provider=p.npi, effective=Period(day)) for p, day in JOINED.items()],
)
OLD_PRACTICE = Practice(
    name="Hudson Valley Therapy Group",
    tin=OLD_PRACTICE_TIN,
    npi=OLD_PRACTICE_NPI,
    states=["NY"],
    roster=[Affiliation(provider=PRIYA.npi, effective=Period("2021-01-04", "2025-01-31"))],
)

RATES = {
    "aetna": {"90791": "150.00", "90834": "98.00", "90837": "131.00", "90847": "112.00"},
    "cigna": {"90791": "162.00", "90834": "104.50", "90837": "139.00", "90847": "118.00"},
    "optum": {"90791": "141.00", "90834": "91.00", "90837": "122.50", "90847": "104.00"},
}


def approved(provider: Provider, payer: str, since: str) -> Credential:
    """An approved credential, in effect from ``since``."""
    return Credential(
        provider=provider.npi, payer=payer, status="approved", effective=Period(since)
    )


CREDENTIALS = [
    approved(MAYA, "aetna", "2024-02-01"),
    approved(MAYA, "cigna", "2024-03-01"),
    approved(MAYA, "optum", "2024-04-01"),
    approved(DANIEL, "aetna", "2024-11-15"),
    approved(DANIEL, "cigna", "2024-11-01"),
    approved(DANIEL, "optum", "2024-12-01"),
    approved(PRIYA, "aetna", "2025-04-15"),
    approved(PRIYA, "cigna", "2025-04-01"),
    approved(PRIYA, "optum", "2023-06-01"),
    approved(JORDAN, "aetna", "2025-10-15"),
    approved(JORDAN, "cigna", "2025-10-01"),
    Credential(provider=JORDAN.npi, payer="optum", status="pending", submitted="2025-09-02"),
    approved(NOAH, "aetna", "2026-05-01"),
    Credential(provider=NOAH.npi, payer="cigna", status="pending", submitted="2026-03-10"),
]


def member(provider: Provider, since: str) -> Affiliation:
    """A group-contract member from ``since``."""
    return Affiliation(provider=provider.npi, effective=Period(since))


def pay_riverbend(since: str) -> PayTo:
    """Riverbend's NPI and EIN as pay-to, from ``since``."""
    return PayTo(tin=RIVERBEND_TIN, npi=RIVERBEND_NPI, effective=Period(since))


def individual(
    provider: Provider, payer: str, signed: str, since: str, pay_to: list[PayTo]
) -> Contract:
    """An executed individual contract, named after the payer and the provider."""
    return Contract(
        id=f"{payer}-{provider.name.split()[1].rstrip(',').lower()}",
        payer=payer,
        holder=Individual(provider=provider.npi),
        status="executed",
        signed=signed,
        effective=Period(since),
        pay_to=pay_to,
        rates=RATES[payer],
    )


CONTRACTS = [
    Contract(
        id="aetna-riverbend",
        payer="aetna",
        holder=Group(practice=RIVERBEND_TIN),
        status="executed",
        signed="2024-10-20",
        effective=Period("2024-11-01"),
        pay_to=[pay_riverbend("2024-11-01")],
        members=[
            member(MAYA, "2024-11-01"),
            member(DANIEL, "2024-11-15"),
            member(PRIYA, "2025-04-15"),
            member(JORDAN, "2025-10-15"),
            member(NOAH, "2026-05-01"),
        ],
        rates=RATES["aetna"],
        obligations=["File claims within 90 days of the date of service"],
    ),
    # Before Cigna's group contract, Maya and Daniel billed Cigna individually.
    Contract(
        id="cigna-chen",
        payer="cigna",
        holder=Individual(provider=MAYA.npi),
        status="executed",
        signed="2024-02-20",
        effective=Period("2024-03-01", "2025-09-30"),
        pay_to=[pay_riverbend("2024-03-01")],
        rates=RATES["cigna"],
    ),
    Contract(
        id="cigna-okafor",
        payer="cigna",
        holder=Individual(provider=DANIEL.npi),
        status="executed",
        signed="2024-10-25",
        effective=Period("2024-11-01", "2025-09-30"),
        pay_to=[pay_riverbend("2024-11-01")],
        rates=RATES["cigna"],
    ),
    Contract(
        id="cigna-riverbend",
        payer="cigna",
        holder=Group(practice=RIVERBEND_TIN),
        status="executed",
        signed="2025-09-15",
        effective=Period("2025-10-01"),
        pay_to=[pay_riverbend("2025-10-01")],
        members=[
            member(MAYA, "2025-10-01"),
            member(DANIEL, "2025-10-01"),
            member(PRIYA, "2025-10-01"),
            member(JORDAN, "2025-10-01"),
        ],
        rates=RATES["cigna"],
    ),
    individual(MAYA, "optum", "2024-03-18", "2024-04-01", [pay_riverbend("2024-04-01")]),
    individual(DANIEL, "optum", "2024-11-20", "2024-12-01", [pay_riverbend("2024-12-01")]),
    # Priya's own Optum contract came with her: paid to her old practice, then Riverbend.
    individual(
        PRIYA,
        "optum",
        "2023-05-10",
        "2023-06-01",
        [
            PayTo(
                tin=OLD_PRACTICE_TIN,
                npi=OLD_PRACTICE_NPI,
                effective=Period("2023-06-01", "2025-01-31"),
            ),
            pay_riverbend("2025-05-01"),
        ],
    ),
    Contract(
        id="optum-lee", payer="optum", holder=Individual(provider=JORDAN.npi), status="pending"
    ),
]

BOOK = Book(
    providers=[MAYA, DANIEL, PRIYA, JORDAN, NOAH],
    practices=[RIVERBEND, OLD_PRACTICE],
    # The electronic payer ids the practice's clearinghouse lists for each payer.
    payers=[
        attrs.evolve(CIGNA, edi_ids=["62308"]),
        attrs.evolve(OPTUM, edi_ids=["87726"]),
        attrs.evolve(AETNA, edi_ids=["60054"]),
    ],
    credentials=CREDENTIALS,
    contracts=CONTRACTS,
)

CLAIMS = [
    # provider, payer, practice, date, service, state
    (MAYA.npi, "cigna", RIVERBEND_TIN, "2026-05-04", "90837", ""),
    (DANIEL.npi, "optum", RIVERBEND_TIN, "2026-05-04", "90834", ""),
    (PRIYA.npi, "optum", RIVERBEND_TIN, "2025-03-10", "90837", ""),
    (PRIYA.npi, "optum", RIVERBEND_TIN, "2025-05-12", "90837", ""),
    (JORDAN.npi, "cigna", RIVERBEND_TIN, "2026-05-05", "90847", ""),
    (JORDAN.npi, "optum", RIVERBEND_TIN, "2026-05-05", "90847", ""),
    (NOAH.npi, "aetna", RIVERBEND_TIN, "2026-05-06", "90791", "NY"),
    (NOAH.npi, "cigna", RIVERBEND_TIN, "2026-05-06", "90791", ""),
    (MAYA.npi, "humana", RIVERBEND_TIN, "2026-05-07", "90837", ""),
    (NOAH.npi, "aetna", RIVERBEND_TIN, "2026-13-01", "90837", ""),
]


def line(on: str, service: str, charge: str) -> LineSpec:
    """A service line on a day."""
    return LineSpec(service=service, charge=Decimal(charge), start=date.fromisoformat(on))


def claim(
    number: int, payer: tuple[str, str], rendering: Provider | None, *lines: LineSpec
) -> ClaimSpec:
    """A claim to a payer, naming its rendering clinician (2310B) or no one."""
    last, first = rendering.name.split(",")[0].split(" ")[::-1] if rendering else ("", "")
    return ClaimSpec(
        id=f"RB{number:04d}",
        payer_id=payer[0],
        payer_name=payer[1],
        rendering_npi=str(rendering.npi) if rendering else None,
        rendering_name=(last.upper(), first.upper()),
        lines=lines,
    )


CIGNA_ID, OPTUM_ID, AETNA_ID, HUMANA_ID = (
    ("62308", "CIGNA"),
    ("87726", "OPTUM"),
    ("60054", "AETNA"),
    ("61101", "HUMANA"),
)
# May 2026's batch from Riverbend's billing system, as an 837P.
BATCH = write_837p(
    [
        Envelope(
            control=1,
            created=date(2026, 5, 8),
            billing=(
                BillingLoop(
                    npi=RIVERBEND_NPI,
                    name="RIVERBEND COUNSELING PLLC",
                    tax_id=RIVERBEND_TIN.replace("-", ""),
                    claims=(
                        claim(1, CIGNA_ID, MAYA, line("2026-05-04", "90837", "180.00")),
                        claim(
                            2,
                            OPTUM_ID,
                            DANIEL,
                            line("2026-05-04", "90834", "140.00"),
                            line("2026-05-04", "90785", "25.00"),
                        ),
                        claim(3, CIGNA_ID, JORDAN, line("2026-05-05", "90847", "160.00")),
                        claim(4, OPTUM_ID, JORDAN, line("2026-05-05", "90847", "160.00")),
                        claim(5, AETNA_ID, NOAH, line("2026-05-06", "90791", "220.00")),
                        claim(6, CIGNA_ID, NOAH, line("2026-05-06", "90791", "220.00")),
                        claim(7, HUMANA_ID, MAYA, line("2026-05-07", "90837", "180.00")),
                        # Sent without the rendering clinician.
                        claim(8, CIGNA_ID, None, line("2026-05-07", "90837", "180.00")),
                    ),
                ),
                # Keyed with the EIN's last two digits swapped.
                BillingLoop(
                    npi=RIVERBEND_NPI,
                    name="RIVERBEND COUNSELING PLLC",
                    tax_id="872045631",
                    claims=(claim(9, AETNA_ID, MAYA, line("2026-05-07", "90837", "180.00")),),
                ),
            ),
        )
    ]
)


def main() -> None:
    """Write the sample files."""
    DATA.mkdir(exist_ok=True)
    (DATA / "demo_book.json").write_text(to_json(BOOK) + "\n", encoding="utf-8")
    write_book(BOOK, DATA / "demo_tables")
    (DATA / "demo_provider.json").write_text(to_json(SOFIA) + "\n", encoding="utf-8")
    with (DATA / "demo_claims.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["provider", "payer", "practice", "date", "service", "state"])
        writer.writerows((str(a), b, c, d, e, f) for a, b, c, d, e, f in CLAIMS)
    (DATA / "demo_claims.837").write_text(BATCH, encoding="utf-8")
    print(f"wrote {BOOK} to {DATA}")


if __name__ == "__main__":
    main()
