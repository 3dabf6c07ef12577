/** @odoo-module **/
import {
    addLine,
    choose,
    fill,
    newRecord,
    openHelpdesk,
    openMenu,
    openTab,
    pick,
    row,
    save,
} from "./backend_tour_helpers.esm";
import {registry} from "@web/core/registry";

/**
 * A consultant sets a client's service up from the Helpdesk menus, without
 * debug mode: business hours with a public holiday, an SLA policy on them
 * with a response and a resolution target for every priority level, and the
 * impact x urgency matrix of the team that serves the client.
 */

const CONFIG = "helpdesk_mgmt.helpdesk_ticket_config_main_menu";
const CALENDAR_NAME = "Horario Soporte Azuero";
// Level code -> [response hours, resolution hours] of the new policy.
const TARGETS = {
    P1: [1, 4],
    P2: [2, 8],
    P3: [4, 16],
    P4: [8, 24],
    P5: [16, 40],
};

// "impact urgency" -> level code, as the company matrix of the data maps them.
const MATRIX = {
    "high high": "P1",
    "high medium": "P2",
    "high low": "P3",
    "medium high": "P2",
    "medium medium": "P3",
    "medium low": "P4",
    "low high": "P3",
    "low medium": "P4",
    "low low": "P5",
};

function calendarSteps() {
    return [
        ...openMenu(CONFIG, "helpdesk_priority_matrix.menu_helpdesk_working_hours", "Working Hours"),
        ...newRecord(),
        fill("name", CALENDAR_NAME),
        openTab("public_holidays"),
        addLine("global_leave_ids"),
        fill("name", "Día de la Independencia", row("global_leave_ids")),
        fill("date_from", "11/03/2027 00:00:00", row("global_leave_ids")),
        fill("date_to", "11/03/2027 23:59:59", row("global_leave_ids")),
        ...save(),
    ];
}

function policySteps() {
    const lines = Object.entries(TARGETS).flatMap(([level, [response, resolution]]) => [
        addLine("line_ids"),
        ...pick("level_id", level, row("line_ids")),
        fill("response_target", response, row("line_ids")),
        fill("resolution_target", resolution, row("line_ids")),
    ]);
    return [
        ...openMenu(CONFIG, "helpdesk_priority_matrix.menu_helpdesk_sla_policy", "SLA Policies"),
        ...newRecord(),
        fill("name", "Expansión Azuero"),
        ...pick("calendar_id", CALENDAR_NAME),
        ...lines,
        ...save(),
        {
            content: "The policy lists a target per level",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:nth-child(5)",
        },
    ];
}

function matrixSteps() {
    const cells = Object.entries(MATRIX).flatMap(([pair, level]) => {
        const [impact, urgency] = pair.split(" ");
        return [
            addLine("cell_ids"),
            choose("impact", impact, row("cell_ids")),
            choose("urgency", urgency, row("cell_ids")),
            ...pick("level_id", level, row("cell_ids")),
        ];
    });
    return [
        ...openMenu(CONFIG, "helpdesk_priority_matrix.menu_helpdesk_priority_matrix", "Priority Matrices"),
        ...newRecord(),
        fill("name", "Matriz Mesa Azuero"),
        ...pick("team_id", "Mesa Azuero"),
        ...cells,
        ...save(),
    ];
}

registry.category("web_tour.tours").add("helpdesk_priority_matrix_consultant_sla", {
    url: "/odoo",
    steps: () => [...openHelpdesk(), ...calendarSteps(), ...policySteps(), ...matrixSteps()],
});
