"""The public site: what a visitor finds, in any spelling, and what never leaves the building."""

import json
import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tashil.catalog import services
from tashil.catalog.choices import Moderation
from tashil.catalog.models import ContactMessage, InvestmentInquiry, PublicProfile
from tashil.catalog.public import public_units, search_products, search_units
from tashil.core.testing.tasks import run_queued_tasks
from tashil.notifications.models import Notification
from tashil.obstacles.models import Obstacle, ObstacleGroup
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit, PeriodicReport, Product, UnitStatusChange
from tashil.units.services import save_product

pytestmark = pytest.mark.django_db


def listed_unit(world, name, **extra):
    unit = IndustrialUnit.objects.create(name=name, county=world.county_a, **extra)
    PublicProfile.objects.create(unit=unit)
    return unit


def found(text):
    return list(search_units(public_units(), text).order_by("rank", "name").values_list("name", flat=True))


class TestSearch:
    @pytest.mark.parametrize(
        "typed",
        [
            "صنایع کوچک",  # as written
            "صنايع كوچك",  # Arabic ي and ك
            "صنایع‌کوچک",  # a ZWNJ instead of the space
            "صنایعکوچک",  # no space at all
            "  صنایع   کوچک ",  # extra spaces
            "صَنایع کوچک",  # a diacritic
            "کوچک صنایع",  # the words in another order
        ],
    )
    def test_spelling_variants_find_the_unit(self, world, typed):
        listed_unit(world, "صنایع کوچک نمونه")
        assert "صنایع کوچک نمونه" in found(typed)

    @pytest.mark.parametrize("typed", ["1030", "۱۰۳۰", "١٠٣٠"])
    def test_digit_scripts_find_the_isic_code_and_product_code(self, world, typed):
        unit = listed_unit(world, "کنسروسازی نمونه", isic_code="1030")
        save_product(Product(unit=unit, name="کنسرو لوبیا", code="1030"))
        assert "کنسروسازی نمونه" in found(typed)
        products = search_products(Product.objects.filter(unit=unit), typed)
        assert [p.name for p in products] == ["کنسرو لوبیا"]

    def test_a_product_name_in_arabic_letters_finds_its_unit(self, world):
        unit = listed_unit(world, "تولیدی نمونه")
        save_product(Product(unit=unit, name="کیک یزدی"))
        assert "تولیدی نمونه" in found("كيك يزدي")

    def test_names_that_start_with_the_words_come_before_mentions(self, world):
        listed_unit(world, "تولیدی الف", activity="تولید رب گوجه")
        listed_unit(world, "رب‌سازی ب")
        listed_unit(world, "کمربند دوزی پ")  # holds «رب» inside a word: found, but last
        assert found("رب") == ["رب‌سازی ب", "تولیدی الف", "کمربند دوزی پ"]

    def test_whole_word_beats_a_word_that_only_starts_with_it(self, world):
        listed_unit(world, "کارگاه یک", activity="تولید رنگین‌کمان")
        listed_unit(world, "کارگاه دو", activity="تولید رنگ ساختمانی")
        assert found("رنگ") == ["کارگاه دو", "کارگاه یک"]

    def test_only_public_fields_are_searched(self, world):
        listed_unit(world, "واحد ساکت", manager_name="فرامرز پنهان‌نام", notes="یادداشت سری")
        assert found("پنهان‌نام") == []
        assert found("یادداشت سری") == []

    def test_the_directory_page_searches_and_keeps_the_query(self, world, client_as):
        response = client_as("anonymous").get(reverse("public:unit_list"), {"q": "صنايع آزمايشي"})
        page = response.content.decode()
        assert "صنایع آزمایشی الف" in page and "صنایع آزمایشی ب" in page
        assert "کارخانه همسایه الف" not in page  # not listed
        assert 'value="صنايع آزمايشي"' in page


