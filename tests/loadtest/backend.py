"""The administrator's XML-RPC access: fixtures before the run, the checks
after it."""

import xmlrpc.client


class Backend:
    def __init__(self, url, db, login="admin", password="admin"):
        self.url, self.db, self.password = url, db, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise RuntimeError(f"cannot log in as {login} on {db}")
        self.models = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True
        )

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        [data] = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return data["res_id"]

    # Fixtures

    def team_alias(self, run):
        """A support team reached by email; an alias domain when the
        database has none."""
        company = self.call(
            "res.company", "search_read", [], fields=["alias_domain_id"]
        )[0]
        if not company["alias_domain_id"]:
            domain = self.call(
                "mail.alias.domain", "create", {"name": f"lt{run}.example"}
            )
            self.call(
                "res.company", "write", [company["id"]], {"alias_domain_id": domain}
            )
        team = self.call(
            "helpdesk.ticket.team",
            "create",
            {"name": f"Soporte carga {run}", "alias_name": f"soporte-{run}"},
        )
        [values] = self.call("helpdesk.ticket.team", "read", [team], ["alias_email"])
        return team, values["alias_email"]

    def portal_users(self, run, count):
        """Portal clients, each of its own company; returns (login, password)."""
        portal = self.ref("base.group_portal")
        credentials = [
            (f"cliente{i}@lt{run}.example", f"clave-{run}-{i}") for i in range(count)
        ]
        self.call(
            "res.users",
            "create",
            [
                {
                    "name": f"Cliente Portal {i}",
                    "login": login,
                    "email": login,
                    "password": password,
                    "groups_id": [(6, 0, [portal])],
                }
                for i, (login, password) in enumerate(credentials)
            ],
        )
        return credentials

    def sla_cron(self):
        return self.ref("helpdesk_priority_matrix.ir_cron_helpdesk_sla_update")
