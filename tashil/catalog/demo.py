"""Demo: most of Pakdasht's working units introduce themselves to the public, declare the inputs they buy
(so matching has something to propose), exhibit at a current and a permanent exhibition, and receive a few
messages and investment inquiries."""

import datetime
from decimal import Decimal

from tashil.core.jalali import today
from tashil.units.choices import CapacityUnit, UnitStatus
from tashil.units.models import Project

from . import services
from .choices import Moderation
from .models import Booth, Certificate, ContactMessage, Exhibition, InvestmentInquiry, PublicProfile, UnitInput

# What units of an ISIC class typically buy: (name, code, quantity unit); names and codes are those other
# demo units make, so both the code and the name match.
INPUTS_BY_ISIC = {
    "1079": (("کارتن بسته‌بندی", "1702", CapacityUnit.TON), ("بطری شیشه‌ای", "2310", CapacityUnit.PIECE)),
    "1030": (("کارتن بسته‌بندی", "1702", CapacityUnit.TON), ("لفاف چاپی", "1811", CapacityUnit.TON)),
    "1050": (("لفاف چاپی", "1811", CapacityUnit.TON), ("ظروف یکبارمصرف", "2220", CapacityUnit.PIECE)),
    "1071": (("کارتن بسته‌بندی", "1702", CapacityUnit.TON), ("لفاف چاپی", "1811", CapacityUnit.TON)),
    "1104": (("بطری شیشه‌ای", "2310", CapacityUnit.PIECE), ("برچسب", "1811", CapacityUnit.PIECE)),
    "2022": (("حلال صنعتی", "2011", CapacityUnit.LITRE),),
    "2023": (("سود سوزآور", "2011", CapacityUnit.TON), ("ظروف یکبارمصرف", "2220", CapacityUnit.PIECE)),
    "2930": (("شیلنگ لاستیکی", "2219", CapacityUnit.METRE), ("قطعات آلومینیومی", "2431", CapacityUnit.TON)),
    "2829": (("ورق گالوانیزه", "2410", CapacityUnit.TON), ("تسمه صنعتی", "2219", CapacityUnit.PIECE)),
    "2750": (("ورق گالوانیزه", "2410", CapacityUnit.TON), ("کابل برق", "2732", CapacityUnit.METRE)),
    "3100": (("رنگ ساختمانی", "2022", CapacityUnit.TON), ("سازه فلزی", "2511", CapacityUnit.TON)),
    "2511": (("میلگرد", "2410", CapacityUnit.TON), ("رنگ ساختمانی", "2022", CapacityUnit.TON)),
}
INTRODUCTIONS = (
    "تولیدکننده {product} با کیفیت پایدار و تحویل به‌موقع؛ آماده همکاری با پخش‌کنندگان و واحدهای صنعتی استان.",
    "بیش از ده سال سابقه در تولید {product}؛ خط تولید ما امسال نوسازی شد و ظرفیت خالی برای سفارش تازه داریم.",
    "{product} را با مواد اولیه داخلی و گواهی کیفیت می‌سازیم و به استان‌های همجوار هم می‌فرستیم.",
)
SHOWCASE_PROFILE = {
    "brand": "مهرگان",
    "introduction": (
        "صنایع غذایی مهرگان از سال ۱۳۸۸ در شهرک صنعتی عباس‌آباد پاکدشت رب گوجه‌فرنگی و کنسرو حبوبات تولید "
        "می‌کند. محصولات ما با نشان استاندارد ملی و گواهی ایمنی غذایی به سراسر کشور و عراق فرستاده می‌شود. "
        "برای فروش عمده، تولید با نشان تجاری خریدار و خرید کارتن و لفاف از تولیدکنندگان نزدیک آماده همکاری هستیم."
    ),
    "show_mobile": True,
    "show_manager": True,
}
SHOWCASE_CERTIFICATES = (
    ("نشان استاندارد ملی ایران", "سازمان ملی استاندارد", "۱۲۳۴۵-۱", 500),
    ("ISO 22000 — ایمنی مواد غذایی", "TÜV", "IR-22000-8841", 300),
    ("پروانه بهداشتی ساخت", "سازمان غذا و دارو", "۳۳/۱۲۴۸۸", 700),
)
HIDDEN_NOTE = "نشانی و تلفن این معرفی با پرونده واحد نمی‌خواند؛ پس از اصلاح دوباره منتشر می‌شود."


def load(context):
    county = context.county
    if Exhibition.objects.filter(county=county).exists():
        return
    rng = context.rng
    now = today()
    secretariat = context.users.get("dabir.pakdasht")
    showcase = context.extra["showcase_unit"]
    units = [u for u in context.extra["units"] if u.status != UnitStatus.CLOSED]
    profiles = add_profiles(units, showcase, rng, secretariat)
    add_inputs(units, showcase, rng)
    for title, issuer, number, days in SHOWCASE_CERTIFICATES:
        Certificate.objects.create(
            unit=showcase, title=title, issuer=issuer, number=number, valid_until=now + datetime.timedelta(days=days)
        )
    public_units = [p.unit for p in profiles if p.is_public]
    add_exhibitions(county, public_units, showcase, rng, now)
    add_messages(showcase, now)
    add_inquiries(county)


