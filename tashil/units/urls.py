from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("units/", views.IndustrialUnitListView.as_view(), name="industrialunit_list"),
    path("units/add/", views.IndustrialUnitEditView.as_view(), name="industrialunit_add"),
    path("units/import/", views.ImportView.as_view(kind="units"), name="industrialunit_import"),
    path(
        "units/import/template/",
        views.ImportTemplateView.as_view(kind="units"),
        name="industrialunit_import_template",
    ),
    path("isic/autocomplete/", views.IsicPickerView.as_view(), name="isic_picker"),
    path("units/<int:pk>/", views.IndustrialUnitView.as_view(), name="industrialunit"),
    path("units/<int:pk>/edit/", views.IndustrialUnitEditView.as_view(), name="industrialunit_edit"),
    path("units/<int:pk>/delete/", views.IndustrialUnitDeleteView.as_view(), name="industrialunit_delete"),
    path("units/<int:pk>/status/", views.IndustrialUnitStatusView.as_view(), name="industrialunit_status"),
    path("units/<int:pk>/verify/", views.IndustrialUnitVerifyView.as_view(), name="industrialunit_verify"),
    path("units/<int:pk>/follow/", views.IndustrialUnitFollowView.as_view(), name="industrialunit_follow"),
    path(
        "units/<int:pk>/confirm-data/",
        views.IndustrialUnitConfirmDataView.as_view(),
        name="industrialunit_confirm_data",
    ),
    path("units/bulk/", views.IndustrialUnitBulkView.as_view(), name="industrialunit_bulk"),
    # The agency officers' invitations from a spreadsheet (accounts' rows, this app's import jobs).
    path("officers/import/", views.ImportView.as_view(kind="officers"), name="officer_import"),
    path(
        "officers/import/template/", views.ImportTemplateView.as_view(kind="officers"), name="officer_import_template"
    ),
    path("imports/<int:pk>/", views.ImportJobView.as_view(), name="importjob"),
    path("imports/<int:pk>/apply/", views.ImportJobApplyView.as_view(), name="importjob_apply"),
    path("products/", views.ProductListView.as_view(), name="product_list"),
    path("products/add/", views.ProductEditView.as_view(), name="product_add"),
    path("products/<int:pk>/", views.ProductView.as_view(), name="product"),
    path("products/<int:pk>/edit/", views.ProductEditView.as_view(), name="product_edit"),
    path("products/<int:pk>/photo/", views.ProductPhotoView.as_view(), name="product_photo"),
    path("products/<int:pk>/delete/", views.ProductDeleteView.as_view(), name="product_delete"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/add/", views.ProjectEditView.as_view(), name="project_add"),
    path("projects/<int:pk>/", views.ProjectView.as_view(), name="project"),
    path("projects/<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("projects/<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("status-changes/", views.UnitStatusChangeListView.as_view(), name="unitstatuschange_list"),
    path("reports/", views.PeriodicReportListView.as_view(), name="periodicreport_list"),
    path("reports/add/", views.PeriodicReportEditView.as_view(), name="periodicreport_add"),
    path("reports/bulk/", views.PeriodicReportBulkView.as_view(), name="periodicreport_bulk"),
    path("reports/<int:pk>/", views.PeriodicReportView.as_view(), name="periodicreport"),
    path("reports/<int:pk>/edit/", views.PeriodicReportEditView.as_view(), name="periodicreport_edit"),
    path("reports/<int:pk>/delete/", views.PeriodicReportDeleteView.as_view(), name="periodicreport_delete"),
    path("reports/<int:pk>/review/", views.PeriodicReportReviewView.as_view(), name="periodicreport_review"),
]
