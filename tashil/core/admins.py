"""The admin's saves through the app's events, like every other way in."""

from django.contrib import admin


class EventAdmin(admin.ModelAdmin):
    """Saves an object through its app's event, ``event(obj, user=…)`` (``staticmethod(services.save_…)``), as the
    pages, the API and the importer do; ``related(obj)`` tells of what its inlines saved (a county's figures)."""

    event = None
    related = None

    def save_model(self, request, obj, form, change):
        self.event(obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.related is not None:
            self.related(form.instance)
