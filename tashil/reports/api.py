"""The dashboards' figures as JSON, for another system (or the ministry) to read: the same functions, the same
scope and area rules as the pages. ?province= or ?county= picks the area; the user's own scope by default."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from tashil.core.changelog import acting_as
from tashil.geo.areas import area_from
from tashil.geo.cache import cached

from . import figures
from .views import dashboard_figures, may_see_reports, period_from

AREA_PARAMETERS = [
    OpenApiParameter("province", OpenApiTypes.INT, description="a province in your scope"),
    OpenApiParameter("county", OpenApiTypes.INT, description="a county in your scope"),
]


class MaySeeReports(BasePermission):
    def has_permission(self, request, view):
        return may_see_reports(request.user)


class ReportAPIView(APIView):
    permission_classes = (MaySeeReports,)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.area = area_from(request)

    def area_payload(self):
        area = self.area
        return {
            "level": area.level,
            "label": str(area.label),
            "province": area.province.pk if area.province else None,
            "county": area.county.pk if area.county else None,
        }

    def dispatch(self, request, *args, **kwargs):
        with acting_as(request=request, source="api"):
            return super().dispatch(request, *args, **kwargs)


class DashboardAPIView(ReportAPIView):
    @extend_schema(parameters=AREA_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        user, area = request.user, self.area
        data, computed_at = cached(
            "dashboard", area, user, lambda: dashboard_figures(area, user), refresh=bool(request.GET.get("refresh"))
        )
        units = data["units"]
        return Response(
            {
                "area": self.area_payload(),
                "computed_at": computed_at,
                "units": {
                    "total": units["total"],
                    "inside_zones": units["inside"],
                    "outside_zones": units["outside"],
                    "by_status": {
                        s["value"]: {"inside": s["inside"], "outside": s["outside"]} for s in units["statuses"]
                    },
                    "reactivated": data["reactivated"],
                    "trend": data["trend"],
                    "by_isic_division": data["divisions"],
                },
                "obstacles": {**data["obstacles"], "by_domain": data["domains"], "top_groups": data["groups"]},
                "resolutions": data["resolutions"],
                "resolutions_by_area": data["resolution_rows"],
                "areas": data["children"],
            }
        )


class ScorecardAPIView(ReportAPIView):
    @extend_schema(parameters=AREA_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        rows, computed_at = cached(
            "scorecard", self.area, request.user, lambda: figures.agency_scorecard(self.area, request.user)
        )
        return Response({"area": self.area_payload(), "computed_at": computed_at, "agencies": rows})


class PeriodAPIView(ReportAPIView):
    @extend_schema(
        parameters=[
            *AREA_PARAMETERS,
            OpenApiParameter("period", OpenApiTypes.STR, enum=["month", "season", "year"]),
            OpenApiParameter("year", OpenApiTypes.INT, description="Jalali year"),
            OpenApiParameter("month", OpenApiTypes.INT),
            OpenApiParameter("season", OpenApiTypes.INT),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        _kind, period = period_from(request)
        return Response(
            {
                "area": self.area_payload(),
                "period": {"label": period.label, "start": period.start, "end": period.end},
                "rows": figures.period_report(self.area, request.user, period),
                # The impact of the period per agency and per obstacle group, beside what is still at stake.
                **{
                    f"impact_by_{field}": rows
                    for field, rows in figures.impact_beside_stake(self.area, request.user, period).items()
                },
            }
        )


URLS = [
    path("reports/dashboard/", DashboardAPIView.as_view(), name="report-dashboard"),
    path("reports/agencies/", ScorecardAPIView.as_view(), name="report-scorecard"),
    path("reports/period/", PeriodAPIView.as_view(), name="report-period"),
]
