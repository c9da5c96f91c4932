"""REST endpoints of the register: letters (drafts written, issued through the same service as the page, the
PDF), secretariats (read) and incoming-letter notes — scoped and validated like the pages."""

from django.db import transaction
from django.http import FileResponse, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from tashil.core.api.actions import api_action
from tashil.core.api.exceptions import run
from tashil.core.api.serializers import TashilModelSerializer, scoped_save_check
from tashil.core.api.viewsets import TashilModelViewSet, TashilReadOnlyViewSet

from . import actions, filtersets, services
from .models import IncomingLetterNote, Letter, Secretariat
from .pdf import render_letter


class LetterSerializer(TashilModelSerializer):
    full_clean_exclude = ("secretariat",)
    event = staticmethod(services.save_draft)

    class Meta:
        model = Letter
        fields = (
            "id",
            "url",
            "secretariat",
            "kind",
            "status",
            "number",
            "date",
            "recipient_agency",
            "recipient_name",
            "recipient_position",
            "subject",
            "body",
            "due_date",
            "referrals",
            "copies",
            "obstacle",
            "meeting",
            "resolution",
            "signer_name",
            "signer_position",
            "verification_code",
            "pdf_sha256",
            "issued_at",
        )
        read_only_fields = ("secretariat", "status", "number", "date", "verification_code", "pdf_sha256", "issued_at")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        referrals = attrs.get("referrals") or []
        agency = attrs.get("recipient_agency") or getattr(self.instance, "recipient_agency", None)
        if agency is not None and any(r.agency_id != agency.pk for r in referrals):
            raise serializers.ValidationError({"referrals": ["همه ارجاع‌های یک نامه باید به دستگاه گیرنده آن باشند."]})
        if self.instance is None:
            county = services.county_of(attrs.get("resolution"), attrs.get("meeting"), attrs.get("obstacle"), referrals)
            secretariat = services.secretariat_for(self.reader(), county)
            if secretariat is None:
                raise serializers.ValidationError(
                    {"non_field_errors": ["شما در دبیرخانه‌ای که این نامه را در دفتر خود ثبت کند عضو نیستید."]}
                )
            attrs["secretariat"] = secretariat
        return attrs


class SecretariatSerializer(TashilModelSerializer):
    class Meta:
        model = Secretariat
        fields = ("id", "url", "name", "level", "province", "county", "letterhead", "prefix", "number_format")


class IncomingLetterNoteSerializer(TashilModelSerializer):
    class Meta:
        model = IncomingLetterNote
        fields = ("id", "url", "referral", "resolution", "number", "date", "note", "recorded_by")
        read_only_fields = ("recorded_by",)


class LetterViewSet(TashilModelViewSet):
    queryset = Letter.objects.select_related("secretariat", "recipient_agency")
    serializer_class = LetterSerializer
    filterset_class = filtersets.LetterFilterSet
    action_map_override = {"pdf": "view"}
    issue = api_action(actions.ISSUE)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="The letter as a PDF")})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        letter = self.get_object()
        filename = services.pdf_filename(letter)
        if letter.is_issued and letter.pdf:
            return FileResponse(letter.pdf.open("rb"), as_attachment=True, filename=filename)
        response = HttpResponse(render_letter(letter), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SecretariatViewSet(TashilReadOnlyViewSet):
    queryset = Secretariat.objects.all()
    serializer_class = SecretariatSerializer
    filterset_class = filtersets.SecretariatFilterSet


class IncomingLetterNoteViewSet(TashilModelViewSet):
    queryset = IncomingLetterNote.objects.select_related("referral", "resolution")
    serializer_class = IncomingLetterNoteSerializer
    filterset_class = filtersets.IncomingLetterNoteFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        with transaction.atomic():
            note = run(
                lambda: services.record_incoming_letter(
                    user=self.request.user,
                    number=data["number"],
                    date=data["date"],
                    note=data.get("note", ""),
                    referral=data.get("referral"),
                    resolution=data.get("resolution"),
                )
            )
            scoped_save_check(self.request.user, note, "add")
        serializer.instance = note


ROUTES = [
    ("letters/letters", LetterViewSet, "letter"),
    ("letters/secretariats", SecretariatViewSet, "secretariat"),
    ("letters/incoming", IncomingLetterNoteViewSet, "incomingletternote"),
]
