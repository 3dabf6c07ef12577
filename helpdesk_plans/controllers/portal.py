from werkzeug.exceptions import NotFound

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.helpdesk_plan_subscription import LIVE_STATES

SELLABLE_ROLES = ("subscription", "bag")


def _plan_summary(env):
    """The live subscriptions and valid bags of the user's company, read as
    the user: the portal rules decide what is shown."""
    partner = env.user.partner_id.commercial_partner_id
    today = fields.Date.context_today(env.user)
    subscriptions = env["helpdesk.plan.subscription"].search(
        [("partner_id", "=", partner.id), ("state", "in", LIVE_STATES)]
    )
    bags = env["helpdesk.plan.bag"].search(
        [("partner_id", "=", partner.id), ("expiry_date", ">=", today)]
    )
    return {
        "plan_subscriptions": subscriptions,
        "plan_bags": bags.filtered("tickets_remaining"),
    }


class HelpdeskPlanPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "helpdesk_plan_count" in counters:
            Subscription = request.env["helpdesk.plan.subscription"]
            values["helpdesk_plan_count"] = (
                Subscription.search_count([("state", "in", LIVE_STATES)])
                if Subscription.has_access("read")
                else 0
            )
        return values

    @http.route("/my/plan", type="http", auth="user", website=True)
    def portal_my_plan(self, **kw):
        return request.render(
            "helpdesk_plans.portal_my_plan", self._plan_page_values(**kw)
        )

    def _plan_page_values(self, error=None, cancelled=None, **kw):
        values = self._prepare_portal_layout_values()
        values.update(_plan_summary(request.env))
        values.update(
            page_name="helpdesk_plan",
            plan_error=error,
            plan_cancelled=bool(cancelled),
            plan_offers=self._plan_offers(),
            plan_notice_days=request.env.company.helpdesk_plan_notice_days,
        )
        return values

    def _plan_offers(self):
        """Plan and bag products a client can order from the portal."""
        return (
            request.env["product.product"]
            .sudo()
            .search(
                [
                    ("helpdesk_plan_role", "in", SELLABLE_ROLES),
                    ("sale_ok", "=", True),
                    ("company_id", "in", [request.env.company.id, False]),
                ],
                order="helpdesk_plan_role desc, list_price",
            )
        )

    def _plan_offer(self, product_id):
        """The offer the form names, or an empty recordset for a missing,
        garbled or unknown value."""
        try:
            offer_id = int(product_id)
        except (TypeError, ValueError):
            return request.env["product.product"]
        return self._plan_offers().filtered(lambda p: p.id == offer_id)

    def _plan_subscription(self, subscription_id):
        subscription = request.env["helpdesk.plan.subscription"].browse(subscription_id)
        try:
            subscription.check_access("read")
            subscription.exists().ensure_one()
        except (AccessError, MissingError, ValueError) as error:
            raise NotFound() from error
        return subscription

    @http.route(
        "/my/plan/<int:subscription_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_plan_cancel(self, subscription_id, **kw):
        """Cancel at period end; a late request is refused with the reason."""
        subscription = self._plan_subscription(subscription_id)
        try:
            subscription.sudo().with_context(tz=request.env.user.tz).action_cancel()
        except UserError as error:
            values = self._plan_page_values(error=str(error))
            return request.render("helpdesk_plans.portal_my_plan", values)
        return request.redirect("/my/plan?cancelled=1")

    @http.route(
        "/my/plan/order", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_plan_order(self, product_id=None, **kw):
        """A quotation for a plan, an upgrade or a bag, to confirm and pay
        from the portal."""
        product = self._plan_offer(product_id)
        if not product:
            values = self._plan_page_values(
                error=request.env._(
                    "Please choose one of the plans or bags listed below to order."
                )
            )
            return request.render("helpdesk_plans.portal_my_plan", values)
        partner = request.env.user.partner_id
        order = (
            request.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": partner.commercial_partner_id.id,
                    "partner_invoice_id": partner.id,
                    "company_id": request.env.company.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
        )
        return request.redirect(order.get_portal_url())


class HelpdeskPlanTicketController(HelpdeskTicketController):
    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        values.update(_plan_summary(request.env))
        return values
