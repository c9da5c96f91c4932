"""The admin's bases: a locked object is read-only there too, refused by the same lock and with the same reason
as on the pages and the API; saves and deletes go through the app's events, like every other way in."""

from django.contrib import admin
from django.contrib.admin.utils import unquote

from . import scope


class LockedAdmin(admin.ModelAdmin):
    """An object its lock refuses to edit or delete (``locked_reason``: approved minutes and their parts, a closed
    obstacle) is read-only in the admin, to a superuser too: its change page shows it without a save button and a
    POST answers 403, its delete page and the list's «delete selected» answer 403 with the lock's reason, and nothing
    is added to a locked whole or moved into one, nor locked by a field typed here (approved, closed: states reached
    by their events); the save is rolled back (the admin saves in a transaction) with the same 403. Public
    ModelAdmin hooks only."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and scope.locked_reason(obj, "change"))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and scope.locked_reason(obj, "delete"))

    def get_deleted_objects(self, objs, request):
        """Asked by the delete page and by «delete selected» (for its confirmation and before it deletes)."""
        for obj in objs:
            scope.refuse_if_locked(obj, "delete")
        return super().get_deleted_objects(objs, request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        scope.refuse_if_locked(obj, "change")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A change posted to a locked object anyway: the lock's 403 and reason, before the form is read."""
        if request.method == "POST":
            self.refuse_if_locked(request, object_id, "change")
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.refuse_if_locked(request, object_id, "delete")
        return super().delete_view(request, object_id, extra_context)

    def refuse_if_locked(self, request, object_id, action):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            scope.refuse_if_locked(obj, action)


class LockedInline:
    """An inline of a locked parent (an approved meeting's attendance) takes no row, edit or delete."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and scope.locked_reason(obj, "change"))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and scope.locked_reason(obj, "change"))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and scope.locked_reason(obj, "change"))


class EventAdmin(LockedAdmin):
    """Saves an object through its app's event, ``event(obj, user=…)`` (``staticmethod(services.save_…)``), as the
    pages, the API and the importer do; ``related(obj)`` tells of what its inlines saved (a county's figures);
    ``delete_event(obj, user=…)``, when the app has one, deletes through it (one by one, the list's action too)."""

    event = None
    related = None
    delete_event = None

    def save_model(self, request, obj, form, change):
        self.event(obj, user=request.user)
        scope.refuse_if_locked(obj, "change")

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
