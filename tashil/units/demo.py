"""Demo: a few hundred realistic (fictional) units in Pakdasht, with products, projects, status history
and monthly statistics, and a representative for one of them."""

import datetime
from decimal import Decimal

from tashil.accounts.demo import ensure_membership, ensure_user
from tashil.core import fakedata
from tashil.core.choices import Role
from tashil.core.jalali import jalali_today, today

from . import services
from .choices import CapacityUnit, ReportStatus, StatusChangeSource, UnitStatus
from .models import IndustrialUnit, PeriodicReport, Product, Project, UnitStatusChange

UNIT_COUNT = 320
STATUS_MIX = (
    (UnitStatus.ACTIVE, 0.62),
    (UnitStatus.SEMI_ACTIVE, 0.19),
    (UnitStatus.INACTIVE, 0.12),
    (UnitStatus.UNDER_CONSTRUCTION, 0.05),
    (UnitStatus.CLOSED, 0.02),
)
SHOWCASE = {
    "name": "صنایع غذایی مهرگان پاکدشت",
    "national_id": "10380284790",
    "licence_number": "12345",
    "isic_class_id": "1030",
    "activity": "تولید رب گوجه‌فرنگی و کنسرو حبوبات",
    "manager_name": "بهروز کاظمی",
    "mobile": "09121112233",
    "phone": "021-36012345",
    "employees": 46,
    "utilisation": 55,
    "nominal_capacity": "۱۲٬۰۰۰ تن در سال",
    "address": "پاکدشت، شهرک صنعتی عباس‌آباد، خیابان چهارم، پلاک ۱۸",
    "postal_code": "3391813579",
    "economic_code": "10380284790",
    "workshop_code": "1234567",
    "production_id": "1030845201",
    "electricity_subscription": "41257896",
    "gas_subscription": "7865412390",
    "water_subscription": "5521478",
}
CENTRE = (35.4705, 51.6800)


def demo_identifiers(index):
    if index % 4 == 3:
        return {}  # a quarter of the sheets leave them out
    return {
        "postal_code": f"3391{(index * 7919) % 100000 + 100000:06d}".replace("0", "5").replace("2", "8")[:10],
        "workshop_code": f"{1100000 + index * 131}",
        "electricity_subscription": f"{41000000 + index * 977}",
        "gas_subscription": f"{78600000 + index * 613}" if index % 3 else "",
    }


def pick_status(rng):
    roll, total = rng.random(), 0.0
    for status, share in STATUS_MIX:
        total += share
        if roll < total:
            return status
    return UnitStatus.ACTIVE


def load(context):
    county = context.county
    rng = context.rng
    secretariat = context.users.get("dabir.pakdasht")
    showcase = IndustrialUnit.objects.filter(national_id=SHOWCASE["national_id"]).first()
    if not IndustrialUnit.objects.filter(county=county).exists():
        showcase = build_units(county, context.zones, rng, secretariat)
    context.extra["showcase_unit"] = showcase
    context.extra["units"] = list(IndustrialUnit.objects.filter(county=county).order_by("pk"))
    user = ensure_user("vahed.mehregan", "بهروز", "کاظمی", "مدیرعامل صنایع غذایی مهرگان پاکدشت")
    ensure_membership(user, Role.UNIT_REP, unit=showcase)
    context.users["vahed.mehregan"] = user
    context.logins.append(("vahed.mehregan", "نماینده واحد «صنایع غذایی مهرگان پاکدشت» (نماینده واحد صنعتی)"))


