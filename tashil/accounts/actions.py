"""The accounts' workflow actions, each declared once: resend or revoke an invitation, approve or refuse a unit
representative's registration (``access_views`` serves them as pages)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashil.core.actions import Action

from . import forms, services

RESEND = Action(
    name="resend",
    service=services.resend_invitation,
    done=lambda invitation, token: _("پیوند تازه دعوت فرستاده شد؛ پیوند پیشین دیگر کار نمی‌کند."),
)

REVOKE = Action(
    name="revoke",
    service=services.revoke_invitation,
    done=gettext_lazy("«%(object)s» باطل شد؛ پیوند آن دیگر کار نمی‌کند."),
)

INVITATION_ACTIONS = (RESEND, REVOKE)

APPROVE = Action(
    name="approve",
    permission="decide",
    service=services.approve_registration,
    done=lambda request, user: _("درخواست پذیرفته شد: «%(user)s» نماینده واحد شد و به او پیامک رفت.") % {"user": user},
)

REFUSE = Action(
    name="refuse",
    permission="decide",
    service=services.refuse_registration,
    form_class=forms.RefuseRegistrationForm,
    title=gettext_lazy("رد %(object)s"),
    done=gettext_lazy("«%(object)s» رد شد و دلیل آن به متقاضی پیامک شد."),
    page=True,
)

REGISTRATION_ACTIONS = (APPROVE, REFUSE)
