import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tashil.core.persian import to_persian_digits
from tashil.core.validators import (
    national_id_check_digit,
    normalize_mobile,
    validate_mobile,
    validate_national_id,
)

VALID_IDS = ["10380284790", "14007650912", "10101870306"]


@pytest.mark.parametrize("value", VALID_IDS)
def test_real_national_ids_pass_in_any_digit_script(value):
    validate_national_id(value)
    validate_national_id(to_persian_digits(value))


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_exactly_one_check_digit_is_valid(first_ten):
    valid = [d for d in range(10) if national_id_check_digit(first_ten) == d]
    assert len(valid) == 1
    for digit in range(10):
        candidate = first_ten + str(digit)
        if int(first_ten[3:9]) == 0:
            continue
        if digit == valid[0]:
            validate_national_id(candidate)
        else:
            with pytest.raises(ValidationError, match="رقم کنترل"):
                validate_national_id(candidate)


@pytest.mark.parametrize("value", ["1038028479", "103802847901", "10380a84790"])
def test_wrong_length_is_named(value):
    with pytest.raises(ValidationError, match="۱۱ رقم"):
        validate_national_id(value)


@pytest.mark.parametrize(
    "value", ["09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "+98 912 123 4567", "0098-912-123-4567", "9121234567", "٠٩١٢١٢٣٤٥٦٧"]
)
def test_mobile_in_any_form(value):
    validate_mobile(value)
    assert normalize_mobile(value) == "09121234567"


@pytest.mark.parametrize("value", ["0212345678", "091212345", "08121234567", "تلفن"])
def test_bad_mobile(value):
    with pytest.raises(ValidationError, match="شماره همراه"):
        validate_mobile(value)
