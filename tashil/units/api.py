"""REST endpoints of the registry: the same scope helper, filtersets and model rules as the pages."""

from django.db import models
from rest_framework import serializers, status
from rest_framework.response import Response

from tashil.core import scope
from tashil.core.api.actions import api_action
from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilModelViewSet, TashilReadOnlyViewSet
from tashil.core.choices import Role
from tashil.core.persian import fold_digits

from . import actions, filtersets, services
from .forms import UNIT_PROFILE_FIELDS
from .models import IdentifierSight, IndustrialUnit, IsicCode, PeriodicReport, Product, Project, UnitStatusChange


class IsicClassRelatedField(serializers.PrimaryKeyRelatedField):
    """An ISIC class by its code, in any digit script ("۱۰۷۱" is 1071); the model refuses a code of another level."""

    def to_internal_value(self, data):
        return super().to_internal_value("".join(fold_digits(data).split()).upper())


class IndustrialUnitListSerializer(serializers.ListSerializer):
    """A page of units: which agency identifiers the reader may read of each (IdentifierSight, applied by
    ``scope.hidden_fields`` row by row) is asked of the database once for the page, not once per unit."""

    def to_representation(self, data):
        units = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        reader = self.child.reader()
        if reader is not None:
            IdentifierSight(reader).remember([unit.pk for unit in units])
        return super().to_representation(units)


class IndustrialUnitSerializer(TashilModelSerializer):
    """A unit, without the internal notes and the agency identifiers the reader may not read (each agency's own
    numbers go to its officers and the headquarters: ``IndustrialUnit.fields_hidden_from``), and refusing to
    write them."""

    derived_fields = ("national_id", "licence_number", "mobile")
    isic_class = IsicClassRelatedField(
        queryset=IsicCode.objects.all(),
        required=False,
        allow_null=True,
        label=IndustrialUnit._meta.get_field("isic_class").verbose_name,
    )
    isic_title = serializers.CharField(source="isic_class.title_fa", read_only=True, default="")

    class Meta:
        model = IndustrialUnit
        fields = (
            "id",
            "version",
            "url",
            "name",
            "national_id",
            "licence_number",
            "licence_date",
            "isic_class",
            "isic_title",
            "isic_code",
            "activity",
            "county",
            "zone",
            "address",
            "postal_code",
            "economic_code",
            "workshop_code",
            "production_id",
            "electricity_subscription",
            "gas_subscription",
            "water_subscription",
            "latitude",
            "longitude",
            "manager_name",
            "phone",
            "mobile",
            "email",
            "website",
            "employees",
            "size_class",
            "nominal_capacity",
            "utilisation",
            "knowledge_based",
            "exporter",
            "status",
            "status_date",
            "last_verified",
            "notes",
        )
        read_only_fields = ("size_class", "status_date", "isic_code")
        list_serializer_class = IndustrialUnitListSerializer

    def validate(self, attrs):
        request = self.context.get("request")
        if self.instance is not None:
            if "status" in attrs and attrs["status"] != self.instance.status:
                raise serializers.ValidationError({"status": ["وضعیت را با نقطه پایانی status/ و با دلیل تغییر دهید."]})
            is_rep = any(
                m.role == Role.UNIT_REP and m.unit_id == self.instance.pk for m in scope.memberships(request.user)
            )
            if is_rep:
                closed = sorted(set(attrs) - set(UNIT_PROFILE_FIELDS))
                if closed:
                    raise serializers.ValidationError(
                        {name: ["نماینده واحد این مورد را نمی‌تواند تغییر دهد."] for name in closed}
                    )
        return super().validate(attrs)

    def create(self, validated_data):
        """Registering a unit is the units' event, as on the pages: its first status enters the history."""
        return services.create_unit(IndustrialUnit(**validated_data), user=self.context["request"].user)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.update_unit(instance, user=self.context["request"].user)


class UnitStatusChangeSerializer(TashilModelSerializer):
    class Meta:
        model = UnitStatusChange
        fields = ("id", "unit", "from_status", "to_status", "date", "reason", "user", "source", "created")


class ProductSerializer(TashilModelSerializer):
    event = staticmethod(services.save_product)  # as the page's form: the unit's search text follows
    isic_class = IsicClassRelatedField(
        queryset=IsicCode.objects.all(),
        required=False,
        allow_null=True,
        label=Product._meta.get_field("isic_class").verbose_name,
    )

    class Meta:
        model = Product
        fields = (
            "id",
            "url",
            "unit",
            "name",
            "isic_class",
            "code",
            "annual_capacity",
            "capacity_unit",
            "description",
            "is_public",
        )


class ProjectSerializer(TashilModelSerializer):
    derived_fields = ("county",)

    class Meta:
        model = Project
        fields = (
            "id",
            "url",
            "unit",
            "county",
            "investor_name",
            "title",
            "description",
            "progress",
            "investment",
            "expected_jobs",
            "seeks_investor",
        )
        extra_kwargs = {"county": {"required": False}}


class PeriodicReportSerializer(TashilModelSerializer):
    class Meta:
        model = PeriodicReport
        fields = (
            "id",
            "url",
            "unit",
            "year",
            "month",
            "production",
            "production_unit",
            "sales",
            "employees",
            "utilisation",
            "notes",
            "status",
            "review_note",
            "submitted_by",
            "reviewed_by",
            "reviewed_at",
        )
        read_only_fields = ("status", "review_note", "submitted_by", "reviewed_by", "reviewed_at")


class IndustrialUnitViewSet(TashilModelViewSet):
    queryset = IndustrialUnit.objects.select_related("county", "zone")
    serializer_class = IndustrialUnitSerializer
    filterset_class = filtersets.IndustrialUnitFilterSet
    follow = api_action(actions.FOLLOW)
    confirm_data = api_action(actions.CONFIRM_DATA)
    verify = api_action(actions.VERIFY)
    change_status = api_action(
        actions.STATUS,
        name="change_status",
        url_path="status",
        url_name="change-status",
        response=lambda view, unit, change: Response(
            UnitStatusChangeSerializer(change, context={"request": view.request}).data, status.HTTP_201_CREATED
        ),
        response_schema=UnitStatusChangeSerializer,
    )


class UnitStatusChangeViewSet(TashilReadOnlyViewSet):
    queryset = UnitStatusChange.objects.select_related("unit")
    serializer_class = UnitStatusChangeSerializer
    filterset_class = filtersets.UnitStatusChangeFilterSet


class ProductViewSet(TashilModelViewSet):
    queryset = Product.objects.select_related("unit")
    serializer_class = ProductSerializer
    filterset_class = filtersets.ProductFilterSet
    delete_event = staticmethod(services.delete_product)


class ProjectViewSet(TashilModelViewSet):
    queryset = Project.objects.select_related("unit", "county")
    serializer_class = ProjectSerializer
    filterset_class = filtersets.ProjectFilterSet


class PeriodicReportViewSet(TashilModelViewSet):
    queryset = PeriodicReport.objects.select_related("unit")
    serializer_class = PeriodicReportSerializer
    filterset_class = filtersets.PeriodicReportFilterSet
    review = api_action(actions.REVIEW)

    def perform_create(self, serializer):
        serializer.validated_data["submitted_by"] = self.request.user
        super().perform_create(serializer)


ROUTES = [
    ("units/units", IndustrialUnitViewSet, "industrialunit"),
    ("units/status-changes", UnitStatusChangeViewSet, "unitstatuschange"),
    ("units/products", ProductViewSet, "product"),
    ("units/projects", ProjectViewSet, "project"),
    ("units/reports", PeriodicReportViewSet, "periodicreport"),
]
