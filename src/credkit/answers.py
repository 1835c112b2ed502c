"""The answers: frozen results that are truthy exactly when the answer is yes.

Every answer carries all of its findings, not just the first, each as a
:class:`Reason` with a stable :class:`Code` for scripts and a message for people.
"""

from decimal import Decimal
from typing import Any, TypeVar

import attrs

from credkit._convert import (
    locate_errors,
    not_blank,
    strict_bool,
    to_enum,
    to_money,
    to_payer_id,
    tuple_of,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_optional_npi, to_tax_id
from credkit.contract import Contract
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN

__all__ = [
    "BillingIdentity",
    "Code",
    "GroupEligibility",
    "Path",
    "Plan",
    "Reason",
    "Step",
    "StepKind",
    "Verdict",
]


A = TypeVar("A")


def checked(kind: type[A], **values: Any) -> A:
    """Build an answer from values the rules have already produced and checked.

    The rules build answers by the hundred thousand in a batch; their inputs are
    validated values and their logic keeps every answer's invariants (the property
    tests rebuild each answer through its constructor to confirm it), so the
    conversion and validation the public constructor does for outside input are
    skipped here.
    """
    answer = object.__new__(kind)
    for name, value in values.items():
        object.__setattr__(answer, name, value)
    return answer


class Code(CredkitEnum):
    """Why an answer is what it is: a stable code for scripts to branch on.

    ``docs/guide.md`` lists every code with what to do about it.

    >>> Code("not_on_roster") is Code.NOT_ON_ROSTER
    True
    """

    # can_bill, in the order its checks run
    NOT_ON_ROSTER = "not_on_roster"
    NOT_LICENSED = "not_licensed"
    PROFESSION_NOT_ACCEPTED = "profession_not_accepted"
    NOT_CREDENTIALED = "not_credentialed"
    CREDENTIALING_PENDING = "credentialing_pending"
    CREDENTIALING_DENIED = "credentialing_denied"
    CREDENTIAL_NOT_IN_EFFECT = "credential_not_in_effect"
    NOT_CONTRACTED = "not_contracted"
    CONTRACT_NOT_SIGNED = "contract_not_signed"
    CONTRACT_NOT_IN_EFFECT = "contract_not_in_effect"
    NOT_ON_GROUP_CONTRACT = "not_on_group_contract"
    NOT_LINKED_TO_PRACTICE = "not_linked_to_practice"
    SERVICE_NOT_COVERED = "service_not_covered"
    # a Book asked about an id it does not hold
    UNKNOWN_PROVIDER = "unknown_provider"
    UNKNOWN_PAYER = "unknown_payer"
    UNKNOWN_PRACTICE = "unknown_practice"
    # group_eligibility
    NO_GROUP_CONTRACTS = "no_group_contracts"
    BELOW_GROUP_MINIMUM = "below_group_minimum"
    NEEDS_EIN = "needs_ein"
    NEEDS_GROUP_NPI = "needs_group_npi"
    # adding_provider
    PANEL_CLOSED = "panel_closed"
    INDIVIDUAL_CONTRACTS_UNAVAILABLE = "individual_contracts_unavailable"
    # notes
    PAYS_PROVIDER_SSN = "pays_provider_ssn"
    RETRO_BILLING = "retro_billing"
    # credentialing_readiness (with not_licensed and profession_not_accepted)
    CERTIFICATION_EXPIRED = "certification_expired"
    WORK_HISTORY_SHORT = "work_history_short"
    WORK_HISTORY_GAP = "work_history_gap"
    LIABILITY_MISSING = "liability_missing"
    LIABILITY_BELOW_MINIMUM = "liability_below_minimum"
    BACKGROUND_CHECK_MISSING = "background_check_missing"
    BACKGROUND_CHECK_FAILED = "background_check_failed"
    CAQH_MISSING = "caqh_missing"
    CAQH_ATTESTATION_STALE = "caqh_attestation_stale"


def _to_code(value: object) -> Code:
    return to_enum(Code, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Reason:
    """One finding: a :class:`Code` and a message that says what it means here.

    >>> reason = Reason(code="not_on_roster", message="Ana Ruiz is not on the roster")
    >>> reason.code, str(reason)
    (<Code.NOT_ON_ROSTER: 'not_on_roster'>, 'not_on_roster: Ana Ruiz is not on the roster')
    """

    code: Code = attrs.field(converter=_to_code)
    message: str = attrs.field(validator=not_blank)

    def __str__(self) -> str:
        return f"{self.code.value}: {self.message}"


def _to_reasons(value: object) -> tuple[Reason, ...]:
    return tuple_of(Reason, value)


def _to_optional_money(value: object) -> Decimal | None:
    return None if value is None else to_money(value)


def _to_optional_contract(value: object) -> Contract | None:
    if value is not None and not isinstance(value, Contract):
        raise InvalidValue(f"expected a Contract or None, got {type(value).__name__}")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class BillingIdentity:
    """What goes on the claim: billing NPI, its tax id, and the rendering NPI when it differs.

    The billing provider is box 33a of the CMS-1500 (loop 2010AA of the 837P), its
    tax id box 25, and the rendering provider box 24J (loop 2310B).

    >>> identity = BillingIdentity(billing_npi="1558598797", tax_id="12-3456789",
    ...                            rendering_npi="1234567893")
    >>> str(identity)
    'billing NPI 1558598797, tax id 12-3456789, rendering NPI 1234567893'
    """

    billing_npi: NPI = attrs.field(converter=to_npi)
    tax_id: EIN | SSN = attrs.field(converter=to_tax_id)
    rendering_npi: NPI | None = attrs.field(default=None, converter=to_optional_npi)

    def __attrs_post_init__(self) -> None:
        if self.rendering_npi == self.billing_npi:
            raise InvalidValue(
                "is sent only when it differs from the billing NPI; leave it None",
                owner="BillingIdentity",
                attribute="rendering_npi",
            )

    def __str__(self) -> str:
        rendering = f", rendering NPI {self.rendering_npi}" if self.rendering_npi else ""
        return f"billing NPI {self.billing_npi}, tax id {self.tax_id}{rendering}"


def _to_optional_billing(value: object) -> BillingIdentity | None:
    if value is not None and not isinstance(value, BillingIdentity):
        raise InvalidValue(f"expected a BillingIdentity or None, got {type(value).__name__}")
    return value


@locate_errors
@attrs.frozen(kw_only=True)
class Verdict:
    """Whether a claim can be billed: truthy exactly when ``allowed``.

    ``reasons`` are every blocking finding (empty when allowed), ``notes`` the
    cautions that do not block. When allowed, ``contract`` is the contract that
    authorizes the claim, ``billing`` what goes on it, and ``rate`` the contracted
    rate for the service (``None`` if no service was given or no rate is listed);
    when refused all three are ``None``.

    >>> refused = Verdict(allowed=False, reasons=[Reason(code="not_contracted", message="no contract")])
    >>> bool(refused), refused.codes
    (False, (<Code.NOT_CONTRACTED: 'not_contracted'>,))
    """

    allowed: bool = attrs.field(validator=strict_bool)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)
    notes: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)
    contract: Contract | None = attrs.field(default=None, converter=_to_optional_contract)
    billing: BillingIdentity | None = attrs.field(default=None, converter=_to_optional_billing)
    rate: Decimal | None = attrs.field(default=None, converter=_to_optional_money)

    def __attrs_post_init__(self) -> None:
        if self.allowed == bool(self.reasons):
            rule = (
                "an allowed verdict has no blocking reasons"
                if self.allowed
                else "a refused verdict says why: give at least one reason"
            )
            raise InvalidValue(rule, owner="Verdict", attribute="reasons")
        if self.allowed and (self.contract is None or self.billing is None):
            raise InvalidValue(
                "an allowed verdict names its contract and billing identity",
                owner="Verdict",
                attribute="contract" if self.contract is None else "billing",
            )
        if not self.allowed:
            for name in ("contract", "billing", "rate"):
                if getattr(self, name) is not None:
                    raise InvalidValue(
                        "a refused verdict has no contract, billing identity or rate",
                        owner="Verdict",
                        attribute=name,
                    )

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes of the blocking reasons, in order."""
        return tuple(reason.code for reason in self.reasons)


def _to_optional_count(value: object) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InvalidValue(f"expected a whole number or None, got {type(value).__name__}")
    return value


def _to_npis(value: object) -> tuple[NPI, ...]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise InvalidValue(f"expected a list of NPIs, got {type(value).__name__}")
    return tuple(to_npi(item) for item in value)


@locate_errors
@attrs.frozen(kw_only=True)
class GroupEligibility:
    """Whether a practice qualifies for a payer's group contract: truthy exactly when ``eligible``.

    ``count`` is how many providers on the roster count toward the payer's
    ``minimum`` (``counted`` lists them) and ``shortfall`` how many more are needed;
    ``minimum`` and ``shortfall`` are ``None`` when the payer offers no group contracts.

    >>> answer = GroupEligibility(eligible=False, minimum=4, count=3, shortfall=1,
    ...     counted=["1234567893", "1558598797", "1245319599"],
    ...     reasons=[Reason(code="below_group_minimum", message="3 of 4")])
    >>> bool(answer), answer.shortfall
    (False, 1)
    """

    eligible: bool = attrs.field(validator=strict_bool)
    minimum: int | None = attrs.field(converter=_to_optional_count)
    count: int = attrs.field()
    shortfall: int | None = attrs.field(converter=_to_optional_count)
    counted: tuple[NPI, ...] = attrs.field(default=(), converter=_to_npis)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)

    @count.validator
    def _count_is_whole(self, attribute: "attrs.Attribute[int]", value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidValue(
                "must be a whole number, not negative", owner="GroupEligibility", attribute="count"
            )

    def __attrs_post_init__(self) -> None:
        def refuse(rule: str, attribute: str) -> None:
            raise InvalidValue(rule, owner="GroupEligibility", attribute=attribute)

        if self.eligible == bool(self.reasons):
            refuse("eligible exactly when there are no reasons against it", "reasons")
        if len(self.counted) != self.count:
            refuse(f"lists {len(self.counted)} providers but the count is {self.count}", "counted")
        if self.minimum is None:
            if self.shortfall is not None:
                refuse(
                    "is None when the payer offers no group contracts (minimum None)", "shortfall"
                )
            if self.eligible:
                refuse("cannot be true when the payer offers no group contracts", "eligible")
        elif self.shortfall != max(0, self.minimum - self.count):
            refuse(
                f"must be max(0, minimum - count) = {max(0, self.minimum - self.count)}",
                "shortfall",
            )
        elif self.eligible and self.shortfall:
            refuse("cannot be true while providers are short of the minimum", "eligible")

    def __bool__(self) -> bool:
        return self.eligible

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes of the reasons, in order."""
        return tuple(reason.code for reason in self.reasons)


