"""Date arithmetic of support plans, without Odoo.

A plan's periods are counted from its anchor (the first day of the
subscription), never chained from one period to the next: a plan started on
31 January has periods ending on 27 February, 30 March, 30 April... and
always starting on the anchor's day of month or the month's last day.
Every date range here is inclusive of both ends.
"""

from calendar import monthrange
from datetime import date, timedelta

PERIOD_MONTHS = {"monthly": 1, "yearly": 12}


def _add_months(day, months):
    """``day`` moved by ``months``, clamped to the last day of the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def period_containing(anchor, billing, day, interval=1):
    """The period (start, end) of a plan started on ``anchor`` and billed
    every ``interval`` ``billing`` units ("monthly", "yearly") that contains
    ``day``; None before the anchor."""
    if day < anchor:
        return None
    step = PERIOD_MONTHS[billing] * interval
    elapsed = (day.year - anchor.year) * 12 + day.month - anchor.month
    index = elapsed // step  # never negative: ``day`` is not before ``anchor``
    start = _add_months(anchor, index * step)
    if start > day:
        index -= 1
        start = _add_months(anchor, index * step)
    end = _add_months(anchor, (index + 1) * step) - timedelta(days=1)
    return start, end


def period_in_term(anchor, billing, day, term_end=None):
    """The period (start, end) containing ``day`` of a plan started on
    ``anchor`` whose service stops for good on ``term_end`` (None while it
    renews): the last period ends with the term and none follows it. None
    before the anchor and after the term."""
    if term_end and day > term_end:
        return None
    period = period_containing(anchor, billing, day)
    if period and term_end:
        return period[0], min(period[1], term_end)
    return period


def renewal_after(period_end, term_end=None):
    """The day a plan renews after its period ending on ``period_end``; None
    when its service stops for good on ``term_end`` by then."""
    if term_end and period_end >= term_end:
        return None
    return period_end + timedelta(days=1)


def cancellation_deadline(renewal_date, notice_days):
    """The last day on which a plan renewing on ``renewal_date`` may still be
    cancelled with ``notice_days`` days of notice."""
    return renewal_date - timedelta(days=notice_days)


def bag_expiry(purchase_date, validity_days):
    """The last day on which an add-on bag bought on ``purchase_date`` and
    valid ``validity_days`` days covers tickets."""
    return purchase_date + timedelta(days=validity_days)


def grace_end(failed_on, grace_days):
    """The last day a plan whose renewal charge failed on ``failed_on`` keeps
    its coverage."""
    return failed_on + timedelta(days=grace_days)


def grace_over(day, failed_on, grace_days):
    """Whether the grace period of a renewal charge that failed on
    ``failed_on`` (None when none failed) is over on ``day``."""
    return bool(failed_on) and day > grace_end(failed_on, grace_days)
