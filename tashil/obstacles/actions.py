"""The obstacles' workflow actions, each declared once: its service, permission, page form and API body.
``views.py`` serves them as pages (``ActionView``), ``api.py`` as API actions (``api_action``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from tashil.accounts.models import User
from tashil.core.actions import Action
from tashil.core.jalali import format_jalali
from tashil.orgs.models import Agency
from tashil.units.forms import FollowerForm

from . import forms, services
from .choices import FailureParty, ObstacleStatus, Outcome, ReferralStatus


class ReferRequest(serializers.Serializer):
    agencies = serializers.PrimaryKeyRelatedField(many=True, queryset=Agency.objects.all())
    days = serializers.IntegerField(required=False, min_value=1, max_value=120)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ObstacleCloseRequest(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    failure_party = serializers.ChoiceField(choices=FailureParty.choices, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class NoteRequest(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class RequestDocumentsRequest(serializers.Serializer):
    request = serializers.CharField()


class SupplyDocumentsRequest(serializers.Serializer):
    reply = serializers.CharField()


class RespondRequest(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    response = serializers.CharField(required=False, allow_blank=True)


class AssignRequest(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True)


class FollowerRequest(serializers.Serializer):
    follower = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True)


class ConfirmRequest(serializers.Serializer):
    outcome_rating = serializers.IntegerField(required=False, allow_null=True)
    conduct_rating = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class CommentRequest(serializers.Serializer):
    text = serializers.CharField()
    internal = serializers.BooleanField(required=False, default=False)


class SystemicStatusRequest(serializers.Serializer):
    status = serializers.ChoiceField(choices=ObstacleStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True)


class ReopenRequest(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)
    outcome_rating = serializers.IntegerField(required=False, allow_null=True)
    conduct_rating = serializers.IntegerField(required=False, allow_null=True)


def obstacle_intro(obstacle):
    return _("«%(title)s» — واحد %(unit)s، وضعیت: %(status)s") % {
        "title": obstacle.title,
        "unit": obstacle.unit,
        "status": obstacle.get_status_display(),
    }


REFER = Action(
    name="refer",
    service=services.refer,
    form_class=forms.ReferForm,
    form_kwargs=lambda obstacle: {"obstacle": obstacle},
    serializer_class=ReferRequest,
    title=gettext_lazy("ارجاع «%(object)s»"),
    done=gettext_lazy("«%(object)s» ارجاع شد."),
    intro=obstacle_intro,
    page=True,
)

CLOSE = Action(
    name="close",
    service=services.close,
    form_class=forms.CloseForm,
    serializer_class=ObstacleCloseRequest,
    title=gettext_lazy("بستن «%(object)s»"),
    done=gettext_lazy("«%(object)s» بسته شد."),
    intro=obstacle_intro,
    page=True,
)

ESCALATE = Action(
    name="escalate",
    service=services.escalate,
    form_class=forms.EscalateForm,
    serializer_class=NoteRequest,
    title=gettext_lazy("تشدید «%(object)s»"),
    done=gettext_lazy("«%(object)s» به سطح بالاتر فرستاده شد."),
    intro=obstacle_intro,
    page=True,
)

ANSWER = Action(
    name="respond",
    service=services.answer,
    form_class=forms.RespondForm,
    form_kwargs=lambda referral: {"referral": referral},
    serializer_class=RespondRequest,
    title=gettext_lazy("پاسخ به «%(object)s»"),
    done=lambda referral, result: _("پاسخ «%(agency)s» ثبت شد.") % {"agency": referral.agency},
    success_url=lambda referral, result: reverse("obstacles:inbox"),
)

ESCALATE_REFERRAL = Action(
    name="escalate",
    service=services.escalate_referral,
    title=gettext_lazy("تشدید «%(object)s»"),
    done=gettext_lazy("«%(object)s» تشدید شد."),
)


def referral_intro(referral):
    return _("«%(obstacle)s» — واحد %(unit)s، ارجاع به «%(agency)s»، مهلت %(due)s") % {
        "obstacle": referral.obstacle.title,
        "unit": referral.obstacle.unit,
        "agency": referral.agency,
        "due": format_jalali(referral.due_date),
    }


REQUEST_DOCUMENTS = Action(
    name="request_documents",
    service=services.request_documents,
    form_class=forms.RequestDocumentsForm,
    serializer_class=RequestDocumentsRequest,
    title=gettext_lazy("درخواست مدارک از تولیدکننده برای «%(object)s»"),
    done=gettext_lazy("درخواست مدارک فرستاده شد؛ تا پاسخ تولیدکننده مهلت متوقف است."),
    intro=referral_intro,
    page=True,
)


ASSIGN = Action(
    name="assign",
    service=services.assign,
    form_class=forms.AssignForm,
    form_kwargs=lambda referral: {"referral": referral},
    serializer_class=AssignRequest,
    title=gettext_lazy("تعیین مسئول رسیدگی «%(object)s»"),
    done=lambda referral, result: _("مسئول رسیدگی: %(person)s.") % {"person": services.person_name(result.assignee)},
    intro=referral_intro,
    page=True,
)

SUPPLY_DOCUMENTS = Action(
    name="supply_documents",
    service=services.supply_documents,
    form_class=forms.SupplyDocumentsForm,
    serializer_class=SupplyDocumentsRequest,
    title=gettext_lazy("پاسخ به درخواست مدارک «%(object)s»"),
    done=lambda referral, result: (
        _("پاسخ شما به «%(agency)s» رسید؛ مهلت دستگاه دوباره جاری شد، تا %(due)s.")
        % {"agency": referral.agency, "due": format_jalali(referral.due_date)}
    ),
    intro=lambda referral: (
        _("«%(agency)s» خواسته است: %(request)s") % {"agency": referral.agency, "request": referral.wait_request}
    ),
    page=True,
)


FOLLOW = Action(
    name="follow",
    service=services.set_follower,
    form_class=FollowerForm,
    form_kwargs=lambda obstacle: {"county": obstacle.county, "current": obstacle.follower_id},
    serializer_class=FollowerRequest,
    title=gettext_lazy("تعیین پیگیر «%(object)s»"),
    done=lambda obstacle, result: _("پیگیر مانع: %(person)s.") % {"person": services.person_name(result.follower)},
    intro=obstacle_intro,
    page=True,
)


COMMENT = Action(
    name="comment",
    service=services.add_to_timeline,
    form_class=forms.CommentForm,
    form_user=True,
    serializer_class=CommentRequest,
    title=gettext_lazy("یادداشت بر «%(object)s»"),
    done=gettext_lazy("به روند رسیدگی افزوده شد."),
    intro=obstacle_intro,
)


def review_intro(review):
    referral = review.referral
    return _("«%(agency)s» درباره مانع «%(title)s» پاسخ داده «انجام شد»: %(response)s") % {
        "agency": referral.agency,
        "title": referral.obstacle.title,
        "response": referral.response or "—",
    }


CONFIRM = Action(
    name="confirm",
    permission="review",
    service=services.confirm_done,
    form_class=forms.ConfirmForm,
    serializer_class=ConfirmRequest,
    title=gettext_lazy("تأیید رفع مانع — %(object)s"),
    done=gettext_lazy("سپاس؛ تأیید شما ثبت شد."),
    intro=review_intro,
    page=True,
)

REOPEN = Action(
    name="reopen",
    permission="review",
    service=services.reopen,
    form_class=forms.ReopenForm,
    serializer_class=ReopenRequest,
    title=gettext_lazy("بازگشایی مانع — %(object)s"),
    done=gettext_lazy("مانع بازگشایی شد و به دستگاه بازگشت."),
    intro=review_intro,
    page=True,
)


MOVE_ISSUE = Action(
    name="status",
    service=services.move_issue,
    form_class=forms.SystemicStatusForm,
    form_kwargs=lambda issue: {"issue": issue},
    serializer_class=SystemicStatusRequest,
    title=gettext_lazy("وضعیت «%(object)s»"),
    done=gettext_lazy("وضعیت «%(object)s» به‌روز شد."),
)
