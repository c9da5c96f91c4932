"""The units' workflow actions declared once (``core.actions.Action``): served as a page by ``views.py`` and as an
API action by ``api.py``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from tashil.accounts.models import User
from tashil.core.actions import Action

from . import forms, services


class FollowerRequest(serializers.Serializer):
    follower = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True)


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
