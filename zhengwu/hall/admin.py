"""Appointment periods are configured in the admin; bookings are read-only there (they change through acts)."""

from django.contrib import admin

from zhengwu.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from .models import Appointment, AppointmentPeriod


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
