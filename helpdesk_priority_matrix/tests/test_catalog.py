import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import SlaCommon

MIGRATION = (
    Path(__file__).resolve().parents[1]
    / "migrations"
    / "18.0.1.1.0"
    / "post-migrate.py"
)


def _load_migration():
    spec = importlib.util.spec_from_file_location("catalog_post_migrate", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestCatalog(SlaCommon):
    def _catalog(self):
        return self.env["helpdesk.ticket.category"].search(
            [("functional_area_id", "!=", False)]
        )

    def test_every_case_of_the_catalog_in_one_area_per_domain(self):
        catalog = self._catalog()
        self.assertEqual(
            len(catalog.filtered(lambda c: c.criticality == "critical")), 51
        )
        self.assertEqual(
            len(catalog.filtered(lambda c: c.criticality == "non_critical")), 24
        )
        names = catalog.functional_area_id.mapped("name")
        self.assertEqual(len(names), len(set(names)))
        words = [frozenset(name.replace(" ", "").split("/")) for name in names]
        self.assertEqual(len(words), len(set(words)), "no area is another reordered")
        inventory = self.env.ref(
            "helpdesk_priority_matrix.category_non_critical_07_optional_routes"
        )
        self.assertEqual(inventory.functional_area_id.name, "Logistics / Inventory")

    def test_migration_merges_duplicates_of_an_older_version(self):
        migration = _load_migration()
        areas = self.env["helpdesk.functional.area"]
        duplicate = areas.create({"name": "Inventory / Logistics", "sequence": 160})
        self.env["ir.model.data"].create(
            {
                "module": "helpdesk_priority_matrix",
                "name": "functional_area_inventory_logistics",
                "model": duplicate._name,
                "res_id": duplicate.id,
                "noupdate": True,
            }
        )
        moved = self.env.ref(
            "helpdesk_priority_matrix.category_non_critical_08_non_critical_quantities"
        )
        archived = self.env["helpdesk.ticket.category"].create(
            {
                "name": "Caso propio archivado",
                "functional_area_id": duplicate.id,
                "active": False,
            }
        )
        moved.functional_area_id = duplicate
        before = len(self._catalog())
        migration.migrate(self.env.cr, "18.0.1.0.0")
        kept = self.env.ref(
            "helpdesk_priority_matrix.functional_area_logistics_inventory"
        )
        self.assertFalse(duplicate.exists())
        self.assertEqual(moved.functional_area_id, kept)
        self.assertEqual(archived.functional_area_id, kept)
        self.assertEqual(len(self._catalog()), before, "no case lost")

    def test_portal_groups_put_generic_categories_last(self):
        generic = self.env["helpdesk.ticket.category"].create({"name": "Hardware"})
        pac = self.env.ref("helpdesk_priority_matrix.category_critical_01_pac_dgi_down")
        groups = (generic | pac)._portal_groups()
        self.assertEqual(
            [label for label, _cases in groups], [pac.functional_area_id.name, "Other"]
        )
        self.assertEqual(groups[-1][1], generic)

    def test_category_without_defaults_resets_impact_and_urgency(self):
        pac = self.env.ref("helpdesk_priority_matrix.category_critical_01_pac_dgi_down")
        generic = self.env["helpdesk.ticket.category"].create({"name": "Consultas"})
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), category_id=pac.id)
        ticket.category_id = generic
        self.assertEqual((ticket.impact, ticket.urgency), ("medium", "medium"))
        self.assertEqual(ticket.priority_level_id, self.levels["p3"])
        ticket.write({"category_id": pac.id, "impact": "low"})
        self.assertEqual(ticket.impact, "low", "a value written with it wins")

    def test_migration_lets_stars_follow_levels(self):
        migration = _load_migration()
        start = self.utc(2026, 11, 23, 9, 0)
        clicked = self.create_ticket(start, "low", "low")
        closed = self.create_ticket(start, "high", "high")
        closed.stage_id = self.stage_done
        self.env.flush_all()
        # Stars clicked before they changed the level.
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET priority = '3' WHERE id = %s", (clicked.id,)
        )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET priority = '0' WHERE id = %s", (closed.id,)
        )
        self.env.invalidate_all()
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(clicked.priority_level_id, self.levels["p1"])
        self.assertEqual(closed.priority_level_id, self.levels["p1"])
        self.assertEqual(closed.priority, "3")
