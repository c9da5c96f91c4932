"""Resolutions in the daily job: reminders to the responsible agency (or the producer) before the deadline and
on it, and the overdue notice after it; once each (notifications.reminders)."""

import datetime

from django.utils.translation import gettext as _

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import format_jalali
from tashil.core.persian import to_persian_digits
from tashil.notifications.models import NotificationKind
from tashil.notifications.reminders import SettingsByCounty, Today, remind_once

from .choices import MeetingStatus
from .models import Resolution

OVERDUE_CATCH_UP_DAYS = 30


def responsible(resolution):
    """Who must act: the agency's officers, and the unit's representatives when the producer must act."""
    from tashil.obstacles.notify import agency_officers, unit_representatives

    people = list(agency_officers(resolution.agency)) if resolution.agency_id else []
    if resolution.producer_must_act and resolution.unit_id:
        people += list(unit_representatives(resolution.unit))
    return people


def on_record():
    """Open resolutions of approved minutes (a draft's resolutions bind no one yet)."""
    return Resolution.objects.open().filter(meeting__status=MeetingStatus.APPROVED)


def remind_resolutions(day=None):
    now, settings_by_county = Today(day), SettingsByCounty()
    if not now.is_working_day:
        return 0
    resolutions = (
        on_record()
        .filter(deadline__gte=now.day, deadline__lte=now.horizon(settings_by_county.widest_days_before()))
        .exclude(county_id__in=settings_by_county.counties_off("resolutions"))
        .select_related("agency", "unit", "meeting")
    )
    sent = 0
    for resolution in resolutions:
        stage = now.stage(resolution.deadline, settings_by_county[resolution.county_id].days_before)
        if stage is None:
            continue
        left = now.calendar.working_days_between(now.day, resolution.deadline)
        title = (
            _("امروز مهلت اجرای مصوبه است: %(resolution)s")
            if stage == "due"
            else _("%(days)s روز کاری تا مهلت اجرای مصوبه: %(resolution)s")
        ) % {"resolution": resolution, "days": to_persian_digits(left)}
        sent += remind_once(
            f"resolution:{resolution.pk}:{stage}:{resolution.deadline.isoformat()}",
            responsible(resolution),
            NotificationKind.REMINDER,
            title,
            _("%(text)s — مهلت اجرا %(deadline)s.")
            % {"text": resolution.text[:300], "deadline": format_jalali(resolution.deadline)},
            resolution.get_absolute_url(),
        )
    return sent


def notify_overdue_resolutions(day=None):
    """The overdue notice for a resolution past its deadline, to who must act and to the secretariat; once.
    Deadlines passed more than OVERDUE_CATCH_UP_DAYS ago are left alone, so the first run after an upgrade does
    not send a notice for every resolution ever missed."""
    from tashil.obstacles.notify import secretariat_at

    now = Today(day)
    sent = 0
    earliest = now.day - datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS)
    overdue = on_record().overdue(now.day).filter(deadline__gte=earliest)
    for resolution in overdue.select_related("agency", "unit", "county"):
        people = responsible(resolution) + list(secretariat_at(ScopeLevel.COUNTY, resolution.county))
        sent += remind_once(
            f"resolution:{resolution.pk}:overdue:{resolution.deadline.isoformat()}",
            people,
            NotificationKind.OVERDUE,
            _("مهلت اجرای مصوبه گذشت: %(resolution)s") % {"resolution": resolution},
            _("%(text)s — مهلت اجرا %(deadline)s بود.")
            % {"text": resolution.text[:300], "deadline": format_jalali(resolution.deadline)},
            resolution.get_absolute_url(),
        )
    return sent