class Path(CredkitEnum):
    """How a provider joins a payer's panel at a practice.

    >>> Path("port_individual_contract")
    <Path.PORT_INDIVIDUAL_CONTRACT: 'port_individual_contract'>
    """

    ADD_TO_GROUP_CONTRACT = "add_to_group_contract"
    PORT_INDIVIDUAL_CONTRACT = "port_individual_contract"
    NEW_INDIVIDUAL_CONTRACT = "new_individual_contract"
    UNAVAILABLE = "unavailable"


class StepKind(CredkitEnum):
    """One kind of step toward billing a payer, in the order they are done.

    >>> [kind.value for kind in StepKind][:2]
    ['obtain_license', 'join_roster']
    """

    OBTAIN_LICENSE = "obtain_license"
    JOIN_ROSTER = "join_roster"
    CREDENTIAL = "credential"
    SIGN_INDIVIDUAL_CONTRACT = "sign_individual_contract"
    LINK_CONTRACT_TO_PRACTICE = "link_contract_to_practice"
    ADD_TO_GROUP_CONTRACT = "add_to_group_contract"


def _to_step_kind(value: object) -> StepKind:
    return to_enum(StepKind, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Step:
    """One thing to do, and the details that make it concrete.

    >>> str(Step(kind="credential", detail="apply to Cigna"))
    'credential: apply to Cigna'
    """

    kind: StepKind = attrs.field(converter=_to_step_kind)
    detail: str = attrs.field(validator=not_blank)

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}"


