/** @odoo-module **/
import {
    NEW_TICKET_TEXTS,
    newTicketSteps,
    ticketPageSteps,
} from "@helpdesk_priority_matrix/../tests/tours/portal_new_ticket_tour.esm";
import {registry} from "@web/core/registry";

/**
 * A client with a ticket wallet: from the portal home to the wallet page
 * (balance, service level, ledger, the ticket a move paid for), and a new
 * ticket that the wallet serves. On a phone the ledger keeps the amount in
 * view and moves the ticket under the movement.
 */

const WALLET_TEXTS = {
    en: {
        title: "Ticket Wallet",
        ticketsLeft: "Tickets left",
        ledger: "Ledger",
        walletUsed: "Ticket wallet:",
        ticketUsed: "one ticket used.",
    },
    es: {
        title: "Wallet de tickets",
        ticketsLeft: "Tickets disponibles",
        ledger: "Libro de movimientos",
        walletUsed: "Wallet de tickets:",
        ticketUsed: "se usó un ticket.",
    },
};

function walletSteps(texts) {
    return [
        {
            content: "The portal home offers the wallet",
            trigger: `a[href='/my/wallet']:contains(${texts.title})`,
            run: "click",
        },
        {
            content: "The balance: five tickets bought, one used",
            trigger: `div[name='wallet_header'] .card-body:contains(${texts.ticketsLeft}) .display-5:contains(4)`,
        },
        {
            content: "The service level the tickets are served at",
            trigger: "div[name='wallet_header'] table[name='wallet_targets'] tbody tr",
        },
        {
            content: "The ledger lists the initial credit",
            trigger: `h4:contains(${texts.ledger}) + * tr:contains(Saldo inicial):contains(+5)`,
        },
        {
            content: "On a desktop, the ticket of the consumption has its column",
            trigger: "tr:contains(-1) td.d-sm-table-cell a[href^='/my/ticket/']",
            isActive: ["desktop"],
            run: "click",
        },
        {
            content: "On a phone, the ticket comes under the movement",
            trigger: "tr:contains(-1) a[name='wallet_move_ticket_phone']",
            isActive: ["mobile"],
            run: "click",
        },
        {
            content: "The ticket says the wallet served it",
            trigger: `div[name='portal_wallet']:contains(${texts.walletUsed}):contains(${texts.ticketUsed})`,
        },
    ];
}

for (const [lang, texts] of Object.entries(WALLET_TEXTS)) {
    registry.category("web_tour.tours").add(`helpdesk_sla_wallet_portal_wallet_${lang}`, {
        url: "/my",
        steps: () => walletSteps(texts),
    });
    registry.category("web_tour.tours").add(`helpdesk_sla_wallet_portal_new_ticket_${lang}`, {
        url: "/new/ticket",
        steps: () => [
            ...newTicketSteps(NEW_TICKET_TEXTS[lang], "Timbrado caído / stamping down"),
            ...ticketPageSteps(NEW_TICKET_TEXTS[lang]),
            {
                content: "The wallet served the ticket",
                trigger: `div[name='portal_wallet']:contains(${texts.walletUsed}) a[href='/my/wallet']`,
            },
        ],
    });
}
