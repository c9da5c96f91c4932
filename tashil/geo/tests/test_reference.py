from django.core.management import call_command

from tashil.core.models import ChangeLogEntry, Holiday
from tashil.geo.models import County, Province
from tashil.orgs.models import Agency


def test_reference_data_is_complete_and_idempotent(db):
    call_command("load_reference", verbosity=0)
    assert Province.objects.count() == 31
    assert County.objects.count() >= 440
    tehran = Province.objects.get(name="تهران")
    assert tehran.code == 23 and tehran.name_en == "Tehran"
    assert County.objects.filter(province=tehran, name="پاکدشت").exists()
    # Every county has an English name for the English public site; a provincial capital takes its province's.
    assert not County.objects.filter(name_en="").exists()
    assert County.objects.get(province=tehran, name="تهران").name_en == "Tehran"
    assert County.objects.get(name="آبادان").name_en == "Abadan"
    assert Agency.objects.filter(province=tehran, name="اداره کل امور مالیاتی استان تهران").exists()
    assert Holiday.objects.filter(title="عید نوروز").count() >= 40
    counts = (Province.objects.count(), County.objects.count(), Agency.objects.count(), Holiday.objects.count())
    logged = ChangeLogEntry.objects.count()
    call_command("load_reference", verbosity=0)
    assert (Province.objects.count(), County.objects.count(), Agency.objects.count(), Holiday.objects.count()) == counts
    assert ChangeLogEntry.objects.count() == logged


def test_a_corrected_english_county_name_is_kept_by_the_loader(db):
    call_command("load_reference", verbosity=0)
    county = County.objects.get(name="مشهد")
    county.name_en = "Mashhad"
    county.save()
    call_command("load_reference", verbosity=0)
    assert County.objects.get(pk=county.pk).name_en == "Mashhad"


def test_demo_is_idempotent_and_keeps_edits(db):
    call_command("load_demo", quiet_logins=True, verbosity=0)
    from tashil.accounts.models import User
    from tashil.geo.models import IndustrialZone

    zone = IndustrialZone.objects.get(name="شهرک صنعتی عباس‌آباد")
    zone.operator = "ویرایش کاربر"
    zone.save()
    users = User.objects.count()
    call_command("load_demo", quiet_logins=True, verbosity=0)
    zone.refresh_from_db()
    assert zone.operator == "ویرایش کاربر"
    assert User.objects.count() == users
    for username in ("dabir.pakdasht", "modir.pakdasht", "maliat.pakdasht", "clinic.pakdasht", "admin"):
        assert User.objects.get(username=username).memberships.exists()
    from tashil.units.models import IndustrialUnit, Product

    # Every demo unit and product carries its ISIC class, and the unit's code follows it.
    units = IndustrialUnit.objects.all()
    assert units.exists() and not units.filter(isic_class=None).exists()
    assert not Product.objects.filter(isic_class=None).exists()
    assert all(code.startswith(cls) for code, cls in units.values_list("isic_code", "isic_class"))
