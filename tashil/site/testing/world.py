"""A small two-province world with a user for every role, in scope (county A) and out of it (county B).

Every permission and scope test uses it. Later capabilities add their objects in ``populate`` hooks:
``WORLD_BUILDERS`` lists functions that receive the world and add what their app needs (units, obstacles...).
"""

import datetime
from types import SimpleNamespace

from tashil.core.choices import Role, ScopeLevel
from tashil.core.models import ChangeLogEntry, Holiday, SavedView
from tashil.core.testing.roles import ROLES  # noqa: F401  (the world holds a user for each)
from tashil.geo.models import Closure
from tashil.orgs.models import AgencyContact

from .factories import (
    AgencyFactory,
    CountyFactory,
    IndustrialZoneFactory,
    MembershipFactory,
    ProvinceFactory,
    UserFactory,
)

WORLD_BUILDERS = []


def world_builder(func):
    """Register a function that adds an app's objects to the world (runs in registration order)."""
    WORLD_BUILDERS.append(func)
    return func


def build_world():
    w = SimpleNamespace()
    w.province_a = ProvinceFactory(name="استان الف", code=201)
    w.province_b = ProvinceFactory(name="استان ب", code=202)
    w.county_a = CountyFactory(province=w.province_a, name="شهرستان الف", code=20101)
    w.county_a2 = CountyFactory(province=w.province_a, name="شهرستان الف دو", code=20102)
    w.county_b = CountyFactory(province=w.province_b, name="شهرستان ب", code=20201)
    w.zone_a = IndustrialZoneFactory(county=w.county_a, name="شهرک صنعتی الف")
    w.zone_b = IndustrialZoneFactory(county=w.county_b, name="شهرک صنعتی ب")
    w.agency_a = AgencyFactory(county=w.county_a, name="اداره مالیات الف")
    w.agency_a2 = AgencyFactory(county=w.county_a, name="اداره برق الف", type="electricity")
    w.agency_b = AgencyFactory(county=w.county_b, name="اداره مالیات ب")
    w.users = {}

    def member(key, role, level, county=None, province=None, agency=None, **extra):
        user = UserFactory(username=key.replace("_", "."))
        MembershipFactory(
            user=user,
            role=role,
            level=level,
            county=county,
            province=province or (county.province if county else None),
            agency=agency,
            **extra,
        )
        w.users[key] = user
        return user

    member("admin", Role.ADMIN, ScopeLevel.NATION, county=None)
    member("secretariat", Role.SECRETARIAT, ScopeLevel.COUNTY, w.county_a)
    member("secretariat_b", Role.SECRETARIAT, ScopeLevel.COUNTY, w.county_b)
    member("province_secretariat", Role.SECRETARIAT, ScopeLevel.PROVINCE, None, w.province_a)
    member("manager", Role.MANAGER, ScopeLevel.COUNTY, w.county_a)
    member("manager_b", Role.MANAGER, ScopeLevel.COUNTY, w.county_b)
    member("nation_manager", Role.MANAGER, ScopeLevel.NATION)
    member("agency_officer", Role.AGENCY_OFFICER, ScopeLevel.COUNTY, w.county_a, agency=w.agency_a)
    member("agency_officer_b", Role.AGENCY_OFFICER, ScopeLevel.COUNTY, w.county_b, agency=w.agency_b)
    member("clinic_expert", Role.CLINIC_EXPERT, ScopeLevel.COUNTY, w.county_a)
    w.manager_membership = w.users["manager"].memberships.get()
    w.contact_a = AgencyContact.objects.create(agency=w.agency_a, name="رابط الف")
    w.saved_view = SavedView.objects.create(
        owner=w.users["secretariat"], name="نمای آزمایشی", path="/registry/units/", query="status=active"
    )
    w.holiday = Holiday.objects.create(date=datetime.date(2030, 3, 21), title="نوروز آزمایشی", is_fixed=True)
    # Far in the future, so it moves none of the world's deadlines.
    w.closure_a = Closure.objects.create(
        date=datetime.date(2030, 7, 15), province=w.province_a, county=w.county_a, reason="آلودگی هوا (آزمایشی)"
    )
    w.changelog_entry = ChangeLogEntry.objects.filter(
        object_id=w.zone_a.pk, content_type__model="industrialzone"
    ).first()
    for builder in WORLD_BUILDERS:
        builder(w)
    return w
