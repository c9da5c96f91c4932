"""Errors in the API carry the same Persian messages as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def django_to_drf(error):
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


CSRF_REFUSED = _(
    "درخواست بدون نشانه CSRF نشست پذیرفته نیست. از مرورگر، صفحه را تازه کنید؛ از برنامه‌ها، با توکن API "
    "(سربرگ Authorization: Token …) درخواست بفرستید."
)


BODY_UNREADABLE = _("بدنه درخواست خوانا نیست (%(error)s)؛ آن را JSON درست یا فرم بفرستید.")

NO_DATA = _("درخواست داده‌ای ندارد (بدنه null است)؛ فیلدها را در یک شیء JSON یا فرم بفرستید.")

NOT_FOUND = _("چنین موردی پیدا نشد، یا بیرون از حوزه دسترسی شماست.")

OUT_OF_RANGE = _(
    "مقداری در درخواست بزرگ‌تر از آن است که سامانه نگه می‌دارد (مثلاً شناسه یا عددی بسیار بزرگ)؛ مقدارها را بررسی کنید."
)


def no_data(detail):
    """DRF's own refusal of a body that is JSON null ("No data provided", which it does not translate)."""
    errors = detail.get("non_field_errors", []) if isinstance(detail, dict) else []
    return [getattr(error, "code", None) for error in errors] == ["null"]


def exception_handler(exc, context):
    """Persian messages for Django's and DRF's refusals. A value the database cannot hold (an integer beyond
    64 bits in a query or a list of ids: OverflowError on SQLite, DataError on PostgreSQL) is the caller's
    mistake, a 400, wherever the API passes it on."""
    if isinstance(exc, DjangoValidationError):
        exc = django_to_drf(exc)
    elif isinstance(exc, exceptions.ValidationError) and no_data(exc.detail):
        exc = exceptions.ValidationError({"non_field_errors": [NO_DATA]}, code="null")
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(BODY_UNREADABLE % {"error": exc.detail})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, OverflowError | DataError):
        exc = exceptions.ValidationError({"non_field_errors": [OUT_OF_RANGE]}, code="out_of_range")
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(CSRF_REFUSED, code="csrf_failed")
    return drf_exception_handler(exc, context)


def run(action):
    """Run a model's business action in one transaction; its Persian ValidationError becomes a 400."""
    from django.db import transaction

    try:
        with transaction.atomic():
            return action()
    except DjangoValidationError as error:
        raise django_to_drf(error) from error