class TestWhoAppears:
    def test_only_listed_published_and_open_units_appear(self, world):
        hidden = listed_unit(world, "واحد پنهان")
        services.moderate(hidden.public_profile, Moderation.HIDDEN, "نشانی نادرست", user=world.users["secretariat"])
        unlisted = listed_unit(world, "واحد نخواسته")
        PublicProfile.objects.filter(unit=unlisted).update(listed=False)
        closed = listed_unit(world, "واحد تعطیل", status=UnitStatus.CLOSED)
        names = set(public_units().values_list("name", flat=True))
        assert "صنایع آزمایشی الف" in names
        assert not names & {"واحد پنهان", "واحد نخواسته", "واحد تعطیل", "کارخانه همسایه الف"}
        client = Client()
        for unit in (hidden, unlisted, closed, world.unit_a2):
            assert client.get(reverse("public:unit", kwargs={"pk": unit.pk})).status_code == 404
            assert client.get(reverse("api:public-unit-detail", kwargs={"pk": unit.pk})).status_code == 404

    def test_a_hidden_profile_needs_a_note(self, world):
        with pytest.raises(Exception, match="دلیل"):
            services.moderate(world.profile_a, Moderation.HIDDEN, "", user=world.users["secretariat"])

    def test_private_products_and_certificates_stay_out(self, world, client_as):
        Product.objects.create(unit=world.unit_a, name="محصول محرمانه", is_public=False)
        world.certificate_a.is_public = False
        world.certificate_a.save()
        page = client_as("anonymous").get(reverse("public:unit", kwargs={"pk": world.unit_a.pk})).content.decode()
        assert "محصول آزمایشی الف" in page
        assert "محصول محرمانه" not in page and "نشان استاندارد ملی" not in page
        products = client_as("anonymous").get(reverse("public:product_list"), {"q": "محرمانه"}).content.decode()
        assert "محصول محرمانه" not in products

    def test_contacts_follow_the_profile_flags(self, world, client_as):
        unit = world.unit_a
        unit.phone, unit.mobile, unit.manager_name = "021-36001111", "09127778899", "مدیر الف"
        unit.save()
        url = reverse("public:unit", kwargs={"pk": unit.pk})
        page = client_as("anonymous").get(url).content.decode()
        assert "021-36001111" in page  # show_phone is on by default
        assert "09127778899" not in page and "مدیر الف" not in page  # mobile and manager are off by default
        PublicProfile.objects.filter(unit=unit).update(show_phone=False, show_mobile=True, show_manager=True)
        page = client_as("anonymous").get(url).content.decode()
        assert "021-36001111" not in page
        assert "09127778899" in page and "مدیر الف" in page


# Values planted in every internal field: none may appear on any public page or public API answer.
SECRETS = {
    "national_id": "10380284790",  # unit A's own
    "licence_number": "LIC-SECRET-777",
    "notes": "یادداشت‌داخلی‌محرمانه",
    "employees": 4567,
    "utilisation": 37,  # checked as shown: ۳۷٪
    "manager_name": "مدیرعامل‌پنهان",
    "mobile": "09350001122",
    # The agencies' identifiers (issue 26): the agencies' business, never the public's.
    "economic_code": "411114111119",
    "workshop_code": "7777123",
    "postal_code": "3391899999",
    "production_id": "5554443332",
    "electricity_subscription": "88812345678",
    "gas_subscription": "66612345678",
    "water_subscription": "4441234567",
}


def plant_secrets(world):
    unit = world.unit_a
    for field, value in SECRETS.items():
        setattr(unit, field, value)
    unit.save()
    group = ObstacleGroup.objects.first()
    Obstacle.objects.create(
        unit=unit,
        group=group,
        title="بدهی‌معوق‌بانکی‌پنهان",
        description="اختلاف‌شرکای‌پنهان",
        amount=987654321012,
    )
    PeriodicReport.objects.create(unit=unit, year=1404, month=2, production=31415, sales=2718281828)
    UnitStatusChange.objects.create(
        unit=unit, to_status=UnitStatus.ACTIVE, date=unit.status_date, reason="دلیل‌پنهان‌وضعیت"
    )
    # The evidence of an impact record: what the secretariat saw, never published (only the sums are).
    world.impact_a.evidence = "مستند‌اثر‌پنهان"
    world.impact_a.save()
    return [
        "بدهی‌معوق‌بانکی‌پنهان",
        "اختلاف‌شرکای‌پنهان",
        "987654321012",
        "31415",
        "2718281828",
        "دلیل‌پنهان‌وضعیت",
        "مستند‌اثر‌پنهان",
    ]


