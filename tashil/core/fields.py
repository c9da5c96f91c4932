"""Model fields the project adds to Django's."""

from django.db import models

from .persian import fold_digits


class DigitsCharField(models.CharField):
    """A number typed as text (a booth, licence or certificate number, a phone): Persian and Arabic-Indic
    digits are stored and looked up as Latin ones, so «۱» and «1» are one number to uniqueness, search and
    sorting, whichever of the page, the import or the API wrote it.

    It stores plain text, so it deconstructs as a CharField: no migration, and none when a field becomes one."""

    def to_python(self, value):
        value = super().to_python(value)
        return fold_digits(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return fold_digits(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.to_python(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
