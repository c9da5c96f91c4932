"""Staff and representatives' screens of the public face: profiles and their moderation, certificates, inputs
and matching, exhibitions and booths, and the messages and inquiries visitors send."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import scope
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, BulkAction, BulkActionView, ScopedViewMixin
from tashil.units.choices import IsicLevel
from tashil.units.models import IndustrialUnit, IsicCode

from . import actions, filtersets, forms, public, services, tables
from .choices import Proximity
from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput

MATCH_PREVIEW = 5


def public_face_context(view):
    """The unit page's «public face» tab: how the unit appears, its certificates, inputs and matches."""
    unit, user = view.object, view.request.user
    profile = PublicProfile.objects.filter(unit=unit).first()
    inputs = list(scope.restrict(unit.inputs.all(), user))
    for item in inputs:
        producers = public.producers_of(item)
        item.producers = list(producers[:MATCH_PREVIEW])
        item.producer_count = producers.count() if len(item.producers) == MATCH_PREVIEW else len(item.producers)
    products = list(unit.products.filter(is_public=True))
    for product in products:
        product.buyers = list(public.buyers_of(product)[:MATCH_PREVIEW])
    can_edit_profile = (
        scope.can_object(user, profile, "change")
        if profile
        else (scope.can(user, PublicProfile, "add") and scope.can_object(user, unit, "view"))
    )
    return {
        "profile": profile,
        "is_public": bool(profile and profile.is_public and unit.status not in public.HIDDEN_STATUSES),
        "can_edit_profile": can_edit_profile,
        "can_moderate": bool(profile) and scope.can_object(user, profile, "moderate"),
        "moderation_form": forms.ModerationForm(initial={"moderation": profile.moderation}) if profile else None,
        "certificates": scope.restrict(unit.certificates.all(), user),
        "can_add_certificate": scope.can(user, Certificate, "add"),
        "inputs": inputs,
        "can_add_input": scope.can(user, UnitInput, "add"),
        "public_products": products,
        "unread_messages": scope.restrict(unit.contact_messages.filter(read_at__isnull=True), user).count(),
    }


class PublicProfileListView(ObjectListView):
    """The secretariat's moderation list of every public profile in scope."""

    queryset = PublicProfile.objects.select_related("unit__county")
    filterset_class = filtersets.PublicProfileFilterSet
    table_class = tables.PublicProfileTable
    actions = ("export",)


class PublicProfileEditView(ObjectEditView):
    """A unit's public profile, created on first save; the URL names the unit."""

    model = PublicProfile
    form_class = forms.PublicProfileForm

    def get_object(self):
        unit = scope.get_object_or_404(IndustrialUnit, self.request.user, "view", pk=self.kwargs["pk"])
        profile = PublicProfile.objects.filter(unit=unit).first()
        if profile is not None:
            return scope.get_object_or_404(PublicProfile, self.request.user, "change", pk=profile.pk)
        self.require("add")
        return PublicProfile(unit=unit)


class PublicProfileModerateView(ScopedViewMixin, View):
    """Publish or hide a unit's public profile, with a note the unit sees."""

    model = PublicProfile

    def post(self, request, pk):
        profile = self.get_scoped_object("moderate")
        form = forms.ModerationForm(request.POST)
        if form.is_valid():
            try:
                services.moderate(
                    profile, form.cleaned_data["moderation"], form.cleaned_data["note"], user=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("معرفی «%(unit)s»: %(state)s.")
                    % {"unit": profile.unit, "state": profile.get_moderation_display()},
                )
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(profile.get_absolute_url())


class CertificateListView(ObjectListView):
    queryset = Certificate.objects.select_related("unit")
    filterset_class = filtersets.CertificateFilterSet
    table_class = tables.CertificateTable


class CertificateView(ObjectView):
    queryset = Certificate.objects.select_related("unit")


class CertificateEditView(ObjectEditView):
    model = Certificate
    form_class = forms.CertificateForm


class CertificateDeleteView(ObjectDeleteView):
    model = Certificate


