import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tashil.core.tables import JalaliDateColumn, TashilTable

from .models import AccessEvent, Membership, User


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
