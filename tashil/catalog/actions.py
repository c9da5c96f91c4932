"""The public face's workflow actions declared once (``core.actions.Action``): served as a page by ``views.py``
and as an API action by ``api.py``."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashil.core.actions import Action

from . import services


class HandledForm(forms.Form):
    """The inquiry's button sends the state it moves to (followed up, or back to waiting)."""

    handled = forms.BooleanField(required=False)


def handled_message(inquiry, result):
    state = _("پیگیری‌شده") if result.handled else _("در انتظار پیگیری")
    return _("درخواست «%(name)s» %(state)s شد.") % {"name": inquiry.name, "state": state}


MARK_READ = Action(
    name="mark_read",
    service=services.mark_read,
    permission="change",
    title=gettext_lazy("خواندن پیام «%(object)s»"),
    done=gettext_lazy("پیام «%(object)s» خوانده‌شده ثبت شد."),
)

SET_HANDLED = Action(
    name="handled",
    service=services.set_handled,
    permission="change",
    form_class=HandledForm,
    title=gettext_lazy("پیگیری درخواست «%(object)s»"),
    done=handled_message,
)
