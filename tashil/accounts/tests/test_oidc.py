"""National single sign-on against a real OpenID Connect provider (django-oauth-toolkit) in a second process.

The provider (``oidc_provider/``) runs on a free port of 127.0.0.1 with its own SQLite file and an RSA key made
when it starts. The flow is walked as a person walks it: the login page's «ورود با درگاه ملی» button, the
provider's login and consent forms, and the return to Tashil; Tashil's side runs in the test client (HTTP) or the
live server (browser), the provider is reached over real HTTP in both directions.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tashil.accounts import oidc
from tashil.accounts.models import AccessEvent
from tashil.core.testing.browser import GUARDS, screenshot

ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID = "tashil-test-client"
CLIENT_SECRET = secrets.token_urlsafe(24)
CALLBACK = "/accounts/national/callback/"
# The provider's people: one whose code is on a Tashil account (given in Persian digits, as a provider may),
# one with a valid code that no account holds, and one the provider vouches for without a national code.
MARYAM = {"username": "maryam", "password": "provider-pass-1", "national_code": "۰۰۱۲۳۴۵۶۷۹"}
REZA = {"username": "reza", "password": "provider-pass-2", "national_code": "1234567891"}
NOCODE = {"username": "nocode", "password": "provider-pass-3"}
MARYAM_CODE = "0012345679"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    """A running test provider: its process, its address and issuer."""

    def __init__(self, workdir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = f"{self.url}/o"
        self.log = workdir / "server.log"
        env = {
            **os.environ,
            "OIDC_PROVIDER_PEOPLE": json.dumps([MARYAM, REZA, NOCODE]),
            "OIDC_PROVIDER_CLIENT_ID": CLIENT_ID,
            "OIDC_PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_PROVIDER_REDIRECT_URIS": " ".join(
                f"http://{host}{CALLBACK}" for host in ("testserver", "127.0.0.1", "localhost")
            ),
        }
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tashil.accounts.tests.oidc_provider.serve", str(self.port), str(workdir)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_until_up()

    def wait_until_up(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the test provider stopped:\n" + self.log.read_text())
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("the test provider did not start:\n" + self.log.read_text())

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    running = Provider(tmp_path_factory.mktemp("oidc-provider"))
    yield running
    running.stop()


def configure(settings, provider, **extra):
    settings.OIDC_OP_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid national_code"
    settings.OIDC_TIMEOUT = 20
    for name, value in extra.items():
        setattr(settings, name, value)
    cache.clear()  # the discovery document of another test's provider


@pytest.fixture
def national_sign_on(settings, provider):
    configure(settings, provider)
    return provider


@pytest.fixture
def maryam(world):
    user = world.users["secretariat"]
    user.national_code = MARYAM_CODE
    user.save()
    return user


class Forms(HTMLParser):
    """The forms of a page: their hidden fields and their action."""

    def __init__(self, html):
        super().__init__()
        self.forms = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif tag == "input" and self.forms and attrs.get("type") == "hidden":
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""


def button_href(page, testid):
    html = page.content.decode()
    marker = f'data-testid="{testid}"'
    assert marker in html, f"no {testid} on the page"
    tag = html[html.rindex("<a", 0, html.index(marker)) : html.index(">", html.index(marker))]
    return tag.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def at_provider(authorize_url, person, allow=True):
    """Sign in at the provider and answer its consent form as ``person`` does; the address it sends them back to."""
    browser = requests.Session()
    login = browser.get(authorize_url, timeout=20)
    assert login.ok and "ورود به درگاه ملی آزمایشی" in login.text
    fields = Forms(login.text).forms[0]["fields"]
    consent = browser.post(
        login.url, {**fields, "username": person["username"], "password": person["password"]}, timeout=20
    )
    assert consent.ok and 'id="authorizationForm"' in consent.text, consent.text[:2000]
    answer = Forms(consent.text).forms[0]["fields"]
    if allow:
        answer["allow"] = "Authorize"
    back = browser.post(consent.url, answer, allow_redirects=False, timeout=20)
    assert back.status_code == 302, back.text[:2000]
    return back.headers["Location"]


def start(client, next_url=""):
    """Open the login page and press «ورود با درگاه ملی»: the address of the provider's authorization page."""
    login = client.get(reverse("accounts:login") + (f"?next={next_url}" if next_url else ""))
    assert login.status_code == 200
    response = client.get(button_href(login, "national-sign-on"))
    assert response.status_code == 302, response.content.decode()[:1000]
    return response["Location"]


def come_back(client, location):
    parts = urlsplit(location)
    assert parts.path == CALLBACK
    return client.get(f"{parts.path}?{parts.query}")


