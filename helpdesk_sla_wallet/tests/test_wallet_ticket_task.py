from .common import WalletCommon


class TestWalletTicketTask(WalletCommon):
    """A ticket is linked to the task it is opened with, and to none
    otherwise (helpdesk_mgmt_project)."""

    def test_task_given_or_none(self):
        project = self.env["project.project"].create({"name": "Implantación POS"})
        milestone = self.env["project.milestone"].create(
            {"name": "Puesta en marcha", "project_id": project.id}
        )
        task = self.env["project.task"].create(
            {
                "name": "Configurar cajas",
                "project_id": project.id,
                "milestone_id": milestone.id,
            }
        )
        linked = self.open_ticket(project_id=project.id, task_id=task.id)
        self.assertEqual(linked.task_id, task)
        self.assertEqual(linked.milestone_id, milestone)
        alone = self.open_ticket(project_id=project.id)
        self.assertFalse(alone.task_id)
        self.assertFalse(alone.milestone_id)
