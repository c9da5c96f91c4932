"""Who hears about a workshop seat: the person who registered someone hears when they leave the waiting list."""

from django.utils.translation import gettext as _

from tashil.notifications.models import NotificationKind
from tashil.notifications.services import notify


def promoted_from_waiting_list(registrations):
    for registration in registrations:
        notify(
            [registration.registered_by],
            NotificationKind.WORKSHOP,
            _("جای خالی در کارگاه «%(workshop)s»") % {"workshop": registration.workshop},
            _("ثبت‌نام %(name)s از فهرست انتظار به ثبت‌نام قطعی رسید؛ زمان کارگاه: %(when)s.")
            % {"name": registration.full_name, "when": registration.workshop.when},
            registration.get_absolute_url(),
        )
