"""Jalali (Solar Hijri) dates: the only calendar a person sees or types. The database keeps Gregorian dates.

``parse_jalali`` accepts 1403/7/23, ۱۴۰۳/۰۷/۲۳, ١٤٠٣/٠٧/٢٣, 1403-07-23, ۱۴۰۳٫۰۷٫۲۳, 14030723 and a date followed by
a time (1403/07/23 10:30, which it drops), and refuses an impossible date with a Persian message that names it:
the one parser of the forms and the imports. ``format_jalali`` shows a date as ۱۴۰۳/۰۷/۲۳.
"""

import datetime
import functools
import re

import jdatetime
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .persian import clean_text, fold_digits, to_persian_digits

MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
MONTHS_EN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
# Python's weekday() numbers, Monday = 0. The Iranian week starts on Saturday.
WEEKDAYS = {5: "شنبه", 6: "یکشنبه", 0: "دوشنبه", 1: "سه‌شنبه", 2: "چهارشنبه", 3: "پنجشنبه", 4: "جمعه"}
WEEK_ORDER = (5, 6, 0, 1, 2, 3, 4)
SEASONS = ((1, 3, "بهار"), (4, 6, "تابستان"), (7, 9, "پاییز"), (10, 12, "زمستان"))

# 1403/7/23, 1403-07-23, 1403.07.23, 1403٫07٫23 (the Persian decimal separator, as a Persian keyboard types the
# dot) or 14030723; then, as a spreadsheet's date-and-time cell reads as text, a time of day the date does not keep.
_DATE_RE = re.compile(
    r"^(?:(\d{4})\s*[/\-.٫]\s*(\d{1,2})\s*[/\-.٫]\s*(\d{1,2})|(\d{4})(\d{2})(\d{2}))"
    r"(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?$"
)
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
MIN_YEAR, MAX_YEAR = 1300, 1500


def persian_digits_active():
    """Persian digits in the Persian interface, Latin ones in the English one."""
    return (get_language() or "fa").startswith("fa")


def interface_digits(value):
    """The digits of any text as the interface writes them: Persian in the Persian interface."""
    if value is None:
        return ""
    return to_persian_digits(value) if persian_digits_active() else str(value)


def month_name(month):
    return (MONTHS if persian_digits_active() else MONTHS_EN)[month - 1]


