# Copyright 2026 Helpdesk SLA suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk Support Plans",
    "summary": "Support plans sold as recurring contracts: ticket quotas per "
    "period, add-on bags, notice-based cancellation and card renewal",
    "version": "18.0.1.1.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Helpdesk SLA suite contributors",
    "website": "https://github.com/helpdesk-sla-suite/helpdesk-sla-suite",
    "maintainers": ["helpdesk-sla-suite"],
    "development_status": "Beta",
    "images": [
        "static/description/plan_subscription.png",
    ],
    "depends": [
        "helpdesk_priority_matrix",
        "contract",
        "contract_line_successor",
        "contract_termination",
        "product_contract",
        "sale",
        "account",
        "payment",
        "payment_demo",
    ],
    "data": [
        "security/helpdesk_plans_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_plan_views.xml",
        "views/helpdesk_plan_subscription_views.xml",
        "views/helpdesk_plan_bag_views.xml",
        "views/helpdesk_plan_consumption_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/res_partner_views.xml",
        "views/contract_contract_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "views/helpdesk_plans_menus.xml",
        "views/helpdesk_plans_portal_templates.xml",
    ],
    "demo": ["demo/helpdesk_plans_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "helpdesk_plans/static/tests/tours/*.esm.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
