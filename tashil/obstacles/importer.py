"""Import obstacles of the past, with their referrals, from a spreadsheet (XLSX or CSV): the import engine of
``core.importing`` (streamed, every bad row named, all-or-nothing unless ``partial``), written in batches by
``services.record_past`` (the bulk form of the obstacles' events, quiet: nothing is notified).

One row is one obstacle and, when the «دستگاه ارجاع» cell is filled, one of its referrals. An obstacle's natural
key is (unit, group, reported date, title — in any spelling): a row whose key is already registered adds nothing
(a re-import changes nothing), or only its referral when that agency has none of the obstacle yet; a second row of
the file with the same key and another agency is a second referral of the same obstacle. Format: docs/import-past.md.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tashil.core import scope
from tashil.core.importing import RowImporter, choice_keys, date, text
from tashil.core.jalali import format_jalali, today
from tashil.core.persian import search_key, to_persian_digits
from tashil.core.validators import normalize_identifier, normalize_national_id
from tashil.geo.cache import one_bump_per_county
from tashil.geo.calendar import PlaceCalendars
from tashil.geo.models import County
from tashil.orgs.models import Agency
from tashil.units.models import IndustrialUnit

from . import services
from .choices import (
    CLOSED_STATUSES,
    OUTCOME_STATUS,
    FailureParty,
    ObstacleStatus,
    Outcome,
    ReferralStatus,
    Severity,
    Source,
)
from .models import Obstacle, ObstacleGroup, Referral

COLUMNS = {
    "national_id": ("شناسه ملی واحد", ("شناسه ملی", "national id", "unit national id")),
    "licence_number": (
        "شماره پروانه بهره‌برداری",
        ("شماره پروانه", "licence number", "license number", "پروانه بهره‌برداری"),
    ),
    "county": ("شهرستان", ("county",)),
    "group": ("گروه مانع", ("گروه", "group", "کد گروه", "group code", "نوع مانع")),
    "title": ("عنوان مانع", ("عنوان", "title", "مانع", "موضوع")),
    "description": ("شرح", ("description", "شرح مانع", "توضیح")),
    "reported_date": ("تاریخ طرح", ("reported date", "تاریخ ثبت", "تاریخ طرح مانع")),
    "severity": ("شدت", ("severity", "شدت مانع")),
    "jobs_at_risk": ("اشتغال در خطر", ("jobs at risk", "اشتغال در خطر (نفر)")),
    "amount": ("مبلغ درگیر (ریال)", ("amount", "مبلغ", "مبلغ درگیر")),
    "status": ("وضعیت مانع", ("وضعیت", "status")),
    "closed_date": ("تاریخ بستن", ("closed date", "تاریخ رفع", "تاریخ بسته شدن")),
    "failure_party": ("مسئول ناکامی", ("failure party",)),
    "outcome_note": ("شرح نتیجه", ("outcome note", "نتیجه")),
    "agency": ("دستگاه ارجاع", ("دستگاه", "agency", "دستگاه اجرایی", "ارجاع به", "دستگاه مسئول")),
    "referred_date": ("تاریخ ارجاع", ("referred date",)),
    "due_date": ("مهلت پاسخ", ("due date", "مهلت")),
    "referral_status": ("وضعیت ارجاع", ("referral status", "وضعیت پاسخ")),
    "response": ("پاسخ دستگاه", ("response", "پاسخ", "پاسخ دستگاه اجرایی")),
    "response_date": ("تاریخ پاسخ", ("response date",)),
}

STATUS_KEYS = choice_keys(
    ObstacleStatus,
    (("ثبت شده", "registered"), ("ارجاع شده", "referred"), ("در حال پیگیری", "in_progress"), ("رفع شده", "resolved")),
)
STATUS_KEYS.update({search_key("حل‌شده"): ObstacleStatus.RESOLVED, search_key("رفع نشدنی"): "unresolvable"})
REFERRAL_KEYS = choice_keys(
    ReferralStatus, (("انجام شده", "done"), ("رد شده", "rejected"), ("پذیرفته شده", "accepted"), ("بی پاسخ", "pending"))
)
PARTY_KEYS = choice_keys(FailureParty, (("دستگاه", "agency"), ("واحد", "producer"), ("بیرونی", "external")))
SEVERITY_KEYS = {search_key(str(value)): value for value in Severity.values} | {
    search_key(str(label)): value for value, label in Severity.choices
}
# The statuses a referral may be imported in (escalation and a wait on the producer are the pages' work).
IMPORTED_REFERRAL_STATUSES = (
    ReferralStatus.PENDING,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
    ReferralStatus.DONE,
    ReferralStatus.REJECTED,
)
ANSWERED = (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.DONE, ReferralStatus.REJECTED)
OUTCOME_OF = {status: outcome for outcome, status in OUTCOME_STATUS.items() if outcome != Outcome.SYSTEMIC}
# What a date may not come before, as a message names it.
EARLIER = {"reported_date": _lazy("تاریخ طرح مانع"), "referred_date": _lazy("تاریخ ارجاع")}


class PastObstacleImporter(RowImporter):
    columns = COLUMNS
    required_columns = ("group", "title", "reported_date")
    required_any = (("national_id", "licence_number"),)

    def __init__(self, **options):
        super().__init__(**options)
        self.today = today()
        counties = County.objects.all()
        if self.user is not None:
            counties = scope.counties_in_scope(self.user, Obstacle, "refer")
        if self.default_county is not None:
            counties = counties.filter(pk=self.default_county.pk)
        self.allowed = set(counties.values_list("pk", flat=True))
        self.groups = {}
        for group in ObstacleGroup.objects.all():
            self.groups[search_key(group.code)] = group
            self.groups.setdefault(search_key(group.name), group)
        self.agencies = {}
        for agency in Agency.objects.filter(is_active=True):
            self.agencies.setdefault(search_key(agency.name), []).append(agency)
        self.county_names = {}
        self.calendars = PlaceCalendars()
        self.seen = {}  # natural key -> {"row": first row, "agencies": {agency pk: row}, "record": PastObstacle}

    def writing(self):
        return one_bump_per_county()

    # -- a batch

    def check_batch(self, rows):
        units = self.units_of(rows)
        existing = self.existing_obstacles(rows, units)
        records = {}  # this batch's: an obstacle of an earlier batch gains only this batch's referrals
        for number, values in rows:
            errors = len(self.result.errors)
            outcome = self.check_row(number, values, units, existing)
            if outcome is None or len(self.result.errors) > errors:
                continue
            action, obstacle, referral = outcome
            if action == "unchanged":
                self.result.unchanged += 1
                continue
            record = records.setdefault(id(obstacle), services.PastObstacle(obstacle))
            if referral is not None:
                record.referrals.append(referral)
            if action == "create":
                self.result.created += 1
            else:
                self.result.updated += 1
        self.last_records = list(records.values())
        return self.last_records

    def process(self, batch):
        super().process(batch)
        self.release(self.last_records)

    def write(self, records):
        services.record_past(records, user=self.user)

    def release(self, records):
        """Hold no obstacle past its batch (a 100,000-row file would keep them all): its pk, or nothing in a dry run
        (a later row of it is checked against the row's own values; nothing is written)."""
        for record in records:
            obstacle = record.obstacle
            seen = self.seen.get(
                (obstacle.unit_id, obstacle.group_id, obstacle.reported_date, search_key(obstacle.title))
            )
            if seen is not None:
                seen["obstacle"] = obstacle.pk

    def held(self, seen, obstacle):
        """The obstacle a key stands for, in a later row of the file."""
        held = seen["obstacle"]
        if held is None:
            return obstacle
        if isinstance(held, int):
            # Fetched once, and held for the rest of the batch: the rows adding referrals to it share it.
            seen["obstacle"] = held = Obstacle.objects.select_related("unit").get(pk=held)
        return held

    def units_of(self, rows):
        national_ids, licences = set(), set()
        for _number, values in rows:
            if national_id := normalize_national_id(text(values.get("national_id"))):
                national_ids.add(national_id)
            if licence := normalize_identifier(text(values.get("licence_number"))):
                licences.add(licence)
        found = IndustrialUnit.objects.filter(Q(national_id__in=national_ids) | Q(licence_number__in=licences))
        by_id, by_licence = {}, {}
        for unit in found.only("pk", "name", "county_id", "follower_id", "national_id", "licence_number"):
            if unit.national_id:
                by_id[unit.national_id] = unit
            if unit.licence_number:
                by_licence[unit.licence_number] = unit
        return by_id, by_licence

    def existing_obstacles(self, rows, units):
        """The registered obstacles of the batch's units on the batch's dates, by natural key."""
        unit_ids = {unit.pk for found in units for unit in found.values()}
        found = Obstacle.objects.filter(unit_id__in=unit_ids).values_list(
            "pk", "unit_id", "group_id", "reported_date", "title"
        )
        by_key = {(unit, group, day, search_key(title)): pk for pk, unit, group, day, title in found}
        agencies = {}
        for obstacle_id, agency_id in Referral.objects.filter(obstacle_id__in=by_key.values()).values_list(
            "obstacle_id", "agency_id"
        ):
            agencies.setdefault(obstacle_id, set()).add(agency_id)
        return by_key, agencies

    # -- a row

    def check_row(self, number, values, units, existing):
        """The row's outcome: ("create" | "update" | "unchanged", the obstacle, its referral or None), or None
        when the row is refused (every error of the row reported, not only the first)."""
        unit = self.unit_of(number, values, units)
        group = self.group_of(number, values)
        title = text(values.get("title"))
        if not title:
            self.error(number, "title", _("عنوان مانع را بنویسید."))
        elif len(title) > Obstacle._meta.get_field("title").max_length:
            self.error(number, "title", _("عنوان مانع بیش از ۲۵۰ نویسه است."))
        reported = self.past_date(number, values, "reported_date", required=True)
        obstacle = self.obstacle_of(number, values, unit, group, title, reported)
        referral = self.referral_of(number, values, group, reported, obstacle, unit)
        if unit is None or group is None or not title or reported is None or obstacle is None:
            return None
        key = (unit.pk, group.pk, reported, search_key(title))
        agency = referral[0].agency if referral else None
        seen = self.seen.get(key)
        if seen is not None:
            first = seen["agencies"].get(agency.pk) if agency else seen["row"]
            if first is not None:
                self.error(
                    number,
                    "title",
                    _("همین مانع (واحد، گروه، تاریخ طرح و عنوان) با همین دستگاه در ردیف %(row)s همین فایل هم آمده است.")
                    % {"row": to_persian_digits(first)},
                )
                return None
            seen["agencies"][agency.pk] = number
        else:
            by_key, referred = existing
            registered = by_key.get(key)
            self.seen[key] = seen = {
                "row": number,
                "agencies": {agency.pk: number} if agency else {},
                "obstacle": registered or obstacle,
                "referred": referred.get(registered, set()) if registered else set(),
            }
            if registered is None:
                self.preview(number, "create", obstacle, unit, agency)
                return "create", obstacle, referral
        if agency is None or agency.pk in seen["referred"]:
            self.preview(number, "unchanged", obstacle, unit, agency)
            return "unchanged", obstacle, None
        obstacle = self.held(seen, obstacle)  # the registered obstacle itself, to gain the referral
        self.preview(number, "update", obstacle, unit, agency)
        return "update", obstacle, referral

    def unit_of(self, number, values, units):
        by_id, by_licence = units
        national_id = normalize_national_id(text(values.get("national_id")))
        licence = normalize_identifier(text(values.get("licence_number")))
        if not national_id and not licence:
            self.error(number, "national_id", _("شناسه ملی یا شماره پروانه واحد را بنویسید."))
            return None
        column, value = ("national_id", national_id) if national_id else ("licence_number", licence)
        unit = by_id.get(national_id) if national_id else by_licence.get(licence)
        if unit is None:
            self.error(
                number,
                column,
                _("واحدی با «%(value)s» در بانک اطلاعات ثبت نشده است؛ نخست واحد را ثبت یا از فایل وارد کنید.")
                % {"value": to_persian_digits(value)},
            )
            return None
        if unit.county_id not in self.allowed:
            # Nothing of the unit (its name, its county) is told: only that it is not the importer's to write.
            self.error(
                number,
                column,
                _(
                    "واحد «%(value)s» در شهرستانی بیرون از حوزه دسترسی شما (یا شهرستان برگزیده) است؛ این ردیف ثبت نمی‌شود."
                )
                % {"value": to_persian_digits(value)},
            )
            return None
        county_text = text(values.get("county"))
        if county_text and search_key(county_text) != search_key(self.county_name(unit.county_id)):
            self.error(
                number,
                "county",
                _("واحد «%(value)s» در شهرستان «%(county)s» نیست.")
                % {"value": to_persian_digits(value), "county": county_text},
            )
            return None
        return unit

    def county_name(self, county_id):
        if county_id not in self.county_names:
            self.county_names[county_id] = County.objects.only("name").get(pk=county_id).name
        return self.county_names[county_id]

    def group_of(self, number, values):
        cell = text(values.get("group"))
        if not cell:
            self.error(number, "group", _("گروه مانع (نام یا کد آن) را بنویسید."))
            return None
        group = self.groups.get(search_key(cell))
        if group is None:
            self.error(
                number,
                "group",
                _(
                    "گروه «%(group)s» در طبقه‌بندی موانع نیست؛ نام یا کد گروه را همان‌گونه که فهرست گروه‌ها نشان می‌دهد بنویسید."
                )
                % {"group": cell},
            )
        return group

    def past_date(self, number, values, name, required=False, earliest=None, after="reported_date"):
        """The date of column ``name``, not ahead of today nor before ``earliest`` (the date of column ``after``)."""
        day = self.read_date(number, values, name, required=required)
        if day is None:
            return None
        if day > self.today:
            self.error(number, name, _("این تاریخ (%(day)s) هنوز نرسیده است.") % {"day": format_jalali(day)})
            return None
        if earliest is not None and day < earliest:
            self.error(
                number,
                name,
                _("این تاریخ (%(day)s) پیش از %(earlier)s (%(earliest)s) است.")
                % {
                    "day": format_jalali(day),
                    "earlier": EARLIER[after],
                    "earliest": format_jalali(earliest),
                },
            )
            return None
        return day

    def obstacle_of(self, number, values, unit, group, title, reported):
        """The obstacle the row describes (unsaved), its status and closing as the file gives them."""
        severity = Severity.MODERATE
        if cell := text(values.get("severity")):
            severity = SEVERITY_KEYS.get(search_key(cell))
            if severity is None:
                self.error(
                    number, "severity", _("شدت «%(value)s» شناخته نیست؛ عددی از ۰ تا ۴ بنویسید.") % {"value": cell}
                )
        jobs = self.read_number(number, values, "jobs_at_risk", low=0, high=10_000_000)
        amount = self.read_number(number, values, "amount", low=0, high=10**21)
        has_agency = bool(text(values.get("agency")))
        default = ObstacleStatus.REFERRED if has_agency else ObstacleStatus.REGISTERED
        status = self.read_choice(number, values, "status", STATUS_KEYS, ObstacleStatus, default)
        if status is None or severity is None:
            return None
        if status in (ObstacleStatus.REFERRED, ObstacleStatus.IN_PROGRESS) and not has_agency:
            self.error(
                number,
                "agency",
                _("مانع «%(status)s» دستگاه ارجاع می‌خواهد.") % {"status": ObstacleStatus(status).label},
            )
            return None
        if status == ObstacleStatus.REGISTERED and has_agency:
            status = ObstacleStatus.REFERRED  # as ``refer`` moves it
        obstacle = Obstacle(
            **({"unit": unit} if unit else {}),
            **({"group": group} if group else {}),
            title=title,
            description=text(values.get("description")),
            source=Source.IMPORT,
            severity=severity,
            jobs_at_risk=jobs,
            amount=amount,
            reported_date=reported or self.today,
            status=status,
        )
        if status in CLOSED_STATUSES:
            if not self.close(number, values, obstacle, reported):
                return None
        elif self.closing_cells(number, values, status):
            return None
        return obstacle

    def closing_cells(self, number, values, status):
        """Report the closing cells an open obstacle fills (its state more likely wrong than its closing made up);
        whether there were any."""
        filled = [name for name in ("closed_date", "failure_party") if text(values.get(name))]
        for name in filled:
            self.error(
                number,
                name,
                _("مانع «%(status)s» بسته نشده است و «%(column)s» ندارد؛ اگر بسته شده، وضعیت بسته‌شدن آن را بنویسید.")
                % {"status": ObstacleStatus(status).label, "column": COLUMNS[name][0]},
            )
        return bool(filled)

    def close(self, number, values, obstacle, reported):
        """The outcome of a closed obstacle, with the rules of ``services.close``."""
        obstacle.outcome = OUTCOME_OF[obstacle.status]
        party = self.read_choice(number, values, "failure_party", PARTY_KEYS, FailureParty, "")
        if party is None:
            return False
        if obstacle.outcome == Outcome.UNRESOLVABLE and not party:
            self.error(number, "failure_party", _("برای مانع رفع‌نشدنی بنویسید چه کسی ناکام ماند."))
            return False
        if obstacle.outcome == Outcome.RESOLVED and party:
            self.error(number, "failure_party", _("مانعی که رفع شده مسئول ناکامی ندارد."))
            return False
        obstacle.failure_party = party
        obstacle.outcome_note = text(values.get("outcome_note"))
        closed = self.past_date(number, values, "closed_date", earliest=reported)
        if closed is None and text(values.get("closed_date")):
            return False
        if closed is None and reported is not None:
            # Unsaid: the last day the row gives (the answer, the referral, the report).
            later = [self.date_or_none(values, "response_date"), self.date_or_none(values, "referred_date")]
            closed = max([reported, *(day for day in later if day is not None)])
        obstacle.closed_date = closed
        return True

    def date_or_none(self, values, name):
        """A date cell already checked elsewhere, read quietly (None when it cannot be)."""
        try:
            day = date(values.get(name)) if text(values.get(name)) else None
        except ValidationError:
            return None
        return day if day and day <= self.today else None

    def referral_of(self, number, values, group, reported, obstacle, unit):
        """The row's referral (unsaved) and the day of its answer, or None when the row names no agency."""
        name = text(values.get("agency"))
        if not name:
            for column in ("referred_date", "due_date", "referral_status", "response", "response_date"):
                if text(values.get(column)):
                    self.error(
                        number,
                        "agency",
                        _("ستون «%(column)s» پر است ولی دستگاه ارجاع نوشته نشده است.") % {"column": COLUMNS[column][0]},
                    )
                    break
            return None
        agency = self.agency_of(number, name, unit)
        status = self.read_choice(
            number, values, "referral_status", REFERRAL_KEYS, ReferralStatus, allowed=IMPORTED_REFERRAL_STATUSES
        )
        if status is None and not text(values.get("referral_status")):
            resolved = obstacle is not None and obstacle.status == ObstacleStatus.RESOLVED
            status = ReferralStatus.DONE if resolved else ReferralStatus.PENDING
        response = text(values.get("response"))
        if status == ReferralStatus.DONE and not response:
            self.error(number, "response", _("بنویسید دستگاه چه اقدامی انجام داد."))
            status = None
        if status == ReferralStatus.REJECTED and not response:
            self.error(number, "response", _("دلیل رد ارجاع را بنویسید."))
            status = None
        referred = self.past_date(number, values, "referred_date", earliest=reported) if reported else None
        if text(values.get("referred_date")) and referred is None:
            return None
        referred = referred or reported
        due = self.read_date(number, values, "due_date")
        if due is not None and referred is not None and due < referred:
            self.error(number, "due_date", _("مهلت پاسخ پیش از تاریخ ارجاع است."))
            return None
        answered = None
        if status in ANSWERED:
            answered = (
                self.past_date(number, values, "response_date", earliest=referred, after="referred_date")
                if referred
                else None
            )
            if text(values.get("response_date")) and answered is None:
                return None
            answered = answered or referred
        elif text(values.get("response_date")):
            self.error(number, "response_date", _("ارجاعی که پاسخ نگرفته تاریخ پاسخ ندارد."))
            return None
        if agency is None or status is None or referred is None or group is None:
            return None
        calendar = self.calendars.of(agency.province_id, agency.county_id)
        referral = Referral(
            agency=agency,
            referred_date=referred,
            due_date=due or calendar.add_working_days(referred, group.effective_due_days),
            first_response_due=calendar.add_working_days(referred, settings.TASHIL_FIRST_RESPONSE_DAYS),
            status=status,
            response=response,
        )
        if answered is not None:
            referral.responded_at = datetime.datetime.combine(answered, datetime.time(12))
            referral.first_response_date = answered
            referral.first_response_days = max(calendar.working_days_between(referred, answered), 0)
        return referral, answered

    def agency_of(self, number, name, unit):
        """The agency named, among those serving the unit's county (the county's, its province's, national ones)."""
        found = self.agencies.get(search_key(name), [])
        if unit is not None:
            county = unit.county_id
            province = self.province_of(county)
            found = [
                a
                for a in found
                if a.level == "nation" or (a.level == "province" and a.province_id == province) or a.county_id == county
            ]
        if not found:
            self.error(
                number,
                "agency",
                _(
                    "دستگاه «%(name)s» پیدا نشد یا در شهرستان این واحد کار نمی‌کند؛ نام را همان‌گونه که فهرست دستگاه‌ها نشان می‌دهد بنویسید."
                )
                % {"name": name},
            )
            return None
        if len(found) > 1:
            self.error(
                number,
                "agency",
                _("%(count)s دستگاه نام «%(name)s» را دارند؛ نام را دقیق‌تر بنویسید.")
                % {"count": to_persian_digits(len(found)), "name": name},
            )
            return None
        return found[0]

    def province_of(self, county_id):
        if not hasattr(self, "_provinces"):
            self._provinces = dict(County.objects.values_list("pk", "province_id"))
        return self._provinces.get(county_id)

    def preview(self, number, action, obstacle, unit, agency):
        if not self.previewing:
            return
        self.add_preview(
            {
                "row": number,
                "action": action,
                "name": obstacle.title,
                "identity": unit.national_id or unit.licence_number,
                "county": self.county_name(unit.county_id),
                "status": str(ObstacleStatus(obstacle.status).label) + (f" ← {agency}" if agency else ""),
                "changes": [],
            }
        )


# The downloadable template's example row: every column filled as the import reads it.
def template_rows(user):
    """The headers and one example row that imports as it is: a unit, group and agency of the user's first county."""
    counties = scope.counties_in_scope(user, Obstacle, "refer") if user is not None else County.objects.all()
    unit = IndustrialUnit.objects.filter(county__in=counties).exclude(national_id="").order_by("pk").first()
    group = ObstacleGroup.objects.filter(is_active=True).order_by("order", "pk").first()
    agency = Agency.objects.serving(unit.county).filter(is_active=True).order_by("pk").first() if unit else None
    example = {
        "national_id": unit.national_id if unit else "10320894878",
        "licence_number": "",
        "county": unit.county.name if unit else "",
        "group": group.name if group else "",
        "title": "تأخیر در تمدید تسهیلات سرمایه در گردش",
        "description": "درخواست تمدید از شش ماه پیش بی‌پاسخ مانده است.",
        "reported_date": "۱۴۰۲/۰۳/۱۵",
        "severity": "۳",
        "jobs_at_risk": "۲۰",
        "amount": "۵۰۰۰۰۰۰۰۰۰",
        "status": "رفع‌شده",
        "closed_date": "۱۴۰۲/۰۵/۰۱",
        "failure_party": "",
        "outcome_note": "",
        "agency": agency.name if agency else "",
        "referred_date": "۱۴۰۲/۰۳/۲۰",
        "due_date": "۱۴۰۲/۰۴/۱۰",
        "referral_status": "انجام‌شده",
        "response": "تسهیلات برای یک سال تمدید شد.",
        "response_date": "۱۴۰۲/۰۴/۲۵",
    }
    return [[label for label, _aliases in COLUMNS.values()], [example[name] for name in COLUMNS]]
