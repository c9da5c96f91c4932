"""Iran's official holidays from a maintained source — the ``holidays`` library's Iran calendar — loaded per
Jalali year, and the national secretariat's confirmation of the lunar ones.

The solar holidays fall on fixed Jalali dates and are certain. The lunar (religious) ones follow the moon:
the library gives its best estimate, and the official calendar may put one a day later or earlier, so they
are loaded «to confirm» (``Holiday.confirmed`` False) until the national secretariat confirms each against the
official calendar, moving it by a day when it must. Until then the estimate counts: a deadline is computed
from the best date known, not from none.
"""

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .changelog import log_event
from .jalali import format_jalali, year_bounds
from .models import Holiday
from .persian import to_persian_digits

# The library's Persian names of the holidays on the solar calendar (and its one-off announced public holidays):
# a day with none of them is a lunar holiday, loaded to confirm. A name the library adds later is taken for
# lunar — asking for one needless confirmation is better than trusting an estimate unseen.
SOLAR_NAMES = frozenset(
    {
        "پیروزی انقلاب اسلامی",
        "روز ملی شدن صنعت نفت ایران",
        "آخرین روز سال",
        "جشن نوروز",
        "عیدنوروز",
        "روز جمهوری اسلامی",
        "روز طبیعت",
        "رحلت حضرت امام خمینی",
        "قیام 15 خرداد",
        "تعطیلی عمومی",
    }
)
ONE_OFF = "تعطیلی عمومی"  # the library's name of a public holiday announced once (not a recurring one)
# The years ``load_reference`` loads (and the current and next Jalali year, whatever they are).
REFERENCE_YEARS = range(1404, 1407)
# How far the national secretariat may move a lunar holiday when confirming it: the moon's sighting differs
# from the estimate by a day; a bigger change is an edit of the holiday, not its confirmation.
CONFIRM_SHIFT_DAYS = 1


def official_holidays(year):
    """The official holidays of Jalali ``year``: (date, Persian title, lunar) sorted by date."""
    start, end = year_bounds(year)
    calendar = holidays.country_holidays("IR", years=(start.year, end.year), language="fa_IR")
    found = []
    for day, name in sorted(calendar.items()):
        if not start <= day <= end:
            continue
        names = [part.strip() for part in name.split(";") if part.strip()]
        # A day that is also a solar holiday (Nowruz on Eid al-Fitr in 1405) is a holiday whatever the moon does.
        lunar = not any(part in SOLAR_NAMES for part in names)
        found.append((day, to_persian_digits("؛ ".join(names)), lunar))
    return found


@transaction.atomic
def load_official_holidays(year):
    """Add Jalali ``year``'s official holidays to the calendar; a date already there is kept as it is (typed
    or confirmed by a person). Returns how many were added. Running it again changes nothing."""
    existing = set(Holiday.objects.filter(date__range=year_bounds(year)).values_list("date", flat=True))
    added = 0
    for day, title, lunar in official_holidays(year):
        if day in existing:
            continue
        # A solar holiday recurs on its Jalali day; a lunar or a one-off announced one does not.
        fixed = not lunar and ONE_OFF not in title
        Holiday.objects.create(date=day, title=title[:200], lunar=lunar, confirmed=not lunar, is_fixed=fixed)
        added += 1
    return added


def load_reference_holidays(today):
    """The holidays of 1404–1406 and of the current and next Jalali years."""
    from .jalali import to_jalali

    current = to_jalali(today).year
    return sum(load_official_holidays(year) for year in sorted({*REFERENCE_YEARS, current, current + 1}))


@transaction.atomic
def confirm_holiday(holiday, user=None, date=None):
    """The national secretariat confirms a lunar holiday against the official calendar, on its estimated
    date or one day off it."""
    if holiday.confirmed:
        raise ValidationError(_("تعطیل «%(holiday)s» پیش‌تر تأیید شده است.") % {"holiday": holiday.title})
    date = date or holiday.date
    shift = abs((date - holiday.date).days)
    if shift > CONFIRM_SHIFT_DAYS:
        raise ValidationError(
            {
                "date": _(
                    "تاریخ تأیید تنها %(days)s روز با برآورد (%(estimate)s) فرق می‌تواند داشت؛ "
                    "برای تاریخی دورتر، خود تعطیل را ویرایش کنید."
                )
                % {"days": to_persian_digits(CONFIRM_SHIFT_DAYS), "estimate": format_jalali(holiday.date)}
            }
        )
    if date != holiday.date and Holiday.objects.filter(date=date).exclude(pk=holiday.pk).exists():
        raise ValidationError({"date": _("روز %(date)s خود تعطیل رسمی است.") % {"date": format_jalali(date)}})
    estimate = holiday.date
    holiday.date = date
    holiday.confirmed = True
    holiday.save()
    message = _("تاریخ تعطیل قمری «%(title)s» تأیید شد: %(date)s") % {
        "title": holiday.title,
        "date": format_jalali(date),
    }
    if date != estimate:
        message += _(" (برآورد %(estimate)s بود)") % {"estimate": format_jalali(estimate)}
    log_event(holiday, message)
    return holiday
