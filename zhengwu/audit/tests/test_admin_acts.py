"""Changes made in the admin screens are acts: each appends to the SM3 audit chain, with who made it."""

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.audit.services import verify_chain
from zhengwu.calendar.models import DayOverride
from zhengwu.catalog import services as catalog
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role, RoleGrant
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = StaffFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _entries(action: str, obj) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)))


def test_a_calendar_override_added_in_the_admin_is_audited(client, superuser):
    response = client.post(
        "/admin/calendar/dayoverride/add/", {"date": "2025-11-17", "is_working_day": "", "name": "临时休息"}
    )

    assert response.status_code == 302
    [entry] = _entries("admin.add", DayOverride.objects.get())
    assert entry.actor == superuser
    assert verify_chain()[1] is None


def test_a_draft_changed_in_the_admin_is_audited(client, superuser):
    draft = catalog.draft_new_version(MatterVersionFactory().matter, actor=None)
    url = f"/admin/catalog/matterversion/{draft.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "joint_departments"}
    data |= {"name": "改名后的事项", "materials-TOTAL_FORMS": 0, "materials-INITIAL_FORMS": 0}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    [entry] = _entries("admin.change", draft)
    assert entry.actor == superuser and entry.detail["message"]


def test_a_role_grant_deleted_in_the_admin_is_audited(client, superuser):
    grant = RoleGrant.objects.create(user=StaffFactory(), role=Role.AUDIT_ADMIN)

    response = client.post(f"/admin/org/rolegrant/{grant.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    [entry] = _entries("admin.delete", grant)
    assert entry.actor == superuser
