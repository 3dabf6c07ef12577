# Copyright 2026 Helpdesk SLA suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk SLA Ticket Wallet",
    "summary": "Prepaid support ticket packs sold through sales, consumed by "
    "tickets through an append-only ledger; overruns become CRM opportunities",
    "version": "18.0.1.1.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Helpdesk SLA suite contributors",
    "maintainers": ["helpdesk-sla-suite"],
    "development_status": "Beta",
    "images": [
        "static/description/wallet_ledger.png",
    ],
    "website": "https://github.com/helpdesk-sla-suite/helpdesk-sla-suite",
    "depends": [
        "helpdesk_priority_matrix",
        "helpdesk_mgmt_timesheet",
        "helpdesk_mgmt_crm",
        "sale_management",
        "crm",
        "account",
        "portal",
    ],
    "data": [
        "security/helpdesk_sla_wallet_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_ticket_stage_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/res_groups_data.xml",
        "views/helpdesk_wallet_move_views.xml",
        "views/helpdesk_wallet_views.xml",
        "views/helpdesk_wallet_adjust_views.xml",
        "views/helpdesk_ticket_diagnosis_wizard_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/helpdesk_sla_policy_views.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/helpdesk_sla_wallet_menus.xml",
        "views/helpdesk_wallet_portal_templates.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/helpdesk_wallet_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "helpdesk_sla_wallet/static/tests/tours/*.esm.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
