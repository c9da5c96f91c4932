from django.urls import path

from . import views

app_name = "workshops"
urlpatterns = [
    path("", views.WorkshopListView.as_view(), name="workshop_list"),
    path("add/", views.WorkshopEditView.as_view(), name="workshop_add"),
    path("<int:pk>/", views.WorkshopView.as_view(), name="workshop"),
    path("<int:pk>/edit/", views.WorkshopEditView.as_view(), name="workshop_edit"),
    path("<int:pk>/delete/", views.WorkshopDeleteView.as_view(), name="workshop_delete"),
    path("<int:pk>/attendance/", views.WorkshopAttendanceView.as_view(), name="workshop_attendance"),
    path("registrations/", views.RegistrationListView.as_view(), name="registration_list"),
    path("registrations/add/", views.RegistrationEditView.as_view(), name="registration_add"),
    path("registrations/<int:pk>/", views.RegistrationView.as_view(), name="registration"),
    path("registrations/<int:pk>/edit/", views.RegistrationEditView.as_view(), name="registration_edit"),
    path("registrations/<int:pk>/delete/", views.RegistrationDeleteView.as_view(), name="registration_delete"),
    path("registrations/<int:pk>/cancel/", views.RegistrationCancelView.as_view(), name="registration_cancel"),
    path("registrations/<int:pk>/certificate/", views.CertificateView.as_view(), name="registration_certificate"),
]
