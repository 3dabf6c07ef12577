import re

from odoo.tests import HttpCase, new_test_user

from .translation_common import load_spanish

# A phone held upright, as Odoo's own mobile tours size it.
PHONE = "375x667"
# Odoo's modules whose words the portal pages show besides the suite's.
ODOO_PORTAL_MODULES = ("web", "portal", "rating", "helpdesk_mgmt")


class TourCase(HttpCase):
    """Tours in headless Chromium, as clients of two companies: one reads the
    portal in English, the other in Spanish, each in their own time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_portal_select_category = True

    @classmethod
    def load_spanish(cls, *suite_modules):
        """Spanish for the pages: the suite modules' es.po and Odoo's own."""
        load_spanish(cls.env, "helpdesk_priority_matrix", *suite_modules)
        cls.env["ir.module.module"]._load_module_terms(
            ODOO_PORTAL_MODULES, ["es_ES"], overwrite=True
        )

    @classmethod
    def portal_client(cls, login, company_name, lang="en_US", tz="America/Bogota"):
        """A portal user of a new client company, authorized to open its
        tickets; its password is its login."""
        company = cls.env["res.partner"].create(
            {"name": company_name, "is_company": True, "tz": tz, "lang": lang}
        )
        user = new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            lang=lang,
            tz=tz,
        )
        user.partner_id.write({"parent_id": company.id, "tz": tz, "lang": lang})
        # The contact who opens the client's tickets: authorized, as the
        # demo company accepts tickets from authorized contacts only (002).
        user.partner_id.helpdesk_authorized = True
        return user

    def start_client_tour(self, url, tour, login, phone=False):
        """Run ``tour`` as ``login``, on a desktop screen or a phone's."""
        if phone:
            self.browser_size = PHONE
            self.touch_enabled = True
        self.start_tour(url, tour, login=login)

    def portal_csrf_token(self):
        """The CSRF token of the authenticated session, as a page holds it."""
        page = self.url_open("/my").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)
