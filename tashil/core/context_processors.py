"""What every page needs: the menu for this user, the user's scope line, the direction of the language."""

from django.utils.translation import get_language_bidi

from . import scope
from .navigation import menu_for


def tashil(request):
    user = getattr(request, "user", None)
    signed_in = getattr(user, "is_authenticated", False)
    return {
        "menu": menu_for(user, request.path) if signed_in else [],
        "scope_line": scope.describe(user) if signed_in else "",
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }
