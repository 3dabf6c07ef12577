/** @odoo-module **/
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * On the portal's new-ticket form, the team chosen decides how the client
 * gives the priority: impact and urgency, a level, or nothing (the agent
 * sets it). Only the fields of the chosen team are shown.
 */
publicWidget.registry.HelpdeskTicketIntakeTeam = publicWidget.Widget.extend({
    selector: "form[action='/submitted/ticket']",
    events: {
        "change select[name='team']": "_onChangeTeam",
    },

    start() {
        const team = this.el.querySelector("select[name='team']");
        if (team) {
            this._showTeam(team.value);
        }
        return this._super(...arguments);
    },

    _onChangeTeam(ev) {
        this._showTeam(ev.currentTarget.value);
    },

    _showTeam(teamId) {
        let decidedBy = "matrix";
        for (const block of this.el.querySelectorAll("[data-intake-team]")) {
            const chosen = block.dataset.intakeTeam === teamId;
            block.hidden = !chosen;
            if (chosen) {
                decidedBy = block.dataset.priorityDecidedBy;
            }
        }
        for (const block of this.el.querySelectorAll("[data-intake-matrix-choice]")) {
            block.hidden = decidedBy !== "matrix";
        }
    },
});
