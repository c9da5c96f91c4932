from django import forms
from django.utils.translation import gettext_lazy as _

from tashil.core.forms import TashilForm, TashilModelForm

from .channels import NO_SMS
from .models import NotificationKind, ReminderSettings


class ChannelsForm(TashilForm):
    """A person's channels for each kind of notice: two checkboxes a row (e-mail, SMS); the bell always shows."""

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.rows = []
        for kind, label in NotificationKind.choices:
            email, sms = current.get(kind, (True, False))
            self.fields[f"email_{kind}"] = forms.BooleanField(
                label=_("رایانامه برای «%(kind)s»") % {"kind": label}, required=False, initial=email
            )
            self.fields[f"sms_{kind}"] = forms.BooleanField(
                label=_("پیامک برای «%(kind)s»") % {"kind": label},
                required=False,
                initial=sms and kind not in NO_SMS,
                disabled=kind in NO_SMS,
            )
            self.rows.append((label, self[f"email_{kind}"], self[f"sms_{kind}"]))

    def choices(self):
        data = self.cleaned_data
        return {kind: (data[f"email_{kind}"], data[f"sms_{kind}"]) for kind in NotificationKind.values}


class ReminderSettingsForm(TashilModelForm):
    class Meta:
        model = ReminderSettings
        fields = (
            "county",
            "days_before",
            "referrals",
            "resolutions",
            "monthly_reports",
            "report_due_day",
            "report_reviews",
            "clinic_updates",
        )
