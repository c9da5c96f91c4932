from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("agencies/", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/add/", views.AgencyEditView.as_view(), name="agency_add"),
    path("agencies/<int:pk>/", views.AgencyView.as_view(), name="agency"),
    path("agencies/<int:pk>/edit/", views.AgencyEditView.as_view(), name="agency_edit"),
    path("agencies/<int:pk>/delete/", views.AgencyDeleteView.as_view(), name="agency_delete"),
    path("contacts/add/", views.AgencyContactEditView.as_view(), name="agencycontact_add"),
    path("contacts/<int:pk>/edit/", views.AgencyContactEditView.as_view(), name="agencycontact_edit"),
    path("contacts/<int:pk>/delete/", views.AgencyContactDeleteView.as_view(), name="agencycontact_delete"),
]
