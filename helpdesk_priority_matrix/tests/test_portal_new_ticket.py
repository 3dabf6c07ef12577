import re

from odoo import http
from odoo.tests import tagged

from .portal_common import PortalCase
from .translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestPortalNewTicket(PortalCase):
    """The new-ticket form: the catalog grouped by functional area, with
    criticality, usable without JavaScript."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_portal_select_category = True
        cls.generic = cls.env["helpdesk.ticket.category"].create(
            {"name": "Wifi de la oficina", "show_in_portal": True}
        )

    def _form(self):
        self.authenticate("portal", "portal")
        response = self.url_open("/new/ticket")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _optgroups(self, page):
        return re.findall(r'<optgroup label="([^"]+)"', page)

    def test_cases_grouped_by_functional_area(self):
        page = self._form()
        groups = self._optgroups(page)
        self.assertIn("Electronic Invoicing / Localization", groups)
        self.assertIn("Logistics / Inventory", groups)
        for merged in (
            "Inventory / Logistics",
            "POS / eCommerce",
            "Invoicing / Accounting",
        ):
            self.assertNotIn(merged, groups)
        self.assertEqual(len(groups), len(set(groups)), "one group per area")
        self.assertEqual(groups[-1], "Other")

    def test_generic_categories_kept_out_of_the_catalog_areas(self):
        page = self._form()
        other = page[page.index('<optgroup label="Other"') :]
        other = other[: other.index("</optgroup>")]
        self.assertIn("Wifi de la oficina", other)
        self.assertNotIn("PAC/DGI stamping service down", other)

    def test_criticality_and_defaults_on_each_case(self):
        page = self._form()
        pac = self.env.ref("helpdesk_priority_matrix.category_critical_01_pac_dgi_down")
        option = re.search(rf'<option[^>]*value="{pac.id}"[^>]*>', page).group(0)
        self.assertIn('data-criticality="critical"', option)
        self.assertIn('data-default-impact="high"', option)
        self.assertRegex(page, r"PAC/DGI stamping service down\s*\(critical\)")
        self.assertIn('data-team-default="medium"', page)

    def test_impact_and_urgency_start_at_the_default_team_ones(self):
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Mesa de ayuda",
                "default_impact": "low",
                "default_urgency": "high",
            }
        )
        self.env.company.helpdesk_default_team_id = team
        page = self._form()
        self.assertIn('data-team-default="low"', page)
        self.assertIn('data-team-default="high"', page)
        impact = page[page.index('name="impact"') :]
        impact = impact[: impact.index("</select>")]
        self.assertRegex(impact, r'<option value="low" selected="[^"]+">')
        self.assertNotIn('<option value="medium" selected', impact)

    def test_generic_category_keeps_what_the_client_chose(self):
        self.authenticate("portal", "portal")
        self.url_open(
            "/submitted/ticket",
            data={
                "category": self.generic.id,
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Sin wifi en bodega",
                "description": "El wifi de la bodega no conecta.",
                "impact": "low",
                "urgency": "medium",
            },
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Sin wifi en bodega")]
        )
        self.assertEqual((ticket.impact, ticket.urgency), ("low", "medium"))
        self.assertFalse(ticket.criticality)

    def test_form_in_spanish(self):
        load_spanish(self.env, "helpdesk_priority_matrix")
        self.partner_portal.lang = "es_ES"
        page = self._form()
        groups = self._optgroups(page)
        self.assertIn("Logística / Inventario", groups)
        self.assertIn("Otros", groups)
        self.assertIn("(crítico)", page)

    def test_picker_script_is_in_the_frontend_bundle(self):
        page = self._form()
        bundle = re.search(r'data-src="([^"]*web\.assets_frontend_lazy[^"]*)"', page)
        script = self.url_open(bundle.group(1)).text
        self.assertIn("HelpdeskTicketCategoryPicker", script)
        self.assertIn("category_search", script)