def build_units(county, zones, rng, secretariat):
    used_ids = {SHOWCASE["national_id"]}
    now = today()
    showcase = IndustrialUnit.objects.create(
        county=county,
        zone=zones[0],
        latitude=Decimal("35.4712"),
        longitude=Decimal("51.7694"),
        status=UnitStatus.ACTIVE,
        last_verified=now - datetime.timedelta(days=40),
        licence_date=now - datetime.timedelta(days=3300),
        **SHOWCASE,
    )
    add_history(showcase, UnitStatus.ACTIVE, rng, secretariat, now)
    for product, unit in (("رب گوجه‌فرنگی", CapacityUnit.TON), ("کنسرو لوبیا چیتی", CapacityUnit.TON)):
        services.save_product(
            Product(
                unit=showcase,
                name=product,
                code="1030",
                isic_class_id="1030",
                annual_capacity=Decimal(6000),
                capacity_unit=unit,
            )
        )
    for index in range(UNIT_COUNT):
        industry = rng.choice(fakedata.INDUSTRIES)
        status = pick_status(rng)
        zone = rng.choice(zones) if rng.random() < 0.7 else None
        base = (float(zone.latitude), float(zone.longitude)) if zone else CENTRE
        count = fakedata.employees(rng)
        unit = IndustrialUnit.objects.create(
            name=fakedata.unit_name(rng, industry),
            national_id=fakedata.national_id(rng, used_ids) if rng.random() < 0.9 else "",
            licence_number=f"{rng.randint(10000, 99999)}/{index}",
            licence_date=fakedata.days_ago(rng, 400, 7000, now),
            isic_class_id=industry[1],  # the ISIC class; its code follows (IndustrialUnit.derive)
            activity=f"تولید {industry[2][0][0]} و {industry[2][1][0]}",
            county=county,
            zone=zone,
            address=f"پاکدشت، {zone.name if zone else 'جاده خاوران'}، پلاک {rng.randint(1, 250)}",
            latitude=Decimal(f"{base[0] + rng.uniform(-0.02, 0.02):.6f}"),
            longitude=Decimal(f"{base[1] + rng.uniform(-0.025, 0.025):.6f}"),
            manager_name=fakedata.person(rng),
            mobile=fakedata.mobile(rng),
            phone=f"021-3602{rng.randint(1000, 9999)}",
            employees=count if status != UnitStatus.CLOSED else 0,
            nominal_capacity=f"{rng.randint(1, 80) * 500} {dict(CapacityUnit.choices)[industry[2][0][1]]} در سال",
            utilisation=utilisation_for(status, rng),
            knowledge_based=rng.random() < 0.06,
            exporter=rng.random() < 0.12,
            status=status,
            last_verified=fakedata.days_ago(rng, 5, 700, now) if rng.random() < 0.85 else None,
            # The agencies' numbers, derived from the index (the random stream of the demo stays as it was):
            # since 1398 a company's economic code is its national ID.
            **demo_identifiers(index),
        )
        add_history(unit, status, rng, secretariat, now)
        for name, capacity_unit in rng.sample(industry[2], rng.randint(1, 3)):
            services.save_product(
                Product(
                    unit=unit,
                    name=name,
                    code=industry[1],
                    isic_class_id=industry[1],
                    annual_capacity=Decimal(rng.randint(2, 400) * 50),
                    capacity_unit=capacity_unit,
                    is_public=rng.random() < 0.9,
                )
            )
        if status == UnitStatus.ACTIVE and rng.random() < 0.25:
            add_reports(unit, rng, secretariat, industry)
        if rng.random() < 0.05:
            Project.objects.create(
                unit=unit,
                county=county,
                title=f"طرح توسعه خط تولید {industry[2][0][0]}",
                progress=rng.randint(10, 90),
                investment=Decimal(rng.randint(20, 900) * 10**9),
                expected_jobs=rng.randint(5, 60),
                seeks_investor=rng.random() < 0.5,
            )
    add_reports(showcase, rng, secretariat, fakedata.INDUSTRIES[0])
    for title, investor, jobs in (
        ("احداث کارخانه تولید ورق کامپوزیت", "سرمایه‌گذار: گروه سرمایه‌گذاری آتیه", 85),
        ("طرح تولید قطعات پلیمری خودرو", "سرمایه‌گذار: مهندس نادر امینی", 40),
        ("احداث سردخانه صنعتی ۵۰۰۰ تنی", "سرمایه‌گذار: تعاونی کشاورزان پاکدشت", 25),
    ):
        Project.objects.create(
            county=county,
            investor_name=investor,
            title=title,
            progress=rng.randint(5, 45),
            investment=Decimal(rng.randint(200, 3000) * 10**9),
            expected_jobs=jobs,
            seeks_investor=True,
            description=(
                "زمین در شهرک صنعتی تأمین شده و پروانه تأسیس صادر شده است؛ "
                "برای تکمیل تجهیزات به شریک سرمایه‌گذار نیاز است."
            ),
        )
    return showcase


