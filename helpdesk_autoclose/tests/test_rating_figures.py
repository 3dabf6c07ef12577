from odoo.tests import tagged

from .common import AutocloseCommon


@tagged("post_install", "-at_install")
class TestRatingFigures(AutocloseCommon):
    """A new ticket starts without ratings, and its figures follow the
    first rating the client gives."""

    def test_new_ticket_then_rated(self):
        ticket = self.create_ticket(self.utc(2026, 11, 24, 10, 0))
        self.assertEqual(ticket.rating_last_value, 0)
        self.assertEqual(ticket.positive_rate_percentage, -1)
        token = ticket._rating_get_access_token()
        ticket.rating_apply(5, token=token, feedback="Resuelto enseguida")
        self.assertEqual(ticket.rating_last_value, 5)
        self.assertEqual(ticket.positive_rate_percentage, 100)
