import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.expressions import numeric_order
from tashil.core.tables import DigitsColumn, JalaliDateColumn, NumberColumn, TashilTable

from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput


class PublicProfileTable(TashilTable):
    unit = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name=_("واحد"))
    county = tables.Column(accessor="unit__county", verbose_name=_("شهرستان"))
    moderation = tables.Column()
    updated = JalaliDateColumn(verbose_name=_("آخرین تغییر"))

    class Meta(TashilTable.Meta):
        model = PublicProfile
        fields = ("unit", "county", "brand", "listed", "moderation", "moderation_note", "updated")


class CertificateTable(TashilTable):
    title = tables.Column(linkify=True)
    unit = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = Certificate
        fields = ("title", "unit", "issuer", "number", "valid_until", "is_public")


class UnitInputTable(TashilTable):
    name = tables.Column(linkify=True)
    unit = tables.Column(linkify=True)
    code = DigitsColumn()
    yearly_quantity = NumberColumn()

    class Meta(TashilTable.Meta):
        model = UnitInput
        fields = ("name", "unit", "code", "yearly_quantity", "quantity_unit")


class MatchTable(TashilTable):
    """The county's declared inputs with how many producers could supply each, and the nearest one."""

    name = tables.Column(linkify=True, verbose_name=_("نهاده"))
    unit = tables.Column(linkify=True, verbose_name=_("خریدار"))
    code = DigitsColumn(verbose_name=_("کد"))
    yearly_quantity = NumberColumn(verbose_name=_("مقدار سالانه"))
    quantity_unit = tables.Column(verbose_name=_("واحد"))
    producer_count = NumberColumn(verbose_name=_("تأمین‌کنندگان پیشنهادی"))
    nearest_producer = tables.Column(verbose_name=_("نزدیک‌ترین تأمین‌کننده"), default="—")
    nearest_county = tables.Column(verbose_name=_("شهرستان تأمین‌کننده"), default="—")

    class Meta(TashilTable.Meta):
        model = UnitInput
        fields = ()
        sequence = ("name", "unit", "code", "yearly_quantity", "quantity_unit", "producer_count", "...")


class ExhibitionTable(TashilTable):
    title = tables.Column(linkify=True)
    booth_count = NumberColumn(verbose_name=_("غرفه‌ها"))

    class Meta(TashilTable.Meta):
        model = Exhibition
        fields = ("title", "county", "start_date", "end_date", "place", "booth_count", "is_public", "is_permanent")


class BoothTable(TashilTable):
    number = DigitsColumn()
    unit = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = Booth
        fields = ("number", "hall", "unit", "description")

    def order_number(self, queryset, is_descending):
        """Booth numbers sort as numbers (2 before 10)."""
        return queryset.order_by(*numeric_order("number", descending=is_descending)), True


class ContactMessageTable(TashilTable):
    subject = tables.Column(linkify=True)
    unit = tables.Column(linkify=True)
    created = JalaliDateColumn(verbose_name=_("زمان"))
    read_at = JalaliDateColumn(verbose_name=_("خوانده‌شده"), default="—")
    sender_phone = DigitsColumn()

    class Meta(TashilTable.Meta):
        model = ContactMessage
        fields = ("subject", "unit", "sender_name", "sender_email", "sender_phone", "created", "read_at")


class InvestmentInquiryTable(TashilTable):
    name = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    amount = NumberColumn()
    phone = DigitsColumn()
    created = JalaliDateColumn(verbose_name=_("زمان"))

    class Meta(TashilTable.Meta):
        model = InvestmentInquiry
        fields = ("name", "organisation", "project", "amount", "phone", "email", "created", "handled")
