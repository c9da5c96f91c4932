"""The notifications' part of the test world: a text message to an officer of each county, each county's
reminder settings, and one person's channel choice."""

from tashil.notifications.models import ChannelPreference, NotificationKind, OutgoingSMS, ReminderSettings, SMSStatus
from tashil.site.testing.world import world_builder


@world_builder
def build_notifications(w):
    w.sms_a = OutgoingSMS.objects.create(
        recipient=w.users["agency_officer"],
        county=w.county_a,
        number="09121110001",
        text="تسهیل: ارجاع تازه الف",
        kind=NotificationKind.REFERRED,
        status=SMSStatus.SENT,
        provider_id="1001",
    )
    w.sms_b = OutgoingSMS.objects.create(
        recipient=w.users["agency_officer_b"],
        county=w.county_b,
        number="09121110002",
        text="تسهیل: ارجاع تازه ب",
        kind=NotificationKind.REFERRED,
        status=SMSStatus.FAILED,
        error="شماره گیرنده را سامانه پیامک نامعتبر دانست.",
    )
    w.reminders_a = ReminderSettings.objects.create(county=w.county_a, days_before=3)
    w.reminders_b = ReminderSettings.objects.create(county=w.county_b)
    w.channels_a = ChannelPreference.objects.create(
        user=w.users["secretariat"], kind=NotificationKind.INFO, email=True, sms=False
    )
