"""Staff and representatives' screens of the public face."""

import datetime

import pytest
from django.urls import reverse

from tashil.catalog.choices import Moderation
from tashil.catalog.models import Booth, Certificate, ContactMessage, Exhibition, PublicProfile, UnitInput
from tashil.core.changelog import history_for
from tashil.core.choices import ChangeAction
from tashil.core.jalali import today
from tashil.core.testing.pages import form
from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests

pytestmark = pytest.mark.django_db


class TestCertificateViews(ModelViewTests, ExportTests, DeleteTests):
    model = Certificate
    changed_field = "issuer"

    def make(self, world):
        return Certificate.objects.create(unit=world.unit_a, title="گواهی ایزو ۹۰۰۱")

    def add_data(self, world):
        return {"unit": world.unit_a.pk, "title": "گواهی ایزو ۱۴۰۰۱", "valid_until": "۱۴۰۶/۰۱/۱۵", "is_public": "on"}

    def edit_data(self, world, obj):
        return {"unit": obj.unit_id, "title": obj.title, "issuer": "سازمان ملی استاندارد"}

    def bad_data(self, world):
        return {"unit": world.unit_a.pk, "title": "گواهی", "valid_until": "1405/13/01"}, "valid_until", "1405/13/01"


class TestUnitInputViews(ModelViewTests, ExportTests, DeleteTests):
    model = UnitInput
    changed_field = "yearly_quantity"

    def make(self, world):
        return UnitInput.objects.create(unit=world.unit_a, name="نخ پنبه‌ای", code="1311")

    def add_data(self, world):
        return {"unit": world.unit_a.pk, "name": "ورق گالوانیزه", "code": "۲۴۱۰", "quantity_unit": "ton"}

    def edit_data(self, world, obj):
        return {"unit": obj.unit_id, "name": obj.name, "quantity_unit": "ton", "yearly_quantity": "۱۲۰"}

    def bad_data(self, world):
        return {"unit": world.unit_a.pk, "name": "ورق", "code": "24A0", "quantity_unit": "ton"}, "code", "باید فقط رقم"


class TestExhibitionViews(ModelViewTests, ExportTests, DeleteTests):
    model = Exhibition
    changed_field = "place"

    def make(self, world):
        now = today()
        return Exhibition.objects.create(
            title="نمایشگاه پاییزه", county=world.county_a, start_date=now, end_date=now, place="سالن"
        )

    def add_data(self, world):
        return {
            "title": "نمایشگاه بهاره",
            "county": world.county_a.pk,
            "start_date": "۱۴۰۵/۰۱/۲۰",
            "end_date": "۱۴۰۵/۰۱/۲۳",
            "place": "شهرک صنعتی",
            "is_public": "on",
        }

    def edit_data(self, world, obj):
        data = self.add_data(world)
        data["place"] = "سالن همایش فرمانداری"
        return data

    def bad_data(self, world):
        data = self.add_data(world)
        data["end_date"] = "۱۴۰۵/۰۱/۱۰"
        return data, "end_date", "پیش از تاریخ آغاز"


class TestProfile:
    def test_a_representative_introduces_their_unit(self, world, client_as):
        unit = world.unit_a2  # no profile yet
        client = client_as("unit_rep_b")
        url = reverse("catalog:publicprofile_edit", kwargs={"pk": unit.pk})
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"listed": "on", "brand": "همسایه", "introduction": "تولید قطعات", "show_phone": "on"}
        )
        assert response.status_code == 302
        profile = PublicProfile.objects.get(unit=unit)
        assert profile.brand == "همسایه" and profile.is_public
        assert client.get(reverse("public:unit", kwargs={"pk": unit.pk})).status_code == 200

    def test_a_representative_cannot_touch_another_units_profile(self, world, client_as):
        url = reverse("catalog:publicprofile_edit", kwargs={"pk": world.unit_a.pk})
        assert client_as("unit_rep_b").post(url, {"listed": "", "brand": "ربوده"}).status_code == 404
        world.profile_a.refresh_from_db()
        assert world.profile_a.listed and world.profile_a.brand == "برند الف"

    def test_the_secretariat_hides_a_profile_with_a_note_and_the_unit_sees_it(self, world, client_as):
        url = reverse("catalog:publicprofile_moderate", kwargs={"pk": world.profile_a.pk})
        client = client_as("secretariat")
        client.post(url, {"moderation": Moderation.HIDDEN, "note": ""})
        world.profile_a.refresh_from_db()
        assert world.profile_a.moderation == Moderation.PUBLISHED, "hiding without a note is refused"
        client.post(url, {"moderation": Moderation.HIDDEN, "note": "تلفن نادرست است"})
        world.profile_a.refresh_from_db()
        assert world.profile_a.moderation == Moderation.HIDDEN
        page = client_as("unit_rep").get(world.unit_a.get_absolute_url() + "?tab=public").content.decode()
        assert "تلفن نادرست است" in page
        assert client_as("anonymous").get(reverse("public:unit", kwargs={"pk": world.unit_a.pk})).status_code == 404

    def test_a_representative_cannot_moderate(self, world, client_as):
        url = reverse("catalog:publicprofile_moderate", kwargs={"pk": world.profile_a.pk})
        response = client_as("unit_rep").post(url, {"moderation": Moderation.HIDDEN, "note": "خودم"})
        assert response.status_code == 403

    def test_the_search_text_follows_products(self, world):
        from tashil.units import services as unit_services
        from tashil.units.models import Product

        product = unit_services.save_product(Product(unit=world.unit_a, name="لوله پلی‌اتیلن"))
        world.profile_a.refresh_from_db()
        assert "لولهپلیاتیلن" in world.profile_a.search_text
        unit_services.delete_product(product)
        world.profile_a.refresh_from_db()
        assert "لولهپلیاتیلن" not in world.profile_a.search_text


