"""Persian first: staff pages speak Persian only; the public site speaks Persian or English.

The public site (``PUBLIC_PREFIXES``) is read by investors from abroad and from other provinces: there a
visitor's choice, kept in the language cookie by the public site's switch, is honoured. Every other page is
a staff page and is Persian whatever the cookie, the session or the user's old preference says: a half-English
staff interface served no one. A browser's Accept-Language header is not a choice either: an Iranian civil
servant's browser often says English, and the site must not turn left to right because of it.
"""

from django.conf import settings
from django.utils import translation

# The paths of the public site (see public/urls.py); everything else is a staff page.
PUBLIC_PREFIXES = ("/directory/",)


def is_public_path(path):
    return path.startswith(PUBLIC_PREFIXES)


def language_for(request):
    """The visitor's chosen language on a public page; Persian everywhere else."""
    if not is_public_path(request.path_info):
        return settings.LANGUAGE_CODE
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    known = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in known else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(language_for(request))
        request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TwoFactorMiddleware:
    """After the password: a person with an authenticator gives its code before anything else, and a person
    whose role requires one sets it up first. Only signing out, the code page and the set-up page are open.

    Checked in ``process_view``, on the URL Django has already resolved (not resolved a second time here); an
    address that resolves to no view answers 404 as before."""

    OPEN = ("accounts:logout", "accounts:twofactor_verify", "accounts:twofactor_setup", "accounts:language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.http import HttpResponseRedirect, JsonResponse
        from django.urls import reverse

        from .twofactor import needs_code, required_for

        user = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False) or request.path_info.startswith(("/static/", "/directory/")):
            return None
        match = request.resolver_match
        if match is None or match.view_name in self.OPEN:
            return None
        if needs_code(user):
            target = "accounts:twofactor_verify"
        elif required_for(user) and not user.is_verified():
            target = "accounts:twofactor_setup"
        else:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "تأیید دو مرحله‌ای لازم است؛ از راه صفحات سامانه وارد شوید."}, status=403)
        return HttpResponseRedirect(f"{reverse(target)}?next={request.get_full_path()}")
