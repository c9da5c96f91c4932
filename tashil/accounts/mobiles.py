"""Making User.mobile unique (issue 24): the accounts saved before had mobiles typed any way and could share one.

The migration normalises every stored mobile (``core.validators.normalize_mobile``: any digit script, +98, spaces)
and, where several accounts share a mobile, keeps it on one and blanks it on the others, naming each blanked
account in the ``tashil.migrations`` log. Which one keeps it: the active account that signed in last (the mobile
is most likely its owner's), then the oldest. No account loses anything but the shared number, which it can type
again on its profile once the right owner is settled; signing in by password is untouched.
"""

import logging

from tashil.core.validators import normalize_mobile

logger = logging.getLogger("tashil.migrations")


def keeper_order(row):
    """Sort key: active first, then the latest sign-in, then the oldest account (``row``: pk, is_active, last_login)."""
    pk, is_active, last_login = row
    return (not is_active, -(last_login.timestamp() if last_login else 0), pk)


def plan(rows):
    """From (pk, mobile, is_active, last_login) rows: ({pk: normalised mobile} to write, [(pk, mobile) to blank])."""
    by_mobile, writes = {}, {}
    for pk, mobile, is_active, last_login in rows:
        normal = normalize_mobile(mobile) if mobile else ""
        if normal != mobile:
            writes[pk] = normal
        if normal:
            by_mobile.setdefault(normal, []).append((pk, is_active, last_login))
    blanked = []
    for mobile, holders in by_mobile.items():
        for pk, _active, _login in sorted(holders, key=keeper_order)[1:]:
            writes[pk] = ""
            blanked.append((pk, mobile))
    return writes, blanked


def unique_mobiles(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    rows = User.objects.exclude(mobile="").values_list("pk", "mobile", "is_active", "last_login")
    writes, blanked = plan(rows.iterator())
    for pk, mobile in writes.items():
        User.objects.filter(pk=pk).update(mobile=mobile)
    for pk, mobile in blanked:
        logger.warning("accounts.User %s: mobile «%s» blanked (another account keeps it)", pk, mobile)
