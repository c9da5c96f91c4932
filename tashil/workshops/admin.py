from django.contrib import admin

from . import services
from .models import Registration, Workshop


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    autocomplete_fields = ("unit",)
    readonly_fields = ("status", "attended")


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ("title", "county", "date", "capacity", "status", "is_public")
    list_filter = ("status", "organiser", "is_public")
    search_fields = ("title", "topic", "trainer")
    autocomplete_fields = ("county",)
    inlines = (RegistrationInline,)

    def save_formset(self, request, form, formset, change):
        """A registration added here (the only inline) takes a seat or a place on the waiting list
        (``services.save_registration``), as on the pages and the API."""
        for registration in formset.save(commit=False):
            services.save_registration(registration, user=request.user)
        for registration in formset.deleted_objects:
            registration.delete()
