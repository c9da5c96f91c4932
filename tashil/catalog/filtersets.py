"""FilterSets of the public face: the staff lists, and the public directory (shared with the public API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tashil.core.display import local_name
from tashil.core.filtersets import TashilFilterSet
from tashil.core.forms import style_form
from tashil.core.persian import fold_digits
from tashil.geo.models import County, IndustrialZone, Province
from tashil.units.choices import IsicLevel
from tashil.units.filtersets import IndustrialUnitFilterSet, IsicFilter, PlaceFilterMixin
from tashil.units.models import IndustrialUnit

from . import public
from .choices import Moderation
from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput

YES_NO = (("true", _("بله")), ("false", _("خیر")))


class PublicProfileFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "unit__county"
    moderation = django_filters.ChoiceFilter(choices=Moderation.choices, label=_("وضعیت انتشار"))
    listed = django_filters.BooleanFilter(label=_("نمایش در فهرست عمومی"))

    class Meta:
        model = PublicProfile
        fields = ("province", "county", "moderation", "listed")


class CertificateFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "unit__county"
    search_fields = ("title", "issuer", "unit__name")
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))

    class Meta:
        model = Certificate
        fields = ("province", "county", "unit", "is_public")


class UnitInputFilterSet(PlaceFilterMixin, TashilFilterSet):
    county_path = "unit__county"
    unit = django_filters.ModelChoiceFilter(queryset=IndustrialUnit.objects.all(), label=_("واحد"))
    code = django_filters.CharFilter(method="filter_code", label=_("کد (آغاز)"))
    division = IsicFilter(
        IsicLevel.DIVISION,
        "code_prefix",
        # The registry's label (a staff page's filter: its words stay out of the public site's catalogue).
        label=IndustrialUnitFilterSet.base_filters["isic_division"].label,
    )

    class Meta:
        model = UnitInput
        fields = ("province", "county", "unit", "division", "code")

    def filter_code(self, queryset, name, value):
        return queryset.filter(code__startswith=fold_digits(value).strip())


class ExhibitionFilterSet(PlaceFilterMixin, TashilFilterSet):
    class Meta:
        model = Exhibition
        fields = ("province", "county", "is_public", "is_permanent")


class BoothFilterSet(TashilFilterSet):
    search_fields = ("number", "unit__name")

    class Meta:
        model = Booth
        fields = ("exhibition", "unit")


class ContactMessageFilterSet(TashilFilterSet):
    search_fields = ("subject", "sender_name", "body")
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("خوانده‌نشده"))

    class Meta:
        model = ContactMessage
        fields = ("unit", "unread")


class InvestmentInquiryFilterSet(TashilFilterSet):
    search_fields = ("name", "organisation", "project__title")

    class Meta:
        model = InvestmentInquiry
        fields = ("project", "handled")


class PublicUnitFilterSet(django_filters.FilterSet):
    """The directory's filters: no user and no scope, only the public fields (used by the page and the API)."""

    q = django_filters.CharFilter(method="search", label=_("جستجو در نام، فعالیت و محصولات"))
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), field_name="county__province", label=_("استان"), empty_label=_("همه استان‌ها")
    )
    county = django_filters.ModelChoiceFilter(
        queryset=County.objects.select_related("province"), label=_("شهرستان"), empty_label=_("همه شهرستان‌ها")
    )
    zone = django_filters.ModelChoiceFilter(
        queryset=IndustrialZone.objects.all(), label=_("شهرک یا ناحیه صنعتی"), empty_label=_("همه")
    )
    isic = django_filters.CharFilter(method="filter_isic", label=_("کد آیسیک"))
    knowledge_based = django_filters.BooleanFilter(
        label=_("فقط دانش‌بنیان"), widget=forms.CheckboxInput, method="filter_flag"
    )
    exporter = django_filters.BooleanFilter(label=_("فقط صادرکننده"), widget=forms.CheckboxInput, method="filter_flag")

    class Meta:
        model = IndustrialUnit
        fields = ()

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if self.data:
            self.data = self.places_in_order(self.data)

    @staticmethod
    def places_in_order(data):
        """A county left from the province chosen before (and a zone from the county before) is let go: the
        visitor who picks another province means all of it, not an empty list of the old county's units."""
        province, county, zone = (str(data.get(name) or "") for name in ("province", "county", "zone"))
        stale = []
        if province.isdigit() and county.isdigit() and not County.objects.filter(pk=county, province=province).exists():
            stale = ["county", "zone"]
        elif county.isdigit() and zone.isdigit() and not IndustrialZone.objects.filter(pk=zone, county=county).exists():
            stale = ["zone"]
        if not stale:
            return data
        data = data.copy()
        for name in stale:
            data[name] = ""
        return data

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            self.narrow_places(form.fields)
            style_form(form)
            form.fields["q"].widget.attrs.update(
                {"placeholder": _("مثلاً: رب گوجه، لوله پلی‌اتیلن، ۱۰۳۰"), "type": "search"}
            )
            for name in ("province", "county"):
                # Choosing a place redraws the filters too, so the next list holds only the places inside it.
                form.fields[name].widget.attrs["data-redraw"] = "1"
                form.fields[name].label_from_instance = local_name
            form._styled = True
        return form

    def narrow_places(self, fields):
        """Narrow the place choices to what was chosen above them, so a phone never shows 448 counties at once.

        On this form's own fields, not on the filters (see TashilFilterSet.narrow_choices)."""
        data = self.data or {}
        province, county = data.get("province"), data.get("county")
        if province and str(province).isdigit():
            fields["county"].queryset = County.objects.filter(province_id=province)
        if county and str(county).isdigit():
            fields["zone"].queryset = IndustrialZone.objects.filter(county_id=county, is_active=True)
        else:
            fields["zone"].queryset = IndustrialZone.objects.none()

    def search(self, queryset, name, value):
        return public.search_units(queryset, value)

    def filter_isic(self, queryset, name, value):
        return queryset.filter(isic_code__startswith=fold_digits(value).strip())

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    @property
    def qs(self):
        queryset = super().qs
        if "rank" not in queryset.query.annotations:
            queryset = public.search_units(queryset, "")
        return queryset.order_by("rank", "-knowledge_based", "-exporter", "name")


class PublicProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("نام یا کد محصول"))
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        field_name="unit__county__province",
        label=_("استان"),
        empty_label=_("همه استان‌ها"),
    )
    code = django_filters.CharFilter(method="filter_code", label=_("کد کالا یا آیسیک"))

    class Meta:
        model = public.Product
        fields = ()

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            style_form(form)
            form.fields["q"].widget.attrs.update({"placeholder": _("مثلاً: کنسرو، لوله، ۲۲۲۰"), "type": "search"})
            form.fields["province"].label_from_instance = local_name
            form._styled = True
        return form

    def search(self, queryset, name, value):
        return public.search_products(queryset, value)

    def filter_code(self, queryset, name, value):
        return queryset.filter(code__startswith=fold_digits(value).strip())

    @property
    def qs(self):
        queryset = super().qs
        if "rank" not in queryset.query.annotations:
            queryset = public.search_products(queryset, "")
        return queryset.order_by("rank", "name", "pk")