def refused(response, reason, status):
    html = response.content.decode()
    assert response.status_code == status, html[:1500]
    assert f'data-reason="{reason}"' in html
    assert 'data-testid="back-to-login"' in html
    return html


def test_off_when_not_configured_no_button_and_no_address(db):
    assert not oidc.enabled()
    client = Client()
    assert 'data-testid="national-sign-on"' not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:oidc_start")).status_code == 404
    assert client.get(reverse("accounts:oidc_callback") + "?code=x&state=y").status_code == 404


def test_signs_in_the_account_holding_the_national_code(national_sign_on, maryam):
    client = Client()
    authorize = start(client, next_url="/registry/units/")
    assert authorize.startswith(national_sign_on.issuer + "/authorize/")
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    response = come_back(client, at_provider(authorize, MARYAM))
    assert response.status_code == 302 and response["Location"] == "/registry/units/"
    assert client.get("/registry/units/").status_code == 200
    assert int(client.session["_auth_user_id"]) == maryam.pk
    event = AccessEvent.objects.filter(kind="sign_in").latest("pk")
    assert event.user == maryam and event.detail == "با درگاه ملی"


def test_a_national_code_no_account_holds_is_refused_and_logged(national_sign_on, maryam):
    client = Client()
    response = come_back(client, at_provider(start(client), REZA))
    html = refused(response, "no_match", 403)
    assert "حسابی با این کد ملی در سامانه نیست" in html and "۱۲۳۴۵۶۷۸۹۱" in html
    assert "_auth_user_id" not in client.session
    event = AccessEvent.objects.filter(kind="sign_in_failed").latest("pk")
    assert "1234567891" in event.detail and event.user is None


def test_no_account_is_made_for_a_stranger(national_sign_on, maryam):
    from tashil.accounts.models import Membership, User

    users, memberships = User.objects.count(), Membership.objects.count()
    client = Client()
    come_back(client, at_provider(start(client), REZA))
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_a_provider_that_sends_no_national_code_is_refused(national_sign_on, maryam):
    client = Client()
    refused(come_back(client, at_provider(start(client), NOCODE)), "no_code", 403)
    assert "_auth_user_id" not in client.session


def test_an_inactive_account_is_refused(national_sign_on, maryam):
    maryam.is_active = False
    maryam.save()
    client = Client()
    refused(come_back(client, at_provider(start(client), MARYAM)), "inactive", 403)
    assert "_auth_user_id" not in client.session


def test_an_altered_state_is_refused_and_the_code_not_used(national_sign_on, maryam):
    client = Client()
    back = urlsplit(at_provider(start(client), MARYAM))
    query = parse_qs(back.query)
    altered = f"{back.path}?" + urlencode({"code": query["code"][0], "state": "forged-state"})
    refused(come_back(client, altered), "tampered", 400)
    assert "_auth_user_id" not in client.session
    assert AccessEvent.objects.filter(kind="sign_in_failed", detail__contains="پذیرفته نشد").exists()


def test_a_return_replayed_in_another_browser_is_refused(national_sign_on, maryam):
    client = Client()
    back = at_provider(start(client), MARYAM)
    stranger = Client()
    refused(come_back(stranger, back), "stale", 400)
    assert "_auth_user_id" not in stranger.session


def test_a_refused_consent_is_explained(national_sign_on, maryam):
    client = Client()
    back = at_provider(start(client), MARYAM, allow=False)
    assert "error=access_denied" in back
    refused(come_back(client, back), "stale", 400)
    assert "_auth_user_id" not in client.session


def test_an_id_token_signed_by_another_key_is_refused(settings, provider, tmp_path, maryam):
    """An impostor provider (its own key) answers the sign-in; Tashil checks the ID token against the keys of the
    provider it trusts, and refuses."""
    impostor = Provider(tmp_path)
    try:
        configure(
            settings,
            provider,
            OIDC_OP_AUTHORIZATION_ENDPOINT=f"{impostor.issuer}/authorize/",
            OIDC_OP_TOKEN_ENDPOINT=f"{impostor.issuer}/token/",
            OIDC_OP_USER_ENDPOINT=f"{impostor.issuer}/userinfo/",
            OIDC_OP_JWKS_ENDPOINT=f"{provider.issuer}/.well-known/jwks.json",
        )
        client = Client()
        refused(come_back(client, at_provider(start(client), MARYAM)), "tampered", 400)
        assert "_auth_user_id" not in client.session
    finally:
        impostor.stop()


