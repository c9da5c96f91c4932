from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("", views.LetterListView.as_view(), name="letter_list"),
    path("add/", views.LetterEditView.as_view(), name="letter_add"),
    path("<int:pk>/", views.LetterView.as_view(), name="letter"),
    path("<int:pk>/edit/", views.LetterEditView.as_view(), name="letter_edit"),
    path("<int:pk>/delete/", views.LetterDeleteView.as_view(), name="letter_delete"),
    path("<int:pk>/issue/", views.LetterIssueView.as_view(), name="letter_issue"),
    path("<int:pk>/letter.pdf", views.LetterPdfView.as_view(), name="letter_pdf"),
    path("attachments/<int:pk>/", views.LetterAttachmentView.as_view(), name="letterattachment"),
    path("secretariats/", views.SecretariatListView.as_view(), name="secretariat_list"),
    path("secretariats/<int:pk>/", views.SecretariatView.as_view(), name="secretariat"),
    path("secretariats/<int:pk>/edit/", views.SecretariatEditView.as_view(), name="secretariat_edit"),
    path("incoming/add/", views.IncomingLetterNoteEditView.as_view(), name="incomingletternote_add"),
]
