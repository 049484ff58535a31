from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "zhengwu.fees"
    label = "fees"
    verbose_name = "统一收费"
