"""Exporting and importing the whole catalogue as JSON or XML.

Both formats carry, per matter, the content of its current published version (matters never published are
left out): the guide fields, the materials and the codes of the joint departments. Matters are matched by
`code`, departments by `Department.code`. Importing a matter whose content differs from its current version
drafts and publishes a new version through `services`; an identical one is left alone, so importing an export
into the database it came from changes nothing. A field missing from the file takes the model's default (so a
file exported before materials had `shared` imports them as to be submitted). With `all_versions=True` each
matter also lists its whole history (every version with number, status, publication time and change note); import
ignores that history.

JSON layout::

    {"catalogue": 1, "matters": [
        {"code": "...", "department": "D0001", "name": "...", ... every guide field ...,
         "materials": [{"position": 1, "name": "...", "required": true, ...}],
         "joint_departments": ["D0002"],
         "versions": [{"number": 1, "status": "superseded", "published_at": "...", "change_note": "...",
                       ... same content as above ...}]}]}       # "versions" only with all_versions

XML layout (element names are the field names with ``-`` for ``_``; booleans ``true``/``false``)::

    <catalogue version="1">
      <matter code="..." department="D0001">
        <name>...</name> <matter-type>promised</matter-type> ... one element per guide field ...
        <materials>
          <material position="1" name="..." required="true" original-count="1" copy-count="0"
                    source="..." shared="false" notes="..." form-template="..." sample="..."/>
        </materials>
        <joint-departments><department code="D0002"/></joint-departments>
        <versions>                                             <!-- only with all_versions -->
          <version number="1" status="superseded" published-at="..." change-note="...">
            ... same children as <matter> ...
          </version>
        </versions>
      </matter>
    </catalogue>
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, IntegerField
from django.utils.translation import gettext as _
from lxml import etree

from zhengwu.errors import DomainError, InvalidInput
from zhengwu.org.models import Department

from . import services
from .models import Material, Matter, MatterVersion
from .services import GUIDE_FIELDS, MATERIAL_FIELDS

FORMAT_VERSION = 1


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


# --- reading the database ---------------------------------------------------------------------------------


def _material_content(material: Material) -> dict[str, Any]:
    values = {name: getattr(material, name) for name in MATERIAL_FIELDS}
    values["form_template"] = material.form_template.name or ""
    values["sample"] = material.sample.name or ""
    return values


def version_content(version: MatterVersion) -> dict[str, Any]:
    """The exchanged content of one version: guide fields, materials and joint department codes."""
    content = {name: getattr(version, name) for name in GUIDE_FIELDS}
    content["materials"] = [_material_content(m) for m in version.materials.order_by("position", "id")]
    content["joint_departments"] = sorted(version.joint_departments.values_list("code", flat=True))
    return content


def _history_entry(version: MatterVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "published_at": version.published_at.isoformat() if version.published_at else "",
        "change_note": version.change_note,
        **version_content(version),
    }


def _catalogue(all_versions: bool) -> list[dict[str, Any]]:
    matters = (
        Matter.objects.filter(current_version__isnull=False)
        .select_related("department", "current_version")
        .order_by("code")
    )
    entries = []
    for matter in matters:
        entry = {"code": matter.code, "department": matter.department.code, **version_content(matter.current_version)}
        if all_versions:
            entry["versions"] = [_history_entry(v) for v in matter.versions.order_by("number")]
        entries.append(entry)
    return entries


# --- export -------------------------------------------------------------------------------------------------


def export_json(*, all_versions: bool = False) -> str:
    document = {"catalogue": FORMAT_VERSION, "matters": _catalogue(all_versions)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _xml_name(name: str) -> str:
    return name.replace("_", "-")


def _xml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _content_to_xml(parent: etree._Element, content: dict[str, Any]) -> None:
    for name in GUIDE_FIELDS:
        etree.SubElement(parent, _xml_name(name)).text = _xml_text(content[name])
    materials = etree.SubElement(parent, "materials")
    for material in content["materials"]:
        etree.SubElement(materials, "material", {_xml_name(k): _xml_text(material[k]) for k in MATERIAL_FIELDS})
    joint = etree.SubElement(parent, "joint-departments")
    for code in content["joint_departments"]:
        etree.SubElement(joint, "department", code=code)


def export_xml(*, all_versions: bool = False) -> bytes:
    root = etree.Element("catalogue", version=str(FORMAT_VERSION))
    for entry in _catalogue(all_versions):
        matter = etree.SubElement(root, "matter", code=entry["code"], department=entry["department"])
        _content_to_xml(matter, entry)
        if all_versions:
            versions = etree.SubElement(matter, "versions")
            for history in entry["versions"]:
                element = etree.SubElement(
                    versions,
                    "version",
                    {
                        "number": str(history["number"]),
                        "status": history["status"],
                        "published-at": history["published_at"],
                        "change-note": history["change_note"],
                    },
                )
                _content_to_xml(element, history)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


# --- import -------------------------------------------------------------------------------------------------


def _coerce(model, name: str, value: Any, *, label: str) -> Any:
    """A value from the file converted to the model field's Python type (so that comparisons are exact)."""
    model_field = model._meta.get_field(name)
    if value is None:
        value = model_field.get_default()
    # A list or object is not a field value, and a fraction is not a whole number (of fen, of days): refused
    # rather than turned into its text or cut to an integer.
    if isinstance(value, list | dict) or (
        isinstance(model_field, IntegerField) and isinstance(value, float) and not value.is_integer()
    ):
        raise InvalidInput(_("%(label)s：字段 %(field)s 的值无效。") % {"label": label, "field": name}, field=name)
    if isinstance(value, str) and isinstance(model_field, BooleanField):
        value = {"true": True, "false": False}.get(value.strip().lower(), value)
    try:
        return model_field.to_python(value)
    except ValidationError as error:
        raise InvalidInput(f"{label}: {error.messages[0]}", field=name) from None


