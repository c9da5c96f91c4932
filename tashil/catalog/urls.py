from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("profiles/", views.PublicProfileListView.as_view(), name="publicprofile_list"),
    path("units/<int:pk>/profile/", views.PublicProfileEditView.as_view(), name="publicprofile_edit"),
    path("profiles/<int:pk>/moderate/", views.PublicProfileModerateView.as_view(), name="publicprofile_moderate"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/add/", views.CertificateEditView.as_view(), name="certificate_add"),
    path("certificates/<int:pk>/", views.CertificateView.as_view(), name="certificate"),
    path("certificates/<int:pk>/edit/", views.CertificateEditView.as_view(), name="certificate_edit"),
    path("certificates/<int:pk>/delete/", views.CertificateDeleteView.as_view(), name="certificate_delete"),
    path("inputs/", views.UnitInputListView.as_view(), name="unitinput_list"),
    path("inputs/add/", views.UnitInputEditView.as_view(), name="unitinput_add"),
    path("inputs/<int:pk>/", views.UnitInputView.as_view(), name="unitinput"),
    path("inputs/<int:pk>/edit/", views.UnitInputEditView.as_view(), name="unitinput_edit"),
    path("inputs/<int:pk>/delete/", views.UnitInputDeleteView.as_view(), name="unitinput_delete"),
    path("matches/", views.MatchListView.as_view(), name="matches"),
    path("exhibitions/", views.ExhibitionListView.as_view(), name="exhibition_list"),
    path("exhibitions/add/", views.ExhibitionEditView.as_view(), name="exhibition_add"),
    path("exhibitions/<int:pk>/", views.ExhibitionView.as_view(), name="exhibition"),
    path("exhibitions/<int:pk>/edit/", views.ExhibitionEditView.as_view(), name="exhibition_edit"),
    path("exhibitions/<int:pk>/delete/", views.ExhibitionDeleteView.as_view(), name="exhibition_delete"),
    path("booths/add/", views.BoothEditView.as_view(), name="booth_add"),
    path("booths/<int:pk>/edit/", views.BoothEditView.as_view(), name="booth_edit"),
    path("booths/<int:pk>/delete/", views.BoothDeleteView.as_view(), name="booth_delete"),
    path("messages/", views.ContactMessageListView.as_view(), name="contactmessage_list"),
    path("messages/bulk/", views.ContactMessageBulkView.as_view(), name="contactmessage_bulk"),
    path("messages/<int:pk>/", views.ContactMessageView.as_view(), name="contactmessage"),
    path("messages/<int:pk>/read/", views.ContactMessageReadView.as_view(), name="contactmessage_read"),
    path("inquiries/", views.InvestmentInquiryListView.as_view(), name="investmentinquiry_list"),
    path("inquiries/<int:pk>/", views.InvestmentInquiryView.as_view(), name="investmentinquiry"),
    path("inquiries/<int:pk>/handled/", views.InvestmentInquiryHandledView.as_view(), name="investmentinquiry_handled"),
]
