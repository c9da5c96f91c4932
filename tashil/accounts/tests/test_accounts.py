import datetime
import re

from django.test import Client
from django.utils import timezone

from tashil.accounts.models import ApiToken, Membership, User
from tashil.core.choices import Role
from tashil.core.demo import DEMO_PASSWORD
from tashil.core.jalali import format_jalali_datetime
from tashil.core.testing.views import ModelViewTests


def test_pages_require_sign_in(world):
    response = Client().get("/geo/zones/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/geo/zones/")


def test_login_page_is_persian_and_right_to_left(db):
    page = Client().get("/accounts/login/").content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "ورود" in page


def test_login_with_the_real_form(world):
    client = Client()
    response = client.post("/accounts/login/", {"username": "secretariat", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_gets_a_persian_message(world):
    response = Client().post("/accounts/login/", {"username": "secretariat", "password": "wrong"})
    assert response.status_code == 200
    assert "نام کاربری" in response.content.decode() and "گذرواژه" in response.content.decode()


def test_repeated_failures_lock_the_account(world, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "secretariat", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "secretariat", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "موقتاً بسته شده" in response.content.decode()


def test_behind_the_balancer_one_address_cannot_lock_another_out(world, settings):
    """Issue 20, finding 4: every sign-in reaches the server from the balancer (REMOTE_ADDR fixed); the lock-out
    holds for the user name from the address the balancer saw, not for everyone."""
    settings.TASHIL_TRUSTED_PROXIES = 1
    balancer = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        balancer.post(
            "/accounts/login/", {"username": "secretariat", "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.5"
        )
    attacker = balancer.post(
        "/accounts/login/", {"username": "secretariat", "password": DEMO_PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert attacker.status_code == 429
    owner = Client(REMOTE_ADDR="10.0.0.2")
    response = owner.post(
        "/accounts/login/",
        {"username": "secretariat", "password": DEMO_PASSWORD},
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
    )
    assert response.status_code == 302 and owner.get("/").status_code == 200


def test_a_forged_forwarded_address_does_not_escape_the_lock_out(world, settings):
    """With no trusted proxy, X-Forwarded-For is the caller's own words: a new one on each try changes nothing."""
    settings.TASHIL_TRUSTED_PROXIES = 0
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/", {"username": "secretariat", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )
    response = client.post(
        "/accounts/login/", {"username": "secretariat", "password": DEMO_PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert response.status_code == 429 and "موقتاً بسته شده" in response.content.decode()


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_the_language_switch_sets_the_visitor_s_choice_and_returns_to_the_page(world, client_as):
    """Staff pages are Persian only (catalog/tests/test_english.py): the choice no longer lands in the profile."""
    client = client_as("secretariat")
    answer = client.post("/accounts/language/", {"language": "en", "return_url": "/directory/products/"})
    assert answer.status_code == 302 and answer["Location"] == "/directory/products/"
    assert answer.cookies["django_language"].value == "en"
    assert User.objects.get(username="secretariat").language == "fa"
    assert '<html lang="fa" dir="rtl">' in client.get("/").content.decode()


def test_profile_normalises_the_mobile_and_refuses_a_bad_one(world, client_as):
    client = client_as("secretariat")
    data = {
        "first_name": "مریم",
        "last_name": "رضایی",
        "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "language": "fa",
        "save_profile": "1",
    }
    assert client.post("/accounts/profile/", data).status_code == 302
    assert User.objects.get(username="secretariat").mobile == "09121234567"
    data["mobile"] = "۰۲۱۱۲۳"
    response = client.post("/accounts/profile/", data)
    assert response.status_code == 400
    assert "شماره همراه «۰۲۱۱۲۳» معتبر نیست" in response.content.decode()


def test_api_token(world, client_as):
    page = client_as("secretariat").post("/accounts/profile/", {"new_token": "1"})
    key = re.search(r'data-testid="new-api-key">([0-9a-f]{40})<', page.content.decode()).group(1)
    token = ApiToken.objects.get(user=world.users["secretariat"])
    assert token.digest != key and key not in str(token.__dict__), "only the key's digest is kept"
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.get("/api/geo/zones/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert [row["name"] for row in response.json()["results"]] == [world.zone_a.name]
    assert Client().get("/api/geo/zones/").status_code == 401
    token.refresh_from_db()
    assert token.last_used is not None


def test_api_tokens_are_listed_and_revoked_on_the_profile_page(world, client_as):
    """Issue 20, finding 9: the owner sees each key (made, last used, expires) and revokes it; another's key is
    not theirs to revoke."""
    token, key = ApiToken.issue(world.users["secretariat"])
    others, other_key = ApiToken.issue(world.users["manager"])
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/geo/zones/").status_code == 200
    client = client_as("secretariat")
    page = client.get("/accounts/profile/").content.decode()
    listed = page[page.index('data-testid="api-tokens"') :]
    assert token.prefix in listed and others.prefix not in listed
    assert "آخرین استفاده" in listed and "پایان اعتبار" in listed
    assert f'name="revoke_token" value="{token.pk}"' in listed, "the page offers the revocation posted below"
    assert client.post("/accounts/profile/", {"revoke_token": others.pk}).status_code == 302
    assert ApiToken.objects.filter(pk=others.pk).exists(), "another person's key is not revoked"
    response = client.post("/accounts/profile/", {"revoke_token": token.pk}, follow=True)
    assert f"کلید API ساخته‌شده در {format_jalali_datetime(token.created)} باطل شد" in response.content.decode()
    refused = api.get("/api/geo/zones/")
    assert refused.status_code == 401 and "باطل شده است" in refused.json()["detail"]
    assert Client(HTTP_AUTHORIZATION=f"Token {other_key}").get("/api/geo/zones/").status_code == 200


def test_an_expired_api_token_is_refused(world, settings):
    settings.TASHIL_API_TOKEN_DAYS = 90
    token, key = ApiToken.issue(world.users["secretariat"])
    assert (token.expires - timezone.now()).days in (89, 90)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/geo/zones/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - datetime.timedelta(minutes=1))
    refused = api.get("/api/geo/zones/")
    assert refused.status_code == 401 and "به پایان رسیده است" in refused.json()["detail"]


class TestUserViews(ModelViewTests):
    model = User
    changed_field = "position"

    def make(self, world):
        user = world.users["manager"]
        user.first_name, user.last_name = "حسن", "عباسی‌نیا"
        user.save()
        return user

    def add_data(self, world):
        return {
            "username": "new.user",
            "first_name": "نیما",
            "last_name": "کریمی",
            "language": "fa",
            "is_active": "on",
            "password1": "Very-Long-Pass-1405",
            "password2": "Very-Long-Pass-1405",
            "role": Role.MANAGER,
            "level": "county",
            "county": world.county_a.pk,
        }

    def edit_data(self, world, obj):
        return {
            "username": obj.username,
            "first_name": "حسن",
            "last_name": "عباسی",
            "position": "فرماندار",
            "language": "fa",
            "is_active": "on",
        }

    def bad_data(self, world):
        data = self.add_data(world)
        data["mobile"] = "12345"
        return data, "mobile", "شماره همراه"


def test_a_new_user_outside_the_adders_scope_is_not_created(world, client_as):
    data = TestUserViews().add_data(world)
    data["county"] = world.county_b.pk
    response = client_as("secretariat").post("/accounts/users/add/", data)
    assert response.status_code == 400
    assert not User.objects.filter(username="new.user").exists()


def test_a_secretariat_grants_roles_in_its_county_only(world, client_as):
    client = client_as("secretariat")
    person = User.objects.create(username="new.officer")
    Membership.objects.create(user=person, role=Role.MANAGER, level="county", county=world.county_a, is_active=False)
    url = "/accounts/memberships/add/"
    ok = client.post(
        url,
        {"user": person.pk, "role": Role.MANAGER, "level": "county", "county": world.county_a.pk, "is_active": "on"},
    )
    assert ok.status_code == 302
    outside = client.post(
        url, {"user": person.pk, "role": Role.MANAGER, "level": "county", "county": world.county_b.pk}
    )
    assert outside.status_code == 400
    nation = client.post(url, {"user": person.pk, "role": Role.MANAGER, "level": "nation", "is_active": "on"})
    assert nation.status_code == 400
    assert "بیرون از حوزه دسترسی" in nation.content.decode()
    admin = client.post(url, {"user": person.pk, "role": Role.ADMIN, "level": "nation"})
    assert admin.status_code == 400
    assert list(Membership.objects.filter(user=person, is_active=True).values_list("county", flat=True)) == [
        world.county_a.pk
    ]


def test_an_officer_takes_the_place_of_the_agency(world):
    membership = Membership(
        user=world.users["manager"], role=Role.AGENCY_OFFICER, level="nation", agency=world.agency_b
    )
    membership.full_clean()
    assert (membership.level, membership.county, membership.province) == ("county", world.county_b, world.province_b)


def test_a_county_secretariat_manages_only_its_own_role_of_a_person_who_works_elsewhere_too(world, client_as):
    """Issue 20, finding 3: the account of a person with a role in this county and one in another province is the
    other province's too; this county's secretariat may add or end its own membership of them, nothing more."""
    person = User.objects.create(username="shared.person", email="shared@example.ir", first_name="سارا")
    Membership.objects.create(user=person, role=Role.MANAGER, level="county", county=world.county_a)
    elsewhere = Membership.objects.create(user=person, role=Role.MANAGER, level="county", county=world.county_b)
    client = client_as("secretariat")
    page = client.get(f"/accounts/users/{person.pk}/?tab=memberships")
    assert page.status_code == 200 and 'data-testid="shared-account"' in page.content.decode()
    assert f"/accounts/users/{person.pk}/edit/" not in page.content.decode()
    edit = {"username": "shared.person", "email": "attacker@example.ir", "language": "fa"}
    assert client.get(f"/accounts/users/{person.pk}/edit/").status_code == 403
    assert client.post(f"/accounts/users/{person.pk}/edit/", edit).status_code == 403
    assert client.post(f"/accounts/users/{person.pk}/delete/").status_code == 403
    person.refresh_from_db()
    assert (person.email, person.is_active) == ("shared@example.ir", True)
    assert client.get(f"/accounts/memberships/{elsewhere.pk}/edit/").status_code == 404
    own = person.memberships.get(county=world.county_a)
    data = {"user": person.pk, "role": Role.MANAGER, "level": "county", "county": world.county_a.pk}
    assert client.post(f"/accounts/memberships/{own.pk}/edit/", data).status_code == 302, "ends its own role"
    added = client.post("/accounts/memberships/add/", {**data, "role": Role.SECRETARIAT, "is_active": "on"})
    assert added.status_code == 302, "adds a role in its county"
    assert set(person.memberships.values_list("county", "is_active")) == {
        (world.county_a.pk, False),
        (world.county_a.pk, True),
        (world.county_b.pk, True),
    }
    api = client.get(f"/api/accounts/users/{person.pk}/")
    assert api.status_code == 200 and client.patch(
        f"/api/accounts/users/{person.pk}/", {"email": "x@example.ir"}, content_type="application/json"
    ).status_code in (403, 405)
    elsewhere.delete()
    assert client.post(f"/accounts/users/{person.pk}/edit/", edit).status_code == 302, "all its roles are here now"
