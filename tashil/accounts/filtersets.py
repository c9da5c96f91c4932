import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashil.core.choices import Role
from tashil.core.filtersets import TashilFilterSet
from tashil.core.persian import normalize

from .models import Membership, User


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
