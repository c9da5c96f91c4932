"""Demo: two clinic centres serving Pakdasht — a university centre for the county and an engineering
organisation's centre for the province — with cases in every state, from intake to revived units credited in
their status history. Built through the services (advance, findings_to_obstacles) and the case's close, then dated."""

import datetime

from tashil.accounts.demo import ensure_user
from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today, week_bounds
from tashil.obstacles.models import Obstacle, ObstacleGroup
from tashil.units import services as unit_services
from tashil.units.choices import StatusChangeSource, UnitStatus
from tashil.units.models import IndustrialUnit

from . import services
from .choices import CaseOutcome, CaseReason, CaseStatus, Dimension, HostType, Lever, Owner, VisitMode
from .models import (
    ActionItem,
    Centre,
    CentreExpert,
    ClinicCase,
    Diagnosis,
    DiagnosisScore,
    InspectionVisit,
    WeeklyUpdate,
)

EXPERTS = (
    # username, first, last, position, centre (0 = county, 1 = province), specialties
    ("clinic.pakdasht", "لیلا", "احمدی", "کارشناس کلینیک صنعت", 0, ("management", "finance", "market")),
    ("clinic.karimi", "مهدی", "کریمی", "عضو هیئت علمی، کارشناس کلینیک صنعت", 0, ("production", "workforce")),
    ("clinic.tehran", "بهاره", "شفیعی", "کارشناس ارشد کانون کلینیک استان", 1, ("legal", "ownership", "finance")),
    ("clinic.sadeghi", "امیر", "صادقی", "مهندس مشاور کلینیک صنعت", 1, ("infrastructure", "production")),
)
# The state each demo case ends in: (status, outcome), in the order the cases are opened (oldest first).
PLAN = (
    (CaseStatus.CLOSED, CaseOutcome.REVIVED),
    (CaseStatus.CLOSED, CaseOutcome.NOT_REVIVABLE),
    (CaseStatus.CLOSED, CaseOutcome.REVIVED),
    (CaseStatus.CLOSED, CaseOutcome.IMPROVED),
    (CaseStatus.CLOSED, CaseOutcome.WITHDRAWN),
    (CaseStatus.CLOSED, CaseOutcome.REVIVED),
    (CaseStatus.EXECUTION, ""),
    (CaseStatus.EXECUTION, ""),
    (CaseStatus.EXECUTION, ""),
    (CaseStatus.EXECUTION, ""),
    (CaseStatus.EXECUTION, ""),
    (CaseStatus.PLAN, ""),
    (CaseStatus.PLAN, ""),
    (CaseStatus.DIAGNOSIS, ""),
    (CaseStatus.DIAGNOSIS, ""),
    (CaseStatus.INTAKE, ""),
    (CaseStatus.INTAKE, ""),
)
FINDINGS = {
    Dimension.MANAGEMENT: ("مدیریت خانوادگی بدون برنامه فروش و بودجه سالانه.", None),
    Dimension.FINANCE: ("سرمایه در گردش برای خرید مواد اولیه سه ماه آینده کافی نیست؛ حساب‌ها مسدود است.", "FIN01"),
    Dimension.MARKET: ("فروش به دو مشتری عمده وابسته است و یکی قرارداد را تمدید نکرده است.", "MKT04"),
    Dimension.PRODUCTION: ("خط تولید اصلی فرسوده است و ضایعات به ۱۸ درصد رسیده است.", "MKT07"),
    Dimension.WORKFORCE: ("نیمی از کارگران ماهر در دو سال گذشته رفته‌اند.", None),
    Dimension.LEGAL: ("بدهی معوق تأمین اجتماعی و جرایم آن، تمدید پروانه را متوقف کرده است.", "REG04"),
    Dimension.INFRASTRUCTURE: ("قدرت انشعاب برق برای خط دوم کافی نیست.", "INF02"),
    Dimension.OWNERSHIP: ("اختلاف دو شریک بر سر سهم‌الشرکه تصمیم‌گیری را متوقف کرده است.", "REG14"),
}
ACTIONS = (
    ("تهیه صورت‌های مالی دو سال اخیر و طرح توجیهی سرمایه در گردش", Owner.UNIT, None, 10),
    ("معرفی به بانک عامل برای تسهیلات سرمایه در گردش", Owner.AGENCY, "bank_melli", 30),
    ("تقسیط بدهی تأمین اجتماعی و رفع مسدودی حساب", Owner.AGENCY, "social_security", 20),
    ("بازطراحی سبد محصول و فهرست مشتریان بالقوه", Owner.EXPERT, None, 15),
    ("تعمیر اساسی خط تولید و کاهش ضایعات", Owner.UNIT, None, 25),
    ("آموزش سرپرستان تولید در کارگاه کلینیک", Owner.EXPERT, None, 10),
)


