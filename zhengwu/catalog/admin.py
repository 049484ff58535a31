"""Catalogue administration: drafts are edited here; publishing and drafting go through `services`."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengwu.audit.admin import AuditedAdminMixin
from zhengwu.errors import DomainError

from . import services
from .models import Material, Matter, MatterVersion, VersionStatus


def _is_draft(version: MatterVersion | None) -> bool:
    return version is None or version.status == VersionStatus.DRAFT


class VersionInline(admin.TabularInline):
    model = MatterVersion
    fields = ("number", "status", "name", "published_at", "change_note")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Matter)
class MatterAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "current_name", "department", "current_version")
    list_filter = ("department",)
    search_fields = ("code", "current_version__name")
    list_select_related = ("department", "current_version")
    readonly_fields = ("current_version", "created_at")
    inlines = [VersionInline]
    actions = ["draft_new_version"]

    @admin.display(description=_("事项名称"))
    def current_name(self, obj: Matter) -> str:
        return obj.current_version.name if obj.current_version_id else ""

    def get_readonly_fields(self, request, obj=None):
        # Code and department are the matter's identity once it exists.
        return (*self.readonly_fields, "code", "department") if obj else self.readonly_fields

    @admin.action(description=_("起草新版本"))
    def draft_new_version(self, request, queryset):
        for matter in queryset:
            try:
                draft = services.draft_new_version(matter, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{matter.code}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, gettext("已起草：%(version)s") % {"version": draft}, messages.SUCCESS)


class MaterialInline(admin.TabularInline):
    model = Material
    fields = (
        "position",
        "name",
        "required",
        "shared",
        "original_count",
        "copy_count",
        "source",
        "form_template",
        "sample",
    )
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class MatterVersionForm(forms.ModelForm):
    """The admin builds the fields; this only refuses a second draft of a matter."""

    def clean(self):
        cleaned = super().clean()
        matter = cleaned.get("matter")
        if self.instance.pk is None and matter and matter.versions.filter(status=VersionStatus.DRAFT).exists():
            raise forms.ValidationError(_("该事项已有未发布的草稿版本。"))
        return cleaned


@admin.register(MatterVersion)
class MatterVersionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("matter", "number", "name", "status", "published_at")
    list_filter = ("status", "matter_type", "matter__department")
    search_fields = ("name", "matter__code")
    list_select_related = ("matter", "matter__current_version")
    autocomplete_fields = ("matter",)
    filter_horizontal = ("joint_departments",)
    readonly_fields = ("number", "status", "published_at")
    form = MatterVersionForm
    inlines = [MaterialInline]
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "matter") if obj else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # Published and superseded versions are history: shown read-only.
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and _is_draft(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk delete would not spare published versions
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            # A draft added here takes the next number of its matter; it is published with the action below.
            obj.status = VersionStatus.DRAFT
            obj.number = (obj.matter.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("发布"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.publish(version, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{version}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, gettext("已发布：%(version)s") % {"version": version}, messages.SUCCESS)
