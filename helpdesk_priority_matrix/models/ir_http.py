from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal loads the translations of its scripts module by module:
        the category picker's labels come from this module and the ticket's
        chatter ("The conversation is empty.") from mail, which only
        website_mail adds otherwise."""
        modules = super()._get_translation_frontend_modules_name()
        return modules + ["mail", "helpdesk_priority_matrix"]
