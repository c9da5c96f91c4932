"""Demo: a season of training workshops in Pakdasht — held ones with attendance and certificates, upcoming
ones with seats left, one full with a waiting list, and one run by the clinic's university centre."""

import datetime

from tashil.clinic.models import Centre
from tashil.core import fakedata
from tashil.core.jalali import today
from tashil.units.choices import UnitStatus

from . import services
from .choices import Organiser, RegistrationStatus, WorkshopStatus
from .models import Registration, Workshop

WORKSHOPS = (
    # title, topic, trainer, days from today, capacity, organiser, people registered
    ("آشنایی با تسهیلات سرمایه در گردش بانکی", "تأمین مالی", "دکتر حمید رحیمی", -45, 40, Organiser.HEADQUARTERS, 31),
    ("مدیریت انرژی و کاهش مصرف برق در پیک تابستان", "انرژی", "مهندس سیما اکبری", -20, 30, Organiser.HEADQUARTERS, 24),
    ("آسیب‌شناسی و برنامه احیای واحدهای نیمه‌فعال", "کلینیک صنعت", "دکتر لیلا احمدی", -8, 25, Organiser.CLINIC, 18),
    ("صادرات به عراق و افغانستان: قواعد گمرکی", "صادرات", "علی موسوی", 9, 35, Organiser.HEADQUARTERS, 12),
    ("ایمنی و بهداشت کار در کارگاه‌های کوچک", "ایمنی", "مهندس رضا کریمی", 16, 8, Organiser.HEADQUARTERS, 10),
    ("بازاریابی دیجیتال برای تولیدکنندگان", "بازاریابی", "نرگس زمانی", 30, 30, Organiser.CLINIC, 4),
)
POSITIONS = ("مدیر تولید", "کارشناس مالی", "سرپرست کارگاه", "مدیر بازرگانی", "کارشناس کیفیت", "مسئول ایمنی")


def load(context):
    county = context.county
    if Workshop.objects.filter(county=county).exists():
        return
    rng = context.rng
    secretariat = context.users.get("dabir.pakdasht")
    representative = context.users.get("vahed.mehregan")
    showcase = context.extra["showcase_unit"]
    units = [u for u in context.extra["units"] if u.status in (UnitStatus.ACTIVE, UnitStatus.SEMI_ACTIVE)]
    centre = Centre.objects.filter(county=county).first()
    now = today()
    used_mobiles = set()
    for title, topic, trainer, offset, capacity, organiser, people in WORKSHOPS:
        date = now + datetime.timedelta(days=offset)
        while date.weekday() in (3, 4):  # not on Thursday or Friday
            date += datetime.timedelta(days=1)
        workshop = Workshop.objects.create(
            title=title,
            topic=topic,
            trainer=trainer,
            organiser=organiser,
            centre=centre if organiser == Organiser.CLINIC else None,
            county=county,
            date=date,
            start_time=datetime.time(9, 0),
            end_time=datetime.time(12, 30),
            place="سالن آموزش ستاد تسهیل پاکدشت" if offset % 2 else "دانشکده فنی دانشگاه پاکدشت",
            capacity=capacity,
            description=f"کارگاه یک‌روزه {topic} برای مدیران و کارشناسان واحدهای صنعتی شهرستان.",
        )
        registrations = []
        for index in range(people):
            unit = showcase if index == 0 else rng.choice(units)
            mobile = fakedata.mobile(rng)
            while mobile in used_mobiles:
                mobile = fakedata.mobile(rng)
            used_mobiles.add(mobile)
            registration = Registration(
                workshop=workshop,
                unit=unit,
                full_name=fakedata.person(rng),
                mobile=mobile,
                position=rng.choice(POSITIONS),
                registered_by=representative if unit.pk == showcase.pk else secretariat,
            )
            services.save_registration(registration)  # a seat, or the waiting list once the seats are taken
            registrations.append(registration)
        if offset < 0:
            present = [r.pk for r in registrations if r.status == RegistrationStatus.REGISTERED and rng.random() < 0.85]
            # Attendance is taken on the day; the demo records it afterwards for past workshops.
            services.record_attendance(workshop, present)
    Workshop.objects.filter(county=county, date__lt=now).exclude(status=WorkshopStatus.CANCELLED).update(
        status=WorkshopStatus.HELD
    )
