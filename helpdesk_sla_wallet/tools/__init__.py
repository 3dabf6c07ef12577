from .wallet_rules import (
    TIME_EXCEEDED,
    TIME_OK,
    TIME_WARNING,
    Credit,
    discount_applies,
    next_credit,
    refund_split,
    take_from_credits,
    time_state,
)
