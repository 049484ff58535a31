"""The administrative tree, departments, the service hall and the people who work in it."""

from __future__ import annotations

import datetime as dt
import os
import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .labels import post_label


class AreaLevel(models.IntegerChoices):
    PROVINCE = 1, _("省")
    CITY = 2, _("市")
    COUNTY = 3, _("县/区")
    TOWNSHIP = 4, _("乡镇/街道")
    VILLAGE = 5, _("村/社区")


# The digits of the 12-digit code that name a node of each level (the digits after them are zero).
_LEVEL_DIGITS = {1: (0, 2), 2: (2, 4), 3: (4, 6), 4: (6, 9), 5: (9, 12)}


class Area(models.Model):
    """A node of the administrative tree.

    `code` is the 12-digit statistical division code whose first 6 digits are the GB/T 2260 code
    (province/city/county), digits 7-9 the township and 10-12 the village.
    """

    code = models.CharField(_("区划代码"), max_length=12, unique=True, validators=[RegexValidator(r"^\d{12}$")])
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"), choices=AreaLevel.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        # Scopes are found by code prefix (`subtree_prefix`), so the code must say the level and lie under the
        # parent's code. A parent may skip a level: 东莞、中山 have townships directly under the city.
        code, level = self.code or "", self.level
        if not (len(code) == 12 and code.isdigit() and level in _LEVEL_DIGITS):
            return  # the field validators report these
        start, end = _LEVEL_DIGITS[level]
        if code[start:end].strip("0") == "" or code[end:].strip("0") != "":
            raise ValidationError({"code": _("区划代码与所选层级不符。")})
        if self.parent is not None and (self.parent.level >= level or not code.startswith(self.parent.subtree_prefix)):
            raise ValidationError({"parent": _("上级区划的层级或代码与本区划不符。")})

    @property
    def subtree_prefix(self) -> str:
        """The code prefix shared by this area and everything below it (GB/T 2260 + township + village digits)."""
        return {1: self.code[:2], 2: self.code[:4], 3: self.code[:6], 4: self.code[:9]}.get(self.level, self.code)


class DepartmentQuerySet(models.QuerySet):
    def in_area(self, area: Area) -> DepartmentQuerySet:
        """The departments of `area` and of every area below it."""
        return self.filter(area__code__startswith=area.subtree_prefix)


