from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zhengwu.portal"
    label = "portal"
    verbose_name = "网上办事大厅"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from zhengwu.catalog.models import MatterVersion
        from zhengwu.search.services import register_source

        from . import search_index

        post_save.connect(search_index.on_version_saved, sender=MatterVersion, dispatch_uid="portal.index_matter")
        register_source(search_index.KIND, search_index.source)
