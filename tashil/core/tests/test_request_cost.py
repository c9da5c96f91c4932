"""The fixed cost of a signed-in request (issue 27 §2), and that what is cached of a person is always theirs and
always current.

A signed-in page shows its person's memberships (scope), roles and places, unread count, saved views and
authenticator; the session and the user row are read on every request. They come from the shared cache
(``core/person.py``, cached_db sessions), computed once per version of the person: these tests count the
queries of a page asked for twice, and show that every event that changes what is cached (a membership added,
its role changed, it ended, a notification, one read, a saved view shared, an authenticator, a password) is
seen on the very next request, and that no person is ever shown another's menu or scope.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tashil.accounts.models import Membership
from tashil.core import navigation
from tashil.core.choices import Role, ScopeLevel
from tashil.core.models import SavedView
from tashil.core.routers import ROWS_MATCHED
from tashil.core.testing.pages import link
from tashil.notifications.models import NotificationKind
from tashil.notifications.services import notify

# The tables of what a request reads of its person; after the first request none is queried again.
PERSON_TABLES = (
    "django_session",
    "accounts_user",
    "accounts_membership",
    "notifications_notification",
    "core_savedview",
    "otp_totp_totpdevice",
)
# The queries a page runs besides its own content: none. The floor page (the profile) reads its API keys; the
# list page its rows, their count and its filters' choices.
FLOOR_QUERIES = 1
LIST_QUERIES = 4


def person_queries(captured):
    return [q["sql"] for q in captured if any(f'"{table}"' in q["sql"] for table in PERSON_TABLES)]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def content_queries(captured):
    """The queries that read rows (savepoints of ATOMIC_REQUESTS aside)."""
    return [q for q in captured if "SAVEPOINT" not in q["sql"]]


@pytest.mark.parametrize(
    ("url_name", "most"),
    [("accounts:profile", FLOOR_QUERIES), ("geo:industrialzone_list", LIST_QUERIES)],
)
def test_a_page_asked_again_reads_nothing_of_its_person_from_the_database(world, url_name, most):
    client = signed_in(world.users["secretariat"])
    url = reverse(url_name)
    assert client.get(url).status_code == 200  # the person's entry is computed here
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert person_queries(captured) == []
    assert len(content_queries(captured)) <= most, [q["sql"] for q in content_queries(captured)]


def test_the_floor_and_a_list_page_stay_within_their_query_budget(world, django_assert_max_num_queries):
    """The same bound through pytest-django's assertion, savepoints included."""
    client = signed_in(world.users["secretariat"])
    for url in (reverse("accounts:profile"), reverse("geo:industrialzone_list")):
        client.get(url)
    with django_assert_max_num_queries(FLOOR_QUERIES + 2):  # the request's savepoint and its release
        client.get(reverse("accounts:profile"))
    with django_assert_max_num_queries(LIST_QUERIES + 2):
        client.get(reverse("geo:industrialzone_list"))


def test_a_membership_added_changed_and_ended_is_seen_on_the_next_request(world):
    user = world.users["secretariat"]
    client = signed_in(user)
    zone_b = world.zone_b.get_absolute_url()
    assert client.get(zone_b).status_code == 404
    membership = Membership.objects.create(
        user=user, role=Role.MANAGER, level=ScopeLevel.COUNTY, county=world.county_b, province=world.province_b
    )
    page = client.get(zone_b)
    assert page.status_code == 200
    assert 'data-testid="edit-button"' not in page.content.decode()  # a manager reads
    assert world.county_b.name in client.get(reverse("accounts:profile")).content.decode()  # the top bar's line

    membership.role = Role.SECRETARIAT
    membership.save()
    assert 'href="' + reverse("geo:industrialzone_edit", args=[world.zone_b.pk]) in client.get(zone_b).content.decode()

    membership.is_active = False
    membership.save()
    assert client.get(zone_b).status_code == 404
    membership.is_active = True
    membership.save()
    membership.delete()
    assert client.get(zone_b).status_code == 404


def test_a_role_given_changes_the_side_menu_on_the_next_request(world):
    """The side menu is a fragment cached per set of roles: a new role draws the menu of the new set."""
    user = world.users["agency_officer"]
    client = signed_in(user)
    secretariat_only = set(urls_of(world.users["secretariat"])) - set(urls_of(user))
    assert secretariat_only, "the secretariat opens pages an agency officer does not"
    shown = client.get(reverse("accounts:profile")).content.decode()
    assert not any(f'href="{url}"' in shown for url in secretariat_only)
    Membership.objects.create(user=user, role=Role.SECRETARIAT, level=ScopeLevel.COUNTY, county=world.county_a)
    shown = client.get(reverse("accounts:profile")).content.decode()
    assert all(f'href="{url}"' in shown for url in secretariat_only)


