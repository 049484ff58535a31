"""The shared service-object registry (政务服务对象库): natural persons and organisations.

Identity numbers and phones are stored SM4-encrypted; a keyed SM3 digest finds a party by its number and
a masked copy is kept for lists. Reading the clear value goes through `services.reveal_*`, which audits it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人及其他组织")


class Party(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("姓名/名称"), max_length=200)
    # 18-digit citizen ID (GB 11643) for persons, unified social credit code (GB 32100) for organisations.
    id_number_encrypted = models.TextField(_("证件号码（密文）"))
    id_number_digest = models.CharField(max_length=64)
    id_number_masked = models.CharField(_("证件号码"), max_length=18)
    phone_encrypted = models.TextField(_("联系电话（密文）"), blank=True)
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True)
    # For organisations: the legal representative's name (法定代表人).
    representative = models.CharField(_("法定代表人/负责人"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("服务对象")
        verbose_name_plural = _("服务对象")
        constraints = [models.UniqueConstraint(fields=["kind", "id_number_digest"], name="party_identity_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number_masked}）"
