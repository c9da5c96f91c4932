"""The side menu: what each user may open, worked out once per combination of roles."""

from django.apps import apps
from django.urls import reverse

from tashil.accounts.models import Membership, User
from tashil.core import navigation, scope
from tashil.core.choices import Role, ScopeLevel


def urls(menu):
    return {item["url"] for group in menu for item in group["items"]}


def allowed_urls(user):
    """What the menu must hold, asked of the user's own permissions item by item (no shared work)."""
    found = set()
    for group in navigation.MENU:
        for item in group.items:
            if item.roles and not user.is_superuser and not any(m.role in item.roles for m in scope.memberships(user)):
                continue
            if item.model and not scope.can(user, apps.get_model(item.model), item.action):
                continue
            found.add(reverse(item.url_name))
    return found


def fresh(user):
    return User.objects.get(pk=user.pk)  # its memberships read anew, as in a new request


def test_every_role_sees_exactly_what_it_may_open(world):
    for user in world.users.values():
        assert urls(navigation.menu_for(fresh(user))) == allowed_urls(fresh(user)), user.username


def test_a_role_given_in_the_same_process_changes_the_menu_at_once(world):
    user = world.users["agency_officer"]
    users_url = reverse("accounts:user_list")
    assert users_url not in urls(navigation.menu_for(fresh(user)))
    Membership.objects.create(user=user, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=world.county_a)
    assert users_url in urls(navigation.menu_for(fresh(user)))


def test_users_with_the_same_roles_share_the_work(world):
    navigation._groups_for.cache_clear()
    navigation.menu_for(fresh(world.users["secretariat"]))
    navigation.menu_for(fresh(world.users["secretariat"]), "/registry/units/")
    info = navigation._groups_for.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_the_active_item_follows_each_request_and_does_not_stick(world):
    user = world.users["secretariat"]
    units_url = reverse("units:industrialunit_list")

    def active(menu):
        return [item["url"] for group in menu for item in group["items"] if item["active"]]

    assert active(navigation.menu_for(fresh(user), units_url + "12/")) == [units_url]
    assert active(navigation.menu_for(fresh(user), "/")) == []
