from django.contrib import admin

from .models import Closure, County, IndustrialZone, Province


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


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("date", "province", "county", "reason")
    list_filter = ("province",)
    search_fields = ("reason",)
    autocomplete_fields = ("county",)

    def save_model(self, request, obj, form, change):
        from .services import save_closure

        save_closure(obj, user=request.user)

    def delete_model(self, request, obj):
        from .services import delete_closure

        delete_closure(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        from .services import delete_closure

        for obj in queryset:
            delete_closure(obj, user=request.user)
