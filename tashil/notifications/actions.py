"""The notifications' workflow action declared once (``core.actions.Action``): opening one from the bell
(``views.NotificationOpenView``) and the API's ``…/read/`` both mark it read."""

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from tashil.core.actions import Action

from . import services


def where_it_points(notification, result):
    """The page the notification is about: a path on this site (``notify`` is given one), else the list."""
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return reverse("notifications:notification_list")


READ = Action(
    name="read",
    permission="view",
    service=services.mark_read,
    title=gettext_lazy("خواندن «%(object)s»"),
    success_url=where_it_points,
)
