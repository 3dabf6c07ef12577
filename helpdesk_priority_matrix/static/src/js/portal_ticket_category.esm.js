/** @odoo-module **/
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * On the portal's new-ticket form, choosing a category proposes its impact
 * and urgency; the client can still change both.
 */
publicWidget.registry.HelpdeskTicketCategoryDefaults = publicWidget.Widget.extend({
    selector: "form[action='/submitted/ticket']",
    events: {
        "change select[name='category']": "_onChangeCategory",
    },

    start() {
        // A single portal category comes preselected: propose its values.
        const category = this.el.querySelector("select[name='category']");
        if (category && category.value) {
            this._applyCategoryDefaults(category);
        }
        return this._super(...arguments);
    },

    _onChangeCategory(ev) {
        this._applyCategoryDefaults(ev.currentTarget);
    },

    _applyCategoryDefaults(categorySelect) {
        const option = categorySelect.selectedOptions[0];
        if (!option) {
            return;
        }
        const defaults = {
            impact: option.dataset.defaultImpact,
            urgency: option.dataset.defaultUrgency,
        };
        for (const [name, value] of Object.entries(defaults)) {
            const select = this.el.querySelector(`select[name='${name}']`);
            if (value && select) {
                select.value = value;
            }
        }
    },
});
