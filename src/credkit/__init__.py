"""credkit: insurance-panel credentialing and contracting for therapy practices.

Ask, on a date you pass in, whether a provider can bill a payer through a
practice, whether a practice is eligible for a group contract, and what adding
a provider requires; every answer carries its reasons. Plan ahead: whether a
provider is ready to credential, what falls due, what a move between practices
means, and whether to contract as individuals or as a group.
"""

from credkit import catalog
from credkit.advice import (
    Deadline,
    DeadlineKind,
    MedicareOption,
    MedicareOptions,
    MedicarePosition,
    Move,
    MoveStep,
    MoveStepKind,
    Readiness,
    Recommendation,
)
from credkit.answers import (
    BillingIdentity,
    CheckedColumns,
    Code,
    GroupEligibility,
    Matrix,
    Path,
    Plan,
    Reason,
    Step,
    StepKind,
    Verdict,
)
from credkit.book import Book
from credkit.claim import Claim
from credkit.contract import Contract, ContractStatus, Group, Holder, Individual, PayTo
from credkit.credential import Credential, CredentialStatus
from credkit.errors import (
    CredkitError,
    InvalidData,
    InvalidIdentifier,
    InvalidPeriod,
    InvalidValue,
    UnknownId,
)
from credkit.identifiers import EIN, NPI, SSN, State, TaxId, parse_tax_id
from credkit.opt_out import OptOut
from credkit.payer import Payer, PayerRules
from credkit.periods import Period
from credkit.practice import Affiliation, Practice
from credkit.progress import (
    Milestone,
    MilestoneKind,
    Pending,
    RevenueAtRisk,
    Road,
    Span,
    Stage,
    Timeline,
)
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
from credkit.rules import (
    adding_provider,
    can_bill,
    credentialing_readiness,
    deadlines,
    group_eligibility,
    medicare_options,
    moving_provider,
    recommend_enrollment,
    revenue_at_risk,
)
from credkit.scrub import ScrubbedLine, ScrubSummary
from credkit.serde import from_json, structure, to_json, unstructure
from credkit.service_line import ServiceLine

__all__ = [
    "EIN",
    "NPI",
    "SSN",
    "Affiliation",
    "BackgroundCheck",
    "BillingIdentity",
    "Book",
    "Certification",
    "CheckedColumns",
    "Claim",
    "Code",
    "Contract",
    "ContractStatus",
    "Credential",
    "CredentialStatus",
    "CredkitError",
    "Deadline",
    "DeadlineKind",
    "Education",
    "Employment",
    "Group",
    "GroupEligibility",
    "Holder",
    "Individual",
    "InvalidData",
    "InvalidIdentifier",
    "InvalidPeriod",
    "InvalidValue",
    "LiabilityPolicy",
    "License",
    "LicenseStatus",
    "Matrix",
    "MedicareOption",
    "MedicareOptions",
    "MedicarePosition",
    "Milestone",
    "MilestoneKind",
    "Move",
    "MoveStep",
    "MoveStepKind",
    "OptOut",
    "Path",
    "PayTo",
    "Payer",
    "PayerRules",
    "Pending",
    "Period",
    "Plan",
    "Practice",
    "Profession",
    "Provider",
    "Readiness",
    "Reason",
    "Recommendation",
    "RevenueAtRisk",
    "Road",
    "ScrubSummary",
    "ScrubbedLine",
    "ServiceLine",
    "Span",
    "Stage",
    "State",
    "Step",
    "StepKind",
    "TaxId",
    "Timeline",
    "UnknownId",
    "Verdict",
    "adding_provider",
    "can_bill",
    "catalog",
    "credentialing_readiness",
    "deadlines",
    "from_json",
    "group_eligibility",
    "medicare_options",
    "moving_provider",
    "parse_tax_id",
    "recommend_enrollment",
    "revenue_at_risk",
    "structure",
    "to_json",
    "unstructure",
]


def __getattr__(name: str) -> str:
    """``credkit.__version__``: the installed distribution's version, from its metadata.

    Read when first asked, so that ``import credkit`` does not import
    ``importlib.metadata``; pyproject.toml is the one place the version is written.

    >>> import credkit, importlib.metadata
    >>> credkit.__version__ == importlib.metadata.version("credkit")
    True
    """
    if name == "__version__":
        # Imported here, not above: most programs that import credkit never ask.
        from importlib.metadata import version  # noqa: PLC0415

        globals()["__version__"] = found = version("credkit")
        return found
    raise AttributeError(f"module 'credkit' has no attribute {name!r}")
