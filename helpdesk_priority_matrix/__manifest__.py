# Copyright 2026 Helpdesk SLA suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk Priority Matrix and SLA",
    "summary": "Impact x urgency priorities, critical-case catalog, SLA policies "
    "and business-time SLA clocks for helpdesk tickets",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Helpdesk SLA suite contributors",
    "website": "https://github.com/helpdesk-sla-suite/helpdesk-sla-suite",
    "depends": ["helpdesk_mgmt", "resource"],
    "data": [
        "security/helpdesk_priority_matrix_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_priority_level_data.xml",
        "data/helpdesk_priority_matrix_data.xml",
        "data/resource_calendar_data.xml",
        "data/helpdesk_sla_policy_data.xml",
        "data/helpdesk_functional_area_data.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_priority_level_views.xml",
        "views/helpdesk_priority_matrix_views.xml",
        "views/helpdesk_sla_policy_views.xml",
        "views/helpdesk_sla_suspension_views.xml",
        "views/helpdesk_functional_area_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_config_settings_views.xml",
        "views/helpdesk_priority_matrix_menus.xml",
        "views/helpdesk_ticket_portal_templates.xml",
    ],
    "demo": [
        "demo/helpdesk_priority_matrix_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "helpdesk_priority_matrix/static/src/js/portal_ticket_category.esm.js",
        ],
    },
    "installable": True,
}
