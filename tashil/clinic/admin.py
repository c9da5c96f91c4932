from django.contrib import admin

from tashil.core.admins import EventAdmin

from . import services
from .models import (
    ActionItem,
    Centre,
    CentreExpert,
    ClinicCase,
    Diagnosis,
    DiagnosisScore,
    InspectionVisit,
    WeeklyUpdate,
)


class CentreExpertInline(admin.TabularInline):
    model = CentreExpert
    extra = 0


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("name", "host_type", "province", "county", "yearly_capacity", "is_active")
    inlines = (CentreExpertInline,)


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0


@admin.register(ClinicCase)
class ClinicCaseAdmin(EventAdmin):
    event = staticmethod(services.save_case)

    list_display = ("__str__", "centre", "status", "outcome", "opened_date")
    list_filter = ("status", "outcome", "centre")
    raw_id_fields = ("unit",)
    inlines = (ActionItemInline,)


admin.site.register(Diagnosis)
admin.site.register(DiagnosisScore)
admin.site.register(WeeklyUpdate)
admin.site.register(InspectionVisit)
