"""Demo: a year of weekly working-group meetings in Pakdasht (some on site at a factory), field visits and
service desks, with attendance, agendas drawn from the demo obstacles, and resolutions followed up to
execution — built through the model methods, then dated."""

import datetime

from django.utils import timezone

from tashil.core.choices import Weekday
from tashil.core.jalali import today
from tashil.obstacles.models import Obstacle, ObstacleGroup

from . import services
from .choices import AgendaStatus, AttendanceStatus, MeetingKind, ResolutionStatus
from .models import AgendaItem, Attendance, Meeting, MeetingSeries, Resolution, VisitFinding

WEEKS = 52
MEMBERS = (
    "samt",
    "tax",
    "social_security",
    "electricity",
    "gas",
    "water",
    "environment",
    "labour",
    "bank_melli",
    "governorate",
)
CHAIR = ("حسن عباسی", "معاون اقتصادی فرمانداری پاکدشت")
# Who comes for each member agency, as the attendance sheet and the minutes' signature rows name them.
ATTENDEES = {
    "samt": ("محمد رحیمی", "رئیس اداره صمت"),
    "tax": ("زهرا احمدی", "رئیس اداره امور مالیاتی"),
    "social_security": ("علی کریمی", "رئیس شعبه تأمین اجتماعی"),
    "electricity": ("رضا موسوی", "مدیر امور برق"),
    "gas": ("مهدی صادقی", "رئیس اداره گاز"),
    "water": ("فاطمه نوری", "مدیر امور آب و فاضلاب"),
    "environment": ("حمید جعفری", "رئیس اداره محیط زیست"),
    "labour": ("مریم قاسمی", "رئیس اداره تعاون، کار و رفاه اجتماعی"),
    "bank_melli": ("سعید حسینی", "رئیس شعبه بانک ملی"),
    "governorate": ("نرگس مرادی", "کارشناس مسئول امور اقتصادی فرمانداری"),
}
RESOLUTION_TEXT = {
    "tax": "اداره امور مالیاتی پرونده را در هیئت حل اختلاف بازبینی و نتیجه را تا مهلت اعلام کند.",
    "social_security": "تأمین اجتماعی با تقسیط بدهی، مسدودی حساب واحد را رفع کند.",
    "electricity": "اداره برق سهمیه برق واحد را در ساعات اوج بدون قطعی تأمین کند.",
    "gas": "اداره گاز محدودیت گاز واحد را در زمستان با اولویت تولید تنظیم کند.",
    "bank_melli": "بانک ملی درخواست تسهیلات سرمایه در گردش واحد را در کمیته اعتباری مطرح کند.",
    "environment": "محیط زیست مهلت شش‌ماهه برای نصب سامانه تصفیه پساب بدهد.",
    "samt": "اداره صمت تمدید پروانه بهره‌برداری را پیگیری و استعلام‌ها را هماهنگ کند.",
    "water": "اداره آب و فاضلاب انشعاب آب صنعتی واحد را برقرار کند.",
    "labour": "اداره کار جلسه سازش میان کارفرما و کارگران را برگزار کند.",
    "governorate": "فرمانداری با دستگاه‌ها برای رفع مشکل هماهنگی کند.",
}
AGENCY_FOR_GROUP = {
    "FIN": "bank_melli",
    "REG01": "tax",
    "REG02": "tax",
    "REG03": "tax",
    "REG04": "social_security",
    "REG05": "social_security",
    "REG08": "samt",
    "REG11": "environment",
    "INF01": "electricity",
    "INF02": "electricity",
    "INF03": "gas",
    "INF05": "water",
    "MKT": "samt",
}


