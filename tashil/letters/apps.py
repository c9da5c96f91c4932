from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "tashil.letters"
    label = "letters"
    verbose_name = _("مکاتبات")

    def ready(self):
        from tashil.core.badges import register_colours

        from . import hooks
        from .choices import LETTER_COLOURS

        register_colours(LETTER_COLOURS)
        hooks.connect()
