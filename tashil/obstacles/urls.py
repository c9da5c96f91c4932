from django.urls import path

from . import views

app_name = "obstacles"
urlpatterns = [
    path("", views.ObstacleListView.as_view(), name="obstacle_list"),
    path("add/", views.ObstacleEditView.as_view(), name="obstacle_add"),
    path("<int:pk>/", views.ObstacleView.as_view(), name="obstacle"),
    path("<int:pk>/edit/", views.ObstacleEditView.as_view(), name="obstacle_edit"),
    path("<int:pk>/delete/", views.ObstacleDeleteView.as_view(), name="obstacle_delete"),
    path("<int:pk>/refer/", views.ObstacleReferView.as_view(), name="obstacle_refer"),
    path("<int:pk>/close/", views.ObstacleCloseView.as_view(), name="obstacle_close"),
    path("<int:pk>/escalate/", views.ObstacleEscalateView.as_view(), name="obstacle_escalate"),
    path("<int:pk>/comment/", views.ObstacleCommentView.as_view(), name="obstacle_comment"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("referrals/", views.ReferralListView.as_view(), name="referral_list"),
    path("referrals/escalate/", views.ReferralEscalateView.as_view(), name="referral_escalate"),
    path("referrals/<int:pk>/", views.ReferralView.as_view(), name="referral"),
    path("referrals/<int:pk>/respond/", views.ReferralRespondView.as_view(), name="referral_respond"),
    path("referrals/<int:pk>/do/<str:action>/", views.ReferralActionView.as_view(), name="referral_action"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("systemic/", views.SystemicView.as_view(), name="systemic"),
    path("systemic-issues/", views.SystemicIssueListView.as_view(), name="systemicissue_list"),
    path("systemic-issues/add/", views.SystemicIssueEditView.as_view(), name="systemicissue_add"),
    path("systemic-issues/<int:pk>/", views.SystemicIssueView.as_view(), name="systemicissue"),
    path("systemic-issues/<int:pk>/edit/", views.SystemicIssueEditView.as_view(), name="systemicissue_edit"),
    path("systemic-issues/<int:pk>/delete/", views.SystemicIssueDeleteView.as_view(), name="systemicissue_delete"),
    path("systemic-issues/<int:pk>/status/", views.SystemicIssueStatusView.as_view(), name="systemicissue_status"),
    path("domains/", views.ObstacleDomainListView.as_view(), name="obstacledomain_list"),
    path("domains/add/", views.ObstacleDomainEditView.as_view(), name="obstacledomain_add"),
    path("domains/<int:pk>/", views.ObstacleDomainView.as_view(), name="obstacledomain"),
    path("domains/<int:pk>/edit/", views.ObstacleDomainEditView.as_view(), name="obstacledomain_edit"),
    path("groups/", views.ObstacleGroupListView.as_view(), name="obstaclegroup_list"),
    path("groups/add/", views.ObstacleGroupEditView.as_view(), name="obstaclegroup_add"),
    path("groups/<int:pk>/", views.ObstacleGroupView.as_view(), name="obstaclegroup"),
    path("groups/<int:pk>/edit/", views.ObstacleGroupEditView.as_view(), name="obstaclegroup_edit"),
]
