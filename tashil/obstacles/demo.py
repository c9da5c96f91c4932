"""Demo: a realistic year of obstacles in Pakdasht — referrals (some overdue), answers, outcomes,
escalations and one systemic issue — built through the same model methods the pages use, then dated."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import format_jalali, today
from tashil.core.persian import to_persian_digits
from tashil.core.workdays import WorkCalendar
from tashil.orgs.models import Agency
from tashil.units.choices import UnitStatus

from . import services
from .choices import FailureParty, Outcome, ReferralStatus, ReviewState, Severity, Source
from .models import Obstacle, ObstacleEvent, ObstacleGroup, ProducerReview, Referral, SystemicIssue

OBSTACLE_COUNT = 180
# (group code, weight, typical title, typical description)
PATTERNS = (
    (
        "FIN01",
        14,
        "کمبود سرمایه در گردش برای خرید مواد اولیه",
        "با افزایش قیمت مواد اولیه، سرمایه در گردش واحد برای یک دوره تولید کافی نیست.",
    ),
    (
        "FIN03",
        8,
        "درخواست امهال اقساط معوق",
        "اقساط وام توسعه به دلیل توقف تولید معوق شده و بانک جریمه دیرکرد محاسبه می‌کند.",
    ),
    ("FIN04", 5, "بخشودگی جرایم دیرکرد بانکی", "جرایم دیرکرد از اصل بدهی پیشی گرفته است."),
    ("FIN05", 4, "نبود وثیقه کافی برای تسهیلات", "بانک وثیقه ملکی بیش از ارزش تسهیلات می‌خواهد."),
    ("FIN09", 4, "تأخیر در تخصیص ارز واردات ماشین‌آلات", "ثبت سفارش انجام شده ولی ارز تخصیص نیافته است."),
    ("REG01", 7, "اعتراض به برگ تشخیص مالیات عملکرد", "مالیات علی‌الرأس بیش از سود واقعی واحد تعیین شده است."),
    (
        "REG02",
        4,
        "مشکل استرداد مالیات بر ارزش افزوده صادرات",
        "مالیات بر ارزش افزوده صادرات پس از یک سال هنوز مسترد نشده است.",
    ),
    ("REG04", 10, "بدهی معوق بیمه و مسدودی حساب", "تأمین اجتماعی حساب‌های واحد را برای بدهی حق بیمه مسدود کرده است."),
    ("REG05", 4, "اعتراض به نتیجه حسابرسی بیمه", "حق بیمه قراردادهای پیمانکاری به حساب واحد گذاشته شده است."),
    ("REG08", 5, "تمدید پروانه بهره‌برداری", "تمدید پروانه به استعلام محیط زیست گره خورده است."),
    ("REG11", 3, "تعیین تکلیف الزامات زیست‌محیطی", "واحد باید سامانه تصفیه پساب نصب کند و منابع ندارد."),
    ("REG14", 3, "اختلاف شرکا و توقف تصمیم‌گیری", "اختلاف میان شرکا تولید را متوقف کرده است."),
    ("INF01", 8, "قطعی برنامه‌ریزی‌شده برق در تابستان", "سهمیه برق دو روز در هفته قطع می‌شود و خط تولید می‌خوابد."),
    ("INF02", 3, "افزایش قدرت انشعاب برق", "برای راه‌اندازی خط تازه ۵۰۰ کیلووات برق بیشتر لازم است."),
    ("INF03", 5, "محدودیت گاز در زمستان", "در سرمای زمستان گاز واحد قطع یا محدود می‌شود."),
    ("INF07", 4, "نداشتن سند مالکیت زمین", "سند تفکیکی زمین صادر نشده و بانک آن را وثیقه نمی‌پذیرد."),
    ("INF09", 2, "خرابی راه دسترسی شهرک", "جاده دسترسی شهرک آسیب دیده و حمل بار دشوار است."),
    ("MKT01", 8, "کمبود مواد اولیه پتروشیمی", "سهمیه مواد اولیه از بورس کالا کفاف تولید را نمی‌دهد."),
    ("MKT04", 6, "کاهش فروش و انباشت موجودی", "فروش در شش ماه اخیر نصف شده و انبار پر است."),
    ("MKT05", 3, "رقابت با کالای قاچاق", "کالای وارداتی قاچاق با قیمت کمتر بازار را گرفته است."),
    ("MKT07", 3, "فرسودگی ماشین‌آلات خط تولید", "ماشین‌آلات بیش از بیست سال کار کرده‌اند و ضایعات زیاد است."),
)


def load(context):
    county = context.county
    if Obstacle.objects.filter(county=county).exists():
        context.extra["obstacles"] = list(Obstacle.objects.filter(county=county))
        return
    rng = context.rng
    secretariat = context.users.get("dabir.pakdasht")
    units = context.extra["units"]
    troubled = [u for u in units if u.status in (UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE)]
    groups = {g.code: g for g in ObstacleGroup.objects.all()}
    weights = [p[1] for p in PATTERNS]
    calendar = WorkCalendar.load()
    now = today()
    showcase = context.extra.get("showcase_unit")
    created = []
    for index in range(OBSTACLE_COUNT):
        code, _weight, title, description = rng.choices(PATTERNS, weights=weights)[0]
        unit = rng.choice(troubled) if troubled and rng.random() < 0.55 else rng.choice(units)
        if index == 0 and showcase is not None:
            unit, code, title, description = showcase, "FIN01", PATTERNS[0][2], PATTERNS[0][3]
        age = rng.randint(3, 360)
        reported = now - datetime.timedelta(days=age)
        obstacle = Obstacle.objects.create(
            unit=unit,
            group=groups[code],
            title=title,
            description=description,
            source=rng.choice(
                (Source.UNIT_REQUEST, Source.UNIT_REQUEST, Source.FIELD_VISIT, Source.MEETING, Source.SERVICE_DESK)
            ),
            severity=rng.choice(
                (Severity.MODERATE, Severity.MAJOR, Severity.MAJOR, Severity.VERY_SEVERE, Severity.MINOR)
            ),
            jobs_at_risk=rng.randint(0, max(1, (unit.employees or 10))) if rng.random() < 0.8 else None,
            amount=Decimal(rng.randint(1, 400) * 10**9) if code.startswith(("FIN", "REG0")) else None,
            capacity_blocked=rng.choice((None, 20, 30, 50, 70, 100)),
            reported_date=reported,
            reported_by=secretariat,
        )
        stamp(obstacle.events.all(), reported)
        play_out(obstacle, age, rng, calendar, secretariat, context)
        created.append(obstacle)
    bundle_systemic(county, groups, secretariat)
    created += open_workload(context, groups, secretariat, calendar)
    settle_old_reviews(county, rng, calendar)
    context.extra["obstacles"] = created


def stamp(events, day, hour=10):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    ObstacleEvent.objects.filter(pk__in=[e.pk for e in events]).update(created=moment)


def agency_for(obstacle, context):
    """The county agency of the group's type, else the province's."""
    kind = obstacle.group.default_agency_type
    agency = Agency.objects.filter(county=obstacle.county, type=kind).first()
    return (
        agency or Agency.objects.filter(level=ScopeLevel.PROVINCE, province=obstacle.county.province, type=kind).first()
    )


def play_out(obstacle, age, rng, calendar, user, context):
    """Refer, answer and close the obstacle as its age suggests, dating each step."""
    if age < 4 and rng.random() < 0.5:
        return  # just registered
    agency = agency_for(obstacle, context)
    agencies = [agency] if agency else []
    if rng.random() < 0.25:
        second = (
            Agency.objects.filter(county=obstacle.county).exclude(pk__in=[a.pk for a in agencies]).order_by("?").first()
        )
        if second:
            agencies.append(second)
    if not agencies:
        return
    referred_on = obstacle.reported_date + datetime.timedelta(days=rng.randint(0, 5))
    before = set(obstacle.events.values_list("pk", flat=True))
    referrals = services.refer(obstacle, agencies, user=user)
    for referral in referrals:
        days = obstacle.group.effective_due_days
        referral.referred_date = referred_on
        referral.due_date = calendar.add_working_days(referred_on, days)
        referral.first_response_due = calendar.add_working_days(referred_on, settings.TASHIL_FIRST_RESPONSE_DAYS)
        referral.save(update_fields=["referred_date", "due_date", "first_response_due"])
        ObstacleEvent.objects.filter(referral=referral, kind="referral").update(
            text=f"به «{referral.agency}» ارجاع شد؛ مهلت پاسخ {to_persian_digits(days)} روز کاری، تا {format_jalali(referral.due_date)}."
        )
    stamp(obstacle.events.exclude(pk__in=before), referred_on)
    overdue_candidate = age < 60 and rng.random() < 0.35
    if overdue_candidate:
        return  # no answer yet: overdue once the due date passes
    for referral in referrals:
        answered_on = referred_on + datetime.timedelta(days=rng.randint(2, 25))
        if answered_on > today():
            continue
        before = set(obstacle.events.values_list("pk", flat=True))
        verdict = rng.choices(
            (ReferralStatus.DONE, ReferralStatus.IN_PROGRESS, ReferralStatus.ACCEPTED, ReferralStatus.REJECTED),
            weights=(50, 25, 15, 10),
        )[0]
        text = {
            ReferralStatus.DONE: "موضوع در کمیته دستگاه بررسی و اقدام لازم انجام شد.",
            ReferralStatus.REJECTED: "درخواست خارج از ضوابط دستگاه است.",
            ReferralStatus.IN_PROGRESS: "پرونده در دست بررسی کارشناسی است.",
            ReferralStatus.ACCEPTED: "",
        }[verdict]
        services.answer(referral, verdict, text, user=None)
        Referral.objects.filter(pk=referral.pk).update(
            first_response_date=answered_on,
            first_response_days=calendar.working_days_between(referred_on, answered_on),
            responded_at=timezone.make_aware(datetime.datetime.combine(answered_on, datetime.time(12, 0))),
        )
        stamp(obstacle.events.exclude(pk__in=before), answered_on, hour=12)
    obstacle.refresh_from_db()
    if age > 45 and obstacle.is_open and rng.random() < 0.75:
        outcome = rng.choices(
            (Outcome.RESOLVED, Outcome.UNRESOLVABLE, Outcome.SYSTEMIC, Outcome.WITHDRAWN), weights=(62, 14, 14, 10)
        )[0]
        party = ""
        if outcome == Outcome.UNRESOLVABLE:
            party = rng.choice((FailureParty.AGENCY, FailureParty.PRODUCER, FailureParty.EXTERNAL))
        closed_on = min(today(), referred_on + datetime.timedelta(days=rng.randint(15, 80)))
        before = set(obstacle.events.values_list("pk", flat=True))
        note = "موضوع در جلسه کارگروه بررسی شد." if outcome == Outcome.RESOLVED else ""
        services.close(obstacle, outcome, user=user, failure_party=party, note=note)
        Obstacle.objects.filter(pk=obstacle.pk).update(closed_date=closed_on)
        stamp(obstacle.events.exclude(pk__in=before), closed_on, hour=14)
    elif obstacle.is_open and rng.random() < 0.12:
        before = set(obstacle.events.values_list("pk", flat=True))
        services.escalate(obstacle, user, note="رسیدگی در سطح شهرستان به نتیجه نرسید.")
        stamp(obstacle.events.exclude(pk__in=before), min(today(), referred_on + datetime.timedelta(days=20)), hour=15)


# What sits in each demo officer's inbox today: (agency key, group, title, days since referral, answer).
WORKLOAD = (
    ("tax", "REG01", "اعتراض به مالیات علی‌الرأس سال ۱۴۰۳", 25, None),
    ("tax", "REG03", "استرداد مالیات بر ارزش افزوده صادرات", 18, None),
    ("tax", "REG01", "تقسیط بدهی مالیاتی قطعی‌شده", 6, None),
    ("tax", "REG02", "بخشودگی جرایم مالیات بر ارزش افزوده", 7, ReferralStatus.AWAITING_PRODUCER),
    ("tax", "REG02", "اختلاف در محاسبه مالیات بر ارزش افزوده", 3, ReferralStatus.ACCEPTED),
    ("social_security", "REG04", "رفع مسدودی حساب برای بدهی حق بیمه", 30, None),
    ("social_security", "REG05", "اعتراض به حسابرسی بیمه پیمانکاران", 12, ReferralStatus.IN_PROGRESS),
    ("social_security", "REG04", "تقسیط ۳۶ ماهه بدهی بیمه", 4, None),
    ("electricity", "INF01", "قطعی برق روزهای یکشنبه و سه‌شنبه", 9, None),
    ("electricity", "INF02", "افزایش قدرت انشعاب به ۸۰۰ کیلووات", 14, ReferralStatus.IN_PROGRESS),
    ("electricity", "INF01", "نوسان ولتاژ و خرابی تابلو برق", 2, None),
)


# The demo officer of each agency (accounts/demo.py), who takes their agency's open referrals.
OFFICERS = {"tax": "maliat.pakdasht", "social_security": "tamin.pakdasht", "electricity": "barq.pakdasht"}


def settle_old_reviews(county, rng, calendar):
    """The producers' word on the agencies' past «done» answers: most confirmed and rated, some left to silence,
    dated back to when they were due; the last few weeks' still wait for the representative."""
    pending = ProducerReview.objects.filter(
        state=ReviewState.PENDING, referral__obstacle__county=county
    ).select_related("referral")
    for review in pending:
        answered_on = review.referral.first_response_date or today()
        if (today() - answered_on).days < 20:
            continue
        due = calendar.add_working_days(answered_on, 10)
        if rng.random() < 0.8:
            services.confirm_done(review, rng.choice((3, 4, 4, 5, 5)), rng.choice((2, 3, 4, 4, 5)))
        else:
            services.confirm_by_silence(review)
        ProducerReview.objects.filter(pk=review.pk).update(
            requested_date=answered_on, due_date=due, answered_date=min(due, today())
        )


