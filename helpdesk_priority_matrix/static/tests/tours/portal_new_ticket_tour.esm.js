/** @odoo-module **/
import {registry} from "@web/core/registry";

/**
 * A client opens a ticket from the portal form: the functional area and a
 * search narrow the catalog, the critical case proposes its impact and
 * urgency, the client lowers the urgency, attaches a screenshot and
 * submits; the ticket page then shows the priority, the deadlines in the
 * client's time zone and the service level that serves it.
 *
 * The steps are shared with the coverage modules (wallet, plans), whose
 * tours add their own checks of the ticket page. Every text the client
 * reads comes in the page's language: one set of texts per language, each
 * with the time zone of its client (tests/test_tour_portal.py).
 */

export const NEW_TICKET_TEXTS = {
    en: {
        area: "Electronic Invoicing / Localization",
        caseLabel: "PAC/DGI stamping service down",
        critical: "Critical case: it stops your operation",
        submit: "Submit Ticket",
        priority: "Priority:",
        response: "Response deadline:",
        resolution: "Resolution deadline:",
        serviceLevel: "Service level:",
        timeZone: "Time zone:",
        clientTimeZone: "America/Bogota",
    },
    es: {
        area: "Facturación Electrónica / Localización",
        caseLabel: "Caída del servicio de timbrado PAC/DGI",
        critical: "Caso crítico: detiene su operación",
        submit: "Enviar Ticket",
        priority: "Prioridad:",
        response: "Plazo de respuesta:",
        resolution: "Plazo de solución:",
        serviceLevel: "Nivel de servicio:",
        timeZone: "Zona horaria:",
        clientTimeZone: "America/Santiago",
    },
};

const ATTACHMENT_NAME = "stamping_error.txt";

/**
 * Put a file in the form's file input as a person choosing it would: the
 * browser then posts it with the form.
 */
function attachFile(input) {
    const file = new File(["PAC 503: stamping service unavailable"], ATTACHMENT_NAME, {
        type: "text/plain",
    });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

/**
 * Steps from the new-ticket form to the ticket page.
 * @param {Object} texts one of NEW_TICKET_TEXTS
 * @param {String} subject the ticket's subject
 */
export function newTicketSteps(texts, subject) {
    const form = "form[action='/submitted/ticket']";
    return [
        {
            content: "Narrow the catalog to one functional area",
            trigger: `${form} select[name='category_area']`,
            run: `select ${texts.area}`,
        },
        {
            content: "Search the case",
            trigger: `${form} input[name='category_search']`,
            run: "edit PAC/DGI",
        },
        {
            content: "Only the matching case is left to choose",
            trigger: `${form} select[name='category']:not(:has(optgroup + optgroup))`,
            run: `selectByLabel ${texts.caseLabel}`,
        },
        {
            content: "The case says it is critical",
            trigger: `${form} .badge.text-bg-danger:contains(${texts.critical})`,
        },
        {
            content: "The critical case proposes a high impact",
            trigger: `${form} select[name='impact']`,
            run() {
                if (this.anchor.value !== "high") {
                    throw new Error(`Impact proposed: ${this.anchor.value}, not high`);
                }
            },
        },
        {
            content: "The client needs it today rather than right now",
            trigger: `${form} select[name='urgency']`,
            run: "select medium",
        },
        {
            content: "Subject",
            trigger: `${form} input[name='subject']`,
            run: `edit ${subject}`,
        },
        {
            content: "Description",
            trigger: `${form} textarea[name='description']`,
            run: "edit No invoice can be stamped since 9:00; PAC answers 503.",
        },
        {
            content: "Attach the error the client got",
            trigger: `${form} input[name='attachment']`,
            run() {
                attachFile(this.anchor);
            },
        },
        {
            content: "Submit the ticket",
            trigger: `${form} button[type='submit']:contains(${texts.submit})`,
            run: "click",
        },
        {
            content: "The ticket page opens on the new ticket",
            trigger: `#card_header h3:contains(${subject})`,
        },
    ];
}

/**
 * Checks of the ticket page the client lands on.
 * @param {Object} texts one of NEW_TICKET_TEXTS
 */
export function ticketPageSteps(texts) {
    return [
        {
            content: "The priority and the impact and urgency chosen",
            trigger: `div[name='portal_priority_level']:contains(${texts.priority})`,
        },
        {
            content: "The response deadline",
            trigger: `div[name='portal_sla_response']:contains(${texts.response})`,
        },
        {
            content: "The resolution deadline",
            trigger: `div[name='portal_sla_resolution']:contains(${texts.resolution})`,
        },
        {
            content: "The deadlines are in the client's own time zone",
            trigger: `div[name='portal_sla_timezone']:contains(${texts.timeZone}):contains(${texts.clientTimeZone})`,
        },
        {
            content: "The service level that serves the ticket",
            trigger: `div[name='portal_sla_policy']:contains(${texts.serviceLevel})`,
        },
        {
            content: "The attached file is on the ticket",
            trigger: `.o_project_portal_attachments [title='${ATTACHMENT_NAME}'], a:contains(${ATTACHMENT_NAME})`,
        },
    ];
}

for (const [lang, texts] of Object.entries(NEW_TICKET_TEXTS)) {
    registry.category("web_tour.tours").add(`helpdesk_priority_matrix_portal_new_ticket_${lang}`, {
        url: "/new/ticket",
        steps: () => [
            ...newTicketSteps(texts, "Stamping down / timbrado caído"),
            ...ticketPageSteps(texts),
        ],
    });
}
