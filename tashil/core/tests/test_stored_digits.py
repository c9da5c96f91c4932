"""Numbers saved as text before DigitsCharField: each app's data migration folds their digits to Latin ones, and
leaves (and reports) a value that would then collide with another row's."""

import logging

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tashil.catalog.models import Booth
from tashil.units.models import IndustrialUnit


def models_before(app, migration):
    """The app's models as the migration meets them: plain text fields, which store what they are given."""
    return MigrationLoader(connection).project_state((app, migration)).apps


def run(app, migration):
    """Run the forward function of each of the migration's operations, as ``migrate`` does."""
    loader = MigrationLoader(connection)
    apps = loader.project_state((app, migration)).apps
    for operation in loader.get_migration(app, migration).operations:
        operation.code(apps, None)


def test_the_units_migration_folds_licences_and_phones_and_leaves_a_colliding_licence(world, caplog):
    before = models_before("units", "0006_generated_file_names")
    units = before.get_model("units", "IndustrialUnit").objects
    units.filter(pk=world.unit_a.pk).update(licence_number="۱۲۳۴۵", phone="۰۲۱-۸۸۷۷", mobile="٠٩١٢١١١٢٢٣٣")
    units.filter(pk=world.unit_a2.pk).update(licence_number="12345", phone="٠٢١ ۶۶")
    stored = units.filter(pk=world.unit_a.pk).values_list("licence_number", flat=True).get()
    assert stored == "۱۲۳۴۵", "the state before the migration: Persian digits stored as typed"

    with caplog.at_level(logging.WARNING, logger="tashil.migrations"):
        run("units", "0007_fold_stored_digits")

    first = IndustrialUnit.objects.get(pk=world.unit_a.pk)
    second = IndustrialUnit.objects.get(pk=world.unit_a2.pk)
    # unit_a's licence would be unit_a2's: left as it was, and named in the log; its phones are folded all the same.
    assert units.filter(pk=first.pk).values_list("licence_number", flat=True).get() == "۱۲۳۴۵"
    assert (first.phone, first.mobile) == ("021-8877", "09121112233")
    assert (second.licence_number, second.phone) == ("12345", "021 66")
    [warning] = caplog.messages
    assert f"units.IndustrialUnit {first.pk}: licence_number «۱۲۳۴۵»" in warning


def test_the_catalog_migration_folds_booth_numbers_and_leaves_a_booth_number_already_taken(world):
    before = models_before("catalog", "0003_generated_file_names")
    booths = before.get_model("catalog", "Booth").objects
    taken = Booth.objects.create(exhibition=world.exhibition_a, unit=world.unit_a2, number="7")
    booths.filter(pk=world.booth_a.pk).update(number="۷")
    other_exhibition = world.exhibition_a.__class__.objects.create(
        title="نمایشگاه دوم",
        county=world.county_a,
        start_date=world.exhibition_a.start_date,
        end_date=world.exhibition_a.end_date,
        place="سالن دوم",
    )
    alone = Booth.objects.create(exhibition=other_exhibition, unit=world.unit_a, number="1")
    booths.filter(pk=alone.pk).update(number="۱۰")

    run("catalog", "0004_fold_stored_digits")

    assert booths.get(pk=world.booth_a.pk).number == "۷", "booth 7 is another unit's: not merged into it"
    assert booths.get(pk=taken.pk).number == "7"
    assert Booth.objects.get(pk=alone.pk).number == "10"


def test_every_number_kept_as_text_is_folded_by_a_migration():
    """Each DigitsCharField is folded by its app's migration (a field made one later needs a migration too)."""
    from django.apps import apps

    from tashil.core.fields import DigitsCharField

    folded = set()
    for (_app, name), migration in MigrationLoader(None).disk_migrations.items():
        if name.endswith("_fold_stored_digits"):
            folded |= {(op.code.label, field) for op in migration.operations for field in op.code.fields}
    expected = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, DigitsCharField)
    }
    assert expected and expected <= folded | BORN_FOLDED, expected - folded - BORN_FOLDED


# Fields that were DigitsCharFields from their first migration: no row ever held other digits.
BORN_FOLDED = {
    ("accounts.User", "national_code"),
    ("meetings.Attendance", "mobile"),
    *(
        ("units.IndustrialUnit", name)
        for name in (
            "economic_code",
            "workshop_code",
            "postal_code",
            "production_id",
            "electricity_subscription",
            "gas_subscription",
            "water_subscription",
        )
    ),
}
