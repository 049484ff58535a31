"""Proactive disclosure (主动公开): catalogue, guide, and items through draft → 保密审查 → 审核 → published.

Basis: 条例第十二条 (公开指南和公开目录), 第十七条 (保密审查: 发布前依照保密法律法规进行审查), 第二十六条 (published
within 20 working days of being formed or changed), 第二十条 (what each agency publishes). "谁发布、谁审核、谁负责":
the drafter (发布人), the confidentiality reviewer and the reviewer (审核人, who answers for the publication) are
recorded on the item and shown with it; the same person never drafts and checks or reviews.

Index number (索引号) rule: `{department code}/{category code}-{year of publication}-{sequence, 5 digits}`, the
sequence gapless per department and year (a locked counter row), assigned on publication — e.g.
`YJ-SCJG/ZCWJ-2025-00012`. Unique per department (constraint); a superseded or withdrawn item keeps its number.

Every act: one transaction, the item row locked, input (400), permission (403) and state (409) checked before
anything is written, then the change, the search entry and the audit entry, last. Acts that file an item into a
category or number it under the category's code also lock the category row (see `change_category`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils.translation import gettext as _

from zhengwu.acts import act_date, clean_text, require_state
from zhengwu.audit import services as audit
from zhengwu.calendar.services import add_working_days
from zhengwu.errors import InvalidInput, NotFound, StateConflict

from . import search_index
from .constants import PUBLISH_LIMIT_DAYS, STANDARD_CATEGORIES, STANDARD_CODES
from .models import (
    Attachment,
    Category,
    DisclosureMode,
    DocumentType,
    Guide,
    IndexCounter,
    Item,
    ItemState,
    SecrecyResult,
    Validity,
)
from .permissions import (
    PUBLISH_ROLES,
    SECRECY_ROLES,
    acting_scope,
    require_other_person,
    require_role,
    require_staff,
)

S = ItemState

EDITABLE_FIELDS = (
    "title",
    "document_number",
    "issuer",
    "document_type",
    "subject_terms",
    "body",
    "mode",
    "formed_on",
    "valid_until",
)
MAX_BODY = 200_000


# -- catalogue and guide -----------------------------------------------------------------------------------------
@transaction.atomic
def ensure_catalogue(department, *, actor=None) -> int:
    """Create the standard categories the department lacks; returns how many were created."""
    # The pages call this on every load: one query when nothing is missing, the usual case.
    if Category.objects.filter(department=department, code__in=STANDARD_CODES).count() == len(STANDARD_CODES):
        return 0
    created = 0
    for order, (code, name, is_policy, children) in enumerate(STANDARD_CATEGORIES, start=1):
        parent, made = Category.objects.get_or_create(
            department=department, code=code, defaults={"name": name, "order": order * 10, "is_policy": is_policy}
        )
        created += made
        for child_order, (child_code, child_name, child_policy) in enumerate(children, start=1):
            _child, made = Category.objects.get_or_create(
                department=department,
                code=child_code,
                defaults={"name": child_name, "parent": parent, "order": child_order, "is_policy": child_policy},
            )
            created += made
    if created:
        audit.record(actor, "disclosure.catalogue.seed", department, created=created)
    return created


MAX_CATEGORY_ORDER = 32767  # the column is a PositiveSmallIntegerField
_UNCHANGED = object()


def _clean_category_code(code: str) -> str:
    """Codes go into index numbers (索引号): upper-case letters, digits and "-"."""
    code = clean_text(code, "code", _("类目代码"), max_length=12).upper()
    if not code.isascii() or not code.replace("-", "").isalnum():
        raise InvalidInput(_("类目代码只能由字母和数字组成。"), field="code")
    return code


def _clean_category_order(order) -> int:
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= MAX_CATEGORY_ORDER:
        raise InvalidInput(
            _("排序须为0至%(n)s之间的整数。") % {"n": MAX_CATEGORY_ORDER},
            field="order",
        )
    return order


def _require_unique_code(department_id: int, code: str, *, exclude: int | None = None) -> None:
    taken = Category.objects.filter(department_id=department_id, code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise InvalidInput(_("类目代码已存在。"), field="code")


def _require_root_parent(parent: Category, department_id: int) -> None:
    """The catalogue has two levels: a parent is a root category of the same department."""
    if parent.department_id != department_id:
        raise InvalidInput(_("上级类目不属于本部门。"), field="parent")
    if parent.parent_id is not None:
        raise InvalidInput(_("公开目录只有两级：下级类目不能再有下级类目。"), field="parent")


def _row_locked(pk: int, *, field: str, missing: str) -> Category:
    """Category `pk`, locked and re-read; a 400 on `field` when it no longer exists."""
    locked = Category.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise InvalidInput(missing, field=field)
    return locked


@transaction.atomic
def add_category(
    department,
    *,
    actor,
    code: str,
    name: str,
    parent: Category | None = None,
    order: int | None = None,
    is_policy: bool | None = None,
) -> Category:
    """A new category of the department's 公开目录 (条例第十二条), root or under a root category.

    `order` None puts it after its siblings; `is_policy` None takes the parent's 政策文件类 flag.
    """
    require_staff(actor, department.pk)
    require_role(actor, PUBLISH_ROLES, _("维护公开目录"))
    code = _clean_category_code(code)
    name = clean_text(name, "name", _("类目名称"), max_length=60)
    if order is not None:
        order = _clean_category_order(order)
    if is_policy is not None and not isinstance(is_policy, bool):
        raise InvalidInput(_("请选择是否为政策文件类。"), field="is_policy")
    if parent is not None:
        # Locked: a concurrent move of the parent under another category would make a third level.
        parent = _row_locked(parent.pk, field="parent", missing=_("上级类目不存在。"))
        _require_root_parent(parent, department.pk)
    _require_unique_code(department.pk, code)
    if order is None:
        last = Category.objects.filter(department=department, parent=parent).aggregate(m=Max("order"))["m"]
        order = min((last or 0) + 1, MAX_CATEGORY_ORDER)
    category = Category.objects.create(
        department=department,
        code=code,
        name=name,
        parent=parent,
        order=order,
        is_policy=bool(parent and parent.is_policy) if is_policy is None else is_policy,
    )
    audit.record(actor, "disclosure.category.add", category, code=code)
    return category


def _locked_category(category: Category | int, actor, act: str) -> Category:
    return _locked_with_parent(category, None, actor, act)[0]


def _locked_with_parent(
    category: Category | int, parent_pk: int | None, actor, act: str
) -> tuple[Category, Category | None]:
    """The category an act changes (in the actor's scope, 404 otherwise) and its would-be parent (any department:
    the caller checks it; None if it does not exist), both locked in one statement, in primary-key order.

    One statement in one order: two moves touching the same two categories (A under B, B under A) queue on the
    first row, where locking each its own category first and then the other's would deadlock.
    """
    pk = category.pk if isinstance(category, Category) else category
    wanted = Q(acting_scope(actor), pk=pk)
    if parent_pk is not None and parent_pk != pk:
        wanted |= Q(pk=parent_pk)
    rows = {row.pk: row for row in Category.objects.select_for_update().filter(wanted).order_by("pk")}
    locked = rows.get(pk)
    if locked is None:
        raise NotFound(_("类目不存在或不在您的办理范围内。"), code="category_not_found")
    require_staff(actor, locked.department_id)
    require_role(actor, PUBLISH_ROLES, act)
    return locked, rows.get(parent_pk) if parent_pk is not None and parent_pk != pk else None


@transaction.atomic
def change_category(
    category: Category | int,
    *,
    actor,
    code: str | None = None,
    name: str | None = None,
    order: int | None = None,
    is_policy: bool | None = None,
    parent=_UNCHANGED,
) -> Category:
    """Rename, recode, reorder, re-flag or move (`parent`: a root category, or None for the top) a category.

    The code is part of the index number (索引号) of every item filed under the category, so it changes only
    while no item (in any state) uses it; the standard codes (see `ensure_catalogue`) never change. The row lock
    taken here is the one every act filing an item into the category takes (`_locked_for_filing`): a filing in
    flight makes the code change wait and then refuse it, a code change in flight makes the filing wait and then
    read the new code. The tree keeps two levels: a category with children does not become a child, and a
    parent is a root. A move locks the category and its new parent together (`_locked_with_parent`) and checks
    the rule once both are held: of two crossing moves (A under B, B under A) one is made, the other refused.
    """
    moving = parent is not _UNCHANGED
    parent_pk = (parent.pk if isinstance(parent, Category) else parent) if moving else None
    category, new_parent = _locked_with_parent(category, parent_pk, actor, _("维护公开目录"))
    changes: dict[str, list] = {}
    if code is not None:
        code = _clean_category_code(code)
        if code != category.code:
            if category.code in STANDARD_CODES:
                raise InvalidInput(_("标准类目的代码不能修改。"), field="code")
            if category.items.exists():
                raise StateConflict(
                    _("该类目下已有公开信息，类目代码是其索引号的一部分，不能修改。"),
                    code="category_in_use",
                    field="code",
                )
            _require_unique_code(category.department_id, code, exclude=category.pk)
            changes["code"] = [category.code, code]
    if name is not None:
        name = clean_text(name, "name", _("类目名称"), max_length=60)
        if name != category.name:
            changes["name"] = [category.name, name]
    if order is not None and _clean_category_order(order) != category.order:
        changes["order"] = [category.order, order]
    if is_policy is not None:
        if not isinstance(is_policy, bool):
            raise InvalidInput(_("请选择是否为政策文件类。"), field="is_policy")
        if is_policy != category.is_policy:
            changes["is_policy"] = [category.is_policy, is_policy]
    if moving and parent_pk != category.parent_id:
        changes["parent"] = [category.parent_id, _checked_new_parent(category, parent_pk, new_parent)]
    for field, (_old, new) in changes.items():
        setattr(category, "parent_id" if field == "parent" else field, new)
    if changes:
        category.save(update_fields=["parent" if field == "parent" else field for field in changes])
        audit.record(actor, "disclosure.category.change", category, changes=changes)
    return category


def _checked_new_parent(category: Category, parent_pk: int | None, parent: Category | None) -> int | None:
    """The new parent of a category, both rows locked (and so read as they are now), checked against the two-level
    rule: a concurrent move of either that committed first is seen here."""
    if parent_pk is None:
        return None
    if parent_pk == category.pk:
        raise InvalidInput(_("类目不能成为自己的上级类目。"), field="parent")
    if parent is None:
        raise InvalidInput(_("上级类目不存在。"), field="parent")
    _require_root_parent(parent, category.department_id)
    if category.children.exists():
        raise InvalidInput(_("该类目有下级类目，不能移到其他类目之下。"), field="parent")
    return parent.pk


@transaction.atomic
def delete_category(category: Category | int, *, actor) -> None:
    """Remove a category nobody uses: no item in any state (their index numbers name it) and no children.

    The standard categories (see `ensure_catalogue`) stay: they are the catalogue every department keeps.
    """
    category = _locked_category(category, actor, _("维护公开目录"))
    if category.code in STANDARD_CODES:
        raise StateConflict(_("标准类目不能删除。"), code="standard_category")
    if category.children.exists():
        raise StateConflict(_("该类目有下级类目，请先删除或移走下级类目。"), code="category_has_children")
    if category.items.exists():
        raise StateConflict(_("该类目下已有公开信息（含草稿），不能删除。"), code="category_in_use")
    pk, code, name = category.pk, category.code, category.name
    category.delete()
    audit.record(
        actor,
        "disclosure.category.delete",
        object_type=Category._meta.label_lower,
        object_id=str(pk),
        code=code,
        name=name,
        department=category.department_id,
    )


@transaction.atomic
def save_guide(department, *, actor, body: str, on: dt.date | None = None) -> Guide:
    """The department's 公开指南 (条例第十二条): kept current, published on the portal."""
    require_staff(actor, department.pk)
    require_role(actor, PUBLISH_ROLES, _("发布公开指南"))
    body = clean_text(body, "body", _("指南正文"), max_length=50_000)
    guide, _created = Guide.objects.update_or_create(
        department=department, defaults={"body": body, "updated_on": act_date(on)}
    )
    audit.record(actor, "disclosure.guide.save", guide, department=department.pk)
    return guide