def public_answers(world):
    client = Client()
    unit, project = world.unit_a, world.project_a
    pages = [
        reverse("public:index"),
        reverse("public:unit_list"),
        reverse("public:unit_list") + "?q=صنایع",
        reverse("public:unit", kwargs={"pk": unit.pk}),
        reverse("public:product_list") + "?q=محصول",
        reverse("public:exhibition_list"),
        reverse("public:exhibition", kwargs={"pk": world.exhibition_a.pk}),
        reverse("public:project_list"),
        reverse("public:project", kwargs={"pk": project.pk}),
        reverse("public:workshop_list"),
        reverse("public:accountability_index"),
        reverse("public:accountability", kwargs={"level": "provinces", "pk": unit.county.province_id}),
        reverse("public:accountability", kwargs={"level": "counties", "pk": unit.county_id}),
        reverse("public:accountability_csv", kwargs={"level": "counties", "pk": unit.county_id}),
        reverse("public:accountability_dataset", kwargs={"level": "counties", "pk": unit.county_id}),
        reverse("sitemap"),
        reverse("api:public-unit-list"),
        reverse("api:public-unit-detail", kwargs={"pk": unit.pk}),
        reverse("api:public-product-list"),
        reverse("api:public-exhibition-list"),
        reverse("api:public-project-list"),
        reverse("api:public-workshop-list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


class TestPublicBoundary:
    def test_no_internal_field_reaches_any_public_page_or_api(self, world, settings):
        # The accountability pages publish without a lag here, so the world's impact and resolutions are counted.
        settings.TASHIL_PUBLIC_LAG_DAYS = 0
        hidden = plant_secrets(world)
        persian = {str(v) for v in SECRETS.values()}
        from tashil.core.persian import to_persian_digits

        persian |= {to_persian_digits(v) for v in SECRETS.values() if str(v).isdigit()}
        persian -= {"37", "۳۷"}  # too short to look for alone: look for the percentage as displayed
        persian |= {"۳۷٪", "37%", "۴٬۵۶۷", "4,567"}
        for url, body in public_answers(world):
            leaked = [value for value in (*persian, *hidden) if value in body]
            assert not leaked, f"{url} shows internal values: {leaked}"

    def test_the_public_api_lists_only_public_fields(self, world):
        data = Client().get(reverse("api:public-unit-detail", kwargs={"pk": world.unit_a.pk})).json()
        assert set(data) == {
            "id",
            "name",
            "activity",
            "isic_code",
            "knowledge_based",
            "exporter",
            "nominal_capacity",
            "brand",
            "introduction",
            "province",
            "county",
            "zone",
            "contacts",
            "location",
            "page",
        }
        assert data["brand"] == "برند الف"

    def test_the_public_api_is_read_only(self, world):
        client = Client()
        assert client.post(reverse("api:public-unit-list"), {"name": "x"}).status_code == 405
        url = reverse("api:public-unit-detail", kwargs={"pk": world.unit_a.pk})
        assert client.delete(url).status_code == 405

    def test_the_public_api_is_rate_limited(self, world, settings):
        from django.core.cache import cache

        cache.clear()
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "3/min"}}
        client = Client()
        codes = [client.get(reverse("api:public-unit-list")).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]

    def test_a_new_forwarded_address_on_each_call_does_not_escape_the_limit(self, world, settings):
        """Issue 20, finding 8: with no trusted proxy, X-Forwarded-For is the caller's own words."""
        from django.core.cache import cache

        cache.clear()
        settings.TASHIL_TRUSTED_PROXIES = 0
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "100/min"}}
        client = Client()
        codes = [
            client.get(reverse("api:public-unit-list"), HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}, 10.9.{n}.1")
            for n in range(150)
        ]
        assert [response.status_code for response in codes].count(200) == 100
        assert codes[-1].status_code == 429

    def test_behind_a_trusted_balancer_each_visitor_has_their_own_allowance(self, world, settings):
        from django.core.cache import cache

        cache.clear()
        settings.TASHIL_TRUSTED_PROXIES = 1
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "2/min"}}
        balancer = Client(REMOTE_ADDR="10.0.0.2")
        url = reverse("api:public-unit-list")
        first = [balancer.get(url, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code for _ in range(3)]
        forged = balancer.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5").status_code
        other = balancer.get(url, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code
        assert first == [200, 200, 429] and forged == 429, "the entry the balancer added counts, not the forged one"
        assert other == 200


class TestPages:
    def test_booth_page_has_title_open_graph_and_canonical(self, world):
        page = Client().get(reverse("public:unit", kwargs={"pk": world.unit_a.pk})).content.decode()
        assert "<title>صنایع آزمایشی الف · تسهیل</title>" in page
        assert 'property="og:title" content="صنایع آزمایشی الف"' in page
        assert 'property="og:description" content="معرفی عمومی واحد الف"' in page
        assert re.search(r'property="og:image" content="http://testserver/directory/photos/logos/\d+/"', page)
        assert 'rel="canonical"' in page

    def test_sitemap_lists_public_units_only(self, world):
        body = Client().get(reverse("sitemap")).content.decode()
        assert f"/directory/units/{world.unit_a.pk}/" in body
        assert f"/directory/units/{world.unit_a2.pk}/" not in body
        assert f"/directory/exhibitions/{world.exhibition_a.pk}/" in body

    def test_robots_points_to_the_sitemap(self, world):
        body = Client().get("/robots.txt").content.decode()
        assert "Sitemap: http://testserver/sitemap.xml" in body and "Allow: /directory/" in body

    def test_a_browser_that_asks_for_english_still_gets_persian(self, world):
        response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(reverse("public:index"))
        assert '<html lang="fa" dir="rtl">' in response.content.decode()

    def test_photos_of_private_products_are_not_served(self, world):
        private = Product.objects.create(
            unit=world.unit_a, name="نمونه", is_public=False, photo=world.product_a.photo.name
        )
        client = Client()
        assert client.get(reverse("public:product_photo", kwargs={"pk": world.product_a.pk})).status_code == 200
        assert client.get(reverse("public:product_photo", kwargs={"pk": private.pk})).status_code == 404

    def test_photos_are_served_as_images_that_cannot_run(self, world):
        response = Client().get(reverse("public:product_photo", kwargs={"pk": world.product_a.pk}))
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def contact_data(**extra):
    from tashil.catalog.forms import ContactForm

    stamp = ContactForm().initial["shown_at"]
    return {
        "sender_name": "خریدار نمونه",
        "sender_email": "buyer@example.ir",
        "sender_phone": "",
        "subject": "خرید عمده",
        "body": "برای ۲۰ تن قیمت بدهید.",
        "shown_at": stamp,
        "website_url": "",
        **extra,
    }


class TestContactForm:
    def url(self, world):
        return reverse("public:unit", kwargs={"pk": world.unit_a.pk})

    def test_a_message_reaches_the_representative(self, world, django_capture_on_commit_callbacks):
        world.users["unit_rep"].email = "rep@example.ir"
        world.users["unit_rep"].save()
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(self.url(world), contact_data())
        assert response.status_code == 302
        message = ContactMessage.objects.get(subject="خرید عمده")
        assert message.unit == world.unit_a
        note = Notification.objects.get(recipient=world.users["unit_rep"], kind="contact")
        assert "خرید عمده" in note.title
        run_queued_tasks()
        assert [m.to for m in mail.outbox if "خرید عمده" in m.subject] == [["rep@example.ir"]]

    def test_without_a_representative_the_secretariat_hears(self, world):
        unit = world.unit_b
        Client().post(reverse("public:unit", kwargs={"pk": unit.pk}), contact_data())
        assert Notification.objects.filter(recipient=world.users["secretariat_b"], kind="contact").exists()

    def test_no_way_to_answer_is_refused_and_the_text_kept(self, world):
        response = Client().post(self.url(world), contact_data(sender_email=""))
        assert response.status_code == 400
        page = response.content.decode()
        assert "رایانامه یا تلفنی بنویسید" in page
        assert "برای ۲۰ تن قیمت بدهید." in page
        assert not ContactMessage.objects.filter(subject="خرید عمده").exists()

    def test_a_bad_phone_is_named(self, world):
        response = Client().post(self.url(world), contact_data(sender_phone="12ab"))
        assert response.status_code == 400
        assert "شماره تلفن «12ab» درست نیست" in response.content.decode()

    def test_the_hidden_field_stops_robots(self, world):
        response = Client().post(self.url(world), contact_data(website_url="http://spam.example"))
        assert response.status_code == 400
        assert not ContactMessage.objects.filter(subject="خرید عمده").exists()

    def test_a_forged_stamp_is_refused_with_the_text_kept(self, world):
        response = Client().post(self.url(world), contact_data(shown_at="forged"))
        assert response.status_code == 400
        page = response.content.decode()
        assert "این فرم کهنه شده است" in page and "برای ۲۰ تن قیمت بدهید." in page

    @override_settings(TASHIL_PUBLIC_FORM_MIN_SECONDS=30)
    def test_a_form_sent_faster_than_a_person_types_is_refused(self, world):
        response = Client().post(self.url(world), contact_data())
        assert response.status_code == 400
        assert "زودتر از آنچه یک انسان" in response.content.decode()

    @override_settings(TASHIL_PUBLIC_FORMS_PER_HOUR=2)
    def test_one_address_may_send_only_so_many(self, world):
        from django.core.cache import cache

        cache.clear()
        client = Client()
        codes = [client.post(self.url(world), contact_data(subject=f"پیام {i}")).status_code for i in range(3)]
        assert codes == [302, 302, 429]
        assert ContactMessage.objects.filter(subject__startswith="پیام ").count() == 2
        cache.clear()


class TestInquiry:
    def test_an_investor_inquiry_reaches_the_secretariat(self, world):
        from tashil.catalog.forms import InquiryForm

        data = {
            "name": "سرمایه‌گذار نمونه",
            "organisation": "صندوق نمونه",
            "email": "",
            "phone": "۰۹۱۲۱۲۳۴۵۶۷",
            "amount": "۵۰۰٬۰۰۰٬۰۰۰",
            "message": "آماده بازدید هستیم.",
            "shown_at": InquiryForm().initial["shown_at"],
            "website_url": "",
        }
        response = Client().post(reverse("public:project", kwargs={"pk": world.project_a.pk}), data)
        assert response.status_code == 302
        inquiry = InvestmentInquiry.objects.get(name="سرمایه‌گذار نمونه")
        assert inquiry.phone == "09121234567" and inquiry.amount == 500_000_000
        assert Notification.objects.filter(recipient=world.users["secretariat"], kind="inquiry").exists()

    def test_a_project_that_does_not_seek_an_investor_is_not_public(self, world):
        world.project_a.seeks_investor = False
        world.project_a.save()
        assert Client().get(reverse("public:project", kwargs={"pk": world.project_a.pk})).status_code == 404


def test_public_api_search_uses_the_same_filters(world):
    response = Client().get(reverse("api:public-unit-list"), {"q": "صنايع آزمايشي", "province": world.province_a.pk})
    names = [row["name"] for row in json.loads(response.content)["results"]]
    assert names == ["صنایع آزمایشی الف"]


def test_the_visitor_address_behind_a_trusted_proxy(settings, rf):
    from tashil.core.ratelimit import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    settings.TASHIL_TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2", "without a proxy the header is the visitor's own words"
    settings.TASHIL_TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.9", "the entry the balancer added, not the forged one"
    garbage = rf.get("/", HTTP_X_FORWARDED_FOR="<script>", REMOTE_ADDR="10.0.0.2")
    assert client_address(garbage) == "10.0.0.2", "a hop that is not an address is not believed"


def test_the_directory_and_product_search_list_everything_public_when_opened_plain(world, client_as):
    client = client_as("anonymous")
    units = client.get(reverse("public:unit_list")).content.decode()
    assert "صنایع آزمایشی الف" in units and "صنایع آزمایشی ب" in units
    assert "کارخانه همسایه الف" not in units
    assert "محصول آزمایشی الف" in client.get(reverse("public:product_list")).content.decode()


def test_a_request_with_no_address_has_none(settings, rf):
    """A request made in code (a test client's force_login) carries no address: None, which django-axes stores
    on PostgreSQL's inet column, not a word it would refuse."""
    from tashil.core.ratelimit import client_address

    request = rf.get("/")
    del request.META["REMOTE_ADDR"]
    settings.TASHIL_TRUSTED_PROXIES = 1
    assert client_address(request) is None


def test_a_zone_left_from_the_county_chosen_before_is_let_go(world, client):
    """The visitor picked county A's zone, then county B: they mean county B, not an empty list."""
    from tashil.catalog import public

    page = client.get("/directory/units/", {"county": world.county_b.pk, "zone": world.zone_a.pk})
    listed = {unit.pk for unit in page.context["page"].object_list}
    expected = set(public.public_units().filter(county=world.county_b).values_list("pk", flat=True))
    assert expected and listed == expected
    assert page.context["filterset"].form.is_valid()
