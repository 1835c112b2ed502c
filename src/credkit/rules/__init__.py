"""The questions credkit answers, one module each; all are pure functions of their arguments."""

from credkit.rules.adding import adding_provider
from credkit.rules.billing import can_bill
from credkit.rules.groups import group_eligibility

__all__ = ["adding_provider", "can_bill", "group_eligibility"]
