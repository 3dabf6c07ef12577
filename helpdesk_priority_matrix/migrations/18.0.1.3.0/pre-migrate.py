"""Reload the client mail templates whose text changed.

Mail templates are ``noupdate``: an update keeps the stored body. The
confirmation now tells the coverage, the notice of an uncovered ticket tells
it in the client's language at send time, and the notice to an unknown
sender greets by the name of the From header. Their data is loaded again by
this update; what a consultant changed in them is replaced.
"""

TEMPLATES = (
    "mail_template_ticket_confirmation",
    "mail_template_ticket_uncovered",
    "mail_template_requester_not_authorized",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE ir_model_data SET noupdate = FALSE "
        "WHERE module = 'helpdesk_priority_matrix' AND name IN %s",
        (TEMPLATES,),
    )
