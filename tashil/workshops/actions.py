"""The workshops' workflow actions declared once (``core.actions.Action``): served as pages by ``views.py`` and as
API actions by ``api.py``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from tashil.core.actions import Action
from tashil.core.api import fields as api_fields
from tashil.core.persian import to_persian_digits

from . import forms, services


class AttendanceRequest(serializers.Serializer):
    present = serializers.ListField(child=api_fields.IdField(), help_text="ids of the registrations present")


ATTENDANCE = Action(
    name="attendance",
    service=services.record_attendance,
    form_class=forms.AttendanceForm,
    form_kwargs=lambda workshop: {"workshop": workshop},
    serializer_class=AttendanceRequest,
    title=gettext_lazy("حضور و غیاب «%(object)s»"),
    done=lambda workshop, count: _("حضور و غیاب ثبت شد: %(count)s نفر حاضر.") % {"count": to_persian_digits(count)},
    success_url=lambda workshop, count: workshop.get_absolute_url() + "?tab=attendance",
)

CANCEL = Action(
    name="cancel",
    service=services.cancel_registration,
    title=gettext_lazy("لغو ثبت‌نام «%(object)s»"),
    done=lambda registration, result: _("ثبت‌نام %(name)s لغو شد.") % {"name": registration.full_name},
)
