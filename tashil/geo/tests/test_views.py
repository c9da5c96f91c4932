from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests
from tashil.geo.models import IndustrialZone


class TestIndustrialZoneViews(ModelViewTests, ExportTests, DeleteTests):
    model = IndustrialZone
    changed_field = "operator"

    def make(self, world):
        return IndustrialZone.objects.create(county=world.county_a, name="شهرک صنعتی نمونه", kind="town")

    def add_data(self, world):
        return {"county": world.county_a.pk, "name": "ناحیه صنعتی تازه", "kind": "area", "is_active": "on"}

    def edit_data(self, world, obj):
        return {
            "county": obj.county_id,
            "name": obj.name,
            "kind": obj.kind,
            "operator": "شرکت شهرک‌ها",
            "is_active": "on",
        }

    def bad_data(self, world):
        data = self.add_data(world)
        data["area_hectares"] = "دویست"
        return data, "area_hectares", "عدد نیست"


def test_a_county_secretariat_cannot_add_a_zone_in_another_county(world, client_as):
    response = client_as("secretariat").post(
        "/geo/zones/add/", {"county": world.county_b.pk, "name": "ناحیه بیرون", "kind": "area"}
    )
    assert response.status_code == 400
    assert not IndustrialZone.objects.filter(name="ناحیه بیرون").exists()


def test_persian_digits_are_accepted_in_number_fields(world, client_as):
    response = client_as("secretariat").post(
        "/geo/zones/add/",
        {
            "county": world.county_a.pk,
            "name": "شهرک اعداد",
            "kind": "town",
            "area_hectares": "۱۲٬۵۰۰٫۵",
            "latitude": "۳۵٫۴۷۰۵",
        },
    )
    assert response.status_code == 302
    zone = IndustrialZone.objects.get(name="شهرک اعداد")
    assert str(zone.area_hectares) == "12500.50"
    assert str(zone.latitude) == "35.470500"


def test_search_is_normalised(world, client_as):
    IndustrialZone.objects.create(county=world.county_a, name="شهرک صنعتی کاوه")
    page = client_as("secretariat").get("/geo/zones/", {"q": "كاوه"}).content.decode()
    assert "شهرک صنعتی کاوه" in page


def test_the_list_answers_htmx_with_only_the_results(world, client_as):
    response = client_as("secretariat").get("/geo/zones/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page


def test_a_province_page_lists_its_counties(world, client_as):
    page = client_as("secretariat").get(world.province_a.get_absolute_url()).content.decode()
    assert "شهرستان الف دو" in page
    assert "شهرستان ب" not in page
