"""The public site in English, for investors abroad and from other provinces: a visitor presses «English» and every
public page reads in English, left to right, with Gregorian dates beside the Jalali ones. Staff pages stay Persian.

The world's public data is retyped in Latin letters here (as a foreign investor's own entries would be), so that
any Persian letter left on an English page is one of the site's own strings that nobody translated.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tashil.catalog.models import Booth, Certificate, Exhibition, PublicProfile
from tashil.catalog.public import public_exhibitions, public_products, public_projects, public_units
from tashil.core.testing.crawler import Crawler, Page, press
from tashil.geo.models import IndustrialZone
from tashil.units.models import IndustrialUnit, Product, Project
from tashil.workshops.models import Workshop
from tashil.workshops.public import public_workshops

pytestmark = pytest.mark.django_db

MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
JALALI_MONTHS = "Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand"
# 12 Nov 2026 (21 Aban 1405): the Gregorian date a reader abroad thinks in, the Jalali one the unit works in.
BOTH_DATES = re.compile(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}} \(\d{{1,2}} ({JALALI_MONTHS}) \d{{4}}\)")
# The text each public object's people typed, by model: retyped in Latin letters for these tests.
TYPED = {
    IndustrialUnit: ("name", "activity", "address", "manager_name", "nominal_capacity"),
    PublicProfile: ("brand", "introduction"),
    Product: ("name", "description"),
    Certificate: ("title", "issuer"),
    Exhibition: ("title", "place", "description"),
    Booth: ("hall", "description"),
    Project: ("title", "description"),
    Workshop: ("title", "topic", "trainer", "place", "description"),
    IndustrialZone: ("name",),
}


def retype_in_latin(queryset):
    model = queryset.model
    for pk in queryset.values_list("pk", flat=True):
        values = {field: f"{model.__name__} {field} {pk}" for field in TYPED[model]}
        model.objects.filter(pk=pk).update(**values)


@pytest.fixture
def latin_world(world):
    Workshop.objects.update(is_public=True)
    units = public_units()
    for queryset in (
        units,
        PublicProfile.objects.filter(unit__in=units),
        public_products(),
        Certificate.objects.filter(unit__in=units),
        public_exhibitions(),
        Booth.objects.all(),
        public_projects(),
        public_workshops(),
        IndustrialZone.objects.all(),
    ):
        retype_in_latin(queryset)
    return world


def in_english(start="/directory/"):
    """A visitor who opened ``start`` and pressed «English»."""
    client = Client()
    answer = press(client, start, "language-en")
    assert answer.redirect_chain[-1][0] == start  # the switch keeps the page
    return client, answer


def test_every_public_page_a_visitor_reaches_reads_in_english(latin_world, record_property):
    client, _answer = in_english()
    crawl = Crawler(client, "visitor in English", start="/directory/").run()
    record_property("crawled", f"visitor in English: {crawl.pages} pages")
    assert crawl.pages > 10
    assert not crawl.problems, "\n".join(crawl.problems)


def test_the_switch_keeps_the_page_and_turns_it_left_to_right(latin_world):
    unit_page = reverse("public:unit", kwargs={"pk": latin_world.unit_a.pk})
    client, answer = in_english(unit_page)
    html = answer.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "bootstrap.min.css" in html and "bootstrap.rtl.min.css" not in html
    assert "Test county" in Page(html).text_content()  # the county by its English name
    back = press(client, unit_page, "language-fa")
    assert back.redirect_chain[-1][0] == unit_page
    assert '<html lang="fa" dir="rtl">' in back.content.decode()


@pytest.mark.parametrize("route", ["public:exhibition_list", "public:workshop_list", "public:index"])
def test_dates_show_gregorian_beside_jalali(latin_world, route):
    client, _answer = in_english()
    text = Page(client.get(reverse(route)).content.decode()).text_content()
    assert BOTH_DATES.search(text), text


def test_a_visitor_s_form_refuses_and_thanks_in_english(latin_world):
    unit_page = reverse("public:unit", kwargs={"pk": latin_world.unit_a.pk})
    client, _answer = in_english(unit_page)
    refused = press(client, unit_page, "contact-send")
    page = Page(refused.content.decode())
    assert refused.status_code == 400
    assert page.persian_text() == []
    assert "Your name" in page.text_content()
    sent = press(
        client,
        unit_page,
        "contact-send",
        sender_name="Jane Buyer",
        sender_email="jane@example.com",
        subject="Price",
        body="Price for 20 tonnes?",
    )
    page = Page(sent.content.decode())
    assert page.persian_text() == []
    assert "Your message to “IndustrialUnit name" in page.text_content()


def test_a_missing_public_page_answers_in_english(latin_world):
    client, _answer = in_english()
    answer = client.get(reverse("public:unit", kwargs={"pk": latin_world.unit_a2.pk}))  # not listed: 404
    page = Page(answer.content.decode())
    assert answer.status_code == 404
    assert (page.lang, page.dir) == ("en", "ltr")
    assert page.persian_text() == []
    assert "This page was not found" in page.text_content()


def test_staff_pages_stay_persian_and_offer_no_english(latin_world, client_as):
    """A signed-in person who chose English on the public site still gets Persian staff pages, with no switch."""
    client = client_as("secretariat")
    press(client, "/directory/", "language-en")
    assert '<html lang="en" dir="ltr">' in client.get("/directory/").content.decode()
    latin_world.users["secretariat"].language = "en"  # an old preference from before staff pages were Persian only
    latin_world.users["secretariat"].save()
    for url in ("/", reverse("units:industrialunit_list"), reverse("accounts:profile")):
        html = client.get(url).content.decode()
        assert '<html lang="fa" dir="rtl">' in html, url
        assert 'name="language"' not in html and "English" not in html, url
    login = Client().get(reverse("accounts:login")).content.decode()
    assert '<html lang="fa" dir="rtl">' in login and "English" not in login
