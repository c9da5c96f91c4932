"""The scope helper: what each membership sees and may do, in one place."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tashil.core import scope
from tashil.geo.models import County, IndustrialZone
from tashil.orgs.models import Agency
from tashil.site.testing.factories import MembershipFactory, UserFactory


def zones(world, role, action="view"):
    return set(scope.restrict(IndustrialZone.objects.all(), world.users[role], action))


def test_county_roles_see_their_county(world):
    assert zones(world, "secretariat") == {world.zone_a}
    assert zones(world, "secretariat_b") == {world.zone_b}
    assert zones(world, "manager") == {world.zone_a}


def test_province_and_nation_roles_see_wider(world):
    assert zones(world, "province_secretariat") == {world.zone_a}
    assert zones(world, "nation_manager") == {world.zone_a, world.zone_b}
    assert zones(world, "admin") == {world.zone_a, world.zone_b}


def test_actions_follow_the_role(world):
    assert zones(world, "secretariat", "change") == {world.zone_a}
    assert zones(world, "manager", "change") == set()
    assert not scope.can(world.users["manager"], IndustrialZone, "add")
    assert scope.can(world.users["secretariat"], IndustrialZone, "add")


def test_anonymous_and_role_less_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not scope.restrict(IndustrialZone.objects.all(), AnonymousUser()).exists()
    nobody = UserFactory(username="nobody")
    assert not scope.restrict(IndustrialZone.objects.all(), nobody).exists()
    assert not scope.can(nobody, IndustrialZone)


def test_memberships_add_up(world):
    user = world.users["secretariat"]
    MembershipFactory(user=user, county=world.county_b)
    scope.forget(user)
    assert zones(world, "secretariat") == {world.zone_a, world.zone_b}


def test_get_object_answers_404_out_of_scope_and_403_for_a_forbidden_action(world):
    with pytest.raises(Http404):
        scope.get_object_or_404(IndustrialZone, world.users["secretariat_b"], pk=world.zone_a.pk)
    with pytest.raises(PermissionDenied):
        scope.get_object_or_404(IndustrialZone, world.users["manager"], "change", pk=world.zone_a.pk)
    assert scope.get_object_or_404(IndustrialZone, world.users["manager"], pk=world.zone_a.pk) == world.zone_a


def test_agencies_are_visible_to_staff_but_editable_in_place(world):
    officer = world.users["secretariat"]
    assert scope.restrict(Agency.objects.all(), officer).count() == Agency.objects.count()
    assert set(scope.restrict(Agency.objects.all(), officer, "change")) == {world.agency_a, world.agency_a2}


def test_counties_in_scope(world):
    assert set(scope.counties_in_scope(world.users["secretariat"])) == {world.county_a}
    assert set(scope.counties_in_scope(world.users["province_secretariat"])) == {world.county_a, world.county_a2}
    assert scope.counties_in_scope(world.users["admin"]).count() == County.objects.count()
    assert set(scope.counties_in_scope(world.users["manager"], IndustrialZone, "add")) == set()


def test_a_users_memberships_are_one_plain_query_and_still_describe_their_places(world):
    """Read on every request: one query of the memberships' own columns (no join of their places, nor of
    the user to sort by name); the top bar's line reads the one place each shows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = world.users["agency_officer"]
    scope.forget(officer)
    with CaptureQueriesContext(connection) as queries:
        scope.memberships(officer)
        scope.memberships(officer)
    assert len(queries) == 1 and "JOIN" not in queries[0]["sql"], queries[0]["sql"]
    assert world.agency_a.name in scope.describe(officer)
    assert "شهرستان الف" in scope.describe(world.users["secretariat"])