def load(context):
    county = context.county
    if Centre.objects.filter(province=county.province).exists():
        return
    rng = context.rng
    university = Centre.objects.create(
        name="کانون کلینیک صنعت دانشگاه پاکدشت",
        host_type=HostType.UNIVERSITY,
        host_name="دانشکده فنی و مهندسی پاکدشت",
        level=ScopeLevel.COUNTY,
        province=county.province,
        county=county,
        specialties=["management", "finance", "market", "production", "workforce"],
        yearly_capacity=12,
        phone="021-36021400",
    )
    engineering = Centre.objects.create(
        name="کانون کلینیک صنعت نظام مهندسی صنایع استان تهران",
        host_type=HostType.ENGINEERING,
        host_name="انجمن مهندسی صنایع استان تهران",
        level=ScopeLevel.PROVINCE,
        province=county.province,
        specialties=["production", "infrastructure", "legal", "ownership", "finance"],
        yearly_capacity=30,
        phone="021-88104520",
    )
    centres = (university, engineering)
    experts = {0: [], 1: []}
    for username, first, last, position, index, specialties in EXPERTS:
        user = ensure_user(username, first, last, position)
        CentreExpert.objects.create(centre=centres[index], user=user, specialties=list(specialties))
        experts[index].append(user)
        context.users[username] = user
        if username == "clinic.tehran":
            context.logins.append((username, f"{position} (کارشناس کلینیک صنعت)"))

    secretariat = context.users.get("dabir.pakdasht")
    groups = {g.code: g for g in ObstacleGroup.objects.all()}
    candidates = list(
        IndustrialUnit.objects.filter(
            county=context.county, status__in=(UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE)
        ).order_by("pk")
    )
    rng.shuffle(candidates)
    now = today()
    for index, (status, outcome) in enumerate(PLAN):
        unit = candidates[index]
        centre_index = index % 2
        opened = now - datetime.timedelta(days=max(3, 330 - index * 19 + rng.randint(-6, 6)))
        case = ClinicCase.objects.create(
            unit=unit,
            centre=centres[centre_index],
            reason=CaseReason.INACTIVE if unit.status == UnitStatus.INACTIVE else CaseReason.SEMI_ACTIVE,
            opened_date=opened,
            summary=f"واحد {unit.get_status_display()} با {unit.employees or 'چند'} نفر کارکن؛ "
            "مالک برای احیا به ستاد تسهیل مراجعه کرده است.",
        )
        case.experts.set(experts[centre_index])
        play_out(case, status, outcome, rng, context, groups, experts[centre_index], secretariat)


def play_out(case, status, outcome, rng, context, groups, experts, secretariat):
    """Walk a case through the clinic's steps up to ``status``, dating each step from the opening day."""
    if status == CaseStatus.INTAKE:
        return
    lead = experts[0]
    day = case.opened_date
    services.advance(case, lead)  # → diagnosis
    visit(case, day + datetime.timedelta(days=5), rng, lead, VisitMode.ON_SITE)
    diagnosed = day + datetime.timedelta(days=rng.randint(12, 20))
    if status == CaseStatus.DIAGNOSIS and diagnosed > today():
        diagnosed = today()
    diagnose(case, diagnosed, rng, groups, lead)
    if status == CaseStatus.DIAGNOSIS:
        return
    created = services.findings_to_obstacles(case, lead)
    Obstacle.objects.filter(pk__in=[o.pk for o in created]).update(reported_date=diagnosed)
    services.advance(case, lead)  # → plan
    plan(case, diagnosed, rng, context, experts, status)
    if status == CaseStatus.PLAN:
        return
    services.advance(case, lead)  # → execution
    reports(case, diagnosed + datetime.timedelta(days=7), rng, lead, status, outcome)
    if status == CaseStatus.EXECUTION:
        return
    unit = case.unit
    closed = diagnosed + datetime.timedelta(days=rng.randint(90, 150))
    if unit.status_date and unit.status_date >= closed:
        closed = unit.status_date + datetime.timedelta(days=1)
    closed = min(today(), closed)
    if outcome == CaseOutcome.REVIVED:
        unit_services.change_status(
            unit,
            UnitStatus.ACTIVE,
            "ازسرگیری تولید پس از اجرای برنامه احیای کلینیک صنعت",
            user=lead,
            date=closed,
            source=StatusChangeSource.CLINIC,
        )
        case.action_items.update(progress=100)
    elif outcome == CaseOutcome.IMPROVED and unit.status != UnitStatus.SEMI_ACTIVE:
        unit_services.change_status(
            unit,
            UnitStatus.SEMI_ACTIVE,
            "بازگشت بخشی از ظرفیت تولید",
            user=lead,
            date=closed,
            source=StatusChangeSource.CLINIC,
        )
    notes = {
        CaseOutcome.REVIVED: "واحد با تأمین سرمایه در گردش و بازگشت مشتریان، تولید را با ظرفیت بالای ۶۰٪ از سر گرفت.",
        CaseOutcome.IMPROVED: "یکی از دو خط تولید راه افتاد؛ خط دوم منتظر تسهیلات است.",
        CaseOutcome.NOT_REVIVABLE: "اختلاف شرکا به دادگاه کشیده شده و مالکان از ادامه فعالیت منصرف شده‌اند.",
        CaseOutcome.WITHDRAWN: "مالک واحد را به سرمایه‌گذار تازه فروخت و از ادامه پرونده انصراف داد.",
    }
    services.close(case, outcome, notes[outcome], user=secretariat)
    ClinicCase.objects.filter(pk=case.pk).update(closed_date=closed)


