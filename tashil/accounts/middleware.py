"""Persian first: the interface speaks the language a person chose, and Persian unless they chose another.

A signed-in user's own setting wins; a visitor's choice lives in the language cookie (the switch on the login
page and the public site). A browser's Accept-Language header is not a choice: an Iranian civil servant's
browser often says English, and the system must not turn left to right because of it.
"""

from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and user.language:
            language = user.language
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            known = {code for code, _name in settings.LANGUAGES}
            language = chosen if chosen in known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TwoFactorMiddleware:
    """After the password: a person with an authenticator gives its code before anything else, and a person
    whose role requires one sets it up first. Only signing out, the code page and the set-up page are open."""

    OPEN = ("accounts:logout", "accounts:twofactor_verify", "accounts:twofactor_setup", "accounts:language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseRedirect, JsonResponse
        from django.urls import resolve, reverse
        from django.urls.exceptions import Resolver404

        from .twofactor import needs_code, required_for

        user = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False) or request.path_info.startswith(("/static/", "/directory/")):
            return self.get_response(request)
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if name in self.OPEN:
            return self.get_response(request)
        if needs_code(user):
            target = "accounts:twofactor_verify"
        elif required_for(user) and not user.is_verified():
            target = "accounts:twofactor_setup"
        else:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "تأیید دو مرحله‌ای لازم است؛ از راه صفحات سامانه وارد شوید."}, status=403)
        return HttpResponseRedirect(f"{reverse(target)}?next={request.get_full_path()}")
