"""Two-factor sign-in with a time-based one-time code (TOTP, django-otp): set up from the profile with any
authenticator app, asked for after the password, and required of the roles in TASHIL_2FA_REQUIRED_ROLES."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tashil.core import person, scope


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def required_for(user):
    required = set(settings.TASHIL_2FA_REQUIRED_ROLES)
    return bool(required) and any(m.role in required for m in scope.memberships(user))


def needs_code(user):
    """Signed in with the password, has a device, and has not given a code in this session. Whether they have a
    device is a part of the person's cache entry (``accounts/person_cache.py``), not a query a request."""
    return person.part(user, "authenticator") and not user.is_verified()


def qr_svg(device):
    """The device's otpauth:// address as a QR code (an inline SVG data URL: nothing fetched from elsewhere)."""
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def pending_device(user):
    """The device being set up (unconfirmed until its first code is given), made once."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device
