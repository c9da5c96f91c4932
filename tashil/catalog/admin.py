from django.contrib import admin

from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput


@admin.register(PublicProfile)
class PublicProfileAdmin(admin.ModelAdmin):
    list_display = ("unit", "brand", "listed", "moderation")
    list_filter = ("listed", "moderation")
    search_fields = ("unit__name", "brand")
    autocomplete_fields = ("unit",)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "issuer", "valid_until", "is_public")
    search_fields = ("title", "unit__name")
    autocomplete_fields = ("unit",)


@admin.register(UnitInput)
class UnitInputAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "code", "yearly_quantity", "quantity_unit")
    search_fields = ("name", "code", "unit__name")
    autocomplete_fields = ("unit",)


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0
    autocomplete_fields = ("unit",)
    exclude = ("products",)


@admin.register(Exhibition)
class ExhibitionAdmin(admin.ModelAdmin):
    list_display = ("title", "county", "start_date", "end_date", "is_public")
    search_fields = ("title",)
    inlines = (BoothInline,)
    autocomplete_fields = ("county",)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "unit", "sender_name", "created", "read_at")
    search_fields = ("subject", "sender_name", "unit__name")


@admin.register(InvestmentInquiry)
class InvestmentInquiryAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "organisation", "created", "handled")
    search_fields = ("name", "organisation", "project__title")