def open_workload(context, groups, user, calendar):
    """Open referrals for each demo agency officer, some past their due date."""
    rng = context.rng
    units = [u for u in context.extra["units"] if u.status != UnitStatus.CLOSED]
    created = []
    for key, code, title, days_ago, answer in WORKLOAD:
        agency = context.agencies[key]
        referred_on = today() - datetime.timedelta(days=days_ago)
        obstacle = Obstacle.objects.create(
            unit=rng.choice(units),
            group=groups[code],
            title=title,
            description="موضوع در جلسه کارگروه مطرح شد و پیگیری دستگاه را می‌خواهد.",
            source=Source.MEETING,
            severity=Severity.MAJOR,
            jobs_at_risk=rng.randint(5, 60),
            reported_date=referred_on,
            reported_by=user,
        )
        stamp(obstacle.events.all(), referred_on, hour=9)
        before = set(obstacle.events.values_list("pk", flat=True))
        referral = services.refer(obstacle, [agency], user=user)[0]
        officer = OFFICERS.get(key) and context.users.get(OFFICERS[key])
        if officer is not None:
            services.assign(referral, officer, user=officer)
        if user is not None and obstacle.follower_id is None:
            services.set_follower(obstacle, user, user=user)
        days = obstacle.group.effective_due_days
        referral.referred_date = referred_on
        referral.due_date = calendar.add_working_days(referred_on, days)
        referral.first_response_due = calendar.add_working_days(referred_on, settings.TASHIL_FIRST_RESPONSE_DAYS)
        referral.save(update_fields=["referred_date", "due_date", "first_response_due"])
        ObstacleEvent.objects.filter(referral=referral, kind="referral").update(
            text=f"به «{agency}» ارجاع شد؛ مهلت پاسخ {to_persian_digits(days)} روز کاری، تا {format_jalali(referral.due_date)}."
        )
        stamp(obstacle.events.exclude(pk__in=before), referred_on)
        if answer == ReferralStatus.AWAITING_PRODUCER:
            before = set(obstacle.events.values_list("pk", flat=True))
            services.request_documents(referral, "اظهارنامه‌های فصلی ۱۴۰۳ و گواهی کسر از حقوق را بفرستید.")
            stamp(obstacle.events.exclude(pk__in=before), today(), hour=11)
        elif answer:
            before = set(obstacle.events.values_list("pk", flat=True))
            services.answer(referral, answer, "پرونده در دست بررسی کارشناسی است.", user=None)
            stamp(
                obstacle.events.exclude(pk__in=before), min(today(), referred_on + datetime.timedelta(days=2)), hour=11
            )
        created.append(obstacle)
    return created


def bundle_systemic(county, groups, user):
    """Social security debts hold many units at once: one systemic issue raised to the province."""
    group = groups["REG04"]
    issue = SystemicIssue.objects.create(
        title="مسدودی حساب واحدهای تولیدی برای بدهی حق بیمه",
        proposal=(
            "پیشنهاد می‌شود برای واحدهای نیمه‌فعال و غیرفعال، مسدودی حساب تا تقسیط بدهی در کارگروه استانی "
            "متوقف شود و جرایم حق بیمه دوره توقف تولید بخشوده شود (اصلاح بخشنامه وصول مطالبات)."
        ),
        group=group,
        level=ScopeLevel.PROVINCE,
        county=county,
        raised_by=user,
    )
    members = Obstacle.objects.filter(county=county, group=group, status__in=("registered", "referred", "in_progress"))[
        :8
    ]
    services.bundle(issue, list(members), user=user)
    services.move_issue(issue, "referred", "به دبیرخانه ستاد استان فرستاده شد.", user=user)
