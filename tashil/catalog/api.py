"""REST endpoints of the public face: a read-only public API (public fields only, rate-limited, no sign-in)
and the scoped staff API for profiles, certificates, inputs, exhibitions, booths, messages and inquiries."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from tashil.core.api.actions import api_action
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.throttling import AddressRateThrottle
from tashil.core.api.viewsets import TashilModelViewSet, TashilReadOnlyViewSet
from tashil.units.models import IndustrialUnit, Product, Project

from . import actions, filtersets, public, services
from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput

# Public API -----------------------------------------------------------------------------------------------


class PublicProductSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Product
        fields = ("id", "name", "code", "annual_capacity", "capacity_unit", "description", "unit", "unit_name")


class PublicUnitSerializer(serializers.ModelSerializer):
    """A unit as the public sees it: the public fields, and the contacts its profile chose to show."""

    county = serializers.CharField(source="county.name")
    province = serializers.CharField(source="county.province.name")
    zone = serializers.CharField(source="zone.name", default=None)
    brand = serializers.CharField(source="public_profile.brand")
    introduction = serializers.CharField(source="public_profile.introduction")
    contacts = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = IndustrialUnit
        fields = (
            "id",
            *public.PUBLIC_UNIT_FIELDS,
            "brand",
            "introduction",
            "province",
            "county",
            "zone",
            "contacts",
            "location",
            "page",
        )

    def get_contacts(self, unit) -> dict:
        return {name: value for name, _label, value in public.contacts(unit, unit.public_profile)}

    def get_location(self, unit) -> dict | None:
        return public.location(unit, unit.public_profile)

    def get_page(self, unit) -> str:
        request = self.context.get("request")
        path = unit.public_profile.get_public_url()
        return request.build_absolute_uri(path) if request else path


class PublicExhibitionSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.name")
    booths = serializers.SerializerMethodField()

    class Meta:
        model = Exhibition
        fields = ("id", "title", "county", "start_date", "end_date", "place", "description", "is_permanent", "booths")

    def get_booths(self, exhibition) -> list:
        booths = exhibition.booths.filter(unit__in=public.public_units()).select_related("unit")
        return [{"number": b.number, "hall": b.hall, "unit": b.unit_id, "unit_name": b.unit.name} for b in booths]


class PublicProjectSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.name")
    unit = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Project
        fields = ("id", "title", "description", "county", "unit", "progress", "investment", "expected_jobs")


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """No sign-in, public rows and fields only, and a request rate limit per address."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AddressRateThrottle,)
    throttle_scope = "public"


class PublicUnitViewSet(PublicReadOnlyViewSet):
    serializer_class = PublicUnitSerializer
    filterset_class = filtersets.PublicUnitFilterSet

    def get_queryset(self):
        return public.public_units().select_related("county__province", "zone", "public_profile")


class PublicProductViewSet(PublicReadOnlyViewSet):
    serializer_class = PublicProductSerializer
    filterset_class = filtersets.PublicProductFilterSet

    def get_queryset(self):
        return public.public_products().select_related("unit")


class PublicExhibitionViewSet(PublicReadOnlyViewSet):
    serializer_class = PublicExhibitionSerializer

    def get_queryset(self):
        return public.public_exhibitions().select_related("county").order_by("-start_date", "pk")


class PublicProjectViewSet(PublicReadOnlyViewSet):
    serializer_class = PublicProjectSerializer

    def get_queryset(self):
        return public.public_projects().select_related("county").order_by("-progress", "pk")


# Staff API ------------------------------------------------------------------------------------------------


class PublicProfileSerializer(TashilModelSerializer):
    class Meta:
        model = PublicProfile
        fields = (
            "id",
            "url",
            "unit",
            "listed",
            "brand",
            "introduction",
            "show_address",
            "show_phone",
            "show_mobile",
            "show_email",
            "show_website",
            "show_manager",
            "show_location",
            "moderation",
            "moderation_note",
        )
        read_only_fields = ("moderation", "moderation_note")


class CertificateSerializer(TashilModelSerializer):
    class Meta:
        model = Certificate
        fields = ("id", "url", "unit", "title", "issuer", "number", "valid_until", "is_public")


class UnitInputSerializer(TashilModelSerializer):
    class Meta:
        model = UnitInput
        fields = ("id", "url", "unit", "name", "code", "yearly_quantity", "quantity_unit", "notes")


