from django import template
from django.utils import timezone

from zhengwu.hall import selectors, services
from zhengwu.hall.models import AppointmentState
from zhengwu.parties.masking import mask_name

register = template.Library()

MY_APPOINTMENTS_SHOWN = 10


@register.inclusion_tag("hall/_my_appointments.html", takes_context=True)
def my_appointments(context, account):
    """The personal space's section: the account's latest bookings, each cancellable until its period starts."""
    rows = list(selectors.appointments_of(account).order_by("-day", "-starts_at", "-id")[:MY_APPOINTMENTS_SHOWN])
    now = timezone.now()
    for row in rows:
        row.cancellable = row.state == AppointmentState.BOOKED and now < services.starts(row)
    return {"appointments": rows, "csrf_token": context.get("csrf_token")}


@register.filter
def masked_visitor(name: str) -> str:
    """A first-inquiry visitor's name masked for lists (张*)."""
    return mask_name(name)
