"""ViewSet base: scoped querysets, the same FilterSets as the pages, a scope check after every save."""

from django.db import transaction
from rest_framework import viewsets

from tashil.core import scope
from tashil.core.changelog import acting_as

from .serializers import scoped_save_check


class ScopedViewSetMixin:
    def get_queryset(self):
        return scope.restrict(super().get_queryset(), self.request.user, "view")

    def dispatch(self, request, *args, **kwargs):
        with acting_as(request=request, source="api"):
            return super().dispatch(request, *args, **kwargs)


class TashilReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class TashilModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    def perform_create(self, serializer):
        with transaction.atomic():
            instance = serializer.save()
            scoped_save_check(self.request.user, instance, "add")

    def perform_update(self, serializer):
        with transaction.atomic():
            instance = serializer.save()
            scoped_save_check(self.request.user, instance, "change")
