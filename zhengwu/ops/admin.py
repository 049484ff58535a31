"""The operations log in the admin: read-only, shown to the 系统管理员 (whose duty backups are) or a superuser."""

from django.contrib import admin

from zhengwu.org.models import Role

from .models import Operation


def _may_operate(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or user.has_role(Role.SYSTEM_ADMIN))


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    list_display = ("started_at", "kind", "outcome", "file_name", "size", "finished_at")
    list_filter = ("kind", "outcome")
    search_fields = ("file_name", "summary")
    date_hierarchy = "started_at"
    fields = ("kind", "outcome", "started_at", "finished_at", "file_name", "size", "sm3", "summary", "detail")
    readonly_fields = fields

    def has_module_permission(self, request):
        return _may_operate(request)

    def has_view_permission(self, request, obj=None):
        return _may_operate(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
