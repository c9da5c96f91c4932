"""The default obstacle taxonomy: four domains and the groups Iranian units actually report, each mapped to
a World Bank Enterprise Surveys category and the agency type that usually removes it. Administrators edit it;
load_reference only adds what is missing."""

from django.db import transaction

from tashil.orgs.choices import AgencyType

from .choices import WBESCategory as W
from .models import ObstacleDomain, ObstacleGroup

A = AgencyType

DOMAINS = (
    (
        "FIN",
        "مالی و بانکی",
        (
            ("FIN01", "تأمین سرمایه در گردش", W.ACCESS_TO_FINANCE, A.BANK, None),
            ("FIN02", "تسهیلات بانکی طرح‌های توسعه و نوسازی", W.ACCESS_TO_FINANCE, A.BANK, None),
            ("FIN03", "امهال و تقسیط بدهی‌های بانکی", W.ACCESS_TO_FINANCE, A.BANK, None),
            ("FIN04", "جرایم و سود دیرکرد بانکی", W.ACCESS_TO_FINANCE, A.BANK, None),
            ("FIN05", "وثیقه و تضمین تسهیلات", W.ACCESS_TO_FINANCE, A.BANK, None),
            ("FIN06", "صدور ضمانت‌نامه بانکی", W.ACCESS_TO_FINANCE, A.BANK, None),
            ("FIN07", "چک برگشتی و رفع سوءاثر", W.ACCESS_TO_FINANCE, A.BANK, 5),
            ("FIN08", "مطالبات از دستگاه‌های دولتی", W.ACCESS_TO_FINANCE, A.GOVERNORATE, None),
            ("FIN09", "تخصیص و انتقال ارز", W.CUSTOMS_TRADE, A.BANK, None),
            ("FIN10", "رفع تعهد ارزی صادرات", W.CUSTOMS_TRADE, A.BANK, None),
            ("FIN11", "تأمین مالی زنجیره‌ای و اوراق", W.ACCESS_TO_FINANCE, A.BANK, None),
        ),
    ),
    (
        "REG",
        "قوانین، مقررات و دستگاه‌های اجرایی",
        (
            ("REG01", "تشخیص و برگ قطعی مالیات", W.TAX_ADMINISTRATION, A.TAX, None),
            ("REG02", "مالیات بر ارزش افزوده", W.TAX_RATES, A.TAX, None),
            ("REG03", "استرداد مالیات بر ارزش افزوده", W.TAX_ADMINISTRATION, A.TAX, None),
            ("REG04", "بدهی و جرایم تأمین اجتماعی", W.LABOR_REGULATIONS, A.SOCIAL_SECURITY, None),
            ("REG05", "حسابرسی و بازرسی تأمین اجتماعی", W.LABOR_REGULATIONS, A.SOCIAL_SECURITY, None),
            ("REG06", "بیمه بیکاری و تعدیل نیرو", W.LABOR_REGULATIONS, A.LABOUR, None),
            ("REG07", "اختلافات کارگری و هیئت‌های حل اختلاف", W.LABOR_REGULATIONS, A.LABOUR, None),
            ("REG08", "صدور و تمدید پروانه بهره‌برداری", W.LICENSES_PERMITS, A.SAMT, None),
            ("REG09", "مجوزها و استعلام‌های دستگاه‌ها", W.LICENSES_PERMITS, A.SAMT, None),
            ("REG10", "استاندارد اجباری و نشان استاندارد", W.LICENSES_PERMITS, A.STANDARDS, None),
            ("REG11", "مجوز و الزامات محیط زیست", W.LICENSES_PERMITS, A.ENVIRONMENT, None),
            ("REG12", "ترخیص کالا و مقررات گمرکی", W.CUSTOMS_TRADE, A.CUSTOMS, None),
            ("REG13", "پرونده‌های قضایی و اجرای احکام", W.COURTS, A.JUDICIARY, 15),
            ("REG14", "اختلاف شرکا و مالکیت", W.COURTS, A.JUDICIARY, 15),
            ("REG15", "عوارض و مطالبات شهرداری", W.TAX_RATES, A.MUNICIPALITY, None),
            ("REG16", "بخشنامه‌های متغیر و بی‌ثباتی مقررات", W.POLITICAL_INSTABILITY, A.SAMT, None),
            ("REG17", "درخواست‌های غیرقانونی و فساد اداری", W.CORRUPTION, A.GOVERNORATE, None),
        ),
    ),
    (
        "INF",
        "زیرساخت و انرژی",
        (
            ("INF01", "قطعی و محدودیت برق", W.ELECTRICITY, A.ELECTRICITY, 5),
            ("INF02", "انشعاب و افزایش قدرت برق", W.ELECTRICITY, A.ELECTRICITY, None),
            ("INF03", "قطعی و محدودیت گاز", W.ELECTRICITY, A.GAS, 5),
            ("INF04", "انشعاب گاز", W.ELECTRICITY, A.GAS, None),
            ("INF05", "تأمین آب و انشعاب آب", W.ELECTRICITY, A.WATER, None),
            ("INF06", "فاضلاب و تصفیه‌خانه", W.ELECTRICITY, A.WATER, None),
            ("INF07", "زمین و سند مالکیت", W.ACCESS_TO_LAND, A.INDUSTRIAL_PARKS, None),
            ("INF08", "واگذاری زمین در شهرک صنعتی", W.ACCESS_TO_LAND, A.INDUSTRIAL_PARKS, None),
            ("INF09", "زیرساخت شهرک (راه، روشنایی، خدمات)", W.TRANSPORT, A.INDUSTRIAL_PARKS, None),
            ("INF10", "حمل‌ونقل و دسترسی", W.TRANSPORT, A.MUNICIPALITY, None),
            ("INF11", "سرقت و ناامنی", W.CRIME, A.GOVERNORATE, 5),
        ),
    ),
    (
        "MKT",
        "بازار، تأمین و فناوری",
        (
            ("MKT01", "تأمین و کمبود مواد اولیه", W.CUSTOMS_TRADE, A.SAMT, None),
            ("MKT02", "قیمت‌گذاری و افزایش قیمت مواد اولیه", W.CUSTOMS_TRADE, A.SAMT, None),
            ("MKT03", "سهمیه و عرضه در بورس کالا", W.CUSTOMS_TRADE, A.SAMT, None),
            ("MKT04", "کاهش تقاضا و فروش", W.POLITICAL_INSTABILITY, A.SAMT, None),
            ("MKT05", "قاچاق و واردات بی‌رویه", W.INFORMAL_COMPETITION, A.CUSTOMS, None),
            ("MKT06", "رقابت غیررسمی و کالای تقلبی", W.INFORMAL_COMPETITION, A.SAMT, None),
            ("MKT07", "فناوری و تجهیزات فرسوده", W.ACCESS_TO_FINANCE, A.SAMT, None),
            ("MKT08", "نیروی کار ماهر و آموزش", W.WORKFORCE_EDUCATION, A.LABOUR, None),
            ("MKT09", "صادرات و بازاریابی خارجی", W.CUSTOMS_TRADE, A.SAMT, None),
            ("MKT10", "خرید دولتی و قراردادهای داخلی", W.INFORMAL_COMPETITION, A.GOVERNORATE, None),
            ("MKT11", "سایر موانع", "", A.OTHER, None),
        ),
    ),
)


@transaction.atomic
def load_taxonomy():
    """Add the default domains and groups that are missing (by code); returns the number of groups.

    Existing rows, and an administrator's edits to them, are kept. Missing rows are inserted in bulk.
    """
    domains = {d.code: d for d in ObstacleDomain.objects.all()}
    missing = [
        ObstacleDomain(code=code, name=name, order=order)
        for order, (code, name, _groups) in enumerate(DOMAINS, start=1)
        if code not in domains
    ]
    for domain in ObstacleDomain.objects.bulk_create(missing):
        domains[domain.code] = domain
    existing = set(ObstacleGroup.objects.values_list("code", flat=True))
    ObstacleGroup.objects.bulk_create(
        ObstacleGroup(
            domain=domains[code],
            code=group_code,
            name=group_name,
            wbes_category=category,
            default_agency_type=agency_type,
            due_days=due_days,
            order=position,
        )
        for code, _name, groups in DOMAINS
        for position, (group_code, group_name, category, agency_type, due_days) in enumerate(groups, start=1)
        if group_code not in existing
    )
    return ObstacleGroup.objects.count()
