import pytest
from django.contrib.auth.models import Permission

from zhengwu.audit import services as audit
from zhengwu.catalog.models import MatterVersion, VersionStatus
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/catalog/matter/",
    "/admin/catalog/matterversion/",
    "/admin/org/area/",
    "/admin/org/department/",
    "/admin/org/hall/",
    "/admin/org/user/",
    "/admin/org/rolegrant/",
    "/admin/org/apitoken/",
    "/admin/calendar/dayoverride/",
    "/admin/calendar/knownyear/",
    "/admin/parties/party/",
    "/admin/audit/auditentry/",
]


@pytest.fixture
def superuser():
    return StaffFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def version():
    return MatterVersionFactory()


@pytest.fixture
def entry(version):
    return audit.record(None, "test.seed", version)


@pytest.mark.parametrize("url", CHANGELISTS)
def test_changelists_load_for_superuser(client, superuser, entry, url):
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_change_pages_load(client, superuser, version, entry):
    client.force_login(superuser)
    for url in [
        f"/admin/catalog/matter/{version.matter_id}/change/",
        f"/admin/catalog/matterversion/{version.pk}/change/",
        f"/admin/org/user/{superuser.pk}/change/",
        f"/admin/org/department/{version.matter.department_id}/change/",
        "/admin/catalog/matter/add/",
        "/admin/catalog/matterversion/add/",
        "/admin/org/user/add/",
        "/admin/org/hall/add/",
        f"/admin/audit/auditentry/{entry.pk}/change/",
    ]:
        assert client.get(url).status_code == 200, url


def test_published_version_is_read_only(client, superuser, version):
    client.force_login(superuser)
    response = client.post(f"/admin/catalog/matterversion/{version.pk}/change/", {"name": "改名"})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.name != "改名"


def test_admin_actions_draft_and_publish(client, superuser, version):
    client.force_login(superuser)
    client.post(
        "/admin/catalog/matter/",
        {"action": "draft_new_version", "_selected_action": [version.matter_id]},
    )
    draft = MatterVersion.objects.get(matter=version.matter, number=2)
    assert draft.status == VersionStatus.DRAFT

    client.post("/admin/catalog/matterversion/", {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    version.refresh_from_db()
    assert (draft.status, version.status) == (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


def test_audit_log_is_forbidden_to_staff_without_audit_role(client, entry):
    staff = StaffFactory(is_staff=True, roles=[Role.SYSTEM_ADMIN])
    # Even Django's own view permission does not open the log to the other two of the 三员.
    staff.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    client.force_login(staff)
    assert client.get("/admin/audit/auditentry/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 403


def test_audit_log_is_visible_to_audit_admin_but_not_editable(client, entry):
    auditor = StaffFactory(is_staff=True, roles=[Role.AUDIT_ADMIN])
    client.force_login(auditor)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