def _to_path(value: object) -> Path:
    return to_enum(Path, value)


def _to_steps(value: object) -> tuple[Step, ...]:
    return tuple_of(Step, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Plan:
    """What bringing a provider onto one payer's panel at a practice takes.

    Truthy exactly when nothing blocks it (``blockers`` is empty). ``guaranteed``
    means the payer may not refuse the contract itself; credentialing must still pass.

    >>> plan = Plan(payer="cigna", path="add_to_group_contract", guaranteed=True,
    ...             steps=[Step(kind="credential", detail="apply to Cigna")])
    >>> bool(plan), plan.path.value, [step.kind.value for step in plan.steps]
    (True, 'add_to_group_contract', ['credential'])
    """

    payer: str = attrs.field(converter=to_payer_id)
    path: Path = attrs.field(converter=_to_path)
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_to_steps)
    guaranteed: bool = attrs.field(default=False, validator=strict_bool)
    blockers: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)
    notes: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)
    becomes_group_eligible: bool = attrs.field(default=False, validator=strict_bool)

    def __attrs_post_init__(self) -> None:
        if self.guaranteed and self.blockers:
            raise InvalidValue(
                "a plan with blockers cannot be guaranteed", owner="Plan", attribute="guaranteed"
            )
        if self.path is Path.UNAVAILABLE and not self.blockers:
            raise InvalidValue(
                "an unavailable path says why: give at least one blocker",
                owner="Plan",
                attribute="blockers",
            )

    def __bool__(self) -> bool:
        return not self.blockers

    @property
    def step_kinds(self) -> tuple[StepKind, ...]:
        """The kinds of the steps, in order."""
        return tuple(step.kind for step in self.steps)
