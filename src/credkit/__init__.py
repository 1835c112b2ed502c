"""credkit: insurance-panel credentialing and contracting for therapy practices.

Ask, on a date you pass in, whether a provider can bill a payer through a
practice, whether a practice is eligible for a group contract, and what adding
a provider requires; every answer carries its reasons.
"""

from credkit.claim import Claim
from credkit.contract import Contract, ContractStatus, Group, Holder, Individual, PayTo
from credkit.credential import Credential, CredentialStatus
from credkit.errors import (
    CredkitError,
    InvalidData,
    InvalidIdentifier,
    InvalidPeriod,
    InvalidValue,
)
from credkit.identifiers import EIN, NPI, SSN, State, TaxId, parse_tax_id
from credkit.payer import Payer, PayerRules
from credkit.periods import Period
from credkit.practice import Affiliation, Practice
from credkit.provider import (
    BackgroundCheck,
    Certification,
    Education,
    Employment,
    LiabilityPolicy,
    License,
    LicenseStatus,
    Profession,
    Provider,
)
from credkit.serde import from_json, structure, to_json, unstructure

__all__ = [
    "EIN",
    "NPI",
    "SSN",
    "Affiliation",
    "BackgroundCheck",
    "Certification",
    "Claim",
    "Contract",
    "ContractStatus",
    "Credential",
    "CredentialStatus",
    "CredkitError",
    "Education",
    "Employment",
    "Group",
    "Holder",
    "Individual",
    "InvalidData",
    "InvalidIdentifier",
    "InvalidPeriod",
    "InvalidValue",
    "LiabilityPolicy",
    "License",
    "LicenseStatus",
    "PayTo",
    "Payer",
    "PayerRules",
    "Period",
    "Practice",
    "Profession",
    "Provider",
    "State",
    "TaxId",
    "from_json",
    "parse_tax_id",
    "structure",
    "to_json",
    "unstructure",
]

__version__ = "0.1.0.dev0"
