"""The meetings' workflow actions, each declared once: its service, permission, page form and API body.
``views.py`` serves them as pages (``ActionView``), ``api.py`` as API actions (``api_action``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from tashil.core.actions import Action
from tashil.core.api.fields import ScopedPrimaryKey
from tashil.core.persian import to_persian_digits
from tashil.obstacles.models import Obstacle, ObstacleGroup

from . import forms, services


class AmendRequest(serializers.Serializer):
    text = serializers.CharField()
    reason = serializers.CharField(max_length=300)


class CancelRequest(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class NoteText(serializers.Serializer):
    """The API's ``text`` is the service's ``note``."""

    text = serializers.CharField(source="note", required=False, allow_blank=True)


class ReasonText(serializers.Serializer):
    """The API's ``text`` is the service's ``reason``."""

    text = serializers.CharField(source="reason", required=False, allow_blank=True)


class ExecutionRequest(serializers.Serializer):
    evidence = serializers.CharField()


class NotExecutedRequest(serializers.Serializer):
    failure_party = serializers.ChoiceField(choices=("agency", "producer", "external"))
    note = serializers.CharField(required=False, allow_blank=True)


class AgendaObstacleRequest(serializers.Serializer):
    obstacle = ScopedPrimaryKey(queryset=Obstacle.objects.open())


class ItemObstacleRequest(serializers.Serializer):
    group = serializers.PrimaryKeyRelatedField(queryset=ObstacleGroup.objects.filter(is_active=True))
    text = serializers.CharField()


def on_tab(tab):
    return lambda obj, result: obj.get_absolute_url() + f"?tab={tab}"


# ---------------------------------------------------------------- a meeting

HOLD = Action(name="hold", service=services.hold, done=gettext_lazy("برگزاری جلسه ثبت شد."))

APPROVE = Action(name="approve", service=services.approve, done=gettext_lazy("صورتجلسه تأیید و قفل شد."))

CANCEL = Action(
    name="cancel",
    service=services.cancel,
    form_class=forms.CancelForm,
    serializer_class=CancelRequest,
    title=gettext_lazy("لغو %(object)s"),
    done=gettext_lazy("جلسه لغو شد."),
)

CARRY = Action(
    name="carry",
    service=services.carry_over,
    done=gettext_lazy("دستور کارهای باز به جلسه بعد منتقل شد."),
    success_url=lambda meeting, target: target.get_absolute_url(),
)

AMEND = Action(
    name="amend",
    service=services.amend,
    form_class=forms.AmendmentForm,
    serializer_class=AmendRequest,
    title=gettext_lazy("اصلاحیه صورتجلسه %(object)s"),
    intro=lambda meeting: _("صورتجلسه تأییدشده ویرایش نمی‌شود؛ اصلاحیه با دلیل آن ثبت و به صورتجلسه پیوست می‌شود."),
    done=gettext_lazy("اصلاحیه ثبت شد."),
    page=True,
)

INVITE = Action(
    name="invite",
    permission="change",
    service=services.invite_agencies,
    done=lambda meeting, invited: _("%(count)s دستگاه دعوت شد.") % {"count": to_persian_digits(len(invited))},
    success_url=on_tab("attendance"),
)

SEND_INVITATIONS = Action(
    name="send_invitations",
    permission="change",
    service=services.send_invitations,
    done=lambda meeting, rows: (
        _("دعوتنامه برای %(count)s دعوت‌شده فرستاده شد (رایانامه با فایل تقویم و پیامک).")
        % {"count": to_persian_digits(len(rows))}
    ),
    success_url=on_tab("attendance"),
)

MEETING_ACTIONS = (HOLD, APPROVE, CANCEL, CARRY, AMEND, SEND_INVITATIONS)

AGENDA_OBSTACLE = Action(
    name="agenda_obstacle",
    permission="change",
    service=services.put_on_agenda,
    form_class=forms.AgendaObstacleForm,
    form_kwargs=lambda meeting: {"meeting": meeting},
    form_user=True,
    serializer_class=AgendaObstacleRequest,
    title=gettext_lazy("افزودن مانع به دستور کار %(object)s"),
    done=lambda meeting, item: _("«%(o)s» به دستور کار افزوده شد.") % {"o": item.title},
    success_url=on_tab("agenda"),
)

# ---------------------------------------------------------------- obstacles opened from the minutes: their own
# role action (``open_obstacle``), not «change», so approved minutes still take their follow-up (services.py).

ITEM_TO_OBSTACLE = Action(
    name="obstacle",
    permission="open_obstacle",
    service=services.item_to_obstacle,
    form_class=forms.ItemObstacleForm,
    form_kwargs=lambda item: {"initial": {"text": "\n".join(filter(None, (item.title, item.discussion)))}},
    serializer_class=ItemObstacleRequest,
    title=gettext_lazy("ثبت مانع از دستور کار «%(object)s»"),
    intro=lambda item: _("مانع تازه برای «%(unit)s» ثبت و به این دستور کار پیوند می‌شود.") % {"unit": item.unit},
    done=lambda item, obstacle: _("مانع «%(o)s» ثبت شد.") % {"o": obstacle},
    success_url=lambda item, obstacle: item.meeting.get_absolute_url() + "?tab=agenda",
    page=True,
)

FINDING_TO_OBSTACLE = Action(
    name="obstacle",
    permission="open_obstacle",
    service=services.finding_to_obstacle,
    done=lambda finding, obstacle: _("مانع «%(o)s» ثبت شد.") % {"o": obstacle},
    success_url=lambda finding, obstacle: finding.meeting.get_absolute_url() + "?tab=findings",
)

# ---------------------------------------------------------------- a resolution

PROGRESS = Action(
    name="progress",
    permission="report",
    service=services.report_progress,
    form_class=forms.ProgressForm,
    serializer_class=NoteText,
    title=gettext_lazy("گزارش پیشرفت %(object)s"),
    done=gettext_lazy("گزارش پیشرفت ثبت شد."),
)

EXECUTE = Action(
    name="execute",
    permission="report",
    service=services.report_execution,
    form_class=forms.ExecutionForm,
    serializer_class=ExecutionRequest,
    title=gettext_lazy("گزارش اجرای %(object)s"),
    done=gettext_lazy("اجرای مصوبه گزارش شد و در انتظار تأیید دبیرخانه است."),
)

OBJECT = Action(
    name="object",
    service=services.object_to,
    form_class=forms.ReasonForm,
    serializer_class=ReasonText,
    title=gettext_lazy("اعتراض به %(object)s"),
    done=gettext_lazy("اعتراض ثبت شد و در دستور جلسه بعد قرار گرفت."),
)

VERIFY = Action(name="verify", service=services.verify, done=gettext_lazy("اجرای مصوبه تأیید شد."))

REJECT = Action(
    name="reject",
    permission="verify",
    service=services.reject_report,
    form_class=forms.ReasonForm,
    title=gettext_lazy("نپذیرفتن گزارش اجرای %(object)s"),
    done=gettext_lazy("گزارش اجرا پذیرفته نشد."),
)

NOT_EXECUTED = Action(
    name="not_executed",
    permission="close",
    service=services.mark_not_executed,
    form_class=forms.NotExecutedForm,
    serializer_class=NotExecutedRequest,
    title=gettext_lazy("اجرانشده: %(object)s"),
    done=gettext_lazy("مصوبه اجرانشده ثبت شد."),
)

CANCEL_RESOLUTION = Action(
    name="cancel",
    permission="close",
    service=services.cancel_resolution,
    form_class=forms.NoteForm,
    serializer_class=NoteText,
    title=gettext_lazy("لغو %(object)s"),
    done=gettext_lazy("مصوبه لغو شد."),
)

REAFFIRM = Action(
    name="reaffirm",
    permission="close",
    service=services.reaffirm,
    form_class=forms.NoteForm,
    serializer_class=NoteText,
    title=gettext_lazy("تأیید دوباره %(object)s"),
    done=gettext_lazy("مصوبه دوباره تأیید شد."),
)

RESOLUTION_ACTIONS = (PROGRESS, EXECUTE, OBJECT, VERIFY, REJECT, NOT_EXECUTED, CANCEL_RESOLUTION, REAFFIRM)
