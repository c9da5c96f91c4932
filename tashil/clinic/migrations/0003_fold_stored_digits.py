"""Numbers typed as text and saved before DigitsCharField, in Latin digits as the field now stores them (see
tashil.core.stored_digits: a value that would collide with another row's is left and reported)."""

from django.db import migrations

from tashil.core.stored_digits import fold_digits_of


class Migration(migrations.Migration):
    dependencies = [("clinic", "0002_revival_awaits_secretariat")]

    operations = [
        migrations.RunPython(fold_digits_of("clinic.Centre", "phone"), migrations.RunPython.noop),
    ]
