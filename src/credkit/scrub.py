"""Scrubbing answers: each service line's verdict, and a batch's summary, rows and records.

:meth:`credkit.Book.scrub` gives a :class:`ScrubbedLine` for each service line.
The functions here turn them into what a billing office reads: :func:`summarize`
counts a batch and adds up the charges at risk; :func:`scrub_row` and
:func:`scrub_record` give one line as a table row or as JSON-compatible data.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from credkit._convert import describe, locate_errors, to_payer_id, tuple_of
from credkit._fields import to_optional_npi
from credkit._frozen import FrozenDict
from credkit.answers import BillingIdentity, Code, Reason, Verdict
from credkit.errors import InvalidValue
from credkit.identifiers import EIN, NPI, SSN, parse_tax_id
from credkit.service_line import ServiceLine

__all__ = ["ROW_FIELDS", "ScrubSummary", "ScrubbedLine", "scrub_record", "scrub_row", "summarize"]


def _to_line(value: object) -> ServiceLine:
    if not isinstance(value, ServiceLine):
        raise InvalidValue(f"expected a ServiceLine, got {describe(value)}")
    return value


def _to_verdict(value: object) -> Verdict:
    if not isinstance(value, Verdict):
        raise InvalidValue(f"expected a Verdict, got {describe(value)}")
    return value


def _to_expected(value: object) -> BillingIdentity | None:
    if value is not None and not isinstance(value, BillingIdentity):
        raise InvalidValue(f"expected a BillingIdentity or None, got {describe(value)}")
    return value


def _to_optional_payer(value: object) -> str | None:
    return None if value is None else to_payer_id(value)


def _to_optional_tax_id(value: object) -> EIN | SSN | None:
    return None if value is None else parse_tax_id(value)


@locate_errors
@attrs.frozen(kw_only=True, repr=False)
class ScrubbedLine:
    """One service line and its verdict: truthy exactly when the line can go out as it is.

    * ``verdict`` — :meth:`Book.can_bill <credkit.Book.can_bill>`'s answer for the
      line (for a range of days, refused if refused on its first or its last day),
      refused also when the billing identity on the line is not what the payer
      loads (``billing_npi_mismatch``, ``tax_id_mismatch``,
      ``rendering_npi_mismatch``).
    * ``expected`` — what the payer loads for this provider here (the contract's
      billing identity), when the book knows it: what the line should carry.
    * ``provider``, ``payer``, ``practice`` — whom the line was checked for, in the
      book's terms (``None`` where the book holds no match).

    >>> from credkit import Reason, ServiceLine, Verdict
    >>> line = ServiceLine(claim_id="A100", line=1, billing_npi="1558598797",
    ...     tax_id="12-3456789", payer_id="99999", service_from="2025-03-04",
    ...     service="90837", charge="150")
    >>> refused = Verdict(allowed=False, reasons=[Reason(code="unknown_payer", message="...")])
    >>> result = ScrubbedLine(line=line, verdict=refused)
    >>> bool(result), result
    (False, <ScrubbedLine claim A100 line 1: refused: unknown_payer>)
    """

    line: ServiceLine = attrs.field(converter=_to_line)
    verdict: Verdict = attrs.field(converter=_to_verdict)
    expected: BillingIdentity | None = attrs.field(default=None, converter=_to_expected)
    provider: NPI | None = attrs.field(default=None, converter=to_optional_npi)
    payer: str | None = attrs.field(default=None, converter=_to_optional_payer)
    practice: EIN | SSN | None = attrs.field(default=None, converter=_to_optional_tax_id)

    def __bool__(self) -> bool:
        return self.verdict.allowed

    @property
    def allowed(self) -> bool:
        """Whether the line can go out as it is."""
        return self.verdict.allowed

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The verdict's blocking reasons."""
        return self.verdict.reasons

    def __repr__(self) -> str:
        if self.verdict.allowed:
            answer = "allowed"
        else:
            answer = "refused: " + ", ".join(reason.code.value for reason in self.reasons)
        return f"<ScrubbedLine claim {self.line.claim_id} line {self.line.line}: {answer}>"


def _to_counts(value: object) -> FrozenDict[Code, int]:
    if not isinstance(value, Mapping):
        raise InvalidValue(f"expected a mapping of code to count, got {describe(value)}")
    counts = {}
    for code, count in value.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise InvalidValue(f"a count is a whole number of at least 1, got {describe(count)}")
        counts[Code(code)] = count
    return FrozenDict(counts)


