from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0011_isic_rev4"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="kind",
            field=models.CharField(
                default="units",
                help_text="واحدها، موانع گذشته یا جلسات گذشته (core.importing).",
                max_length=20,
                verbose_name="نوع ورود",
            ),
        ),
    ]
