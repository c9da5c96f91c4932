from django.contrib import admin

from tashil.core.admins import EventAdmin, LockedInline

from . import services
from .models import IncomingLetterNote, Letter, LetterAttachment, LetterCounter, Secretariat


@admin.register(Secretariat)
class SecretariatAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "province", "county", "prefix", "number_format")
    list_filter = ("level", "province")
    search_fields = ("name",)
    autocomplete_fields = ("county",)


@admin.register(LetterCounter)
class LetterCounterAdmin(admin.ModelAdmin):
    list_display = ("secretariat", "year", "last")
    readonly_fields = ("secretariat", "year", "last")

    def has_add_permission(self, request):
        return False


class LetterAttachmentInline(LockedInline, admin.TabularInline):
    model = LetterAttachment
    extra = 0


@admin.register(Letter)
class LetterAdmin(EventAdmin):
    event = staticmethod(services.save_draft)
    list_display = ("number", "date", "kind", "subject", "recipient_agency", "secretariat", "status")
    list_filter = ("kind", "status", "secretariat__level")
    search_fields = ("number", "subject")
    readonly_fields = ("number", "date", "status", "verification_code", "pdf_sha256", "issued_at", "issued_by")
    raw_id_fields = ("obstacle", "meeting", "resolution", "referrals")
    inlines = (LetterAttachmentInline,)


@admin.register(IncomingLetterNote)
class IncomingLetterNoteAdmin(admin.ModelAdmin):
    list_display = ("number", "date", "referral", "resolution", "recorded_by")
    raw_id_fields = ("referral", "resolution")
