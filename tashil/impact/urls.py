from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.ImpactRecordListView.as_view(), name="impactrecord_list"),
    path("add/", views.ImpactRecordEditView.as_view(), name="impactrecord_add"),
    path("<int:pk>/", views.ImpactRecordView.as_view(), name="impactrecord"),
    path("<int:pk>/edit/", views.ImpactRecordEditView.as_view(), name="impactrecord_edit"),
    path("<int:pk>/delete/", views.ImpactRecordDeleteView.as_view(), name="impactrecord_delete"),
]