def _normalise(entry: Any) -> dict[str, Any]:
    materials = entry.get("materials") or [] if isinstance(entry, dict) else None
    if not isinstance(materials, list) or not all(isinstance(m, dict) for m in materials):
        raise InvalidInput(_("导入文件中有事项的结构不正确。"), field="matters")
    code = entry.get("code")
    code = code.strip() if isinstance(code, str) else ""
    if not code:
        raise InvalidInput(_("导入文件中有事项缺少事项编码。"), field="code")
    content = {name: _coerce(MatterVersion, name, entry.get(name), label=code) for name in GUIDE_FIELDS}
    content["materials"] = [
        {name: _coerce(Material, name, material.get(name), label=code) for name in MATERIAL_FIELDS}
        for material in materials
    ]
    joint = entry.get("joint_departments") or []
    if not isinstance(joint, list):
        raise InvalidInput(_("导入文件中有事项的结构不正确。"), field="joint_departments")
    content["joint_departments"] = sorted(str(c) for c in joint)
    return {"code": code, "department": str(entry.get("department") or ""), **content}


def _department(code: str, *, field_name: str) -> Department:
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise InvalidInput(_("未知的部门编码：%(code)s") % {"code": code}, field=field_name, department=code)
    return department


def _import_entry(entry: dict[str, Any], *, actor, result: ImportResult) -> None:
    department = _department(entry["department"], field_name="department")
    joint = [_department(code, field_name="joint_departments") for code in entry["joint_departments"]]
    content = {key: entry[key] for key in (*GUIDE_FIELDS, "materials", "joint_departments")}
    guide = {key: entry[key] for key in GUIDE_FIELDS}
    matter = Matter.objects.filter(code=entry["code"]).select_related("department", "current_version").first()
    if matter is None:
        matter = services.create_matter(
            actor=actor,
            code=entry["code"],
            department=department,
            materials=entry["materials"],
            joint_departments=joint,
            **guide,
        )
        services.publish(matter.versions.get(), actor=actor, change_note=_("目录导入"))
        result.created.append(matter.code)
        return
    if matter.department_id != department.pk:
        raise InvalidInput(_("事项 %(code)s 的实施部门与导入文件不一致。") % {"code": matter.code}, field="department")
    if matter.current_version is not None and version_content(matter.current_version) == content:
        result.unchanged.append(matter.code)
        return
    draft = services.draft_new_version(matter, actor=actor)
    draft = services.update_draft(draft, actor=actor, materials=entry["materials"], joint_departments=joint, **guide)
    services.publish(draft, actor=actor, change_note=_("目录导入"))
    result.updated.append(matter.code)


def _import(entries: list[dict[str, Any]], *, actor) -> ImportResult:
    result = ImportResult()
    normalised = [_normalise(entry) for entry in entries]
    with transaction.atomic():  # one bad matter rolls the whole file back
        for entry in normalised:
            try:
                _import_entry(entry, actor=actor, result=result)
            except DomainError as error:
                error.details.setdefault("matter", entry["code"])
                raise
    return result


def import_json(text: str | bytes, *, actor) -> ImportResult:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise InvalidInput(_("JSON 格式错误：%(error)s") % {"error": error}, field="file") from None
    if not isinstance(document, dict) or document.get("catalogue") != FORMAT_VERSION:
        raise InvalidInput(_("不是可识别的事项目录文件（版本 1）。"), field="file")
    matters = document.get("matters") or []
    if not isinstance(matters, list):
        raise InvalidInput(_("导入文件中有事项的结构不正确。"), field="matters")
    return _import(matters, actor=actor)


def _content_from_xml(element: etree._Element) -> dict[str, Any]:
    content: dict[str, Any] = {name: element.findtext(_xml_name(name)) for name in GUIDE_FIELDS}
    content["materials"] = [
        {name: material.get(_xml_name(name)) for name in MATERIAL_FIELDS}
        for material in element.iterfind("materials/material")
    ]
    content["joint_departments"] = [d.get("code", "") for d in element.iterfind("joint-departments/department")]
    return content


def import_xml(data: bytes | str, *, actor) -> ImportResult:
    if isinstance(data, str):
        data = data.encode()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InvalidInput(_("XML 格式错误：%(error)s") % {"error": error}, field="file") from None
    if root.tag != "catalogue" or root.get("version") != str(FORMAT_VERSION):
        raise InvalidInput(_("不是可识别的事项目录文件（版本 1）。"), field="file")
    entries = [
        {"code": matter.get("code"), "department": matter.get("department"), **_content_from_xml(matter)}
        for matter in root.iterfind("matter")
    ]
    return _import(entries, actor=actor)
