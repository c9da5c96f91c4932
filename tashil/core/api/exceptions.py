"""Errors in the API carry the same Persian messages as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
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


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_to_drf(exc)
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
