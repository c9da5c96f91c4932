import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Role
from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet
from tashil.core.persian import normalize

from .models import AccessEvent, Membership, User


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