def urls_of(user):
    return [item["url"] for group in navigation.menu_for(user) for item in group["items"]]


def test_no_person_is_shown_anothers_menu_scope_or_count(world):
    """Two people asking for the same pages in turn, each after the other has filled the caches."""
    officer, secretariat = world.users["agency_officer"], world.users["secretariat_b"]
    clients = {officer: signed_in(officer), secretariat: signed_in(secretariat)}
    notify([secretariat], NotificationKind.REFERRED, "برای دبیرخانه ب")
    for _round in range(2):
        for user, client in clients.items():
            shown = client.get(reverse("notifications:notification_list")).content.decode()
            assert set(side_menu_urls(shown)) == set(urls_of(user)), user.username
            other = secretariat if user == officer else officer
            assert other.memberships.get().place_label not in shown
            assert user.memberships.get().place_label in shown
            has_badge = 'data-testid="unread-count"' in shown
            assert has_badge == (user == secretariat), user.username
    assert clients[officer].get(world.zone_b.get_absolute_url()).status_code == 404
    assert clients[secretariat].get(world.zone_a.get_absolute_url()).status_code == 404


def side_menu_urls(html):
    """The addresses of the side menu's links (the fragment between its nav tag and its end)."""
    start = html.index('data-testid="side-menu"')
    menu = html[start : html.index("</nav>", start)]
    found = []
    for part in menu.split('class="side-link')[1:]:
        href = part.split('href="', 1)[1].split('"', 1)[0]
        if 'data-testid="saved-view-link"' not in part.split(">", 1)[0]:
            found.append(href)
    return [url for url in found if url not in ("/", reverse("core:savedview_list"))]


def test_a_new_notification_and_one_read_change_the_bell_on_the_next_request(world):
    user = world.users["secretariat"]
    client = signed_in(user)

    def bell():
        shown = client.get(reverse("accounts:profile")).content.decode()
        if 'data-testid="unread-count"' not in shown:
            return ""
        return shown.split('data-testid="unread-count">', 1)[1].split("<", 1)[0]

    before = bell()
    notify([user], NotificationKind.REFERRED, "مانع تازه", url=reverse("accounts:profile"))
    after = bell()
    assert after and after != before
    listing = client.get(reverse("notifications:notification_list"))
    client.get(link(listing, text="مانع تازه"))  # opening it marks it read
    assert bell() == before


def test_a_shared_saved_view_appears_in_a_colleagues_menu_on_the_next_request(world):
    owner = world.users["secretariat"]
    colleague = Membership.objects.create(
        user=world.users["agency_officer_b"],
        role=Role.SECRETARIAT,
        level=ScopeLevel.COUNTY,
        county=world.county_a,
        province=world.province_a,
    ).user
    client = signed_in(colleague)
    assert "نمای مشترک" not in client.get(reverse("accounts:profile")).content.decode()
    SavedView.objects.create(
        owner=owner, name="نمای مشترک", path="/registry/units/", query="status=active", shared=True
    )
    assert "نمای مشترک" in client.get(reverse("accounts:profile")).content.decode()


def test_a_changed_password_or_a_deactivated_account_signs_out_on_the_next_request(world):
    user = world.users["secretariat"]
    client = signed_in(user)
    profile = reverse("accounts:profile")
    assert client.get(profile).status_code == 200
    user.set_password("Another-Password-1405")
    user.save()
    assert client.get(profile).status_code == 302

    client = signed_in(user)
    assert client.get(profile).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(profile).status_code == 302


