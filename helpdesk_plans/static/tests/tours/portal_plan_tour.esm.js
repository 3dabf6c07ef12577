/** @odoo-module **/
import {
    NEW_TICKET_TEXTS,
    newTicketSteps,
    ticketPageSteps,
} from "@helpdesk_priority_matrix/../tests/tours/portal_new_ticket_tour.esm";
import {registry} from "@web/core/registry";

/**
 * A client with a support plan: from the portal home to the plan page
 * (quota used and left, add-on bag, renewal date), and a new ticket that
 * the plan serves, which the ticket page says.
 */

const PLAN_TEXTS = {
    en: {
        title: "My Plan",
        used: "Tickets used:",
        renews: "Renews on",
        bags: "Add-on bags",
        bagLeft: "tickets left, valid until",
        servedBy: "Support plan:",
    },
    es: {
        title: "Mi plan",
        used: "Tickets usados:",
        renews: "Se renueva el",
        bags: "Bolsas adicionales",
        bagLeft: "tickets disponibles, válidos hasta el",
        servedBy: "Plan de soporte:",
    },
};
const PLAN_NAME = "Plan Corporativo";

function planSteps(texts) {
    return [
        {
            content: "The portal home offers the plan",
            trigger: `a[href='/my/plan']:contains(${texts.title})`,
            run: "click",
        },
        {
            content: "The plan and its quota: one ticket of five used",
            trigger: `.card:has(h4:contains(${PLAN_NAME})) p:contains(${texts.used}):contains(1):contains(5)`,
        },
        {
            content: "The renewal date",
            trigger: `.card:has(h4:contains(${PLAN_NAME})) p:contains(${texts.renews}) strong`,
        },
        {
            content: "The add-on bag and what is left of it",
            trigger: `.card:has(h5:contains(${texts.bags})) li:contains(${texts.bagLeft}):contains(3)`,
        },
    ];
}

for (const [lang, texts] of Object.entries(PLAN_TEXTS)) {
    registry.category("web_tour.tours").add(`helpdesk_plans_portal_plan_${lang}`, {
        url: "/my",
        steps: () => planSteps(texts),
    });
    registry.category("web_tour.tours").add(`helpdesk_plans_portal_new_ticket_${lang}`, {
        url: "/new/ticket",
        steps: () => [
            {
                content: "The form says what is left in the plan",
                trigger: `div[name='helpdesk_plan_tickets_left'] .alert:contains(${PLAN_NAME})`,
            },
            ...newTicketSteps(NEW_TICKET_TEXTS[lang], "Sin timbrado / no stamping"),
            ...ticketPageSteps(NEW_TICKET_TEXTS[lang]),
            {
                content: "The plan served the ticket",
                trigger: `div[name='portal_plan']:contains(${texts.servedBy}):contains(${PLAN_NAME}) a[href='/my/plan']`,
            },
        ],
    });
}
