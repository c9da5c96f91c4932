"""The work calendar's defaults: the weekend and the fixed solar holidays of the Iranian calendar.

The fixed solar ones are seeded for 1400–1410 here; the official holidays of a year, lunar ones included (marked
to confirm), come from the ``holidays`` library through ``official_holidays.load_official_holidays``.
"""

from django.db import transaction

from .choices import Weekday
from .jalali import to_gregorian
from .models import Holiday, WeekendDay

# Government offices close on Thursday and Friday.
DEFAULT_WEEKEND = (Weekday.THURSDAY, Weekday.FRIDAY)

FIXED_SOLAR_HOLIDAYS = (
    (1, 1, "عید نوروز"),
    (1, 2, "عید نوروز"),
    (1, 3, "عید نوروز"),
    (1, 4, "عید نوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "روز ملی شدن صنعت نفت"),
)
SEEDED_YEARS = range(1400, 1411)


@transaction.atomic
def load_calendar():
    if not WeekendDay.objects.exists():
        for weekday in DEFAULT_WEEKEND:
            WeekendDay.objects.create(weekday=weekday)
    created = 0
    for year in SEEDED_YEARS:
        for month, day, title in FIXED_SOLAR_HOLIDAYS:
            _holiday, was_created = Holiday.objects.get_or_create(
                date=to_gregorian(year, month, day), defaults={"title": title, "is_fixed": True}
            )
            created += was_created
    return created