def load(context):
    county = context.county
    if MeetingSeries.objects.filter(county=county).exists():
        return
    rng = context.rng
    secretary = context.users.get("dabir.pakdasht")
    series = MeetingSeries.objects.create(
        county=county,
        kind=MeetingKind.WORKING_GROUP,
        title="کارگروه تسهیل و رفع موانع تولید شهرستان پاکدشت",
        weekday=Weekday.WEDNESDAY,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 30),
        default_place="فرمانداری پاکدشت، سالن شهید بهشتی",
    )
    visits = MeetingSeries.objects.create(
        county=county,
        kind=MeetingKind.FIELD_VISIT,
        title="تور صنعتی شهرستان پاکدشت",
        weekday=Weekday.MONDAY,
        start_time=datetime.time(10, 0),
        default_place="شهرک‌های صنعتی پاکدشت",
    )
    desk = MeetingSeries.objects.create(
        county=county,
        kind=MeetingKind.SERVICE_DESK,
        title="میز خدمت دستگاه‌های اجرایی پاکدشت",
        weekday=Weekday.SUNDAY,
        start_time=datetime.time(9, 0),
        default_place="شهرک صنعتی خاوران، ساختمان مدیریت",
    )
    MeetingSeries.objects.create(
        county=county,
        kind=MeetingKind.CLINIC_COMMITTEE,
        title="کمیته راهبری کلینیک صنعت پاکدشت",
        weekday=Weekday.TUESDAY,
        start_time=datetime.time(10, 0),
        default_place="اداره صمت پاکدشت",
    )
    obstacles = list(Obstacle.objects.filter(county=county).select_related("unit", "group").order_by("reported_date"))
    units = context.extra["units"]
    first = series.next_date(today() - datetime.timedelta(days=7 * WEEKS + 1))
    for week in range(WEEKS):
        day = first + datetime.timedelta(days=7 * week)
        if day >= today():
            break
        meeting = Meeting.objects.create(
            series=series,
            date=day,
            start_time=series.start_time,
            end_time=series.end_time,
            place=series.default_place,
            chair_name=CHAIR[0],
            chair_position=CHAIR[1],
            secretary=secretary,
        )
        if week % 4 == 3:  # every fourth session is held on site at a factory
            host = rng.choice(units)
            Meeting.objects.filter(pk=meeting.pk).update(site_unit=host, place=f"محل {host.name}")
            meeting.refresh_from_db()
        invite(meeting, context, rng)
        agenda(meeting, obstacles, rng, context, secretary)
        services.hold(meeting, secretary) if day <= today() else None
        if week < WEEKS - 2:
            services.approve(meeting, context.users.get("modir.pakdasht"))
            approved = timezone.make_aware(
                datetime.datetime.combine(day + datetime.timedelta(days=2), datetime.time(12))
            )
            Meeting.objects.filter(pk=meeting.pk).update(approved_at=approved)
            meeting.resolutions.update(objection_deadline=day + datetime.timedelta(days=17))
        follow_up(meeting, rng, context, secretary)
    upcoming = series.proposal()
    upcoming.secretary = secretary
    upcoming.chair_name, upcoming.chair_position = CHAIR
    upcoming.save()
    invite(upcoming, context, rng, mark=False)
    answer_invitations(upcoming, secretary)
    field_visits(visits, units, rng, secretary)
    desk_sessions(desk, units, rng, context, secretary)


def invite(meeting, context, rng, mark=True):
    rows = []
    for key in MEMBERS:
        agency = context.agencies.get(key)
        if agency is None:
            continue
        status = AttendanceStatus.INVITED
        represented = ""
        if mark:
            status = rng.choices(
                (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED, AttendanceStatus.ABSENT), weights=(70, 18, 12)
            )[0]
            represented = "کارشناس اداره" if status == AttendanceStatus.REPRESENTED else ""
        name, position = ATTENDEES[key]
        rows.append(
            Attendance(
                meeting=meeting,
                agency=agency,
                person_name=name,
                position=position,
                status=status,
                represented_by=represented,
            )
        )
    rows.append(
        Attendance(
            meeting=meeting,
            person_name=CHAIR[0],
            position=CHAIR[1],
            is_chair=True,
            status=AttendanceStatus.PRESENT if mark else AttendanceStatus.INVITED,
        )
    )
    Attendance.objects.bulk_create(rows)


def answer_invitations(meeting, secretary):
    """The next session's invitations sent («دعوت», the e-mails and SMS go out through the task worker) and the
    first answers in, as the invitees give them from their links: the quorum shows on the meeting's page."""
    services.send_invitations(meeting, secretary)
    rows = list(meeting.attendance.order_by("pk"))
    answers = ["attend", "attend", "represent", "decline", "attend"]
    for row, answer in zip(rows, answers, strict=False):
        name, position = ("کارشناس اداره", "کارشناس") if answer == "represent" else ("", "")
        services.answer_invitation(row, answer, name, position)
    chair = next((row for row in rows if row.is_chair), None)
    if chair is not None:
        services.answer_invitation(chair, "attend")


def agency_key(obstacle):
    code = obstacle.group.code
    return AGENCY_FOR_GROUP.get(code) or AGENCY_FOR_GROUP.get(code[:3]) or "samt"


