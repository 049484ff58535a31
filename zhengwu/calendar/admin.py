"""Administration of the working-day calendar corrections (holidays and 调休 days of later years)."""

from django.contrib import admin

from zhengwu.audit.admin import AuditedAdminMixin

from .models import DayOverride, KnownYear


@admin.register(DayOverride)
class DayOverrideAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "is_working_day", "name")
    list_filter = ("is_working_day",)
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(KnownYear)
class KnownYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("year", "source", "declared_at")
    readonly_fields = ("declared_at",)
