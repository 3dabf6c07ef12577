from collections import OrderedDict

from odoo import http
from odoo.http import request
from odoo.osv.expression import AND

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.helpdesk_ticket_sla import SLA_STATUSES


class CustomerPortalHelpdeskSla(CustomerPortalHelpdesk):
    """/my/tickets filtered and sorted by priority level and SLA status.

    helpdesk_mgmt builds its filters inside the route; this route is the
    same list with the filters taken from ``_ticket_get_searchbar_filters``,
    which modules extend.
    """

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_tickets(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        filterby=None,
        search=None,
        search_in=None,
        groupby=None,
        **kw,
    ):
        tickets_model = request.env["helpdesk.ticket"]
        if not tickets_model.has_access("read"):
            return request.redirect("/my")
        sortings = dict(
            sorted(
                self._ticket_get_searchbar_sortings().items(),
                key=lambda item: item[1]["sequence"],
            )
        )
        filters = self._ticket_get_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        groupby = groupby or "none"
        search_in = search_in or "all"
        domain = list(filters[filterby]["domain"])
        if date_begin and date_end:
            domain += [
                ("create_date", ">", date_begin),
                ("create_date", "<=", date_end),
            ]
        if search:
            domain = AND([domain, self._ticket_get_search_domain(search_in, search)])
        pager = portal_pager(
            url="/my/tickets",
            url_args={
                "date_begin": date_begin,
                "date_end": date_end,
                "sortby": sortby,
                "filterby": filterby,
                "groupby": groupby,
                "search": search,
                "search_in": search_in,
            },
            total=tickets_model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        tickets = tickets_model.search(
            domain,
            order=self._ticket_get_order(sortings[sortby]["order"], groupby),
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "date": date_begin,
                "date_end": date_end,
                "grouped_tickets": self._ticket_group(tickets, groupby),
                "page_name": "ticket",
                "default_url": "/my/tickets",
                "pager": pager,
                "searchbar_sortings": sortings,
                "searchbar_groupby": self._ticket_get_searchbar_groupby(),
                "searchbar_inputs": self._ticket_get_searchbar_inputs(),
                "search_in": search_in,
                "search": search,
                "sortby": sortby,
                "groupby": groupby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        values["force_majeure"] = request.env[
            "helpdesk.sla.suspension"
        ]._portal_notices(tickets.company_id)
        return request.render("helpdesk_mgmt.portal_my_tickets", values)

    def _ticket_group(self, tickets, groupby):
        field_name = self._ticket_get_groupby_mapping().get(groupby)
        if not tickets:
            return []
        if not field_name:
            return [tickets]
        return list(tickets.grouped(field_name).values())

    def _ticket_get_searchbar_filters(self):
        """All, each stage, each priority level of the user's tickets and
        each SLA status, in that order."""
        env = request.env
        filters = OrderedDict(all={"label": env._("All"), "domain": []})
        for stage in env["helpdesk.ticket.stage"].search([]):
            filters[str(stage.id)] = {
                "label": stage.name,
                "domain": [("stage_id", "=", stage.id)],
            }
        used = env["helpdesk.ticket"]._read_group(
            [("priority_level_id", "!=", False)], ["priority_level_id"]
        )
        levels = env["helpdesk.priority.level"].search(
            [("id", "in", [level.id for (level,) in used])]
        )
        for level in levels:
            filters[f"level_{level.id}"] = {
                "label": env._("Priority %(level)s", level=level.display_name),
                "domain": [("priority_level_id", "=", level.id)],
            }
        labels = dict(
            env["helpdesk.ticket"]._fields["sla_status"]._description_selection(env)
        )
        for status, _label in SLA_STATUSES:
            filters[f"sla_{status}"] = {
                "label": env._("SLA %(status)s", status=labels[status]),
                "domain": [("sla_status", "=", status)],
            }
        filters["sla_paused"] = {
            "label": env._("Waiting for your answer"),
            "domain": [("sla_paused_since", "!=", False), ("closed", "=", False)],
        }
        return filters

    def _ticket_get_searchbar_sortings(self):
        sortings = super()._ticket_get_searchbar_sortings()
        sortings["priority"] = {
            "label": request.env._("Priority"),
            "order": "priority_level_id, sla_deadline",
            "sequence": 5,
        }
        sortings["sla"] = {
            "label": request.env._("SLA Deadline"),
            "order": "sla_deadline",
            "sequence": 6,
        }
        return sortings
