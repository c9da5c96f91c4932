from django.contrib import admin

from tashil.core.admins import EventAdmin

from . import services
from .models import DataCheckRequest, ImportJob, IndustrialUnit, PeriodicReport, Product, Project, UnitStatusChange


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0


@admin.register(IndustrialUnit)
class IndustrialUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "national_id", "county", "zone", "status", "employees")
    list_filter = ("status", "size_class", "knowledge_based", "county__province")
    search_fields = ("name", "national_id", "licence_number")
    autocomplete_fields = ("county", "zone")
    inlines = (ProductInline,)

    def save_model(self, request, obj, form, change):
        """The admin registers and edits a unit through the units' events, as the pages do."""
        if change:
            services.update_unit(obj, user=request.user)
        else:
            services.create_unit(obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        """The products of the inline are saved and deleted through their events, as on their pages."""
        if formset.model is not Product:
            return super().save_formset(request, form, formset, change)
        for product in formset.save(commit=False):
            services.save_product(product, user=request.user)
        for product in formset.deleted_objects:
            services.delete_product(product, user=request.user)
        formset.save_m2m()


@admin.register(UnitStatusChange)
class UnitStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("unit", "from_status", "to_status", "date", "source")
    list_filter = ("to_status", "source")
    raw_id_fields = ("unit",)


@admin.register(DataCheckRequest)
class DataCheckRequestAdmin(admin.ModelAdmin):
    list_display = ("unit", "created", "requested_by", "status", "confirmed_at")
    list_filter = ("status",)
    raw_id_fields = ("unit", "requested_by", "confirmed_by")

    # Written by the events only (units.services.request_data_check, confirm_data): read here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(EventAdmin):
    event = staticmethod(services.save_product)
    delete_event = staticmethod(services.delete_product)

    list_display = ("name", "unit", "code", "is_public")
    search_fields = ("name", "code")
    raw_id_fields = ("unit",)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "county", "progress", "seeks_investor")
    raw_id_fields = ("unit",)


@admin.register(PeriodicReport)
class PeriodicReportAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "month", "status")
    list_filter = ("status", "year")
    raw_id_fields = ("unit",)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "user", "status", "created")
    list_filter = ("kind", "status")
