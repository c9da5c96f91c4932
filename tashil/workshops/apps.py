from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "tashil.workshops"
    label = "workshops"
    verbose_name = _("کارگاه‌های آموزشی")

    def ready(self):
        from tashil.core.badges import register_colours

        from .choices import REGISTRATION_COLOURS, WORKSHOP_COLOURS

        register_colours(WORKSHOP_COLOURS)
        register_colours(REGISTRATION_COLOURS)

        from tashil.core import verification

        from .certificate import CERTIFICATE_KIND

        verification.register(CERTIFICATE_KIND, _("گواهی حضور در کارگاه"))
