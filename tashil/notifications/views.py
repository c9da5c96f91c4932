from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from tashil.core.views import ObjectListView
from tashil.core.views.generic import ScopedViewMixin

from .filtersets import NotificationFilterSet
from .models import Notification
from .tables import NotificationTable


class NotificationListView(ObjectListView):
    model = Notification
    filterset_class = NotificationFilterSet
    table_class = NotificationTable
    actions = ()
    template_name = "notifications/notification_list.html"


class NotificationOpenView(ScopedViewMixin, View):
    """Mark a notification read and go where it points."""

    model = Notification

    def get(self, request, pk):
        notification = self.get_scoped_object("view")
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at", "updated"])
        url = notification.url or reverse("notifications:notification_list")
        if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
            url = reverse("notifications:notification_list")
        return HttpResponseRedirect(url)


class NotificationReadAllView(View):
    def post(self, request):
        count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("%(count)s اعلان خوانده شد.") % {"count": count})
        return HttpResponseRedirect(reverse("notifications:notification_list"))
