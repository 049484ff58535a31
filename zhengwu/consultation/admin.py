"""Read-only admin views of consultations and FAQs (answers and publication go through the workbench)."""

from django.contrib import admin

from zhengwu.audit.admin import ReadOnlyAdmin

from .models import Consultation, Faq


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["number", "subject", "department", "asked_on", "due_on", "state"]
    list_filter = ["state"]


@admin.register(Faq)
class FaqAdmin(ReadOnlyAdmin):
    list_display = ["question", "matter", "department", "is_published", "published_at"]
    list_filter = ["is_published"]
