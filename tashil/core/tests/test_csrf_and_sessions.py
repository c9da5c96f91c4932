"""CSRF everywhere, and sessions that end.

Every URL of the project, pages and API alike, refuses a POST that does not carry the CSRF token of the
signed-in session (the API accepts a POST without one only from a caller that authenticates with a token,
which a browser never sends by itself).
"""

import datetime

from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from .test_permission_matrix import ROUTES


def test_a_post_without_the_csrf_token_is_refused_everywhere(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    wrong = []
    for route in ROUTES:
        url = reverse(route.name, kwargs=route.url_kwargs(world) or None) + route.query
        response = client.post(url, {"title": "x"})
        if response.status_code == 405 and read_only_public_api(url):
            continue  # no session, no cookie, and nothing a POST could change
        if response.status_code != 403 or not refused_for_csrf(response):
            wrong.append(f"{route.name}: {response.status_code}")
    assert not wrong, "answered a POST without a CSRF token:\n  " + "\n  ".join(wrong)
    assert len(ROUTES) > 300


def refused_for_csrf(response):
    """A 403 for the missing token (a page's Persian "form expired", the API's CSRF message), not another."""
    text = response.content.decode()
    return "این فرم منقضی شده است" in text or "درخواست بدون نشانه CSRF نشست پذیرفته نیست" in text


def read_only_public_api(url):
    func = resolve(url).func
    cls = getattr(func, "cls", None)
    return cls is not None and "post" not in func.actions and not cls.authentication_classes


def test_the_same_post_with_the_token_gets_through(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretariat"])
    url = reverse("notifications:read_all")
    page = client.get(reverse("notifications:notification_list"))
    token = page.cookies[settings.CSRF_COOKIE_NAME].value if settings.CSRF_COOKIE_NAME in page.cookies else None
    token = token or page.context["csrf_token"]
    assert client.post(url, {"csrfmiddlewaretoken": str(token)}).status_code in (200, 302)


def test_a_session_ends_when_the_browser_closes_and_after_eight_hours(world):
    client = Client()
    client.force_login(world.users["secretariat"])
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert client.get(reverse("home")).status_code == 200

    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    # Sessions are read from the cache (cached_db), where each is kept for its own age: it leaves the cache when
    # it ends in the database, as here.
    from django.core.cache import cache

    cache.delete(client.session.cache_key)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_error_pages_speak_persian_right_to_left(world, client_as, rf):

    response = client_as("secretariat_b").get(world.obstacle_a.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 404 and "این صفحه پیدا نشد" in text and 'dir="rtl"' in text
    assert world.obstacle_a.title not in text, "the page says nothing of what it hides"
    response = client_as("manager").get(reverse("obstacles:obstacle_edit", kwargs={"pk": world.obstacle_a.pk}))
    assert response.status_code == 403 and "اجازه این کار را ندارید" in response.content.decode()


def failing_client(world, monkeypatch, error):
    from tashil.obstacles.api import ObstacleViewSet
    from tashil.site.views import HomeView

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(HomeView, "get", fail)
    monkeypatch.setattr(ObstacleViewSet, "list", fail)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["secretariat"])
    return client


def test_a_fault_gets_the_persian_500_page_and_json_in_the_api(world, monkeypatch):
    client = failing_client(world, monkeypatch, ZeroDivisionError("boom"))
    response = client.get(reverse("home"))
    assert response.status_code == 500 and "خطایی در سامانه رخ داد" in response.content.decode()
    assert "boom" not in response.content.decode()
    response = client.get(reverse("api:obstacle-list"))
    assert response.status_code == 500 and "خطایی در سامانه رخ داد" in response.json()["detail"]


def test_an_unreachable_database_is_503_with_retry_after(world, monkeypatch):
    from django.db import OperationalError

    client = failing_client(world, monkeypatch, OperationalError("connection refused"))
    response = client.get(reverse("home"))
    assert response.status_code == 503 and response["Retry-After"] == "15"
    assert "سامانه لحظه‌ای در دسترس نیست" in response.content.decode()
    response = client.get(reverse("api:obstacle-list"))
    assert response.status_code == 503 and "چیزی از این درخواست ذخیره نشد" in response.json()["detail"]


def test_what_a_signed_in_person_sees_is_kept_by_no_cache(world, client_as):
    """A page, an API answer and a confidential file leave no copy in a shared proxy or on the browser's disk
    after signing out; the public site, seen by a visitor, may still be cached."""
    client = client_as("secretariat")
    for url in (reverse("home"), world.unit_a.get_absolute_url(), "/api/units/units/", reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, f"{url}: {response['Cache-Control']}"
    visitor = Client().get(reverse("public:index"))
    assert "no-store" not in visitor.get("Cache-Control", "")
