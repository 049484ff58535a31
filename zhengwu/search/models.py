"""One row per searchable object (a matter, a disclosure item…), with its text segmented by jieba.

The full-text index itself is not a Django field: on PostgreSQL a stored generated `tsvector` column with a GIN
index, on SQLite an FTS5 table kept in sync by triggers (both created in migration 0002, see `backends.py`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("类别"), max_length=40)
    object_id = models.BigIntegerField(_("对象编号"))
    title = models.CharField(_("标题"), max_length=500)
    # The readable text, kept (capped) only to cut result snippets from.
    body = models.TextField(_("正文摘录"), blank=True)
    # Space-joined search tokens: of the title (plus pinyin initials) and of the body.
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    public = models.BooleanField(_("公开"), default=True)
    department_id = models.BigIntegerField(_("部门"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object_unique")]
        indexes = [models.Index(fields=["kind", "public", "department_id"], name="search_entry_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
