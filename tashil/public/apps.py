from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public site (no sign-in) under /directory/: its pages read what the domains declare public (catalog's,
    workshops' and reports' ``public.py``) and import nothing above them (docs/architecture.md)."""

    name = "tashil.public"
    label = "tashil_public"
    verbose_name = _("سایت عمومی")
