from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The one ``create`` and ``write`` of the foundation on tickets.

    Each concern lives in its own file (intake, priority, requester
    authorization, entitlement, SLA clock, billing, escalation); here they
    are called in order, as named steps.
    """

    _inherit = "helpdesk.ticket"

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        # The stars follow the priority level: helpdesk_mgmt's static default
        # would be taken as a value and stop the computation.
        if "default_priority" not in self.env.context:
            defaults.pop("priority", None)
        return defaults

    @api.model
    def _helpdesk_wake_cron(self, xmlid):
        """Run the cron ``xmlid`` as soon as a cron worker is free, e.g. to
        send what a create queued.

        What ``ir.cron._trigger`` does, without reading the cron first to
        skip an inactive one: every new ticket wakes a cron, and the cron
        workers pass over the triggers of inactive crons anyway.
        """
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            xmlid, raise_if_not_found=False
        )
        if cron_id:
            self.env["ir.cron.trigger"].sudo().create(
                {"cron_id": cron_id, "call_at": fields.Datetime.now()}
            )
            self.env.cr.postcommit.add(self.env["ir.cron"].browse(cron_id)._notifydb)

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._intake_prepare_vals(vals_list)
        known = self._creation_prepare_vals(vals_list)
        vals_list = self._confirmation_prepare_vals(vals_list)
        creating = super(HelpdeskTicket, self._creation_env())
        tickets = creating.create(vals_list).with_env(self.env)
        tickets._creation_keep_known(known)
        for ticket, vals in zip(tickets, vals_list, strict=True):
            ticket._priority_remember_override(vals)
        tickets._sla_start_paused()
        tickets._requester_check()
        # A policy given at creation (by an agent, an import) is kept.
        tickets._entitlement_apply(keep_policy=True, creating=True)
        tickets._requester_notify()
        tickets._confirmation_wake()
        tickets._intake_alert_team_leader()
        return tickets

    def write(self, vals):
        pause_change = self._sla_pause_change(vals)
        category_change = self._entitlement_category_change(vals)
        result = super().write(vals)
        self._priority_remember_override(vals)
        self._sla_apply_pause_change(pause_change)
        self._entitlement_on_write(vals, category_change)
        self._request_kind_on_write(vals)
        return result