# -- items ------------------------------------------------------------------------------------------------------
def _clean_fields(data: dict) -> dict:
    cleaned: dict[str, str | dt.date | None] = {}
    if "title" in data:
        cleaned["title"] = clean_text(data["title"], "title", _("标题"), max_length=200)
    if "document_number" in data:
        cleaned["document_number"] = clean_text(
            data["document_number"], "document_number", _("文号"), required=False, max_length=60
        )
    if "issuer" in data:
        cleaned["issuer"] = clean_text(data["issuer"], "issuer", _("发文机关"), max_length=100)
    if "document_type" in data:
        if data["document_type"] not in DocumentType.values:
            raise InvalidInput(_("文件类型无效。"), field="document_type")
        cleaned["document_type"] = data["document_type"]
    if "subject_terms" in data:
        cleaned["subject_terms"] = clean_text(
            data["subject_terms"], "subject_terms", _("主题词"), required=False, max_length=200
        )
    if "body" in data:
        cleaned["body"] = clean_text(data["body"], "body", _("正文"), max_length=MAX_BODY)
    if "mode" in data:
        if data["mode"] not in DisclosureMode.values:
            raise InvalidInput(_("公开方式无效。"), field="mode")
        cleaned["mode"] = data["mode"]
    for field, label in (("formed_on", _("成文日期")), ("valid_until", _("有效期至"))):
        if field in data:
            value = data[field]
            if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
                raise InvalidInput(_("%(label)s不是有效日期。") % {"label": label}, field=field)
            cleaned[field] = value
    if "formed_on" in cleaned and cleaned["formed_on"] is None:
        raise InvalidInput(_("请填写成文日期。"), field="formed_on")
    return cleaned


