"""The answers: frozen results that are truthy exactly when the answer is yes.

Every answer carries all of its findings, not just the first, each as a
:class:`Reason` with a stable :class:`Code` for scripts and a message for people.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from credkit import _display as display
from credkit._convert import (
    MAX_PROVIDERS,
    describe,
    locate_errors,
    not_blank,
    strict_bool,
    to_date,
    to_enum,
    to_money,
    to_payer_id,
    tuple_of,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_optional_npi, to_tax_id
from credkit._frozen import FrozenDict
from credkit.contract import Contract
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN

__all__ = [
    "BillingIdentity",
    "CheckedColumns",
    "Code",
    "GroupEligibility",
    "Matrix",
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
    # Book.scrub: the billing identity on an 837P line against what the payer loads
    BILLING_NPI_MISMATCH = "billing_npi_mismatch"
    TAX_ID_MISMATCH = "tax_id_mismatch"
    RENDERING_NPI_MISMATCH = "rendering_npi_mismatch"
    OPTED_OUT = "opted_out"
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
    # recommend_enrollment (with no_group_contracts, below_group_minimum, needs_ein,
    # needs_group_npi, individual_contracts_unavailable and panel_closed)
    STAYING_SOLO = "staying_solo"
    GROUP_ELIGIBLE = "group_eligible"
    GROUP_ELIGIBLE_WITH_HIRES = "group_eligible_with_hires"


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


# --- showing answers: one-line reprs, text for print(), HTML for notebooks ---------


_plural = display.plural


def _amount(amount: Decimal) -> str:
    return format(amount, "f")


def _codes(reasons: Iterable[Reason]) -> str:
    return ", ".join(reason.code.value for reason in reasons)


def _section(title: str, items: Iterable[object]) -> list[str]:
    """A titled block of indented lines, or nothing when there are no items."""
    lines = [f"  {item}" for item in items]
    return [f"{title}:", *lines] if lines else []


def _reason_rows(label: str, reasons: Iterable[Reason]) -> list[display.Markup]:
    return [
        display.row(label, display.code(reason.code.value), reason.message) for reason in reasons
    ]


_pretty = display.pretty


def _to_reasons(value: object) -> tuple[Reason, ...]:
    return tuple_of(Reason, value)


def _to_optional_money(value: object) -> Decimal | None:
    return None if value is None else to_money(value)


def _to_optional_contract(value: object) -> Contract | None:
    if value is not None and not isinstance(value, Contract):
        raise InvalidValue(f"expected a Contract or None, got {describe(value)}")
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
        raise InvalidValue(f"expected a BillingIdentity or None, got {describe(value)}")
    return value


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
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

    def _granted(self) -> list[tuple[str, str]]:
        """What an allowed verdict grants, as (label, value): contract, billing identity, rate."""
        shown = []
        if self.contract is not None:
            shown.append(("contract", display.inline(self.contract.id)))
        if self.billing is not None:
            shown.append(("billing NPI", str(self.billing.billing_npi)))
            shown.append(("tax id", str(self.billing.tax_id)))
            if self.billing.rendering_npi is not None:
                shown.append(("rendering NPI", str(self.billing.rendering_npi)))
        if self.rate is not None:
            shown.append(("rate", _amount(self.rate)))
        return shown

    def __repr__(self) -> str:
        if self.allowed:
            answer = "allowed: " + ", ".join(f"{label} {value}" for label, value in self._granted())
        else:
            answer = f"refused: {_codes(self.reasons)}"
        notes = f"; notes: {_codes(self.notes)}" if self.notes else ""
        return f"<Verdict {answer}{notes}>"

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        if self.allowed:
            granted = dict(self._granted())
            lines = [f"allowed under contract {granted.get('contract')}", str(self.billing)]
            if "rate" in granted:
                lines.append(f"rate {granted['rate']}")
        else:
            lines = ["refused", *_section("reasons", self.reasons)]
        return "\n".join([*lines, *_section("notes", self.notes)])

    def _repr_html_(self) -> str:
        granted = [display.row(label, value) for label, value in self._granted()]
        return display.table(
            f"Verdict: {'allowed' if self.allowed else 'refused'}",
            [*granted, *_reason_rows("reason", self.reasons), *_reason_rows("note", self.notes)],
            kind="credkit-verdict",
        )


def _column(value: object, convert: Any, what: str) -> tuple[Any, ...]:
    """A column: a tuple of ``convert(item)`` for each item of a list or tuple."""
    if not isinstance(value, list | tuple):
        raise InvalidValue(f"expected a list of {what}, got {describe(value)}")
    found = []
    for index, item in enumerate(value):
        try:
            found.append(convert(item))
        except InvalidValue as error:
            raise InvalidValue(f"row {index}: {error.rule}") from None
    return tuple(found)


def _to_allowed_column(value: object) -> tuple[bool, ...]:
    def flag(item: object) -> bool:
        if not isinstance(item, bool):
            raise InvalidValue(f"expected true or false, got {describe(item)}")
        return item

    return _column(value, flag, "booleans")


def _to_codes_column(value: object) -> tuple[tuple[Code, ...], ...]:
    def codes(item: object) -> tuple[Code, ...]:
        if not isinstance(item, list | tuple):
            raise InvalidValue(f"expected a list of reason codes, got {describe(item)}")
        return tuple(_to_code(code) for code in item)

    return _column(value, codes, "lists of reason codes")


def _to_npi_column(value: object) -> tuple[NPI | None, ...]:
    return _column(value, to_optional_npi, "NPIs or None")


def _to_tax_id_column(value: object) -> tuple[EIN | SSN | None, ...]:
    return _column(value, lambda item: None if item is None else to_tax_id(item), "tax ids or None")


def _to_rate_column(value: object) -> tuple[Decimal | None, ...]:
    return _column(value, _to_optional_money, "rates or None")


def _to_verdicts_column(value: object) -> tuple[Verdict, ...] | None:
    if value is None:
        return None

    def one(item: object) -> Verdict:
        if not isinstance(item, Verdict):
            raise InvalidValue(f"expected a Verdict, got {describe(item)}")
        return item

    return _column(value, one, "Verdicts")


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
class CheckedColumns:
    """The verdicts of a batch of claims, column by column: what :meth:`Book.check_columns` gives.

    Row ``i`` of every column answers claim ``i``: ``allowed`` is the verdict's
    flag, ``codes`` its blocking reason codes (empty when allowed), and
    ``billing_npi``, ``tax_id`` and ``rendering_npi`` its billing identity and
    ``rate`` its rate (all ``None`` when refused; ``rendering_npi`` also when it
    is the billing NPI). ``verdicts`` holds the full :class:`Verdict` of each
    row when asked for, one object shared by every row it answers; else ``None``.
    A tax id that is an SSN shows masked, as everywhere.

    >>> checked = CheckedColumns(allowed=[True, False], codes=[[], ["not_contracted"]],
    ...     billing_npi=["1558598797", None], tax_id=["123-45-6789", None],
    ...     rendering_npi=["1234567893", None], rate=["140.00", None])
    >>> checked
    <CheckedColumns: 2 rows, 1 allowed, 1 refused>
    >>> checked.tax_id
    (SSN('***-**-6789'), None)
    >>> len(checked), checked.codes[1]
    (2, (<Code.NOT_CONTRACTED: 'not_contracted'>,))
    """

    allowed: tuple[bool, ...] = attrs.field(converter=_to_allowed_column)
    codes: tuple[tuple[Code, ...], ...] = attrs.field(converter=_to_codes_column)
    billing_npi: tuple[NPI | None, ...] = attrs.field(converter=_to_npi_column)
    tax_id: tuple[EIN | SSN | None, ...] = attrs.field(converter=_to_tax_id_column)
    rendering_npi: tuple[NPI | None, ...] = attrs.field(converter=_to_npi_column)
    rate: tuple[Decimal | None, ...] = attrs.field(converter=_to_rate_column)
    verdicts: tuple[Verdict, ...] | None = attrs.field(default=None, converter=_to_verdicts_column)

    def __attrs_post_init__(self) -> None:
        rows = len(self.allowed)
        for name in ("codes", "billing_npi", "tax_id", "rendering_npi", "rate", "verdicts"):
            column = getattr(self, name)
            if column is not None and len(column) != rows:
                raise InvalidValue(
                    f"has {len(column)} rows, but allowed has {rows}: every column has one "
                    "row per claim",
                    owner="CheckedColumns",
                    attribute=name,
                )
        for row, (flag, codes) in enumerate(zip(self.allowed, self.codes, strict=True)):
            if flag == bool(codes):
                raise InvalidValue(
                    f"row {row}: an allowed row has no reason codes, a refused row at least one",
                    owner="CheckedColumns",
                    attribute="codes",
                )

    def __len__(self) -> int:
        return len(self.allowed)

    def __repr__(self) -> str:
        rows = len(self.allowed)
        allowed = sum(self.allowed)
        return (
            f"<CheckedColumns: {_plural(rows, 'row')}, {allowed:,} allowed, "
            f"{rows - allowed:,} refused>"
        )


def _to_optional_count(value: object) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InvalidValue(f"expected a whole number or None, got {describe(value)}")
    if value is not None and not 0 <= value <= MAX_PROVIDERS:
        raise InvalidValue(f"must be a whole number from 0 to {MAX_PROVIDERS:,}")
    return value


def _to_npis(value: object) -> tuple[NPI, ...]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise InvalidValue(f"expected a list of NPIs, got {describe(value)}")
    return tuple(to_npi(item) for item in value)


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
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
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PROVIDERS:
            raise InvalidValue(
                f"must be a whole number from 0 to {MAX_PROVIDERS:,}",
                owner="GroupEligibility",
                attribute="count",
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

    def _summary(self) -> str:
        counting = f"{_plural(self.count, 'provider')} count{'s' if self.count == 1 else ''}"
        if self.minimum is None:
            return f"{counting}, no group contracts"
        short = f" ({self.shortfall} short)" if self.shortfall else ""
        return f"{counting}, {self.minimum} needed{short}"

    def __repr__(self) -> str:
        answer = "eligible" if self.eligible else "not eligible"
        reasons = f"; {_codes(self.reasons)}" if self.reasons else ""
        return f"<GroupEligibility {answer}: {self._summary()}{reasons}>"

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        answer = "eligible" if self.eligible else "not eligible"
        counted = ", ".join(str(npi) for npi in self.counted) or "none"
        lines = [f"{answer}: {self._summary()}", f"counted: {counted}"]
        return "\n".join([*lines, *_section("reasons", self.reasons)])

    def _repr_html_(self) -> str:
        rows = [display.row("providers counted", self.count)]
        if self.minimum is None:
            rows.append(display.row("minimum", "no group contracts"))
        else:
            rows.append(display.row("minimum", self.minimum))
            rows.append(display.row("shortfall", self.shortfall))
        if self.counted:
            rows.append(display.row("counted", ", ".join(str(npi) for npi in self.counted)))
        return display.table(
            f"Group eligibility: {'eligible' if self.eligible else 'not eligible'}",
            [*rows, *_reason_rows("reason", self.reasons)],
            kind="credkit-group-eligibility",
        )


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
@attrs.frozen(kw_only=True, repr=False)
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

    def __repr__(self) -> str:
        steps = _plural(len(self.steps), "step") if self.steps else "no steps"
        parts = [self.path.value, steps, "guaranteed" if self.guaranteed else "not guaranteed"]
        if self.becomes_group_eligible:
            parts.append("makes the practice group-eligible")
        blocked = f"; blocked: {_codes(self.blockers)}" if self.blockers else ""
        notes = f"; notes: {_codes(self.notes)}" if self.notes else ""
        return f"<Plan {self.payer}: {', '.join(parts)}{blocked}{notes}>"

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        guaranteed = "guaranteed" if self.guaranteed else "not guaranteed"
        lines = [f"{self.payer}: {self.path.value}, {guaranteed}", *_section("steps", self.steps)]
        if not self.steps and not self.blockers:
            lines.append("nothing left to do")
        lines += _section("blockers", self.blockers) + _section("notes", self.notes)
        if self.becomes_group_eligible:
            lines.append("with this provider the practice becomes eligible for a group contract")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            display.row("payer", self.payer),
            display.row("path", self.path.value),
            display.row("guaranteed", "yes" if self.guaranteed else "no"),
        ]
        if self.becomes_group_eligible:
            rows.append(display.row("becomes group eligible", "yes"))
        steps = [
            display.row("step", display.code(step.kind.value), step.detail) for step in self.steps
        ]
        return display.table(
            f"Plan for {self.payer}: {self.path.value}",
            [
                *rows,
                *steps,
                *_reason_rows("blocker", self.blockers),
                *_reason_rows("note", self.notes),
            ],
            kind="credkit-plan",
        )


def _to_matrix_providers(value: object) -> tuple[tuple[NPI, str], ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValue(f"expected a list of (NPI, name) pairs, got {describe(value)}")
    providers = []
    for index, item in enumerate(value):
        if isinstance(item, str | bytes | Mapping) or not isinstance(item, Iterable):
            raise InvalidValue(f"item {index} must be an (NPI, name) pair, got {describe(item)}")
        pair = tuple(item)
        if len(pair) != 2:
            raise InvalidValue(f"item {index} must be an (NPI, name) pair, got {len(pair)} values")
        npi, name = pair
        if not isinstance(name, str) or not name.strip():
            raise InvalidValue(f"item {index}: the name must be non-blank text")
        providers.append((to_npi(npi), name))
    return tuple(providers)


def _to_payer_ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValue(f"expected a list of payer ids, got {describe(value)}")
    return tuple(to_payer_id(item) for item in value)


def _to_matrix_verdicts(value: object) -> FrozenDict[tuple[NPI, str], Verdict]:
    if not isinstance(value, Mapping):
        raise InvalidValue(
            f"expected a mapping of (NPI, payer id) to Verdict, got {describe(value)}"
        )
    verdicts: dict[tuple[NPI, str], Verdict] = {}
    for key, verdict in value.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise InvalidValue(f"each key is an (NPI, payer id) pair, got {describe(key)}")
        npi, payer_id = to_npi(key[0]), to_payer_id(key[1])
        if not isinstance(verdict, Verdict):
            raise InvalidValue(
                f"expected a Verdict for NPI {npi} and payer {payer_id!r}, got {describe(verdict)}"
            )
        verdicts[npi, payer_id] = verdict
    return FrozenDict(verdicts)


# How a matrix cell looks in a notebook: green when allowed, red when refused.
_COLORS = {"allowed": "color: #1a7f37", "refused": "color: #b42318"}


def _cell(verdict: Verdict) -> str:
    """What a matrix cell says: ``allowed``, or the code of the first reason against."""
    return "allowed" if verdict.allowed else verdict.reasons[0].code.value


def _html_cell(verdict: Verdict) -> display.Markup:
    """A matrix cell in HTML, its title the messages behind it (or what an allowed claim gets)."""
    if verdict.allowed:
        details = [f"{label} {value}" for label, value in verdict._granted()]
        style = "allowed"
    else:
        details = [reason.message for reason in verdict.reasons]
        style = "refused"
    details += [str(note) for note in verdict.notes]
    return display.cell(
        _cell(verdict), {"class": style, "title": "\n".join(details), "style": _COLORS[style]}
    )


def _cut(name: str, limit: int = 24) -> str:
    shown = display.inline(name)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# Columns of Matrix.rows() that are not payers.
_FIXED_COLUMNS = ("provider", "npi")


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
class Matrix:
    """Who can bill whom: a practice's providers by the payers, one :class:`Verdict` each.

    ``providers`` are ``(NPI, name)`` pairs in roster order, ``payers`` payer ids,
    and ``verdicts`` maps each ``(NPI, payer id)`` to its verdict. ``reasons`` say
    why there are no rows when the practice is unknown. Build one with
    :meth:`credkit.Book.matrix`. ``rows()`` gives plain dicts, one per provider, for
    a table library such as pandas.

    >>> refused = Verdict(allowed=False, reasons=[Reason(code="not_contracted", message="no contract")])
    >>> matrix = Matrix(practice="12-3456789", on="2026-11-28",
    ...     providers=[("1234567893", "Ana Ruiz")], payers=["cigna"],
    ...     verdicts={("1234567893", "cigna"): refused})
    >>> matrix
    <Matrix practice 12-3456789 on 2026-11-28: 1 provider by 1 payer
    provider  cigna
    Ana Ruiz  not_contracted>
    >>> matrix.rows()
    [{'provider': 'Ana Ruiz', 'npi': '1234567893', 'cigna': 'not_contracted'}]
    """

    practice: EIN | SSN = attrs.field(converter=to_tax_id)
    on: date = attrs.field(converter=to_date)
    providers: tuple[tuple[NPI, str], ...] = attrs.field(default=(), converter=_to_matrix_providers)
    payers: tuple[str, ...] = attrs.field(default=(), converter=_to_payer_ids)
    verdicts: Mapping[tuple[NPI, str], Verdict] = attrs.field(
        default=FrozenDict(), converter=_to_matrix_verdicts
    )
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_to_reasons)

    def __attrs_post_init__(self) -> None:
        def refuse(rule: str, attribute: str) -> None:
            raise InvalidValue(rule, owner="Matrix", attribute=attribute)

        npis = [npi for npi, _ in self.providers]
        for index, npi in enumerate(npis):
            if npi in npis[:index]:
                refuse(f"lists the provider with NPI {npi} twice", "providers")
        for index, payer_id in enumerate(self.payers):
            if payer_id in self.payers[:index]:
                refuse(f"lists payer {payer_id!r} twice", "payers")
        cells = [(npi, payer_id) for npi in npis for payer_id in self.payers]
        for npi, payer_id in cells:
            if (npi, payer_id) not in self.verdicts:
                refuse(f"has no verdict for NPI {npi} and payer {payer_id!r}", "verdicts")
        grid = set(cells)
        for npi, payer_id in self.verdicts:
            if (npi, payer_id) not in grid:
                refuse(
                    f"has a verdict for NPI {npi} and payer {payer_id!r}, "
                    "which are not both in the matrix",
                    "verdicts",
                )

    def verdict(self, provider: NPI | str, payer_id: str) -> Verdict:
        """The verdict for one provider (by NPI) and payer (by id).

        >>> Matrix(practice="12-3456789", on="2026-11-28").verdict("1234567893", "cigna")
        Traceback (most recent call last):
        ...
        credkit.errors.InvalidValue: the matrix has no cell for NPI 1234567893 and payer 'cigna'
        """
        key = (to_npi(provider), to_payer_id(payer_id))
        found = self.verdicts.get(key)
        if found is None:
            raise InvalidValue(f"the matrix has no cell for NPI {key[0]} and payer {key[1]!r}")
        return found

    def _columns(self) -> list[tuple[str, str]]:
        """Each payer id with its column name in :meth:`rows`."""
        return [
            (payer_id, f"payer:{payer_id}" if payer_id in _FIXED_COLUMNS else payer_id)
            for payer_id in self.payers
        ]

    def rows(self) -> list[dict[str, str]]:
        """One plain dict per provider: ``provider`` (name), ``npi`` (digits), then each payer.

        A payer's entry is ``"allowed"`` or the code of the first reason against. A
        payer whose id is ``provider`` or ``npi`` is given as ``payer:provider`` or
        ``payer:npi``, so that no column hides another. ``pandas.DataFrame(matrix.rows())``
        makes a table of it.
        """
        columns = self._columns()
        return [
            {
                "provider": name,
                "npi": npi.digits,
                **{column: _cell(self.verdicts[npi, payer_id]) for payer_id, column in columns},
            }
            for npi, name in self.providers
        ]

    def _heading(self) -> str:
        size = f"{_plural(len(self.providers), 'provider')} by {_plural(len(self.payers), 'payer')}"
        reasons = f"; {_codes(self.reasons)}" if self.reasons else ""
        return f"practice {self.practice} on {self.on.isoformat()}: {size}{reasons}"

    def _cells(self, npi: NPI) -> list[str]:
        return [_cell(self.verdicts[npi, payer_id]) for payer_id in self.payers]

    def __repr__(self) -> str:
        heading = f"<Matrix {self._heading()}"
        if not self.providers:
            return f"{heading}>"
        lines = display.grid(
            ["provider", *self.payers],
            [[_cut(name), *self._cells(npi)] for npi, name in self.providers],
        )
        return "\n".join([heading, *lines]) + ">"

    _repr_pretty_ = _pretty

    def __str__(self) -> str:
        lines = [self._heading()]
        if self.providers:
            lines += display.grid(
                ["provider", "NPI", *self.payers],
                [
                    [display.inline(name), npi.digits, *self._cells(npi)]
                    for npi, name in self.providers
                ],
                rule=True,
            )
        return "\n".join([*lines, *_section("reasons", self.reasons)])

    def _repr_html_(self) -> str:
        element, join = display.element, display.join
        header = join(element("th", label) for label in ("provider", "NPI", *self.payers))
        rows = [
            element(
                "tr",
                join(
                    [
                        element("th", name),
                        display.cell(npi.digits),
                        *(_html_cell(self.verdicts[npi, payer_id]) for payer_id in self.payers),
                    ]
                ),
            )
            for npi, name in self.providers
        ]
        span = {"colspan": 2 + len(self.payers)}
        reasons = [
            element(
                "tr",
                display.cell(
                    join([display.code(reason.code.value), display.text(f": {reason.message}")]),
                    span,
                ),
            )
            for reason in self.reasons
        ]
        parts = [
            element("caption", f"Practice {self.practice} on {self.on.isoformat()}"),
            element("thead", element("tr", header)),
            element("tbody", join(rows)),
        ]
        if reasons:
            parts.append(element("tfoot", join(reasons)))
        return element("table", join(parts), {"class": "credkit credkit-matrix"})
