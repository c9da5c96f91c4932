from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Invitation, Membership, RegistrationRequest, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("county", "agency")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (MembershipInline,)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Tashil", {"fields": ("mobile", "national_code", "position", "language")}),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never written here: invitations and requests change only through accounts/services.py."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "mobile", "email", "role", "status", "expires", "invited_by")
    list_filter = ("status", "role")


@admin.register(RegistrationRequest)
class RegistrationRequestAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "unit_national_id", "mobile", "status", "county", "created")
    list_filter = ("status",)
