"""Request-wide context: who is acting (for the change log), and who may pass without signing in."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.utils.cache import patch_cache_control

from .changelog import acting_as


class ChangeLoggingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request=request, source="web"):
            return self.get_response(request)


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Sign-in is required everywhere but public pages; the API answers 401/403 itself (token auth)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ContentSecurityPolicyMiddleware:
    """Every page says where its scripts, styles and images may come from: only this site, and no inline
    script at all (the templates carry none; behaviour hooks in from static files). Views that serve files
    set a stricter policy of their own (a sandbox), which is kept."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.TASHIL_CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class PrivateResponseMiddleware:
    """What a signed-in person sees (a page, an API answer by session or token, a file) is kept by no cache: not
    a shared proxy's, nor the browser's disk after signing out on a shared computer. Only a response that says
    it is public (the published photos) is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
