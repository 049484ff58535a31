"""Matters in the shared full-text search (`zhengwu.search`, kind "matter").

A matter's entry is its current published version: title = matter name, body = the guide's text (service object,
conditions, materials, procedure, basis, result, fees, place). Publishing a version re-indexes the matter (a
`post_save` signal on `MatterVersion`, connected in `PortalConfig.ready`); a matter without a published version
has no entry.
"""

from __future__ import annotations

from zhengwu.catalog.models import Matter, MatterVersion, VersionStatus
from zhengwu.search import services as search

KIND = "matter"


def guide_text(version: MatterVersion) -> str:
    materials = [material.name for material in version.materials.all()]
    parts = [
        version.service_object,
        version.conditions,
        " ".join(materials),
        version.procedure,
        version.legal_basis,
        version.result_name,
        version.fee_basis,
        version.handling_location,
    ]
    return "\n".join(part for part in parts if part)


def _entry(matter: Matter, version: MatterVersion) -> dict:
    return {
        "title": version.name,
        "body": guide_text(version),
        "public": True,
        "department_id": matter.department_id,
        "published_on": version.published_at.date() if version.published_at else None,
    }


def sync_matter(matter_id: int) -> None:
    """Index the matter's current published version, or remove its entry if it has none."""
    version = (
        MatterVersion.objects.select_related("matter")
        .prefetch_related("materials")
        .filter(matter_id=matter_id, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        search.unindex(KIND, matter_id)
    else:
        search.index(KIND, matter_id, **_entry(version.matter, version))


def on_version_saved(sender, instance: MatterVersion, raw: bool = False, **kwargs) -> None:
    if not raw and instance.status == VersionStatus.PUBLISHED:  # fixtures (raw) are indexed by reindex_search
        sync_matter(instance.matter_id)


def source():
    """Every matter with a published version, for `manage.py reindex_search --kind matter`."""
    versions = (
        MatterVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("matter")
        .prefetch_related("materials")
        .order_by("matter_id")
    )
    for version in versions.iterator(chunk_size=500):
        yield {"object_id": version.matter_id, **_entry(version.matter, version)}
