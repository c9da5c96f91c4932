"""Import meetings of the past with their resolutions from a spreadsheet (XLSX or CSV): the import engine of
``core.importing`` (streamed, every bad row named, all-or-nothing unless ``partial``), written in batches by
``services.record_past`` (quiet: no invitation, notice or minutes).

One row is one resolution with its meeting (series, number, date, place); a row without a resolution's text
records the meeting alone. A meeting's natural key is (series, number), a resolution's (meeting, resolution
number): what is registered is not written again, so a re-import changes nothing. Format: docs/import-past.md.
"""

import datetime

from django.utils.translation import gettext as _

from tashil.core import scope
from tashil.core.importing import RowImporter, choice_keys, text
from tashil.core.jalali import format_jalali, today
from tashil.core.persian import search_key, to_persian_digits
from tashil.core.validators import normalize_national_id
from tashil.geo.cache import one_bump_per_county
from tashil.geo.models import County
from tashil.obstacles.choices import FailureParty
from tashil.orgs.models import Agency
from tashil.units.models import IndustrialUnit

from . import services
from .choices import MeetingStatus, ResolutionStatus
from .models import Meeting, MeetingSeries, Resolution

COLUMNS = {
    "county": ("شهرستان", ("county",)),
    "series": ("سلسله جلسات", ("سلسله", "series", "عنوان سلسله", "کارگروه")),
    "number": ("شماره جلسه", ("meeting number", "جلسه")),
    "date": ("تاریخ جلسه", ("meeting date", "date", "تاریخ")),
    "place": ("محل", ("place", "محل جلسه", "محل برگزاری")),
    "chair_name": ("رئیس جلسه", ("chair", "رییس جلسه")),
    "resolution_number": ("شماره مصوبه", ("resolution number", "ردیف مصوبه")),
    "text": ("متن مصوبه", ("resolution", "مصوبه", "text")),
    "agency": ("دستگاه مسئول", ("agency", "دستگاه", "دستگاه اجرایی")),
    "national_id": ("شناسه ملی واحد", ("شناسه ملی", "national id")),
    "deadline": ("مهلت اجرا", ("deadline", "مهلت")),
    "status": ("وضعیت مصوبه", ("وضعیت", "status")),
    "executed_date": ("تاریخ اجرا", ("execution date", "تاریخ بستن", "تاریخ انجام")),
    "failure_party": ("مسئول اجرانشدن", ("failure party", "مسئول ناکامی")),
    "note": ("شرح نتیجه", ("note", "گزارش اجرا", "توضیح")),
}
RESOLUTION_COLUMNS = ("resolution_number", "text", "agency", "national_id", "deadline", "status", "executed_date")
STATUS_KEYS = choice_keys(
    ResolutionStatus,
    (("اجرا شده", "executed"), ("اجرا نشده", "not_executed"), ("در حال اجرا", "in_progress"), ("لغو شده", "cancelled")),
)
PARTY_KEYS = choice_keys(FailureParty, (("دستگاه", "agency"), ("واحد", "producer"), ("بیرونی", "external")))
# «Objected» is a step of the follow-up between meetings, not a state a resolution of the past is left in.
IMPORTED_STATUSES = (
    ResolutionStatus.PENDING,
    ResolutionStatus.IN_PROGRESS,
    ResolutionStatus.EXECUTED,
    ResolutionStatus.NOT_EXECUTED,
    ResolutionStatus.CANCELLED,
)
CLOSED = (ResolutionStatus.EXECUTED, ResolutionStatus.NOT_EXECUTED, ResolutionStatus.CANCELLED)


