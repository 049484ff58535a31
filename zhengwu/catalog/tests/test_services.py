import pytest
from django.forms.models import model_to_dict

from zhengwu.audit.models import AuditEntry
from zhengwu.catalog import services
from zhengwu.catalog.models import Matter, MatterType, MatterVersion, VersionStatus
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput, StateConflict
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db

GUIDE = {
    "name": "食品经营许可",
    "matter_type": MatterType.PROMISED,
    "legal_basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "有与经营的食品品种、数量相适应的场所",
    "procedure": "申请—受理—审查—决定",
    "legal_limit_days": 20,
    "promised_limit_days": 5,
    "result_name": "食品经营许可证",
}


def _snapshot(version: MatterVersion) -> dict:
    version = MatterVersion.objects.get(pk=version.pk)
    return {
        **model_to_dict(version),
        "materials": list(version.materials.values_list("name", "position", "required")),
    }


def test_create_matter_makes_draft_version_one_with_materials_and_joint_departments():
    actor = StaffFactory()
    joint = DepartmentFactory()
    matter = services.create_matter(
        actor=actor,
        code="330324-FOOD-001",
        department=DepartmentFactory(),
        materials=[{"name": "申请书"}, {"name": "营业执照", "copy_count": 1}],
        joint_departments=[joint],
        **GUIDE,
    )
    version = matter.versions.get()
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert matter.current_version is None
    assert list(version.materials.values_list("position", "name", "copy_count")) == [
        (1, "申请书", 0),
        (2, "营业执照", 1),
    ]
    assert list(version.joint_departments.all()) == [joint]


def test_create_matter_with_promised_limit_over_legal_limit_is_refused_and_creates_nothing():
    with pytest.raises(InvalidInput) as raised:
        services.create_matter(
            actor=None, code="330324-FOOD-002", department=DepartmentFactory(), **{**GUIDE, "promised_limit_days": 25}
        )
    assert raised.value.field == "promised_limit_days"
    assert not Matter.objects.exists()


def test_publish_supersedes_previous_version_and_leaves_its_content_untouched():
    actor = StaffFactory()
    old = MatterVersionFactory()
    before = _snapshot(old)

    draft = services.draft_new_version(old.matter, actor=actor)
    services.update_draft(draft, actor=actor, promised_limit_days=3, materials=[{"name": "新申请书"}])
    services.publish(draft, actor=actor, change_note="压缩承诺时限")

    old.refresh_from_db()
    draft.refresh_from_db()
    old.matter.refresh_from_db()
    assert old.status == VersionStatus.SUPERSEDED
    assert draft.status == VersionStatus.PUBLISHED and draft.published_at is not None
    assert old.matter.current_version == draft
    # A running case still pointing at the old version reads exactly what it read before.
    assert {**_snapshot(old), "status": before["status"]} == before
    assert AuditEntry.objects.filter(action="catalog.publish", object_id=str(draft.pk)).exists()


def test_draft_new_version_copies_current_version_with_materials_and_joint_departments():
    old = MatterVersionFactory(materials=["申请书", "身份证明"])
    joint = DepartmentFactory()
    old.joint_departments.add(joint)

    draft = services.draft_new_version(old.matter, actor=None)

    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert draft.name == old.name and draft.promised_limit_days == old.promised_limit_days
    assert list(draft.materials.values_list("name", flat=True)) == ["申请书", "身份证明"]
    assert list(draft.joint_departments.all()) == [joint]
    assert old.materials.count() == 2


def test_drafting_twice_is_refused():
    old = MatterVersionFactory()
    services.draft_new_version(old.matter, actor=None)

    with pytest.raises(StateConflict) as raised:
        services.draft_new_version(old.matter, actor=None)
    assert raised.value.code == "draft_exists"
    assert old.matter.versions.count() == 2


def test_publish_with_promised_limit_over_legal_limit_is_refused_and_changes_nothing():
    old = MatterVersionFactory(legal_limit_days=20, promised_limit_days=10)
    draft = services.draft_new_version(old.matter, actor=None)
    entries = AuditEntry.objects.count()

    draft.promised_limit_days = 30
    with pytest.raises(InvalidInput) as raised:
        services.publish(draft, actor=None)

    assert raised.value.field == "promised_limit_days"
    draft.refresh_from_db()
    old.refresh_from_db()
    assert (draft.status, draft.promised_limit_days) == (VersionStatus.DRAFT, 10)
    assert old.status == VersionStatus.PUBLISHED
    assert Matter.objects.get().current_version == old
    assert AuditEntry.objects.count() == entries


def test_publishing_a_published_version_again_is_refused():
    version = MatterVersionFactory()
    with pytest.raises(StateConflict):
        services.publish(version, actor=None)


def test_update_draft_refuses_published_versions():
    version = MatterVersionFactory()
    with pytest.raises(StateConflict):
        services.update_draft(version, actor=None, name="改名")
    version.refresh_from_db()
    assert version.name != "改名"


@pytest.mark.parametrize(
    ("branches", "joint_count", "publishable"),
    [(1, 0, True), (2, 1, True), (2, 2, False), (3, 1, False), (2, 0, False)],
)
def test_a_per_matter_process_is_published_only_with_one_branch_per_reviewing_department(
    branches, joint_count, publishable
):
    from zhengwu.cases.workflow import build_review_bpmn

    old = MatterVersionFactory(legal_limit_days=20, promised_limit_days=10)
    draft = services.draft_new_version(old.matter, actor=None)
    draft.matter_type = MatterType.JOINT if joint_count else MatterType.PROMISED
    draft.process_bpmn = build_review_bpmn(branches)
    draft.save()
    draft.joint_departments.set([DepartmentFactory() for _ in range(joint_count)])
    if publishable:
        assert services.publish(draft, actor=None).status == VersionStatus.PUBLISHED
        return
    with pytest.raises(InvalidInput) as raised:
        services.publish(draft, actor=None)
    assert raised.value.field == "process_bpmn"
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert Matter.objects.get().current_version == old
