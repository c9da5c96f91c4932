"""Signing in with a username and password, and finding the signed-in person on each request."""

from django.contrib.auth.backends import ModelBackend

from tashil.core import person


class PasswordBackend(ModelBackend):
    """Django's ``ModelBackend`` (passwords, permissions), but the person a session names is read from the shared
    cache (``core/person.py``) rather than from the database on every request. A save or delete of the user gives
    them a new version (``accounts/person_cache.py``), so a changed password (the session's hash no longer
    matches), a deactivated or a deleted account signs the person out on their next request, as before."""

    def get_user(self, user_id):
        return person.signed_in(user_id, super().get_user)
