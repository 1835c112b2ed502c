"""The billing identity on a service line, against what the payer loads for the contract.

:func:`identity_mismatches` is the second half of scrubbing a line: once
``can_bill`` allows it, the billing NPI, tax id and rendering NPI the line carries
must be those of the verdict's billing identity, or the payer denies the claim.
"""

from credkit._convert import describe
from credkit.answers import Code, Reason, Verdict
from credkit.errors import InvalidValue
from credkit.payer import Payer
from credkit.rules._common import argument, reason
from credkit.service_line import ServiceLine

__all__ = ["group_claim_without_rendering", "identity_mismatches"]


def identity_mismatches(line: ServiceLine, verdict: Verdict, payer: Payer) -> tuple[Reason, ...]:
    """What differs between the line's billing identity and an allowed verdict's.

    A rendering NPI equal to the line's billing NPI says the billing provider
    rendered the service, as sending none does.

    >>> from credkit import BillingIdentity, Contract, Group, Period, ServiceLine, Verdict
    >>> contract = Contract(id="c-1", payer="cigna", holder=Group(practice="12-3456789"),
    ...     status="executed", signed="2024-01-01", effective=Period("2024-01-01"))
    >>> expected = BillingIdentity(billing_npi="1558598797", tax_id="12-3456789",
    ...     rendering_npi="1234567893")
    >>> verdict = Verdict(allowed=True, contract=contract, billing=expected)
    >>> line = ServiceLine(claim_id="A1", line=1, billing_npi="1234567893",
    ...     tax_id="12-3456789", payer_id="62308", service_from="2025-03-04",
    ...     service="90837", charge="150")
    >>> for found in identity_mismatches(line, verdict, Payer(id="cigna", name="Cigna")):
    ...     print(found)
    billing_npi_mismatch: the claim bills under NPI 1234567893 (loop 2010AA), but Cigna contract c-1 loads billing NPI 1558598797
    rendering_npi_mismatch: the claim names no rendering provider, but Cigna contract c-1 bills under NPI 1558598797, so the rendering NPI 1234567893 must be sent (loop 2310B)
    """
    line = argument(ServiceLine, line, "line")
    verdict = argument(Verdict, verdict, "verdict")
    payer = argument(Payer, payer, "payer")
    expected, contract = verdict.billing, verdict.contract
    # An allowed verdict has both.
    assert expected is not None
    assert contract is not None
    where = f"{payer.name} contract {contract.id}"
    found = []
    if line.billing_npi != expected.billing_npi:
        found.append(
            reason(
                Code.BILLING_NPI_MISMATCH,
                f"the claim bills under NPI {line.billing_npi} (loop 2010AA), but {where} "
                f"loads billing NPI {expected.billing_npi}",
            )
        )
    if line.tax_id != expected.tax_id:
        found.append(
            reason(
                Code.TAX_ID_MISMATCH,
                f"the claim's tax id is {line.tax_id} (loop 2010AA REF), but {where} "
                f"loads tax id {expected.tax_id}",
            )
        )
    sent = None if line.rendering_npi == line.billing_npi else line.rendering_npi
    if sent != expected.rendering_npi:
        if sent is None:
            message = (
                f"the claim names no rendering provider, but {where} bills under NPI "
                f"{expected.billing_npi}, so the rendering NPI {expected.rendering_npi} "
                "must be sent (loop 2310B)"
            )
        else:
            # The provider checked is the one the line names, so the contract expects
            # either that NPI as rendering provider or none at all: here, none.
            message = (
                f"the claim names rendering NPI {sent} (loop 2420A or 2310B), but {where} "
                f"bills {sent}'s services under that NPI itself, with no rendering provider"
            )
        found.append(reason(Code.RENDERING_NPI_MISMATCH, message))
    return tuple(found)


def group_claim_without_rendering(line: ServiceLine, practice_name: str) -> Reason:
    """A line billed under a group's NPI that names no one as having rendered it.

    >>> line = ServiceLine(claim_id="A1", line=1, billing_npi="1558598797",
    ...     tax_id="12-3456789", payer_id="62308", service_from="2025-03-04",
    ...     service="90837", charge="150")
    >>> print(group_claim_without_rendering(line, "Harbor Therapy"))
    rendering_npi_mismatch: the claim names no rendering provider, but billing NPI 1558598797 is Harbor Therapy's group NPI: send the clinician's NPI as the rendering provider (loop 2310B)
    """
    line = argument(ServiceLine, line, "line")
    if not isinstance(practice_name, str) or not practice_name.strip():
        raise InvalidValue(
            f"expected the practice's name, got {describe(practice_name)}",
            owner="argument",
            attribute="practice_name",
        )
    return reason(
        Code.RENDERING_NPI_MISMATCH,
        f"the claim names no rendering provider, but billing NPI {line.billing_npi} is "
        f"{practice_name}'s group NPI: send the clinician's NPI as the rendering provider "
        "(loop 2310B)",
    )
