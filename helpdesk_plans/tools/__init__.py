from .plan_periods import (
    PERIOD_MONTHS,
    bag_expiry,
    cancellation_deadline,
    grace_end,
    grace_over,
    period_containing,
    period_in_term,
    renewal_after,
)
