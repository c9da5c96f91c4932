"""Per-address request limits of the API, counted on the client's address by the project's one rule."""

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from tashil.core.ratelimit import client_address


class AddressRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, keyed on ``client_address``: X-Forwarded-For is believed only as far as
    TASHIL_TRUSTED_PROXIES allows, so a client cannot escape the limit by writing a new address on each call."""

    @property
    def THROTTLE_RATES(self):
        """Read when a request comes, so a changed REST_FRAMEWORK setting applies at once."""
        return api_settings.DEFAULT_THROTTLE_RATES

    def get_ident(self, request):
        return client_address(request)
