"""The workshops' part of the test world: an upcoming workshop in county A with unit A's registration (marked
present, for its certificate), and one in county B."""

import datetime

from tashil.core.jalali import today
from tashil.site.testing.world import world_builder
from tashil.workshops.models import Registration, Workshop


def make_workshop(county, days=10, capacity=20, **extra):
    values = {
        "title": "کارگاه آزمایشی",
        "topic": "تأمین مالی",
        "trainer": "دکتر آزمایشی",
        "county": county,
        "date": today() + datetime.timedelta(days=days),
        "start_time": datetime.time(9, 0),
        "end_time": datetime.time(12, 0),
        "place": "سالن آموزش",
        "capacity": capacity,
        **extra,
    }
    return Workshop.objects.create(**values)


@world_builder
def build_workshops(w):
    w.workshop_a = make_workshop(w.county_a, title="کارگاه تأمین مالی الف")
    w.workshop_b = make_workshop(w.county_b, title="کارگاه ب")
    w.registration_a = Registration.objects.create(
        workshop=w.workshop_a, unit=w.unit_a, full_name="کارمند الف", mobile="09121110000"
    )
    Registration.objects.filter(pk=w.registration_a.pk).update(attended=True)
    w.registration_a.refresh_from_db()
