"""Numbers typed as text and saved before DigitsCharField, in Latin digits as the field now stores them (see
tashil.core.stored_digits: a value that would collide with another row's is left and reported)."""

from django.db import migrations

from tashil.core.stored_digits import fold_digits_of


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]

    operations = [
        migrations.RunPython(fold_digits_of("workshops.Registration", "national_code", "mobile"), migrations.RunPython.noop),
    ]
