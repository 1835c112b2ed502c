"""credkit: insurance-panel credentialing and contracting for therapy practices.

Ask, on a date you pass in, whether a provider can bill a payer through a
practice, whether a practice is eligible for a group contract, and what adding
a provider requires; every answer carries its reasons. Plan ahead: whether a
provider is ready to credential, what falls due, what a move between practices
means, and whether to contract as individuals or as a group.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        group_eligibility,
        medicare_options,
        moving_provider,
        recommend_enrollment,
        revenue_at_risk,
    )
    from credkit.rules.deadlines import deadlines
    from credkit.scrub import ScrubbedLine, ScrubSummary
    from credkit.serde import from_json, structure, to_json, unstructure
    from credkit.service_line import ServiceLine

# Where each public name lives. ``import credkit`` imports none of them: a name is
# imported from its module when first asked for (PEP 562), so a program pays for
# attrs, cattrs, python-stdnum and the rules only as far as it uses them.
_SOURCES = {
    "Affiliation": "credkit.practice",
    "BackgroundCheck": "credkit.provider",
    "BillingIdentity": "credkit.answers",
    "Book": "credkit.book",
    "Certification": "credkit.provider",
    "CheckedColumns": "credkit.answers",
    "Claim": "credkit.claim",
    "Code": "credkit.answers",
    "Contract": "credkit.contract",
    "ContractStatus": "credkit.contract",
    "Credential": "credkit.credential",
    "CredentialStatus": "credkit.credential",
    "CredkitError": "credkit.errors",
    "Deadline": "credkit.advice",
    "DeadlineKind": "credkit.advice",
    "EIN": "credkit.identifiers",
    "Education": "credkit.provider",
    "Employment": "credkit.provider",
    "Group": "credkit.contract",
    "GroupEligibility": "credkit.answers",
    "Holder": "credkit.contract",
    "Individual": "credkit.contract",
    "InvalidData": "credkit.errors",
    "InvalidIdentifier": "credkit.errors",
    "InvalidPeriod": "credkit.errors",
    "InvalidValue": "credkit.errors",
    "LiabilityPolicy": "credkit.provider",
    "License": "credkit.provider",
    "LicenseStatus": "credkit.provider",
    "Matrix": "credkit.answers",
    "MedicareOption": "credkit.advice",
    "MedicareOptions": "credkit.advice",
    "MedicarePosition": "credkit.advice",
    "Milestone": "credkit.progress",
    "MilestoneKind": "credkit.progress",
    "Move": "credkit.advice",
    "MoveStep": "credkit.advice",
    "MoveStepKind": "credkit.advice",
    "NPI": "credkit.identifiers",
    "OptOut": "credkit.opt_out",
    "Path": "credkit.answers",
    "PayTo": "credkit.contract",
    "Payer": "credkit.payer",
    "PayerRules": "credkit.payer",
    "Pending": "credkit.progress",
    "Period": "credkit.periods",
    "Plan": "credkit.answers",
    "Practice": "credkit.practice",
    "Profession": "credkit.provider",
    "Provider": "credkit.provider",
    "Readiness": "credkit.advice",
    "Reason": "credkit.answers",
    "Recommendation": "credkit.advice",
    "RevenueAtRisk": "credkit.progress",
    "Road": "credkit.progress",
    "SSN": "credkit.identifiers",
    "ScrubSummary": "credkit.scrub",
    "ScrubbedLine": "credkit.scrub",
    "ServiceLine": "credkit.service_line",
    "Span": "credkit.progress",
    "Stage": "credkit.progress",
    "State": "credkit.identifiers",
    "Step": "credkit.answers",
    "StepKind": "credkit.answers",
    "TaxId": "credkit.identifiers",
    "Timeline": "credkit.progress",
    "UnknownId": "credkit.errors",
    "Verdict": "credkit.answers",
    "adding_provider": "credkit.rules",
    "can_bill": "credkit.rules",
    "catalog": "credkit.catalog",
    "credentialing_readiness": "credkit.rules",
    "deadlines": "credkit.rules",
    "from_json": "credkit.serde",
    "group_eligibility": "credkit.rules",
    "medicare_options": "credkit.rules",
    "moving_provider": "credkit.rules",
    "parse_tax_id": "credkit.identifiers",
    "recommend_enrollment": "credkit.rules",
    "revenue_at_risk": "credkit.rules",
    "structure": "credkit.serde",
    "to_json": "credkit.serde",
    "unstructure": "credkit.serde",
}

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


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for.

    ``credkit.__version__`` is the installed distribution's version, from its
    metadata (pyproject.toml is the one place the version is written).

    >>> import credkit, importlib.metadata
    >>> credkit.__version__ == importlib.metadata.version("credkit")
    True
    >>> credkit.Book is __import__("credkit.book").book.Book
    True
    """
    if name == "__version__":
        # Imported here, not above: most programs that import credkit never ask.
        from importlib.metadata import version  # noqa: PLC0415

        globals()["__version__"] = found = version("credkit")
        return found
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'credkit' has no attribute {name!r}")
    value: Any = import_module(module)
    if module != f"credkit.{name}":
        value = getattr(value, name)
    # Kept as a global, as an import would have: the next access is a plain lookup.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, with every public name, imported or not yet."""
    return sorted({*globals(), *__all__})
