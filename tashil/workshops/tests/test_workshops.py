"""Workshops: seats and the waiting list, attendance, the certificate, and who may do what."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tashil.core.jalali import today
from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests
from tashil.core.validators import person_code_is_valid
from tashil.notifications.models import Notification
from tashil.workshops import services
from tashil.workshops.choices import RegistrationStatus, WorkshopStatus
from tashil.workshops.models import Registration, Workshop

from .world import make_workshop

pytestmark = pytest.mark.django_db


def register(workshop, name, mobile, unit=None, user=None):
    registration = Registration(workshop=workshop, unit=unit, full_name=name, mobile=mobile, registered_by=user)
    registration.full_clean()
    return services.save_registration(registration)


class TestWaitingList:
    def test_seats_then_the_waiting_list_in_order(self, world):
        workshop = make_workshop(world.county_a, capacity=2)
        first = register(workshop, "یک", "09120000001")
        second = register(workshop, "دو", "09120000002")
        third = register(workshop, "سه", "09120000003")
        fourth = register(workshop, "چهار", "09120000004")
        statuses = [r.status for r in (first, second, third, fourth)]
        assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]
        assert third.waiting_position == 1 and fourth.waiting_position == 2
        assert workshop.seats_left() == 0

    def test_a_cancelled_seat_goes_to_the_first_waiting_and_they_are_told(
        self, world, django_capture_on_commit_callbacks
    ):
        workshop = make_workshop(world.county_a, capacity=1)
        seated = register(workshop, "یک", "09120000001")
        waiting = register(workshop, "دو", "09120000002", user=world.users["unit_rep"])
        later = register(workshop, "سه", "09120000003")
        with django_capture_on_commit_callbacks(execute=True):
            services.cancel_registration(seated)
        waiting.refresh_from_db()
        later.refresh_from_db()
        assert waiting.status == RegistrationStatus.REGISTERED
        assert later.status == RegistrationStatus.WAITLISTED and later.waiting_position == 1
        note = Notification.objects.get(recipient=world.users["unit_rep"], kind="workshop")
        assert "دو" in note.body

    def test_cancelling_a_waiting_place_promotes_nobody(self, world):
        workshop = make_workshop(world.county_a, capacity=1)
        register(workshop, "یک", "09120000001")
        waiting = register(workshop, "دو", "09120000002")
        later = register(workshop, "سه", "09120000003")
        services.cancel_registration(waiting)
        later.refresh_from_db()
        assert later.status == RegistrationStatus.WAITLISTED

    def test_raising_the_capacity_does_not_drop_below_the_seated(self, world):
        workshop = make_workshop(world.county_a, capacity=2)
        register(workshop, "یک", "09120000001")
        register(workshop, "دو", "09120000002")
        workshop.capacity = 1
        with pytest.raises(ValidationError, match="از آن کمتر شود"):
            workshop.full_clean()

    def test_the_same_mobile_twice_is_refused(self, world):
        workshop = make_workshop(world.county_a)
        register(workshop, "یک", "09120000001")
        with pytest.raises(ValidationError, match="همین شماره همراه"):
            register(workshop, "یک دوباره", "۰۹۱۲۰۰۰۰۰۰۱")

    def test_registration_closes_for_past_and_cancelled_workshops(self, world):
        past = make_workshop(world.county_a, days=-1)
        with pytest.raises(ValidationError, match="بسته است"):
            register(past, "یک", "09120000001")
        cancelled = make_workshop(world.county_a, status=WorkshopStatus.CANCELLED)
        with pytest.raises(ValidationError, match="بسته است"):
            register(cancelled, "یک", "09120000001")

    def test_a_unit_registers_only_for_its_own_countys_workshop(self, world):
        with pytest.raises(ValidationError, match="شهرستان"):
            register(world.workshop_b, "یک", "09120000001", unit=world.unit_a)


class TestPersonCode:
    @pytest.mark.parametrize("code", ["0013542419", "0499370899", "1111111111", "0013542418", "123"])
    def test_the_check_digit(self, code):
        assert person_code_is_valid(code) is (code in ("0013542419", "0499370899"))

    def test_a_wrong_code_is_named_in_persian(self, world):
        registration = Registration(
            workshop=world.workshop_a, full_name="یک", mobile="09120000009", national_code="۰۰۱۳۵۴۲۴۱۸"
        )
        with pytest.raises(ValidationError, match="کد ملی «۰۰۱۳۵۴۲۴۱۸» معتبر نیست"):
            registration.full_clean()


class TestAttendance:
    def test_attendance_only_from_the_day(self, world):
        with pytest.raises(ValidationError, match="روز کارگاه"):
            services.record_attendance(world.workshop_a, [world.registration_a.pk])

    def test_attendance_marks_the_present_and_the_workshop_held(self, world, client_as):
        workshop = make_workshop(world.county_a, days=0, capacity=1)
        came = register(workshop, "آمد", "09120000001", unit=world.unit_a)
        waiting = register(workshop, "منتظر", "09120000002", unit=world.unit_a)
        Workshop.objects.filter(pk=workshop.pk).update(date=today() - datetime.timedelta(days=1))
        url = reverse("workshops:workshop_attendance", kwargs={"pk": workshop.pk})
        page = client_as("secretariat").get(workshop.get_absolute_url() + "?tab=attendance").content.decode()
        assert "آمد" in page and "منتظر" not in page, "only confirmed seats are on the attendance sheet"
        response = client_as("secretariat").post(url, {"present": [came.pk]})
        assert response.status_code == 302
        came.refresh_from_db()
        workshop.refresh_from_db()
        assert came.attended and workshop.status == WorkshopStatus.HELD
        services.record_attendance(workshop, [came.pk, waiting.pk])
        waiting.refresh_from_db()
        assert not waiting.attended, "a waiting place is never marked present"

    def test_a_representative_cannot_take_attendance(self, world, client_as):
        url = reverse("workshops:workshop_attendance", kwargs={"pk": world.workshop_a.pk})
        assert client_as("unit_rep").post(url, {"present": [world.registration_a.pk]}).status_code == 403


class TestCertificate:
    def test_the_certificate_is_a_persian_pdf(self, world, client_as, tmp_path):
        response = client_as("unit_rep").get(
            reverse("workshops:registration_certificate", kwargs={"pk": world.registration_a.pk})
        )
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pdf = tmp_path / "certificate.pdf"
        pdf.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for words in ("گواهی حضور", "کارمند الف", "کارگاه تأمین مالی الف", "دکتر آزمایشی"):
            assert all(word in text for word in words.split()), words

    def test_no_certificate_without_attendance(self, world, client_as):
        absent = register(world.workshop_a, "غایب", "09120000005", unit=world.unit_a)
        url = reverse("workshops:registration_certificate", kwargs={"pk": absent.pk})
        response = client_as("unit_rep").get(url)
        assert response.status_code == 302
        assert response["Content-Type"] != "application/pdf"


class TestWorkshopViews(ModelViewTests, ExportTests, DeleteTests):
    model = Workshop
    changed_field = "trainer"

    def make(self, world):
        return make_workshop(world.county_a, title="کارگاه صادرات")

    def add_data(self, world):
        return {
            "title": "کارگاه ایمنی",
            "topic": "ایمنی",
            "trainer": "مهندس ایمنی",
            "organiser": "headquarters",
            "county": world.county_a.pk,
            "date": "۱۴۰۶/۰۲/۱۰",
            "start_time": "۹:۰۰",
            "end_time": "12:30",
            "place": "سالن",
            "capacity": "۳۰",
            "is_public": "on",
        }

    def edit_data(self, world, obj):
        data = self.add_data(world)
        data.update(title=obj.title, trainer="مدرس تازه")
        return data

    def bad_data(self, world):
        data = self.add_data(world)
        data["end_time"] = "08:00"
        return data, "end_time", "پس از ساعت آغاز"


class TestRegistrationScreens:
    def test_a_representative_registers_for_their_own_unit(self, world, client_as):
        client = client_as("unit_rep")
        page = client.get(reverse("workshops:registration_add") + f"?workshop={world.workshop_a.pk}").content.decode()
        assert f'value="{world.unit_a.pk}" selected' in page
        data = {
            "workshop": world.workshop_a.pk,
            "unit": world.unit_a.pk,
            "full_name": "کارشناس کیفیت",
            "mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
        }
        assert client.post(reverse("workshops:registration_add"), data).status_code == 302
        registration = Registration.objects.get(full_name="کارشناس کیفیت")
        assert registration.mobile == "09123456789" and registration.registered_by == world.users["unit_rep"]

    def test_a_representative_cannot_register_for_another_unit(self, world, client_as):
        data = {
            "workshop": world.workshop_a.pk,
            "unit": world.unit_a2.pk,
            "full_name": "غریبه",
            "mobile": "09123456780",
        }
        response = client_as("unit_rep").post(reverse("workshops:registration_add"), data)
        assert response.status_code == 400
        assert not Registration.objects.filter(full_name="غریبه").exists()

    def test_the_workshop_page_tells_the_waiting_list(self, world, client_as):
        workshop = make_workshop(world.county_a, capacity=1)
        register(workshop, "یک", "09120000001", unit=world.unit_a)
        client = client_as("unit_rep")
        page = client.get(workshop.get_absolute_url()).content.decode()
        assert "ثبت‌نام در فهرست انتظار" in page
        data = {"workshop": workshop.pk, "unit": world.unit_a.pk, "full_name": "دو", "mobile": "09120000002"}
        response = client.post(reverse("workshops:registration_add"), data, follow=True)
        assert "فهرست انتظار (نفر ۱)" in response.content.decode()

    def test_the_api_applies_the_same_waiting_list(self, world, api_as):
        workshop = make_workshop(world.county_a, capacity=1)
        client = api_as("unit_rep")
        statuses = []
        for index in range(2):
            data = {
                "workshop": workshop.pk,
                "unit": world.unit_a.pk,
                "full_name": f"نفر {index}",
                "mobile": f"0912000000{index}",
            }
            response = client.post(reverse("api:registration-list"), data, format="json")
            assert response.status_code == 201, response.content
            statuses.append(response.json()["status"])
        assert statuses == ["registered", "waitlisted"]
        first = Registration.objects.get(full_name="نفر 0")
        assert client.post(reverse("api:registration-cancel", kwargs={"pk": first.pk})).status_code == 200
        assert Registration.objects.get(full_name="نفر 1").status == "registered"

    def test_public_pages_show_public_workshops_only(self, world, client_as):
        private = make_workshop(world.county_a, title="کارگاه درون‌سازمانی", is_public=False)
        page = client_as("anonymous").get(reverse("public:workshop_list")).content.decode()
        assert "کارگاه تأمین مالی الف" in page and "کارگاه درون‌سازمانی" not in page
        assert client_as("anonymous").get(reverse("public:workshop", kwargs={"pk": private.pk})).status_code == 404


def test_a_workshops_history_names_only_the_registrations_its_reader_may_open(world, client_as):
    """Another unit's registration (a person's name) is not in the history a representative reads."""
    url = world.workshop_a.get_absolute_url()
    assert "کارمند الف" in client_as("unit_rep").get(url, {"tab": "history"}).content.decode()
    other = client_as("unit_rep_b").get(url, {"tab": "history"})
    assert other.status_code == 200 and "کارمند الف" not in other.content.decode()