class Department(models.Model):
    """A government department (部门) of an area; cases, matters and staff belong to one."""

    code = models.CharField(_("部门编码"), max_length=32, unique=True)
    name = models.CharField(_("部门名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    area = models.ForeignKey(Area, models.PROTECT, related_name="departments", verbose_name=_("所属区划"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级部门")
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Hall(models.Model):
    """A government service hall (政务服务大厅)."""

    name = models.CharField(_("大厅名称"), max_length=100)
    area = models.ForeignKey(Area, models.PROTECT, related_name="halls", verbose_name=_("所属区划"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    opening_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("政务服务大厅")
        verbose_name_plural = _("政务服务大厅")

    def __str__(self) -> str:
        return self.name


class Window(models.Model):
    """A service window (窗口) of a hall, staffed for one or more departments."""

    hall = models.ForeignKey(Hall, models.PROTECT, related_name="windows", verbose_name=_("大厅"))
    number = models.CharField(_("窗口号"), max_length=10)
    name = models.CharField(_("窗口名称"), max_length=100)
    # Required of every window but a finance window, which serves the whole hall (`WindowForm` in the admin).
    departments = models.ManyToManyField(Department, related_name="windows", verbose_name=_("进驻部门"), blank=True)
    is_comprehensive = models.BooleanField(_("综合窗口"), default=False)
    # 统一收费窗口: its clerks collect the fees of every department's cases in the hall (see the fees app).
    is_finance = models.BooleanField(_("统一收费窗口"), default=False)

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        constraints = [models.UniqueConstraint(fields=["hall", "number"], name="window_number_unique_in_hall")]
        ordering = ["hall", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class PostKind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("受理")
    REVIEW = "review", _("审查")
    APPROVAL = "approval", _("审批")
    DELIVERY = "delivery", _("送达/制证")


class Post(models.Model):
    """A post (岗位) of a department: review steps are assigned to posts, staff hold posts."""

    department = models.ForeignKey(Department, models.PROTECT, related_name="posts", verbose_name=_("部门"))
    code = models.CharField(_("岗位编码"), max_length=40)
    name = models.CharField(_("岗位名称"), max_length=100)
    kind = models.CharField(_("岗位类别"), max_length=20, choices=PostKind.choices)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [models.UniqueConstraint(fields=["department", "code"], name="post_code_unique_in_department")]

    def __str__(self) -> str:
        return f"{self.department.short_name or self.department.name}·{post_label(self.name)}"


class Role(models.TextChoices):
    """Staff roles. The last three are the separated 三员 duties."""

    WINDOW_CLERK = "window_clerk", _("窗口人员")
    REVIEWER = "reviewer", _("审查人员")
    APPROVER = "approver", _("审批人员")
    DEPARTMENT_HEAD = "department_head", _("部门负责人")
    SUPERVISOR = "supervisor", _("电子监察人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全保密管理员")
    AUDIT_ADMIN = "audit_admin", _("安全审计员")


class User(AbstractUser):
    """A member of staff. Citizens' accounts are not staff (see the portal)."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    # Work mobile for alerts (短信提醒), e.g. of the supervision deadline watch.
    mobile = models.CharField(
        _("工作手机"), max_length=11, blank=True, validators=[RegexValidator(r"^1\d{10}$", _("请输入11位手机号码。"))]
    )
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("所属部门")
    )
    # Supervisors watch an area (and everything below it) rather than one department.
    supervised_area = models.ForeignKey(
        Area, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("监察范围")
    )
    posts = models.ManyToManyField(Post, blank=True, related_name="holders", verbose_name=_("岗位"))
    windows = models.ManyToManyField(Window, blank=True, related_name="clerks", verbose_name=_("窗口"))

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_codes(self) -> frozenset[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_codes = cached
        return cached

    def has_role(self, role: str) -> bool:
        return role in self.role_codes


# 三员 (system, security and audit administrator) check one another, so no one may hold two of them.
SEPARATED_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


def separated_roles_conflict(roles) -> bool:
    """Whether `roles` hold more than one of the 三员."""
    return len(SEPARATED_ROLES.intersection(roles)) > 1


def holds_only_separated_roles(user) -> bool:
    """Whether `user` is one of the 三员 and nothing else. Their duties are configuring, granting rights and reading
    the audit trail (in the admin), not business: the business pages refuse them and the workbench does not offer
    them. A business role held besides keeps those pages; a superuser acts for everyone, as everywhere."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    roles = user.role_codes
    return bool(roles) and roles <= SEPARATED_ROLES


SEPARATED_ROLES_MESSAGE = _("系统管理员、安全保密管理员、安全审计员（三员）不得由同一人兼任。")


class RoleGrant(models.Model):
    """A role held by a staff member (granted by the security administrator)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.role not in SEPARATED_ROLES or not self.user_id:
            return
        held = RoleGrant.objects.filter(user_id=self.user_id).exclude(pk=self.pk).values_list("role", flat=True)
        if separated_roles_conflict({self.role, *held}):
            raise ValidationError({"role": SEPARATED_ROLES_MESSAGE})


class ApiToken(models.Model):
    """A bearer token for the REST API. Only the SM3 digest of the token is stored."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(_("已吊销"), default=False)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return self.name


# The roles that see and act on a department's cases (see `cases.permissions.ACTING_ROLES`).
CASE_HANDLING_ROLES = frozenset({Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD})


def _letter_scan_path(instance: ChiefRepresentative, filename: str) -> str:
    # A random stored name (outside the web root, served only through a view that checks who asks).
    return f"org/letters/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class ChiefRepresentative(models.Model):
    """A department's chief representative at a service hall (首席代表制), authorised in writing (授权委托书) by the
    department to approve the listed matters at the window.

    The principal (A角) acts on every day the letter is in force; the deputy (B角) stands in only on the days the
    principal is recorded away (`RepresentativeAbsence`). Both are staff of the department. A letter in force means
    signed, between its first and last day, and not revoked by then (`acting_authority`).
    """

    department = models.ForeignKey(
        Department, models.PROTECT, related_name="chief_representatives", verbose_name=_("部门")
    )
    hall = models.ForeignKey(Hall, models.PROTECT, related_name="chief_representatives", verbose_name=_("大厅"))
    principal = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("首席代表（A角）"))
    deputy = models.ForeignKey(
        User, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("B角（A角不在岗时代行）")
    )
    letter_number = models.CharField(_("授权委托书编号"), max_length=60, unique=True)
    signed_by = models.CharField(_("委托人（部门负责人）"), max_length=50)
    signed_on = models.DateField(_("签署日期"))
    valid_from = models.DateField(_("授权起始日期"))
    valid_until = models.DateField(_("授权截止日期"))
    matters = models.ManyToManyField("catalog.Matter", related_name="+", verbose_name=_("授权在窗口审批的事项"))
    # The signed letter itself (scan: PDF, JPG, PNG or OFD, checked like an applicant's upload), kept with its SM3.
    letter_scan = models.FileField(_("授权委托书扫描件"), upload_to=_letter_scan_path, blank=True, max_length=200)
    letter_scan_sm3 = models.CharField(_("扫描件 SM3"), max_length=64, blank=True, editable=False)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True, help_text=_("自该日起授权不再有效。"))
    revoke_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("首席代表授权")
        verbose_name_plural = _("首席代表授权")
        ordering = ["department", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.department} · {self.principal}（{self.letter_number}）"

    def in_force_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until and (self.revoked_on is None or day < self.revoked_on)

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("授权截止日期不能早于起始日期。")
        if self.signed_on and self.valid_from and self.signed_on > self.valid_from:
            errors["signed_on"] = _("授权委托书须在授权起始日期之前或当日签署。")
        if self.revoked_on and self.valid_from and self.revoked_on < self.valid_from:
            errors["revoked_on"] = _("撤销日期不能早于授权起始日期。")
        if self.revoked_on and not self.revoke_reason.strip():
            errors["revoke_reason"] = _("撤销授权须说明原因。")
        if self.principal_id and self.deputy_id and self.principal_id == self.deputy_id:
            errors["deputy"] = _("B角不能与A角为同一人。")
        for field in ("principal", "deputy"):
            person = getattr(self, field) if getattr(self, f"{field}_id") else None
            if person is None:
                continue
            if self.department_id and person.department_id != self.department_id:
                errors[field] = _("首席代表及其B角须为本部门工作人员。")
            elif not person.role_codes & CASE_HANDLING_ROLES:
                errors[field] = _("首席代表及其B角须具有办件角色（窗口人员、审查人员、审批人员或部门负责人）。")
        if errors:
            raise ValidationError(errors)
        last = self.last_day_in_force
        if self.department_id and self.hall_id and last is not None:
            # One letter in force per department and hall on any day: otherwise two principals would both act.
            candidates = ChiefRepresentative.objects.filter(
                department_id=self.department_id,
                hall_id=self.hall_id,
                valid_from__lte=last,
                valid_until__gte=self.valid_from,
            ).exclude(pk=self.pk)
            for other in candidates:
                other_last = other.last_day_in_force
                if other_last is not None and other_last >= self.valid_from and other.valid_from <= last:
                    message = _("该部门在本大厅已有期间重叠的首席代表授权（%(number)s）。")
                    raise ValidationError({"valid_from": message % {"number": other.letter_number}})

    @property
    def last_day_in_force(self) -> dt.date | None:
        """The letter's last day in force (the day before its revocation, if revoked earlier); None if never."""
        if not (self.valid_from and self.valid_until):
            return None
        last = self.valid_until
        if self.revoked_on is not None:
            last = min(last, self.revoked_on - dt.timedelta(days=1))
        return last if last >= self.valid_from else None


class RepresentativeAbsence(models.Model):
    """Days the chief representative (A角) is away (leave, training, business trip): the B角 stands in."""

    representative = models.ForeignKey(
        ChiefRepresentative, models.CASCADE, related_name="absences", verbose_name=_("首席代表授权")
    )
    starts_on = models.DateField(_("起始日期"))
    ends_on = models.DateField(_("截止日期"))
    reason = models.CharField(_("事由"), max_length=200)

    class Meta:
        verbose_name = _("A角不在岗记录")
        verbose_name_plural = _("A角不在岗记录")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("截止日期不能早于起始日期。")})
