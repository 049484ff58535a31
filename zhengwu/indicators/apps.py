from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "zhengwu.indicators"
    label = "indicators"
    verbose_name = "效能指标与统计"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from zhengwu.cases.models import Case, CaseEvent

        from . import facts

        post_save.connect(facts.on_case_saved, sender=Case, dispatch_uid="indicators.case_fact")
        post_save.connect(facts.on_event_saved, sender=CaseEvent, dispatch_uid="indicators.case_fact_acceptor")
