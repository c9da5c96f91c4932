from django.contrib import admin

from tashil.core.admins import EventAdmin, LockedAdmin, LockedInline

from . import services
from .models import (
    Attachment,
    Obstacle,
    ObstacleDomain,
    ObstacleEvent,
    ObstacleGroup,
    ProducerReview,
    Referral,
    SystemicIssue,
)


class ObstacleGroupInline(admin.TabularInline):
    model = ObstacleGroup
    extra = 0


@admin.register(ObstacleDomain)
class ObstacleDomainAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order", "is_active")
    inlines = (ObstacleGroupInline,)


@admin.register(ObstacleGroup)
class ObstacleGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "domain", "wbes_category", "default_agency_type", "is_active")
    list_filter = ("domain", "wbes_category", "is_active")


class ReferralInline(LockedInline, admin.TabularInline):
    model = Referral
    extra = 0
    raw_id_fields = ("agency",)


@admin.register(Obstacle)
class ObstacleAdmin(EventAdmin):
    event = staticmethod(services.save_obstacle)
    related = staticmethod(services.obstacles_changed)  # the referrals of the inline

    list_display = ("title", "unit", "group", "status", "severity", "reported_date")
    list_filter = ("status", "severity", "group__domain")
    search_fields = ("title",)
    raw_id_fields = ("unit",)
    inlines = (ReferralInline,)


@admin.register(Referral)
class ReferralAdmin(EventAdmin):
    event = staticmethod(services.save_referral)

    list_display = ("obstacle", "agency", "status", "due_date")
    list_filter = ("status",)
    raw_id_fields = ("obstacle", "agency")


admin.site.register(ObstacleEvent)
admin.site.register(Attachment)
admin.site.register(SystemicIssue)


@admin.register(ProducerReview)
class ProducerReviewAdmin(LockedAdmin):
    """Read here; answered only through the service (the review's page or the API)."""

    list_display = ("referral", "state", "requested_date", "due_date", "outcome_rating", "conduct_rating")
    list_filter = ("state",)
    readonly_fields = (
        "referral",
        "state",
        "requested_date",
        "due_date",
        "outcome_rating",
        "conduct_rating",
        "reason",
        "answered_by",
        "answered_date",
    )
