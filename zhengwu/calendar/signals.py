from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import DayOverride, KnownYear


@receiver([post_save, post_delete], sender=DayOverride)
@receiver([post_save, post_delete], sender=KnownYear)
def _calendar_changed(**kwargs) -> None:
    services.invalidate()
