"""Admin views of applicant accounts and online applications: read-only, changes go through the services, except
an account's 有效 flag, which an administrator sets back once its holder has proved their identity at a window
(an account is suspended when a window check contradicts it: `parties.services.register_party`). Audited."""

from django.contrib import admin

from zhengwu.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from .models import Account, Application


@admin.register(Account)
class AccountAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["id", "kind", "party", "phone_masked", "is_active", "locked_until", "last_login", "created_at"]
    list_filter = ["kind", "is_active"]
    fields = ["kind", "party", "phone_masked", "is_active", "failed_logins", "locked_until", "last_login", "created_at"]
    readonly_fields = [name for name in fields if name != "is_active"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["id", "account", "matter_version", "state", "case", "updated_at"]
    list_filter = ["state"]