class TestBooths:
    def test_a_booth_showcases_only_its_units_products(self, world, client_as):
        from tashil.units.models import Product

        stranger = Product.objects.create(unit=world.unit_a2, name="محصول همسایه")
        data = {
            "exhibition": world.exhibition_a.pk,
            "unit": world.unit_a2.pk,
            "number": "7",
            "products": [stranger.pk, world.product_a.pk],
        }
        response = client_as("secretariat").post(reverse("catalog:booth_add"), data)
        assert response.status_code == 400
        assert not Booth.objects.filter(number="7").exists()
        data["products"] = [stranger.pk]
        assert client_as("secretariat").post(reverse("catalog:booth_add"), data).status_code == 302
        assert list(Booth.objects.get(number="7").products.all()) == [stranger]

    def test_one_booth_number_per_exhibition(self, world, client_as):
        data = {"exhibition": world.exhibition_a.pk, "unit": world.unit_a2.pk, "number": "12"}
        response = client_as("secretariat").post(reverse("catalog:booth_add"), data)
        assert response.status_code == 400
        assert "این شماره غرفه" in response.content.decode()

    def test_the_public_exhibition_page_lists_public_booths(self, world, client_as):
        Booth.objects.create(exhibition=world.exhibition_a, unit=world.unit_a2, number="13")  # unit A2 is not listed
        page = client_as("anonymous").get(world.exhibition_a.get_public_url()).content.decode()
        assert "صنایع آزمایشی الف" in page and "محصول آزمایشی الف" in page
        assert "کارخانه همسایه الف" not in page

    def test_the_exhibition_list_splits_current_upcoming_past(self, world, client_as):
        now = today()
        Exhibition.objects.create(
            title="نمایشگاه گذشته",
            county=world.county_a,
            start_date=now - datetime.timedelta(days=30),
            end_date=now - datetime.timedelta(days=28),
            place="سالن",
        )
        page = client_as("anonymous").get(reverse("public:exhibition_list")).content.decode()
        assert page.index("نمایشگاه آزمایشی الف") < page.index("نمایشگاه گذشته")


def updates(obj):
    """The change-log entries of ``obj``'s edits (not its creation)."""
    return history_for(obj).filter(action=ChangeAction.UPDATE)


