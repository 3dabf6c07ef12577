/** @odoo-module **/
import {
    fill,
    newRecord,
    openHelpdesk,
    openMenu,
    openTab,
    pick,
    save,
} from "@helpdesk_priority_matrix/../tests/tours/backend_tour_helpers.esm";
import {registry} from "@web/core/registry";

/**
 * The consultant gives a team its own inactivity rule from the Helpdesk
 * configuration: a reminder after one business day without answer, the
 * close after three, and the client's validation of solutions.
 */
registry.category("web_tour.tours").add("helpdesk_autoclose_consultant_rule", {
    url: "/odoo",
    steps: () => [
        ...openHelpdesk(),
        ...openMenu(
            "helpdesk_mgmt.helpdesk_ticket_config_main_menu",
            "helpdesk_autoclose.helpdesk_autoclose_rule_menu",
            "Inactivity Rules"
        ),
        ...newRecord(),
        fill("name", "Tres días hábiles sin respuesta"),
        ...pick("team_id", "Mesa Azuero"),
        openTab("waiting"),
        ...pick("answered_stage_id", "In Progress"),
        fill("reminder_days", "1"),
        fill("close_days", "3"),
        ...pick("close_stage_id", "Closed: No Answer"),
        openTab("validation"),
        ...pick("solution_stage_id", "Solution Proposed"),
        ...pick("solved_stage_id", "Done"),
        ...save(),
    ],
});
