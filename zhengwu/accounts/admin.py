"""Read-only admin views of applicant accounts and online applications (changes go through the services)."""

from django.contrib import admin

from .models import Account, Application


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "party", "phone_masked", "is_active", "locked_until", "last_login", "created_at"]
    list_filter = ["kind", "is_active"]
    exclude = ["password", "phone_digest"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["id", "account", "matter_version", "state", "case", "updated_at"]
    list_filter = ["state"]
