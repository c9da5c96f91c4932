import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet
from tashil.core.forms import DropdownCheckboxes
from tashil.orgs.models import Agency
from tashil.units.filtersets import PlaceFilterMixin
from tashil.units.models import IndustrialUnit

from .choices import AttendanceStatus, MeetingKind, MeetingStatus, ResolutionStatus
from .models import Attendance, Meeting, MeetingSeries, Resolution, open_resolution_q, overdue_resolution_q

YES_NO = (("true", _("بله")), ("false", _("خیر")))


class MeetingSeriesFilterSet(PlaceFilterMixin, TashilFilterSet):
    search_fields = ("title",)

    class Meta:
        model = MeetingSeries
        fields = ("province", "county", "kind", "is_active")


class MeetingFilterSet(PlaceFilterMixin, TashilFilterSet):
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("نوع"))
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label=_("وضعیت"))
    after = JalaliDateFilter(field_name="date", lookup_expr="gte", label=_("از تاریخ"))
    before = JalaliDateFilter(field_name="date", lookup_expr="lte", label=_("تا تاریخ"))
    attendee = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), method="filter_attendee", label=_("دستگاه دعوت‌شده")
    )
    attendance = django_filters.ChoiceFilter(
        choices=AttendanceStatus.choices, method="filter_attendance", label=_("حضور دستگاه"), empty_label=_("همه")
    )
    search_fields = ("place", "notes", "chair_name")

    class Meta:
        model = Meeting
        fields = ("province", "county", "kind", "status", "series", "attendee", "attendance")

    def attended(self, **lookup):
        """Meetings with an attendance row matching ``lookup`` (as a subquery: each meeting listed once)."""
        agency = self.form.cleaned_data.get("attendee")
        if agency is not None:
            lookup["agency"] = agency
        return Attendance.objects.filter(**lookup).values("meeting_id")

    def filter_attendee(self, queryset, name, value: int):
        if self.form.cleaned_data.get("attendance"):
            return queryset  # the attendance filter reads the agency with it: one row must match both
        return queryset.filter(pk__in=self.attended())

    def filter_attendance(self, queryset, name, value):
        """The meetings an agency (``attendee``) was present at, represented at or absent from: the scorecard's
        attendance figures, each the list of its meetings."""
        return queryset.filter(pk__in=self.attended(status=value))


class ResolutionFilterSet(PlaceFilterMixin, TashilFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ResolutionStatus.choices, label=_("وضعیت"), widget=DropdownCheckboxes
    )
    state = django_filters.ChoiceFilter(
        choices=(("open", _("در پیگیری")), ("closed", _("بسته"))),
        method="filter_state",
        label=_("پیگیری"),
        empty_label=_("همه"),
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label=_("گذشته از مهلت"), empty_label=_("همه")
    )
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("دستگاه مسئول"))
    meeting = django_filters.ModelChoiceFilter(queryset=Meeting.objects.all(), label=_("جلسه"))
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))
    after = JalaliDateFilter(field_name="meeting__date", lookup_expr="gte", label=_("جلسه از"))
    before = JalaliDateFilter(field_name="meeting__date", lookup_expr="lte", label=_("جلسه تا"))
    search_fields = ("search_text",)

    class Meta:
        model = Resolution
        fields = ("province", "county", "state", "overdue", "agency", "meeting", "unit", "status", "failure_party")

    def filter_state(self, queryset, name, value):
        return queryset.filter(open_resolution_q()) if value == "open" else queryset.exclude(open_resolution_q())

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_resolution_q()
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)
