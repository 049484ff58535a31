"""The operations log in the admin: read-only, shown to the 系统管理员 (whose duty backups are) or a superuser."""

from django.contrib import admin

from zhengwu.audit.admin import ReadOnlyLogAdmin
from zhengwu.org.models import Role

from .models import Operation


def _may_operate(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or user.has_role(Role.SYSTEM_ADMIN))


@admin.register(Operation)
class OperationAdmin(ReadOnlyLogAdmin):
    list_display = ("started_at", "kind", "outcome", "file_name", "size", "finished_at")
    list_filter = ("kind", "outcome")
    search_fields = ("file_name", "summary")
    date_hierarchy = "started_at"
    fields = ("kind", "outcome", "started_at", "finished_at", "file_name", "size", "sm3", "summary", "detail")
    readonly_fields = fields

    def may_view(self, request) -> bool:
        return _may_operate(request)
