import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import DigitsColumn, NumberColumn, TashilTable

from .models import Registration, Workshop


class WorkshopTable(TashilTable):
    title = tables.Column(linkify=True)
    registered = NumberColumn(verbose_name=_("ثبت‌نام قطعی"))
    waiting = NumberColumn(verbose_name=_("در انتظار"))

    class Meta(TashilTable.Meta):
        model = Workshop
        fields = (
            "title",
            "topic",
            "date",
            "start_time",
            "county",
            "organiser",
            "capacity",
            "registered",
            "waiting",
            "status",
        )


class RegistrationTable(TashilTable):
    full_name = tables.Column(linkify=True)
    unit = tables.Column(linkify=True)
    workshop = tables.Column(linkify=True)
    mobile = DigitsColumn()

    class Meta(TashilTable.Meta):
        model = Registration
        fields = ("full_name", "unit", "workshop", "position", "mobile", "status", "attended")