class PastMeetingImporter(RowImporter):
    columns = COLUMNS
    required_columns = ("series", "number", "date")

    def __init__(self, **options):
        super().__init__(**options)
        self.today = today()
        counties = County.objects.all()
        if self.user is not None:
            counties = scope.counties_in_scope(self.user, Meeting, "add")
        if self.default_county is not None:
            counties = counties.filter(pk=self.default_county.pk)
        self.counties = {c.pk: c for c in counties.select_related("province")}
        self.county_names = {}
        for county in self.counties.values():
            self.county_names.setdefault(search_key(county.name), []).append(county)
        self.series = {}
        for one in MeetingSeries.objects.filter(county__in=list(self.counties)).select_related("county"):
            self.series.setdefault(search_key(one.title), []).append(one)
        self.agencies = {}
        for agency in Agency.objects.filter(is_active=True):
            self.agencies.setdefault(search_key(agency.name), []).append(agency)
        self.meetings = {}  # (series pk, number) -> {"row", "date", "meeting": Meeting | pk | None, "registered"}
        self.resolutions = {}  # (series pk, number, resolution number) -> row

    def writing(self):
        return one_bump_per_county()

    def check_batch(self, rows):
        registered, numbers = self.registered(rows)
        new_meetings, new_resolutions = [], []
        for number, values in rows:
            errors = len(self.result.errors)
            outcome = self.check_row(number, values, registered, numbers)
            if outcome is None or len(self.result.errors) > errors:
                continue
            action, meeting, resolution = outcome
            if action == "unchanged":
                self.result.unchanged += 1
                continue
            if meeting is not None:
                new_meetings.append(meeting)
            if resolution is not None:
                new_resolutions.append(resolution)
            if action == "create":
                self.result.created += 1
            else:
                self.result.updated += 1
        self.batch = (new_meetings, new_resolutions)
        return self.batch if new_meetings or new_resolutions else None

    def write(self, batch):
        services.record_past(*batch, user=self.user)

    def process(self, batch):
        super().process(batch)
        # Hold no meeting past its batch: its pk once written, nothing in a dry run.
        for meeting in self.batch[0]:
            self.meetings[(meeting.series_id, meeting.number)]["meeting"] = meeting.pk

    def registered(self, rows):
        """The registered meetings of the batch's series and numbers, and their resolutions' numbers."""
        series_ids = {one.pk for found in self.series.values() for one in found}
        numbers = set()
        for _n, values in rows:
            cell = text(values.get("number"))
            if cell.isdigit():
                numbers.add(int(cell))
        found = Meeting.objects.filter(series_id__in=series_ids, number__in=numbers)
        meetings = {(m.series_id, m.number): m for m in found}
        taken = set(Resolution.objects.filter(meeting__in=list(meetings.values())).values_list("meeting_id", "number"))
        return meetings, taken

    # -- a row

    def check_row(self, number, values, registered, taken):
        series = self.series_of(number, values)
        session = self.read_number(number, values, "number", low=1, high=100_000)
        if session is None and not text(values.get("number")):
            self.error(number, "number", _("شماره جلسه را بنویسید."))
        day = self.read_date(number, values, "date", required=True)
        if day is not None and day > self.today:
            self.error(number, "date", _("جلسه %(day)s هنوز برگزار نشده است.") % {"day": format_jalali(day)})
            day = None
        resolution = self.resolution_of(number, values, series, day)
        if series is None or session is None or day is None or resolution is False:
            return None
        key = (series.pk, session)
        seen = self.meetings.get(key)
        meeting, new_meeting = None, None
        if seen is not None:
            if seen["date"] != day:
                self.error(
                    number,
                    "date",
                    _("جلسه %(number)s این سلسله در ردیف %(row)s تاریخ %(day)s دارد.")
                    % {
                        "number": to_persian_digits(session),
                        "row": to_persian_digits(seen["row"]),
                        "day": format_jalali(seen["date"]),
                    },
                )
                return None
            meeting = self.held(seen, series, session, day)
        else:
            meeting = registered.get(key)
            if meeting is not None and meeting.date != day:
                self.error(
                    number,
                    "date",
                    _("جلسه %(number)s این سلسله پیش‌تر با تاریخ %(day)s ثبت شده است.")
                    % {"number": to_persian_digits(session), "day": format_jalali(meeting.date)},
                )
                return None
            if meeting is None:
                meeting = new_meeting = Meeting(
                    series=series,
                    number=session,
                    date=day,
                    place=text(values.get("place"))[:250] or series.default_place,
                    chair_name=text(values.get("chair_name"))[:150],
                    status=MeetingStatus.HELD,
                )
            self.meetings[key] = {
                "row": number,
                "date": day,
                "meeting": meeting if new_meeting else meeting.pk,
                "registered": new_meeting is None,
            }
        registered_meeting = self.meetings[key]["registered"]
        if resolution is None:
            if new_meeting is None:
                self.preview(number, "unchanged", series, session, day, None)
                return "unchanged", None, None
            self.preview(number, "create", series, session, day, None)
            return "create", new_meeting, None
        resolution_key = (*key, resolution.number)
        if resolution_key in self.resolutions:
            self.error(
                number,
                "resolution_number",
                _("مصوبه %(number)s همین جلسه در ردیف %(row)s همین فایل هم آمده است.")
                % {
                    "number": to_persian_digits(resolution.number),
                    "row": to_persian_digits(self.resolutions[resolution_key]),
                },
            )
            return None
        self.resolutions[resolution_key] = number
        if registered_meeting and (meeting.pk, resolution.number) in taken:
            self.preview(number, "unchanged", series, session, day, resolution)
            return "unchanged", None, None
        if registered_meeting and isinstance(meeting, Meeting) and meeting.is_frozen:
            self.error(number, "resolution_number", Meeting.FROZEN_MESSAGE)
            return None
        resolution.meeting = meeting
        action = "update" if registered_meeting else "create"
        self.preview(number, action, series, session, day, resolution)
        return action, new_meeting, resolution

    def held(self, seen, series, session, day):
        """The meeting a key stands for in a later row: held, fetched by pk, or (dry run) a stand-in."""
        held = seen["meeting"]
        if isinstance(held, Meeting):
            return held
        if isinstance(held, int):
            return Meeting.objects.select_related("series").get(pk=held)
        return Meeting(series=series, number=session, date=day, status=MeetingStatus.HELD)

    def series_of(self, number, values):
        title = text(values.get("series"))
        if not title:
            self.error(number, "series", _("سلسله جلسات را بنویسید."))
            return None
        found = self.series.get(search_key(title), [])
        county_text = text(values.get("county"))
        if county_text:
            counties = {c.pk for c in self.county_names.get(search_key(county_text), [])}
            if not counties:
                self.error(
                    number,
                    "county",
                    _("شهرستان «%(county)s» شناخته نیست یا بیرون از حوزه دسترسی شماست.") % {"county": county_text},
                )
                return None
            elsewhere = bool(found)
            found = [one for one in found if one.county_id in counties]
            if not found and elsewhere:
                self.error(
                    number,
                    "series",
                    _("سلسله جلسات «%(series)s» در شهرستان «%(county)s» تعریف نشده است.")
                    % {"series": title, "county": county_text},
                )
                return None
        if not found:
            self.error(
                number,
                "series",
                _("سلسله جلسات «%(series)s» در شهرستان‌های حوزه شما تعریف نشده است؛ نخست آن را در «سلسله جلسات» بسازید.")
                % {"series": title},
            )
            return None
        if len(found) > 1:
            self.error(
                number,
                "county",
                _("سلسله «%(series)s» در چند شهرستان هست؛ ستون «شهرستان» را پر کنید.") % {"series": title},
            )
            return None
        return found[0]

    def resolution_of(self, number, values, series, day):
        """The row's resolution (unsaved), None for a meeting-only row, False when it is refused."""
        if not any(text(values.get(name)) for name in RESOLUTION_COLUMNS):
            return None
        body = text(values.get("text"))
        if not body:
            self.error(number, "text", _("متن مصوبه را بنویسید (یا ستون‌های مصوبه را خالی بگذارید)."))
        ordinal = self.read_number(number, values, "resolution_number", low=1, high=32_767)
        if ordinal is None and not text(values.get("resolution_number")):
            self.error(number, "resolution_number", _("شماره مصوبه را بنویسید."))
        agency = self.agency_of(number, values, series)
        unit = self.unit_of(number, values, series)
        deadline = self.read_date(number, values, "deadline", required=True)
        if deadline is not None and day is not None and deadline < day:
            self.error(number, "deadline", _("مهلت اجرا نمی‌تواند پیش از تاریخ جلسه باشد."))
            deadline = None
        status = self.read_choice(
            number, values, "status", STATUS_KEYS, ResolutionStatus, ResolutionStatus.PENDING, allowed=IMPORTED_STATUSES
        )
        if not body or ordinal is None or agency is False or unit is False or deadline is None or status is None:
            return False
        resolution = Resolution(
            number=ordinal,
            text=body,
            agency=agency,
            unit=unit,
            deadline=deadline,
            status=status,
        )
        return resolution if self.close(number, values, resolution, day) else False

    def close(self, number, values, resolution, day):
        """A closed resolution's date and outcome, with the rules of its follow-up's services."""
        note = text(values.get("note"))
        closed = self.read_date(number, values, "executed_date")
        if text(values.get("executed_date")) and closed is None:
            return False
        if closed is not None and (closed > self.today or (day and closed < day)):
            self.error(number, "executed_date", _("تاریخ اجرا باید میان تاریخ جلسه و امروز باشد."))
            return False
        status = resolution.status
        if status != ResolutionStatus.NOT_EXECUTED and text(values.get("failure_party")):
            self.error(
                number,
                "failure_party",
                _("مسئول اجرانشدن تنها برای مصوبه «اجرانشده» نوشته می‌شود؛ این مصوبه «%(status)s» است.")
                % {"status": ResolutionStatus(status).label},
            )
            return False
        if status not in CLOSED:
            if closed is not None:
                self.error(number, "executed_date", _("مصوبه‌ای که بسته نشده تاریخ اجرا ندارد."))
                return False
            resolution.progress_note = note if status == ResolutionStatus.IN_PROGRESS else ""
            return True
        if closed is None:
            if resolution.deadline > self.today:
                self.error(number, "executed_date", _("تاریخ اجرا یا بستن مصوبه را بنویسید."))
                return False
            closed = resolution.deadline
        resolution.closed_date = closed
        resolution.outcome_note = note
        if status == ResolutionStatus.EXECUTED:
            moment = datetime.datetime.combine(closed, datetime.time(12))
            resolution.reported_at = resolution.verified_at = moment
            resolution.evidence = note or _("اجرای مصوبه در سوابق گذشته (ورود از فایل) ثبت شده است.")
        elif status == ResolutionStatus.NOT_EXECUTED:
            party = self.read_choice(number, values, "failure_party", PARTY_KEYS, FailureParty, "")
            if not party:
                if party == "":
                    self.error(
                        number,
                        "failure_party",
                        _("بنویسید اجرانشدن بر عهده کیست: دستگاه، تولیدکننده یا عوامل بیرونی."),
                    )
                return False
            resolution.failure_party = party
        elif not note:
            self.error(number, "note", _("دلیل لغو مصوبه را بنویسید."))
            return False
        return True

    def agency_of(self, number, values, series):
        name = text(values.get("agency"))
        if not name:
            self.error(number, "agency", _("دستگاه مسئول مصوبه را بنویسید."))
            return False
        found = self.agencies.get(search_key(name), [])
        if series is not None:
            county = series.county
            found = [
                a
                for a in found
                if a.level == "nation"
                or (a.level == "province" and a.province_id == county.province_id)
                or a.county_id == county.pk
            ]
        if len(found) != 1:
            message = (
                _("دستگاه «%(name)s» پیدا نشد یا در شهرستان این جلسه کار نمی‌کند.")
                if not found
                else _("چند دستگاه نام «%(name)s» را دارند؛ نام را دقیق‌تر بنویسید.")
            )
            self.error(number, "agency", message % {"name": name})
            return False
        return found[0]

    def unit_of(self, number, values, series):
        national_id = normalize_national_id(text(values.get("national_id")))
        if not national_id:
            return None
        unit = IndustrialUnit.objects.filter(national_id=national_id).only("pk", "county_id", "name").first()
        if unit is None or (series is not None and unit.county_id != series.county_id):
            self.error(
                number,
                "national_id",
                _("واحدی با شناسه ملی «%(value)s» در شهرستان این جلسه ثبت نشده است.")
                % {"value": to_persian_digits(national_id)},
            )
            return False
        return unit

    def preview(self, number, action, series, session, day, resolution):
        self.add_preview(
            {
                "row": number,
                "action": action,
                "name": _("%(series)s — جلسه %(number)s (%(day)s)")
                % {"series": series.title, "number": to_persian_digits(session), "day": format_jalali(day)},
                "identity": _("مصوبه %(n)s") % {"n": to_persian_digits(resolution.number)} if resolution else "",
                "county": series.county.name,
                "status": str(ResolutionStatus(resolution.status).label) if resolution else "",
                "changes": [],
            }
        )


