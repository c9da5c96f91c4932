"""What the impact app adds to the obstacle, resolution and clinic case pages: «ثبت اثر» once the source is
resolved, verified or revived (and the secretariat may record), or «اثر ثبت‌شده» leading to its record.
Registered on their views from here, so those apps never import this one."""

from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _

from tashil.core import scope
from tashil.core.views import Button


def impact_buttons(source_name, ready):
    """The bar's buttons for a source page; ``ready(obj)`` says whether the source may be credited now."""

    def buttons(view):
        from .models import ImpactRecord

        user, obj = view.request.user, view.object
        try:
            record = obj.impact
        except ObjectDoesNotExist:
            record = None
        if record is not None:
            if scope.can_object(user, record, "view"):
                return [Button(_("اثر ثبت‌شده"), record.get_absolute_url(), "bi-graph-up-arrow", "impact-record")]
            return []
        if not ready(obj) or not scope.can(user, ImpactRecord, "add"):
            return []
        query = {source_name: obj.pk, "return_url": obj.get_absolute_url()}
        url = f"{reverse('impact:impactrecord_add')}?{urlencode(query)}"
        return [Button(_("ثبت اثر (اشتغال و منابع)"), url, "bi-graph-up-arrow", "impact-add")]

    return buttons


def obstacle_ready(obstacle):
    from tashil.obstacles.choices import ObstacleStatus

    return obstacle.status == ObstacleStatus.RESOLVED


def resolution_ready(resolution):
    from tashil.meetings.choices import ResolutionStatus

    return resolution.status == ResolutionStatus.EXECUTED and resolution.verified_at is not None


def case_ready(case):
    return case.revival_id is not None


def connect():
    """Register the buttons (from ImpactConfig.ready)."""
    from tashil.clinic.views import ClinicCaseView
    from tashil.meetings.views import ResolutionView
    from tashil.obstacles.views import ObstacleView

    ObstacleView.add_buttons(impact_buttons("obstacle", obstacle_ready))
    ResolutionView.add_buttons(impact_buttons("resolution", resolution_ready))
    ClinicCaseView.add_buttons(impact_buttons("clinic_case", case_ready))
