"""get_FOO_display() reads a dict built once per field: the same answers as Django's own, in every language."""

from django.apps import apps
from django.db import models
from django.utils import translation

from tashil.core.models import BaseModel


def test_every_choice_field_displays_as_djangos_own_would():
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, BaseModel):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            instance = model()
            for value in [*(value for value, _label in field.flatchoices), "no-such-value", None]:
                setattr(instance, field.attname, value)
                for language in ("fa", "en"):
                    with translation.override(language):
                        ours = getattr(instance, f"get_{field.name}_display")()
                        djangos = models.Model._get_FIELD_display(instance, field)
                    assert ours == djangos and type(ours) is type(djangos), (model, field.name, value)
                    checked += 1
    assert checked > 200, checked
