import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import ScopeLevel
from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet
from tashil.core.forms import DropdownCheckboxes
from tashil.geo.models import IndustrialZone
from tashil.orgs.models import Agency
from tashil.units.filtersets import PlaceFilterMixin
from tashil.units.models import IndustrialUnit

from .choices import ObstacleStatus, ReferralStatus, ReviewState, Severity, Source
from .models import (
    Obstacle,
    ObstacleDomain,
    ObstacleGroup,
    ProducerReview,
    Referral,
    SystemicIssue,
    first_response_late_q,
    first_response_on_time_q,
    open_referral_q,
    overdue_q,
    overdue_referral_q,
    settled_late_q,
    settled_on_time_q,
    waited_q,
)

YES_NO = (("true", _("بله")), ("false", _("خیر")))


class ObstacleFilterSet(PlaceFilterMixin, TashilFilterSet):
    domain = django_filters.ModelChoiceFilter(
        field_name="group__domain", queryset=ObstacleDomain.objects.all(), label=_("حوزه")
    )
    group = django_filters.ModelChoiceFilter(queryset=ObstacleGroup.objects.all(), label=_("گروه"))
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), method="filter_agency", label=_("دستگاه ارجاع")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ObstacleStatus.choices, label=_("وضعیت"), widget=DropdownCheckboxes
    )
    state = django_filters.ChoiceFilter(
        choices=(("open", _("باز")), ("closed", _("بسته"))),
        method="filter_state",
        label=_("باز / بسته"),
        empty_label=_("همه"),
    )
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, label=_("شدت"), widget=DropdownCheckboxes)
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label=_("گذشته از مهلت"), empty_label=_("همه")
    )
    escalated = django_filters.ChoiceFilter(
        choices=(("province", _("به استان")), ("nation", _("به کشور")), ("any", _("هر سطح"))),
        method="filter_escalated",
        label=_("تشدیدشده"),
        empty_label=_("همه"),
    )
    zone = django_filters.ModelChoiceFilter(
        field_name="unit__zone", queryset=IndustrialZone.objects.all(), label=_("شهرک یا ناحیه")
    )
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("منبع"))
    reported_after = JalaliDateFilter(field_name="reported_date", lookup_expr="gte", label=_("طرح‌شده از"))
    reported_before = JalaliDateFilter(field_name="reported_date", lookup_expr="lte", label=_("طرح‌شده تا"))

    class Meta:
        model = Obstacle
        fields = ()

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_agency(self, queryset, name, value: int):
        return queryset.filter(pk__in=Referral.objects.filter(agency=value).values("obstacle_id"))

    def filter_state(self, queryset, name, value):
        return queryset.open() if value == "open" else queryset.closed()

    def filter_promptness(self, queryset, name, value):
        """The scorecard's figures, each the list of its rows (reports/scorecard.py counts by the same filters)."""
        filters = {
            "on_time": settled_on_time_q,
            "late": settled_late_q,
            "first_on_time": first_response_on_time_q,
            "first_late": first_response_late_q,
            "answered": lambda: Q(first_response_date__isnull=False),
            "waited": waited_q,
        }
        return queryset.filter(filters[value]()) if value in filters else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q()) if value == "true" else queryset.exclude(overdue_q())

    def filter_escalated(self, queryset, name, value):
        if value == "any":
            return queryset.exclude(escalation_level=ScopeLevel.COUNTY)
        return queryset.filter(escalation_level=value)


class ReferralFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "obstacle__county"
    WAITING = "waiting"
    state = django_filters.ChoiceFilter(
        choices=((WAITING, _("در انتظار پاسخ")), ("settled", _("پاسخ‌گرفته یا بسته"))),
        method="filter_state",
        label=_("پیگیری"),
        empty_label=_("همه"),
    )
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("دستگاه"))
    status = django_filters.MultipleChoiceFilter(
        choices=ReferralStatus.choices, label=_("وضعیت"), widget=DropdownCheckboxes
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label=_("گذشته از مهلت"), empty_label=_("همه")
    )
    due_before = JalaliDateFilter(field_name="due_date", lookup_expr="lte", label=_("مهلت تا"))
    promptness = django_filters.ChoiceFilter(
        choices=(
            ("on_time", _("انجام یا رد در مهلت")),
            ("late", _("انجام یا رد پس از مهلت، یا تشدید")),
            ("first_on_time", _("نخستین پاسخ در موعد")),
            ("first_late", _("نخستین پاسخ دیر یا هنوز نه")),
            ("answered", _("پاسخ‌گرفته")),
            ("waited", _("منتظر تولیدکننده مانده")),
        ),
        method="filter_promptness",
        label=_("به‌موقع بودن"),
        empty_label=_("همه"),
    )

    class Meta:
        model = Referral
        fields = ()

    def search(self, queryset, name, value):
        from tashil.core.persian import search_key

        key = search_key(value)
        return queryset.filter(obstacle__search_text__contains=key) if key else queryset

    def filter_state(self, queryset, name, value):
        """Waiting: not yet answered, on an obstacle still open (what the inbox lists); settled: the rest."""
        return queryset.filter(open_referral_q()) if value == self.WAITING else queryset.exclude(open_referral_q())

    def filter_promptness(self, queryset, name, value):
        """The scorecard's figures, each the list of its rows (reports/scorecard.py counts by the same filters)."""
        filters = {
            "on_time": settled_on_time_q,
            "late": settled_late_q,
            "first_on_time": first_response_on_time_q,
            "first_late": first_response_late_q,
            "answered": lambda: Q(first_response_date__isnull=False),
            "waited": waited_q,
        }
        return queryset.filter(filters[value]()) if value in filters else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_referral_q()) if value == "true" else queryset.exclude(overdue_referral_q())


class ProducerReviewFilterSet(PlaceFilterMixin, TashilFilterSet):
    """The producers' reviews; the scorecard's reopen and rating figures link here by agency."""

    county_path = "referral__obstacle__county"
    state = django_filters.MultipleChoiceFilter(
        choices=ReviewState.choices, label=_("وضعیت"), widget=DropdownCheckboxes
    )
    agency = django_filters.ModelChoiceFilter(
        field_name="referral__agency", queryset=Agency.objects.all(), label=_("دستگاه")
    )
    requested_after = JalaliDateFilter(field_name="requested_date", lookup_expr="gte", label=_("درخواست از"))

    class Meta:
        model = ProducerReview
        fields = ()

    def search(self, queryset, name, value):
        from tashil.core.persian import search_key

        key = search_key(value)
        return queryset.filter(referral__obstacle__search_text__contains=key) if key else queryset


class SystemicIssueFilterSet(TashilFilterSet):
    class Meta:
        model = SystemicIssue
        fields = ("status", "level", "group", "province")


class ObstacleDomainFilterSet(TashilFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = ObstacleDomain
        fields = ("is_active",)


class ObstacleGroupFilterSet(TashilFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = ObstacleGroup
        fields = ("domain", "wbes_category", "default_agency_type", "is_active")