def test_an_authenticator_set_up_elsewhere_is_asked_for_on_the_next_request(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = world.users["secretariat"]
    client = signed_in(user)
    profile = reverse("accounts:profile")
    assert client.get(profile).status_code == 200
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    response = client.get(profile)
    assert response.status_code == 302 and reverse("accounts:twofactor_verify") in response["Location"]


def test_the_top_bar_speaks_persian_after_the_public_site_in_english(world, settings):
    """The top bar's line is kept per language: a person who read the public site in English still sees their
    roles in Persian on the staff pages."""
    from django.utils import translation

    from tashil.core import scope

    user = world.users["secretariat"]
    client = signed_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/directory/").status_code == 200
    with translation.override("fa"):
        persian = scope.load_description(user)
    with translation.override("en"):
        english = scope.load_description(user)
    assert persian != english
    shown = client.get(reverse("accounts:profile")).content.decode()
    assert persian in shown and english not in shown


# The profile page's two forms, unbound, are rendered once and kept: the profile form per version of its person, the
# password form (the same for everyone) per language. Each is drawn afresh whenever what it shows may have changed.


def form_input(html, name):
    """The ``<input>`` tag of the field ``name``."""
    start = html.index(f'name="{name}"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_the_profile_form_shows_a_change_made_anywhere_on_the_next_request(world):
    user = world.users["secretariat"]
    client = signed_in(user)
    profile = reverse("accounts:profile")
    assert 'value="نام تازه"' not in form_input(client.get(profile).content.decode(), "first_name")
    sent = {"save_profile": "1", "first_name": "نام تازه", "last_name": user.last_name, "mobile": "09121111111"}
    assert client.post(profile, sent).status_code == 302
    shown = client.get(profile).content.decode()
    assert 'value="نام تازه"' in form_input(shown, "first_name")
    assert 'value="09121111111"' in form_input(shown, "mobile")
    # Changed elsewhere (the user's page, the admin): a save of the user row.
    user.refresh_from_db()
    user.mobile = "09122222222"
    user.save()
    assert 'value="09122222222"' in form_input(client.get(profile).content.decode(), "mobile")


def test_no_person_is_shown_anothers_profile_form(world):
    first, second = world.users["secretariat"], world.users["agency_officer"]
    for user, name in ((first, "یکم"), (second, "دوم")):
        user.first_name = name
        user.save()
    clients = {first: signed_in(first), second: signed_in(second)}
    for _round in range(2):
        for user, client in clients.items():
            shown = form_input(client.get(reverse("accounts:profile")).content.decode(), "first_name")
            assert f'value="{user.first_name}"' in shown, user.username


def test_a_form_sent_back_with_errors_shows_them_and_they_are_not_kept(world):
    user = world.users["secretariat"]
    client = signed_in(user)
    profile = reverse("accounts:profile")
    client.get(profile)  # both forms rendered and kept
    refused = client.post(profile, {"save_profile": "1", "first_name": "x", "email": "not-an-address"})
    assert refused.status_code == 400
    assert 'data-testid="field-error-email"' in refused.content.decode()
    refused = client.post(profile, {"change_password": "1", "old_password": "wrong", "new_password1": "a"})
    assert refused.status_code == 400
    assert 'data-testid="field-error-old_password"' in refused.content.decode()
    shown = client.get(profile).content.decode()
    assert 'data-testid="field-error' not in shown
    assert 'value="not-an-address"' not in shown


def test_the_profile_forms_speak_the_language_of_the_page(world, settings):
    client = signed_in(world.users["secretariat"])
    profile = reverse("accounts:profile")
    persian = client.get(profile).content.decode()
    settings.LANGUAGE_CODE = "en"  # staff pages speak the site's language
    english = client.get(profile).content.decode()
    settings.LANGUAGE_CODE = "fa"
    again = client.get(profile).content.decode()
    for field in ("first_name", "old_password"):
        label = f'for="id_{field}">'
        assert persian.split(label, 1)[1].split("<", 1)[0] == again.split(label, 1)[1].split("<", 1)[0]
        assert persian.split(label, 1)[1].split("<", 1)[0] != english.split(label, 1)[1].split("<", 1)[0]
    assert 'for="id_old_password">Old password' in english


def test_an_objects_page_does_not_ask_again_whether_its_object_is_in_scope(world):
    """The unit page fetches its unit through the view filter; its buttons and the agency identifiers ask the same
    question with the same filter (scope.row_matches), answered by that fetch: no ``SELECT 1 … LIMIT 1`` of the
    unit (there were two). A unit out of scope is still a 404."""
    from tashil.units.models import IndustrialUnit

    unit = IndustrialUnit.objects.create(name="کارخانه پرسش یک‌باره", county=world.county_a)
    client = signed_in(world.users["secretariat"])
    client.get(unit.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        page = client.get(unit.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="edit-button"' in page.content.decode()  # the buttons the scope allows are still there
    asked_again = [q["sql"] for q in captured if q["sql"].startswith('SELECT 1 AS "a" FROM "units_industrialunit"')]
    assert asked_again == []
    assert ROWS_MATCHED.get() is None, "what a request learnt ends with it"
    other = IndustrialUnit.objects.create(name="کارخانه شهرستان دیگر", county=world.county_b)
    assert client.get(other.get_absolute_url()).status_code == 404
