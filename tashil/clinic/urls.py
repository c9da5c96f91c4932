from django.urls import path

from . import views

app_name = "clinic"
urlpatterns = [
    path("centres/", views.CentreListView.as_view(), name="centre_list"),
    path("centres/add/", views.CentreEditView.as_view(), name="centre_add"),
    path("centres/<int:pk>/", views.CentreView.as_view(), name="centre"),
    path("centres/<int:pk>/edit/", views.CentreEditView.as_view(), name="centre_edit"),
    path("centres/<int:pk>/delete/", views.CentreDeleteView.as_view(), name="centre_delete"),
    path("experts/add/", views.CentreExpertEditView.as_view(), name="centreexpert_add"),
    path("experts/<int:pk>/edit/", views.CentreExpertEditView.as_view(), name="centreexpert_edit"),
    path("experts/<int:pk>/delete/", views.CentreExpertDeleteView.as_view(), name="centreexpert_delete"),
    path("cases/", views.ClinicCaseListView.as_view(), name="cliniccase_list"),
    path("cases/no-update/", views.NoUpdateThisWeekView.as_view(), name="cliniccase_no_update"),
    path("cases/add/", views.ClinicCaseEditView.as_view(), name="cliniccase_add"),
    path("cases/<int:pk>/", views.ClinicCaseView.as_view(), name="cliniccase"),
    path("cases/<int:pk>/edit/", views.ClinicCaseEditView.as_view(), name="cliniccase_edit"),
    path("cases/<int:pk>/delete/", views.ClinicCaseDeleteView.as_view(), name="cliniccase_delete"),
    path("cases/<int:pk>/do/<slug:action>/", views.CaseActionView.as_view(), name="cliniccase_action"),
    path("cases/<int:pk>/diagnosis/", views.DiagnosisEditView.as_view(), name="diagnosis_edit"),
    path("cases/<int:pk>/diagnosis/obstacles/", views.DiagnosisObstaclesView.as_view(), name="diagnosis_obstacles"),
    path("actions/add/", views.ActionItemEditView.as_view(), name="actionitem_add"),
    path("actions/<int:pk>/edit/", views.ActionItemEditView.as_view(), name="actionitem_edit"),
    path("actions/<int:pk>/delete/", views.ActionItemDeleteView.as_view(), name="actionitem_delete"),
    path("updates/add/", views.WeeklyUpdateEditView.as_view(), name="weeklyupdate_add"),
    path("updates/<int:pk>/edit/", views.WeeklyUpdateEditView.as_view(), name="weeklyupdate_edit"),
    path("visits/add/", views.InspectionVisitEditView.as_view(), name="inspectionvisit_add"),
    path("visits/<int:pk>/edit/", views.InspectionVisitEditView.as_view(), name="inspectionvisit_edit"),
]