class UnitInputListView(ObjectListView):
    queryset = UnitInput.objects.select_related("unit")
    filterset_class = filtersets.UnitInputFilterSet
    table_class = tables.UnitInputTable


class UnitInputView(ObjectView):
    queryset = UnitInput.objects.select_related("unit__county__province")
    tabs = (
        Tab("profile", gettext_lazy("مشخصات"), "generic/includes/profile.html"),
        Tab("producers", gettext_lazy("تأمین‌کنندگان پیشنهادی"), "catalog/tabs/producers.html"),
    )

    def get_producers_context(self):
        return {"producers": public.producers_of(self.object)[:100], "proximity": Proximity}


class UnitInputEditView(ObjectEditView):
    model = UnitInput
    form_class = forms.UnitInputForm


class UnitInputDeleteView(ObjectDeleteView):
    model = UnitInput


def with_matches(inputs):
    """Each input with how many public producers could supply it and the nearest one, in one query.

    The nearest is the first (by name) in the buyer's county, else in its province, else anywhere: three
    correlated subqueries, because SQLite cannot order a subquery by a column of the outer query.
    """
    candidates = (
        public.supplier_products()
        .exclude(unit_id=OuterRef("unit_id"))
        .annotate(prefix=Substr("code", 1, 4))
        .filter(
            (Q(prefix=OuterRef("code_prefix")) & ~Q(code=""))
            | Q(isic_class_id=OuterRef("code_prefix"))
            | Q(search_text__contains=OuterRef("search_text"))
        )
        .order_by("unit__name", "pk")
    )
    rings = (
        candidates.filter(unit__county_id=OuterRef("buyer_county")),
        candidates.filter(unit__county__province_id=OuterRef("buyer_province")),
        candidates,
    )
    count = candidates.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return inputs.annotate(buyer_county=F("unit__county_id"), buyer_province=F("unit__county__province_id")).annotate(
        producer_count=Subquery(count[:1], output_field=IntegerField()),
        nearest_producer=Coalesce(*(Subquery(ring.values("unit__name")[:1]) for ring in rings)),
        nearest_county=Coalesce(*(Subquery(ring.values("unit__county__name")[:1]) for ring in rings)),
    )


class MatchListView(ObjectListView):
    """The secretariat's view of matching across the county: every declared input and who could supply it."""

    queryset = UnitInput.objects.select_related("unit")
    filterset_class = filtersets.UnitInputFilterSet
    table_class = tables.MatchTable
    title = gettext_lazy("تطبیق واحدهای مکمل")
    export_name = "matches"
    actions = ("export",)

    results_header_template = "catalog/includes/matches_by_division.html"

    def filtered_queryset(self):
        queryset, filterset = super().filtered_queryset()
        self.inputs = queryset
        return with_matches(queryset), filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        inputs = getattr(self, "inputs", None)
        rows = matches_by_division(inputs) if inputs is not None else []
        for row in rows:
            query["division"] = row["code"]
            row["query"] = query.urlencode()
        context["divisions"] = rows
        return context


def matches_by_division(inputs):
    """The inputs of the list by ISIC division (the first two digits of their class), each with the public
    products of other units that fall in the division and the units that make them: where a county's demand
    meets the nation's supply. Three grouped queries (inputs, products, titles), whatever the number of rows."""
    division = Substr("code_prefix", 1, 2)
    demand = dict(
        inputs.exclude(code_prefix="")
        .order_by()
        .annotate(division=division)
        .values_list("division")
        .annotate(n=Count("pk"))
    )
    if not demand:
        return []
    supply = {
        row["division"]: row
        for row in public.supplier_products()
        .annotate(division=Substr(Coalesce("isic_class_id", "code"), 1, 2))
        .filter(division__in=demand)
        .order_by()
        .values("division")
        .annotate(products=Count("pk"), units=Count("unit", distinct=True))
    }
    titles = dict(IsicCode.objects.filter(level=IsicLevel.DIVISION, code__in=demand).values_list("code", "title_fa"))
    rows = [
        {
            "code": code,
            "title": titles.get(code, ""),
            "inputs": count,
            "products": supply.get(code, {}).get("products", 0),
            "units": supply.get(code, {}).get("units", 0),
        }
        for code, count in demand.items()
    ]
    return sorted(rows, key=lambda row: (-row["inputs"], row["code"]))


