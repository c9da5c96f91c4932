"""The outgoing-letter register: list, letter page, the prefilled draft form, issuing, the PDF, attachments, the
secretariats' number formats and incoming-letter notes (the public verification page is core's,
``core.views.verify``; letters register their finder in ``hooks.py``)."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import scope
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, ScopedViewMixin
from tashil.meetings.models import Meeting, Resolution
from tashil.obstacles.models import Referral
from tashil.orgs.models import Agency

from . import actions, filtersets, forms, services, tables
from .choices import LetterKind
from .models import IncomingLetterNote, Letter, LetterAttachment, Secretariat
from .pdf import render_letter


class LetterListView(ObjectListView):
    queryset = Letter.objects.select_related("secretariat", "recipient_agency")
    filterset_class = filtersets.LetterFilterSet
    table_class = tables.LetterTable
    title = gettext_lazy("دفتر نامه‌های صادره")


class LetterView(ObjectView):
    queryset = Letter.objects.select_related(
        "secretariat", "recipient_agency", "obstacle", "meeting", "resolution", "issued_by"
    )
    template_name = "letters/letter.html"
    tabs = (Tab("letter", gettext_lazy("نامه"), "letters/tabs/letter.html"),)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter, user = self.object, self.request.user
        context.update(
            can_issue=not letter.is_issued and scope.can_object(user, letter, "issue"),
            attachments=scope.restrict(letter.attachments.all(), user),
            copies=list(letter.copies.all()),
            referrals=scope.restrict(letter.referrals.select_related("obstacle__unit", "agency"), user),
        )
        return context


def scoped(model, user, pk):
    """A record named in the query string, through the scope helper (404 when out of sight)."""
    return scope.get_object_or_404(model, user, "view", pk=pk)


def pks(value):
    return [int(part) for part in str(value or "").split(",") if part.strip().isdigit()]


class LetterEditView(ObjectEditView):
    """A draft letter: prefilled from the record the secretariat clicked «صدور نامه …» on; an issued letter
    is refused with the reason (403, ``Letter.locked_reason``)."""

    model = Letter
    form_class = forms.LetterForm

    def draft(self):
        """The initial draft from the query string: ?kind=…&referrals=1,2 | referral= | resolution= | meeting=&agency="""
        query, user = self.request.GET, self.request.user
        kind = query.get("kind")
        if kind == LetterKind.REFERRAL and pks(query.get("referrals")):
            referrals = [scoped(Referral, user, pk) for pk in pks(query.get("referrals"))]
            return services.referral_draft(referrals)
        if kind == LetterKind.RESOLUTION_NOTICE and query.get("resolution", "").isdigit():
            return services.resolution_notice_draft(scoped(Resolution, user, int(query["resolution"])))
        if kind == LetterKind.INVITATION and query.get("meeting", "").isdigit():
            meeting = scoped(Meeting, user, int(query["meeting"]))
            invited = meeting.attendance.filter(agency__isnull=False).values("agency_id")
            agencies = Agency.objects.filter(pk__in=invited)
            asked = query.get("agency", "")
            agency = (
                agencies.filter(pk=int(asked) if asked.isdigit() else 0).first()
                or agencies.exclude(
                    pk__in=meeting.letters.filter(kind=LetterKind.INVITATION).values("recipient_agency_id")
                ).first()
                or agencies.first()
            )
            if agency is None:
                return {"kind": kind, "meeting": meeting}
            return services.invitation_draft(meeting, agency)
        if kind == LetterKind.REMINDER and query.get("referral", "").isdigit():
            return services.reminder_draft(referral=scoped(Referral, user, int(query["referral"])))
        if kind == LetterKind.REMINDER and query.get("resolution", "").isdigit():
            return services.reminder_draft(resolution=scoped(Resolution, user, int(query["resolution"])))
        return {"kind": LetterKind.GENERAL}

    def get_initial(self):
        initial = self.draft()
        parts = ("resolution", "meeting", "obstacle", "referrals")
        county = services.county_of(**{name: initial[name] for name in parts if initial.get(name) is not None})
        self.county = county
        secretariat = services.secretariat_for(self.request.user, county)
        if secretariat is not None:
            user = self.request.user
            initial.setdefault("signer_name", secretariat.signer_name or str(user))
            initial.setdefault("signer_position", secretariat.signer_position or user.position or _("دبیر ستاد"))
        return initial

    def get_form(self, data=None, files=None):
        initial = self.get_initial() if not self.object.pk else None
        if self.object.pk:
            self.county = services.record_county(self.object)
        return self.form_class(
            data, files, instance=self.object, initial=initial, user=self.request.user, county=self.county
        )

    def save(self, form):
        letter = form.save(commit=False)
        if not letter.pk:
            letter.secretariat = form.secretariat
        services.save_draft(letter, user=self.request.user, attachment=form.cleaned_data.get("attachment"))
        form.save_m2m()
        return letter


class LetterDeleteView(ObjectDeleteView):
    model = Letter


class LetterIssueView(ActionView):
    """«صدور نامه»: the service numbers, dates and seals the draft; a refusal comes back in Persian."""

    model = Letter
    actions = (actions.ISSUE,)


class LetterPdfView(ScopedViewMixin, View):
    """The letter as a PDF: the stored, issued copy; a draft is rendered and marked as one."""

    model = Letter

    def get(self, request, pk):
        from tashil.accounts.audit import record_export

        letter = self.get_scoped_object("view")
        record_export(request, str(letter), "pdf")
        filename = services.pdf_filename(letter)
        if letter.is_issued and letter.pdf:
            return FileResponse(letter.pdf.open("rb"), as_attachment=True, filename=filename)
        response = HttpResponse(render_letter(letter), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class LetterAttachmentView(ScopedViewMixin, View):
    model = LetterAttachment

    def get(self, request, pk):
        attachment = self.get_scoped_object("view")
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, as_attachment=True, filename=attachment.name)
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SecretariatListView(ObjectListView):
    queryset = Secretariat.objects.select_related("province", "county")
    filterset_class = filtersets.SecretariatFilterSet
    table_class = tables.SecretariatTable


class SecretariatView(ObjectView):
    queryset = Secretariat.objects.select_related("province", "county")
    profile_fields = (
        "name",
        "level",
        "province",
        "county",
        "letterhead",
        "prefix",
        "number_format",
        "signer_name",
        "signer_position",
    )


class SecretariatEditView(ObjectEditView):
    model = Secretariat
    form_class = forms.SecretariatForm


class IncomingLetterNoteEditView(ObjectEditView):
    """An agency's reply letter noted on a referral or a resolution (through the service, like the API)."""

    model = IncomingLetterNote
    form_class = forms.IncomingLetterNoteForm

    def save(self, form):
        data = form.cleaned_data
        return services.record_incoming_letter(
            user=self.request.user,
            number=data["number"],
            date=data["date"],
            note=data.get("note", ""),
            referral=data.get("referral"),
            resolution=data.get("resolution"),
        )

    def get_success_url(self, obj):
        return obj.target().get_absolute_url() + "?tab=letters"
