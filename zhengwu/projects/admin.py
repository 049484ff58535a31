"""Stage rules (阶段配置) are local configuration kept in the admin by the system administrator; projects and stage
applications are read-only there (they change through their acts)."""

from django.contrib import admin

from zhengwu.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from .models import Project, StageApplication, StageCase, StageRule


@admin.register(StageRule)
class StageRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["area", "stage", "lead_department", "limit_days"]
    list_filter = ["stage"]
    list_select_related = ["area", "lead_department"]
    autocomplete_fields = ["lead_department"]
    filter_horizontal = ["matters"]
    search_fields = ["area__name", "area__code", "lead_department__name"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "area", "investment_kind", "created_at"]
    list_filter = ["investment_kind"]
    search_fields = ["code", "name"]
    list_select_related = ["area"]


class StageCaseInline(admin.TabularInline):
    model = StageCase
    fields = ["case"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StageApplication)
class StageApplicationAdmin(ReadOnlyAdmin):
    list_display = ["number", "project", "stage", "lead_department", "limit_days", "received_on"]
    list_filter = ["stage"]
    search_fields = ["number", "project__code"]
    list_select_related = ["project", "lead_department"]
    inlines = [StageCaseInline]
