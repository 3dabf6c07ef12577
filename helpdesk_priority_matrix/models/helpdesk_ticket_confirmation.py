from odoo import api, fields, models

CONFIRMATION_CRON = "helpdesk_priority_matrix.ir_cron_helpdesk_ticket_confirmation"


class HelpdeskTicket(models.Model):
    """The confirmation a client gets for a new ticket: its number and SLA
    targets. It is queued when the ticket is registered and sent by a cron
    woken at once, so that whoever registers the ticket (a portal form, an
    incoming email, an agent on the phone) does not wait for a mail to be
    rendered, and a burst of tickets is confirmed in batches."""

    _inherit = "helpdesk.ticket"

    confirmation_queued_at = fields.Datetime(
        string="Confirmation Queued On",
        readonly=True,
        copy=False,
        # Only tickets waiting for their confirmation carry a value: the
        # cron's search stays as small as the work to do.
        index="btree_not_null",
        help="Set while the confirmation of this ticket waits to be sent to "
        "the client.",
    )

    def _confirmation_wanted(self):
        """The tickets whose client is told: covered, started tickets with
        a client, whatever the channel."""
        return self.filtered(
            lambda t: t.partner_id and t.is_covered and t.requester_authorized
        )

    @api.model
    def _confirmation_prepare_vals(self, vals_list):
        """Every new ticket is queued as it is inserted, without a write of
        its own: whether its client is told is decided when the queue is
        sent, on the ticket as it is then."""
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.setdefault("confirmation_queued_at", now)
        return vals_list

    def _confirmation_queue(self):
        """Queue the confirmation of the tickets of ``self`` whose client is
        to be told, e.g. once their requester is approved."""
        wanted = self._confirmation_wanted()
        if wanted:
            wanted.confirmation_queued_at = fields.Datetime.now()
            wanted._confirmation_wake()

    def _confirmation_wake(self):
        """Wake the cron that sends the queued confirmations."""
        self._helpdesk_wake_cron(CONFIRMATION_CRON)

    @api.model
    def _cron_send_confirmations(self, batch_size=100):
        """Send the queued confirmations, oldest first, one batch per call:
        ``ir.cron`` commits and calls again while some remain. A ticket
        another worker holds is left for the next call, so that no client
        gets two confirmations. A ticket whose coverage claim is pending
        (it lost a race) stays queued until the claim is retried."""
        # A ticket whose coverage is being claimed again waits for it.
        queued_domain = [
            ("confirmation_queued_at", "!=", False),
            ("entitlement_pending", "=", False),
        ]
        found = self.search(
            queued_domain, order="confirmation_queued_at, id", limit=batch_size
        )
        tickets = found._lock_for_batch()
        tickets._confirmation_send()
        # On this transaction's snapshot, a batch shorter than its limit was
        # the whole queue: what remains is what another worker holds.
        if len(found) < batch_size:
            remaining = len(found) - len(tickets)
        else:
            remaining = self.search_count(queued_domain)
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=remaining)

    def _confirmation_send(self):
        """Post the confirmation of each ticket still to be told (a ticket
        cancelled or left uncovered meanwhile is not), signed by its
        company, from its address, and take the tickets off the queue.

        The address is given with the author: Odoo's composer then takes
        neither the template's (none) nor the current user's, and a user
        other than the cron's superuser may send the queue."""
        template = self.env["mail.template"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "helpdesk_priority_matrix.mail_template_ticket_confirmation"
            )
        )
        if template and self:
            wanted = self._confirmation_wanted()
            for company, tickets in wanted.grouped("company_id").items():
                author = company.partner_id
                tickets._helpdesk_post_template(
                    template,
                    author_id=author.id,
                    email_from=author.email_formatted or None,
                )
        self.confirmation_queued_at = False
