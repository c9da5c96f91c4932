"""Numbers typed as text and saved before DigitsCharField, in Latin digits as the field now stores them (see
tashil.core.stored_digits: a value that would collide with another row's is left and reported)."""

from django.db import migrations

from tashil.core.stored_digits import fold_digits_of


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_generated_file_names")]

    operations = [
        migrations.RunPython(fold_digits_of("catalog.Certificate", "number"), migrations.RunPython.noop),
        migrations.RunPython(fold_digits_of("catalog.Booth", "number"), migrations.RunPython.noop),
        migrations.RunPython(fold_digits_of("catalog.ContactMessage", "sender_phone"), migrations.RunPython.noop),
        migrations.RunPython(fold_digits_of("catalog.InvestmentInquiry", "phone"), migrations.RunPython.noop),
    ]
