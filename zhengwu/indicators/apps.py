from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "zhengwu.indicators"
    label = "indicators"
    verbose_name = "效能指标与统计"
