"""The audit log in the admin: read-only, and shown only to the 安全审计员 (三员 separation) or a superuser.

Django's own view permission is deliberately not enough: the system and security administrators manage
accounts and permissions, so they must not be able to grant themselves a view of the log that audits them.
"""

from django.contrib import admin

from zhengwu.org.models import Role

from .models import AuditEntry


def _may_audit(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or user.has_role(Role.AUDIT_ADMIN))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_label", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "action", "object_id")
    ordering = ("seq",)
    fields = (
        "seq",
        "at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "detail",
        "prev_hash",
        "entry_hash",
    )
    readonly_fields = fields
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return _may_audit(request)

    def has_view_permission(self, request, obj=None):
        return _may_audit(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
