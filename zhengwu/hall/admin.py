"""Appointment periods are configured in the admin; bookings and first inquiries are read-only there (they change
through acts)."""

from django.contrib import admin

from zhengwu.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from .models import Appointment, AppointmentPeriod, FirstInquiry, InquiryReferral


@admin.register(AppointmentPeriod)
class AppointmentPeriodAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["hall", "department", "starts_at", "ends_at", "capacity", "is_active"]
    list_filter = ["hall", "is_active"]
    list_select_related = ["hall", "department"]
    autocomplete_fields = ["department"]
    search_fields = ["department__name"]


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ["number", "day", "starts_at", "department", "state"]
    list_filter = ["state", "day"]
    search_fields = ["number"]
    list_select_related = ["department"]


class InquiryReferralInline(admin.TabularInline):
    model = InquiryReferral
    fields = ["sequence", "department", "staff", "note", "referred_by", "referred_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FirstInquiry)
class FirstInquiryAdmin(ReadOnlyAdmin):
    """Read-only: first inquiries change through their acts. The phone shows masked only (no ciphertext, no digest)."""

    list_display = ["number", "asked_at", "hall", "owner", "state", "outcome", "referred_to", "due_on"]
    list_filter = ["state", "outcome", "hall"]
    search_fields = ["number"]
    list_select_related = ["hall", "owner", "referred_to"]
    exclude = ["phone_encrypted", "phone_digest"]
    inlines = [InquiryReferralInline]
