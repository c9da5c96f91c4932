"""The admin's saves through the app's events, like every other way in; its edits and deletes refused by the same
lock as the pages' and the API's."""

from django.contrib import admin
from django.contrib.admin.utils import unquote

from tashil.core import scope


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


class LockedAdmin(admin.ModelAdmin):
    """The model's ``locked_reason`` in the admin: a locked object's page is read-only and offers no delete (nor
    does «delete selected» with it among the rows), and a change or a delete sent to it anyway (its form posted,
    its delete page) is refused with the lock's 403 and reason, as the pages and the API refuse it
    (``scope.refuse_if_locked``)."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and scope.locked_reason(obj, "change"))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and scope.locked_reason(obj, "delete"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
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
