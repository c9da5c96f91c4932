"""What the daily job runs and what each user's daily digest says, registered by the apps that own them.

notifications knows no domain app: obstacles, for one, registers its overdue-referral check and the digest's
line about overdue referrals from its AppConfig.ready() (tashil/obstacles/apps.py). Registering twice under
one name replaces, so a ready() run again adds nothing.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class DigestSection:
    # lines(user) -> the lines this section adds to the user's digest (empty: nothing to say today).
    lines: object
    # Users to consider even without an unread notification (a Q on the user model), or None.
    recipients: Q | None = None


DAILY_JOBS = {}
DIGEST_SECTIONS = {}


def daily_job(name, job):
    """Run ``job()`` once a day (before the digests); what it returns is reported under ``name``."""
    DAILY_JOBS[name] = job


def digest_section(name, lines, recipients=None):
    """Add ``lines(user)`` to each user's digest, before their unread notifications."""
    DIGEST_SECTIONS[name] = DigestSection(lines, recipients)
