from odoo import models

from ..tools.entitlement import choose


class HelpdeskTicket(models.Model):
    """What the client reads about the coverage of the ticket.

    The answer of the entitlement chain is stored with an explanation in the
    language of whoever registered the ticket (an agent, the mail gateway):
    good for the agents, wrong for a client who reads another language. The
    client's text is told anew where it is shown, in the language of the
    environment, which a mail template sets to the recipient's: from the
    claim the ticket holds when it is covered, else from the candidates as
    they are now, without claiming anything.
    """

    _inherit = "helpdesk.ticket"

    def _entitlement_client_message(self):
        """What covers the ticket, or why nothing does yet, in the language
        of the environment."""
        self.ensure_one()
        if self.is_covered:
            return self._entitlement_covered_message()
        return self._entitlement_uncovered_message()

    def _entitlement_covered_message(self):
        """How the ticket is covered. The service policy needs no words (the
        confirmation gives its targets); modules whose claim the client pays
        for say what was used, from the claim the ticket holds."""
        self.ensure_one()
        return ""

    def _entitlement_uncovered_message(self):
        """Why nothing covers the ticket, and how to be served."""
        self.ensure_one()
        if self.entitlement_pending:
            return self._entitlement_pending_message()
        _chosen, reasons = choose(self._entitlement_candidates(), lambda _c: False)
        return (
            " ".join(reason.reason for reason in reasons if reason.reason)
            or self._entitlement_default_message()
        )
