"""A realistic national data set for benchmarks: units across all 31 provinces with their status histories,
obstacles with referrals and timeline events, weekly meetings and their resolutions.

Rows are built in Python and written with bulk inserts in batches (no per-row save(), no change log, no
signals), so a million obstacles take minutes. Values follow the demo county's shapes: the same status mix,
obstacle groups by their default agencies, referral delays, outcomes and execution rates.
"""

import datetime
import random
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from tashil.core import fakedata
from tashil.core.bulk import Inserter
from tashil.core.jalali import today
from tashil.core.persian import search_key

BATCH = 5000
STATUS_MIX = (
    ("active", 0.60),
    ("semi_active", 0.18),
    ("inactive", 0.15),
    ("under_construction", 0.05),
    ("closed", 0.02),
)
OBSTACLE_STATUS_MIX = (
    ("registered", 0.08),
    ("referred", 0.17),
    ("in_progress", 0.15),
    ("resolved", 0.42),
    ("unresolvable", 0.10),
    ("withdrawn", 0.08),
)
RESOLUTION_STATUS_MIX = (
    ("executed", 0.78),
    ("in_progress", 0.08),
    ("pending", 0.06),
    ("not_executed", 0.07),
    ("cancelled", 0.01),
)
COUNTY_AGENCY_TYPES = ("samt", "tax", "social_security", "bank", "electricity", "gas", "water", "environment", "labour")
DAYS_BACK = 730


def pick(rng, mix):
    roll, total = rng.random(), 0.0
    for value, share in mix:
        total += share
        if roll < total:
            return value
    return mix[0][0]


