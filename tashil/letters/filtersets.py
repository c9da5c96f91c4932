import django_filters
from django.utils.translation import gettext_lazy as _

from tashil.core.filtersets import JalaliDateFilter, TashilFilterSet, YearFilter
from tashil.orgs.models import Agency

from .choices import LetterKind, LetterStatus
from .models import IncomingLetterNote, Letter, Secretariat


class LetterFilterSet(TashilFilterSet):
    kind = django_filters.ChoiceFilter(choices=LetterKind.choices, label=_("نوع نامه"))
    status = django_filters.ChoiceFilter(choices=LetterStatus.choices, label=_("وضعیت"))
    secretariat = django_filters.ModelChoiceFilter(queryset=Secretariat.objects.all(), label=_("دبیرخانه"))
    recipient_agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), label=_("گیرنده"))
    year = YearFilter(label=_("سال"))
    after = JalaliDateFilter(field_name="date", lookup_expr="gte", label=_("از تاریخ"))
    before = JalaliDateFilter(field_name="date", lookup_expr="lte", label=_("تا تاریخ"))

    class Meta:
        model = Letter
        fields = ("kind", "status", "recipient_agency", "year", "secretariat")


class SecretariatFilterSet(TashilFilterSet):
    search_fields = ("name", "letterhead")

    class Meta:
        model = Secretariat
        fields = ("level",)


class IncomingLetterNoteFilterSet(TashilFilterSet):
    search_fields = ("number", "note")

    class Meta:
        model = IncomingLetterNote
        fields = ("referral", "resolution")
