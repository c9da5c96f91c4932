"""The daily digest's lines from the saved views a person chose for it (core.SavedView.in_digest_of): their own
marked for it, and the shared ones they put in their own digest."""

from django.conf import settings
from django.utils.translation import gettext as _

from tashil.core.models import SavedView
from tashil.core.persian import to_persian_digits


def address(path):
    """A page's full address: the digest is read in an e-mail, away from the site."""
    return settings.TASHIL_SITE_URL.rstrip("/") + path


def saved_view_lines(user):
    """For each view in the user's digest: «نمای «…»: N مورد», its first rows each with its link, and the link
    to the whole list — the list as the user would see it (its filter set, the user's scope, its order)."""
    lines = []
    for view in SavedView.in_digest_of(user):
        shown = view.first_rows_for(user, SavedView.DIGEST_ROWS)
        if shown is None:
            continue
        count, rows = shown
        lines.append(_("نمای «%(name)s»: %(count)s مورد") % {"name": view.name, "count": to_persian_digits(count)})
        lines.extend(f"  - {row}: {address(row.get_absolute_url())}" for row in rows)
        if count:
            more = count - len(rows)
            lines.append(
                (_("  و %(more)s مورد دیگر؛ همه: %(url)s") if more else _("  فهرست: %(url)s"))
                % {"more": to_persian_digits(more), "url": address(view.get_absolute_url())}
            )
    return lines
