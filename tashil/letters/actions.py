"""The letters' workflow action declared once (``core.actions.Action``): served as a page by ``views.py`` and as an
API action by ``api.py``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashil.core.actions import Action

from . import services

ISSUE = Action(
    name="issue",
    service=services.issue_letter,
    title=gettext_lazy("صدور «%(object)s»"),
    done=lambda letter, issued: _("نامه با شماره %(number)s صادر شد.") % {"number": issued.number},
)
