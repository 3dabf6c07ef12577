"""Rules of a ticket wallet, without Odoo: which credit a ticket consumes,
how a debit spreads over credits, what a credit note can take back, where a
ticket stands against its time cap and who gets the holders' discount.

The ORM feeds these functions with plain values; they are tested as tables.
"""

from dataclasses import dataclass
from datetime import date, timedelta

TIME_OK = "ok"
TIME_WARNING = "warning"
TIME_EXCEEDED = "exceeded"


@dataclass(frozen=True)
class Credit:
    """What is left of one credit (a purchased pack or a positive
    adjustment)."""

    key: object
    date: object
    remaining: int
    expiry_date: date | None = None

    def usable(self, today):
        if self.remaining <= 0:
            return False
        return self.expiry_date is None or self.expiry_date >= today


def _usable_in_order(credits, today):
    """Oldest credit first: packs that may expire are used before newer
    ones, and the client is served at the level of the pack bought first."""
    usable = [credit for credit in credits if credit.usable(today)]
    return sorted(usable, key=lambda credit: (credit.date, str(credit.key)))


def next_credit(credits, today):
    """The key of the credit the next ticket consumes, or None."""
    usable = _usable_in_order(credits, today)
    return usable[0].key if usable else None


def take_from_credits(credits, quantity, today):
    """Spread a debit of ``quantity`` tickets over the credits, oldest first.

    Returns a list of ``(key, tickets)``; raises ``ValueError`` when the
    usable credits hold fewer than ``quantity`` tickets.
    """
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    taken = []
    left = quantity
    for credit in _usable_in_order(credits, today):
        tickets = min(left, credit.remaining)
        taken.append((credit.key, tickets))
        left -= tickets
        if not left:
            return taken
    raise ValueError("not enough tickets")


def refund_split(requested, remaining):
    """A credit note asks back ``requested`` tickets of a pack that has
    ``remaining`` unused ones: returns ``(taken_back, already_used)``."""
    requested = max(requested, 0)
    taken_back = min(requested, max(remaining, 0))
    return taken_back, requested - taken_back


def time_state(hours, cap, warning_ratio=0.8):
    """Where the time spent stands against the cap of a wallet ticket."""
    if not cap or cap <= 0:
        return TIME_OK
    if hours > cap:
        return TIME_EXCEEDED
    if hours >= cap * warning_ratio:
        return TIME_WARNING
    return TIME_OK


def discount_applies(balance, last_purchase, today, period_days):
    """A holder keeps the discount while tickets are left in the wallet, or
    during ``period_days`` after the last purchase of a pack."""
    if balance > 0:
        return True
    if not last_purchase or period_days <= 0:
        return False
    return today <= last_purchase + timedelta(days=period_days)
