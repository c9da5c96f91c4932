"""The access flows' part of the test world: an invitation and a representative's request in each county, and
a request naming no registered unit (the nation's queue)."""

import datetime

from django.utils import timezone

from tashil.accounts.models import Invitation, RegistrationRequest, secret_digest
from tashil.core.choices import Role, ScopeLevel
from tashil.site.testing.world import world_builder


@world_builder
def build_access(w):
    expires = timezone.now() + datetime.timedelta(days=7)
    w.invitation_a = Invitation.objects.create(
        first_name="مهمان",
        last_name="الف",
        mobile="09120000101",
        role=Role.MANAGER,
        level=ScopeLevel.COUNTY,
        county=w.county_a,
        province=w.province_a,
        invited_by=w.users["secretariat"],
        digest=secret_digest("invitation", "world-a"),
        expires=expires,
    )
    w.invitation_b = Invitation.objects.create(
        first_name="مهمان",
        last_name="ب",
        email="guest.b@example.ir",
        role=Role.MANAGER,
        level=ScopeLevel.COUNTY,
        county=w.county_b,
        province=w.province_b,
        invited_by=w.users["secretariat_b"],
        digest=secret_digest("invitation", "world-b"),
        expires=expires,
    )
    common = {"first_name": "متقاضی", "national_code": "0013542419", "mobile": "09120000201"}
    w.rep_request_a = RegistrationRequest.objects.create(
        last_name="الف", unit_national_id=w.unit_a.national_id, unit=w.unit_a, county=w.county_a, **common
    )
    w.rep_request_b = RegistrationRequest.objects.create(
        last_name="ب", unit_national_id=w.unit_b.national_id, unit=w.unit_b, county=w.county_b, **common
    )
    w.rep_request_unknown = RegistrationRequest.objects.create(
        last_name="بی‌واحد", unit_national_id="10101010103", **common
    )
