"""The daily digest's lines from the saved views a person chose for it (core.SavedView.in_digest)."""

from django.utils.translation import gettext as _

from tashil.core.persian import to_persian_digits


def saved_view_lines(user):
    """«نمای «…»: N مورد» for each of the user's own views marked for the digest (with its rows in their scope)."""
    lines = []
    for view in user.saved_views.filter(in_digest=True).order_by("name", "pk"):
        count = view.count_for(user)
        if count is None:
            continue
        lines.append(_("نمای «%(name)s»: %(count)s مورد") % {"name": view.name, "count": to_persian_digits(count)})
    return lines
