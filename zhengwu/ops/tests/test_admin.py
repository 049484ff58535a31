"""The operations log in the admin: read-only, for the system administrator (三员: 系统管理员) and superusers only."""

import pytest
from django.utils import timezone

from zhengwu.ops.models import Operation, OperationKind, Outcome
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/ops/operation/"


@pytest.fixture
def operation():
    now = timezone.now()
    return Operation.objects.create(
        kind=OperationKind.BACKUP,
        started_at=now,
        finished_at=now,
        outcome=Outcome.SUCCEEDED,
        file_name="zhengwu-20251127-023000.tar",
        size=1024,
        summary="备份完成",
    )


@pytest.mark.parametrize(
    "staff", [{"is_superuser": True}, {"roles": [Role.SYSTEM_ADMIN]}], ids=["superuser", "sysadmin"]
)
def test_the_system_administrator_reads_the_log_but_cannot_add_change_or_delete(client, operation, staff):
    client.force_login(StaffFactory(is_staff=True, **staff))
    change = f"{LIST}{operation.pk}/change/"

    assert "zhengwu-20251127-023000.tar" in client.get(LIST).content.decode()
    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(change, {"summary": "改过的摘要"}).status_code == 403
    assert client.post(f"{LIST}{operation.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(LIST, {"action": "delete_selected", "_selected_action": [operation.pk]}).status_code == 200
    operation.refresh_from_db()
    assert operation.summary == "备份完成"


@pytest.mark.parametrize("role", [Role.WINDOW_CLERK, Role.AUDIT_ADMIN, Role.SECURITY_ADMIN])
def test_the_log_is_hidden_from_other_staff(client, operation, role):
    client.force_login(StaffFactory(is_staff=True, roles=[role]))

    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{operation.pk}/change/").status_code == 403
    assert "/admin/ops/" not in client.get("/admin/").content.decode()
