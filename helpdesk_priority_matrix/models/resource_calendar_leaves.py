from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    """Public holidays (leaves of a calendar without a resource) stop the SLA
    clock: adding, moving or removing one re-plans the open deadlines."""

    _inherit = "resource.calendar.leaves"

    # Public holidays are named to clients in their language.
    name = fields.Char(translate=True)

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._sla_calendars()._sla_replan()
        return leaves

    def write(self, vals):
        calendars = self._sla_calendars()
        result = super().write(vals)
        (calendars | self._sla_calendars())._sla_replan()
        return result

    def unlink(self):
        calendars = self._sla_calendars()
        result = super().unlink()
        calendars._sla_replan()
        return result

    def _sla_calendars(self):
        """Calendars whose business time these leaves change: a public
        holiday without a calendar applies to every calendar of its company."""
        holidays = self.filtered(lambda leave: not leave.resource_id)
        calendars = holidays.calendar_id
        if any(not leave.calendar_id for leave in holidays):
            calendars |= self.env["resource.calendar"].search(
                [("company_id", "in", holidays.company_id.ids + [False])]
            )
        return calendars