def _to_amount(value: object) -> Decimal:
    if not isinstance(value, Decimal):
        raise InvalidValue(f"expected a Decimal amount, got {describe(value)}")
    return value


def _whole(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(
            f"must be a whole number, not negative, got {describe(value)}",
            owner="ScrubSummary",
            attribute=attribute.name,
        )


@attrs.frozen(kw_only=True)
class ScrubSummary:
    """A batch's totals: lines and claims, allowed and refused, and the charges at risk.

    ``refused_by_code`` counts the refused lines carrying each code (a line with two
    reasons counts under both); ``charges_at_risk`` adds up the refused lines'
    charges, which would come back denied if the batch went out as it is.

    >>> print(ScrubSummary(lines=3, claims=2, allowed=2, refused=1,
    ...     refused_by_code={"not_credentialed": 1}, charges=Decimal("450.00"),
    ...     charges_at_risk=Decimal("150.00")))
    3 service lines in 2 claims: 2 allowed, 1 refused
      not_credentialed: 1
    charges at risk: $150.00 of $450.00
    """

    lines: int = attrs.field(validator=_whole)
    claims: int = attrs.field(validator=_whole)
    allowed: int = attrs.field(validator=_whole)
    refused: int = attrs.field(validator=_whole)
    refused_by_code: Mapping[Code, int] = attrs.field(converter=_to_counts)
    charges: Decimal = attrs.field(converter=_to_amount)
    charges_at_risk: Decimal = attrs.field(converter=_to_amount)

    def __attrs_post_init__(self) -> None:
        if self.allowed + self.refused != self.lines:
            raise InvalidValue(
                f"allowed and refused add up to {self.allowed + self.refused}, not {self.lines}",
                owner="ScrubSummary",
                attribute="lines",
            )

    def __str__(self) -> str:
        lines = "line" if self.lines == 1 else "lines"
        claims = "claim" if self.claims == 1 else "claims"
        head = (
            f"{self.lines} service {lines} in {self.claims} {claims}: "
            f"{self.allowed} allowed, {self.refused} refused"
        )
        counts = [
            f"  {code.value}: {count}"
            for code, count in sorted(self.refused_by_code.items(), key=lambda item: item[0].value)
        ]
        risk = f"charges at risk: ${self.charges_at_risk:,.2f} of ${self.charges:,.2f}"
        return "\n".join([head, *counts, risk])


def summarize(results: Iterable[ScrubbedLine]) -> ScrubSummary:
    """Count a batch's scrubbed lines and add up its charges at risk.

    Claims are counted by their ids.

    >>> summarize([]).charges_at_risk
    Decimal('0')
    """
    lines = allowed = 0
    claims: set[str] = set()
    by_code: Counter[Code] = Counter()
    charges = at_risk = Decimal(0)
    for result in tuple_of(ScrubbedLine, results):
        lines += 1
        claims.add(result.line.claim_id)
        charges += result.line.charge
        if result.verdict.allowed:
            allowed += 1
        else:
            at_risk += result.line.charge
            by_code.update({reason.code for reason in result.verdict.reasons})
    return ScrubSummary(
        lines=lines,
        claims=len(claims),
        allowed=allowed,
        refused=lines - allowed,
        refused_by_code=dict(by_code),
        charges=charges,
        charges_at_risk=at_risk,
    )


ROW_FIELDS = (
    "claim_id",
    "line",
    "provider",
    "payer",
    "practice",
    "date",
    "service",
    "charge",
    "allowed",
    "reasons",
    "expected_billing_npi",
    "expected_tax_id",
    "expected_rendering_npi",
)
"""The columns of :func:`scrub_row`, in order."""


def _charge(amount: Decimal) -> str:
    """An amount with its cents, as a billing office writes it: ``180`` is ``180.00``."""
    exponent = amount.as_tuple().exponent
    shown = amount if isinstance(exponent, int) and exponent < -2 else amount.quantize(_CENTS)
    return format(shown, "f")


_CENTS = Decimal("0.01")


def _result(value: object) -> ScrubbedLine:
    if not isinstance(value, ScrubbedLine):
        raise InvalidValue(f"expected a ScrubbedLine, got {describe(value)}")
    return value


def _text(value: object) -> str:
    return "" if value is None else str(value)


def scrub_row(result: ScrubbedLine) -> dict[str, str]:
    """One scrubbed line as a table row of text, keyed by :data:`ROW_FIELDS`.

    ``provider``, ``payer`` and ``practice`` are the book's (empty where it holds no
    match; the payer falls back to the line's electronic payer id); ``date`` is the
    date of service, or ``FROM/TO`` for a range; ``reasons`` the codes, joined with
    ``;``; tax ids are written as credkit shows them, an SSN masked.

    >>> from credkit import Reason, ServiceLine, Verdict
    >>> line = ServiceLine(claim_id="A100", line=1, billing_npi="1558598797",
    ...     tax_id="123-45-6789", payer_id="99999", service_from="2025-03-04",
    ...     service="90837", charge="150")
    >>> refused = Verdict(allowed=False, reasons=[Reason(code="unknown_payer", message="...")])
    >>> row = scrub_row(ScrubbedLine(line=line, verdict=refused))
    >>> row["payer"], row["date"], row["allowed"], row["reasons"]
    ('99999', '2025-03-04', 'no', 'unknown_payer')
    """
    line, expected = _result(result).line, result.expected
    days = str(line.service_from)
    if line.service_to != line.service_from:
        days += f"/{line.service_to}"
    return {
        "claim_id": line.claim_id,
        "line": str(line.line),
        "provider": _text(result.provider),
        "payer": result.payer or line.payer_id,
        "practice": _text(result.practice),
        "date": days,
        "service": ":".join([line.service, *line.modifiers]),
        "charge": _charge(line.charge),
        "allowed": "yes" if result.verdict.allowed else "no",
        "reasons": ";".join(reason.code.value for reason in result.verdict.reasons),
        "expected_billing_npi": _text(expected and expected.billing_npi),
        "expected_tax_id": _text(expected and expected.tax_id),
        "expected_rendering_npi": _text(expected and expected.rendering_npi),
    }


def _reasons_data(reasons: Iterable[Reason]) -> list[dict[str, str]]:
    return [{"code": reason.code.value, "message": reason.message} for reason in reasons]


def _identity_data(identity: BillingIdentity | None) -> dict[str, str | None] | None:
    if identity is None:
        return None
    return {
        "billing_npi": str(identity.billing_npi),
        "tax_id": str(identity.tax_id),
        "rendering_npi": _text(identity.rendering_npi) or None,
    }


def scrub_record(result: ScrubbedLine) -> dict[str, Any]:
    """One scrubbed line as JSON-compatible data: the line, then the verdict's shape.

    The verdict's keys are ``allowed``, ``reasons`` and ``notes`` (lists of
    ``{"code", "message"}``), ``billing`` (the billing identity an allowed line goes
    out with) and ``rate``; ``expected`` is what the payer loads, also for a line
    refused because its billing identity differs. Tax ids are written as credkit
    shows them, an SSN masked.

    >>> from credkit import Reason, ServiceLine, Verdict
    >>> line = ServiceLine(claim_id="A100", line=2, billing_npi="1558598797",
    ...     tax_id="12-3456789", payer_id="99999", service_from="2025-03-04",
    ...     service="90837", charge="150")
    >>> refused = Verdict(allowed=False, reasons=[Reason(code="unknown_payer", message="no")])
    >>> record = scrub_record(ScrubbedLine(line=line, verdict=refused))
    >>> record["claim_id"], record["line"], record["allowed"], record["reasons"]
    ('A100', 2, False, [{'code': 'unknown_payer', 'message': 'no'}])
    """
    line, verdict = _result(result).line, result.verdict
    return {
        "claim_id": line.claim_id,
        "line": line.line,
        "provider": _text(result.provider) or None,
        "payer": result.payer,
        "payer_id": line.payer_id,
        "practice": _text(result.practice) or None,
        "service_from": line.service_from.isoformat(),
        "service_to": line.service_to.isoformat(),
        "service": line.service,
        "modifiers": list(line.modifiers),
        "charge": _charge(line.charge),
        "allowed": verdict.allowed,
        "reasons": _reasons_data(verdict.reasons),
        "notes": _reasons_data(verdict.notes),
        "billing": _identity_data(verdict.billing),
        "rate": None if verdict.rate is None else format(verdict.rate, "f"),
        "expected": _identity_data(result.expected),
    }
