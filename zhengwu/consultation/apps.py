from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "zhengwu.consultation"
    label = "consultation"
    verbose_name = "咨询"
