from django.contrib import admin

from tashil.core.admins import EventAdmin, LockedAdmin, LockedInline

from . import services
from .models import (
    AgendaItem,
    Attendance,
    DeskRequest,
    Meeting,
    MeetingSeries,
    MinutesAmendment,
    Resolution,
    VisitFinding,
)


class AttendanceInline(LockedInline, admin.TabularInline):
    model = Attendance
    extra = 0


class ResolutionInline(LockedInline, admin.TabularInline):
    model = Resolution
    extra = 0
    fields = ("text", "agency", "deadline")


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "county", "kind", "weekday", "is_active")


@admin.register(Meeting)
class MeetingAdmin(EventAdmin):
    event = staticmethod(services.save_meeting)
    related = staticmethod(services.meetings_changed)  # the resolutions of the inline count in its county

    list_display = ("__str__", "date", "status")
    list_filter = ("status", "kind")
    inlines = (AttendanceInline, ResolutionInline)


@admin.register(Resolution)
class ResolutionAdmin(EventAdmin):
    event = staticmethod(services.save_resolution)

    list_display = ("__str__", "agency", "deadline", "status")
    list_filter = ("status",)
    raw_id_fields = ("meeting", "unit", "obstacle")


# Parts of the minutes: read-only once they are approved, as on the pages and the API.
admin.site.register((AgendaItem, VisitFinding, DeskRequest, MinutesAmendment), LockedAdmin)
