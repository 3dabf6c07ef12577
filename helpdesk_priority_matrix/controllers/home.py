from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.home import Home

REDIRECTS = (301, 302, 303)


class HomeClientLanguage(Home):
    @http.route()
    def web_login(self, *args, **kw):
        """After logging in, the portal speaks the user's language.

        The login page remembers the browser's language in the
        ``frontend_lang`` cookie, which then outweighs the language of the
        user: a client set to Spanish would read the portal in English
        because their browser is. Their messages already come in their
        language; the pages follow it from the login on, and the language
        selector of the portal still changes it afterwards.
        """
        response = super().web_login(*args, **kw)
        uid = request.session.uid
        logged_in = request.httprequest.method == "POST" and uid
        if logged_in and response.status_code in REDIRECTS:
            lang = request.env["res.users"].sudo().browse(uid).lang
            if lang in request.env["res.lang"]._get_frontend():
                response.set_cookie("frontend_lang", lang)
        return response
