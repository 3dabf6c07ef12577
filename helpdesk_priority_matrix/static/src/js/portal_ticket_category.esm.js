/** @odoo-module **/
import {_t} from "@web/core/l10n/translation";
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The new-ticket form of the portal: the category select, grouped by
 * functional area, becomes a two-level picker (area, then case) with a
 * search box; the chosen case shows its criticality and proposes its impact
 * and urgency, or the team default when it has none. Without JavaScript the
 * grouped select works on its own.
 */
export const HelpdeskTicketCategoryPicker = publicWidget.Widget.extend({
    selector: "form[action='/submitted/ticket']",
    events: {
        "change select[name='category']": "_onChangeCategory",
        "change select[name='category_area']": "_onFilter",
        "input input[name='category_search']": "_onFilter",
    },

    start() {
        this.categorySelect = this.el.querySelector("select[name='category']");
        if (this.categorySelect) {
            this.groups = this._readGroups();
            this._buildFilters();
            this._showCriticality();
            // A single portal category comes preselected: propose its values.
            if (this.categorySelect.value) {
                this._applyCategoryDefaults();
            }
        }
        return this._super(...arguments);
    },

    /**
     * The areas and their cases as rendered by the server, kept to rebuild
     * the select when filtering (options cannot be hidden on every browser).
     */
    _readGroups() {
        return [...this.categorySelect.querySelectorAll("optgroup")].map((group) => ({
            label: group.label,
            options: [...group.querySelectorAll("option")].map((option) => ({
                option,
                key: this._normalize(`${group.label} ${option.textContent}`),
            })),
        }));
    },

    _buildFilters() {
        const row = document.createElement("div");
        row.className = "d-flex flex-column flex-sm-row gap-2 mb-2";
        const area = document.createElement("select");
        area.name = "category_area";
        area.className = "form-select";
        area.setAttribute("aria-label", _t("Functional area"));
        area.add(new Option(_t("All functional areas"), ""));
        for (const group of this.groups) {
            area.add(new Option(group.label, group.label));
        }
        const search = document.createElement("input");
        search.type = "search";
        search.name = "category_search";
        search.className = "form-control";
        search.placeholder = _t("Search a case…");
        search.setAttribute("aria-label", _t("Search a case"));
        row.append(area, search);
        this.categorySelect.before(row);
        this.criticality = document.createElement("div");
        this.criticality.className = "mt-1";
        this.criticality.setAttribute("aria-live", "polite");
        this.categorySelect.after(this.criticality);
    },

    _normalize(text) {
        return text
            .normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "")
            .toLowerCase();
    },

    _onFilter() {
        const area = this.el.querySelector("select[name='category_area']").value;
        const words = this._normalize(
            this.el.querySelector("input[name='category_search']").value
        )
            .split(/\s+/)
            .filter(Boolean);
        const selected = this.categorySelect.value;
        const empty = this.categorySelect.querySelector("option[value='']");
        this.categorySelect.replaceChildren(...(empty ? [empty] : []));
        let found = false;
        for (const group of this.groups) {
            if (area && group.label !== area) {
                continue;
            }
            const matches = group.options.filter(({key}) =>
                words.every((word) => key.includes(word))
            );
            if (!matches.length) {
                continue;
            }
            const optgroup = document.createElement("optgroup");
            optgroup.label = group.label;
            optgroup.append(...matches.map(({option}) => option));
            this.categorySelect.append(optgroup);
            found = true;
        }
        if (!found) {
            const none = new Option(_t("No case matches your search"), "");
            none.disabled = true;
            this.categorySelect.append(none);
        }
        this.categorySelect.value = selected;
        if (this.categorySelect.value !== selected) {
            this.categorySelect.value = "";
            this._onChangeCategory();
        }
    },

    _onChangeCategory() {
        this._applyCategoryDefaults();
        this._showCriticality();
    },

    _showCriticality() {
        const option = this.categorySelect.selectedOptions[0];
        const criticality = option && option.dataset.criticality;
        this.criticality.replaceChildren();
        if (!criticality) {
            return;
        }
        const badge = document.createElement("span");
        if (criticality === "critical") {
            badge.className = "badge text-bg-danger";
            badge.textContent = _t("Critical case: it stops your operation");
        } else {
            badge.className = "badge text-bg-secondary";
            badge.textContent = _t("Non-critical case");
        }
        this.criticality.append(badge);
    },

    _applyCategoryDefaults() {
        const option = this.categorySelect.selectedOptions[0];
        const defaults = {
            impact: option && option.dataset.defaultImpact,
            urgency: option && option.dataset.defaultUrgency,
        };
        for (const [name, value] of Object.entries(defaults)) {
            const select = this.el.querySelector(`select[name='${name}']`);
            if (select) {
                select.value = value || select.dataset.teamDefault || select.value;
            }
        }
    },
});

publicWidget.registry.HelpdeskTicketCategoryPicker = HelpdeskTicketCategoryPicker;
