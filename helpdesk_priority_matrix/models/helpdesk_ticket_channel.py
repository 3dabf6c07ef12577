from odoo import api, fields, models
from odoo.tools import ormcache

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
    _name = "helpdesk.ticket.channel"
    # Each new ticket asks what kind its channel is: kept in a cache.
    _inherit = ["helpdesk.ticket.channel", "helpdesk.config.cache.mixin"]

    code = fields.Selection(
        selection=INTAKE_CHANNELS,
        string="Kind",
        help="What the channel is: web form and email are recorded "
        "automatically; an agent registers phone, WhatsApp and meeting "
        "requests with the moment the client actually asked.",
    )

    @api.model
    def _code_of(self, channel_id):
        """The kind of the channel ``channel_id`` (False for none)."""
        return self._codes().get(channel_id, False)

    @api.model
    @ormcache()
    def _codes(self):
        channels = (
            self.sudo().with_context(active_test=False).search_fetch([], ["code"])
        )
        return {channel.id: channel.code for channel in channels}
