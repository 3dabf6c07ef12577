from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

from ..tools import NEW_TICKET, REOPEN

# Due dates are planned on a schedule of a few months: longer waits would
# need wider calendar windows for no business case.
MAX_BUSINESS_DAYS = 60
REPLY_AFTER_CLOSE_POLICIES = [
    (REOPEN, "Reopen the ticket"),
    (NEW_TICKET, "Open a new ticket"),
]


class HelpdeskAutocloseRule(models.Model):
    """How long a ticket may wait on the client, per team or for a company.

    004: "cualquier ticket abierto por más de 2 días hábiles sin respuesta
    por parte del cliente será cerrado automáticamente". A rule without a
    team is the company default; a team's rule replaces it.
    """

    _name = "helpdesk.autoclose.rule"
    _description = "Helpdesk Inactivity Rule"
    _inherit = ["mail.thread", "helpdesk.config.cache.mixin"]
    _order = "team_id, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        index=True,
        tracking=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Empty: the default rule of the company, for teams without a rule.",
    )
    waiting_stage_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.stage",
        relation="helpdesk_autoclose_rule_waiting_stage_rel",
        string="Waiting Stages",
        domain="[('sla_pause', '=', True), ('closed', '=', False)]",
        help="Stages in which the ticket waits on the client: the stages that "
        "pause the SLA clock. Empty: every such stage.",
    )
    reply_wait_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Agent Reply Moves To",
        domain="[('sla_pause', '=', True), ('closed', '=', False)]",
        help="When set, an agent's public reply on a ticket that is not waiting "
        "moves it to this waiting stage: the reply asks the client something.",
    )
    answered_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Client Answer Moves To",
        required=True,
        domain="[('sla_pause', '=', False), ('closed', '=', False)]",
        help="Stage on the agents' side where a ticket goes back when the "
        "client answers, or when a closed ticket is reopened.",
    )
    reminder_days = fields.Integer(
        string="Reminder After (business days)",
        default=1,
        tracking=True,
        help="The client is reminded after this many business days without "
        "an answer. 0: no reminder.",
    )
    close_days = fields.Integer(
        string="Close After (business days)",
        default=2,
        tracking=True,
        help="The ticket closes itself after this many business days without "
        "an answer. Business days follow the working hours of the ticket's SLA "
        "policy; public holidays do not count.",
    )
    close_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Close In Stage",
        required=True,
        domain="[('closed', '=', True)]",
        help="Closing stage of tickets closed for lack of answer.",
    )
    close_message = fields.Html(
        translate=True,
        help="Sent to the client with the automatic close notice.",
    )
    solution_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Solution Proposed Stage",
        domain="[('closed', '=', False)]",
        help="A ticket moved to this stage asks the client to confirm the "
        "solution (it worked / it did not) by email and on the portal.",
    )
    validation_days = fields.Integer(
        string="Accepted After (business days)",
        default=2,
        tracking=True,
        help="A proposed solution without an answer after this many business "
        "days is taken as accepted and the ticket closes as solved.",
    )
    solved_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Close Solved In Stage",
        domain="[('closed', '=', True)]",
        help="Closing stage of solutions confirmed or accepted by the client.",
    )
    rating_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Satisfaction Survey Template",
        domain="[('model', '=', 'helpdesk.ticket')]",
        default=lambda self: self.env.ref(
            "helpdesk_mgmt_rating.rating_ticket_email_template",
            raise_if_not_found=False,
        ),
        help="Rating request sent when a ticket closes as solved or accepted, "
        "unless the solved stage sends its own.",
    )
    reply_after_close = fields.Selection(
        selection=REPLY_AFTER_CLOSE_POLICIES,
        string="Client Writes After Close",
        required=True,
        default=NEW_TICKET,
        tracking=True,
        help="Reopen: a message within the reopen delay brings the ticket back "
        "to the agents; later ones open a new ticket. New ticket: always open "
        "a new ticket referencing the closed one (004).",
    )
    reopen_days = fields.Integer(
        string="Reopen Within (days)",
        default=7,
        help="Calendar days after the close during which a client message "
        "reopens the ticket.",
    )
    duplicate_detection = fields.Boolean(
        string="Flag Probable Duplicates",
        default=True,
        help="A new ticket of a client with an open ticket of the same subject "
        "or category is flagged to the agent (004: one ticket per case).",
    )
    priority_drop = fields.Boolean(
        string="Lower Priority Without Answer",
        help="A ticket waiting on the client at one of the levels below drops "
        "one level when the client does not answer in time (003).",
    )
    priority_drop_hours = fields.Float(
        string="Lower After (business hours)",
        default=8,
    )
    priority_drop_level_ids = fields.Many2many(
        comodel_name="helpdesk.priority.level",
        string="Levels That Drop",
        help="Typically the high and medium levels; the lowest level cannot drop.",
    )

    _sql_constraints = [
        (
            "team_company_unique",
            "UNIQUE NULLS NOT DISTINCT (company_id, team_id)",
            "A team, or a company by default, has one inactivity rule.",
        ),
    ]

    @api.constrains("reminder_days", "close_days", "validation_days", "reopen_days")
    def _check_delays(self):
        for rule in self:
            if rule.close_days < 1 or rule.validation_days < 1:
                raise ValidationError(
                    self.env._(
                        "The rule %(rule)s must wait at least one business day "
                        "before closing a ticket.",
                        rule=rule.name,
                    )
                )
            if max(rule.close_days, rule.validation_days) > MAX_BUSINESS_DAYS:
                raise ValidationError(
                    self.env._(
                        "The rule %(rule)s waits more than %(days)s business "
                        "days: a ticket waiting that long is no longer a "
                        "question to the client.",
                        rule=rule.name,
                        days=MAX_BUSINESS_DAYS,
                    )
                )
            if rule.reminder_days < 0 or rule.reopen_days < 0:
                raise ValidationError(
                    self.env._(
                        "The delays of the rule %(rule)s cannot be negative.",
                        rule=rule.name,
                    )
                )

    @api.constrains("priority_drop", "priority_drop_hours")
    def _check_priority_drop(self):
        for rule in self:
            if rule.priority_drop and rule.priority_drop_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "The rule %(rule)s lowers priorities: give the business "
                        "hours to wait for the client.",
                        rule=rule.name,
                    )
                )

    @api.constrains("solution_stage_id", "solved_stage_id")
    def _check_validation_stages(self):
        for rule in self:
            if rule.solution_stage_id and not rule.solved_stage_id:
                raise ValidationError(
                    self.env._(
                        "The rule %(rule)s proposes solutions: choose the stage "
                        "where confirmed solutions close.",
                        rule=rule.name,
                    )
                )
            if rule.solution_stage_id in rule._waiting_stages():
                raise ValidationError(
                    self.env._(
                        "In the rule %(rule)s, the solution proposed stage "
                        "cannot also be a waiting stage.",
                        rule=rule.name,
                    )
                )

    @api.constrains("team_id", "company_id")
    def _check_team_company(self):
        for rule in self:
            if rule.team_id.company_id and rule.team_id.company_id != rule.company_id:
                raise ValidationError(
                    self.env._(
                        "The team %(team)s belongs to another company than the "
                        "rule %(rule)s.",
                        team=rule.team_id.name,
                        rule=rule.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        self._replan_waiting_tickets()
        return result

    def _replan_waiting_tickets(self):
        """Plan again the due dates of the tickets these rules govern, after
        their delays or stages changed."""
        tickets = self.env["helpdesk.ticket"].search(
            [
                ("autoclose_waiting_since", "!=", False),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        tickets._recompute_autoclose_due()

    def _waiting_stages(self):
        """The stages where this rule's tickets wait on the client."""
        self.ensure_one()
        if self.waiting_stage_ids:
            return self.waiting_stage_ids
        return self.env["helpdesk.ticket.stage"].search(
            [("sla_pause", "=", True), ("closed", "=", False)]
        )

    # Kept across transactions until a rule or a stage changes: every new
    # ticket and every stage change asks.

    @ormcache("self.id")
    def _stage_kinds(self):
        """{stage id: ``waiting`` or ``validation``} of the stages where this
        rule's tickets wait on the client's answer or verdict."""
        rule = self.sudo()
        kinds = dict.fromkeys(rule._waiting_stages().ids, "waiting")
        if rule.solution_stage_id:
            kinds[rule.solution_stage_id.id] = "validation"
        return kinds

    @api.model
    @ormcache()
    def _detecting_duplicate_ids(self):
        rules = self.sudo().search([("duplicate_detection", "=", True)])
        return frozenset(rules.ids)

    @api.model
    def _for_team(self, team, company):
        """The rule of ``team``, else the default rule of ``company``."""
        return self.browse(self._rule_id_for_team(team.id, company.id))

    @api.model
    @ormcache("team_id", "company_id")
    def _rule_id_for_team(self, team_id, company_id):
        rules = (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [("company_id", "=", company_id), ("team_id", "in", [team_id, False])]
            )
        )
        return (rules.filtered("team_id")[:1] or rules[:1]).id
