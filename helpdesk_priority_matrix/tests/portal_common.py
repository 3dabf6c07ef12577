from odoo.addons.base.tests.common import HttpCaseWithUserPortal


class PortalCase(HttpCaseWithUserPortal):
    """Portal pages fetched over HTTP as a portal user."""

    def url_open(self, *args, **kwargs):
        """Requests read what the test wrote, and the test reads what the
        request wrote."""
        self.env.flush_all()
        response = super().url_open(*args, **kwargs)
        self.env.invalidate_all()
        return response
