"""Validators for Iranian identifiers, tolerant of any digit script, strict about meaning."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .persian import clean_text, fold_digits, to_persian_digits

_MOBILE = re.compile(r"^09\d{9}$")


def normalize_mobile(value):
    """09121234567 from ۰۹۱۲ ۱۲۳ ۴۵۶۷, +98 912 123 4567, 0098-912-1234567 or 9121234567."""
    digits = re.sub(r"[\s\-()./]", "", fold_digits(clean_text(value)))
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    elif digits.startswith("9") and len(digits) == 10:
        digits = "0" + digits
    return digits


def validate_mobile(value):
    if not _MOBILE.match(normalize_mobile(value)):
        raise ValidationError(
            _("شماره همراه «%(value)s» معتبر نیست؛ شماره همراه ایران ۱۱ رقم است و با ۰۹ شروع می‌شود."),
            code="invalid_mobile",
            params={"value": value},
        )


def normalize_identifier(value):
    """An identifier (licence number, code) in one form: tidy text, Latin digits, no surrounding space."""
    return fold_digits(clean_text(value)).strip()


def normalize_national_id(value):
    if not value:  # most of a unit's agency identifiers are empty: nothing to tidy
        return ""
    return re.sub(r"[\s\-]", "", fold_digits(clean_text(value)))


def national_id_check_digit(first_ten):
    """The check digit of an Iranian legal entity's national ID (شناسه ملی اشخاص حقوقی).

    Each of the first ten digits plus (the tenth digit + 2) is weighted by 29, 27, 23, 19, 17 in turn;
    the sum modulo 11 is the check digit, with 10 written as 0.
    """
    tenth_plus_two = int(first_ten[9]) + 2
    weights = (29, 27, 23, 19, 17) * 2
    total = sum((int(digit) + tenth_plus_two) * weight for digit, weight in zip(first_ten, weights, strict=True))
    remainder = total % 11
    return 0 if remainder == 10 else remainder


def validate_national_id(value):
    digits = normalize_national_id(value)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValidationError(
            _("شناسه ملی «%(value)s» باید ۱۱ رقم باشد."),
            code="national_id_length",
            params={"value": value},
        )
    if int(digits[3:9]) == 0 or int(digits[10]) != national_id_check_digit(digits[:10]):
        raise ValidationError(
            _("شناسه ملی «%(value)s» معتبر نیست: رقم کنترل آن درست نیست."),
            code="national_id_checksum",
            params={"value": to_persian_digits(digits)},
        )


def validate_percent(value):
    """A percentage from 0 to 100, refused with the typed value named in Persian digits."""
    if value is not None and not 0 <= value <= 100:
        raise ValidationError(
            _("«%(value)s» درصد پذیرفتنی نیست؛ درصد باید بین ۰ و ۱۰۰ باشد."),
            code="percent_range",
            params={"value": to_persian_digits(value)},
        )


def validate_jalali_year(value):
    if value is not None and not 1300 <= value <= 1500:
        raise ValidationError(
            _("سال «%(value)s» پذیرفتنی نیست؛ سال شمسی چهار رقمی بین ۱۳۰۰ و ۱۵۰۰ است."),
            code="year_range",
            params={"value": to_persian_digits(value)},
        )


def person_code_is_valid(digits):
    """Whether ten digits form a valid national code of a person (کد ملی): the last is a check digit."""
    if not re.fullmatch(r"\d{10}", digits) or len(set(digits)) == 1:
        return False
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = remainder if remainder < 2 else 11 - remainder
    return int(digits[9]) == check


def validate_person_code(value):
    digits = normalize_national_id(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(
            _("کد ملی «%(value)s» باید ۱۰ رقم باشد."), code="person_code_length", params={"value": value}
        )
    if not person_code_is_valid(digits):
        raise ValidationError(
            _("کد ملی «%(value)s» معتبر نیست: رقم کنترل آن درست نیست."),
            code="person_code_checksum",
            params={"value": to_persian_digits(digits)},
        )


def postal_code_is_valid(digits):
    """Whether ten digits can be an Iranian postal code (کد پستی): its first five digits never hold 0 or 2
    (the post office leaves them out so a handwritten code is not misread)."""
    return bool(re.fullmatch(r"\d{10}", digits)) and not set(digits[:5]) & {"0", "2"}


def validate_postal_code(value):
    digits = normalize_national_id(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(
            _("کد پستی «%(value)s» باید ۱۰ رقم باشد."), code="postal_code_length", params={"value": value}
        )
    if not postal_code_is_valid(digits):
        raise ValidationError(
            _("کد پستی «%(value)s» معتبر نیست: در پنج رقم نخست کد پستی رقم ۰ و ۲ نمی‌آید."),
            code="postal_code_invalid",
            params={"value": to_persian_digits(digits)},
        )


class DigitsValidator:
    """An identifier made of digits only, of one of the given lengths (any digit script; dashes and spaces
    ignored), refused with its Persian name and the lengths it may have."""

    def __init__(self, label, lengths):
        self.label, self.lengths = label, tuple(lengths)

    def __call__(self, value):
        digits = normalize_national_id(value)
        if not digits.isdigit() or not digits.isascii() or len(digits) not in self.lengths:
            lengths = _(" یا ").join(to_persian_digits(n) for n in self.lengths)
            raise ValidationError(
                _("%(label)s «%(value)s» معتبر نیست؛ باید %(lengths)s رقم باشد."),
                code="identifier_digits",
                params={"label": self.label, "value": value, "lengths": lengths},
            )

    def __eq__(self, other):
        return isinstance(other, DigitsValidator) and (self.label, self.lengths) == (other.label, other.lengths)

    def deconstruct(self):
        return ("tashil.core.validators.DigitsValidator", (str(self.label), self.lengths), {})
