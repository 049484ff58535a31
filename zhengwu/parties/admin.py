"""Read-only view of the service-object registry: masked values only, never ciphertext or digests.

Parties are created by `services.register_party`; clear identity numbers are read through the audited
`services.reveal_*`, not here.
"""

from django.contrib import admin

from zhengwu.audit.admin import ReadOnlyAdmin

from .models import Party


@admin.register(Party)
class PartyAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "id_number_masked", "phone_masked", "created_at")
    list_filter = ("kind",)
    search_fields = ("name",)
    fields = ("kind", "name", "id_number_masked", "phone_masked", "representative", "address", "created_at")
    readonly_fields = fields
