"""The access log: who signed in (or failed to), who signed out, who exported which list, and when.

Written by signal receivers and by the views that hand out exports; nothing edits or deletes it: it has no
edit or delete view, no API, and its model refuses both.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tashil.core.exports import exported
from tashil.core.ratelimit import client_address


def record(kind, request=None, user=None, username="", detail=""):
    from .models import AccessEvent

    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    AccessEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        address=(client_address(request) or "")[:45] if request is not None else "",
        path=(request.get_full_path() if request is not None else "")[:500],
        detail=detail[:500],
    )


def record_export(request, what, fmt):
    """An export or a generated document left the building: which, in what format, for whom."""
    record("export", request, request.user, detail=f"{what} ({fmt})")


@receiver(exported, dispatch_uid="audit-exported")
def _exported(sender, request, what, fmt, **kwargs):
    record_export(request, what, fmt)


@receiver(user_logged_in, dispatch_uid="audit-signed-in")
def _signed_in(sender, request, user, **kwargs):
    # Which route let them in: the national sign-on says so (django.contrib.auth notes the backend on the user).
    national = getattr(user, "backend", "") == "tashil.accounts.oidc.NationalSignOnBackend"
    record("sign_in", request, user, detail="با درگاه ملی" if national else "")


@receiver(user_logged_out, dispatch_uid="audit-signed-out")
def _signed_out(sender, request, user, **kwargs):
    record("sign_out", request, user)


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    record("sign_in_failed", request, username=str(credentials.get("username", "")))
