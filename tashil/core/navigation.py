"""The side menu. An item shows when the user may take its action on its model; empty groups disappear.

The groups are registered by the assembly (``tashil/site/menu.py``); items whose URL does not exist are
skipped, so the menu never links to a page that is not there.
"""

import functools
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, get_script_prefix, reverse

from . import scope


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str = "bi-dot"
    model: str | None = None
    action: str = "view"
    roles: tuple = ()


@dataclass(frozen=True)
class MenuGroup:
    label: str
    icon: str
    items: tuple = field(default_factory=tuple)


# The menu's groups, in order. Core names no page of its own here: the assembly (tashil.site.menu) registers
# the groups from its AppConfig.ready(), so core knows no domain app's URL.
MENU = []


def register(*groups):
    """Append menu groups (called once, from an AppConfig.ready())."""
    MENU.extend(groups)
    _groups_for.cache_clear()


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def menu_for(user, path=""):
    """The groups and items this user may open; the item whose URL is the longest prefix of ``path`` is active."""
    groups, active = groups_and_active(user, path)
    return [
        {"label": label, "icon": icon, "items": [dict(item, active=item["url"] == active) for item in items]}
        for label, icon, items in groups
    ]


def menu_key(user, path=""):
    """What the drawn menu depends on, as a cache key part: the roles (or superuser) and the active item's URL (the
    home page's own link when ``path`` is the home page). The side menu is a fragment cached per key
    (``{% cache … using="layout" %}`` in base.html)."""
    roles = sorted({m.role for m in scope.memberships(user)})
    _groups, active = groups_and_active(user, path)
    if path == "/":  # base.html marks the home link active on this path
        active = "home"
    return f"{int(user.is_superuser)}|{','.join(roles)}|{get_script_prefix()}|{active or ''}"


def groups_and_active(user, path):
    roles = frozenset(m.role for m in scope.memberships(user))
    groups = _groups_for(user.is_superuser, roles, get_script_prefix())
    urls = [item["url"] for _label, _icon, items in groups for item in items if path.startswith(item["url"])]
    return groups, max(urls, key=len) if urls else None


@functools.lru_cache(maxsize=256)
def _groups_for(is_superuser, roles, script_prefix):
    """The menu for a set of roles. What a user may open depends on their roles alone (``scope.can`` asks only
    which roles their memberships hold), and the labels are translated when shown: worked out once per
    combination of roles in each process, instead of some fifty permission checks and URL lookups a page."""
    groups = []
    for group in MENU:
        items = []
        for item in group.items:
            if item.roles and not is_superuser and not roles & set(item.roles):
                continue
            if item.model:
                try:
                    model = apps.get_model(item.model)
                except LookupError:
                    continue
                if not is_superuser and not scope.roles_can(roles, model, item.action):
                    continue
            url = _url(item.url_name)
            if url is None:
                continue
            items.append({"label": item.label, "url": url, "icon": item.icon})
        if items:
            groups.append((group.label, group.icon, tuple(items)))
    return tuple(groups)
