"""Why an object cannot be deleted, said the same way by the delete page and the API."""

from django.utils.translation import gettext as _


def refusal_message(name, error):
    """The Persian refusal for a ProtectedError or RestrictedError: the kinds of record that still refer to the
    object (never the records themselves, which may lie outside the caller's scope)."""
    related = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    blockers = sorted({str(item._meta.verbose_name_plural) for item in related})
    return _("«%(object)s» حذف نشد، چون این موارد به آن وابسته‌اند: %(blockers)s.") % {
        "object": name,
        "blockers": "، ".join(blockers),
    }
