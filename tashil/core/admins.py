"""The admin's saves and deletes through the app's events, like every other way in."""

from django.contrib import admin


class EventAdmin(admin.ModelAdmin):
    """Saves an object through its app's event, ``event(obj, user=…)`` (``staticmethod(services.save_…)``), as the
    pages, the API and the importer do; ``related(obj)`` tells of what its inlines saved (a county's figures);
    ``delete_event(obj, user=…)``, when the app has one, deletes through it (one by one, the list's action too)."""

    event = None
    related = None
    delete_event = None

    def save_model(self, request, obj, form, change):
        self.event(obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.related is not None:
            self.related(form.instance)

    def delete_model(self, request, obj):
        if self.delete_event is None:
            return super().delete_model(request, obj)
        self.delete_event(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        if self.delete_event is None:
            return super().delete_queryset(request, queryset)
        for obj in queryset:
            self.delete_event(obj, user=request.user)
