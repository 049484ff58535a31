"""Administration of the administrative tree, departments, the hall and staff accounts."""

import hashlib

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from zhengwu.accounts.uploads import check_upload
from zhengwu.audit.admin import AuditedAdminMixin
from zhengwu.errors import InvalidInput

from .models import (
    SEPARATED_ROLES_MESSAGE,
    ApiToken,
    Area,
    ChiefRepresentative,
    Department,
    Hall,
    Post,
    RepresentativeAbsence,
    RoleGrant,
    User,
    Window,
    separated_roles_conflict,
)


@admin.register(Area)
class AreaAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)


class PostInline(admin.TabularInline):
    model = Post
    fields = ("code", "name", "kind")
    extra = 0


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "short_name", "area", "parent")
    list_filter = ("area",)
    search_fields = ("code", "name", "short_name")
    list_select_related = ("area", "parent")
    autocomplete_fields = ("area", "parent")
    inlines = [PostInline]


class WindowForm(forms.ModelForm):
    """A window serves the departments stationed at it; a finance window (统一收费窗口) collects for the whole hall
    and needs none. Checked here: a model's `clean` cannot see its many-to-many values."""

    class Meta:
        model = Window
        fields = ("number", "name", "departments", "is_comprehensive", "is_finance")

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("is_finance") and not cleaned_data.get("departments"):
            self.add_error("departments", _("请选择进驻部门（只有统一收费窗口可以不选）。"))
        return cleaned_data


class WindowInline(admin.TabularInline):
    model = Window
    form = WindowForm
    fields = ("number", "name", "departments", "is_comprehensive", "is_finance")
    extra = 0


@admin.register(Hall)
class HallAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "area", "phone")
    search_fields = ("name",)
    autocomplete_fields = ("area",)
    inlines = [WindowInline]


class RoleGrantFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        roles = [
            form.cleaned_data["role"]
            for form in self.forms
            if form.cleaned_data.get("role") and not form.cleaned_data.get("DELETE")
        ]
        if separated_roles_conflict(roles):
            raise ValidationError(SEPARATED_ROLES_MESSAGE)


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    formset = RoleGrantFormSet
    fields = ("role", "granted_at")
    readonly_fields = ("granted_at",)
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ("username", "full_name", "department", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "department")
    search_fields = ("username", "full_name", "email")
    list_select_related = ("department",)
    autocomplete_fields = ("department", "supervised_area")
    filter_horizontal = ("groups", "user_permissions", "posts", "windows")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("机构与岗位"), {"fields": ("full_name", "mobile", "department", "supervised_area", "posts", "windows")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("机构与岗位"), {"fields": ("full_name", "department")}),
    )
    inlines = [RoleGrantInline]

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser makes superusers: a security administrator who could tick the box for himself would
        # read the audit log that audits him (三员 separation).
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else (*readonly, "is_superuser")


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "role", "granted_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name")
    autocomplete_fields = ("user",)
    readonly_fields = ("granted_at",)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Tokens are issued elsewhere (only their digest is stored); here they are listed, renamed or revoked."""

    list_display = ("name", "user", "created_at", "last_used_at", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "user__username")
    fields = ("name", "user", "digest", "created_at", "last_used_at", "revoked")
    readonly_fields = ("user", "digest", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False


class RepresentativeAbsenceInline(admin.TabularInline):
    model = RepresentativeAbsence
    fields = ("starts_on", "ends_on", "reason")
    extra = 0


def sm3_of(upload) -> str:
    digest = hashlib.new("sm3")
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class ChiefRepresentativeForm(forms.ModelForm):
    class Meta:
        model = ChiefRepresentative
        fields = (
            "department",
            "hall",
            "principal",
            "deputy",
            "letter_number",
            "signed_by",
            "signed_on",
            "valid_from",
            "valid_until",
            "matters",
            "letter_scan",
            "revoked_on",
            "revoke_reason",
        )

    def clean_letter_scan(self):
        scan = self.cleaned_data.get("letter_scan")
        if isinstance(scan, UploadedFile):
            try:
                check_upload(scan, "letter_scan")
            except InvalidInput as error:
                raise ValidationError(error.message) from error
        return scan

    def save(self, commit=True):
        letter = super().save(commit=False)
        if "letter_scan" in self.changed_data:
            letter.letter_scan_sm3 = sm3_of(self.cleaned_data["letter_scan"]) if letter.letter_scan else ""
        if commit:
            letter.save()
            self.save_m2m()
        return letter

    def clean(self):
        cleaned = super().clean()
        department, matters = cleaned.get("department"), cleaned.get("matters")
        if department is not None and matters:
            foreign = [str(m) for m in matters if m.department_id != department.pk]
            if foreign:
                self.add_error("matters", _("只能授权本部门实施的事项：%(matters)s") % {"matters": "、".join(foreign)})
        return cleaned


@admin.register(ChiefRepresentative)
class ChiefRepresentativeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """首席代表制: the department's letter of authorisation, its A角 and B角, and the days the A角 is away."""

    form = ChiefRepresentativeForm
    list_display = (
        "department",
        "hall",
        "principal",
        "deputy",
        "letter_number",
        "valid_from",
        "valid_until",
        "revoked_on",
    )
    list_filter = ("hall", "department")
    search_fields = ("letter_number", "principal__full_name", "deputy__full_name", "department__name")
    autocomplete_fields = ("department", "principal", "deputy", "matters")
    readonly_fields = ("letter_scan_sm3",)
    inlines = [RepresentativeAbsenceInline]
