"""An agenda item's obstacles are its meeting's county's, however they are linked (form, API, import, shell)."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from tashil.obstacles.models import Obstacle

from .models import AgendaItem, check_same_county


@receiver(m2m_changed, sender=AgendaItem.obstacles.through, dispatch_uid="meetings-agenda-obstacles")
def agenda_obstacles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # obstacle.agenda_items.add(item, …)
        for item in AgendaItem.objects.filter(pk__in=pk_set).select_related("meeting__county"):
            check_same_county(item.meeting, obstacles=[instance])
    else:
        check_same_county(instance.meeting, obstacles=Obstacle.objects.filter(pk__in=pk_set))
