"""Who hears about what visitors send: a unit's representatives (or, without one, the county secretariat)."""

from django.utils.translation import gettext as _

from tashil.core.choices import ScopeLevel
from tashil.notifications.models import NotificationKind
from tashil.notifications.services import notify
from tashil.obstacles.notify import secretariat_at, unit_representatives


def message_received(message):
    unit = message.unit
    people = list(unit_representatives(unit)) or list(secretariat_at(ScopeLevel.COUNTY, unit.county))
    notify(
        people,
        NotificationKind.CONTACT,
        _("پیام تازه برای «%(unit)s»: %(subject)s") % {"unit": unit, "subject": message.subject},
        _("%(name)s از صفحه عمومی واحد پیام فرستاده است.") % {"name": message.sender_name},
        message.get_absolute_url(),
    )


def inquiry_received(inquiry):
    project = inquiry.project
    people = [*secretariat_at(ScopeLevel.COUNTY, project.county)]
    if project.unit_id:
        people += list(unit_representatives(project.unit))
    notify(
        people,
        NotificationKind.INQUIRY,
        _("درخواست سرمایه‌گذاری برای طرح «%(project)s»") % {"project": project},
        _("%(name)s برای سرمایه‌گذاری در این طرح اعلام آمادگی کرده است.") % {"name": inquiry.name},
        inquiry.get_absolute_url(),
    )
