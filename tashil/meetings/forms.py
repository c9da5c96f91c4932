"""Forms of meetings and resolutions; each action's rule lives in the model method it calls."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.forms import PersianIntegerField, TashilForm, TashilModelForm, style_form
from tashil.core.workdays import WorkCalendar
from tashil.obstacles.forms import grouped_choices, validate_upload
from tashil.obstacles.models import Obstacle, ObstacleGroup

from .choices import InvitationAnswer
from .models import (
    AgendaItem,
    Attendance,
    DeskRequest,
    Meeting,
    MeetingSeries,
    Resolution,
    VisitFinding,
    check_meeting_day,
    check_same_county,
)


class MeetingSeriesForm(TashilModelForm):
    class Meta:
        model = MeetingSeries
        fields = (
            "county",
            "kind",
            "title",
            "weekday",
            "start_time",
            "end_time",
            "default_place",
            "is_active",
            "quorum_needs_chair",
            "quorum_percent",
        )


class MeetingForm(TashilModelForm):
    class Meta:
        model = Meeting
        fields = (
            "series",
            "date",
            "start_time",
            "end_time",
            "place",
            "site_unit",
            "chair_name",
            "chair_position",
            "secretary",
            "notes",
        )
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    off_day_confirmed = forms.BooleanField(
        label=_("برگزاری جلسه در روز تعطیل را تأیید می‌کنم"),
        required=False,
        help_text=_("تنها وقتی لازم است که تاریخ جلسه جمعه یا تعطیل رسمی باشد."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["series"].disabled = True
        self.fields["site_unit"].required = False

    def clean(self):
        """A meeting on the weekend or an official holiday is held back until the secretariat ticks the
        confirmation (the rule: meetings.models.check_meeting_day, which the API applies too)."""
        cleaned = super().clean()
        day = cleaned.get("date")
        changed = self.instance.pk is None or "date" in self.changed_data
        try:
            check_meeting_day(
                day if changed else None,
                confirmed=cleaned.get("off_day_confirmed"),
                how=_("«%(confirm)s» را بزنید") % {"confirm": self.fields["off_day_confirmed"].label},
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def save(self, commit=True):
        """Through ``services.save_meeting``: the county's figures count the meeting."""
        meeting = super().save(commit=False)
        if commit:
            from . import services

            services.save_meeting(meeting, user=self.user)
        return meeting


class MeetingChildForm(TashilModelForm):
    """A form of something that belongs to a meeting: the meeting's place decides what it may name."""

    def chosen_meeting(self):
        """The meeting being filled in (posted, from ?meeting= or the row's), if the user may see it."""
        chosen = self.data.get("meeting") or self.initial.get("meeting") or self.instance.meeting_id
        try:
            return self.fields["meeting"].queryset.select_related("county").filter(pk=int(chosen)).first()
        except (TypeError, ValueError):
            return None


