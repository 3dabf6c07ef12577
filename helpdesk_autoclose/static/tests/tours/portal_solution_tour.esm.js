/** @odoo-module **/
import {registry} from "@web/core/registry";

/**
 * A client opens the link of the email that proposed a solution, says it
 * worked, and answers the satisfaction survey that follows (Odoo's rating
 * page, whose link comes by email too). Both pages work without logging in.
 * The tests start each tour on the link the client received.
 */

const SOLUTION_TEXTS = {
    en: {
        question: "We proposed a solution to this ticket. Did it work?",
        worked: "It worked, close the ticket",
        closed: "the ticket is closed as solved",
        feedback: "Solved the same day, thank you.",
        send: "Send Feedback",
        thanks: "Thank you for your feedback!",
    },
    es: {
        question: "Propusimos una solución para este ticket. ¿Funcionó?",
        worked: "Funcionó, cerrar el ticket",
        closed: "el ticket queda cerrado como resuelto",
        feedback: "Resuelto en el día, gracias.",
        send: "Enviar retroalimentación",
        thanks: "¡Gracias por sus comentarios!",
    },
};

for (const [lang, texts] of Object.entries(SOLUTION_TEXTS)) {
    registry.category("web_tour.tours").add(`helpdesk_autoclose_portal_solution_${lang}`, {
        steps: () => [
            {
                content: "The link asks whether the solution worked",
                trigger: `p:contains(${texts.question})`,
            },
            {
                content: "It worked",
                trigger: `button[name='verdict'][value='worked']:contains(${texts.worked})`,
                run: "click",
            },
            {
                content: "The ticket is closed as solved and a survey follows",
                trigger: `.alert-success:contains(${texts.closed})`,
            },
        ],
    });
    registry.category("web_tour.tours").add(`helpdesk_autoclose_portal_survey_${lang}`, {
        steps: () => [
            {
                content: "The client is satisfied",
                trigger: "form[action$='/submit_feedback'] label[for='rate_5']",
                run: "click",
            },
            {
                content: "And says why",
                trigger: "form[action$='/submit_feedback'] textarea[name='feedback']",
                run: `edit ${texts.feedback}`,
            },
            {
                content: "Send the survey",
                trigger: `form[action$='/submit_feedback'] button[type='submit']:contains(${texts.send})`,
                run: "click",
            },
            {
                content: "The survey is received",
                trigger: `h3:contains(${texts.thanks})`,
            },
        ],
    });
}
