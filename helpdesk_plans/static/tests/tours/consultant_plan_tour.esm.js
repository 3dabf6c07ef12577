/** @odoo-module **/
import {
    choose,
    fill,
    newRecord,
    openHelpdesk,
    openMenu,
    pick,
    save,
} from "@helpdesk_priority_matrix/../tests/tours/backend_tour_helpers.esm";
import {registry} from "@web/core/registry";

/** The consultant adds a support plan from the Helpdesk configuration. */
registry.category("web_tour.tours").add("helpdesk_plans_consultant_plan", {
    url: "/odoo",
    steps: () => [
        ...openHelpdesk(),
        ...openMenu(
            "helpdesk_mgmt.helpdesk_ticket_config_main_menu",
            "helpdesk_plans.menu_helpdesk_plan",
            "Support Plans"
        ),
        ...newRecord(),
        fill("name", "Corporativo Azuero"),
        ...pick("sla_policy_id", "Standard Support"),
        fill("ticket_quota", "20"),
        choose("billing_period", "yearly"),
        fill("price", "6500"),
        ...save(),
    ],
});