def days_in_month(year, month):
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def _local_date(value):
    """The Gregorian date of a date, or of a datetime (an aware one in the current time zone)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value


def to_jalali(value):
    """A jdatetime.date for a Gregorian date, or for an aware datetime in the current time zone."""
    if value is None:
        return None
    return jdatetime.date.fromgregorian(date=_local_date(value))


def to_gregorian(year, month, day):
    return jdatetime.date(year, month, day).togregorian()


@functools.lru_cache(maxsize=8192)
def _jalali_parts(day):
    """(year, month, day) in the Jalali calendar of a Gregorian date. Pages show the same dates again and
    again (a list's deadlines, a dashboard's months): each is converted once, not through a new jdatetime
    object (which asks the process's locale) every time it is shown."""
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


NUMERIC = "{y:04d}/{m:02d}/{d:02d}"


@functools.lru_cache(maxsize=8192)
def _numeric(day, persian):
    """1403/07/25 (in Persian digits if ``persian``): the form of most dates on most pages, made once a day."""
    year, month, date = _jalali_parts(day)
    text = NUMERIC.format(y=year, m=month, d=date)
    return to_persian_digits(text) if persian else text


def format_jalali(value, pattern=NUMERIC, persian=None):
    """A Gregorian date (or datetime) as Jalali text; ``pattern`` gets y, m, d, month (name), weekday."""
    if value in (None, ""):
        return ""
    value = _local_date(value)
    if persian is None:
        persian = persian_digits_active()
    if pattern == NUMERIC:
        return _numeric(value, persian)
    year, month, day = _jalali_parts(value)
    text = pattern.format(y=year, m=month, d=day, month=month_name(month), weekday=WEEKDAYS[value.weekday()])
    return to_persian_digits(text) if persian else text


def format_long(value):
    """A date as a reader of the interface reads it: ۲۳ مهر ۱۴۰۳ in Persian; in English the Gregorian date with
    the Jalali one beside it, 14 Oct 2024 (23 Mehr 1403), for a reader abroad who thinks in Gregorian dates."""
    if value in (None, ""):
        return ""
    jalali_text = format_jalali(value, "{d} {month} {y}")
    if persian_digits_active():
        return jalali_text
    return f"{dateformat.format(_local_date(value), 'j M Y')} ({jalali_text})"


def format_jalali_datetime(value, persian=None):
    """A datetime as ۱۴۰۳/۰۷/۲۳ ۱۴:۳۰ in the current time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{format_jalali(value, persian=False)} {value:%H:%M}"
    if persian is None:
        persian = persian_digits_active()
    return to_persian_digits(text) if persian else text


def parse_jalali(value):
    """The Gregorian date of a typed Jalali date; ValidationError in Persian naming the value otherwise."""
    text = fold_digits(clean_text(value))
    match = _DATE_RE.match(text)
    if not match or (match[7] and _time_of(match[7]) is None):
        raise ValidationError(
            _("تاریخ «%(value)s» خوانا نیست؛ آن را به شکل ۱۴۰۳/۰۷/۲۳ بنویسید."),
            code="invalid",
            params={"value": value},
        )
    year, month, day = (int(part) for part in (match.group(1, 2, 3) if match[1] else match.group(4, 5, 6)))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("سال %(year)s در تاریخ «%(value)s» پذیرفتنی نیست؛ سال شمسی را چهار رقمی بنویسید (مثلاً ۱۴۰۳)."),
            code="invalid_year",
            params={"year": to_persian_digits(year), "value": value},
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            _("ماه %(month)s در تاریخ «%(value)s» وجود ندارد؛ ماه باید بین ۱ و ۱۲ باشد."),
            code="invalid_month",
            params={"month": to_persian_digits(month), "value": value},
        )
    limit = days_in_month(year, month)
    if not 1 <= day <= limit:
        raise ValidationError(
            _("تاریخ «%(value)s» وجود ندارد: در سال %(year)s، %(month)s %(limit)s روز دارد."),
            code="invalid_day",
            params={
                "value": value,
                "month": MONTHS[month - 1],
                "year": to_persian_digits(year),
                "limit": to_persian_digits(limit),
            },
        )
    return to_gregorian(year, month, day)


def parse_time(value):
    """A time from 9:00, ۰۹:۳۰ or 14:05:00; ValidationError in Persian otherwise."""
    time = _time_of(fold_digits(clean_text(value)))
    if time is None:
        raise ValidationError(
            _("ساعت «%(value)s» خوانا نیست؛ آن را به شکل ۰۹:۳۰ بنویسید."),
            code="invalid_time",
            params={"value": value},
        )
    return time


def _time_of(text):
    """The time of 9:00 or 14:05:00 (Latin digits), None when it is not one."""
    match = _TIME_RE.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return datetime.time(hour, minute, second)
    return None


def today():
    return timezone.localdate()


def jalali_today():
    return to_jalali(today())


def month_bounds(year, month):
    """The first and last Gregorian dates of a Jalali month."""
    first = to_gregorian(year, month, 1)
    last = to_gregorian(year, month, days_in_month(year, month))
    return first, last


def year_bounds(year):
    return to_gregorian(year, 1, 1), to_gregorian(year, 12, days_in_month(year, 12))


def season_of(month):
    for index, (first, last, _name) in enumerate(SEASONS, start=1):
        if first <= month <= last:
            return index
    raise ValueError(month)


def season_bounds(year, season):
    first, last, _name = SEASONS[season - 1]
    return to_gregorian(year, first, 1), to_gregorian(year, last, days_in_month(year, last))


def week_bounds(value=None):
    """Saturday to Friday of the Iranian week that holds ``value`` (today by default)."""
    value = value or today()
    start = value - datetime.timedelta(days=(value.weekday() - 5) % 7)
    return start, start + datetime.timedelta(days=6)


def shift_months(value, months):
    """The same day ``months`` calendar months later (earlier when negative), clamped to the month's end."""
    import calendar

    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)
