from django.urls import path

from tashil.units.views import ImportTemplateView, ImportView

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("import/", ImportView.as_view(kind="meetings"), name="meeting_import"),
    path("import/template/", ImportTemplateView.as_view(kind="meetings"), name="meeting_import_template"),
    path("add/", views.MeetingEditView.as_view(), name="meeting_add"),
    path("<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("<int:pk>/delete/", views.MeetingDeleteView.as_view(), name="meeting_delete"),
    path("<int:pk>/do/<slug:action>/", views.MeetingActionView.as_view(), name="meeting_action"),
    path("<int:pk>/minutes.pdf", views.MinutesPdfView.as_view(), name="meeting_minutes"),
    path("<int:pk>/resolutions.xlsx", views.ResolutionsXlsxView.as_view(), name="meeting_resolutions_xlsx"),
    path("<int:pk>/attendance/", views.AttendanceMarkView.as_view(), name="meeting_attendance"),
    path("<int:pk>/invite/", views.InviteAgenciesView.as_view(), name="meeting_invite"),
    path("invitation/<str:token>/", views.InvitationAnswerView.as_view(), name="invitation_answer"),
    path("<int:pk>/agenda-obstacle/", views.AgendaObstacleView.as_view(), name="meeting_agenda_obstacle"),
    path("<int:pk>/desk/", views.DeskRequestView.as_view(), name="meeting_desk"),
    path("series/", views.MeetingSeriesListView.as_view(), name="meetingseries_list"),
    path("series/add/", views.MeetingSeriesEditView.as_view(), name="meetingseries_add"),
    path("series/<int:pk>/", views.MeetingSeriesView.as_view(), name="meetingseries"),
    path("series/<int:pk>/edit/", views.MeetingSeriesEditView.as_view(), name="meetingseries_edit"),
    path("series/<int:pk>/delete/", views.MeetingSeriesDeleteView.as_view(), name="meetingseries_delete"),
    path("agenda/add/", views.AgendaItemEditView.as_view(), name="agendaitem_add"),
    path("agenda/<int:pk>/edit/", views.AgendaItemEditView.as_view(), name="agendaitem_edit"),
    path("agenda/<int:pk>/delete/", views.AgendaItemDeleteView.as_view(), name="agendaitem_delete"),
    path("agenda/<int:pk>/obstacle/", views.AgendaItemObstacleView.as_view(), name="agendaitem_obstacle"),
    path(
        "agenda/<int:pk>/obstacle-update/", views.AgendaObstacleUpdateView.as_view(), name="agendaitem_obstacle_update"
    ),
    path("attendance/add/", views.AttendanceEditView.as_view(), name="attendance_add"),
    path("attendance/<int:pk>/edit/", views.AttendanceEditView.as_view(), name="attendance_edit"),
    path("attendance/<int:pk>/delete/", views.AttendanceDeleteView.as_view(), name="attendance_delete"),
    path("findings/add/", views.VisitFindingEditView.as_view(), name="visitfinding_add"),
    path("findings/<int:pk>/edit/", views.VisitFindingEditView.as_view(), name="visitfinding_edit"),
    path("findings/<int:pk>/photo/", views.VisitFindingPhotoView.as_view(), name="visitfinding_photo"),
    path("findings/<int:pk>/obstacle/", views.VisitFindingObstacleView.as_view(), name="visitfinding_obstacle"),
    path("resolutions/", views.ResolutionListView.as_view(), name="resolution_list"),
    path("resolutions/add/", views.ResolutionEditView.as_view(), name="resolution_add"),
    path("resolutions/<int:pk>/", views.ResolutionView.as_view(), name="resolution"),
    path("resolutions/<int:pk>/edit/", views.ResolutionEditView.as_view(), name="resolution_edit"),
    path("resolutions/<int:pk>/delete/", views.ResolutionDeleteView.as_view(), name="resolution_delete"),
    path("resolutions/<int:pk>/do/<slug:action>/", views.ResolutionActionView.as_view(), name="resolution_action"),
    path("resolutions/<int:pk>/evidence/", views.EvidenceDownloadView.as_view(), name="resolution_evidence"),
]
