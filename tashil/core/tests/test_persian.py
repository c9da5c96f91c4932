"""The normaliser: idempotent, and spelling variants of one word normalise equal."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tashil.core.persian import (
    ZWNJ,
    clean_text,
    fold_digits,
    format_number,
    normalize,
    parse_number,
    search_key,
    to_persian_digits,
)

PERSIAN_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
words = st.text(alphabet=PERSIAN_LETTERS + "0123456789", min_size=1, max_size=12)
phrases = st.lists(words, min_size=1, max_size=4)
any_text = st.text(max_size=60)


def variant(phrase, data):
    """One spelling of a phrase as people type it: Arabic letters, other digit scripts, other separators."""
    separator = data.draw(st.sampled_from([" ", "  ", ZWNJ, "\u00a0", " \u200c ", "\t"]))
    text = separator.join(phrase)
    if data.draw(st.booleans()):
        text = text.replace("ی", "ي").replace("ک", "ك")
    digits = data.draw(st.sampled_from(["latin", "persian", "arabic"]))
    if digits == "persian":
        text = to_persian_digits(text)
    elif digits == "arabic":
        text = text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if data.draw(st.booleans()) and len(text) > 1:
        text = text[0] + "ـ" + text[1:]  # tatweel
    if data.draw(st.booleans()):
        text = text + "\u064e"  # a fatha
    return "  " + text + " " if data.draw(st.booleans()) else text


@given(any_text)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(any_text)
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


@given(any_text)
def test_clean_text_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)


@given(phrases, st.data())
def test_variants_of_a_phrase_normalise_equal(phrase, data):
    assert normalize(variant(phrase, data)) == normalize(" ".join(phrase))


@given(phrases, st.data())
def test_variants_share_a_search_key_even_without_separators(phrase, data):
    assert search_key(variant(phrase, data)) == search_key("".join(phrase))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("صنايع كوچك", "صنایع کوچک"),
        ("نیمه‌فعال", "نیمه فعال"),
        ("كارخانه‌ها", "کارخانه ها"),
        ("شركت ۱۲۳", "شرکت 123"),
        ("مسئول", "مسیول"),
        ("خانۀ صنعت", "خانه صنعت"),
        ("تولیــــد", "تولید"),
    ],
)
def test_known_variants(typed, stored):
    assert normalize(typed) == normalize(stored)


def test_clean_text_keeps_meaning():
    assert clean_text("  شركت   يزد‌ ‌ها ") == "شرکت یزد ها"
    assert clean_text("نیمه\u200c\u200cفعال") == "نیمه\u200cفعال"
    assert clean_text("\u200fسلام\u200e") == "سلام"
    assert clean_text("خط اول\n  خط   دوم ") == "خط اول\nخط دوم"


def test_digits():
    assert fold_digits("۰۹۱۲-٣٤٥") == "0912-345"
    assert to_persian_digits("1403/07/23") == "۱۴۰۳/۰۷/۲۳"


def test_format_number_groups_and_never_rounds():
    assert format_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert format_number(Decimal("35.531800")) == "۳۵٫۵۳۱۸"
    assert format_number(Decimal("610.00")) == "۶۱۰"
    assert format_number(12.5, persian=False) == "12.5"
    assert format_number(None) == ""


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_number_round_trips_through_persian_display(number):
    assert parse_number(format_number(number)) == number


@pytest.mark.parametrize("bad", ["", "۱۲a", "abc", "1.2.3"])
def test_parse_number_refuses_non_numbers(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


@given(st.text(alphabet=st.sampled_from(list("ابپ یيكکـ\u200c\u200d\u200f \t\n\u00a0۱1ٌa")), max_size=30))
def test_the_fast_path_of_clean_text_agrees_with_the_full_tidy(text):
    from tashil.core.persian import _tidy_text, clean_text

    assert clean_text(text) == _tidy_text(text)


@given(st.text(max_size=20))
def test_the_fast_path_of_clean_text_agrees_on_any_text(text):
    from tashil.core.persian import _tidy_text, clean_text

    assert clean_text(text) == _tidy_text(text)
