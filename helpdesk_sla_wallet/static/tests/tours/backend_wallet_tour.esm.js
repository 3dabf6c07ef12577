/** @odoo-module **/
import {
    fill,
    newRecord,
    openHelpdesk,
    openMenu,
    openTab,
    pick,
    row,
    save,
    addLine,
} from "@helpdesk_priority_matrix/../tests/tours/backend_tour_helpers.esm";
import {registry} from "@web/core/registry";

/**
 * The consultant sells prepaid tickets: a pack product from the Helpdesk
 * configuration. The agent works a wallet ticket past its one-hour cap and
 * turns it into a diagnosis and a sales opportunity.
 */

const CONFIG = "helpdesk_mgmt.helpdesk_ticket_config_main_menu";
// The opportunity's form, once the diagnosis dialog is gone.
const LEAD_FORM = "body:not(:has(.modal)) .o_form_view:has(.o_field_widget[name='probability'])";

registry.category("web_tour.tours").add("helpdesk_sla_wallet_consultant_pack", {
    url: "/odoo",
    steps: () => [
        ...openHelpdesk(),
        ...openMenu(CONFIG, "helpdesk_sla_wallet.helpdesk_ticket_pack_menu", "Ticket Packs"),
        ...newRecord(),
        fill("name", "Wallet 10 Expansión Azuero"),
        fill("list_price", "620"),
        openTab("ticket_pack"),
        {
            content: "The form opens on a ticket pack",
            trigger: ".o_field_widget[name='is_ticket_pack'] input:checked",
        },
        fill("ticket_pack_quantity", "10"),
        ...pick("ticket_pack_sla_policy_id", "Standard Support"),
        ...save(),
    ],
});

registry.category("web_tour.tours").add("helpdesk_sla_wallet_agent_ticket", {
    steps: () => [
        {
            content: "The ticket shows its SLA status",
            trigger: ".o_form_view .o_field_widget[name='sla_status'] .badge",
        },
        openTab("sla"),
        {
            content: "The priority comes with its explanation",
            trigger: ".o_field_widget[name='sla_explanation']:contains(P)",
        },
        openTab("timesheets"),
        addLine("timesheet_ids"),
        fill("name", "Revisión del timbrado con el PAC", row("timesheet_ids")),
        fill("unit_amount", "1:30", row("timesheet_ids")),
        ...save(),
        {
            content: "Past the one-hour cap, the ticket says so",
            trigger: ".o_form_view .alert-danger:contains(exceeded its time cap)",
        },
        {
            content: "Convert the ticket to a diagnosis",
            trigger: ".o_form_view button[name='action_open_diagnosis_wizard']",
            run: "click",
        },
        fill("estimated_hours", "12:00", ".modal"),
        {
            content: "Write the diagnosis",
            trigger: ".modal .o_field_widget[name='diagnosis'] .odoo-editor-editable",
            run: "editor The PAC certificate expired: renew it and re-sign the invoices.",
        },
        {
            content: "Close as diagnosis",
            trigger: ".modal button[name='action_convert']",
            run: "click",
        },
        {
            content: "The sales opportunity opens, with its expected revenue",
            trigger: `${LEAD_FORM} .o_field_widget[name='expected_revenue']`,
        },
        {
            content: "It is the development opportunity of this ticket",
            trigger: `${LEAD_FORM} .o_field_widget[name='name'] :is(input, textarea)`,
            run() {
                if (!this.anchor.value.startsWith("Development: ")) {
                    throw new Error(`Opportunity: ${this.anchor.value}`);
                }
            },
        },
    ],
});
