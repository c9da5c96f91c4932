"""The units' workflow actions declared once (``core.actions.Action``): served as a page by ``views.py`` and as an
API action by ``api.py``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from tashil.accounts.models import User
from tashil.core.actions import Action
from tashil.core.api import fields as api_fields

from . import forms, services
from .choices import ReportStatus, UnitStatus


class FollowerRequest(serializers.Serializer):
    follower = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True)


class StatusChangeRequest(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=UnitStatus.choices)
    reason = serializers.CharField(max_length=500)
    date = api_fields.DateField(required=False)


class ReviewRequest(serializers.Serializer):
    decision = serializers.ChoiceField(choices=((services.APPROVE, "approve"), (services.RETURN, "return")))
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


FOLLOW = Action(
    name="follow",
    service=services.set_follower,
    form_class=forms.FollowerForm,
    form_kwargs=lambda unit: {"county": unit.county, "current": unit.follower_id},
    serializer_class=FollowerRequest,
    title=gettext_lazy("تعیین پیگیر «%(object)s»"),
    done=lambda unit, result: _("پیگیر واحد: %(person)s.") % {"person": services.person_name(result.follower)},
    intro=lambda unit: (
        _("کارشناس دبیرخانه‌ای که پیگیری امور «%(unit)s» (%(county)s) با اوست.") % {"unit": unit, "county": unit.county}
    ),
    page=True,
)


CONFIRM_DATA = Action(
    name="confirm_data",
    service=services.confirm_data,
    title=gettext_lazy("تأیید اطلاعات «%(object)s»"),
    done=gettext_lazy("سپاس؛ درستی اطلاعات «%(object)s» امروز تأیید شد."),
)


STATUS = Action(
    name="status",
    service=services.change_status,
    form_class=forms.StatusChangeForm,
    form_kwargs=lambda unit: {"unit": unit},
    serializer_class=StatusChangeRequest,
    title=gettext_lazy("تغییر وضعیت %(object)s"),
    done=lambda unit, change: (
        _("وضعیت «%(unit)s» به «%(status)s» تغییر کرد.") % {"unit": unit, "status": unit.get_status_display()}
    ),
    intro=lambda unit: (
        _("وضعیت کنونی: %(status)s. تغییر وضعیت با تاریخ و دلیل در تاریخچه واحد ثبت می‌شود.")
        % {"status": unit.get_status_display()}
    ),
    success_url=lambda unit, change: unit.get_absolute_url() + "?tab=status",
    page=True,
)


VERIFY = Action(
    name="verify",
    service=services.mark_verified,
    title=gettext_lazy("تأیید درستی اطلاعات «%(object)s»"),
    done=gettext_lazy("درستی اطلاعات «%(object)s» امروز تأیید شد."),
)


def reviewed_message(report, result):
    if report.status == ReportStatus.APPROVED:
        return _("آمار %(report)s تأیید شد.") % {"report": report}
    return _("آمار %(report)s برای اصلاح برگشت داده شد.") % {"report": report}


REVIEW = Action(
    name="review",
    service=services.review_report,
    form_class=forms.ReviewForm,
    serializer_class=ReviewRequest,
    title=gettext_lazy("بررسی آمار %(object)s"),
    done=reviewed_message,
)
