from django.contrib import admin

from .models import ChannelPreference, OutgoingSMS, ReminderSettings, SentReminder


@admin.register(OutgoingSMS)
class OutgoingSMSAdmin(admin.ModelAdmin):
    list_display = ("created", "number", "recipient", "kind", "urgent", "status", "attempts", "sent_at", "error")
    list_filter = ("status", "kind", "urgent")
    search_fields = ("number", "text")
    readonly_fields = [field.name for field in OutgoingSMS._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ("county", "days_before", "referrals", "resolutions", "monthly_reports", "report_due_day")
    autocomplete_fields = ("county",)


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "email", "sms")
    list_filter = ("kind",)
    autocomplete_fields = ("user",)


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "sent_at", "recipients")
    search_fields = ("key",)
    readonly_fields = ("key", "sent_at", "recipients")
