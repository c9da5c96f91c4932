from django.contrib import admin

from .models import Agency, AgencyContact


class AgencyContactInline(admin.TabularInline):
    model = AgencyContact
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "level", "province", "county", "is_active")
    list_filter = ("type", "level", "province")
    search_fields = ("name",)
    inlines = (AgencyContactInline,)
    autocomplete_fields = ("county", "parent")
