"""The API's filter backend: django-filter's, with Tashil's filter sets told they are applied, never shown."""

from django_filters.rest_framework import DjangoFilterBackend

from tashil.core.filtersets import TashilFilterSet


class TashilFilterBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        """An API call renders no filter form, so its filter set need not find out how its long choices
        would be shown (a count of the counties, agencies and zones in scope on every call)."""
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and issubclass(filterset_class, TashilFilterSet):
            kwargs["shown"] = False
        return kwargs