def settled_at(day):
    """Noon of the day a referral was settled, as the bulk inserter writes a time to this database."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return connection.ops.adapt_datetimefield_value(moment) if connection.vendor == "sqlite" else moment


class NationalGenerator:
    def __init__(self, units, obstacles, meetings, resolutions, seed=1, log=print):
        self.sizes = {"units": units, "obstacles": obstacles, "meetings": meetings, "resolutions": resolutions}
        self.rng = random.Random(seed)
        self.log = log
        self.today = today()

    def run(self):
        from tashil.core.changelog import acting_as

        with acting_as(source="command"):
            self.counties = self.load_places()
            self.agencies = self.ensure_agencies()
            zones = self.ensure_zones()
            units = self.make_units(zones)
            self.make_obstacles(units)
            meetings = self.make_meetings()
            self.make_resolutions(meetings, units)
        self.analyse()

    # Places and agencies ---------------------------------------------------------------------------------

    def load_places(self):
        from tashil.geo.models import County

        counties = list(County.objects.select_related("province").order_by("pk"))
        if len(counties) < 400:
            raise RuntimeError("load the reference data first: manage.py load_reference")
        # Bigger counties (provincial capitals come first in each province's list) hold more units.
        self.weights = [
            3 if i == 0 or c.province_id != counties[i - 1].province_id else 1 for i, c in enumerate(counties)
        ]
        return counties

    def ensure_agencies(self):
        """The county offices that obstacles are referred to, one per type per county (created once)."""
        from tashil.orgs.models import Agency

        existing = set(Agency.objects.filter(level="county").values_list("county_id", "type"))
        labels = dict(Agency._meta.get_field("type").choices)
        new = [
            Agency(
                name=f"اداره {labels[kind]} {county.name}",
                type=kind,
                level="county",
                province_id=county.province_id,
                county=county,
                search_text=search_key(f"اداره {labels[kind]} {county.name}"),
            )
            for county in self.counties
            for kind in COUNTY_AGENCY_TYPES
            if (county.pk, kind) not in existing
        ]
        Agency.objects.bulk_create(new, batch_size=BATCH)
        agencies = {}
        for pk, county_id, kind in Agency.objects.filter(level="county").values_list("pk", "county_id", "type"):
            agencies.setdefault(county_id, {})[kind] = pk
        return agencies

    def ensure_zones(self):
        from tashil.geo.models import IndustrialZone

        have = set(IndustrialZone.objects.values_list("county_id", flat=True))
        new = []
        for county in self.counties:
            if county.pk in have:
                continue
            for number, kind in ((1, "town"), (2, "area")):
                name = f"{'شهرک' if kind == 'town' else 'ناحیه'} صنعتی {county.name} {number}"
                new.append(IndustrialZone(county=county, name=name, kind=kind, search_text=search_key(name)))
        IndustrialZone.objects.bulk_create(new, batch_size=BATCH)
        zones = {}
        for pk, county_id in IndustrialZone.objects.values_list("pk", "county_id"):
            zones.setdefault(county_id, []).append(pk)
        return zones

    # Units -------------------------------------------------------------------------------------------------

    def make_units(self, zones):
        from tashil.units.choices import size_class_for
        from tashil.units.models import IndustrialUnit, Product, UnitStatusChange

        rng, count = self.rng, self.sizes["units"]
        used_ids = set(IndustrialUnit.objects.exclude(national_id="").values_list("national_id", flat=True))
        start_pk = (IndustrialUnit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.log(f"units: {count}")
        created = []
        unit_rows, product_rows, change_rows = Inserter(IndustrialUnit), Inserter(Product), Inserter(UnitStatusChange)
        for first in range(0, count, BATCH):
            units = []
            for index in range(first, min(first + BATCH, count)):
                county = rng.choices(self.counties, weights=self.weights)[0]
                industry = rng.choice(fakedata.INDUSTRIES)
                status = pick(rng, STATUS_MIX)
                employees = fakedata.employees(rng) if status != "closed" else 0
                zone_ids = zones.get(county.pk, [])
                zone = rng.choice(zone_ids) if zone_ids and rng.random() < 0.65 else None
                name = f"{fakedata.unit_name(rng, industry)} {county.name}"
                chosen = rng.sample(industry[2], rng.randint(1, 2))
                unit = dict(
                    id=start_pk + index,
                    name=name,
                    national_id=fakedata.national_id(rng, used_ids) if rng.random() < 0.9 else "",
                    licence_number=f"{county.code}-{start_pk + index}",
                    isic_code=industry[1],
                    isic_class_id=industry[1],
                    activity=f"تولید {chosen[0][0]}",
                    county_id=county.pk,
                    zone_id=zone,
                    manager_name=fakedata.person(rng),
                    mobile=fakedata.mobile(rng),
                    employees=employees,
                    size_class=size_class_for(employees),
                    utilisation=rng.randint(45, 95)
                    if status == "active"
                    else (rng.randint(5, 45) if status == "semi_active" else 0),
                    knowledge_based=rng.random() < 0.05,
                    exporter=rng.random() < 0.1,
                    status=status,
                    status_date=self.days_ago(rng.randint(30, 600)),
                    last_verified=self.days_ago(rng.randint(5, 900)) if rng.random() < 0.8 else None,
                    latitude=Decimal(f"{rng.uniform(25.5, 38.5):.6f}"),
                    longitude=Decimal(f"{rng.uniform(45.0, 61.0):.6f}"),
                )
                parts = (name, unit["national_id"], unit["licence_number"], unit["manager_name"], unit["activity"])
                unit["search_text"] = " ".join(search_key(p) for p in (*parts, *(c[0] for c in chosen)) if p)
                units.append(unit)
                unit_rows.add(**unit)
                for product_name, capacity_unit in chosen:
                    product_rows.add(
                        unit_id=unit["id"],
                        name=product_name,
                        code=industry[1],
                        isic_class_id=industry[1],
                        capacity_unit=capacity_unit if capacity_unit != "pack" else "piece",
                        annual_capacity=Decimal(rng.randint(2, 400) * 50),
                        search_text=f"{search_key(product_name)} {industry[1]}",
                    )
            with transaction.atomic():
                unit_rows.flush()
                product_rows.flush()
                for row in self.histories(units):
                    change_rows.add(**row)
                change_rows.flush()
            created.extend((u["id"], u["county_id"], u["status"]) for u in units)
        self.reset_sequence(IndustrialUnit)
        return created

    def histories(self, units):
        """Registration, and the changes that lead to today's status (some units stopped and came back)."""
        rng, rows = self.rng, []
        for unit in units:
            status = unit["status"]
            registered = self.days_ago(rng.randint(600, 2400))
            first = "under_construction" if status == "under_construction" else "active"
            chain = [(None, first, registered, "ثبت واحد در بانک اطلاعات", "registration")]
            if status not in (first, "active"):
                chain.append((first, status, unit["status_date"], "کمبود نقدینگی", "manual"))
            elif status == "active" and rng.random() < 0.15:
                stopped = self.days_ago(rng.randint(200, 700))
                back = stopped + datetime.timedelta(days=rng.randint(30, 190))
                stop_to = rng.choice(("semi_active", "inactive"))
                chain.append(("active", stop_to, stopped, "قطعی برق و گاز", "manual"))
                chain.append((stop_to, "active", min(back, self.today), "رفع مانع و بازگشت به تولید", "manual"))
            for source_status, to_status, date, reason, source in chain:
                rows.append(
                    {
                        "unit_id": unit["id"],
                        "from_status": source_status or "",
                        "to_status": to_status,
                        "date": date,
                        "reason": reason,
                        "source": source,
                    }
                )
        return rows

    # Obstacles ---------------------------------------------------------------------------------------------

    def make_obstacles(self, units):
        from tashil.obstacles.models import Obstacle, ObstacleEvent, ObstacleGroup, Referral

        rng, count = self.rng, self.sizes["obstacles"]
        groups = list(ObstacleGroup.objects.values_list("pk", "name", "default_agency_type"))
        stopped = [u for u in units if u[2] in ("semi_active", "inactive")] or units
        start_pk = (Obstacle.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.log(f"obstacles: {count} (with referrals and timeline events)")
        from tashil.impact.models import ImpactRecord
        from tashil.obstacles.models import ProducerReview

        obstacles, referrals, events = Inserter(Obstacle), Inserter(Referral), Inserter(ObstacleEvent)
        # What the scorecard also counts (issue 25): the producer's word on an agency's «done» and the impact
        # the secretariat records on a resolved obstacle.
        reviews, impacts = Inserter(ProducerReview), Inserter(ImpactRecord)
        referral_pk = (Referral.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        for first in range(0, count, BATCH):
            for index in range(first, min(first + BATCH, count)):
                unit_id, county_id, _status = rng.choice(stopped) if rng.random() < 0.6 else rng.choice(units)
                group_id, group_name, agency_type = rng.choice(groups)
                status = pick(rng, OBSTACLE_STATUS_MIX)
                reported = self.days_ago(rng.randint(0, DAYS_BACK))
                closed = None
                if status in ("resolved", "unresolvable", "withdrawn"):
                    closed = min(reported + datetime.timedelta(days=int(rng.expovariate(1 / 60))), self.today)
                pk = start_pk + index
                escalation = "county"
                if status in ("referred", "in_progress") and rng.random() < 0.08:
                    escalation = "province" if rng.random() < 0.8 else "nation"
                title = f"{group_name} — {rng.choice(('درخواست واحد', 'گزارش بازدید', 'طرح در کارگروه'))}"
                obstacles.add(
                    **dict(
                        id=pk,
                        unit_id=unit_id,
                        county_id=county_id,
                        group_id=group_id,
                        title=title,
                        source=rng.choice(("unit_request", "field_visit", "meeting", "service_desk")),
                        severity=rng.randint(1, 4),
                        jobs_at_risk=rng.randint(0, 80) if rng.random() < 0.7 else None,
                        amount=Decimal(rng.randint(1, 500) * 10**8) if rng.random() < 0.5 else None,
                        reported_date=reported,
                        status=status,
                        escalation_level=escalation,
                        outcome={"resolved": "resolved", "unresolvable": "unresolvable", "withdrawn": "withdrawn"}.get(
                            status, ""
                        ),
                        closed_date=closed,
                        search_text=search_key(title),
                    )
                )
                events.add(obstacle_id=pk, kind="created", text=f"مانع «{title}» ثبت شد.")
                if status == "registered":
                    continue
                county_agencies = self.agencies.get(county_id, {})
                agency = county_agencies.get(agency_type) or next(iter(county_agencies.values()), None)
                if agency is None:
                    continue
                referred = reported + datetime.timedelta(days=rng.randint(0, 6))
                due = referred + datetime.timedelta(days=14)
                answered = referred + datetime.timedelta(days=int(rng.expovariate(1 / 9)))
                if status == "referred" or answered > self.today:
                    answered = None
                referral_status = "done" if closed else ("in_progress" if answered else "pending")
                # One in eight agencies asked the producer for documents: the days waited are not theirs.
                waited = rng.random() < 0.12 and answered is not None
                referrals.add(
                    **dict(
                        id=referral_pk,
                        obstacle_id=pk,
                        agency_id=agency,
                        referred_date=min(referred, self.today),
                        due_date=due,
                        status=referral_status,
                        first_response_date=answered,
                        # The scorecard's first-response figures: a target three working days (about four
                        # days) on, and the working days (about five in seven) the first answer took.
                        first_response_due=referred + datetime.timedelta(days=4),
                        first_response_days=(answered - referred).days * 5 // 7 if answered else None,
                        responded_at=settled_at(answered) if answered and closed else None,
                        response="اقدام لازم انجام شد." if answered else "",
                        wait_request="تصویر پروانه بهره‌برداری و آخرین لیست بیمه" if waited else "",
                        days_waited=rng.randint(2, 15) if waited else 0,
                    )
                )
                if status == "resolved" and rng.random() < 0.6:
                    state = pick(rng, (("confirmed", 0.55), ("silent", 0.35), ("reopened", 0.10)))
                    rated = state != "silent"
                    reviews.add(
                        referral_id=referral_pk,
                        state=state,
                        requested_date=closed,
                        due_date=closed + datetime.timedelta(days=10),
                        outcome_rating=rng.randint(1, 5) if rated else None,
                        conduct_rating=rng.randint(1, 5) if rated else None,
                        answered_date=closed + datetime.timedelta(days=rng.randint(0, 9)) if rated else None,
                    )
                if status == "resolved" and rng.random() < 0.3:
                    jobs = rng.randint(0, 40)
                    impacts.add(
                        obstacle_id=pk,
                        unit_id=unit_id,
                        county_id=county_id,
                        agency_id=agency,
                        group_id=group_id,
                        date=closed,
                        jobs_preserved=jobs,
                        jobs_restored=rng.randint(0, 10),
                        loans_rials=rng.randint(0, 300) * 10**8,
                        debts_rials=rng.randint(0, 50) * 10**8 if rng.random() < 0.3 else 0,
                        fines_rials=0,
                        capacity_restored=rng.randint(0, 60),
                        evidence="نامه بانک عامل",
                    )
                referral_pk += 1
                events.add(obstacle_id=pk, kind="referral", text="به دستگاه ارجاع شد.")
                if answered:
                    events.add(obstacle_id=pk, kind="response", text="پاسخ دستگاه ثبت شد.")
                if closed:
                    events.add(obstacle_id=pk, kind="status", text="مانع بسته شد.")
            with transaction.atomic():
                obstacles.flush()
                referrals.flush()
                events.flush()
                reviews.flush()
                impacts.flush()
            if (first // BATCH) % 20 == 0:
                self.log(f"  obstacles {min(first + BATCH, count):,}")
        self.reset_sequence(Obstacle)
        self.reset_sequence(Referral)

    # Meetings and resolutions ------------------------------------------------------------------------------

    def make_meetings(self):
        """Weekly working-group sessions, spread over the counties, numbered in each county's series."""
        from tashil.meetings.models import Attendance, Meeting, MeetingSeries

        rng, count = self.rng, self.sizes["meetings"]
        self.log(f"meetings: {count}")
        series = {s.county_id: s for s in MeetingSeries.objects.filter(kind="working_group")}
        missing = [
            MeetingSeries(county=c, kind="working_group", title=f"کارگروه تسهیل شهرستان {c.name}", weekday=2)
            for c in self.counties
            if c.pk not in series
        ]
        MeetingSeries.objects.bulk_create(missing, batch_size=BATCH)
        series = {s.county_id: s.pk for s in MeetingSeries.objects.filter(kind="working_group")}
        numbers = dict(Meeting.objects.filter(kind="working_group").values_list("series_id").annotate(n=Max("number")))
        per_county = max(count // len(self.counties), 1)
        meetings = []
        for county in self.counties:
            if len(meetings) >= count:
                break
            series_id = series[county.pk]
            base = numbers.get(series_id) or 0
            last_wednesday = self.today - datetime.timedelta(days=(self.today.weekday() - 2) % 7)
            for week in range(min(per_county, count - len(meetings))):
                date = last_wednesday - datetime.timedelta(weeks=per_county - week)
                meetings.append(
                    Meeting(
                        series_id=series_id,
                        county_id=county.pk,
                        kind="working_group",
                        number=base + week + 1,
                        date=date,
                        start_time=datetime.time(9, 0),
                        place=f"فرمانداری {county.name}",
                        status="approved" if date < self.today - datetime.timedelta(days=7) else "held",
                    )
                )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        made = list(Meeting.objects.filter(kind="working_group").values_list("pk", "county_id", "date"))
        # Who came (the scorecard's attendance): four of the county's agencies invited to each session.
        attendance = Inserter(Attendance)
        for meeting_id, county_id, _date in made:
            agencies = list(self.agencies.get(county_id, {}).values())
            for agency_id in rng.sample(agencies, min(4, len(agencies))):
                attendance.add(
                    meeting_id=meeting_id,
                    agency_id=agency_id,
                    status=pick(rng, (("present", 0.70), ("represented", 0.18), ("absent", 0.12))),
                )
        attendance.flush()
        rng.shuffle(made)
        return made

    def make_resolutions(self, meetings, units):
        from tashil.meetings.models import Resolution

        rng, count = self.rng, self.sizes["resolutions"]
        self.log(f"resolutions: {count}")
        by_county = {}
        for unit_id, county_id, _status in units:
            by_county.setdefault(county_id, []).append(unit_id)
        numbers = dict(Resolution.objects.values_list("meeting_id").annotate(n=Max("number")))
        rows = Inserter(Resolution)
        texts = (
            "بانک عامل درخواست تسهیلات سرمایه در گردش واحد را در کمیته اعتباری مطرح کند.",
            "اداره امور مالیاتی برگ تشخیص واحد را بازبینی کند.",
            "شعبه تأمین اجتماعی بدهی واحد را تقسیط کند.",
            "اداره برق قدرت انشعاب واحد را افزایش دهد.",
            "واحد مدارک تمدید پروانه را ظرف دو هفته ارائه کند.",
        )
        for index in range(count):
            meeting_id, county_id, date = meetings[index % len(meetings)]
            number = numbers.get(meeting_id, 0) + 1
            numbers[meeting_id] = number
            status = pick(rng, RESOLUTION_STATUS_MIX)
            deadline = date + datetime.timedelta(days=rng.randint(7, 45))
            agencies = self.agencies.get(county_id, {})
            producer = rng.random() < 0.1
            closed = None
            if status in ("executed", "not_executed", "cancelled"):
                closed = min(deadline + datetime.timedelta(days=rng.randint(-10, 20)), self.today)
                if closed < date:
                    closed = date
            text = rng.choice(texts)
            units_here = by_county.get(county_id)
            rows.add(
                **dict(
                    meeting_id=meeting_id,
                    county_id=county_id,
                    number=number,
                    text=text,
                    unit_id=rng.choice(units_here) if units_here else None,
                    agency_id=None if producer else (rng.choice(list(agencies.values())) if agencies else None),
                    producer_must_act=producer,
                    deadline=deadline,
                    status=status,
                    failure_party=rng.choice(("agency", "agency", "producer", "external"))
                    if status == "not_executed"
                    else "",
                    closed_date=closed,
                    search_text=search_key(text),
                )
            )
        rows.flush()

    # Helpers -----------------------------------------------------------------------------------------------

    def days_ago(self, days):
        return self.today - datetime.timedelta(days=days)

    def reset_sequence(self, model):
        """After inserting explicit keys, PostgreSQL's sequence must move past them."""
        if connection.vendor != "postgresql":
            return
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(sql)

    def analyse(self):
        """Fresh planner statistics and, on PostgreSQL, a visibility map, as a production database has once
        autovacuum has passed over the inserted rows (without it every index-only scan reads the heap)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and connection.get_autocommit():
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
