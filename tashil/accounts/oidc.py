"""National single sign-on (issue 24 §5): OpenID Connect through mozilla-django-oidc, configured by the environment.

A person signs in at the national identity provider; Tashil matches them **by national code** to an account that
already exists and signs them in. Nothing here creates an account or a role. Who counts as a match is decided by
``PERSON_MATCHERS``: callables ``matcher(claims) -> User | None`` tried in order, the first user found wins. The
default one finds the account holding the national code; a higher feature (pending invitations) adds its own with
``person_matcher`` from its ``AppConfig.ready()`` and reads the code with ``national_code(claims)``.

Off unless ``OIDC_RP_CLIENT_ID`` and the provider (``OIDC_OP_ISSUER``, or its endpoints) are set: then the login
page shows no button and both addresses answer 404. The library's settings are read through ``setting`` (its
``get_settings`` hook): the endpoints not given in the environment come from the provider's discovery document,
fetched when a sign-in needs them and cached, so a password sign-in never waits on the provider.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tashil.core.persian import to_persian_digits
from tashil.core.validators import normalize_national_id, validate_person_code

from . import audit

logger = logging.getLogger(__name__)

BACKEND = "tashil.accounts.oidc.NationalSignOnBackend"

# The library's endpoint settings and the discovery document's names for them.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
REQUIRED_ENDPOINTS = ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")


class ProviderUnavailable(Exception):
    """The identity provider did not answer, or answered something that is not an OpenID Connect provider's."""


class SignOnRefused(Exception):
    """The provider vouched for a person, but Tashil does not let them in (why: one of ``REFUSALS``)."""

    def __init__(self, reason, code=""):
        super().__init__(reason)
        self.reason = reason
        self.code = code


# What the person is told on each refusal: what happened and what to do. The status is the page's HTTP status.
REFUSALS = {
    "no_match": (
        403,
        _("حسابی با این کد ملی در سامانه نیست"),
        _(
            "درگاه ملی هویت شما را با کد ملی %(code)s تأیید کرد، اما هیچ حساب کاربری تسهیل این کد ملی را ندارد. "
            "ورود با درگاه ملی حساب تازه نمی‌سازد: از دبیرخانه ستاد شهرستان یا استان خود بخواهید کد ملی شما را در "
            "حساب کاربری‌تان ثبت کند یا برایتان دعوت‌نامه بفرستد، سپس دوباره وارد شوید."
        ),
    ),
    "inactive": (
        403,
        _("حساب کاربری شما غیرفعال است"),
        _(
            "حساب کاربری‌ای که کد ملی %(code)s را دارد غیرفعال شده است. برای فعال شدن دوباره با دبیرخانه ستاد تماس "
            "بگیرید."
        ),
    ),
    "no_code": (
        403,
        _("درگاه ملی کد ملی شما را نفرستاد"),
        _(
            "درگاه ملی ورود شما را تأیید کرد اما کد ملی‌ای همراه آن نفرستاد، پس نمی‌توان شما را به حسابی رساند. "
            "هنگام ورود در درگاه ملی، اجازه دسترسی به کد ملی را بدهید؛ اگر باز هم نشد، با نام کاربری و گذرواژه وارد "
            "شوید و موضوع را به دبیرخانه بگویید."
        ),
    ),
    "bad_code": (
        403,
        _("کد ملی فرستاده‌شده معتبر نیست"),
        _(
            "درگاه ملی کد ملی «%(code)s» را فرستاد که ده رقم با رقم کنترل درست نیست، پس ورود انجام نشد. با نام "
            "کاربری و گذرواژه وارد شوید و موضوع را به دبیرخانه بگویید."
        ),
    ),
    "tampered": (
        400,
        _("پاسخ درگاه ملی پذیرفته نشد"),
        _(
            "پاسخی که از درگاه ملی رسید دست‌کاری شده، تاریخ گذشته یا برای این سامانه نبود، و برای امنیت شما "
            "پذیرفته نشد. از صفحه ورود دوباره «ورود با درگاه ملی» را بزنید؛ اگر تکرار شد، به دبیرخانه خبر دهید."
        ),
    ),
    "stale": (
        400,
        _("ورود با درگاه ملی نیمه‌کاره ماند"),
        _(
            "این بازگشت از درگاه ملی با ورودی که در این مرورگر آغاز شده باشد جور نیست (شاید زمانش گذشته یا در "
            "مرورگر دیگری آغاز شده است) یا ورود در درگاه ملی لغو شد. از صفحه ورود دوباره «ورود با درگاه ملی» را "
            "بزنید."
        ),
    ),
    "unavailable": (
        502,
        _("درگاه ملی در دسترس نیست"),
        _(
            "اکنون نمی‌توان با درگاه ملی ارتباط گرفت، پس ورود از این راه انجام نشد. چند دقیقه دیگر دوباره بکوشید، "
            "یا با نام کاربری و گذرواژه خود وارد شوید."
        ),
    ),
}


