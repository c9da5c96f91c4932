from tashil.core.choices import ScopeLevel
from tashil.core.testing.views import DeleteTests, ExportTests, ModelViewTests
from tashil.orgs.models import Agency
from tashil.site.testing.factories import UserFactory


class TestAgencyViews(ModelViewTests, ExportTests, DeleteTests):
    model = Agency
    changed_field = "phone"

    def make(self, world):
        return Agency.objects.create(
            name="اداره گاز نمونه",
            type="gas",
            level=ScopeLevel.COUNTY,
            county=world.county_a,
            province=world.province_a,
        )

    def add_data(self, world):
        return {
            "name": "شعبه بانک نمونه",
            "type": "bank",
            "level": "county",
            "county": world.county_a.pk,
            "is_active": "on",
        }

    def edit_data(self, world, obj):
        return {
            "name": obj.name,
            "type": obj.type,
            "level": obj.level,
            "county": obj.county_id,
            "phone": "021-36000000",
            "is_active": "on",
        }

    def bad_data(self, world):
        data = self.add_data(world)
        data["email"] = "نامعتبر"
        return data, "email", "نشانی"

    # Every staff member sees every agency, so "another scope" is the agency's edit scope, tested below.
    def test_list_hides_it_from_another_scope(self, world, client_as):
        obj = self.make(world)
        assert client_as(self.outsider).get(obj.get_absolute_url()).status_code == 200
        assert client_as(self.outsider).get(f"/orgs/agencies/{obj.pk}/edit/").status_code == 403

    def test_another_scope_gets_404(self, world, client):
        obj = self.make(world)
        client.force_login(UserFactory(username="no.role"))
        assert client.get(obj.get_absolute_url()).status_code == 404

    def test_exports_hold_the_object(self, world, client_as):
        obj = self.make(world)
        response = client_as(self.actor).get("/orgs/agencies/?export=csv")
        assert obj.name in b"".join(response.streaming_content).decode("utf-8-sig")


def test_a_county_agency_needs_its_county(world, client_as):
    response = client_as("admin").post(
        "/orgs/agencies/add/", {"name": "بدون شهرستان", "type": "tax", "level": "county"}
    )
    assert response.status_code == 400
    assert "دستگاه شهرستانی باید شهرستان داشته باشد" in response.content.decode()


def test_serving_agencies_cover_county_province_and_nation(world):
    national = Agency.objects.create(name="سازمان ملی", type="tax", level=ScopeLevel.NATION)
    provincial = Agency.objects.create(
        name="اداره کل", type="tax", level=ScopeLevel.PROVINCE, province=world.province_a
    )
    serving = set(Agency.objects.serving(world.county_a))
    assert {national, provincial, world.agency_a, world.agency_a2} <= serving
    assert world.agency_b not in serving


def test_contacts_show_in_the_agency_history(world, client_as):
    client = client_as("secretariat")
    response = client.post(
        "/orgs/contacts/add/", {"agency": world.agency_a.pk, "name": "سارا امینی", "position": "رابط"}
    )
    assert response.status_code == 302
    history = client.get(world.agency_a.get_absolute_url() + "?tab=history").content.decode()
    assert "سارا امینی" in history