def add_profiles(units, showcase, rng, secretariat):
    profiles = []
    for unit in units:
        if unit.pk == showcase.pk:
            profiles.append(PublicProfile.objects.create(unit=unit, **SHOWCASE_PROFILE))
            continue
        if rng.random() > 0.75:
            continue
        product = unit.products.filter(is_public=True).first()
        profile = PublicProfile.objects.create(
            unit=unit,
            brand=unit.name.split()[-1] if rng.random() < 0.4 else "",
            introduction=rng.choice(INTRODUCTIONS).format(product=product.name if product else "محصولات صنعتی"),
            show_mobile=rng.random() < 0.3,
        )
        profiles.append(profile)
    for profile in rng.sample(profiles[1:], 3):
        services.moderate(profile, Moderation.HIDDEN, HIDDEN_NOTE, user=secretariat)
    return profiles


def add_inputs(units, showcase, rng):
    for unit in units:
        options = INPUTS_BY_ISIC.get(unit.isic_code)
        if not options or (unit.pk != showcase.pk and rng.random() > 0.6):
            continue
        chosen = options if unit.pk == showcase.pk else rng.sample(options, rng.randint(1, len(options)))
        for name, code, quantity_unit in chosen:
            UnitInput.objects.create(
                unit=unit,
                name=name,
                code=code,
                yearly_quantity=Decimal(rng.randint(2, 60) * 10),
                quantity_unit=quantity_unit,
            )


def add_exhibitions(county, public_units, showcase, rng, now):
    fair = Exhibition.objects.create(
        title="نمایشگاه توانمندی‌های صنعتی شهرستان پاکدشت",
        county=county,
        start_date=now - datetime.timedelta(days=2),
        end_date=now + datetime.timedelta(days=3),
        place="سالن همایش‌های فرمانداری پاکدشت",
        description="معرفی محصولات واحدهای صنعتی شهرستان به خریداران، بازرگانان و سرمایه‌گذاران.",
    )
    permanent = Exhibition.objects.create(
        title="نمایشگاه دائمی محصولات پاکدشت",
        county=county,
        start_date=now - datetime.timedelta(days=400),
        end_date=now + datetime.timedelta(days=5 * 365),
        place="ساختمان ستاد تسهیل پاکدشت، طبقه همکف",
        is_permanent=True,
    )
    past = Exhibition.objects.create(
        title="نمایشگاه بهاره صنایع غذایی پاکدشت",
        county=county,
        start_date=now - datetime.timedelta(days=220),
        end_date=now - datetime.timedelta(days=216),
        place="شهرک صنعتی عباس‌آباد",
    )
    exhibitors = [showcase, *rng.sample([u for u in public_units if u.pk != showcase.pk], 23)]
    for exhibition, chosen, hall in ((fair, exhibitors[:14], "سالن ۱"), (permanent, exhibitors[6:18], "طبقه همکف")):
        for number, unit in enumerate(chosen, start=1):
            booth = Booth.objects.create(exhibition=exhibition, unit=unit, number=str(number), hall=hall)
            booth.products.set(unit.products.filter(is_public=True)[:2])
    for number, unit in enumerate(exhibitors[16:], start=1):
        Booth.objects.create(exhibition=past, unit=unit, number=f"ب-{number}", hall="سالن اصلی")


def add_messages(showcase, now):
    for name, email, phone, subject, body, read in (
        (
            "فروشگاه‌های زنجیره‌ای آفتاب",
            "kharid@aftab-shop.ir",
            "",
            "خرید عمده رب گوجه‌فرنگی",
            "برای ۲۰ شعبه ماهانه ۱۵ تن رب در قوطی ۸۰۰ گرمی نیاز داریم؛ لطفاً شرایط فروش و نمونه را بفرستید.",
            True,
        ),
        (
            "محمد نوری",
            "",
            "09125554433",
            "تولید با نشان تجاری ما",
            "آیا امکان تولید کنسرو لوبیا با برند ما وجود دارد؟ کمینه سفارش چقدر است؟",
            False,
        ),
        (
            "شرکت بازرگانی دجله",
            "info@dejla-trade.com",
            "02188776655",
            "صادرات به عراق",
            "برای صادرات به بصره به دنبال تأمین‌کننده رب با گواهی حلال هستیم.",
            False,
        ),
    ):
        ContactMessage.objects.create(
            unit=showcase,
            sender_name=name,
            sender_email=email,
            sender_phone=phone,
            subject=subject,
            body=body,
            read_at=datetime.datetime.now(datetime.UTC) if read else None,
        )


def add_inquiries(county):
    projects = list(Project.objects.filter(county=county, seeks_investor=True, unit__isnull=True)[:2])
    for project, (name, organisation, amount) in zip(
        projects,
        (("سعید کاوه", "صندوق پژوهش و فناوری البرز", 150 * 10**9), ("الهام شریفی", "", 40 * 10**9)),
        strict=False,
    ):
        InvestmentInquiry.objects.create(
            project=project,
            name=name,
            organisation=organisation,
            email="invest@example.ir",
            phone="09121234567",
            amount=Decimal(amount),
            message="طرح را بررسی کرده‌ایم و مایلیم برای بازدید از محل و گفتگو درباره سهم مشارکت وقت بگیریم.",
        )
