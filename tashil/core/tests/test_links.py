"""An object's URL from its pattern reversed once: the same URL as reverse(), under any script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from tashil.core.links import object_url


def test_an_object_url_is_the_one_reverse_gives():
    for viewname in ("meetings:resolution", "units:industrialunit", "obstacles:referral", "core:changelogentry"):
        for pk in (1, 42, 7319864250, 10**12):
            assert object_url(viewname, pk) == reverse(viewname, kwargs={"pk": pk})


def test_an_object_url_follows_the_script_prefix():
    """Served under a prefix (SCRIPT_NAME), the pattern reversed for "/" is not reused."""
    assert object_url("meetings:resolution", 5).startswith("/meetings/")
    try:
        set_script_prefix("/tashil/")
        assert object_url("meetings:resolution", 5) == reverse("meetings:resolution", kwargs={"pk": 5})
        assert object_url("meetings:resolution", 5).startswith("/tashil/meetings/")
    finally:
        set_script_prefix("/")
    assert object_url("meetings:resolution", 5).startswith("/meetings/")


def test_a_key_that_is_not_a_number_goes_to_reverse_itself():
    with pytest.raises(NoReverseMatch):
        object_url("meetings:resolution", None)
    assert object_url("meetings:resolution", "12") == reverse("meetings:resolution", kwargs={"pk": 12})
