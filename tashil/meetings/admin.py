from django.contrib import admin

from tashil.core.admins import EventAdmin

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


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


class ResolutionInline(admin.TabularInline):
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


admin.site.register(AgendaItem)
admin.site.register(VisitFinding)
admin.site.register(DeskRequest)
admin.site.register(MinutesAmendment)
