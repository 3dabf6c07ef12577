from odoo import fields, models

INTAKE_CHANNELS = [
    ("web", "Web Form"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("whatsapp", "WhatsApp"),
    ("meeting", "Meeting"),
]
# Channels through which clients open tickets themselves; the others are
# registered by an agent, who vouches for the requester and for the moment
# the client asked.
CLIENT_CHANNELS = ("web", "email")
AGENT_CHANNELS = ("phone", "whatsapp", "meeting")


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    code = fields.Selection(
        selection=INTAKE_CHANNELS,
        string="Kind",
        help="What the channel is: web form and email are recorded "
        "automatically; an agent registers phone, WhatsApp and meeting "
        "requests with the moment the client actually asked.",
    )
