"""What the access flows need from apps above accounts, registered from their ``AppConfig.ready()``:

- ``register_sms(send)``: notifications gives its ``send_sms(to, text)`` (accounts may not import it);
- ``register_unit_finder(find)``: units gives ``find(national_id) -> unit or None`` (a unit has ``pk``,
  ``county_id`` and ``mobile``), for a representative's self-registration.
"""

from django.core.exceptions import ImproperlyConfigured

_hooks = {}


def register_sms(send):
    _hooks["sms"] = send


def register_unit_finder(find):
    _hooks["unit"] = find


def send_sms(to, text):
    if "sms" not in _hooks:
        raise ImproperlyConfigured("No SMS sender registered (tashil.notifications registers one).")
    return _hooks["sms"](to, text)


def find_unit(national_id):
    if "unit" not in _hooks:
        raise ImproperlyConfigured("No unit finder registered (tashil.units registers one).")
    return _hooks["unit"](national_id)
