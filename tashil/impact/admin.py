from django.contrib import admin

from .models import ImpactRecord


@admin.register(ImpactRecord)
class ImpactRecordAdmin(admin.ModelAdmin):
    list_display = ("date", "unit", "county", "agency", "jobs_preserved", "jobs_restored", "capacity_restored")
    list_filter = ("date",)
    readonly_fields = ("unit", "county", "agency", "group", "recorded_by")
    raw_id_fields = ("obstacle", "resolution", "clinic_case")
    search_fields = ("search_text",)

    def has_add_permission(self, request):
        # Recorded from the source's page or the API (services.record_impact), where its rules are checked.
        return False

    def save_model(self, request, obj, form, change):
        from . import services

        data = {name: form.cleaned_data[name] for name in services.FIELDS if name in form.cleaned_data}
        services.update_impact(obj, user=request.user, **data)
