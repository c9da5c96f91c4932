from django.contrib import admin

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
