from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "zhengwu.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self) -> None:
        from zhengwu.search.services import register_source

        from . import search_index

        register_source(search_index.KIND, search_index.source)
