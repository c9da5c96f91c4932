from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("agencies/", views.ScorecardView.as_view(), name="scorecard"),
    path("period/", views.PeriodReportView.as_view(), name="period"),
    path("weekly.pdf", views.WeeklyReportView.as_view(), {"fmt": "pdf"}, name="weekly_pdf"),
    path("weekly.xlsx", views.WeeklyReportView.as_view(), {"fmt": "xlsx"}, name="weekly_xlsx"),
    path("map/points/", views.MapPointsView.as_view(), name="map_points"),
    path("map/values/", views.MapValuesView.as_view(), name="map_values"),
]
