"""The audit log in the admin: read-only, and shown only to the 安全审计员 (三员 separation) or a superuser.

Django's own view permission is deliberately not enough: the system and security administrators manage
accounts and permissions, so they must not be able to grant themselves a view of the log that audits them.
"""

from django.contrib import admin

from zhengwu.org.models import Role

from . import services as audit
from .models import AuditEntry


class AuditedAdminMixin:
    """Changes made in the admin are acts too: each also leaves an entry in the SM3 chain (Django's own admin
    log can be edited and is not chained). Put it before `admin.ModelAdmin` in the bases."""

    def log_addition(self, request, obj, message):
        audit.record(request.user, "admin.add", obj, message=message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit.record(request.user, "admin.change", obj, message=message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(request.user, "admin.delete", obj, object_repr=str(obj))
        return super().log_deletions(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, never added, changed or deleted there: the rows are written by the services' acts."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyLogAdmin(ReadOnlyAdmin):
    """A log in the admin: shown to those `may_view` admits, never added to, changed or deleted there."""

    def may_view(self, request) -> bool:
        raise NotImplementedError

    def has_module_permission(self, request):
        return self.may_view(request)

    def has_view_permission(self, request, obj=None):
        return self.may_view(request)


def _may_audit(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or user.has_role(Role.AUDIT_ADMIN))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyLogAdmin):
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

    def may_view(self, request) -> bool:
        return _may_audit(request)