class AgendaItemForm(MeetingChildForm):
    class Meta:
        model = AgendaItem
        fields = ("meeting", "order", "unit", "title", "obstacles", "discussion", "status")
        widgets = {"discussion": forms.Textarea(attrs={"rows": 4}), "obstacles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.data.get("unit") or self.initial.get("unit") or self.instance.unit_id
        obstacles = self.fields["obstacles"].queryset
        self.fields["obstacles"].queryset = obstacles.filter(unit_id=unit) if unit else obstacles.none()
        self.fields["obstacles"].help_text = _(
            "موانع واحد انتخاب‌شده (برای دیدن موانع، نخست واحد را برگزینید و ذخیره کنید)."
        )
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.exclude(status="approved")
        meeting = self.chosen_meeting()
        if meeting is not None:  # only the meeting's county's units are offered (and accepted, see clean)
            self.fields["unit"].queryset = self.fields["unit"].queryset.filter(county_id=meeting.county_id)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("meeting") and cleaned.get("obstacles"):
            check_same_county(cleaned["meeting"], obstacles=cleaned["obstacles"])
        return cleaned


class AgendaObstacleForm(TashilForm):
    """Put an obstacle on the agenda in one step: the item takes its unit and title."""

    obstacle = forms.ModelChoiceField(label=_("مانع"), queryset=Obstacle.objects.none())

    def __init__(self, *args, meeting=None, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        from tashil.core.forms import AutocompleteSelect

        self.fields["obstacle"].queryset = (
            Obstacle.objects.for_user(self.user).open() if self.user else Obstacle.objects.none()
        )
        self.fields["obstacle"].widget = AutocompleteSelect("obstacles.obstacle")
        self.fields["obstacle"].widget.choices = self.fields["obstacle"].choices
        style_form(self)

    def clean_obstacle(self):
        obstacle = self.cleaned_data["obstacle"]
        if self.meeting is not None:
            try:
                check_same_county(self.meeting, obstacle=obstacle)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return obstacle


class ItemObstacleForm(TashilForm):
    """An obstacle opened from an agenda item: its group, and its text (the first line is its title)."""

    group = forms.ModelChoiceField(label=_("گروه مانع"), queryset=ObstacleGroup.objects.filter(is_active=True))
    text = forms.CharField(
        label=_("شرح مانع"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("سطر نخست عنوان مانع می‌شود."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = grouped_choices(self.fields["group"].queryset)


class AgendaObstacleUpdateForm(TashilForm):
    """From an agenda item, add what the meeting decided about one of its obstacles to that obstacle's timeline."""

    obstacle = forms.ModelChoiceField(label=_("مانع"), queryset=Obstacle.objects.none())
    text = forms.CharField(label=_("به‌روزرسانی"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        obstacles = scope.restrict(item.obstacles.all(), self.user) if item else Obstacle.objects.none()
        self.fields["obstacle"].queryset = obstacles


class AttendanceForm(MeetingChildForm):
    class Meta:
        model = Attendance
        fields = (
            "meeting",
            "agency",
            "unit",
            "person_name",
            "position",
            "is_chair",
            "email",
            "mobile",
            "status",
            "represented_by",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.chosen_meeting()
        if meeting is not None:
            from tashil.orgs.models import Agency

            self.fields["agency"].queryset = Agency.objects.serving(meeting.county)
            self.fields["unit"].queryset = self.fields["unit"].queryset.filter(county_id=meeting.county_id)


class AttendanceMarkForm(forms.ModelForm):
    """One row of the attendance sheet: who attended for the agency, in what post, and whether present."""

    class Meta:
        model = Attendance
        fields = ("person_name", "position", "status", "represented_by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
        self.fields["person_name"].widget.attrs["placeholder"] = _("نام شرکت‌کننده")
        self.fields["position"].widget.attrs["placeholder"] = _("سمت")
        self.fields["represented_by"].widget.attrs["placeholder"] = _("نام نماینده")


AttendanceMarkFormSet = modelformset_factory(Attendance, form=AttendanceMarkForm, extra=0)


class ResolutionForm(TashilModelForm):
    deadline_days = PersianIntegerField(
        label=_("یا مهلت به روز کاری"),
        required=False,
        min_value=1,
        max_value=250,
        grouped=False,
        help_text=_("اگر تاریخ مهلت را ننویسید، از روز جلسه این شمار روز کاری حساب می‌شود."),
    )

    class Meta:
        model = Resolution
        fields = ("meeting", "text", "unit", "obstacle", "agency", "producer_must_act", "deadline", "deadline_days")
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].required = False
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.exclude(status__in=("approved", "cancelled"))
        self.order_fields(
            ["meeting", "text", "unit", "obstacle", "agency", "producer_must_act", "deadline", "deadline_days"]
        )

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        if not cleaned.get("deadline"):
            days = cleaned.get("deadline_days")
            if not days:
                self.add_error("deadline", _("مهلت اجرا را به تاریخ یا به روز کاری بنویسید."))
            elif meeting:
                cleaned["deadline"] = WorkCalendar.load().add_working_days(meeting.date, days)
                self.instance.deadline = cleaned["deadline"]
        return cleaned

    def save(self, commit=True):
        """Through ``services.save_resolution``: a resolution on an obstacle refers it to the agency."""
        resolution = super().save(commit=False)
        if commit:
            from . import services

            services.save_resolution(resolution, user=self.user)
        return resolution


class VisitFindingForm(TashilModelForm):
    class Meta:
        model = VisitFinding
        fields = ("meeting", "unit", "finding", "group", "photo")
        widgets = {"finding": forms.Textarea(attrs={"rows": 3})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "size"):
            validate_upload(photo)
        return photo


class DeskRequestForm(TashilModelForm):
    """Fast entry at a service desk: the form resets after each request."""

    class Meta:
        model = DeskRequest
        fields = ("unit", "agency", "group", "request")
        widgets = {"request": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting is not None:
            self.offer_the_places_agencies(meeting.county)
        from tashil.obstacles.forms import grouped_choices
        from tashil.obstacles.models import ObstacleGroup

        groups = ObstacleGroup.objects.filter(is_active=True)
        self.fields["group"].queryset = groups
        self.fields["group"].choices = grouped_choices(groups)

    def offer_the_places_agencies(self, county):
        """The county's and its province's agencies, under their type: people come to the desk about a local
        office (the tax office, the power company), not a ministry, and look for it by what it does."""
        from tashil.core.choices import ScopeLevel
        from tashil.core.forms.base import EMPTY_CHOICE
        from tashil.orgs.models import Agency

        agencies = Agency.objects.serving(county).filter(is_active=True).exclude(level=ScopeLevel.NATION)
        self.fields["agency"].queryset = agencies
        choices, heading, items = [("", EMPTY_CHOICE)], None, []
        for agency in agencies.order_by("type", "level", "name"):
            if agency.get_type_display() != heading:
                if items:
                    choices.append((heading, items))
                heading, items = agency.get_type_display(), []
            items.append((agency.pk, agency.name))
        if items:
            choices.append((heading, items))
        self.fields["agency"].choices = choices


class ReasonForm(TashilForm):
    reason = forms.CharField(label=_("دلیل"), widget=forms.Textarea(attrs={"rows": 2}))


class AmendmentForm(TashilForm):
    text = forms.CharField(label=_("متن اصلاحیه"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("دلیل اصلاحیه"), max_length=300)


class ProgressForm(TashilForm):
    note = forms.CharField(label=_("گزارش پیشرفت"), widget=forms.Textarea(attrs={"rows": 2}))


class ExecutionForm(TashilForm):
    evidence = forms.CharField(label=_("شرح اقدام انجام‌شده"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence_file = forms.FileField(
        label=_("پیوست مستندات (نامه، صورتجلسه، عکس)"), required=False, validators=[validate_upload]
    )


class NotExecutedForm(TashilForm):
    failure_party = forms.ChoiceField(
        label=_("اجرانشدن بر عهده"),
        choices=[
            ("", "—"),
            ("agency", _("دستگاه اجرایی")),
            ("producer", _("تولیدکننده")),
            ("external", _("عوامل بیرونی")),
        ],
    )
    note = forms.CharField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(TashilForm):
    note = forms.CharField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CalendarForm(TashilForm):
    year = PersianIntegerField(min_value=1380, max_value=1450, grouped=False)
    month = forms.IntegerField(min_value=1, max_value=12)


class CancelForm(TashilForm):
    reason = forms.CharField(label=_("دلیل لغو"), max_length=300)


class InvitationAnswerForm(forms.Form):
    """The invitee's answer on the signed link's page: attend, send a representative (name and post), or not."""

    answer = forms.ChoiceField(label=_("پاسخ شما"), choices=InvitationAnswer.choices, widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("نام و نام خانوادگی"),
        max_length=150,
        required=False,
        help_text=_("برای معرفی نماینده: نام نماینده؛ برای حضور: نام شرکت‌کننده (اختیاری)."),
    )
    position = forms.CharField(label=_("سمت"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
