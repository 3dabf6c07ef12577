from freezegun import freeze_time

from odoo.addons.helpdesk_priority_matrix.tests.common import SlaCommon

REMINDER = "helpdesk_autoclose.mail_template_autoclose_reminder"
CLOSED = "helpdesk_autoclose.mail_template_autoclose_closed"


class AutocloseCommon(SlaCommon):
    """004's rule on the foundation's Monday to Friday 08:30-17:30 calendar
    in Panama time, with Monday 23 November 2026 as a public holiday:
    a reminder after 1 business day, the close after 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("helpdesk_autoclose.rule_main_company")
        cls.stage_solution = cls.env.ref("helpdesk_autoclose.stage_solution_proposed")
        cls.stage_no_answer = cls.env.ref("helpdesk_autoclose.stage_closed_no_answer")
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Feriado nacional",
                "calendar_id": cls.calendar.id,
                "date_from": cls.utc(2026, 11, 23, 0, 0),
                "date_to": cls.utc(2026, 11, 23, 23, 59, 59),
                "time_type": "leave",
            }
        )
        cls.mt_comment = cls.env.ref("mail.mt_comment")

    def waiting_ticket(self, *local, **vals):
        """A ticket created in progress and moved to the waiting stage at
        the given local time."""
        with freeze_time(self.utc(*local)):
            ticket = self.create_ticket(self.utc(*local), **vals)
            ticket.stage_id = self.stage_progress
            ticket.stage_id = self.stage_awaiting
            self.flush_tracking()
        return ticket

    def run_cron(self, *local):
        with freeze_time(self.utc(*local)):
            self.env["helpdesk.ticket"]._cron_autoclose()
            self.env.flush_all()

    def messages_from(self, ticket, xmlid):
        """Messages of ``ticket`` rendered from the template ``xmlid``."""
        template = self.env.ref(xmlid)
        subject = template._render_field("subject", ticket.ids)[ticket.id]
        return ticket.message_ids.filtered(lambda m: m.subject == subject)

    def client_writes(self, ticket, body, *local, message_type="comment"):
        with freeze_time(self.utc(*local)):
            message = ticket.message_post(
                body=body,
                author_id=ticket.partner_id.id,
                message_type=message_type,
                subtype_xmlid="mail.mt_comment",
            )
            self.flush_tracking()
        return message
