from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="open"),
    path("read-all/", views.NotificationReadAllView.as_view(), name="read_all"),
    path("settings/", views.ChannelsView.as_view(), name="channels"),
    path("sms/", views.OutgoingSMSListView.as_view(), name="outgoingsms_list"),
    path("reminders/", views.ReminderSettingsListView.as_view(), name="remindersettings_list"),
    path("reminders/add/", views.ReminderSettingsEditView.as_view(), name="remindersettings_add"),
    path("reminders/<int:pk>/edit/", views.ReminderSettingsEditView.as_view(), name="remindersettings_edit"),
]
