from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core.views import ObjectEditView, ObjectListView
from tashil.core.views.generic import ActionView

from . import actions, services
from .channels import can_text, channels_for, parse_clock
from .filtersets import NotificationFilterSet, OutgoingSMSFilterSet, ReminderSettingsFilterSet
from .forms import ChannelsForm, ReminderSettingsForm
from .models import Notification, OutgoingSMS, ReminderSettings
from .tables import NotificationTable, OutgoingSMSTable, ReminderSettingsTable


class NotificationListView(ObjectListView):
    model = Notification
    filterset_class = NotificationFilterSet
    table_class = NotificationTable
    actions = ()
    template_name = "notifications/notification_list.html"


class NotificationOpenView(ActionView):
    """Opening a notification (the bell's link, a GET) is reading it: the action, then the page it is about."""

    model = Notification
    actions = (actions.READ,)

    def get(self, request, *args, **kwargs):
        return self.post(request, *args, **kwargs)


class NotificationReadAllView(View):
    def post(self, request):
        count = services.mark_all_read(request.user)
        messages.success(request, _("%(count)s اعلان خوانده شد.") % {"count": count})
        return HttpResponseRedirect(reverse("notifications:notification_list"))


class ChannelsView(View):
    """A person's notification settings: e-mail and SMS per kind of notice (the bell always shows them)."""

    template_name = "notifications/channels.html"

    def get(self, request):
        return self.render(self.form())

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            services.save_channel_choices(request.user, form.choices())
            messages.success(request, _("تنظیمات اعلان‌های شما ذخیره شد."))
            return HttpResponseRedirect(reverse("notifications:channels"))
        return self.render(form)

    def form(self, data=None):
        current = {kind: value for (_user, kind), value in channels_for([self.request.user]).items()}
        return ChannelsForm(data, current=current, user=self.request.user)

    def render(self, form):
        from django.conf import settings

        return render(
            self.request,
            self.template_name,
            {
                "title": _("تنظیمات اعلان‌ها"),
                "form": form,
                "has_mobile": can_text(self.request.user),
                "quiet_start": parse_clock(settings.SMS_QUIET_START),
                "quiet_end": parse_clock(settings.SMS_QUIET_END),
            },
        )


class OutgoingSMSListView(ObjectListView):
    model = OutgoingSMS
    queryset = OutgoingSMS.objects.select_related("recipient")
    filterset_class = OutgoingSMSFilterSet
    table_class = OutgoingSMSTable
    actions = ()
    title = gettext_lazy("پیامک‌های فرستاده")


class ReminderSettingsListView(ObjectListView):
    model = ReminderSettings
    queryset = ReminderSettings.objects.select_related("county")
    filterset_class = ReminderSettingsFilterSet
    table_class = ReminderSettingsTable
    template_name = "notifications/remindersettings_list.html"
    title = gettext_lazy("تنظیمات یادآوری")


class ReminderSettingsEditView(ObjectEditView):
    model = ReminderSettings
    form_class = ReminderSettingsForm

    def get_success_url(self, obj):
        return reverse("notifications:remindersettings_list")