def test_an_id_token_from_another_issuer_is_refused(settings, provider, maryam):
    configure(
        settings,
        provider,
        OIDC_OP_ISSUER="https://national-idp.example/o",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{provider.issuer}/authorize/",
        OIDC_OP_TOKEN_ENDPOINT=f"{provider.issuer}/token/",
        OIDC_OP_USER_ENDPOINT=f"{provider.issuer}/userinfo/",
        OIDC_OP_JWKS_ENDPOINT=f"{provider.issuer}/.well-known/jwks.json",
    )
    client = Client()
    refused(come_back(client, at_provider(start(client), MARYAM)), "tampered", 400)
    assert "_auth_user_id" not in client.session


def test_a_provider_that_is_down_gets_a_persian_page_not_an_error(settings, tmp_path, maryam):
    """Down before the sign-in (its discovery document does not answer), and down between the consent and the
    return (the code cannot be exchanged): a page that says so, both times."""
    fragile = Provider(tmp_path)
    configure(settings, fragile)
    client = Client()
    back = at_provider(start(client), MARYAM)
    fragile.stop()
    html = refused(come_back(client, back), "unavailable", 502)
    assert "درگاه ملی در دسترس نیست" in html
    assert "_auth_user_id" not in client.session

    cache.clear()
    login = Client().get(reverse("accounts:login"))
    refused(Client().get(button_href(login, "national-sign-on")), "unavailable", 502)
    assert AccessEvent.objects.filter(kind="sign_in_failed", detail__contains="در دسترس نیست").count() == 2


def test_the_national_provider_is_not_the_second_factor(national_sign_on, maryam):
    TOTPDevice.objects.create(user=maryam, name="authenticator", confirmed=True)
    client = Client()
    response = come_back(client, at_provider(start(client), MARYAM))
    assert response.status_code == 302
    home = client.get(response["Location"])
    assert home.status_code == 302 and home["Location"].startswith(reverse("accounts:twofactor_verify"))


def test_a_password_sign_in_does_not_wait_on_the_provider(settings, maryam):
    """With the provider configured but down, the password form still signs people in (nothing asks it)."""
    from tashil.core.demo import DEMO_PASSWORD

    settings.OIDC_OP_ISSUER = f"http://127.0.0.1:{free_port()}/o"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": maryam.username, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == maryam.pk


def test_a_matcher_added_by_another_feature_is_asked_too(national_sign_on, world):
    """The hook pending invitations use: a matcher that finds the person another way."""
    invited = world.users["manager"]

    def invitation(claims):
        return invited if oidc.national_code(claims) == "1234567891" else None

    oidc.person_matcher(invitation)
    try:
        client = Client()
        response = come_back(client, at_provider(start(client), REZA))
        assert response.status_code == 302
        assert int(client.session["_auth_user_id"]) == invited.pk
    finally:
        oidc.PERSON_MATCHERS.remove(invitation)


def through_the_provider(page, provider, person):
    """From Tashil's login page through the provider's login and consent pages, as a person clicks them."""
    page.goto("/accounts/login/")
    page.click("[data-testid=national-sign-on]")
    page.wait_for_selector("[data-testid=provider-login]")
    page.fill("input[name=username]", person["username"])
    page.fill("input[name=password]", person["password"])
    page.click("[data-testid=provider-login] button[type=submit]")
    page.click("input[name=allow]")
    page.wait_for_url(lambda url: not url.startswith(provider.url))
    page.wait_for_load_state("domcontentloaded")


@pytest.mark.browser
def test_browser_signs_in_through_the_providers_login_and_consent_pages(page, settings, provider, maryam):
    configure(settings, provider)
    page.goto("/accounts/login/")
    screenshot(page, "national-sign-on")
    through_the_provider(page, provider, MARYAM)
    assert str(maryam) in page.content()
    assert AccessEvent.objects.filter(kind="sign_in", user=maryam, detail="با درگاه ملی").exists()


@pytest.mark.browser
def test_browser_a_person_without_an_account_is_told_what_to_do(page, settings, provider, maryam):
    configure(settings, provider)

    def expect_refusal(request):
        # The return answers 403 (no account): the page is judged below, not counted as a broken page.
        if CALLBACK in request.url:
            GUARDS[page].expected.add((403, request.url))

    page.on("request", expect_refusal)
    through_the_provider(page, provider, REZA)
    assert page.get_attribute("[data-testid=national-refused]", "data-reason") == "no_match"
    assert "۱۲۳۴۵۶۷۸۹۱" in page.inner_text("main")
    screenshot(page, "national-sign-on-refused")
    page.click("[data-testid=back-to-login]")
    page.wait_for_selector("[data-testid=login-form]")
