"""What every page needs: the menu for this user, the user's scope line, the direction of the language.

Worked out once per request and kept on it: context processors run again for every template rendered with
the request, and a table's templated cells are such templates. The scope line and the saved views are parts of
the person's cache entry (``core/person.py``): read from the cache, computed once per version of the person.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language_bidi

from . import person, scope
from .models import SavedView
from .navigation import menu_for, menu_key


def tashil(request):
    cached = getattr(request, "_tashil_context", None)
    if cached is None:
        user = getattr(request, "user", None)
        signed_in = getattr(user, "is_authenticated", False)
        cached = request._tashil_context = {
            # The side menu is a fragment cached per menu_key (base.html): its groups are worked out only to draw it.
            "menu": (lambda: menu_for(user, request.path)) if signed_in else (),
            "menu_key": menu_key(user, request.path) if signed_in else "",
            "scope_line": scope.describe(user) if signed_in else "",
            # Read only when the side menu is drawn (a callable: the template calls it then).
            "saved_views": (lambda: person.part(user, "saved_views")) if signed_in else (),
        }
    return {**cached, "text_direction": "rtl" if get_language_bidi() else "ltr"}


SIDE_MENU_SAVED_VIEWS = 12
# The generation of every person's saved views: a colleague's shared view, or a membership that changes who
# shares with whom, changes what others' side menus list.
SAVED_VIEWS = "saved_views"


def saved_views_for(user):
    """The saved views the side menu lists: the person's own and those shared with them, by name."""
    return list(scope.restrict(SavedView.objects.all(), user).order_by("name", "pk")[:SIDE_MENU_SAVED_VIEWS])


person.register("saved_views", saved_views_for, generation=SAVED_VIEWS)


@receiver(post_save, sender=SavedView, dispatch_uid="person-savedview-saved")
@receiver(post_delete, sender=SavedView, dispatch_uid="person-savedview-deleted")
def saved_view_changed(sender, instance, **kwargs):
    person.bump_generation(SAVED_VIEWS)
