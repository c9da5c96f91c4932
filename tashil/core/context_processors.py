"""What every page needs: the menu for this user, the user's scope line, the direction of the language.

Worked out once per request and kept on it: context processors run again for every template rendered with
the request, and a table's templated cells are such templates.
"""

from django.utils.translation import get_language_bidi

from . import scope
from .navigation import menu_for


def tashil(request):
    cached = getattr(request, "_tashil_context", None)
    if cached is None:
        user = getattr(request, "user", None)
        signed_in = getattr(user, "is_authenticated", False)
        cached = request._tashil_context = {
            "menu": menu_for(user, request.path) if signed_in else [],
            "scope_line": scope.describe(user) if signed_in else "",
            # Read only when the side menu is drawn (a callable: the template calls it then).
            "saved_views": (lambda: saved_views_for(user)) if signed_in else (),
        }
    return {**cached, "text_direction": "rtl" if get_language_bidi() else "ltr"}


SIDE_MENU_SAVED_VIEWS = 12


def saved_views_for(user):
    """The saved views the side menu lists: the person's own and those shared with them, by name."""
    from .models import SavedView

    return list(scope.restrict(SavedView.objects.all(), user).order_by("name", "pk")[:SIDE_MENU_SAVED_VIEWS])
