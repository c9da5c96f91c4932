"""What the person's cache entry (``core/person.py``) holds of accounts, and the events that renew it.

Memberships are written by many routes (the membership pages, the admin's inline, invitations, registrations, a
clinic expert's record, the demo), users by more (the profile, a password change, the admin, sign-in's
``last_login``), authenticators by django-otp itself: their save and delete signals are the one place every route
passes, so the receivers here give the person a new version on each. A membership also changes which colleagues
see a shared saved view: the saved views' generation is renewed with it.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from tashil.core import person
from tashil.core.context_processors import SAVED_VIEWS

from .models import Membership, User


def has_authenticator(user):
    """Whether the person has a confirmed authenticator (asked by the two-factor middleware on every request)."""
    return user_has_device(user, confirmed=True)


person.register("authenticator", has_authenticator)


@receiver(post_save, sender=Membership, dispatch_uid="person-membership-saved")
@receiver(post_delete, sender=Membership, dispatch_uid="person-membership-deleted")
def membership_changed(sender, instance, **kwargs):
    person.changed(instance.user_id)
    person.bump_generation(SAVED_VIEWS)


@receiver(post_save, sender=User, dispatch_uid="person-user-saved")
@receiver(post_delete, sender=User, dispatch_uid="person-user-deleted")
def user_changed(sender, instance, **kwargs):
    person.changed(instance.pk)


@receiver(post_save, sender=TOTPDevice, dispatch_uid="person-device-saved")
@receiver(post_delete, sender=TOTPDevice, dispatch_uid="person-device-deleted")
def device_changed(sender, instance, **kwargs):
    person.changed(instance.user_id)
