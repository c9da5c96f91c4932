"""ViewSet base: scoped querysets, the same FilterSets as the pages, a scope check after every save."""

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, serializers, viewsets

from tashil.core import scope
from tashil.core.changelog import acting_as
from tashil.core.concurrency import VersionConflict
from tashil.core.deletion import refusal_message

from .serializers import scoped_save_check


class ScopedViewSetMixin:
    # The role action of a workflow action declared with ``core.api.actions.api_action`` (set per route).
    workflow_permission = None

    def get_queryset(self):
        return scope.restrict(super().get_queryset(), self.request.user, "view")

    def dispatch(self, request, *args, **kwargs):
        with acting_as(request=request, source="api"):
            return super().dispatch(request, *args, **kwargs)


class TashilReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class TashilModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    # The app's event that deletes an object (``staticmethod(services.delete_…)``, called ``delete_event(obj,
    # user=…)``), as the delete page calls it; without one, DELETE deletes the row.
    delete_event = None

    def perform_create(self, serializer):
        """Nothing is added to a locked object (a part of approved minutes): refused with the lock's reason."""
        with transaction.atomic():
            instance = serializer.save()
            scoped_save_check(self.request.user, instance, "add")
            refuse_if_locked(instance)

    def perform_update(self, serializer):
        """A versioned object is saved only over the version the caller read: If-Match: "<version>" (answered
        412 when stale) or "version" in the body (answered 409), as the pages refuse a stale form."""
        instance, request = serializer.instance, self.request
        stale_status = None
        if hasattr(instance, "version_seen"):
            if request.headers.get("If-Match"):
                instance.version_seen, stale_status = parse_version(request.headers["If-Match"]), 412
            elif request.data.get("version") not in (None, ""):
                instance.version_seen, stale_status = parse_version(request.data.get("version")), 409
        try:
            with transaction.atomic():
                instance = serializer.save()
                scoped_save_check(self.request.user, instance, "change")
                refuse_if_locked(instance)  # nor moved into one
        except VersionConflict as error:
            raise StaleVersion(error.message_for(request.user), stale_status) from error

    def perform_destroy(self, instance):
        """An object others still refer to is kept, and the caller told which kinds of record refer to it (409),
        as the delete page refuses."""
        name = str(instance)
        try:
            with transaction.atomic():
                if self.delete_event is not None:
                    self.delete_event(instance, user=self.request.user)
                else:
                    super().perform_destroy(instance)
        except (ProtectedError, RestrictedError) as error:
            raise DeletionRefused(refusal_message(name, error)) from error

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        version = response.data.get("version") if isinstance(response.data, dict) else None
        if version is not None:
            response["ETag"] = f'"{version}"'
        return response


def refuse_if_locked(instance):
    """403 with the lock's reason when the saved object is locked (a part now of approved minutes), inside the
    save's transaction so that nothing stays."""
    if reason := scope.locked_reason(instance, "change"):
        raise exceptions.PermissionDenied(reason)


def parse_version(value):
    try:
        return int(str(value).replace("W/", "").strip().strip('"'))
    except ValueError as error:
        raise serializers.ValidationError({"version": ["نسخه باید عدد باشد."]}) from error


class StaleVersion(exceptions.APIException):
    default_code = "version_conflict"

    def __init__(self, detail, status_code):
        self.status_code = status_code or 409
        super().__init__({"detail": detail})


class DeletionRefused(exceptions.APIException):
    status_code = 409
    default_code = "protected"