def visit(case, day, rng, expert, mode):
    InspectionVisit.objects.create(
        case=case,
        date=min(day, today()),
        mode=mode,
        duration_minutes=rng.choice((45, 60, 90, 120)),
        participants="مدیرعامل، مدیر تولید، کارشناس کلینیک",
        observations="بازدید از خط تولید، انبار مواد اولیه و محصول؛ گفت‌وگو با مدیرعامل درباره علل توقف.",
        expert=expert,
    )


def diagnose(case, day, rng, groups, expert):
    weak = rng.sample(list(Dimension.values), 3)
    diagnosis = Diagnosis.objects.create(
        case=case,
        date=day,
        diagnosed_by=expert,
        summary="گره اصلی نقدینگی است؛ با رفع آن و بازگشت یک مشتری عمده، واحد توان بازگشت به تولید را دارد.",
        levers=rng.sample([Lever.WORKING_CAPITAL, Lever.MARKETING, Lever.TECHNOLOGY, Lever.RAW_MATERIALS], 2),
    )
    for dimension in Dimension.values:
        text, group_code = FINDINGS[dimension]
        low = dimension in weak
        DiagnosisScore.objects.create(
            diagnosis=diagnosis,
            dimension=dimension,
            score=rng.randint(1, 2) if low else rng.randint(3, 5),
            findings=text if low else "",
            needs_agency=low and group_code is not None,
            group=groups.get(group_code) if low and group_code else None,
        )
    return diagnosis


def plan(case, start, rng, context, experts, status):
    """Four or five actions; their progress follows how far the case has come."""
    chosen = rng.sample(ACTIONS, rng.randint(4, 5))
    for order, (title, owner, agency_key, weight) in enumerate(chosen):
        deadline = start + datetime.timedelta(days=30 + order * 20)
        if status == CaseStatus.PLAN:
            progress = 0
        elif status == CaseStatus.EXECUTION:
            progress = rng.choice((0, 20, 40, 60, 80)) if deadline > today() else rng.choice((60, 100, 100, 100, 100))
        else:
            progress = rng.choice((60, 80, 100, 100))
        ActionItem.objects.create(
            case=case,
            title=title,
            owner=owner,
            agency=context.agencies.get(agency_key) if agency_key else None,
            expert=rng.choice(experts) if owner == Owner.EXPERT else None,
            deadline=deadline,
            weight=weight,
            progress=progress,
        )


def reports(case, first, rng, expert, status, outcome):
    """A weekly update for most weeks; two open cases miss this week's, so the "no update" list has work."""
    this_week, _end = week_bounds()
    last = today() if status == CaseStatus.EXECUTION else min(today(), first + datetime.timedelta(days=120))
    skip_this_week = status == CaseStatus.EXECUTION and case.pk % 2 == 0
    day = first
    week = 0
    while day <= last:
        if skip_this_week and day >= this_week:
            break
        if rng.random() < 0.85:
            WeeklyUpdate.objects.create(
                case=case,
                date=day,
                done=rng.choice(
                    (
                        "پیگیری پرونده تسهیلات در بانک و تکمیل مدارک.",
                        "جلسه با مشتری عمده و ارسال نمونه محصول.",
                        "بازدید برخط از تعمیر خط تولید؛ دو دستگاه راه‌اندازی شد.",
                        "توافق اولیه تقسیط بدهی با تأمین اجتماعی.",
                    )
                ),
                blockers=rng.choice(("", "", "تأخیر بانک در بررسی وثیقه.", "کمبود ورق در بازار.")),
                next_step=rng.choice(("پیگیری در کارگروه هفته بعد.", "بازدید حضوری هفته آینده.", "")),
                author=expert,
            )
        if week % 6 == 5:
            visit(case, day, rng, expert, VisitMode.ONLINE)
        day += datetime.timedelta(days=7)
        week += 1
    if status == CaseStatus.EXECUTION and not skip_this_week and not case.updates.filter(date__gte=this_week).exists():
        WeeklyUpdate.objects.create(
            case=case,
            date=today(),
            done="گزارش پیشرفت اقدامات برنامه به کارگروه ارسال شد.",
            next_step="پیگیری اقدامات معوق با دستگاه‌ها.",
            author=expert,
        )
