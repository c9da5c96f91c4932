"""Backup and restore: an archive restored into an empty database holds every record and every file."""

import tarfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from tashil.core.backup import backed_up_models, backup, restore

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def test_a_backup_restored_into_an_empty_database_finds_every_object(world, tmp_path, settings):
    from tashil.site.testing.factories import png_file
    from tashil.units.models import IndustrialUnit, Product

    settings.MEDIA_ROOT = str(tmp_path / "media")
    world.product_a.photo.save("photo.png", png_file(), save=True)
    before = snapshot()
    assert before["units.industrialunit"] >= 3 and before["core.changelogentry"] > 0
    unit = IndustrialUnit.objects.get(pk=world.unit_a.pk)
    archive = backup(tmp_path / "backups")
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names and "data/units.industrialunit.jsonl" in names
    assert any(name.startswith("media/") for name in names)

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media").rename(tmp_path / "media-gone")
    assert snapshot()["units.industrialunit"] == 0

    manifest = restore(archive)
    assert snapshot() == before
    again = IndustrialUnit.objects.get(pk=unit.pk)
    assert (again.name, again.national_id, again.county_id, again.version) == (
        unit.name,
        unit.national_id,
        unit.county_id,
        unit.version,
    )
    photo = Product.objects.get(pk=world.product_a.pk).photo
    assert photo.storage.exists(photo.name), "the uploaded file came back"
    assert manifest["counts"]["units.industrialunit"] == before["units.industrialunit"]
    # New records get keys after the restored ones.
    assert IndustrialUnit.objects.create(name="پس از بازیابی", county=unit.county).pk > max(
        IndustrialUnit.objects.exclude(name="پس از بازیابی").values_list("pk", flat=True)
    )


def test_restore_refuses_a_database_with_records_and_a_broken_file(world, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive = backup(tmp_path)
    with pytest.raises(CommandError, match="پایگاه داده خالی نیست"):
        call_command("restore", str(archive))
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="بایگانی سالمی نیست"):
        call_command("restore", str(broken))


def test_every_model_with_records_is_in_the_backup():
    labels = {m._meta.label_lower for m in backed_up_models()}
    for label in (
        "units.industrialunit",
        "obstacles.obstacle",
        "meetings.resolution",
        "core.changelogentry",
        "accounts.accessevent",
        "catalog.publicprofile",
        "workshops.registration",
        "otp_totp.totpdevice",
    ):
        assert label in labels
    assert apps.get_model("sessions.session")._meta.label_lower not in labels