def utilisation_for(status, rng):
    if status == UnitStatus.ACTIVE:
        return rng.randint(45, 95)
    if status == UnitStatus.SEMI_ACTIVE:
        return rng.randint(10, 45)
    if status == UnitStatus.INACTIVE:
        return 0
    return None


def add_history(unit, status, rng, user, now):
    """A registration entry in the past, and for units no longer active the change that brought them here."""
    registered = now - datetime.timedelta(days=rng.randint(500, 1400))
    first = UnitStatus.ACTIVE if status != UnitStatus.UNDER_CONSTRUCTION else UnitStatus.UNDER_CONSTRUCTION
    changes = [
        UnitStatusChange(
            unit=unit,
            to_status=first,
            date=registered,
            reason="ثبت واحد در بانک اطلاعات",
            user=user,
            source=StatusChangeSource.REGISTRATION,
        )
    ]
    if status not in (first, UnitStatus.ACTIVE):
        reason = rng.choice(("کمبود نقدینگی و سرمایه در گردش", "کاهش تقاضا و فروش", "قطعی برق و گاز", "اختلاف شرکا"))
        changes.append(
            UnitStatusChange(
                unit=unit,
                from_status=first,
                to_status=status,
                date=now - datetime.timedelta(days=rng.randint(40, 480)),
                reason=reason,
                user=user,
            )
        )
    elif status == UnitStatus.ACTIVE and rng.random() < 0.12:
        # Revived this year after a stop.
        stopped = now - datetime.timedelta(days=rng.randint(200, 400))
        changes.append(
            UnitStatusChange(
                unit=unit,
                from_status=first,
                to_status=UnitStatus.SEMI_ACTIVE,
                date=stopped,
                reason="کمبود نقدینگی",
                user=user,
            )
        )
        changes.append(
            UnitStatusChange(
                unit=unit,
                from_status=UnitStatus.SEMI_ACTIVE,
                to_status=UnitStatus.ACTIVE,
                date=now - datetime.timedelta(days=rng.randint(5, 150)),
                reason="دریافت تسهیلات سرمایه در گردش و ازسرگیری تولید",
                user=user,
            )
        )
    UnitStatusChange.objects.bulk_create(changes)
    IndustrialUnit.objects.filter(pk=unit.pk).update(status_date=max(c.date for c in changes))


def add_reports(unit, rng, user, industry):
    now = jalali_today()
    year, month = now.year, now.month
    for back in range(1, 7):
        m, y = month - back, year
        while m < 1:
            m, y = m + 12, y - 1
        status = ReportStatus.APPROVED if back > 1 else rng.choice((ReportStatus.SUBMITTED, ReportStatus.APPROVED))
        if rng.random() < 0.05:
            status = ReportStatus.RETURNED
        PeriodicReport.objects.create(
            unit=unit,
            year=y,
            month=m,
            production=Decimal(rng.randint(50, 900)),
            production_unit=industry[2][0][1],
            sales=Decimal(rng.randint(5, 200) * 10**9),
            employees=unit.employees,
            utilisation=unit.utilisation,
            status=status,
            submitted_by=user,
            reviewed_by=user if status != ReportStatus.SUBMITTED else None,
            review_note="مقدار فروش با صورت‌حساب‌ها هم‌خوان نیست." if status == ReportStatus.RETURNED else "",
        )
