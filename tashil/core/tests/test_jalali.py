import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from tashil.core.forms import JalaliDateField
from tashil.core.jalali import (
    days_in_month,
    format_jalali,
    format_jalali_datetime,
    format_long,
    month_bounds,
    parse_jalali,
    week_bounds,
)

OCTOBER_14_2024 = datetime.date(2024, 10, 14)


@pytest.mark.parametrize(
    "typed",
    [
        "1403/7/23",
        "۱۴۰۳/۰۷/۲۳",
        "1403-07-23",
        "١٤٠٣/٠٧/٢٣",
        " 1403 / 07 / 23 ",
        "1403.07.23",
        # eight digits, as a sheet's number cell holds a date
        "14030723",
        "۱۴۰۳۰۷۲۳",
        # the Persian decimal separator, which a Persian keyboard types for the dot
        "1403٫07٫23",
        "۱۴۰۳٫۷٫۲۳",
        # a time after the date (a spreadsheet's date-and-time cell read as text): the date is kept
        "1403/07/23 10:30",
        "۱۴۰۳/۰۷/۲۳ ۱۰:۳۰:۵۹",
        "14030723 00:00",
    ],
)
def test_every_accepted_spelling_parses(typed):
    assert parse_jalali(typed) == OCTOBER_14_2024


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("1403072", "خوانا نیست"),  # seven digits: no way to tell the month from the day
        ("140307231", "خوانا نیست"),
        ("20241014", "سال ۲۰۲۴"),  # a Gregorian date in eight digits is no Jalali date
        ("14031301", "ماه ۱۳"),
        ("14030731", "۳۰ روز دارد"),
        ("1403/07/23 25:00", "خوانا نیست"),  # a time that is none is not dropped unseen
        ("1403/07/23 10", "خوانا نیست"),
        ("1403/07/23 10:30 صبح", "خوانا نیست"),
        ("1403/07/23T10:30", "خوانا نیست"),
    ],
)
def test_the_longer_spellings_refuse_what_they_cannot_read(typed, fragment):
    with pytest.raises(ValidationError) as error:
        parse_jalali(typed)
    assert fragment in error.value.messages[0]


def test_the_date_field_of_the_forms_reads_the_same_spellings_as_the_imports():
    from tashil.core.forms.fields import JalaliDateField
    from tashil.core.importing import date

    for typed in ("14030723", "1403٫07٫23", "1403/07/23 10:30"):
        assert JalaliDateField().clean(typed) == date(typed) == OCTOBER_14_2024


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("1403/13/01", "ماه ۱۳"),
        ("1403/12/31", "۳۰ روز دارد"),
        ("1404/12/30", "۲۹ روز دارد"),
        ("1403/07/31", "۳۰ روز دارد"),
        ("1403/00/10", "ماه ۰"),
        ("hello", "خوانا نیست"),
        ("03/7/23", "خوانا نیست"),
        ("0900/01/01", "سال ۹۰۰"),
    ],
)
def test_impossible_dates_get_a_persian_message_naming_them(typed, fragment):
    with pytest.raises(ValidationError) as error:
        parse_jalali(typed)
    message = error.value.messages[0]
    assert fragment in message
    assert typed.strip() in message or "۹۰۰" in message


def test_leap_year_esfand_30():
    assert parse_jalali("1403/12/30") == datetime.date(2025, 3, 20)
    assert days_in_month(1403, 12) == 30
    assert days_in_month(1404, 12) == 29


@given(st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2100, 1, 1)))
def test_format_then_parse_round_trips(day):
    assert parse_jalali(format_jalali(day, persian=True)) == day
    assert parse_jalali(format_jalali(day, persian=False)) == day


def test_display_is_persian_in_persian_and_latin_in_english():
    with translation.override("fa"):
        assert format_jalali(OCTOBER_14_2024) == "۱۴۰۳/۰۷/۲۳"
        assert format_jalali(OCTOBER_14_2024, "{weekday} {d} {month} {y}") == "دوشنبه ۲۳ مهر ۱۴۰۳"
    with translation.override("en"):
        assert format_jalali(OCTOBER_14_2024) == "1403/07/23"


def test_long_dates_add_the_gregorian_date_in_english():
    with translation.override("fa"):
        assert format_long(OCTOBER_14_2024) == "۲۳ مهر ۱۴۰۳"
    with translation.override("en"):
        assert format_long(OCTOBER_14_2024) == "14 Oct 2024 (23 Mehr 1403)"
        assert (
            Template("{{ day|jdate_long }}").render(Context({"day": OCTOBER_14_2024})) == "14 Oct 2024 (23 Mehr 1403)"
        )


def test_datetimes_show_in_tehran_time():
    moment = datetime.datetime(2024, 10, 14, 21, 0, tzinfo=datetime.UTC)  # 00:30 the next day in Tehran
    with translation.override("fa"):
        assert format_jalali_datetime(moment) == "۱۴۰۳/۰۷/۲۴ ۰۰:۳۰"
    assert timezone.get_current_timezone_name() == "Asia/Tehran"


def test_template_filters():
    template = Template("{{ day|jdate }} | {{ day|jdate_long }} | {{ amount|num }} | {{ share|percent }}")
    with translation.override("fa"):
        text = template.render(Context({"day": OCTOBER_14_2024, "amount": 1500000, "share": 87}))
    assert text == "۱۴۰۳/۰۷/۲۳ | ۲۳ مهر ۱۴۰۳ | ۱٬۵۰۰٬۰۰۰ | ۸۷٪"


def test_form_field_accepts_and_refuses():
    field = JalaliDateField()
    assert field.clean("۱۴۰۳/۰۷/۲۳") == OCTOBER_14_2024
    with pytest.raises(ValidationError):
        field.clean("1403/12/31")
    assert field.widget.format_value(OCTOBER_14_2024) == "۱۴۰۳/۰۷/۲۳"


def test_month_and_week_bounds():
    assert month_bounds(1403, 7) == (datetime.date(2024, 9, 22), datetime.date(2024, 10, 21))
    saturday, friday = week_bounds(OCTOBER_14_2024)
    assert saturday.weekday() == 5 and friday.weekday() == 4
    assert saturday <= OCTOBER_14_2024 <= friday
