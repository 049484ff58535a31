from django.contrib import admin

from zhengwu.audit.admin import AuditedAdminMixin

from .models import Theme


@admin.register(Theme)
class ThemeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "code", "order")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    filter_horizontal = ("matters",)