def enabled():
    """Configured: a client id, and a provider to find (its issuer, a discovery address, or its endpoints)."""
    provider = settings.OIDC_OP_ISSUER or settings.OIDC_OP_DISCOVERY_URL
    explicit = all(getattr(settings, name) for name in REQUIRED_ENDPOINTS)
    return bool(settings.OIDC_RP_CLIENT_ID and (provider or explicit))


def discovery_url():
    if settings.OIDC_OP_DISCOVERY_URL:
        return settings.OIDC_OP_DISCOVERY_URL
    return settings.OIDC_OP_ISSUER.rstrip("/") + "/.well-known/openid-configuration"


def discovery():
    """The provider's discovery document (cached for TASHIL_OIDC_DISCOVERY_SECONDS); its issuer must be the one
    configured, or a document from elsewhere could point the sign-in at another provider's keys."""
    url = discovery_url()
    key = f"tashil:oidc:discovery:{url}"
    document = cache.get(key)
    if document is not None:
        return document
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("OIDC discovery at %s failed: %s", url, error)
        raise ProviderUnavailable(str(error)) from error
    if not isinstance(document, dict):
        raise ProviderUnavailable("the discovery document is not an object")
    if settings.OIDC_OP_ISSUER and document.get("issuer") != settings.OIDC_OP_ISSUER:
        logger.warning("OIDC discovery at %s names issuer %r", url, document.get("issuer"))
        raise ProviderUnavailable("the discovery document names another issuer")
    cache.set(key, document, settings.TASHIL_OIDC_DISCOVERY_SECONDS)
    return document


def expected_issuer():
    """The issuer an ID token must name: the configured one, else the discovery document's (when used)."""
    if settings.OIDC_OP_ISSUER:
        return settings.OIDC_OP_ISSUER
    if settings.OIDC_OP_DISCOVERY_URL:
        return discovery().get("issuer", "")
    return ""


def setting(attr, *args):
    """mozilla-django-oidc's settings as Tashil gives them: an endpoint left out of the environment is read from
    the discovery document; an empty value counts as not given."""
    if attr in ENDPOINTS:
        value = getattr(settings, attr, "")
        needs_discovery = not all(getattr(settings, name) for name in REQUIRED_ENDPOINTS)
        if not value and needs_discovery and (settings.OIDC_OP_ISSUER or settings.OIDC_OP_DISCOVERY_URL):
            value = discovery().get(ENDPOINTS[attr], "")
        if value:
            return value
        if attr == "OIDC_OP_USER_ENDPOINT":
            return None  # optional: the claims are then the ID token's
        raise ProviderUnavailable(f"no {ENDPOINTS[attr]} for the provider")
    return import_from_settings(attr, *args)


def national_code(claims):
    """The national code the provider vouches for (the claim named by TASHIL_OIDC_NATIONAL_CODE_CLAIM), in Latin
    digits, checked: ``SignOnRefused("no_code")`` without one, ``SignOnRefused("bad_code")`` when it is not a valid
    code. For matchers: the one place a claim becomes a code."""
    raw = claims.get(settings.TASHIL_OIDC_NATIONAL_CODE_CLAIM)
    if raw is None or not str(raw).strip():
        raise SignOnRefused("no_code")
    code = normalize_national_id(str(raw))
    try:
        validate_person_code(code)
    except ValidationError as error:
        raise SignOnRefused("bad_code", code=str(raw)[:20]) from error
    return code


def match_account(claims):
    """The account that holds the national code (active or not: an inactive one is refused with its own page)."""
    return get_user_model().objects.filter(national_code=national_code(claims)).first()


