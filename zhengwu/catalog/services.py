"""Writing the catalogue: creating matters, drafting and publishing their versions.

A published `MatterVersion` is never edited again: running cases point at the version they started on, so a
change to a guide (办事指南) is made on a new draft and published, which supersedes the previous version
(《政务服务事项目录管理办法》: changes to a matter are published as a new version of its 实施清单).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.audit import services as audit
from zhengwu.errors import InvalidInput, StateConflict

from .models import Material, Matter, MatterType, MatterVersion, VersionStatus

# Everything a citizen reads in the guide; copied to each new version and carried by import/export.
GUIDE_FIELDS = (
    "name",
    "matter_type",
    "service_object",
    "legal_basis",
    "conditions",
    "procedure",
    "legal_limit_days",
    "promised_limit_days",
    "fee_fen",
    "fee_basis",
    "result_name",
    "handling_location",
    "consultation_phone",
    "complaint_phone",
    "online_available",
    "safety_critical",
    "process_bpmn",
)
MATERIAL_FIELDS = (
    "position",
    "name",
    "required",
    "original_count",
    "copy_count",
    "source",
    "shared",
    "notes",
    "form_template",
    "sample",
)


def _invalid_from(error: ValidationError, *, prefix: str = "") -> InvalidInput:
    """The first field error of a model validation as an `InvalidInput` naming that field."""
    errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    field = next((name for name in errors if name != NON_FIELD_ERRORS), None)
    messages = errors[field] if field else errors[NON_FIELD_ERRORS]
    return InvalidInput(messages[0], field=f"{prefix}{field}" if field else None)


def _validate(instance, *, exclude: Iterable[str] = (), prefix: str = "") -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise _invalid_from(error, prefix=prefix) from None


def _check_process_branches(version: MatterVersion) -> None:
    """A per-matter process has one branch per department that reviews: the implementing one (branch 0) and, for
    a 联办件, each joint department (branches 1 to n). A branch short, and a joint department would never review;
    a branch too many, and its steps would have no department."""
    if not version.process_bpmn.strip():
        return
    from zhengwu.cases.workflow import validate_process_xml

    branches = set(validate_process_xml(version.process_bpmn))
    joint = version.joint_departments.count() if version.matter_type == MatterType.JOINT else 0
    if branches != set(range(1 + joint)):
        raise InvalidInput(
            _("审批流程的分支数（%(found)s）与审查部门数（实施部门和 %(joint)s 个联办部门）不符。")
            % {"found": len(branches), "joint": joint},
            field="process_bpmn",
        )


def _check_guide_fields(fields: Mapping[str, Any]) -> None:
    unknown = sorted(set(fields) - set(GUIDE_FIELDS))
    if unknown:
        raise InvalidInput(_("未知的办事指南字段：%(name)s") % {"name": unknown[0]}, field=unknown[0])


def _replace_materials(version: MatterVersion, materials: Iterable[Mapping[str, Any]]) -> None:
    version.materials.all().delete()
    for index, data in enumerate(materials, start=1):
        unknown = sorted(set(data) - set(MATERIAL_FIELDS))
        if unknown:
            raise InvalidInput(
                _("未知的申请材料字段：%(name)s") % {"name": unknown[0]}, field=f"materials.{unknown[0]}"
            )
        material = Material(version=version, **{"position": index, **data})
        _validate(material, exclude=["version"], prefix="materials.")
        material.save()


def _next_number(matter: Matter) -> int:
    return (matter.versions.aggregate(top=Max("number"))["top"] or 0) + 1


def create_matter(
    *,
    actor,
    code: str,
    department,
    materials: Iterable[Mapping[str, Any]] = (),
    joint_departments: Iterable = (),
    **guide_fields: Any,
) -> Matter:
    """Enter a matter into the catalogue with its guide as draft version 1 (not yet published)."""
    _check_guide_fields(guide_fields)
    with transaction.atomic():
        matter = Matter(code=code, department=department)
        _validate(matter, exclude=["current_version"])
        matter.save()
        version = MatterVersion(matter=matter, number=1, status=VersionStatus.DRAFT, **guide_fields)
        _validate(version)
        version.save()
        _replace_materials(version, materials)
        version.joint_departments.set(joint_departments)
        audit.record(actor, "catalog.create_matter", matter, code=code, department=department.code)
    return matter


def draft_new_version(matter: Matter, *, actor) -> MatterVersion:
    """Start a change: copy the current published version (with materials and joint departments) into a draft."""
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.versions.filter(status=VersionStatus.DRAFT).exists():
            raise StateConflict(_("该事项已有未发布的草稿版本。"), code="draft_exists")
        source = matter.current_version
        if source is None:
            raise StateConflict(_("该事项尚无现行版本，无法起草新版本。"), code="no_published_version")
        draft = MatterVersion(
            matter=matter,
            number=_next_number(matter),
            status=VersionStatus.DRAFT,
            **{field: getattr(source, field) for field in GUIDE_FIELDS},
        )
        draft.save()
        for material in source.materials.all():
            Material.objects.create(version=draft, **{field: getattr(material, field) for field in MATERIAL_FIELDS})
        draft.joint_departments.set(source.joint_departments.all())
        audit.record(actor, "catalog.draft", draft, matter=matter.code, number=draft.number, source=source.number)
    return draft


def update_draft(
    version: MatterVersion,
    *,
    actor,
    materials: Iterable[Mapping[str, Any]] | None = None,
    joint_departments: Iterable | None = None,
    **guide_fields: Any,
) -> MatterVersion:
    """Change the guide of a draft; `materials`/`joint_departments`, when given, replace the existing ones."""
    _check_guide_fields(guide_fields)
    with transaction.atomic():
        Matter.objects.select_for_update().get(pk=version.matter_id)
        stored = MatterVersion.objects.get(pk=version.pk)
        if stored.status != VersionStatus.DRAFT:
            raise StateConflict(_("只能修改草稿版本。"), code="version_not_draft")
        for field, value in guide_fields.items():
            setattr(stored, field, value)
        _validate(stored)
        stored.save()
        if materials is not None:
            _replace_materials(stored, materials)
        if joint_departments is not None:
            stored.joint_departments.set(joint_departments)
        audit.record(actor, "catalog.update_draft", stored, fields=sorted(guide_fields))
    return stored


def publish(version: MatterVersion, *, actor, change_note: str = "") -> MatterVersion:
    """Publish a draft as the matter's current version; the previously published one is superseded.

    `version` is saved as given, so edits made to the draft object are validated and published with it.
    """
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=version.matter_id)
        stored_status = MatterVersion.objects.filter(pk=version.pk).values_list("status", flat=True).first()
        if stored_status != VersionStatus.DRAFT:
            raise StateConflict(_("只能发布草稿版本。"), code="version_not_draft")
        version.status = VersionStatus.DRAFT
        if change_note:
            version.change_note = change_note
        _validate(version)
        _check_process_branches(version)
        previous = matter.current_version
        # The old row keeps its content: running cases still read their guide from it.
        matter.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.SUPERSEDED)
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        matter.current_version = version
        matter.save(update_fields=["current_version"])
        audit.record(
            actor,
            "catalog.publish",
            version,
            matter=matter.code,
            number=version.number,
            previous=previous.number if previous else None,
            change_note=version.change_note,
        )
    return version
