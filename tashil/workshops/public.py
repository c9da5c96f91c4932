"""The workshops a visitor may see: public ones that were not cancelled."""

from tashil.core.jalali import today

from .choices import WorkshopStatus
from .models import Workshop


def public_workshops():
    return Workshop.objects.filter(is_public=True).exclude(status=WorkshopStatus.CANCELLED)


def upcoming_public_workshops():
    return public_workshops().filter(date__gte=today()).select_related("county").order_by("date", "start_time")
