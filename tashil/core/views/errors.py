"""The server-error handler: a database that cannot be reached is "unavailable for a moment" (503), not a
fault of the request; anything else is the Persian 500 page. The API answers both in JSON."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 15


def database_unreachable(error):
    return isinstance(error, (OperationalError, InterfaceError))


def server_error(request):
    """handler500: called by Django while it handles the exception, so the exception is still at hand."""
    error = sys.exc_info()[1]
    unavailable = database_unreachable(error)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        detail = (
            _("سامانه لحظه‌ای در دسترس نیست؛ چند ثانیه دیگر دوباره بفرستید. چیزی از این درخواست ذخیره نشد.")
            if unavailable
            else _("خطایی در سامانه رخ داد و برای پشتیبانی ثبت شد. چیزی از این درخواست ذخیره نشد.")
        )
        response = JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
