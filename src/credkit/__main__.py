"""``python -m credkit``: a small worked example of credkit's values and their data."""

from credkit import (
    Affiliation,
    Contract,
    Individual,
    License,
    PayTo,
    Period,
    Practice,
    Provider,
    to_json,
)


def main() -> None:
    """Print a solo clinician, the practice she bills through, and her contract as JSON."""
    ana = Provider(
        npi="1234567893",
        name="Ana Ruiz, LCSW",
        licenses=[
            License(
                state="NY",
                profession="clinical_social_worker",
                number="LCSW-081234",
                effective=Period("2023-01-01", "2025-12-31"),
            )
        ],
    )
    practice = Practice(
        name="Harbor Therapy",
        tin="12-3456789",
        npi="1558598797",
        states=["NY"],
        roster=[Affiliation(provider=ana.npi, effective=Period("2024-01-01"))],
    )
    contract = Contract(
        id="aetna-ana",
        payer="aetna",
        holder=Individual(provider=ana.npi),
        status="executed",
        signed="2024-02-15",
        effective=Period("2024-03-01"),
        pay_to=[PayTo(tin=practice.tin, npi="1558598797", effective=Period("2024-03-01"))],
        rates={"90837": "142.50", "90834": "110.00"},
    )
    print(f"{ana}, licensed in {', '.join(sorted(lic.state for lic in ana.licenses))}")
    print(f"bills through {practice}")
    print("her individual contract, as credkit writes it:")
    print(to_json(contract))


if __name__ == "__main__":
    main()
