import base64
from datetime import time

import pytz

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SlaCommon
from .translation_common import load_spanish

HOLIDAYS_CSV = """name,date,date_to,country
Día de la Independencia,2026-11-03,,PA
Día de la Madre,2026-12-08,,PA
Semana de fiestas,2026-11-23,2026-11-24,PA
"""


@tagged("post_install", "-at_install")
class TestSlaTargetsAndHolidays(SlaCommon):
    def test_targets_in_minutes(self):
        line = self.policy._get_line(self.levels["p1"])
        line.write({"response_target": 20, "response_unit": "minutes"})
        self.assertEqual(line._format_target("response"), "20 minutes")
        self.assertAlmostEqual(line._target_hours("response"), 20 / 60)
        ticket = self.create_ticket(self.utc(2026, 11, 23, 17, 20))
        # 10 minutes on Monday, 10 on Tuesday from 08:30.
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 24, 8, 40)

    def test_minutes_respect_the_resolution_cap(self):
        policy = self.env["helpdesk.sla.policy"].create(
            {
                "name": "Premium",
                "calendar_id": self.calendar.id,
                "resolution_cap_factor": 4,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "level_id": self.levels["p1"].id,
                            "response_target": 30,
                            "response_unit": "minutes",
                            "resolution_target": 2,
                        },
                    )
                ],
            }
        )
        line = policy.line_ids
        self.assertEqual(line._format_target("response"), "30 minutes")
        with self.assertRefused("exceeds its cap"):
            line.resolution_target = 3

    def _import(self, content, calendars=None, lang="en_US"):
        wizard = (
            self.env["helpdesk.holiday.import"]
            .with_context(lang=lang)
            .create(
                {
                    "file": base64.b64encode(content.encode()),
                    "filename": "feriados.csv",
                    "calendar_ids": [(6, 0, (calendars or self.calendar).ids)],
                }
            )
        )
        return wizard.action_import()

    def _holidays(self):
        return self.calendar.global_leave_ids.filtered(
            lambda leave: (
                leave.name
                in ("Día de la Independencia", "Día de la Madre", "Semana de fiestas")
            )
        )

    def test_import_holidays_moves_deadlines_once(self):
        ticket = self.create_ticket(self.utc(2026, 11, 20, 17, 30))
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 9, 0)
        result = self._import(HOLIDAYS_CSV)
        self.assertIn("3", result["params"]["message"])
        holidays = self._holidays()
        self.assertEqual(len(holidays), 3)
        week = holidays.filtered(lambda leave: leave.name == "Semana de fiestas")
        self.assertLocal(week.date_from, 2026, 11, 23, 0, 0)
        self.assertEqual(week.date_to, self.utc(2026, 11, 24, 23, 59, 59))
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 25, 9, 0)
        self._import(HOLIDAYS_CSV)
        self.assertEqual(len(self._holidays()), 3, "a second import adds nothing")

    def test_bad_files_are_refused_with_the_line(self):
        cases = [
            ("nombre,fecha\nFeriado de prueba,2026-12-25\n", "must name the columns"),
            (
                "name,date\nFeriado de prueba,25/12/2026\n",
                "Line 2: 25/12/2026 is not a date",
            ),
            ("name,date\n,2026-12-25\n", "Line 2: the holiday has no name"),
            (
                "name,date,date_to\nFiestas de prueba,2026-12-25,2026-12-24\n",
                "Line 2: the holiday ends",
            ),
            ("name,date\n", "no holiday"),
        ]
        for content, message in cases:
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(UserError, message),
            ):
                self._import(content)
        self.assertFalse(
            self.calendar.global_leave_ids.filtered(
                lambda leave: leave.name in ("Feriado de prueba", "Fiestas de prueba")
            )
        )

    def test_holidays_tab_and_menu(self):
        form = self.env["resource.calendar"].get_views([(False, "form")])
        self.assertIn('name="public_holidays"', form["views"]["form"]["arch"])
        menu = self.env.ref("helpdesk_priority_matrix.menu_helpdesk_public_holiday")
        self.assertEqual(
            menu.parent_id,
            self.env.ref("helpdesk_priority_matrix.menu_helpdesk_sla_config"),
        )
        visible = self.env["ir.ui.menu"].with_user(self.leader)._visible_menu_ids()
        self.assertIn(menu.id, visible)

    def test_messages_in_spanish(self):
        load_spanish(self.env, "helpdesk_priority_matrix")
        with self.assertRaisesRegex(UserError, "Línea 2: 25/12/2026 no es una fecha"):
            self._import("name,date\nFeriado de prueba,25/12/2026\n", lang="es_ES")
        line = self.policy.with_context(lang="es_ES")._get_line(self.levels["p1"])
        line.write({"response_target": 20, "response_unit": "minutes"})
        self.assertEqual(line._format_target("response"), "20 minutos")
        units = dict(line._fields["response_unit"]._description_selection(line.env))
        self.assertEqual(units["minutes"], "Minutos hábiles")

    def test_demo_holidays_cover_whole_days_of_the_calendar(self):
        holiday = self.env.ref("helpdesk_priority_matrix.holiday_navidad")
        tz = pytz.timezone(holiday.calendar_id.tz)
        start = pytz.utc.localize(holiday.date_from).astimezone(tz)
        end = pytz.utc.localize(holiday.date_to).astimezone(tz)
        self.assertEqual((start.month, start.day, start.time()), (12, 25, time(0, 0)))
        self.assertEqual((end.month, end.day, end.time()), (12, 25, time(23, 59, 59)))
