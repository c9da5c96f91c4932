"""The clinic in the daily job: on the week's last working day, the experts of each case with no weekly update
this week are reminded to write one; once per case and week (notifications.reminders)."""

from django.utils.translation import gettext as _

from tashil.notifications.models import NotificationKind
from tashil.notifications.reminders import SettingsByCounty, Today, remind_once

from .models import ClinicCase


def remind_weekly_updates(day=None):
    now, settings_by_county = Today(day), SettingsByCounty()
    if not now.is_last_working_day_of_week:
        return 0
    cases = (
        ClinicCase.objects.without_update_this_week(now.day)
        .exclude(county_id__in=settings_by_county.counties_off("clinic_updates"))
        .select_related("unit")
        .prefetch_related("experts")
    )
    sent = 0
    for case in cases:
        sent += remind_once(
            f"clinic:{case.pk}:{now.week_start.isoformat()}",
            [expert for expert in case.experts.all() if expert.is_active],
            NotificationKind.CLINIC_STALE,
            _("گزارش هفتگی «%(unit)s» این هفته ثبت نشده است") % {"unit": case.unit},
            _("امروز آخرین روز کاری هفته است؛ پیشرفت پرونده کلینیک را ثبت کنید."),
            case.get_absolute_url() + "?tab=updates",
        )
    return sent
