"""The reply-letter number has been a DigitsCharField since the first migration, so this changes no row today; it
keeps the rule of tashil.core.tests.test_stored_digits that every number kept as text has its fold."""

from django.db import migrations

from tashil.core.stored_digits import fold_digits_of


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_outgoing_letter_register")]

    operations = [
        migrations.RunPython(fold_digits_of("letters.IncomingLetterNote", "number"), migrations.RunPython.noop),
    ]
