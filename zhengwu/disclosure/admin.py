"""Read-only admin views; every change goes through the workbench and the services (audited)."""

from django.contrib import admin

from .models import AnnualReport, Category, Guide, Item, Request


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ("department", "code", "name", "parent", "is_policy", "order")
    list_filter = ("department",)


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ("index_number", "title", "department", "state", "published_on", "published_late")
    list_filter = ("state", "department")
    search_fields = ("index_number", "title", "document_number")


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ("number", "department", "state", "received_on", "due_on", "outcome")
    list_filter = ("state", "outcome", "department")
    search_fields = ("number",)
    exclude = ("applicant",)


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ("department", "updated_on")


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ("year", "department", "published_on")
