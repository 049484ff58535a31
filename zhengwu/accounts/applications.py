"""Online application (网上申请): drafts with uploaded materials, submission, and the answer to a correction notice.

Legal basis: 《行政许可法》 第二十九条 (applications may be filed by electronic data exchange), 第三十二条 (one-time
correction notice; the applicant supplies exactly the materials listed), 《优化营商环境条例》 第三十五条 (网上办理).
Submission calls `cases.services.submit_application(actor=None, channel=ONLINE)` in the same transaction, so the
case enters the same workflow as a window case; resubmission calls `cases.services.resubmit(actor=None)`.

Files are checked before anything is written; if the act fails afterwards, the files written for it are removed
again (nothing stored, nothing changed). The one exception is an application refused for bad input: the valid files
of the request are saved to the draft all the same (the applicant loses nothing), see `ApplicationRefused`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.acts import clean_text
from zhengwu.audit import services as audit
from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, CaseState, Channel
from zhengwu.cases.permissions import can_see
from zhengwu.catalog.models import MatterVersion
from zhengwu.errors import DomainError, InvalidInput, NotFound, StateConflict

from . import selectors
from .models import Account, Application, ApplicationFile, ApplicationState
from .uploads import CheckedUpload, check_upload


def material_field(material_id: int) -> str:
    return f"material_{material_id}"


def item_field(item_id: int) -> str:
    return f"item_{item_id}"


def _with_file_cleanup(act: Callable, stored: list[str]):
    """Run `act` in a transaction; if it fails, delete the files it stored."""
    try:
        with transaction.atomic():
            return act()
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _store(application: Application, checked: CheckedUpload, stored: list[str], **fields) -> ApplicationFile:
    record = ApplicationFile(
        application=application,
        kind=checked.kind,
        original_name=checked.original_name,
        size=checked.size,
        sha256=checked.sha256,
        **fields,
    )
    record.file.save("upload", checked.upload, save=False)
    stored.append(record.file.name)
    record.save()
    return record


class InputRefused(InvalidInput):
    """An act refused for bad input, naming every error at once: `errors`, each naming its field, so that the
    applicant can fix them all in one go. It reads as its first error (message, code, field, status) to a caller
    that shows only one."""

    def __init__(self, errors: list[DomainError]):
        first = errors[0]
        super().__init__(first.message, code=first.code, field=first.field, **first.details)
        self.status = first.status
        self.errors = errors


class ApplicationRefused(InputRefused):
    """Saving or submitting an application was refused for bad input. Unlike other input errors, the valid files of
    the same request were saved to the draft (their material ids in `kept`; `draft` is the applicant's draft
    afterwards, None if there is none): a browser cannot choose them again for the applicant, so a refusal must not
    lose them. Bad files themselves are never stored."""

    def __init__(self, errors: list[DomainError], *, draft: Application | None, kept: list[int]):
        super().__init__(errors)
        self.draft = draft
        self.kept = kept


def save_application(
    account: Account,
    version: MatterVersion,
    *,
    uploads: dict[int, object],
    title: str = "",
    submit: bool = False,
    on=None,
) -> Application:
    """Save the draft with the files uploaded now (a newer file of a material replaces the draft's older one);
    with `submit`, check that every material that must be submitted is there (`Material.must_submit`: one obtained
    by data sharing is not) and submit the application (the case is created).

    Bad input (a bad file, a bad title, materials to be submitted missing, a case that cannot be created) refuses the
    act with ApplicationRefused, naming every error at once; the valid files uploaded with it are saved to the
    draft all the same, as "save draft" would do, and nothing is submitted.
    """
    materials = {m.pk: m for m in version.materials.all()}
    checked, errors = _check_uploads(materials, uploads, material_field, _("所传材料不属于本事项。"))
    try:
        title = clean_text(title, "title", _("申请事项摘要"), required=False, max_length=200)
    except InvalidInput as error:
        errors.append(error)
        title = ""
    stored: list[str] = []

    def act() -> Application | None:
        # One act per account at a time: two tabs saving the same first draft must not race.
        Account.objects.select_for_update().filter(pk=account.pk).first()
        application = (
            Application.objects.select_for_update()
            .filter(account=account, matter_version=version, state=ApplicationState.DRAFT)
            .first()
        )
        if submit:
            present = set(application.files.values_list("material_id", flat=True)) if application else set()
            missing = _missing_materials(materials, present | set(checked))
            if missing is not None:
                errors.append(missing)
        if errors and not checked:
            return application  # refused, and nothing to keep
        application = application or Application.objects.create(account=account, matter_version=version)
        application.title = title or application.title
        for material_id, upload in checked.items():
            for old in application.files.filter(material_id=material_id):
                name = old.file.name
                old.delete()
                transaction.on_commit(lambda name=name: default_storage.delete(name))
            material = materials[material_id]
            _store(application, upload, stored, material=material, material_name=material.name)
        if submit and not errors:
            try:
                with transaction.atomic():  # a refused case leaves the draft and its files saved
                    _submit(account, application, on)
            except DomainError as error:
                if not checked:
                    raise  # nothing to keep: refused, and nothing changed
                errors.append(error)
        application.save()
        submitted = application.state == ApplicationState.SUBMITTED
        audit.record(
            account.audit_actor,
            "accounts.submit_application" if submitted else "accounts.save_draft",
            application,
            account=account.pk,
            matter_version=version.pk,
            case=application.case.number if submitted else None,
            files=sorted(checked),
        )
        return application

    application = _with_file_cleanup(act, stored)
    if errors:
        raise ApplicationRefused(errors, draft=application, kept=sorted(checked))
    assert application is not None  # without errors, act always saves
    return application


def _check_uploads(
    listed: dict, uploads: dict[int, object], field: Callable[[int], str], foreign: str
) -> tuple[dict[int, CheckedUpload], list[DomainError]]:
    """Every uploaded file checked (nothing stored): the good ones by id, and one error per bad one or per id not
    in `listed` (the `foreign` message). An id without a file (None) is skipped: what is missing is the caller's."""
    checked: dict[int, CheckedUpload] = {}
    errors: list[DomainError] = []
    for key, upload in uploads.items():
        try:
            if key not in listed:
                raise InvalidInput(foreign, field=field(key))
            if upload is not None:
                checked[key] = check_upload(upload, field(key))
        except InvalidInput as error:
            errors.append(error)
    return checked, errors


def _missing_materials(materials: dict, present: set) -> InvalidInput | None:
    """The error naming every material that must be submitted and is not among `present` (material ids), if any."""
    missing = [m for m in materials.values() if m.must_submit and m.pk not in present]
    if not missing:
        return None
    names = pgettext("list separator", "、").join(m.name for m in missing)
    return InvalidInput(
        _("请上传全部必要材料，尚缺：%(names)s。") % {"names": names},
        field=material_field(missing[0].pk),
        missing=[m.pk for m in missing],
    )


def _submit(account: Account, application: Application, on) -> None:
    application.case = case_services.submit_application(
        actor=None,
        channel=Channel.ONLINE,
        matter_version=application.matter_version,
        applicant=account.party,
        title=application.title,
        on=on,
    )
    application.state = ApplicationState.SUBMITTED
    application.submitted_at = timezone.now()


def discard_draft(account: Account, pk: int) -> None:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().filter(pk=pk, account=account, state=ApplicationState.DRAFT).first()
        )
        if application is None:
            raise StateConflict(_("草稿不存在或已提交。"), code="no_draft")
        names = list(application.files.values_list("file", flat=True))
        application.files.all().delete()
        audit.record(account.audit_actor, "accounts.discard_draft", application, account=account.pk)
        application.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def resubmit_correction(account: Account, number: str, *, uploads: dict[int, object], on=None) -> Case:
    """补正: the applicant supplies a new file for each item of the correction notice — exactly those — and the
    case goes back to acceptance review (the 5-working-day clock restarts). Earlier files are kept.

    Bad input (a bad file, an item missing, a file for an item not in the notice) refuses the act with
    InputRefused naming every error at once; nothing is stored and the case is unchanged (there is no draft to keep
    the good files in)."""
    case = selectors.case_of(account, number)
    if case.state != CaseState.CORRECTION_REQUESTED:
        raise StateConflict(_("本件当前不需要补正材料。"), code="invalid_state")
    application = Application.objects.filter(case=case, account=account).first()
    if application is None:
        raise StateConflict(_("本件不是您在网上提交的申请，请到受理窗口提交补正材料。"), code="not_online")
    notice = selectors.open_correction(case)
    items = {item.pk: item for item in notice.items.all()}
    checked, errors = _check_uploads(items, uploads, item_field, _("只能提交补正告知书所列的材料。"))
    errors += [
        InvalidInput(_("请上传补正材料：%(name)s。") % {"name": item.material_name}, field=item_field(item_id))
        for item_id, item in items.items()
        if uploads.get(item_id) is None
    ]
    if errors:
        raise InputRefused(errors)
    stored: list[str] = []

    def act() -> Case:
        locked = Application.objects.select_for_update().get(pk=application.pk)
        last_round = max(locked.files.values_list("round", flat=True), default=0)
        for item_id, upload in checked.items():
            item = items[item_id]
            _store(
                locked,
                upload,
                stored,
                material=item.material,
                material_name=item.material_name,
                correction_item=item,
                round=last_round + 1,
            )
        resubmitted = case_services.resubmit(case, actor=None, on=on)
        audit.record(
            account.audit_actor,
            "accounts.resubmit_correction",
            locked,
            account=account.pk,
            case=case.number,
            notice=notice.pk,
            items=sorted(checked),
        )
        return resubmitted

    return _with_file_cleanup(act, stored)


def read_as_staff(user, pk: int) -> ApplicationFile:
    """A member of staff opens an uploaded material of a submitted case in their scope (NotFound otherwise).
    Materials carry personal data (identity card copies, licences), so every read is audited
    (《个人信息保护法》 第五十一条)."""
    found = ApplicationFile.objects.select_related("application__case").filter(pk=pk).first()
    case = found.application.case if found else None
    if case is None or not can_see(user, case):
        raise NotFound(_("文件不存在或不在您的办理范围内。"), code="file_not_found")
    with transaction.atomic():
        audit.record(user, "accounts.staff_read_file", found, case=case.number, material=found.material_name)
    return found
