"""Reads behind the public pages: themes, departments, matter lists, guides and matter search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from zhengwu.catalog.models import Material, Matter, MatterType, MatterVersion, VersionStatus
from zhengwu.org.models import Department, Window
from zhengwu.search import services as search

from .models import Theme, ThemeKind
from .search_index import KIND

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 20
CHOICES_SECONDS = 5 * 60
_DEPARTMENT_CHOICES_KEY = "portal:department-choices"
_PUBLISHED = Q(matters__current_version__isnull=False)


def published_matters() -> QuerySet[Matter]:
    return (
        Matter.objects.filter(current_version__isnull=False)
        .select_related("current_version", "department")
        .order_by("code")
    )


def themes(kind: str | None = None) -> QuerySet[Theme]:
    found = Theme.objects.annotate(matter_count=Count("matters", filter=_PUBLISHED))
    return found.filter(kind=kind) if kind else found


def themes_by_kind() -> dict[str, list[Theme]]:
    grouped: dict[str, list[Theme]] = {ThemeKind.PERSONAL: [], ThemeKind.ENTERPRISE: []}
    for theme in themes():
        grouped[theme.kind].append(theme)
    return grouped


def department_choices() -> list[tuple[int, str]]:
    """(id, name) of the departments with published matters, for the search filter (cached five minutes)."""
    choices = cache.get(_DEPARTMENT_CHOICES_KEY)
    if choices is None:
        choices = list(departments().values_list("pk", "name"))
        cache.set(_DEPARTMENT_CHOICES_KEY, choices, CHOICES_SECONDS)
    return choices


@dataclass(frozen=True)
class GuideHead:
    """What the guide page needs besides the cached guide body: one indexed query."""

    code: str
    matter_id: int
    version_id: int
    name: str
    online_available: bool
    department_code: str
    department_name: str


def guide_head(code: str) -> GuideHead:
    row = (
        Matter.objects.filter(code=code, current_version__isnull=False)
        .values_list(
            "pk",
            "current_version_id",
            "current_version__name",
            "current_version__online_available",
            "department__code",
            "department__name",
        )
        .first()
    )
    if row is None:
        raise Http404
    return GuideHead(code, *row)


def departments() -> QuerySet[Department]:
    """Departments that implement at least one published matter, with the number of those matters."""
    return (
        Department.objects.annotate(matter_count=Count("matters", filter=Q(matters__current_version__isnull=False)))
        .filter(matter_count__gt=0)
        .order_by("code")
    )


@dataclass
class Guide:
    matter: Matter
    version: MatterVersion
    materials: list[Material]
    windows: list[Window]
    joint_departments: list[Department]
    themes: list[Theme] = field(default_factory=list)

    @property
    def halls(self) -> list:
        seen: dict[int, object] = {}
        for window in self.windows:
            seen.setdefault(window.hall_id, window.hall)
        return list(seen.values())


def guide(code: str) -> Guide:
    """The current published guide of the matter `code` (404 when there is none)."""
    matter = (
        Matter.objects.select_related("current_version", "department")
        .prefetch_related(
            Prefetch("current_version__materials", queryset=Material.objects.order_by("position", "id")),
            "current_version__joint_departments",
            "themes",
        )
        .filter(code=code, current_version__isnull=False)
        .first()
    )
    if matter is None:
        raise Http404
    version = matter.current_version
    assert version is not None  # filtered on current_version__isnull=False
    windows = list(Window.objects.filter(departments=matter.department_id).select_related("hall").order_by("number"))
    return Guide(
        matter=matter,
        version=version,
        materials=list(version.materials.all()),
        windows=windows,
        joint_departments=list(version.joint_departments.all()),
        themes=list(matter.themes.all()),
    )


def material_of(code: str, material_id: int) -> Material:
    """A material of the matter's current published version (404 otherwise)."""
    material = Material.objects.filter(
        pk=material_id, version__status=VersionStatus.PUBLISHED, version__matter__code=code
    ).first()
    if material is None:
        raise Http404
    return material


@dataclass(frozen=True)
class MatterHit:
    """One search result, flattened for a cheap template: no model lookups while rendering 20 of them."""

    code: str
    url: str
    name: str
    department_name: str
    matter_type: StrOrPromise
    online_available: bool
    snippet: str


@dataclass
class MatterResults:
    query: str
    total: int
    hits: list[MatterHit]
    page: int
    pages: int
    capped: bool = False


def search_matters(query: str, *, department_id: int | None = None, page: int = 1) -> MatterResults:
    page = max(1, page)
    found = search.search(KIND, query, department_id=department_id, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    rows = {
        row["pk"]: row
        for row in Matter.objects.filter(
            pk__in=[hit.object_id for hit in found.hits], current_version__isnull=False
        ).values(
            "pk",
            "code",
            "department__name",
            "current_version__name",
            "current_version__matter_type",
            "current_version__online_available",
        )
    }
    guide_url = reverse("portal:guide", args=["-"])[:-2]  # "/matters/": one reverse for the whole page
    hits = [
        MatterHit(
            code=row["code"],
            url=f"{guide_url}{quote(row['code'])}/",
            name=row["current_version__name"],
            department_name=row["department__name"],
            matter_type=MatterType(row["current_version__matter_type"]).label,
            online_available=row["current_version__online_available"],
            snippet=hit.snippet,
        )
        for hit in found.hits
        if (row := rows.get(hit.object_id))
    ]
    pages = max(1, -(-found.total // PAGE_SIZE))
    return MatterResults(
        query=query, total=found.total, hits=hits, page=page, pages=pages, capped=found.total_is_capped
    )