class TestMessages:
    def test_opening_a_message_writes_nothing(self, world, client_as):
        """A GET shows the message; only the «خوانده شد» button (a POST) marks it read."""
        before = history_for(world.message_a).count()
        for role in ("unit_rep", "secretariat"):
            page = client_as(role).get(world.message_a.get_absolute_url())
            assert page.status_code == 200 and "قیمت؟" in page.content.decode()
            assert 'data-testid="mark-read"' in page.content.decode()
        world.message_a.refresh_from_db()
        assert world.message_a.read_at is None
        assert history_for(world.message_a).count() == before

    def test_the_representative_marks_it_read_with_the_button(self, world, client_as):
        client = client_as("unit_rep")
        page = client.get(world.message_a.get_absolute_url())
        done = form(page, button_testid="mark-read").submit(client)
        assert done.status_code == 302 and done["Location"] == world.message_a.get_absolute_url()
        world.message_a.refresh_from_db()
        assert world.message_a.read_at is not None
        entry = updates(world.message_a).get()
        assert entry.user == world.users["unit_rep"] and [c["field"] for c in entry.changes] == ["read_at"]
        again = client.get(world.message_a.get_absolute_url()).content.decode()
        assert 'data-testid="mark-read"' not in again and 'data-testid="read-at"' in again
        # The unread count on the unit's public tab follows.
        tab = client.get(world.unit_a.get_absolute_url() + "?tab=public").content.decode()
        assert "پیام خوانده‌نشده" not in tab

    def test_many_messages_are_marked_read_from_the_list(self, world, client_as):
        second = ContactMessage.objects.create(
            unit=world.unit_a, sender_name="دیگری", sender_phone="09120000000", subject="نمونه", body="نمونه بفرستید"
        )
        client = client_as("unit_rep")
        bulk = form(client.get(reverse("catalog:contactmessage_list") + "?unread=true"), testid="bulk-form")
        picked = [world.message_a.pk, second.pk]
        preview = client.post(bulk.action, {**bulk.data, "action": "mark_read", "select": picked})
        assert preview.status_code == 200
        assert ContactMessage.objects.filter(pk__in=picked, read_at=None).count() == 2, "the preview writes nothing"
        done = form(preview, button_testid="bulk-confirm-button").submit(client)
        assert done.status_code == 302
        assert not ContactMessage.objects.filter(pk__in=picked, read_at=None).exists()
        for message in (world.message_a, second):
            assert updates(message).get().user == world.users["unit_rep"]

    def test_the_api_marks_it_read_through_the_same_event(self, world, api_as):
        url = reverse("api:contactmessage-mark-read", kwargs={"pk": world.message_a.pk})
        assert api_as("manager").post(url).status_code == 403, "a manager reads messages by no role"
        assert api_as("unit_rep_b").post(url).status_code == 404
        response = api_as("unit_rep").post(url)
        assert response.status_code == 200 and response.json()["read_at"]
        world.message_a.refresh_from_db()
        first = world.message_a.read_at
        assert api_as("secretariat").post(url).status_code == 200, "read already: nothing changes"
        world.message_a.refresh_from_db()
        assert world.message_a.read_at == first and updates(world.message_a).count() == 1

    def test_messages_cannot_be_written_through_the_api(self, world, api_as):
        before = ContactMessage.objects.count()
        for role in ("unit_rep", "admin"):
            response = api_as(role).post(reverse("api:contactmessage-list"), {"unit": world.unit_a.pk})
            assert response.status_code in (403, 405)
        assert ContactMessage.objects.count() == before


class TestInquiries:
    def test_the_button_and_the_api_follow_the_inquiry_up_through_one_event(self, world, client_as, api_as):
        inquiry = world.inquiry_a
        client = client_as("secretariat")
        done = form(client.get(inquiry.get_absolute_url()), button_testid="handled").submit(client)
        assert done.status_code == 302
        inquiry.refresh_from_db()
        assert inquiry.handled
        back = form(client.get(inquiry.get_absolute_url()), button_testid="handled").submit(client)
        assert back.status_code == 302
        inquiry.refresh_from_db()
        assert not inquiry.handled
        url = reverse("api:investmentinquiry-detail", kwargs={"pk": inquiry.pk})
        assert api_as("secretariat").patch(url, {"handled": True}, format="json").status_code == 200
        inquiry.refresh_from_db()
        assert inquiry.handled
        changes = [[(c["field"], c["new"]) for c in e.changes] for e in updates(inquiry).order_by("pk")]
        assert [field for change in changes for field, _new in change] == ["handled"] * 3
        assert changes[0] == changes[2] != changes[1], "on, off, on again: each written on the inquiry's history"
        assert api_as("manager").patch(url, {"handled": False}, format="json").status_code == 403


class TestApi:
    def test_a_representative_edits_their_profile_but_not_its_moderation(self, world, api_as):
        url = reverse("api:publicprofile-detail", kwargs={"pk": world.profile_a.pk})
        response = api_as("unit_rep").patch(url, {"brand": "برند تازه", "moderation": "hidden"}, format="json")
        assert response.status_code == 200
        world.profile_a.refresh_from_db()
        assert world.profile_a.brand == "برند تازه" and world.profile_a.moderation == Moderation.PUBLISHED

    def test_an_input_through_the_api_is_validated_like_the_form(self, world, api_as):
        response = api_as("unit_rep").post(
            reverse("api:unitinput-list"), {"unit": world.unit_a2.pk, "name": "x"}, format="json"
        )
        assert response.status_code == 400, "another unit's input"
        response = api_as("unit_rep").post(
            reverse("api:unitinput-list"), {"unit": world.unit_a.pk, "name": "مقوا", "code": "1702"}, format="json"
        )
        assert response.status_code == 201
