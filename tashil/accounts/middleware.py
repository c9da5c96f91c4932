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
