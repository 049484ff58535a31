"""Materials obtained by data sharing (免于提交): part of the matter version, copied to each new version, and
editable on a draft in the admin."""

import pytest

from zhengwu.catalog import services
from zhengwu.catalog.models import Material
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.catalog.tests.test_services import GUIDE
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("required", "shared", "must_submit"),
    [(True, False, True), (True, True, False), (False, False, False), (False, True, False)],
)
def test_only_a_required_material_not_obtained_by_data_sharing_must_be_submitted(required, shared, must_submit):
    assert Material(name="营业执照", required=required, shared=shared).must_submit is must_submit


def test_a_new_version_copies_which_materials_are_shared_and_publishing_keeps_it():
    old = MatterVersionFactory(materials=["申请书", "营业执照"])
    old.materials.filter(name="营业执照").update(shared=True)

    draft = services.draft_new_version(old.matter, actor=None)
    services.publish(draft, actor=None, change_note="新版本")

    draft.refresh_from_db()
    assert list(draft.materials.values_list("name", "shared")) == [("申请书", False), ("营业执照", True)]
    assert list(old.materials.values_list("name", "shared")) == [("申请书", False), ("营业执照", True)]


def test_a_draft_is_created_and_changed_with_shared_materials():
    matter = services.create_matter(
        actor=None,
        code="330324-SHARED-001",
        department=DepartmentFactory(),
        materials=[{"name": "申请书"}, {"name": "营业执照", "shared": True}],
        **GUIDE,
    )
    draft = matter.versions.get()
    assert list(draft.materials.values_list("name", "shared")) == [("申请书", False), ("营业执照", True)]

    services.update_draft(draft, actor=None, materials=[{"name": "营业执照", "shared": False}])
    assert list(draft.materials.values_list("name", "shared")) == [("营业执照", False)]


def test_the_admin_marks_a_draft_material_as_shared(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    published = MatterVersionFactory(materials=["营业执照"])
    draft = services.draft_new_version(published.matter, actor=None)
    material = draft.materials.get()
    url = f"/admin/catalog/matterversion/{draft.pk}/change/"
    assert 'name="materials-0-shared"' in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "name": draft.name,
            "matter_type": draft.matter_type,
            "legal_basis": draft.legal_basis,
            "conditions": draft.conditions,
            "procedure": draft.procedure,
            "legal_limit_days": draft.legal_limit_days,
            "promised_limit_days": draft.promised_limit_days,
            "fee_fen": draft.fee_fen,
            "result_name": draft.result_name,
            "materials-TOTAL_FORMS": 1,
            "materials-INITIAL_FORMS": 1,
            "materials-0-id": material.pk,
            "materials-0-version": draft.pk,
            "materials-0-position": 1,
            "materials-0-name": "营业执照",
            "materials-0-required": "on",
            "materials-0-shared": "on",
            "materials-0-original_count": 0,
            "materials-0-copy_count": 1,
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    material.refresh_from_db()
    assert material.shared is True
    assert published.materials.get().shared is False


def test_the_demo_licences_obtained_by_data_sharing_are_marked_shared():
    from zhengwu.catalog.demo_matters import MATTERS

    shared = {(matter["code"], m["name"]) for matter in MATTERS for m in matter["materials"] if m["shared"]}
    assert shared == {
        ("330324-SCJG-001", "营业执照或者其他主体资格证明文件"),
        ("330324-ZJ-001", "建设工程规划许可证"),
        ("330324-WSJK-004", "结婚证"),
    }
    assert not any("数据共享" in m["notes"] for matter in MATTERS for m in matter["materials"])