def publish_due(formed_on: dt.date) -> dt.date:
    """条例第二十六条: 20 working days after the information was formed or changed."""
    return add_working_days(formed_on, PUBLISH_LIMIT_DAYS)


def _locked_for_filing(category: Category | int) -> Category:
    """The category an item is filed into (or numbered under), locked and re-read.

    Its code goes into the item's index number (索引号) and changes only while no item uses the category
    (`change_category`, which locks the same row): with both locking it, a code change and a filing happen one
    after the other, never interleaved.
    """
    pk = category.pk if isinstance(category, Category) else category
    return _row_locked(pk, field="category", missing=_("类目不存在。"))


@transaction.atomic
def create_item(*, actor, category: Category, on: dt.date | None = None, **data) -> Item:
    """A draft item in `category`'s department, by a member of that department."""
    category = _locked_for_filing(category)
    require_staff(actor, category.department_id)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("未知字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, field=sorted(unknown)[0])
    fields = _clean_fields({"document_type": DocumentType.OTHER, "mode": DisclosureMode.PROACTIVE, **data})
    for required in ("title", "issuer", "body", "formed_on"):
        if required not in fields:
            raise InvalidInput(_("请填写完整的公开信息。"), field=required)
    if fields["formed_on"] > act_date(on):
        raise InvalidInput(_("成文日期不能晚于今天。"), field="formed_on")
    item = Item.objects.create(
        department_id=category.department_id,
        category=category,
        drafted_by=actor,
        publish_due=publish_due(fields["formed_on"]),
        **fields,
    )
    audit.record(actor, "disclosure.item.create", item, title=item.title, category=category.code)
    return item


def _locked(item: Item | int, actor) -> Item:
    pk = item.pk if isinstance(item, Item) else item
    locked = Item.objects.select_for_update(of=("self",)).filter(acting_scope(actor), pk=pk).first()
    if locked is None:
        raise NotFound(_("公开信息不存在或不在您的办理范围内。"), code="item_not_found")
    require_staff(actor, locked.department_id)
    return locked


def _require_state(item: Item, allowed, act: str) -> None:
    require_state(item, allowed, act, _("该信息当前状态为“%(state)s”，不能%(act)s。"))


def _audit(actor, act: str, item: Item, from_state: str, **detail) -> None:
    audit.record(actor, f"disclosure.item.{act}", item, from_state=from_state, to_state=item.state, **detail)


@transaction.atomic
def update_item(item, *, actor, on: dt.date | None = None, **data) -> Item:
    """Change a draft (only drafts change; a published item changes through `revise`)."""
    item = _locked(item, actor)
    _require_state(item, (S.DRAFT,), _("修改"))
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("未知字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, field=sorted(unknown)[0])
    fields = _clean_fields(data)
    if "formed_on" in fields and fields["formed_on"] > act_date(on):
        raise InvalidInput(_("成文日期不能晚于今天。"), field="formed_on")
    for name, value in fields.items():
        setattr(item, name, value)
    item.publish_due = publish_due(item.formed_on)
    item.save()
    _audit(actor, "update", item, item.state, fields=sorted(fields))
    return item


@transaction.atomic
def add_attachment(item, *, actor, name: str, content: bytes) -> Attachment:
    item = _locked(item, actor)
    _require_state(item, (S.DRAFT,), _("添加附件"))
    name = clean_text(name, "name", _("附件名称"), max_length=200)
    if not content:
        raise InvalidInput(_("附件为空。"), field="file")
    attachment = Attachment.objects.create(
        item=item, name=name, file=ContentFile(content, name=name), sm3=hashlib.new("sm3", content).hexdigest()
    )
    _audit(actor, "attach", item, item.state, attachment=attachment.pk, sm3=attachment.sm3)
    return attachment


@transaction.atomic
def submit_for_check(item, *, actor, on: dt.date | None = None) -> Item:
    """Send a draft to the confidentiality check (条例第十七条: 发布前进行保密审查)."""
    item = _locked(item, actor)
    _require_state(item, (S.DRAFT,), _("提交保密审查"))
    item.state = S.SECRECY_CHECK
    item.save(update_fields=["state"])
    _audit(actor, "submit", item, S.DRAFT)
    return item


# The state after each 保密审查 result; any other (refused) → never published.
_AFTER_SECRECY_CHECK: dict[str, ItemState] = {SecrecyResult.PASSED: S.REVIEW, SecrecyResult.REVISE: S.DRAFT}


@transaction.atomic
def check_secrecy(item, *, actor, result: str, opinion: str, on: dt.date | None = None) -> Item:
    """保密审查 (条例第十七条): passed → review; revise → back to the drafter; refused → never published.

    A refused revision lets go of the version it was to replace: that one stays current, without the revision's
    reason, and can be revised again."""
    item = _locked(item, actor)
    _require_state(item, (S.SECRECY_CHECK,), _("保密审查"))
    require_role(actor, SECRECY_ROLES, _("保密审查"))
    require_other_person(actor, item.drafted_by_id, _("保密审查"))
    if result not in SecrecyResult.values:
        raise InvalidInput(_("请选择保密审查结论。"), field="result")
    opinion = clean_text(opinion, "opinion", _("保密审查意见"))
    item.secrecy_reviewer = actor
    item.secrecy_result = result
    item.secrecy_opinion = opinion
    item.secrecy_checked_on = act_date(on)
    item.state = _AFTER_SECRECY_CHECK.get(result, S.NOT_DISCLOSED)
    released = item.supersedes_id if item.state == S.NOT_DISCLOSED else None
    if released is not None:
        item.supersedes = None
        Item.objects.filter(pk=released, state=S.PUBLISHED).update(end_reason="")
    item.save()
    _audit(actor, "secrecy_check", item, S.SECRECY_CHECK, result=result, released=released)
    return item


def _next_index_number(item: Item, year: int) -> str:
    IndexCounter.objects.get_or_create(department_id=item.department_id, year=year)
    counter = IndexCounter.objects.select_for_update().filter(department_id=item.department_id, year=year)
    counter.update(last=F("last") + 1)
    last = counter.values_list("last", flat=True).get()
    department_code = item.department.code
    return f"{department_code}/{item.category.code}-{year}-{last:05d}"


def is_policy(item: Item) -> bool:
    return item.category.is_policy or item.document_type in (DocumentType.REGULATION, DocumentType.NORMATIVE)


@transaction.atomic
def review(item, *, actor, approve: bool, opinion: str, on: dt.date | None = None) -> Item:
    """审核 and publication: the reviewer answers for it (谁审核、谁负责); returned drafts go back to the drafter.

    On publication: the index number, the date, whether it was late (条例第二十六条), validity 有效 for a policy
    document, and — for a revision — the old version becomes 已被替代 with the revision's reason.
    """
    item = _locked(item, actor)
    _require_state(item, (S.REVIEW,), _("审核"))
    require_role(actor, PUBLISH_ROLES, _("审核发布"))
    require_other_person(actor, item.drafted_by_id, _("审核"))
    if not isinstance(approve, bool):
        raise InvalidInput(_("请选择审核结论。"), field="approve")
    opinion = clean_text(opinion, "opinion", _("审核意见"))
    today = act_date(on)
    item.reviewed_by = actor
    item.review_opinion = opinion
    if not approve:
        item.state = S.DRAFT
        item.save()
        _audit(actor, "return", item, S.REVIEW)
        return item
    item.category = _locked_for_filing(item.category_id)  # its code goes into the index number
    item.state = S.PUBLISHED
    item.published_on = today
    item.published_late = today > item.publish_due
    item.index_number = _next_index_number(item, today.year)
    if is_policy(item):
        item.validity = Validity.VALID
        item.validity_changed_on = today
    item.save()
    old = item.supersedes
    if old is not None:
        old = Item.objects.select_for_update().get(pk=old.pk)
        if old.state == S.PUBLISHED:
            old.state = S.SUPERSEDED
            old.ended_on = today
            if not old.end_reason:
                old.end_reason = _("已被新版本（索引号 %(n)s）替代。") % {"n": item.index_number}
            if old.validity == Validity.VALID:
                old.validity = Validity.EXPIRED
                old.validity_changed_on = today
            old.save()
            search_index.sync(old)
            _audit(actor, "superseded", old, S.PUBLISHED, by=item.pk)
    search_index.sync(item)
    _audit(actor, "publish", item, S.REVIEW, index_number=item.index_number, late=item.published_late)
    return item


@transaction.atomic
def withdraw(item, *, actor, reason: str, on: dt.date | None = None) -> Item:
    """撤回: the item leaves the lists and search; the record and its index number stay, with the reason."""
    item = _locked(item, actor)
    _require_state(item, (S.PUBLISHED,), _("撤回"))
    require_role(actor, PUBLISH_ROLES, _("撤回"))
    item.end_reason = clean_text(reason, "reason", _("撤回原因"))
    item.ended_on = act_date(on)
    item.state = S.WITHDRAWN
    item.save()
    search_index.sync(item)
    _audit(actor, "withdraw", item, S.PUBLISHED, reason=item.end_reason)
    return item


@transaction.atomic
def revise(item, *, actor, reason: str, on: dt.date | None = None) -> Item:
    """A new version of a published item, as a draft; when it is published it supersedes this one.

    The change date is the new version's formation date: it must be published within 20 working days of it.
    """
    item = _locked(item, actor)
    _require_state(item, (S.PUBLISHED,), _("修订"))
    reason = clean_text(reason, "reason", _("修订原因"))
    if Item.objects.filter(supersedes=item).exists():
        raise StateConflict(_("该信息已有待发布的新版本。"), code="revision_exists")
    today = act_date(on)
    new = Item.objects.create(
        department_id=item.department_id,
        category=_locked_for_filing(item.category_id),
        drafted_by=actor,
        supersedes=item,
        formed_on=today,
        publish_due=publish_due(today),
        **{name: getattr(item, name) for name in EDITABLE_FIELDS if name != "formed_on"},
    )
    item.end_reason = reason
    item.save(update_fields=["end_reason"])
    _audit(actor, "revise", new, S.DRAFT, supersedes=item.pk, reason=reason)
    return new


@transaction.atomic
def set_validity(item, *, actor, validity: str, reason: str, on: dt.date | None = None) -> Item:
    """Mark a published policy document 失效 or 废止 (or 有效 again), with the reason and date."""
    item = _locked(item, actor)
    _require_state(item, (S.PUBLISHED, S.SUPERSEDED), _("变更效力状态"))
    require_role(actor, PUBLISH_ROLES, _("变更效力状态"))
    if not is_policy(item):
        raise InvalidInput(_("只有政策文件有效力状态。"), field="validity")
    if validity not in Validity.values:
        raise InvalidInput(_("效力状态无效。"), field="validity")
    reason = clean_text(reason, "reason", _("变更原因"))
    old = item.validity
    item.validity = validity
    item.validity_changed_on = act_date(on)
    item.save(update_fields=["validity", "validity_changed_on"])
    search_index.sync(item)
    _audit(actor, "validity", item, item.state, old=old, new=validity, reason=reason)
    return item


def effective_validity(item: Item, today: dt.date) -> str:
    """The validity shown: 有效 turns 失效 on its own once `valid_until` has passed; a withdrawn item shows none
    (the agency took the publication down, and its page no longer vouches for the document's force)."""
    if item.state == S.WITHDRAWN:
        return ""
    if item.validity == Validity.VALID and item.valid_until and item.valid_until < today:
        return Validity.EXPIRED
    return item.validity
