"""The clinic's workflow actions, each declared once: its service, permission, page form and API body.
``views.py`` serves them as pages (``ActionView``), ``api.py`` as API actions (``api_action``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from tashil.core.actions import Action
from tashil.core.persian import to_persian_digits

from . import forms, services
from .choices import CaseOutcome


class CaseCloseRequest(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=CaseOutcome.choices)
    note = serializers.CharField(required=False, allow_blank=True)


class RevivalReviewRequest(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[services.CONFIRM, services.RETURN])
    reason = serializers.CharField(required=False, allow_blank=True)


def closed_message(case, closed):
    if closed:
        return _("پرونده با نتیجه «%(o)s» بسته شد.") % {"o": case.get_outcome_display()}
    return _("نتیجه «%(o)s» برای تأیید به دبیرخانه فرستاده شد؛ وضعیت واحد پس از تأیید تغییر می‌کند.") % {
        "o": case.get_outcome_display()
    }


def reviewed_message(case, result):
    if case.outcome:  # confirmed: the case closed with its outcome; returned: the outcome was cleared
        return _("احیای واحد تأیید و پرونده بسته شد.")
    return _("نتیجه «احیا» به کارشناس برگشت داده شد.")


ADVANCE = Action(
    name="advance",
    service=services.advance,
    done=lambda case, result: _("پرونده به مرحله «%(s)s» رسید.") % {"s": case.get_status_display()},
)

CLOSE = Action(
    name="close",
    service=services.close_case,
    form_class=forms.CloseCaseForm,
    serializer_class=CaseCloseRequest,
    title=gettext_lazy("بستن %(object)s"),
    done=closed_message,
)

REVIEW = Action(
    name="review",
    permission=services.CONFIRM,
    service=services.review_revival,
    form_class=forms.ReviewRevivalForm,
    serializer_class=RevivalReviewRequest,
    title=gettext_lazy("بررسی نتیجه «احیا» در %(object)s"),
    done=reviewed_message,
)

FINDINGS = Action(
    name="obstacles",
    permission="change",
    service=services.findings_to_obstacles,
    done=lambda case, created: _("%(n)s مانع تولید ثبت شد.") % {"n": to_persian_digits(len(created))},
    success_url=lambda case, created: case.get_absolute_url() + "?tab=diagnosis",
)

CASE_ACTIONS = (ADVANCE, CLOSE, REVIEW)