def template_rows(user):
    """The headers and two example rows that import as they are: a meeting of the user's first series and two of
    its resolutions (one executed, one still followed up)."""
    counties = scope.counties_in_scope(user, Meeting, "add") if user is not None else County.objects.all()
    series = MeetingSeries.objects.filter(county__in=counties).select_related("county").order_by("pk").first()
    agency = Agency.objects.serving(series.county).filter(is_active=True).order_by("pk").first() if series else None
    meeting = {
        "county": series.county.name if series else "",
        "series": series.title if series else "",
        "number": "۱۲",
        "date": "۱۴۰۲/۰۲/۲۰",
        "place": "سالن جلسات فرمانداری",
        "chair_name": "معاون فرماندار",
    }
    executed = {
        **meeting,
        "resolution_number": "۱",
        "text": "بانک عامل درخواست تمدید تسهیلات واحد را ظرف یک ماه بررسی کند.",
        "agency": agency.name if agency else "",
        "national_id": "",
        "deadline": "۱۴۰۲/۰۳/۲۰",
        "status": "اجراشده",
        "executed_date": "۱۴۰۲/۰۳/۱۵",
        "failure_party": "",
        "note": "تسهیلات تمدید شد.",
    }
    following = {
        **executed,
        "resolution_number": "۲",
        "text": "برق منطقه‌ای برای افزایش دیماند واحد برنامه زمانی اعلام کند.",
        "status": "در دست اجرا",
        "executed_date": "",
        "note": "",
    }
    return [
        [label for label, _aliases in COLUMNS.values()],
        *([row[name] for name in COLUMNS] for row in (executed, following)),
    ]
