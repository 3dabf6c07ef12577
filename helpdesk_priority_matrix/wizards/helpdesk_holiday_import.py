import base64
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.holiday_import import HolidayFileError, read_holidays


class HelpdeskHolidayImport(models.TransientModel):
    """Import a country's public holidays from a CSV file into working hours.

    Each holiday becomes a global time off of every chosen calendar, from
    midnight to midnight in the calendar's time zone; importing the same file
    again adds nothing twice.
    """

    _name = "helpdesk.holiday.import"
    _description = "Import Public Holidays"

    calendar_ids = fields.Many2many(
        comodel_name="resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self._default_calendars(),
        help="The holidays are added to each of these working hours.",
    )
    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()

    @api.model
    def _default_calendars(self):
        active = self.env.context.get("active_model") == "resource.calendar"
        if active and self.env.context.get("active_ids"):
            return self.env["resource.calendar"].browse(self.env.context["active_ids"])
        return (
            self.env["helpdesk.sla.policy"]
            .search([("company_id", "in", [self.env.company.id, False])])
            .calendar_id
        )

    def action_import(self):
        self.ensure_one()
        holidays = self._read_file()
        leaves = self.env["resource.calendar.leaves"]
        vals_list = []
        for calendar in self.calendar_ids:
            tz = calendar._sla_timezone()
            existing = {
                (leave.name, leave.date_from)
                for leave in leaves.search(
                    [("calendar_id", "=", calendar.id), ("resource_id", "=", False)]
                )
            }
            for holiday in holidays:
                date_from = calendar._sla_local_to_utc(
                    datetime.combine(holiday.date_from, time.min), tz
                )
                if (holiday.name, date_from) in existing:
                    continue
                vals_list.append(
                    {
                        "name": holiday.name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id or self.env.company.id,
                        "date_from": date_from,
                        "date_to": calendar._sla_local_to_utc(
                            datetime.combine(holiday.date_to, time.max), tz
                        ),
                    }
                )
        created = leaves.create(vals_list)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s public holidays added.", count=len(created)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _read_file(self):
        try:
            content = base64.b64decode(self.file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                self.env._("The file must be a CSV file encoded in UTF-8.")
            ) from error
        try:
            holidays = read_holidays(content)
        except HolidayFileError as error:
            raise UserError(self._file_error_message(error)) from error
        if not holidays:
            raise UserError(self.env._("The file has no holiday."))
        return holidays

    def _file_error_message(self, error):
        line, value = error.line, error.value
        if error.reason == "columns":
            return self.env._(
                "The first line of the file must name the columns name and "
                "date (and optionally date_to); found: %(value)s.",
                value=value,
            )
        if error.reason == "name":
            return self.env._("Line %(line)s: the holiday has no name.", line=line)
        if error.reason == "date":
            return self.env._(
                "Line %(line)s: %(value)s is not a date written as YYYY-MM-DD.",
                line=line,
                value=value,
            )
        return self.env._(
            "Line %(line)s: the holiday ends (%(value)s) before it starts.",
            line=line,
            value=value,
        )
