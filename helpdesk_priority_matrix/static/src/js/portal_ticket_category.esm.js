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

    _onChangeCategory(ev) {
        const option = ev.currentTarget.selectedOptions[0];
        if (!option) {
            return;
        }
        for (const name of ["impact", "urgency"]) {
            const value = option.dataset[`default${name[0].toUpperCase()}${name.slice(1)}`];
            const select = this.el.querySelector(`select[name='${name}']`);
            if (value && select) {
                select.value = value;
            }
        }
    },
});
