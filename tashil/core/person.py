"""What every page needs of the person signed in, kept in the shared cache between their requests.

A signed-in page shows the same things of its person on every request: their memberships (their scope), the
top bar's line of roles and places, the bell's unread count, their saved views in the side menu, whether they
have an authenticator. Each is a *part*, computed on first need and kept in one cache entry per person
(``tashil:person:<user id>``) for ``TASHIL_PERSON_CACHE_SECONDS``, stamped with the person's *version*.

An event that changes a part calls ``changed(user_id)``, which gives the person a new version (a random token):
the entry is read with the current version in the same round trip, and an entry stamped with another is computed
afresh. The token is changed at once and again when the transaction commits: a request that read the database
before the commit and cached what it saw stamped it with a version no request accepts again. A part that depends
on rows of other people (a colleague's shared saved view) names a *generation* (``bump_generation(name)``) that
is part of every person's stamp.

Scope is never answered from a stale entry: a membership saved or deleted (any route: pages, admin, invitations,
the demo) changes its person's version (receivers in ``accounts/person_cache.py``). Labels read from other rows (a
county's or an agency's name in the top bar) follow within the entry's lifetime.

Core knows no domain: the parts that read another app's rows (the unread count, the authenticator) are registered
by that app (``register``), like the menu's groups.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PREFIX = "tashil:person"


@dataclass(frozen=True)
class Part:
    compute: object  # compute(user) -> a picklable value
    generation: str | None = None


PARTS = {}
GENERATIONS = set()


def register(name, compute, generation=None):
    """A part of every person's entry: ``compute(user)`` on first need (called once per version). A part that
    depends on other people's rows names a ``generation`` that ``bump_generation`` changes."""
    PARTS[name] = Part(compute, generation)
    if generation:
        GENERATIONS.add(generation)


def version_key(user_id):
    return f"{PREFIX}:v:{user_id}"


def generation_key(name):
    return f"{PREFIX}:g:{name}"


def new_token():
    return secrets.token_hex(6)


def changed(*user_ids):
    """The people whose parts changed: each gets a new version now and again when the transaction commits."""
    user_ids = {pk for pk in user_ids if pk}
    if not user_ids:
        return

    def bump():
        cache.set_many({version_key(pk): new_token() for pk in user_ids}, timeout=None)

    bump()
    transaction.on_commit(bump)


def bump_generation(name):
    """Rows that other people's parts read changed (``register(..., generation=name)``): every entry is recomputed."""

    def bump():
        cache.set(generation_key(name), new_token(), timeout=None)

    bump()
    transaction.on_commit(bump)


class Entry:
    """One person's parts for one request, read from the cache in one round trip, computed where missing.

    The entry (``tashil:person:<id>``) and the user row (``…:user``) are stored with the *stamp* they were computed
    under: the person's version and the generations. They are read together with the current version and
    generations, and used only when their stamp is the current one."""

    def __init__(self, user_id, user=None):
        self.user = user
        names = [version_key(user_id), *(generation_key(g) for g in sorted(GENERATIONS))]
        self.key = f"{PREFIX}:{user_id}"
        self.user_key = f"{PREFIX}:{user_id}:user"
        found = cache.get_many([*names, self.key] + ([self.user_key] if user is None else []))
        for name in names:
            if name not in found:
                # A version or generation never set (or evicted): a new one, unless another request set it meanwhile.
                token = new_token()
                found[name] = token if cache.add(name, token, timeout=None) else cache.get(name, token)
        self.stamp = tuple(found[name] for name in names)
        stored = found.get(self.key)
        self.parts = stored[1] if stored and stored[0] == self.stamp else {}
        stored = found.get(self.user_key)
        self.cached_user = stored[1] if stored and stored[0] == self.stamp[0] else None

    def get(self, name, compute=None):
        if name not in self.parts:
            self.parts[name] = compute() if compute is not None else PARTS[name].compute(self.user)
            cache.set(self.key, (self.stamp, self.parts), timeout=settings.TASHIL_PERSON_CACHE_SECONDS)
        return self.parts[name]

    def keep_user(self, user):
        cache.set(self.user_key, (self.stamp[0], user), timeout=settings.TASHIL_PERSON_CACHE_SECONDS)


def entry(user):
    """The signed-in person's entry, read once per user object (that is, once per request)."""
    found = getattr(user, "_tashil_person", None)
    if found is None:
        found = Entry(user.pk, user)
        user._tashil_person = found
    return found


def part(user, name):
    """The part ``name`` of a signed-in ``user`` (of a user not saved yet, computed: it has no entry)."""
    if user.pk is None:
        return PARTS[name].compute(user)
    return entry(user).get(name)


def version(user):
    """The signed-in person's current version: a cache key part for what is worked out from their user row or their
    parts and kept elsewhere (a rendered fragment, ``{% cache … person_version %}``). Any event that calls
    ``changed`` (a save of the user, a membership, a notification) makes a new one, so such a fragment is never
    served after it. ``""`` for a user not saved yet."""
    if user.pk is None:
        return ""
    return entry(user).stamp[0]


def remember(user, name, compute):
    """``compute()``, worked out once for the person and kept in their entry like a part: for what depends on the
    person's scope and changes too seldom to ask the database on every page (how a filter shows its choices)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return compute()
    return entry(user).get(f"remembered:{name}", compute)


def signed_in(user_id, load):
    """The user row of the person a session names, from the cache, or ``load(user_id)`` (None: no such person,
    not cached) kept for the entry's lifetime. A save or delete of the user changes their version (the receivers
    in accounts/person_cache.py), so a new password, a deactivation or a deletion is seen on the next request.
    The person's entry comes with it, in the same read of the cache."""
    found = Entry(user_id)
    user = found.cached_user
    if user is None:
        user = load(user_id)
        if user is None:
            return None
        found.keep_user(user)
    found.user = user
    user._tashil_person = found
    return user


def forget(user):
    """Drop what this user object has read of its entry: the next question reads the cache again."""
    user._tashil_person = None
