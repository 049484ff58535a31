import json

import pytest
from django.core.management import call_command
from lxml import etree

from zhengwu.catalog import exchange, services
from zhengwu.catalog.models import Material, Matter, MatterVersion, VersionStatus
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput
from zhengwu.org.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Two published matters, one joint, one with history and awkward text; and one never published."""
    joint = DepartmentFactory(code="D-JOINT")
    first = MatterVersionFactory(
        name="食品经营许可",
        fee_basis='  前后空白 & <特殊> "字符"\n第二行',
        online_available=True,
        safety_critical=True,
        fee_fen=12_000,
    )
    first.joint_departments.add(joint)
    Material.objects.filter(version=first, position=2).update(
        notes="复印件加盖公章\n一式两份", copy_count=2, shared=True
    )
    second = MatterVersionFactory(materials=[])
    newer = services.draft_new_version(second.matter, actor=None)
    services.publish(newer, actor=None, change_note="更新")
    services.create_matter(actor=None, code="DRAFT-ONLY", department=DepartmentFactory(), **_guide("草稿事项"))
    return first, newer


def _guide(name: str) -> dict:
    return {
        "name": name,
        "matter_type": "promised",
        "legal_basis": "依据",
        "conditions": "条件",
        "procedure": "流程",
        "legal_limit_days": 20,
        "promised_limit_days": 10,
        "result_name": "结果",
    }


def _wipe_catalogue() -> None:
    Matter.objects.update(current_version=None)
    MatterVersion.objects.all().delete()
    Matter.objects.all().delete()


def test_json_export_lists_current_published_versions_only(catalogue):
    document = json.loads(exchange.export_json())

    assert document["catalogue"] == 1
    codes = [m["code"] for m in document["matters"]]
    assert "DRAFT-ONLY" not in codes and len(codes) == 2
    first = document["matters"][0]
    assert first["name"] == "食品经营许可"
    assert first["joint_departments"] == ["D-JOINT"]
    assert [m["name"] for m in first["materials"]] == ["申请书", "营业执照", "身份证明"]
    assert "versions" not in first


def test_export_with_all_versions_lists_the_history(catalogue):
    document = json.loads(exchange.export_json(all_versions=True))
    second = document["matters"][1]
    assert [(v["number"], v["status"]) for v in second["versions"]] == [(1, "superseded"), (2, "published")]

    root = etree.fromstring(exchange.export_xml(all_versions=True))
    assert [v.get("status") for v in root.findall("matter[2]/versions/version")] == ["superseded", "published"]


def test_xml_export_has_the_documented_layout(catalogue):
    root = etree.fromstring(exchange.export_xml())

    assert (root.tag, root.get("version")) == ("catalogue", "1")
    matter = root.find("matter")
    assert matter.findtext("name") == "食品经营许可"
    assert matter.findtext("promised-limit-days") == "10"
    assert matter.findtext("online-available") == "true"
    assert matter.findtext("safety-critical") == "true"
    assert matter.find("materials/material").get("name") == "申请书"
    assert [m.get("shared") for m in matter.findall("materials/material")] == ["false", "true", "false"]
    assert matter.find("joint-departments/department").get("code") == "D-JOINT"


@pytest.mark.parametrize(
    ("export", "do_import"),
    [(exchange.export_json, exchange.import_json), (exchange.export_xml, exchange.import_xml)],
    ids=["json", "xml"],
)
def test_round_trip_through_an_empty_catalogue_gives_identical_export(catalogue, export, do_import):
    exported = export()
    _wipe_catalogue()

    result = do_import(exported, actor=None)

    assert len(result.created) == 2
    assert export() == exported
    assert not MatterVersion.objects.exclude(status=VersionStatus.PUBLISHED).exists()
    imported = Matter.objects.get(current_version__name="食品经营许可").current_version
    assert imported.safety_critical  # 第七十八条's one-year bar travels with the matter
    assert list(imported.materials.values_list("name", "shared")) == [
        ("申请书", False),
        ("营业执照", True),
        ("身份证明", False),
    ]


@pytest.mark.parametrize(
    ("export", "do_import"),
    [(exchange.export_json, exchange.import_json), (exchange.export_xml, exchange.import_xml)],
    ids=["json", "xml"],
)
def test_importing_an_export_into_the_same_database_changes_nothing(catalogue, export, do_import):
    exported = export()
    versions = MatterVersion.objects.count()

    result = do_import(exported, actor=None)

    assert result.created == result.updated == []
    assert len(result.unchanged) == 2
    assert MatterVersion.objects.count() == versions


def test_import_of_a_changed_matter_publishes_a_new_version(catalogue):
    first, _ = catalogue
    document = json.loads(exchange.export_json())
    document["matters"][0]["promised_limit_days"] = 3
    document["matters"][0]["materials"].pop()

    result = exchange.import_json(json.dumps(document), actor=None)

    assert result.updated == [first.matter.code]
    matter = Matter.objects.get(pk=first.matter_id)
    assert (matter.current_version.number, matter.current_version.promised_limit_days) == (2, 3)
    assert matter.current_version.materials.count() == 2
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED and first.materials.count() == 3


def test_import_with_unknown_department_names_it_and_rolls_everything_back(catalogue):
    document = json.loads(exchange.export_json())
    document["matters"][0]["promised_limit_days"] = 3  # would be a new version if the import went through
    document["matters"].append({**document["matters"][1], "code": "NEW-001", "department": "NO-SUCH-DEPT"})
    versions = set(MatterVersion.objects.values_list("pk", "status"))

    with pytest.raises(InvalidInput) as raised:
        exchange.import_json(json.dumps(document), actor=None)

    assert "NO-SUCH-DEPT" in raised.value.message
    assert raised.value.field == "department"
    assert raised.value.details["matter"] == "NEW-001"
    assert set(MatterVersion.objects.values_list("pk", "status")) == versions
    assert not Matter.objects.filter(code="NEW-001").exists()


def test_import_with_invalid_limits_rolls_back(catalogue):
    root = etree.fromstring(exchange.export_xml())
    root.find("matter/name").text = "改名"
    root.findall("matter")[1].find("promised-limit-days").text = "99"
    versions = MatterVersion.objects.count()

    with pytest.raises(InvalidInput) as raised:
        exchange.import_xml(etree.tostring(root), actor=None)

    assert raised.value.field == "promised_limit_days"
    assert MatterVersion.objects.count() == versions
    assert not MatterVersion.objects.filter(name="改名").exists()


def test_management_commands_round_trip(catalogue, tmp_path):
    path = tmp_path / "catalogue.xml"
    call_command("export_catalog", "--format", "xml", "--output", str(path))
    exported = path.read_bytes()
    _wipe_catalogue()

    call_command("import_catalog", str(path))

    assert exchange.export_xml() == exported


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda doc: doc.update(matters=5), "matters"),
        (lambda doc: doc["matters"][0].update(joint_departments=5), "joint_departments"),
        (lambda doc: doc["matters"][0].update(joint_departments="D-JOINT"), "joint_departments"),
        (lambda doc: doc["matters"][0].update(fee_fen=12_000.5), "fee_fen"),
        (lambda doc: doc["matters"][0].update(name=["食品经营许可"]), "name"),
        (lambda doc: doc["matters"][0]["materials"][0].update(copy_count={"n": 1}), "copy_count"),
        (lambda doc: doc["matters"][0].update(code=["X-001"]), "code"),
    ],
    ids=["matters-not-a-list", "joint-number", "joint-string", "fraction-of-fen", "name-list", "count-object", "code"],
)
def test_import_of_a_malformed_value_names_the_field_and_changes_nothing(catalogue, change, field):
    document = json.loads(exchange.export_json())
    document["matters"][1]["promised_limit_days"] = 3  # would be a new version if the import went through
    change(document)
    versions = set(MatterVersion.objects.values_list("pk", "status", "fee_fen", "name"))

    with pytest.raises(InvalidInput) as raised:
        exchange.import_json(json.dumps(document), actor=None)

    assert raised.value.field == field
    assert set(MatterVersion.objects.values_list("pk", "status", "fee_fen", "name")) == versions
    assert not Matter.objects.filter(code__contains="X-001").exists()


def test_import_of_a_file_exported_before_materials_could_be_shared_submits_them(catalogue):
    document = json.loads(exchange.export_json())
    for matter in document["matters"]:
        for material in matter["materials"]:
            del material["shared"]
    root = etree.fromstring(exchange.export_xml())
    for material in root.iter("material"):
        del material.attrib["shared"]
    _wipe_catalogue()

    exchange.import_json(json.dumps(document), actor=None)
    assert not Material.objects.filter(shared=True).exists()
    assert Material.objects.filter(version__status=VersionStatus.PUBLISHED).count() == 3

    _wipe_catalogue()
    exchange.import_xml(etree.tostring(root), actor=None)
    assert not Material.objects.filter(shared=True).exists()
    assert Material.objects.filter(version__status=VersionStatus.PUBLISHED).count() == 3


def test_import_marking_a_material_shared_publishes_a_new_version(catalogue):
    first, _ = catalogue
    document = json.loads(exchange.export_json())
    document["matters"][0]["materials"][2]["shared"] = True

    result = exchange.import_json(json.dumps(document), actor=None)

    assert result.updated == [first.matter.code]
    current = Matter.objects.get(pk=first.matter_id).current_version
    assert current.number == 2
    assert list(current.materials.filter(shared=True).values_list("name", flat=True)) == ["营业执照", "身份证明"]
    assert list(first.materials.filter(shared=True).values_list("name", flat=True)) == ["营业执照"]
