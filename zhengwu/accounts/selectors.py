"""Reads for the personal space: an account's cases, their notices and uploaded materials, ratings, complaints.

Everything is filtered by the account's party (as applicant or agent): another account's case or file does not
exist for this one (404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhengwu.cases.models import Case, CaseDocument, CorrectionNotice, StepState
from zhengwu.catalog.models import Matter, MatterVersion, VersionStatus
from zhengwu.errors import NotFound

from .models import Account, Application, ApplicationFile, ApplicationState


def cases_of(account: Account) -> QuerySet[Case]:
    party_id = account.party_id
    return (
        Case.objects.filter(Q(applicant_id=party_id) | Q(agent_id=party_id))
        .select_related("matter_version", "department")
        .order_by("-submitted_at", "-id")
    )


def case_of(account: Account, number: str) -> Case:
    case = cases_of(account).filter(number=number).first()
    if case is None:
        raise NotFound(_("办件不存在。"), code="case_not_found")
    return case


def current_step_names(case: Case) -> list[str]:
    """The names of the open review steps (never who holds them)."""
    return list(case.steps.filter(state=StepState.OPEN).values_list("name", flat=True))


def open_correction(case: Case) -> CorrectionNotice | None:
    """The correction notice the applicant still has to answer, if any."""
    return case.correction_notices.filter(resubmitted_on__isnull=True).prefetch_related("items").last()


def document_of(account: Account, number: str, pk: int) -> CaseDocument:
    document = CaseDocument.objects.filter(pk=pk, case__in=cases_of(account).filter(number=number)).first()
    if document is None or not document.file:
        raise NotFound(_("文书不存在。"), code="document_not_found")
    return document


def file_of(account: Account, pk: int) -> ApplicationFile:
    found = ApplicationFile.objects.filter(pk=pk, application__account=account).first()
    if found is None:
        raise NotFound(_("文件不存在。"), code="file_not_found")
    return found


def online_version(matter_code: str) -> MatterVersion:
    """The current published version of the matter, if it can be applied for online."""
    matter = Matter.objects.select_related("current_version").filter(code=matter_code).first()
    version = matter.current_version if matter else None
    if version is None or version.status != VersionStatus.PUBLISHED or not version.online_available:
        raise NotFound(_("该事项不存在或不能网上办理。"), code="matter_not_online")
    return version


def draft_of(account: Account, version: MatterVersion) -> Application | None:
    return Application.objects.filter(account=account, matter_version=version, state=ApplicationState.DRAFT).first()


def latest_files(application: Application) -> dict[int, ApplicationFile]:
    """The newest file of each material of the application (by material id)."""
    latest: dict[int, ApplicationFile] = {}
    for item in application.files.filter(material__isnull=False).order_by("round", "id"):
        assert item.material_id is not None  # filtered on material__isnull=False
        latest[item.material_id] = item
    return latest


def drafts_of(account: Account) -> QuerySet[Application]:
    return (
        Application.objects.filter(account=account, state=ApplicationState.DRAFT)
        .select_related("matter_version__matter")
        .order_by("-updated_at")
    )


def ratings_of(account: Account):
    from zhengwu.evaluation.models import Rating

    return Rating.objects.filter(rater_id=account.party_id).select_related("case").order_by("-rated_at", "-id")


def complaints_of(account: Account):
    from zhengwu.complaints.models import Complaint

    return Complaint.objects.filter(complainant_id=account.party_id).select_related("case").order_by("-id")
