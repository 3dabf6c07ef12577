# Copyright 2026 Helpdesk SLA suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk Autoclose",
    "summary": "Tickets waiting on the client are reminded and closed in business "
    "days, solutions are validated by the client, replies after close follow a "
    "policy",
    "version": "18.0.1.1.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Helpdesk SLA suite contributors",
    "maintainers": ["helpdesk-sla-suite"],
    "development_status": "Beta",
    "images": [
        "static/description/ticket_waiting.png",
        "static/description/inactivity_rule.png",
    ],
    "website": "https://github.com/helpdesk-sla-suite/helpdesk-sla-suite",
    "depends": [
        "helpdesk_priority_matrix",
        "helpdesk_mgmt_rating",
        "helpdesk_ticket_partner_response",
        "helpdesk_mgmt_merge",
        "portal",
    ],
    "data": [
        "security/helpdesk_autoclose_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_autoclose_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_autoclose_rule_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_portal_templates.xml",
    ],
    "demo": [
        "demo/helpdesk_autoclose_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "helpdesk_autoclose/static/tests/tours/*.esm.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
