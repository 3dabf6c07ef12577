/** @odoo-module **/
import {stepUtils} from "@web_tour/tour_service/tour_utils";

/**
 * Steps the backend tours share: menus of the Helpdesk app as a user
 * without debug mode finds them, and the form widgets they fill.
 */

/** Open the Helpdesk app from the apps menu. */
export function openHelpdesk() {
    return stepUtils.goToAppSteps("helpdesk_mgmt.helpdesk_ticket_main_menu", "Open Helpdesk");
}

/** Open a menu of the Helpdesk app: its section, then the entry. */
export function openMenu(sectionXmlid, menuXmlid, content) {
    return [
        {
            content: `Open the menu of ${content}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${sectionXmlid}']`,
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-menu [data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/** Create a record from the list the menu opened. */
export function newRecord() {
    return [
        {
            content: "New record",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The form is ready",
            trigger: ".o_form_view .o_form_editable",
        },
    ];
}

/** Type in a text, number or time field of the form (or of `scope`). */
export function fill(field, value, scope = ".o_form_view") {
    const widget = `${scope} .o_field_widget[name='${field}']`;
    return {
        content: `Fill ${field}`,
        trigger: `${widget} input, ${widget} textarea`,
        run: `edit ${value}`,
    };
}

/** Choose a record in a many2one field by a text of its name. */
export function pick(field, text, scope = ".o_form_view") {
    return [
        {
            content: `Search ${text} in ${field}`,
            trigger: `${scope} .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `.o-autocomplete--dropdown-item a:contains(${text})`,
            run: "click",
        },
    ];
}

/** Choose a value of a selection field. */
export function choose(field, value, scope = ".o_form_view") {
    return {
        content: `Choose ${value} in ${field}`,
        trigger: `${scope} .o_field_widget[name='${field}'] select`,
        run: `select "${value}"`,
    };
}

/** Open a tab of the form's notebook. */
export function openTab(name) {
    return {
        content: `Open the tab ${name}`,
        trigger: `.o_notebook .nav-link[name='${name}']`,
        run: "click",
    };
}

/** Add a line to an editable one2many list; its row is then selected. */
export function addLine(field) {
    return {
        content: `Add a line to ${field}`,
        trigger: `.o_field_widget[name='${field}'] .o_field_x2many_list_row_add a`,
        run: "click",
    };
}

/** The selected row of an editable one2many list, as a scope. */
export function row(field) {
    return `.o_field_widget[name='${field}'] .o_selected_row`;
}

export const save = () => stepUtils.saveForm();
