from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "zhengwu.ops"
    label = "ops"
    verbose_name = "运维"
