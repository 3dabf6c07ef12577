from .autoclose_rules import (
    NEW_TICKET,
    REOPEN,
    lower_level,
    priority_drop_due,
    reply_after_close,
    waiting_due_dates,
)
