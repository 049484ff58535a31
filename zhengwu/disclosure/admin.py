"""Read-only admin views of the records (every change goes through the workbench and the services, audited), and
the one table the administrator maintains here: the tiers of the information processing fee."""

from django.contrib import admin

from zhengwu.audit import services as audit
from zhengwu.audit.admin import ReadOnlyAdmin

from .models import AnnualReport, Category, FeeTier, Guide, Item, Request


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


@admin.register(FeeTier)
class FeeTierAdmin(admin.ModelAdmin):
    list_display = ("method", "first", "last", "fen")
    list_filter = ("method",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(request.user, "disclosure.fee_tier.save", obj, first=obj.first, last=obj.last, fen=obj.fen)

    def delete_model(self, request, obj):
        audit.record(request.user, "disclosure.fee_tier.delete", obj, first=obj.first, last=obj.last, fen=obj.fen)
        super().delete_model(request, obj)
