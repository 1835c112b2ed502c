"""The answers' own rules: an incoherent Verdict, GroupEligibility or Plan cannot be built."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from typing import Any

import pytest

from credkit import (
    BillingIdentity,
    Contract,
    GroupEligibility,
    Individual,
    InvalidValue,
    Period,
    Plan,
    Reason,
    Verdict,
)

WHY = [Reason(code="not_on_roster", message="Ana Ruiz is not on the roster")]
CONTRACT = Contract(
    id="aetna-ana",
    payer="aetna",
    holder=Individual(provider="1234567893"),
    status="executed",
    signed="2024-01-01",
    effective=Period("2024-01-01"),
)
BILLING = BillingIdentity(billing_npi="1558598797", tax_id="12-3456789")


def refusal(kind: type, fields: dict[str, Any]) -> tuple[str, str | None]:
    """The message and the field of the error building ``kind`` raises."""
    with pytest.raises(InvalidValue) as raised:
        kind(**fields)
    return str(raised.value), raised.value.field


class TestVerdictRules:
    """A verdict is allowed exactly when it has no reasons, and only then names what it grants."""

    @pytest.mark.parametrize(
        ("fields", "field", "rule"),
        [
            pytest.param(
                {"allowed": True, "contract": CONTRACT, "billing": BILLING, "reasons": WHY},
                "reasons",
                "an allowed verdict has no blocking reasons",
                id="allowed-with-reasons",
            ),
            pytest.param(
                {"allowed": False},
                "reasons",
                "a refused verdict says why: give at least one reason",
                id="refused-without-reasons",
            ),
            pytest.param(
                {"allowed": True, "billing": BILLING},
                "contract",
                "an allowed verdict names its contract and billing identity",
                id="allowed-without-contract",
            ),
            pytest.param(
                {"allowed": True, "contract": CONTRACT},
                "billing",
                "an allowed verdict names its contract and billing identity",
                id="allowed-without-billing",
            ),
            pytest.param(
                {"allowed": False, "reasons": WHY, "contract": CONTRACT},
                "contract",
                "a refused verdict has no contract, billing identity or rate",
                id="refused-with-contract",
            ),
            pytest.param(
                {"allowed": False, "reasons": WHY, "billing": BILLING},
                "billing",
                "a refused verdict has no contract, billing identity or rate",
                id="refused-with-billing",
            ),
            pytest.param(
                {"allowed": False, "reasons": WHY, "rate": "140.00"},
                "rate",
                "a refused verdict has no contract, billing identity or rate",
                id="refused-with-rate",
            ),
            pytest.param(
                {"allowed": False, "reasons": WHY, "contract": "aetna-ana"},
                "contract",
                "expected a Contract or None, got a string",
                id="contract-not-a-contract",
            ),
            pytest.param(
                {"allowed": False, "reasons": WHY, "billing": "1558598797"},
                "billing",
                "expected a BillingIdentity or None, got a string",
                id="billing-not-a-billing-identity",
            ),
        ],
    )
    def test_refused(self, fields: dict[str, Any], field: str, rule: str) -> None:
        """Each contradiction is refused, naming the field and the rule."""
        assert (f"Verdict.{field}: {rule}", f"Verdict.{field}") == refusal(Verdict, fields)


class TestGroupEligibilityRules:
    """The figures agree with each other and with the answer."""

    @pytest.mark.parametrize(
        ("fields", "field", "rule"),
        [
            pytest.param(
                {"eligible": True, "minimum": 0, "count": 0, "shortfall": 0, "reasons": WHY},
                "reasons",
                "eligible exactly when there are no reasons against it",
                id="eligible-with-reasons",
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": 0, "shortfall": 4},
                "reasons",
                "eligible exactly when there are no reasons against it",
                id="ineligible-without-reasons",
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": 1, "shortfall": 3, "reasons": WHY},
                "counted",
                "lists 0 providers but the count is 1",
                id="count-not-counted",
            ),
            pytest.param(
                {"eligible": False, "minimum": None, "count": 0, "shortfall": 3, "reasons": WHY},
                "shortfall",
                "is None when the payer offers no group contracts (minimum None)",
                id="shortfall-without-minimum",
            ),
            pytest.param(
                {"eligible": True, "minimum": None, "count": 0, "shortfall": None},
                "eligible",
                "cannot be true when the payer offers no group contracts",
                id="eligible-without-group-contracts",
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": 0, "shortfall": 3, "reasons": WHY},
                "shortfall",
                "must be max(0, minimum - count) = 4",
                id="shortfall-wrong",
            ),
            pytest.param(
                {
                    "eligible": False,
                    "minimum": 2,
                    "count": 3,
                    "shortfall": 1,
                    "counted": ["1234567893", "1558598797", "1245319599"],
                    "reasons": WHY,
                },
                "shortfall",
                "must be max(0, minimum - count) = 0",
                id="shortfall-above-the-minimum",
            ),
            pytest.param(
                {"eligible": True, "minimum": 4, "count": 0, "shortfall": 4},
                "eligible",
                "cannot be true while providers are short of the minimum",
                id="eligible-while-short",
            ),
            pytest.param(
                {"eligible": False, "minimum": 4, "count": -1, "shortfall": 5, "reasons": WHY},
                "count",
                "must be a whole number from 0 to 1,000,000",
                id="negative-count",
            ),
            pytest.param(
                {"eligible": False, "minimum": "4", "count": 0, "shortfall": 4, "reasons": WHY},
                "minimum",
                "expected a whole number or None, got a string",
                id="minimum-string",
            ),
            pytest.param(
                {
                    "eligible": False,
                    "minimum": 4,
                    "count": 0,
                    "shortfall": 4,
                    "counted": "1234567893",
                    "reasons": WHY,
                },
                "counted",
                "expected a list of NPIs, got a string",
                id="counted-string",
            ),
        ],
    )
    def test_refused(self, fields: dict[str, Any], field: str, rule: str) -> None:
        """Each contradiction is refused, naming the field and the rule."""
        expected = (f"GroupEligibility.{field}: {rule}", f"GroupEligibility.{field}")
        assert expected == refusal(GroupEligibility, fields)


class TestPlanRules:
    """A plan with blockers is not guaranteed, and an unavailable one says why."""

    @pytest.mark.parametrize(
        ("fields", "field", "rule"),
        [
            pytest.param(
                {"path": "new_individual_contract", "guaranteed": True, "blockers": WHY},
                "guaranteed",
                "a plan with blockers cannot be guaranteed",
                id="guaranteed-with-blockers",
            ),
            pytest.param(
                {"path": "unavailable"},
                "blockers",
                "an unavailable path says why: give at least one blocker",
                id="unavailable-without-blockers",
            ),
        ],
    )
    def test_refused(self, fields: dict[str, Any], field: str, rule: str) -> None:
        """Each contradiction is refused, naming the field and the rule."""
        assert (f"Plan.{field}: {rule}", f"Plan.{field}") == refusal(
            Plan, {"payer": "cigna", **fields}
        )
