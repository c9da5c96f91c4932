"""The numbers kept as text that accounts gained since 0006 folded to Latin digits, as DigitsCharField stores them
(User.national_code, from 0007; the invitations' and representatives' requests' numbers are new, folded for the
check in core/tests/test_stored_digits.py that every such field has its migration)."""

from django.db import migrations

from tashil.core.stored_digits import fold_digits_of


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_access_invitations_codes_registrations_unique_mobile")]

    operations = [
        migrations.RunPython(fold_digits_of("accounts.User", "national_code"), migrations.RunPython.noop),
        migrations.RunPython(fold_digits_of("accounts.Invitation", "mobile", "national_code"), migrations.RunPython.noop),
        migrations.RunPython(
            fold_digits_of("accounts.RegistrationRequest", "mobile", "national_code", "unit_national_id"),
            migrations.RunPython.noop,
        ),
    ]
