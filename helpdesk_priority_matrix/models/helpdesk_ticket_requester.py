from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, consteq, hmac
from odoo.tools.mail import parse_contact_from_email

from .helpdesk_ticket_channel import CLIENT_CHANNELS

TOKEN_SCOPE = "helpdesk-requester-authorization"


class HelpdeskTicket(models.Model):
    """Authorized requesters (only authorized contacts may open tickets).

    When the company accepts tickets from authorized contacts only, a ticket
    received by email or from the portal from anybody else is saved with
    everything it holds but not started: it gets no SLA policy, hence no
    clock, until an authorized contact of the client or an agent approves
    the requester. The clock then starts at the approval.
    """

    _inherit = "helpdesk.ticket"

    requester_authorized = fields.Boolean(
        default=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Unchecked: the sender may not open tickets for the client; the "
        "ticket waits, without SLA clock, until it is approved.",
    )
    requester_approved_by_id = fields.Many2one(
        comodel_name="res.partner",
        readonly=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Steps of create
    # ------------------------------------------------------------------

    def _requester_check(self):
        """Hold the tickets opened by email or on the portal by a sender who
        may not open tickets for the client."""
        held = self.filtered(
            lambda t: not t._requester_may_open() and t.channel in CLIENT_CHANNELS
        )
        if held:
            held.sudo().write({"requester_authorized": False})

    def _requester_may_open(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        if not company.helpdesk_authorized_requesters_only:
            return True
        return bool(self.partner_id.helpdesk_authorized)

    def _requester_notify(self):
        """Tell the senders of held tickets, in their language, that the
        ticket waits for an approval; ask the client's authorized contacts,
        and say in the chatter who was asked."""
        held = self.filtered(lambda t: not t.requester_authorized)
        if not held:
            return
        notice = self.env.ref(
            "helpdesk_priority_matrix.mail_template_requester_not_authorized"
        )
        approval = self.env.ref(
            "helpdesk_priority_matrix.mail_template_requester_approval"
        )
        for ticket in held:
            if ticket.partner_id.email or ticket.partner_email:
                notice.send_mail(ticket.id)
            approvers = ticket.partner_id._helpdesk_approvers()
            for approver in approvers:
                approval.with_context(
                    approver_id=approver.id,
                    approver_lang=approver.lang,
                    approval_url=ticket._requester_approval_url(approver),
                ).send_mail(ticket.id)
            ticket._requester_log_approvers(approvers)

    def _requester_greeting_name(self):
        """The sender's name for a greeting: the contact's, else the one of
        the From header of an unknown sender (``"Ana Ruiz" <ana@…>``);
        empty when the sender gave none."""
        self.ensure_one()
        if self.partner_id.name:
            return self.partner_id.name
        name, _email = parse_contact_from_email(self.partner_email or "")
        return self.partner_name or name

    def _requester_log_approvers(self, approvers):
        """An internal note, in the company's language like every note the
        system writes for the agents."""
        self.ensure_one()
        company = self.company_id or self.env.company
        env = self.with_context(lang=company.partner_id.lang or self.env.lang).env
        if approvers:
            body = env._(
                "Requester not authorized: approval asked to %(approvers)s.",
                approvers=self._requester_people(approvers),
            )
        else:
            body = env._(
                "Requester not authorized, and no authorized contact of a client "
                "can be asked: approve the requester, or set the right contact "
                "first."
            )
        self.message_post(body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note")

    @api.model
    def _requester_people(self, partners):
        """Each person once, by name: a contact's display name repeats its
        company."""
        return ", ".join(dict.fromkeys(partners.mapped("name")))

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    def action_authorize_requester(self):
        """Button of the agents: approve the requester and start the ticket.
        Only who may edit the ticket may approve: the approval itself runs
        as superuser, as it authorizes the contact too."""
        self.check_access("write")
        self._requester_authorize(self.env.user.partner_id)
        return True

    def _requester_authorize(self, approver):
        """Authorize the requesters of the held tickets of ``self`` for this
        and later tickets, and start their SLA clock now, with their other
        open tickets still waiting for an approval: the approval is of the
        person. Each client is told that the ticket started by its
        confirmation."""
        held = self.filtered(lambda t: not t.requester_authorized).sudo()
        if not held:
            return
        held |= held.search(
            [
                ("partner_id", "in", held.partner_id.ids),
                ("requester_authorized", "=", False),
                ("closed", "=", False),
            ]
        )
        held = held._requester_lock_held()
        held.partner_id.filtered(lambda p: not p.helpdesk_authorized).write(
            {"helpdesk_authorized": True}
        )
        held.write(
            {
                "requester_authorized": True,
                "requester_approved_by_id": approver.id,
                "sla_start_date": fields.Datetime.now(),
            }
        )
        held._entitlement_apply(creating=True)
        for ticket in held:
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Requester approved by %(approver)s: the ticket is started.",
                    approver=approver.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        held._confirmation_queue()

    def _requester_lock_held(self):
        """Lock the held tickets of ``self`` and re-read them: two approvers
        clicking at once start a ticket, and claim its coverage, once. The
        second one waits, then fails to serialize and its request is
        retried, when the ticket is no longer held."""
        self.flush_recordset(["requester_authorized"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_ticket WHERE id IN %s "
                "AND requester_authorized IS NOT TRUE FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_recordset(["requester_authorized"])
        return self.browse(ids)

    def _requester_approval_token(self, approver):
        self.ensure_one()
        return hmac(self.env(su=True), TOKEN_SCOPE, (self.id, approver.id))

    def _requester_check_approval_token(self, approver, token):
        """Whether ``token`` is the approval link of ``approver`` for this
        ticket, and ``approver`` is still an authorized contact of its
        client."""
        self.ensure_one()
        return (
            consteq(self._requester_approval_token(approver), token or "")
            and approver in self.partner_id._helpdesk_approvers()
        )

    def _requester_approval_url(self, approver):
        self.ensure_one()
        token = self._requester_approval_token(approver)
        return (
            f"{self.get_base_url()}/helpdesk/requester/approve/"
            f"{self.id}/{approver.id}/{token}"
        )

    # ------------------------------------------------------------------
    # Entitlement of held tickets
    # ------------------------------------------------------------------

    def _entitlement_answer(self):
        """A held ticket is not started: no candidate is asked, nothing is
        claimed, no SLA policy applies until the requester is approved."""
        if self.requester_authorized:
            return super()._entitlement_answer()
        return {
            "is_covered": False,
            "entitlement_source": "none",
            "entitlement_message": self._requester_held_message(),
            "entitlement_state": False,
            "entitlement_partner_id": False,
            "sla_policy_id": False,
        }

    def _entitlement_uncovered_message(self):
        if self.requester_authorized:
            return super()._entitlement_uncovered_message()
        return self._requester_held_message()

    def _requester_held_message(self):
        return self.env._(
            "The sender is not an authorized contact of the client: the "
            "ticket starts once an authorized contact or an agent approves it."
        )

    @api.model
    def _requester_portal_may_approve(self, ticket, partner):
        """Whether the portal contact ``partner`` may approve ``ticket``."""
        return not ticket.requester_authorized and partner in (
            ticket.partner_id._helpdesk_approvers()
        )
