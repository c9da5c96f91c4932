import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Role
from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet
from tashil.core.persian import normalize

from .models import AccessEvent, Invitation, InvitationStatus, Membership, RegistrationRequest, User


class UserFilterSet(TashilFilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role", label=_("نقش"))

    class Meta:
        model = User
        fields = ("role", "is_active")

    def search(self, queryset, name, value):
        text = normalize(value)
        return queryset.filter(
            Q(username__icontains=text)
            | Q(first_name__icontains=value.strip())
            | Q(last_name__icontains=value.strip())
            | Q(email__icontains=text)
        )

    def filter_role(self, queryset, name, value):
        return queryset.filter(pk__in=Membership.objects.filter(role=value, is_active=True).values("user_id"))


class AccessEventFilterSet(TashilFilterSet):
    search_fields = ("username", "detail", "address")
    username = django_filters.CharFilter(label=_("نام کاربری"))
    after = JalaliDateFilter(field_name="created__date", lookup_expr="gte", label=_("از تاریخ"))
    before = JalaliDateFilter(field_name="created__date", lookup_expr="lte", label=_("تا تاریخ"))

    class Meta:
        model = AccessEvent
        fields = ("kind", "username", "after", "before")


class InvitationFilterSet(TashilFilterSet):
    search_fields = ("first_name", "last_name", "email", "mobile", "national_code")
    state = django_filters.ChoiceFilter(choices=InvitationStatus.choices, method="filter_state", label=_("وضعیت"))

    class Meta:
        model = Invitation
        fields = ("state", "role")

    def filter_state(self, queryset, name, value):
        """Expired is a pending invitation past its date (never stored), so pending means "still open"."""
        now = timezone.now()
        if value == InvitationStatus.EXPIRED:
            return queryset.filter(status=InvitationStatus.PENDING, expires__lte=now)
        if value == InvitationStatus.PENDING:
            return queryset.filter(status=InvitationStatus.PENDING, expires__gt=now)
        return queryset.filter(status=value)


class RegistrationRequestFilterSet(TashilFilterSet):
    search_fields = ("first_name", "last_name", "national_code", "mobile", "unit_national_id")

    class Meta:
        model = RegistrationRequest
        fields = ("status",)
