"""Forms of the obstacles capability; the rules themselves live in the models' methods."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tashil.core import scope
from tashil.core.choices import Role, ScopeLevel
from tashil.core.forms import AutocompleteSelect, PersianIntegerField, TashilForm, TashilModelForm
from tashil.core.forms.base import EMPTY_CHOICE
from tashil.geo.models import Province
from tashil.orgs.models import Agency
from tashil.units.forms import PersonChoiceField

from . import services
from .choices import FailureParty, Outcome, Rating, ReferralStatus, Source
from .models import Obstacle, ObstacleDomain, ObstacleGroup, Referral, SystemicIssue

ALLOWED_EXTENSIONS = {
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".webp",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".txt",
}
# The first bytes each type must start with; a file that claims one type and holds another is refused.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}


def grouped_choices(queryset):
    """Obstacle groups under their domain headings, for a select with optgroups."""
    choices, current, items = [("", EMPTY_CHOICE)], None, []
    for group in queryset.select_related("domain").order_by("domain__order", "order", "name"):
        if group.domain != current:
            if items:
                choices.append((str(current), items))
            current, items = group.domain, []
        items.append((group.pk, group.name))
    if items:
        choices.append((str(current), items))
    return choices


def validate_upload(upload):
    """Type and size limits for attachments, with Persian messages that name the file."""
    import os

    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(
            _("نوع فایل «%(name)s» پذیرفته نیست؛ PDF، تصویر، Word، Excel یا متن بفرستید."), params={"name": upload.name}
        )
    limit = settings.TASHIL_ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise forms.ValidationError(
            _("فایل «%(name)s» بزرگ‌تر از %(limit)s مگابایت است."),
            params={"name": upload.name, "limit": settings.TASHIL_ATTACHMENT_MAX_MB},
        )
    signatures = SIGNATURES.get(extension)
    if signatures:
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(signatures):
            raise forms.ValidationError(_("محتوای فایل «%(name)s» با پسوند آن جور نیست."), params={"name": upload.name})
    return upload


class ObstacleForm(TashilModelForm):
    class Meta:
        model = Obstacle
        fields = (
            "unit",
            "group",
            "title",
            "description",
            "source",
            "severity",
            "jobs_at_risk",
            "amount",
            "capacity_blocked",
            "reported_date",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = ObstacleGroup.objects.filter(is_active=True)
        if self.instance.pk:
            groups = ObstacleGroup.objects.filter(pk=self.instance.group_id) | groups
        self.fields["group"].queryset = groups
        self.fields["group"].choices = grouped_choices(groups)
        if self.user is not None and services.representative_only(self.user):
            self.fields["source"].choices = [(Source.UNIT_REQUEST, Source.UNIT_REQUEST.label)]
            self.fields["source"].initial = Source.UNIT_REQUEST

    def save(self, commit=True):
        """Through the obstacles' event (``services.save_obstacle``): the county's figures are told."""
        obstacle = super().save(commit=False)
        if obstacle.pk is None and self.user is not None:
            obstacle.reported_by = self.user
        if commit:
            services.save_obstacle(obstacle, user=self.user)
        return obstacle


class BulkReferForm(TashilForm):
    """Refer the obstacles chosen on the list to one agency (issue 26 §4): each gets a referral, as from its
    page; an obstacle the agency does not serve is named on the confirmation page and nothing is referred."""

    agency = forms.ModelChoiceField(
        label=_("دستگاه"),
        queryset=Agency.objects.filter(is_active=True),
        widget=AutocompleteSelect("orgs.agency"),
    )
    days = PersianIntegerField(
        label=_("مهلت پاسخ (روز کاری)"),
        required=False,
        min_value=1,
        max_value=120,
        grouped=False,
        help_text=_("خالی: مهلت گروه هر مانع."),
    )
    note = forms.CharField(
        label=_("توضیح برای دستگاه"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferForm(TashilForm):
    agencies = forms.ModelMultipleChoiceField(
        label=_("دستگاه‌ها"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    days = PersianIntegerField(
        label=_("مهلت پاسخ (روز کاری)"), required=False, min_value=1, max_value=120, grouped=False
    )
    note = forms.CharField(
        label=_("توضیح برای دستگاه"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, obstacle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.obstacle = obstacle
        agencies = Agency.objects.serving(obstacle.county).filter(is_active=True).order_by("type", "name")
        field = self.fields["agencies"]
        field.queryset = agencies
        # Grouped by level, the county's own agencies first.
        field.choices = [
            (label, [(a.pk, str(a)) for a in agencies if a.level == level])
            for level, label in (
                (ScopeLevel.COUNTY, _("دستگاه‌های شهرستان")),
                (ScopeLevel.PROVINCE, _("دستگاه‌های استان")),
                (ScopeLevel.NATION, _("دستگاه‌های ملی")),
            )
        ]
        field.widget.attrs["class"] = "checkbox-columns"
        self.fields["days"].help_text = _("خالی یعنی %(days)s روز کاری (مهلت گروه «%(group)s»).") % {
            "days": obstacle.group.effective_due_days,
            "group": obstacle.group,
        }
        if not self.is_bound:
            suggested = agencies.filter(type=obstacle.group.default_agency_type, county=obstacle.county)
            self.fields["agencies"].initial = list(suggested.values_list("pk", flat=True)[:1])


class CloseForm(TashilForm):
    outcome = forms.ChoiceField(label=_("نتیجه"), choices=Outcome.choices, widget=forms.RadioSelect)
    failure_party = forms.ChoiceField(
        label=_("مسئول ناکامی"),
        choices=[("", _("— (رفع شد یا نامشخص)")), *FailureParty.choices],
        required=False,
        help_text=_("برای مانع رفع‌نشدنی لازم است."),
    )
    note = forms.CharField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EscalateForm(TashilForm):
    note = forms.CharField(
        label=_("دلیل تشدید"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(TashilForm):
    text = forms.CharField(
        label=_("یادداشت"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": _("یادداشت یا پیگیری تازه‌ای بنویسید، یا فایلی پیوست کنید…")}
        ),
    )
    file = forms.FileField(label=_("پیوست"), required=False, validators=[validate_upload])
    internal = forms.BooleanField(label=_("داخلی (نماینده واحد نبیند)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and services.representative_only(self.user):
            del self.fields["internal"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("file") and not self.errors:
            raise forms.ValidationError(_("یادداشتی بنویسید یا فایلی پیوست کنید."))
        return cleaned


class RespondForm(TashilForm):
    status = forms.ChoiceField(label=_("پاسخ"), choices=(), widget=forms.RadioSelect)
    response = forms.CharField(label=_("شرح اقدام یا دلیل"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, referral=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = Referral.ALLOWED_RESPONSES.get(referral.status, ()) if referral else ReferralStatus.values
        self.fields["status"].choices = [(s, ReferralStatus(s).label) for s in allowed]


class RequestDocumentsForm(TashilForm):
    request = forms.CharField(
        label=_("مدارک یا اطلاعات خواسته‌شده"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("تا پاسخ تولیدکننده، مهلت دستگاه متوقف می‌ماند و روزهای انتظار به حساب دستگاه نمی‌آید."),
    )


class SupplyDocumentsForm(TashilForm):
    reply = forms.CharField(
        label=_("پاسخ شما"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("بنویسید چه مدارکی فرستادید (یا پیوست کردید) یا پاسخ شما به درخواست دستگاه چیست."),
    )


class SystemicIssueForm(TashilModelForm):
    obstacles = forms.ModelMultipleChoiceField(
        label=_("موانع"), queryset=Obstacle.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SystemicIssue
        fields = ("title", "group", "level", "county", "province", "proposal")
        widgets = {"proposal": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].required = False
        self.fields["province"].required = False
        self.fields["province"].help_text = _("برای موضوعی که از سطح استان طرح می‌شود.")
        if self.user is not None:
            self.offer_own_places()
        group = self.data.get("group") or self.initial.get("group") or self.instance.group_id
        candidates = Obstacle.objects.none()
        if self.user is not None:
            candidates = Obstacle.objects.for_user(self.user, "close").open().filter(systemic_issue__isnull=True)
            if group:
                candidates = candidates.filter(group_id=group)
        self.fields["obstacles"].queryset = candidates.select_related("unit")[:500] if not self.is_bound else candidates
        self.fields["obstacles"].label_from_instance = lambda o: f"{o.title} — {o.unit}"

    def offer_own_places(self):
        """Only the provinces of the user's counties, and on a new issue the user's own county or province
        already chosen: a county secretariat raises issues from its county, not from any of 31 provinces."""
        counties = self.fields["county"].queryset
        self.fields["province"].queryset = Province.objects.filter(pk__in=counties.values("province_id"))
        if self.instance.pk or self.is_bound:
            return
        for name in ("county", "province"):
            only = list(self.fields[name].queryset[:2])
            if len(only) == 1 and self.initial.get(name) is None:
                self.initial[name] = only[0].pk

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("county") and not cleaned.get("province"):
            raise forms.ValidationError(_("شهرستان یا استان طرح‌کننده را برگزینید."))
        if cleaned.get("county"):
            cleaned["province"] = cleaned["county"].province
            self.instance.province = cleaned["province"]
        return cleaned

    def save(self, commit=True):
        """Through ``services.raise_issue``: the chosen obstacles bundled, a new issue announced."""
        issue = super().save(commit=False)
        if commit:
            services.raise_issue(issue, self.cleaned_data.get("obstacles") or (), user=self.user)
        return issue


class SystemicStatusForm(TashilForm):
    status = forms.ChoiceField(label=_("وضعیت تازه"), choices=())
    note = forms.CharField(label=_("شرح"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, issue=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .choices import ObstacleStatus

        allowed = SystemicIssue.TRANSITIONS.get(issue.status, ()) if issue else ()
        self.fields["status"].choices = [(s, ObstacleStatus(s).label) for s in allowed]


class ObstacleDomainForm(TashilModelForm):
    class Meta:
        model = ObstacleDomain
        fields = ("code", "name", "order", "description", "is_active")


class ObstacleGroupForm(TashilModelForm):
    class Meta:
        model = ObstacleGroup
        fields = (
            "domain",
            "code",
            "name",
            "wbes_category",
            "default_agency_type",
            "due_days",
            "order",
            "description",
            "is_active",
        )


class AssignForm(TashilForm):
    """The referral's assignee: only the active officers of the referral's agency are offered."""

    assignee = PersonChoiceField(
        label=_("مسئول رسیدگی در دستگاه"),
        queryset=None,
        required=False,
        empty_label=_("— هیچ‌کس —"),
        error_messages={"invalid_choice": _("این شخص کارشناس این دستگاه نیست؛ از فهرست برگزینید.")},
    )

    def __init__(self, *args, referral=None, **kwargs):
        from .notify import agency_officers

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = agency_officers(referral.agency).order_by("last_name", "first_name", "pk")
        self.fields["assignee"].initial = referral.assignee_id


class BulkAssignForm(TashilForm):
    """Give the referrals chosen in the agency's inbox to one of its officers (issue 26 §4): only the active
    officers of the signed-in officer's agencies are offered; each referral is assigned as from its own page."""

    assignee = PersonChoiceField(
        label=_("کارشناس مسئول رسیدگی"),
        queryset=None,
        error_messages={"invalid_choice": _("این شخص کارشناس دستگاه شما نیست؛ از فهرست برگزینید.")},
    )

    def __init__(self, *args, **kwargs):
        from .notify import active_members

        super().__init__(*args, **kwargs)
        agencies = [m.agency_id for m in scope.memberships(self.user) if m.role == Role.AGENCY_OFFICER and m.agency_id]
        officers = active_members(role=Role.AGENCY_OFFICER, agency_id__in=agencies)
        self.fields["assignee"].queryset = officers.order_by("last_name", "first_name", "pk")


RATING_CHOICES = [("", _("— امتیاز دهید —")), *Rating.choices]


def rating_field(label):
    """A 1–5 rating; left empty, the service refuses it with a message naming what to rate."""
    return forms.TypedChoiceField(label=label, choices=RATING_CHOICES, coerce=int, empty_value=None, required=False)


class ConfirmForm(TashilForm):
    """The producer confirms an agency's «done» and rates it."""

    outcome_rating = rating_field(_("نتیجه کار چقدر مشکل را برطرف کرد؟"))
    conduct_rating = rating_field(_("رفتار و پاسخ‌گویی دستگاه"))
    note = forms.CharField(label=_("توضیح (اختیاری)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(TashilForm):
    """The producer reopens: why the agency's «done» did not remove the obstacle, and the ratings."""

    reason = forms.CharField(
        label=_("چرا مانع برطرف نشده است؟"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome_rating = rating_field(_("نتیجه کار چقدر مشکل را برطرف کرد؟"))
    conduct_rating = rating_field(_("رفتار و پاسخ‌گویی دستگاه"))
