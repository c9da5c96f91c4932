from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("provinces/", views.ProvinceListView.as_view(), name="province_list"),
    path("provinces/add/", views.ProvinceEditView.as_view(), name="province_add"),
    path("provinces/<int:pk>/", views.ProvinceView.as_view(), name="province"),
    path("provinces/<int:pk>/edit/", views.ProvinceEditView.as_view(), name="province_edit"),
    path("provinces/<int:pk>/delete/", views.ProvinceDeleteView.as_view(), name="province_delete"),
    path("counties/", views.CountyListView.as_view(), name="county_list"),
    path("counties/add/", views.CountyEditView.as_view(), name="county_add"),
    path("counties/<int:pk>/", views.CountyView.as_view(), name="county"),
    path("counties/<int:pk>/edit/", views.CountyEditView.as_view(), name="county_edit"),
    path("counties/<int:pk>/delete/", views.CountyDeleteView.as_view(), name="county_delete"),
    path("zones/", views.IndustrialZoneListView.as_view(), name="industrialzone_list"),
    path("zones/add/", views.IndustrialZoneEditView.as_view(), name="industrialzone_add"),
    path("zones/<int:pk>/", views.IndustrialZoneView.as_view(), name="industrialzone"),
    path("zones/<int:pk>/edit/", views.IndustrialZoneEditView.as_view(), name="industrialzone_edit"),
    path("zones/<int:pk>/delete/", views.IndustrialZoneDeleteView.as_view(), name="industrialzone_delete"),
    path("closures/", views.ClosureListView.as_view(), name="closure_list"),
    path("closures/add/", views.ClosureEditView.as_view(), name="closure_add"),
    path("closures/<int:pk>/", views.ClosureView.as_view(), name="closure"),
    path("closures/<int:pk>/edit/", views.ClosureEditView.as_view(), name="closure_edit"),
    path("closures/<int:pk>/delete/", views.ClosureDeleteView.as_view(), name="closure_delete"),
]
