import secrets

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq

from .helpdesk_ticket_autoclose import AUTOMATIC

VALIDATION_STATES = [
    ("proposed", "Solution Proposed"),
    ("worked", "It Worked"),
    ("failed", "It Did Not Work"),
    ("accepted", "Accepted Without Answer"),
]


class HelpdeskTicket(models.Model):
    """001 §6: the client confirms the solution before the ticket closes,
    from the portal or from a single-use link in the email."""

    _inherit = "helpdesk.ticket"

    autoclose_validation_state = fields.Selection(
        selection=VALIDATION_STATES,
        string="Solution Validation",
        readonly=True,
        copy=False,
        tracking=True,
    )
    autoclose_validation_token = fields.Char(
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="Single-use secret of the link sent with the proposed solution.",
    )
    autoclose_validation_reason = fields.Text(
        string="Why It Did Not Work",
        readonly=True,
        copy=False,
    )

    def _autoclose_propose_solution(self):
        """Ask the client for a verdict with a fresh single-use link."""
        for ticket in self.sudo():
            ticket.write(
                {
                    "autoclose_validation_state": "proposed",
                    "autoclose_validation_token": secrets.token_urlsafe(32),
                    "autoclose_validation_reason": False,
                }
            )
        self._autoclose_post("helpdesk_autoclose.mail_template_autoclose_solution")

    def _autoclose_withdraw_solution(self):
        """The ticket left the solution stage: the link stops working."""
        self.sudo().write({"autoclose_validation_token": False})
        self.sudo().filtered(
            lambda t: t.autoclose_validation_state == "proposed"
        ).autoclose_validation_state = False

    def _autoclose_validation_url(self):
        """Link of the email: works without login, for this ticket only,
        and opens the page in the language the email was written in."""
        self.ensure_one()
        token = self.sudo().autoclose_validation_token
        if not token:
            return False
        return (
            f"{self.get_base_url()}{self._autoclose_lang_prefix()}"
            f"/my/ticket/{self.id}/solution?token={token}"
        )

    def _autoclose_lang_prefix(self):
        """``/es`` (the URL code of the client's language) when it is not
        the portal's default one: a visitor without login otherwise reads
        the page in the default language."""
        self.ensure_one()
        active = self.env["res.lang"]._get_active_by("code")
        lang = active.get(self.partner_id.lang)
        default = self.env["ir.default"].sudo()._get("res.partner", "lang") or next(
            iter(active), None
        )
        if not lang or lang.code == default:
            return ""
        return f"/{lang.url_code}"

    def _autoclose_check_validation_token(self, token):
        self.ensure_one()
        expected = self.sudo().autoclose_validation_token
        return bool(token and expected and consteq(expected, token))

    def _autoclose_validation_open(self):
        self.ensure_one()
        return (
            self.autoclose_validation_state == "proposed"
            and self._autoclose_stage_kind() == "validation"
        )

    def _autoclose_record_verdict(self, worked, reason=None):
        """The client's answer to the proposed solution: closed as solved,
        or back to the agents with the client's reason. Used once: the
        token is spent in the same transaction."""
        self.ensure_one()
        if not self._autoclose_validation_open():
            raise UserError(
                self.env._(
                    "The solution of ticket %(number)s is no longer waiting "
                    "for your answer.",
                    number=self.number,
                )
            )
        reason = (reason or "").strip()
        if not worked and not reason:
            raise UserError(self.env._("Please tell us what is still not working."))
        ticket = self.sudo().with_context(**{AUTOMATIC: True})
        ticket.autoclose_validation_token = False
        if worked:
            ticket._autoclose_close_solved("solved")
            return
        ticket.write(
            {
                "autoclose_validation_state": "failed",
                "autoclose_validation_reason": reason,
            }
        )
        ticket.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (self.env._("The proposed solution did not work:"), escape(reason)),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.write({"stage_id": ticket._autoclose_rule().answered_stage_id.id})
        ticket._autoclose_post("helpdesk_autoclose.mail_template_autoclose_verdict")

    def _autoclose_close_solved(self, reason):
        """Close as solved (client confirmed) or accepted (no answer in
        time), tell the client and send the satisfaction survey."""
        for ticket in self.sudo().with_context(**{AUTOMATIC: True}):
            rule = ticket._autoclose_rule()
            ticket.write(
                {
                    "stage_id": rule.solved_stage_id.id,
                    "autoclose_close_reason": reason,
                    "autoclose_validation_state": "worked"
                    if reason == "solved"
                    else "accepted",
                    "autoclose_validation_token": False,
                }
            )
            ticket._autoclose_post(
                "helpdesk_autoclose.mail_template_autoclose_verdict"
                if reason == "solved"
                else "helpdesk_autoclose.mail_template_autoclose_accepted"
            )
            ticket._autoclose_request_rating(rule)

    def _autoclose_request_rating(self, rule):
        """The survey of 001 §6 through helpdesk_mgmt_rating; a solved stage
        with its own rating template already sent it."""
        self.ensure_one()
        template = rule.rating_template_id
        if (
            not template
            or self.stage_id.rating_mail_template_id
            or self.rating_status != "stage_change"
            or not self.partner_id
        ):
            return
        self.rating_send_request(template, lang=self.partner_id.lang)