class ExhibitionSerializer(TashilModelSerializer):
    class Meta:
        model = Exhibition
        fields = (
            "id",
            "url",
            "title",
            "county",
            "start_date",
            "end_date",
            "place",
            "description",
            "is_public",
            "is_permanent",
        )


class BoothSerializer(TashilModelSerializer):
    class Meta:
        model = Booth
        fields = ("id", "url", "exhibition", "unit", "number", "hall", "description", "products")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        unit = attrs.get("unit") or getattr(self.instance, "unit", None)
        strangers = [p for p in attrs.get("products", ()) if unit is None or p.unit_id != unit.pk]
        if strangers:
            raise serializers.ValidationError({"products": [f"محصول «{strangers[0]}» از این واحد نیست."]})
        return attrs


class ContactMessageSerializer(TashilModelSerializer):
    class Meta:
        model = ContactMessage
        fields = ("id", "url", "unit", "sender_name", "sender_email", "sender_phone", "subject", "body", "read_at")
        read_only_fields = fields


class InvestmentInquirySerializer(TashilModelSerializer):
    class Meta:
        model = InvestmentInquiry
        fields = ("id", "url", "project", "name", "organisation", "email", "phone", "amount", "message", "handled")
        read_only_fields = ("project", "name", "organisation", "email", "phone", "amount", "message")

    def update(self, instance, validated_data):
        """Only ``handled`` is written: through the event the page's button calls."""
        return services.set_handled(instance, validated_data.get("handled", instance.handled), user=self.reader())


class PublicProfileViewSet(TashilModelViewSet):
    queryset = PublicProfile.objects.select_related("unit")
    serializer_class = PublicProfileSerializer
    filterset_class = filtersets.PublicProfileFilterSet
    http_method_names = ("get", "post", "patch", "head", "options")


class CertificateViewSet(TashilModelViewSet):
    queryset = Certificate.objects.select_related("unit")
    serializer_class = CertificateSerializer
    filterset_class = filtersets.CertificateFilterSet


class UnitInputViewSet(TashilModelViewSet):
    queryset = UnitInput.objects.select_related("unit")
    serializer_class = UnitInputSerializer
    filterset_class = filtersets.UnitInputFilterSet


class ExhibitionViewSet(TashilModelViewSet):
    queryset = Exhibition.objects.select_related("county")
    serializer_class = ExhibitionSerializer
    filterset_class = filtersets.ExhibitionFilterSet


class BoothViewSet(TashilModelViewSet):
    queryset = Booth.objects.select_related("exhibition", "unit").prefetch_related("products")
    serializer_class = BoothSerializer
    filterset_class = filtersets.BoothFilterSet


@extend_schema(description="Messages visitors sent from units' public pages (read-only; mark-read/ marks one read).")
class ContactMessageViewSet(TashilReadOnlyViewSet):
    queryset = ContactMessage.objects.select_related("unit")
    serializer_class = ContactMessageSerializer
    filterset_class = filtersets.ContactMessageFilterSet

    mark_read = api_action(actions.MARK_READ)


class InvestmentInquiryViewSet(TashilModelViewSet):
    queryset = InvestmentInquiry.objects.select_related("project")
    serializer_class = InvestmentInquirySerializer
    filterset_class = filtersets.InvestmentInquiryFilterSet
    http_method_names = ("get", "patch", "head", "options")


ROUTES = [
    ("public/units", PublicUnitViewSet, "public-unit"),
    ("public/products", PublicProductViewSet, "public-product"),
    ("public/exhibitions", PublicExhibitionViewSet, "public-exhibition"),
    ("public/opportunities", PublicProjectViewSet, "public-project"),
    ("catalog/profiles", PublicProfileViewSet, "publicprofile"),
    ("catalog/certificates", CertificateViewSet, "certificate"),
    ("catalog/inputs", UnitInputViewSet, "unitinput"),
    ("catalog/exhibitions", ExhibitionViewSet, "exhibition"),
    ("catalog/booths", BoothViewSet, "booth"),
    ("catalog/messages", ContactMessageViewSet, "contactmessage"),
    ("catalog/inquiries", InvestmentInquiryViewSet, "investmentinquiry"),
]
