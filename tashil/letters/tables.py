import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import DigitsColumn, JalaliDateColumn, TashilTable
from tashil.obstacles.tables import BadgeColumn

from .choices import LETTER_COLOURS
from .models import IncomingLetterNote, Letter, Secretariat


class LetterTable(TashilTable):
    number = tables.Column(
        linkify=True,
        verbose_name=_("شماره نامه"),
        order_by=("year", "sequence"),
        attrs={"td": {"class": "text-nowrap"}},
    )
    date = JalaliDateColumn()
    subject = tables.Column(linkify=True)
    status = BadgeColumn(colours=LETTER_COLOURS)

    class Meta(TashilTable.Meta):
        model = Letter
        fields = ("number", "date", "kind", "subject", "recipient_agency", "secretariat", "status")


class SecretariatTable(TashilTable):
    name = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = Secretariat
        fields = ("name", "level", "province", "county", "prefix", "number_format")


class IncomingLetterNoteTable(TashilTable):
    number = DigitsColumn()
    date = JalaliDateColumn()

    class Meta(TashilTable.Meta):
        model = IncomingLetterNote
        fields = ("number", "date", "note", "recorded_by")
