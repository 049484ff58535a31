"""Versions of a matter kept in the admin: a draft added by hand takes the next number, a matter has one draft at
a time, and an action the catalogue rules refuse says why and changes nothing."""

import pytest
from django.contrib.messages import get_messages

from zhengwu.catalog.models import MatterVersion, VersionStatus
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/catalog/matterversion/add/"


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def version():
    return MatterVersionFactory(name="食品经营许可")


def draft_form(version, **changes) -> dict:
    return {
        "matter": version.matter_id,
        "name": "食品经营许可（新版）",
        "matter_type": version.matter_type,
        "legal_basis": version.legal_basis,
        "conditions": version.conditions,
        "procedure": version.procedure,
        "legal_limit_days": 20,
        "promised_limit_days": 5,
        "fee_fen": 0,
        "result_name": version.result_name,
        "materials-TOTAL_FORMS": 0,
        "materials-INITIAL_FORMS": 0,
        **changes,
    }


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_version_added_in_the_admin_is_a_draft_with_the_next_number(admin_client, version):
    response = admin_client.post(ADD, draft_form(version))
    assert response.status_code == 302, response.content.decode()[:3000]
    added = MatterVersion.objects.get(matter=version.matter, name="食品经营许可（新版）")
    assert (added.number, added.status) == (2, VersionStatus.DRAFT)
    version.matter.refresh_from_db()
    assert version.matter.current_version_id == version.pk  # a draft is not current until published


def test_a_second_draft_of_a_matter_is_refused_in_the_add_form(admin_client, version):
    admin_client.post(ADD, draft_form(version))
    response = admin_client.post(ADD, draft_form(version, name="另一份草稿"))
    assert response.status_code == 200
    assert "该事项已有未发布的草稿版本。" in response.content.decode()
    assert not MatterVersion.objects.filter(name="另一份草稿").exists()


def test_drafting_a_new_version_twice_says_why_the_second_is_refused(admin_client, version):
    selected = {"action": "draft_new_version", "_selected_action": [version.matter_id]}
    admin_client.post("/admin/catalog/matter/", selected)
    response = admin_client.post("/admin/catalog/matter/", selected, follow=True)
    assert any(message.startswith(f"{version.matter.code}: ") for message in shown(response))
    assert MatterVersion.objects.filter(matter=version.matter, status=VersionStatus.DRAFT).count() == 1


def test_publishing_a_published_version_again_says_why_and_changes_nothing(admin_client, version):
    published_at = version.published_at
    response = admin_client.post(
        "/admin/catalog/matterversion/", {"action": "publish", "_selected_action": [version.pk]}, follow=True
    )
    assert any(message.startswith(f"{version}: ") for message in shown(response))
    version.refresh_from_db()
    assert (version.status, version.published_at) == (VersionStatus.PUBLISHED, published_at)
