from django.urls import path

from . import views
from .views.pages import HolidayConfirmView, SavedViewDigestView, WeekendEditView, autocomplete

app_name = "core"
urlpatterns = [
    path("holidays/", views.HolidayListView.as_view(), name="holiday_list"),
    path("holidays/add/", views.HolidayEditView.as_view(), name="holiday_add"),
    path("holidays/<int:pk>/edit/", views.HolidayEditView.as_view(), name="holiday_edit"),
    path("holidays/<int:pk>/delete/", views.HolidayDeleteView.as_view(), name="holiday_delete"),
    path("holidays/<int:pk>/confirm/", HolidayConfirmView.as_view(), name="holiday_confirm"),
    path("weekend/", WeekendEditView.as_view(), name="weekend_edit"),
    path("changelog/", views.ChangeLogEntryListView.as_view(), name="changelogentry_list"),
    path("changelog/<int:pk>/", views.ChangeLogEntryView.as_view(), name="changelogentry"),
    path("autocomplete/", autocomplete, name="autocomplete"),
    path("saved-views/", views.SavedViewListView.as_view(), name="savedview_list"),
    path("saved-views/add/", views.SavedViewEditView.as_view(), name="savedview_add"),
    path("saved-views/<int:pk>/edit/", views.SavedViewEditView.as_view(), name="savedview_edit"),
    path("saved-views/<int:pk>/delete/", views.SavedViewDeleteView.as_view(), name="savedview_delete"),
    path("saved-views/<int:pk>/do/<str:action>/", SavedViewDigestView.as_view(), name="savedview_action"),
]