class ExhibitionListView(ObjectListView):
    queryset = Exhibition.objects.select_related("county").annotate(booth_count=Count("booths"))
    filterset_class = filtersets.ExhibitionFilterSet
    table_class = tables.ExhibitionTable


class ExhibitionView(ObjectView):
    queryset = Exhibition.objects.select_related("county__province")
    template_name = "catalog/exhibition.html"
    tabs = (
        Tab("booths", gettext_lazy("غرفه‌ها"), "catalog/tabs/booths.html"),
        Tab("profile", gettext_lazy("مشخصات"), "generic/includes/profile.html"),
    )

    def get_tabs(self):
        count = self.object.booths.count()
        return [
            Tab(t.name, t.label, t.template_name, count if t.name == "booths" else t.count) for t in super().get_tabs()
        ]

    def get_booths_context(self):
        booths = scope.restrict(self.object.booths.select_related("unit"), self.request.user).prefetch_related(
            "products"
        )
        user = self.request.user
        return {
            "booths": booths,
            "can_add_booth": scope.can_object(user, self.object, "change"),
        }


class ExhibitionEditView(ObjectEditView):
    model = Exhibition
    form_class = forms.ExhibitionForm


class ExhibitionDeleteView(ObjectDeleteView):
    model = Exhibition


class BoothEditView(ObjectEditView):
    model = Booth
    form_class = forms.BoothForm

    def get_success_url(self, obj):
        return obj.get_absolute_url()


class BoothDeleteView(ObjectDeleteView):
    model = Booth

    def post(self, request, *args, **kwargs):
        exhibition_url = self.get_scoped_object("delete").exhibition.get_absolute_url()
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(exhibition_url) if response.status_code == 302 else response


MESSAGE_BULK_ACTIONS = (
    BulkAction(
        name="mark_read",
        label=gettext_lazy("خوانده شد"),
        apply=services.mark_read,
        effect=gettext_lazy("پیام‌های برگزیده خوانده‌شده ثبت می‌شوند؛ پیامی که پیش‌تر خوانده شده همان‌گونه می‌ماند."),
        done=gettext_lazy("%(count)s پیام خوانده‌شده ثبت شد."),
    ),
)


class ContactMessageListView(ObjectListView):
    queryset = ContactMessage.objects.select_related("unit")
    filterset_class = filtersets.ContactMessageFilterSet
    table_class = tables.ContactMessageTable
    actions = ("export",)
    bulk_actions = MESSAGE_BULK_ACTIONS


class ContactMessageBulkView(BulkActionView):
    queryset = ContactMessage.objects.select_related("unit")
    bulk_actions = MESSAGE_BULK_ACTIONS


class ContactMessageView(ObjectView):
    """A visitor's message. Opening it writes nothing: the unit marks it read with «خوانده شد» (a POST)."""

    queryset = ContactMessage.objects.select_related("unit")
    template_name = "catalog/contactmessage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.object
        context["can_mark_read"] = message.read_at is None and scope.can_object(self.request.user, message, "change")
        return context


class ContactMessageReadView(ActionView):
    model = ContactMessage
    actions = (actions.MARK_READ,)


class InvestmentInquiryListView(ObjectListView):
    queryset = InvestmentInquiry.objects.select_related("project")
    filterset_class = filtersets.InvestmentInquiryFilterSet
    table_class = tables.InvestmentInquiryTable
    actions = ("export",)


class InvestmentInquiryView(ObjectView):
    queryset = InvestmentInquiry.objects.select_related("project__county")
    template_name = "catalog/investmentinquiry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_handle"] = scope.can_object(self.request.user, self.object, "change")
        return context


class InvestmentInquiryHandledView(ActionView):
    """Mark an inquiry followed up, or back to waiting (the button sends the state it moves to)."""

    model = InvestmentInquiry
    actions = (actions.SET_HANDLED,)
