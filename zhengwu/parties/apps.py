from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "zhengwu.parties"
    label = "parties"
    verbose_name = "服务对象"
