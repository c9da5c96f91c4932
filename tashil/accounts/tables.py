import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.jalali import interface_digits
from tashil.core.tables import DigitsColumn, JalaliDateColumn, TashilTable

from .models import AccessEvent, Invitation, Membership, RegistrationRequest, User


class UserTable(TashilTable):
    username = tables.Column(linkify=True)
    full_name = tables.Column(accessor="get_full_name", verbose_name=_("نام"), order_by=("last_name", "first_name"))
    memberships = tables.TemplateColumn(
        template_name="accounts/includes/membership_badges.html", verbose_name=_("نقش‌ها"), orderable=False
    )
    last_login = JalaliDateColumn(verbose_name=_("آخرین ورود"))

    class Meta(TashilTable.Meta):
        model = User
        fields = ("username", "full_name", "position", "memberships", "is_active", "last_login")


class MembershipTable(TashilTable):
    place = tables.Column(accessor="place_label", verbose_name=_("محدوده"), orderable=False)

    class Meta(TashilTable.Meta):
        model = Membership
        fields = ("role", "level", "place", "is_active")


class AccessEventTable(TashilTable):
    created = JalaliDateColumn(verbose_name=_("زمان"))
    user = tables.Column(linkify=True)

    class Meta(TashilTable.Meta):
        model = AccessEvent
        fields = ("created", "kind", "username", "user", "address", "detail", "path")


class InvitationTable(TashilTable):
    invitee = tables.Column(accessor="pk", verbose_name=_("دعوت‌شده"), linkify=True, orderable=False)
    mobile = DigitsColumn()
    place = tables.Column(accessor="pk", verbose_name=_("محدوده"), orderable=False)
    state = tables.Column(accessor="status", verbose_name=_("وضعیت"))
    created = JalaliDateColumn(verbose_name=_("زمان دعوت"))
    expires = JalaliDateColumn(verbose_name=_("پایان اعتبار"))

    class Meta(TashilTable.Meta):
        model = Invitation
        fields = ("invitee", "mobile", "email", "role", "place", "state", "invited_by", "created", "expires")

    def render_invitee(self, record):
        return f"{record.first_name} {record.last_name}".strip() or interface_digits(record.mobile) or record.email

    def value_invitee(self, record):
        return f"{record.first_name} {record.last_name}".strip() or record.mobile or record.email

    def render_place(self, record):
        return record.membership().place_label

    def render_state(self, record):
        return record.get_shown_status_display()


class RegistrationRequestTable(TashilTable):
    applicant = tables.Column(accessor="pk", verbose_name=_("متقاضی"), linkify=True, orderable=False)
    unit = tables.Column(linkify=False)
    national_code = DigitsColumn()
    mobile = DigitsColumn()
    unit_national_id = DigitsColumn()
    created = JalaliDateColumn(verbose_name=_("زمان درخواست"))

    class Meta(TashilTable.Meta):
        model = RegistrationRequest
        fields = ("applicant", "national_code", "mobile", "unit_national_id", "unit", "county", "status", "created")

    def render_applicant(self, record):
        return f"{record.first_name} {record.last_name}"

    def value_applicant(self, record):
        return self.render_applicant(record)