def match_invitation(claims):
    """A pending invitation naming the national code the provider vouches for: the invitation is accepted through
    the accounts service (the account with that code gets the role, or one is made without a password) — the
    invitation, made by a secretariat, is what grants the role; the sign-in grants nothing of its own."""
    from .services import account_for_invitation, pending_invitations_for

    invitation = pending_invitations_for(national_code=national_code(claims)).order_by("-created", "-pk").first()
    if invitation is None:
        return None
    try:
        return account_for_invitation(invitation)
    except ValidationError:
        return None


PERSON_MATCHERS = [match_account, match_invitation]


def person_matcher(matcher):
    """Add a matcher (``matcher(claims) -> User | None``), tried after those already there. Usable as a decorator."""
    PERSON_MATCHERS.append(matcher)
    return matcher


def match_person(claims):
    """The user the first matcher finds: refused when none does, or when the account found is inactive."""
    for matcher in PERSON_MATCHERS:
        user = matcher(claims)
        if user is not None:
            if not user.is_active:
                raise SignOnRefused("inactive", code=user.national_code or "")
            return user
    raise SignOnRefused("no_match", code=national_code(claims))


class NationalSignOnBackend(OIDCAuthenticationBackend):
    """The authorization-code flow (with PKCE, nonce and state) of mozilla-django-oidc, matching by national code.

    Beyond the library: the ID token must name the configured issuer and this client as its audience; the
    userinfo answer must be about the same subject as the ID token; matching goes through PERSON_MATCHERS and
    never creates an account (a refusal is raised as ``SignOnRefused``, for the callback page to explain)."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        # The library reads its endpoints here; Django makes a backend for every sign-in, the password ones too,
        # so they are read in authenticate() instead, only for a return from the provider.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or "username" in kwargs or not enabled():
            return None
        OIDCAuthenticationBackend.__init__(self)
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        issuer = expected_issuer()
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation(f"ID token issuer {payload.get('iss')!r} is not {issuer!r}")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"ID token audience {audience!r} is not this client")
        return payload

    def verify_claims(self, claims):
        # The national code is checked by the matchers (national_code), with a page that says what is wrong.
        return True

    def get_userinfo(self, access_token, id_token, payload):
        if not self.OIDC_OP_USER_ENDPOINT:
            return {}
        return super().get_userinfo(access_token, id_token, payload)

    def get_or_create_user(self, access_token, id_token, payload):
        """Match, never create: the claims of the (verified) ID token over those of the userinfo endpoint."""
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub", payload.get("sub")) != payload.get("sub"):
            # The library turns a SuspiciousOperation raised here into a silent failure; this one is named.
            raise SignOnRefused("tampered")
        return match_person({**userinfo, **payload})


def refuse(request, reason, code=""):
    """The page that says why national sign-in did not happen and what to do; the attempt goes in the access log."""
    status, title, text = REFUSALS[reason]
    audit.record(
        "sign_in_failed",
        request,
        detail=f"درگاه ملی: {title}" + (f" (کد ملی {code})" if code else ""),
    )
    return render(
        request,
        "accounts/oidc_refused.html",
        {"title": title, "text": text % {"code": to_persian_digits(code)}, "reason": reason},
        status=status,
    )


# Outside a transaction: the provider is called over the network meanwhile, and a database transaction (a write
# lock on SQLite) is not held open while it answers.
@method_decorator(login_not_required, name="dispatch")
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class StartView(OIDCAuthenticationRequestView):
    """«ورود با درگاه ملی»: off (404) when not configured; a Persian page when the provider cannot be found."""

    get_settings = staticmethod(setting)

    def __init__(self, **kwargs):
        # The library reads the authorization endpoint here; it is read in get(), where a provider that is down
        # can be answered with a page instead of an error.
        View.__init__(self, **kwargs)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = setting("OIDC_RP_CLIENT_ID")
        except ProviderUnavailable:
            return refuse(request, "unavailable")
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back: signed in, or a page saying why not."""

    get_settings = staticmethod(setting)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except SignOnRefused as refusal:
            return refuse(request, refusal.reason, refusal.code)
        except (ProviderUnavailable, requests.RequestException) as error:
            logger.warning("national sign-on: the provider failed: %s", error)
            return refuse(request, "unavailable")
        except (SuspiciousOperation, jwt.InvalidTokenError) as error:
            logger.warning("national sign-on: refused a tampered or foreign answer: %s", error)
            return refuse(request, "tampered")

    def login_failure(self):
        return refuse(self.request, "stale")
