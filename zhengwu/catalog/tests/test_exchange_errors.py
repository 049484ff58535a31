"""Catalogue files that cannot be imported as they are: each is refused as a whole, names what is wrong, and leaves
the catalogue as it was; and the management commands around import and export."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree

from zhengwu.audit.models import AuditEntry
from zhengwu.catalog import exchange
from zhengwu.catalog.models import Matter, MatterVersion
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return [MatterVersionFactory(name="食品经营许可"), MatterVersionFactory(name="食品经营许可注销", materials=[])]


def versions() -> set:
    return set(MatterVersion.objects.values_list("pk", "status", "name", "promised_limit_days"))


def exported() -> dict:
    return json.loads(exchange.export_json())


# -- JSON and XML files ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ['{"catalogue": 1, "matters": [', '{"catalogue": 2, "matters": []}', "[]"],
    ids=["broken-json", "other-version", "not-an-object"],
)
def test_a_file_that_is_not_a_catalogue_of_version_1_is_refused(catalogue, text):
    before = versions()
    with pytest.raises(InvalidInput) as raised:
        exchange.import_json(text, actor=None)
    assert raised.value.field == "file"
    assert versions() == before


@pytest.mark.parametrize(
    "text",
    ["<catalogue version='1'><matter", "<catalogue version='2'/>", "<matters version='1'/>"],
    ids=["broken-xml", "other-version", "other-root"],
)
def test_an_xml_file_that_is_not_a_catalogue_of_version_1_is_refused(catalogue, text):
    before = versions()
    with pytest.raises(InvalidInput) as raised:
        exchange.import_xml(text, actor=None)  # text, as read from a form, is taken as well as bytes
    assert raised.value.field == "file"
    assert versions() == before


def test_an_xml_export_given_as_text_imports_unchanged(catalogue):
    result = exchange.import_xml(exchange.export_xml().decode(), actor=None)
    assert sorted(result.unchanged) == sorted(v.matter.code for v in catalogue)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda doc: doc["matters"].append("食品经营许可"), "matters"),
        (lambda doc: doc["matters"][0].update(materials=5), "matters"),
        (lambda doc: doc["matters"][0].update(promised_limit_days="十"), "promised_limit_days"),
        (lambda doc: doc["matters"][0]["materials"][0].update(required="maybe"), "required"),
    ],
    ids=["matter-not-an-object", "materials-not-a-list", "days-not-a-number", "required-not-yes-or-no"],
)
def test_a_malformed_matter_is_refused_and_nothing_is_imported(catalogue, change, field):
    document = exported()
    document["matters"][1]["promised_limit_days"] = 3  # would be a new version if the import went through
    change(document)
    before = versions()
    with pytest.raises(InvalidInput) as raised:
        exchange.import_json(json.dumps(document), actor=None)
    assert raised.value.field == field
    assert versions() == before


def test_a_yes_or_no_written_as_text_is_read_as_such(catalogue):
    document = exported()
    material = document["matters"][0]["materials"][0]
    material["required"] = " FALSE " if material["required"] else "true"
    result = exchange.import_json(json.dumps(document), actor=None)
    assert result.updated == [catalogue[0].matter.code]
    matter = Matter.objects.get(pk=catalogue[0].matter_id)
    assert (
        matter.current_version.materials.get(position=material["position"]).required
        is not catalogue[0].materials.get(position=material["position"]).required
    )


def test_a_null_value_stands_for_the_field_default(catalogue):
    document = exported()
    document["matters"][1]["fee_fen"] = None  # the default: no fee
    document["matters"][1]["handling_location"] = None
    assert exchange.import_json(json.dumps(document), actor=None).unchanged == [m["code"] for m in document["matters"]]


def test_a_matter_of_another_department_is_not_moved_by_an_import(catalogue):
    other = DepartmentFactory(code="D-OTHER")
    document = exported()
    document["matters"][0]["department"] = other.code
    document["matters"][0]["promised_limit_days"] = 3
    before = versions()
    with pytest.raises(InvalidInput) as raised:
        exchange.import_json(json.dumps(document), actor=None)
    assert raised.value.field == "department"
    assert raised.value.details["matter"] == catalogue[0].matter.code
    assert versions() == before
    assert Matter.objects.get(pk=catalogue[0].matter_id).department_id == catalogue[0].matter.department_id


# -- the commands ----------------------------------------------------------------------------------------------------
def test_the_export_command_writes_json_to_standard_output(catalogue, capsys):
    call_command("export_catalog")
    document = json.loads(capsys.readouterr().out)
    assert sorted(m["name"] for m in document["matters"]) == ["食品经营许可", "食品经营许可注销"]


def test_the_import_command_refuses_a_file_that_is_neither_json_nor_xml(catalogue, tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text("code,name\n")
    with pytest.raises(CommandError, match=r"\.json or \.xml"):
        call_command("import_catalog", str(path))


def test_the_import_command_records_the_named_actor_in_the_audit_log(catalogue, tmp_path):
    user = StaffFactory(username="catalog-admin")
    document = exported()
    document["matters"][0]["promised_limit_days"] = 3
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document))
    call_command("import_catalog", str(path), "--actor", "catalog-admin", stdout=open("/dev/null", "w"))
    assert Matter.objects.get(pk=catalogue[0].matter_id).current_version.promised_limit_days == 3
    assert AuditEntry.objects.filter(actor=user, action="catalog.publish").exists()


def test_the_import_command_refuses_an_unknown_actor_and_imports_nothing(catalogue, tmp_path):
    document = exported()
    document["matters"][0]["promised_limit_days"] = 3
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document))
    before = versions()
    with pytest.raises(CommandError, match="no such user: nobody"):
        call_command("import_catalog", str(path), "--actor", "nobody")
    assert versions() == before


def test_the_import_command_reports_the_refusal_and_that_nothing_was_imported(catalogue, tmp_path):
    path = tmp_path / "catalogue.xml"
    root = etree.fromstring(exchange.export_xml())
    root.find("matter/promised-limit-days").text = "99"
    path.write_bytes(etree.tostring(root))
    before = versions()
    with pytest.raises(CommandError, match=r"\(promised_limit_days\); nothing was imported"):
        call_command("import_catalog", str(path))
    assert versions() == before
