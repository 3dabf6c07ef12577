from .plan_periods import (
    PERIOD_MONTHS,
    bag_expiry,
    cancellation_deadline,
    grace_end,
    period_containing,
)
