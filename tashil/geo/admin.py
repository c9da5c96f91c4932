from django.contrib import admin

from .models import County, IndustrialZone, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "code")
    search_fields = ("name", "name_en")


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ("name", "province", "code")
    list_filter = ("province",)
    search_fields = ("name",)


@admin.register(IndustrialZone)
class IndustrialZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "county", "is_active")
    list_filter = ("kind", "is_active", "county__province")
    search_fields = ("name",)
    autocomplete_fields = ("county",)