def agenda(meeting, obstacles, rng, context, secretary):
    """Three to five obstacles reported before the meeting; resolutions on most of them."""
    candidates = [o for o in obstacles if o.reported_date <= meeting.date]
    for order, obstacle in enumerate(rng.sample(candidates, min(len(candidates), rng.randint(3, 5))), start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            unit=obstacle.unit,
            title=obstacle.title,
            discussion=f"نماینده واحد گزارش داد: {obstacle.description} پس از بحث، تصمیم زیر گرفته شد.",
            status=AgendaStatus.DONE,
        )
        item.obstacles.add(obstacle)
        if rng.random() < 0.75:
            key = agency_key(obstacle)
            agency = context.agencies.get(key)
            Resolution.objects.create(
                meeting=meeting,
                text=RESOLUTION_TEXT.get(key, RESOLUTION_TEXT["governorate"]),
                unit=obstacle.unit,
                obstacle=obstacle,
                agency=agency,
                producer_must_act=rng.random() < 0.15,
                deadline=meeting.date + datetime.timedelta(days=rng.choice((10, 14, 21, 30))),
            )


def follow_up(meeting, rng, context, secretary):
    """What became of each resolution, as its age suggests."""
    for resolution in meeting.resolutions.all():
        age = (today() - meeting.date).days
        if resolution.status != ResolutionStatus.PENDING:
            continue
        roll = rng.random()
        if age > 40 and roll < 0.80:
            services.report_execution(resolution, "اقدام انجام و نامه آن به دبیرخانه فرستاده شد.", user=None)
            services.verify(resolution, secretary)
            done = min(today(), resolution.deadline + datetime.timedelta(days=rng.randint(-5, 8)))
            Resolution.objects.filter(pk=resolution.pk).update(closed_date=done)
        elif age > 40 and roll < 0.90:
            party = rng.choice(("agency", "agency", "producer", "external"))
            if party == "producer" and not resolution.unit_id:
                party = "agency"
            services.mark_not_executed(resolution, party, "با وجود پیگیری اجرا نشد.", secretary)
        elif age > 40 and roll < 0.93:
            services.cancel_resolution(resolution, "موضوع با تغییر شرایط منتفی شد.", secretary)
        elif age > 8 and roll < 0.5:
            services.report_progress(resolution, "پرونده در دست بررسی است.", None)
        elif age > 8 and roll < 0.65:
            services.report_execution(resolution, "اقدام انجام شد؛ نامه پیوست است.", user=None)


def field_visits(series, units, rng, user):
    groups = list(ObstacleGroup.objects.filter(code__in=("INF01", "INF07", "MKT07", "REG11", "INF09")))
    findings = (
        "تابلو برق اصلی فرسوده است و با هر نوسان ولتاژ خط تولید می‌ایستد.",
        "سند تفکیکی زمین صادر نشده و بانک وثیقه نمی‌پذیرد.",
        "دو دستگاه تزریق پلاستیک از کار افتاده و قطعه یدکی ندارد.",
        "پساب کارخانه بدون تصفیه به کانال شهرک می‌ریزد.",
        "راه دسترسی به سوله پس از بارندگی گل‌آلود و غیرقابل تردد است.",
    )
    start = today() - datetime.timedelta(days=170)
    for index in range(6):
        day = series.next_date(start + datetime.timedelta(days=28 * index))
        if day > today():
            break
        visit = Meeting.objects.create(
            series=series, date=day, start_time=series.start_time, place=series.default_place, secretary=user
        )
        for unit in rng.sample(units, 3):
            finding = VisitFinding.objects.create(
                meeting=visit, unit=unit, finding=rng.choice(findings), group=rng.choice(groups)
            )
            if rng.random() < 0.6:
                services.finding_to_obstacle(finding, user)
        services.hold(visit, user)


def desk_sessions(series, units, rng, context, user):
    requests = (
        ("tax", "REG01", "درخواست تقسیط بدهی مالیاتی سال گذشته"),
        ("social_security", "REG04", "رفع مسدودی حساب برای پرداخت حقوق کارگران"),
        ("electricity", "INF02", "افزایش قدرت انشعاب برای خط تولید تازه"),
        ("bank_melli", "FIN01", "تمدید تسهیلات سرمایه در گردش"),
        ("environment", "REG11", "تمدید مهلت اجرای سامانه تصفیه پساب"),
    )
    groups = {g.code: g for g in ObstacleGroup.objects.all()}
    start = today() - datetime.timedelta(days=100)
    for index in range(4):
        day = series.next_date(start + datetime.timedelta(days=21 * index))
        if day > today():
            break
        session = Meeting.objects.create(
            series=series, date=day, start_time=series.start_time, place=series.default_place, secretary=user
        )
        for key, code, text in rng.sample(requests, 3):
            from .models import DeskRequest

            services.register_desk_request(
                DeskRequest(
                    meeting=session,
                    unit=rng.choice(units),
                    agency=context.agencies[key],
                    group=groups[code],
                    request=text,
                ),
                user,
            )
        services.hold(session, user)
