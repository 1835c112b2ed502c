"""The questions credkit answers, one module each; all are pure functions of their arguments."""

from credkit.rules.adding import adding_provider
from credkit.rules.billing import can_bill
from credkit.rules.deadlines import deadlines
from credkit.rules.groups import group_eligibility
from credkit.rules.medicare import medicare_options
from credkit.rules.moving import moving_provider
from credkit.rules.readiness import credentialing_readiness
from credkit.rules.recommend import recommend_enrollment
from credkit.rules.revenue import revenue_at_risk

__all__ = [
    "adding_provider",
    "can_bill",
    "credentialing_readiness",
    "deadlines",
    "group_eligibility",
    "medicare_options",
    "moving_provider",
    "recommend_enrollment",
    "revenue_at_risk",
]
