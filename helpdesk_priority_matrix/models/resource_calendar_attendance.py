from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    """Working hours changed: the SLA deadlines on their calendar move."""

    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances.calendar_id._sla_replan()
        return attendances

    def write(self, vals):
        calendars = self.calendar_id
        result = super().write(vals)
        (calendars | self.calendar_id)._sla_replan()
        return result

    def unlink(self):
        calendars = self.calendar_id
        result = super().unlink()
        calendars._sla_replan()
        return result
