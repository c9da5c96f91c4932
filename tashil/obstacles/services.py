"""The obstacles' business events, one function each: register or edit an obstacle, open one from a source,
refer it, an agency's answer, escalate (an obstacle, or a late referral), close, comment, attach a file; raise a
systemic issue's status and bundle obstacles into it; the people accountable (a referral's assignee inside the
agency, an obstacle's follower in the secretariat); and the producer's word on an agency's «done» (confirm,
reopen, or silence counted as confirmation).

Each does the whole event in one transaction: the change, its timeline entry (``ObstacleEvent``, the
obstacle's own record), the change log (through the saves), the notifications once it commits, and then the
effects other apps own, through the hooks they register with ``after_obstacles_changed`` from their
AppConfig.ready() (the county dashboard's figures in reports): obstacles sits below those apps and imports
none of them. Pages, the API, the admin, other apps' services (meetings, clinic), tasks and the demo call
these; the model keeps the rules that say what state an obstacle may be in (``refuse_if_closed``, ``clean``).
"""

import datetime
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tashil.core import scope
from tashil.core.bulk import Inserter, reserve_ids, row_values
from tashil.core.changelog import current_actor, diff, entry_values, log_bulk
from tashil.core.choices import ChangeAction, ChangeSource, Role, ScopeLevel
from tashil.core.hooks import Changed, Hooks
from tashil.core.jalali import format_jalali, today
from tashil.core.models import ChangeLogEntry
from tashil.core.persian import to_persian_digits
from tashil.geo.calendar import PlaceCalendars
from tashil.geo.models import Closure
from tashil.orgs.models import Agency

from . import notify
from .choices import (
    CLOSED_STATUSES,
    OPEN_REFERRAL_STATUSES,
    OUTCOME_STATUS,
    UNSETTLED_REFERRAL_STATUSES,
    EventKind,
    FailureParty,
    ObstacleStatus,
    Outcome,
    ReferralStatus,
    ReviewState,
    Severity,
)
from .models import LEVEL_ORDER, Attachment, Obstacle, ObstacleEvent, ProducerReview, Referral, SystemicIssue

STATUS_FIELDS = ["status", "updated", "search_text", "county"]


# ---------------------------------------------------------------- what other apps do after obstacles change

changed_hooks = Hooks()
# Register ``hook(Changed)``: the obstacles and referrals one event wrote, and the counties whose figures count them.
after_obstacles_changed = changed_hooks.register


@dataclass
class ReferralBatch:
    """Obstacles referred to one agency at once (the list's bulk referral): handed to the hooks of
    ``after_batch_referred`` inside the batch's transaction, after every obstacle was referred (``referrals``
    then holds the new referrals; before, for the confirmation page's preview, it is empty). A hook appends what
    it did, or will do, to ``lines`` in Persian (the letters app: one referral letter for the whole batch)."""

    obstacles: list
    user: object = None
    referrals: list = field(default_factory=list)
    lines: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.obstacles)


batch_hooks = Hooks()
batch_preview_hooks = Hooks()
# Register ``hook(ReferralBatch)``: run once per batch referred from the list, after its referrals were made.
after_batch_referred = batch_hooks.register
# Register ``hook(ReferralBatch)``: what the hook will do, said on the batch's confirmation page.
describe_batch_referral = batch_preview_hooks.register


def referred_in_batch(obstacles, referrals, user=None):
    """The batch's own effects once each obstacle was referred (``refer``): the hooks (one referral letter to the
    agency for all of them). Returns the Persian lines the hooks wrote."""
    batch = ReferralBatch(list(obstacles), user, referrals=list(referrals))
    batch_hooks.run(batch)
    return batch.lines


def batch_referral_preview(obstacles, user=None):
    """What the hooks will do for a batch referred from the list, for its confirmation page."""
    batch = ReferralBatch(list(obstacles), user)
    batch_preview_hooks.run(batch)
    return batch.lines


def obstacles_changed(*rows):
    """Tell the hooks what one event wrote (obstacles, referrals)."""
    counties = {row.county_id if isinstance(row, Obstacle) else row.obstacle.county_id for row in rows}
    changed_hooks.run(Changed(list(rows), counties))


@transaction.atomic
def save_obstacle(obstacle, user=None):
    """Register an obstacle or save an edited one (the page's form, the API, the admin): its change-log entry,
    a changed group's timeline entry (``Obstacle.save``), and the figures of its county (both, when it moved)."""
    if obstacle.pk is None and user is not None and obstacle.reported_by_id is None:
        obstacle.reported_by = user
    return changed_hooks.save(obstacle)


def set_status(obstacle, status, user, text=""):
    """Move the obstacle to ``status`` with its timeline entry (the text, or «from … to …»)."""
    old = obstacle.get_status_display()
    obstacle.status = status
    obstacle.save(update_fields=STATUS_FIELDS)
    ObstacleEvent.objects.create(
        obstacle=obstacle,
        kind=EventKind.STATUS,
        author=user,
        text=text
        or _("وضعیت از «%(old)s» به «%(new)s» تغییر کرد.") % {"old": old, "new": obstacle.get_status_display()},
        data={"to": status},
    )


def refuse_move(message, old, status, choices):
    """Refuse a move from the state labelled ``old`` to ``status`` (one of ``choices``, or whatever was sent)."""
    new = choices(status).label if status in choices.values else status
    raise ValidationError({"status": message % {"old": old, "new": new}})


def start_progress(obstacle, user=None):
    """An agency took the obstacle up: registered or referred becomes in progress."""
    if obstacle.status in (ObstacleStatus.REGISTERED, ObstacleStatus.REFERRED):
        set_status(obstacle, ObstacleStatus.IN_PROGRESS, user)


def severity_of_score(score):
    """A clinic's diagnosis score (1 critical … 5 sound) as an obstacle's severity."""
    if score <= 1:
        return Severity.VERY_SEVERE
    return Severity.MAJOR if score == 2 else Severity.MODERATE


@transaction.atomic
def save_referral(referral, user=None):
    """An administrator's correction of a referral (the admin; referring is ``refer``): its county's figures."""
    referral.save()
    obstacles_changed(referral)
    return referral


@transaction.atomic
def open_obstacle(*, unit, group, text, source, user=None, title="", reported_date=None, severity=None):
    """Open an obstacle from where it was found (a meeting's agenda item, a field visit's finding, a service desk's
    request, a clinic's diagnosis finding): its title is the text's first line (or ``title`` when the text is
    empty), its description the whole text. The caller ties its source to it."""
    if group is None:
        raise ValidationError({"group": _("برای ثبت مانع، گروه آن را برگزینید.")})
    text = (text or "").strip()
    title = (text.splitlines() or [str(title or "")])[0].strip()[:240]
    if not title:
        raise ValidationError(_("متنی برای عنوان مانع نیست؛ شرح آن را بنویسید."))
    obstacle = Obstacle(
        unit=unit,
        group=group,
        title=title,
        description=text,
        source=source,
        reported_date=min(reported_date or today(), today()),
        reported_by=user,
    )
    if severity is not None:
        obstacle.severity = severity
    return save_obstacle(obstacle, user)


@transaction.atomic
def open_from(origin, **found):
    """``open_obstacle`` from an ``origin`` with an ``obstacle`` link (a finding, a desk request, a diagnosis
    score), once per origin. Writing that link is all the event changes of the origin: it is the follow-up its
    record called for, so it is done even when the origin is locked (a finding of approved minutes)."""
    if origin.obstacle_id:
        raise ValidationError(_("این مورد پیش‌تر به مانع «%(o)s» تبدیل شده است.") % {"o": origin.obstacle})
    obstacle = open_obstacle(**found)
    origin.obstacle = obstacle
    origin.save(update_fields=["obstacle", "updated"])
    return obstacle


def referral_event(referral, user, days=None):
    """The timeline entry of a referral (unsaved): its due date, and the working days it was given when counted."""
    values = {"agency": referral.agency, "due": format_jalali(referral.due_date)}
    if days is None:
        text = _("به «%(agency)s» ارجاع شد؛ مهلت تا %(due)s.") % values
    else:
        text = _("به «%(agency)s» ارجاع شد؛ مهلت پاسخ %(days)s روز کاری، تا %(due)s.") % {
            **values,
            "days": to_persian_digits(days),
        }
    note = referral.note
    return ObstacleEvent(
        obstacle=referral.obstacle,
        kind=EventKind.REFERRAL,
        author=user,
        referral=referral,
        text=text + (f" {note}" if note else ""),
    )


def answer_event(referral, user, text):
    """The timeline entry of an agency's answer (unsaved)."""
    return ObstacleEvent(
        obstacle=referral.obstacle,
        kind=EventKind.RESPONSE,
        author=user,
        referral=referral,
        text=_("«%(agency)s»: %(status)s") % {"agency": referral.agency, "status": referral.get_status_display()}
        + (f" — {text}" if text else ""),
    )


def closing_text(obstacle):
    """What the timeline says of an obstacle closed with its outcome (and who failed, and the note)."""
    text = _("بسته شد با نتیجه «%(outcome)s»") % {"outcome": obstacle.get_outcome_display()}
    if obstacle.failure_party:
        text += _("؛ مسئول ناکامی: %(party)s") % {"party": obstacle.get_failure_party_display()}
    if obstacle.outcome_note:
        text += f". {obstacle.outcome_note}"
    return text


def refuse_foreign_agencies(obstacle, agencies):
    """An obstacle goes only to agencies that serve its county (the county's, its province's, national ones)."""
    from tashil.orgs.models import Agency

    serving = set(
        Agency.objects.serving(obstacle.county).filter(pk__in=[a.pk for a in agencies]).values_list("pk", flat=True)
    )
    outside = [a for a in agencies if a.pk not in serving]
    if outside:
        raise ValidationError({"agencies": _("«%(agency)s» در این شهرستان کار نمی‌کند.") % {"agency": outside[0]}})


@transaction.atomic
def refer(obstacle, agencies, user=None, days=None, note="", due_date=None):
    """Refer the obstacle to agencies, each with a due date ``days`` working days from today (or ``due_date``,
    as when a meeting's resolution sets the deadline). Returns the new referrals."""
    obstacle.refuse_if_closed(_("ارجاع داد"))
    # One referral per agency, in one order whatever order they were chosen in (a form's choices, an API list).
    agencies = sorted({agency.pk: agency for agency in agencies}.values(), key=lambda agency: agency.pk)
    if not agencies:
        raise ValidationError({"agencies": _("دست‌کم یک دستگاه برگزینید.")})
    refuse_foreign_agencies(obstacle, agencies)
    open_ones = set(
        obstacle.referrals.filter(status__in=UNSETTLED_REFERRAL_STATUSES).values_list("agency_id", flat=True)
    )
    repeated = [a for a in agencies if a.pk in open_ones]
    if repeated:
        raise ValidationError(
            {"agencies": _("این مانع هم‌اکنون به «%(agency)s» ارجاع شده و پاسخ آن باز است.") % {"agency": repeated[0]}}
        )
    days = days or obstacle.group.effective_due_days
    calendars = PlaceCalendars()
    start = today()
    created = []
    for agency in agencies:
        # Each agency's days are counted by its own place's calendar: a closure of its province or county is
        # not a working day of its deadline.
        calendar = calendars.of(agency.province_id, agency.county_id)
        referral = Referral.objects.create(
            obstacle=obstacle,
            agency=agency,
            referred_by=user,
            referred_date=start,
            due_date=due_date or calendar.add_working_days(start, days),
            first_response_due=calendar.add_working_days(start, settings.TASHIL_FIRST_RESPONSE_DAYS),
            note=note,
        )
        referral_event(referral, user, None if due_date else days).save()
        created.append(referral)
    if obstacle.status == ObstacleStatus.REGISTERED:
        obstacle.status = ObstacleStatus.REFERRED
        obstacle.save(update_fields=STATUS_FIELDS)
    obstacles_changed(obstacle, *created)
    transaction.on_commit(lambda: notify.referred(created))
    return created


@transaction.atomic
def answer(referral, status, response="", user=None):
    """The agency's answer: accepted, in progress, done (with a description) or rejected (with a reason)."""
    if not referral.obstacle.is_open:
        raise ValidationError(_("مانع بسته شده است و پاسخ تازه نمی‌پذیرد."))
    allowed = Referral.ALLOWED_RESPONSES.get(referral.status)
    if not allowed:
        raise ValidationError(
            _("این ارجاع «%(status)s» است و پاسخ تازه نمی‌پذیرد.") % {"status": referral.get_status_display()}
        )
    if status not in allowed:
        refuse_move(_("از «%(old)s» نمی‌توان به «%(new)s» رفت."), referral.get_status_display(), status, ReferralStatus)
    text = (response or "").strip()
    if status == ReferralStatus.DONE and not text:
        raise ValidationError({"response": _("بنویسید چه اقدامی انجام شد.")})
    if status == ReferralStatus.REJECTED and not text:
        raise ValidationError({"response": _("دلیل رد ارجاع را بنویسید.")})
    referral.status = status
    referral.response = text or referral.response
    referral.responded_by = user
    referral.responded_at = timezone.now()
    record_first_response(referral)
    referral.save()
    answer_event(referral, user, text).save()
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.DONE):
        start_progress(referral.obstacle, user)
    obstacles_changed(referral)
    transaction.on_commit(lambda: notify.answered(referral))
    if status == ReferralStatus.DONE:
        ask_producer(referral, user)
    return referral


def record_first_response(referral):
    """The agency's first answer (accepting, answering, or asking the producer for documents): its date and the
    working days it took by the agency's calendar, kept on the referral (the scorecard's first-response figures)."""
    if referral.first_response_date is None:
        referral.first_response_date = today()
        days = referral.calendar().working_days_between(referral.referred_date, referral.first_response_date)
        referral.first_response_days = max(days, 0)


@transaction.atomic
def request_documents(referral, request, user=None):
    """The agency asks the producer for documents or information: the referral waits on the producer and its
    clock stops (the working days waited are not the agency's); the unit's representatives are told."""
    if not referral.obstacle.is_open:
        raise ValidationError(_("مانع بسته شده است و درخواست مدارک نمی‌پذیرد."))
    if referral.status not in Referral.MAY_REQUEST_DOCUMENTS:
        raise ValidationError(
            _("این ارجاع «%(status)s» است؛ درخواست مدارک تنها پیش از پایان کار دستگاه ممکن است.")
            % {"status": referral.get_status_display()}
        )
    text = (request or "").strip()
    if not text:
        raise ValidationError({"request": _("بنویسید چه مدارک یا اطلاعاتی از تولیدکننده می‌خواهید.")})
    referral.status = ReferralStatus.AWAITING_PRODUCER
    referral.waiting_since = today()
    referral.wait_request = text
    referral.wait_reply = ""
    referral.wait_reminded = today()
    referral.responded_by = user
    referral.responded_at = timezone.now()
    record_first_response(referral)
    referral.save()
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.WAIT,
        author=user,
        referral=referral,
        text=_("«%(agency)s» از تولیدکننده مدارک خواست؛ تا پاسخ او مهلت دستگاه متوقف است: %(request)s")
        % {"agency": referral.agency, "request": text},
    )
    transaction.on_commit(lambda: notify.documents_requested(referral))
    obstacles_changed(referral)
    return referral


@transaction.atomic
def supply_documents(referral, reply, user=None):
    """The producer (the unit's representative) answers the agency's request: the clock runs again, the due
    date pushed by the working days waited."""
    if not referral.is_waiting:
        raise ValidationError(_("این ارجاع منتظر مدارک شما نیست."))
    text = (reply or "").strip()
    if not text:
        raise ValidationError({"reply": _("بنویسید چه مدارکی فرستادید یا پاسخ شما چیست.")})
    referral.wait_reply = text
    end_wait(referral, user, _("تولیدکننده پاسخ داد: %(reply)s") % {"reply": text})
    transaction.on_commit(lambda: notify.documents_supplied(referral))
    return referral


def end_wait(referral, user, text, calendar=None):
    """The wait is over (the producer answered, or the limit passed): the days waited are added to the due
    date and the referral is the agency's again."""
    calendar = calendar or referral.calendar()
    waited = max(calendar.working_days_between(referral.waiting_since, today()), 0)
    old_due = referral.due_date
    referral.due_date = calendar.add_working_days(old_due, waited)
    referral.days_waited += waited
    referral.waiting_since = None
    referral.status = ReferralStatus.ACCEPTED
    referral.overdue_notified = referral.overdue_notified and referral.due_date < today()
    referral.save()
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.WAIT,
        author=user,
        referral=referral,
        text=text
        + " "
        + _("%(days)s روز کاری انتظار به حساب «%(agency)s» نیامد؛ مهلت از %(old)s به %(new)s رفت.")
        % {
            "days": to_persian_digits(waited),
            "agency": referral.agency,
            "old": format_jalali(old_due),
            "new": format_jalali(referral.due_date),
        },
    )
    obstacles_changed(referral)


@transaction.atomic
def end_wait_by_limit(referral, calendar=None):
    """No answer from the producer within the limit: the clock runs again by itself."""
    end_wait(
        referral,
        None,
        _("تولیدکننده تا %(days)s روز کاری پاسخ نداد و مهلت دستگاه دوباره جاری شد.")
        % {"days": to_persian_digits(settings.TASHIL_PRODUCER_WAIT_DAYS)},
        calendar=calendar,
    )
    transaction.on_commit(lambda: notify.wait_expired(referral))


def follow_waits():
    """The daily job: end the waits past the limit, and remind the producers of the others every few working
    days. Returns how many referrals it touched."""
    calendars = PlaceCalendars()
    now = today()
    touched = 0
    # Working days are never more than calendar days: a referral waiting fewer calendar days than the reminder
    # interval needs neither, so only the others are read.
    least = min(settings.TASHIL_PRODUCER_WAIT_DAYS, settings.TASHIL_PRODUCER_REMIND_DAYS)
    waiting = Referral.objects.filter(
        status=ReferralStatus.AWAITING_PRODUCER, waiting_since__lte=now - datetime.timedelta(days=least)
    ).select_related("agency", "obstacle__unit")
    for referral in waiting:
        calendar = referral.calendar(calendars)
        if calendar.working_days_between(referral.waiting_since, now) >= settings.TASHIL_PRODUCER_WAIT_DAYS:
            end_wait_by_limit(referral, calendar)
            touched += 1
        elif (
            calendar.working_days_between(referral.wait_reminded or referral.waiting_since, now)
            >= settings.TASHIL_PRODUCER_REMIND_DAYS
        ):
            Referral.objects.filter(pk=referral.pk).update(wait_reminded=now)
            notify.documents_reminder(referral)
            touched += 1
    return touched


def closures_changed(change):
    """A province's or county's closure was recorded or removed (geo.services): the deadlines running there
    move by the working day it took (or gave back), each with a note on its obstacle's timeline."""
    calendars = PlaceCalendars()
    counties = set()
    for day, step in [(day, 1) for day in change.added] + [(day, -1) for day in change.removed]:
        if not calendars.national.is_working_day(day.date):
            continue  # a weekend day or an official holiday: no working day was taken
        if day.county_id:
            if Closure.objects.filter(date=day.date, province_id=day.province_id, county__isnull=True).exists():
                continue  # the whole province was closed that day anyway
            agencies = Agency.objects.filter(county_id=day.county_id)
        else:
            closed_counties = Closure.objects.filter(date=day.date, county__province_id=day.province_id).values(
                "county_id"
            )
            agencies = Agency.objects.filter(province_id=day.province_id).exclude(county_id__in=closed_counties)
        counties |= move_deadlines(agencies, day, step, calendars, change.user)
    changed_hooks.run(Changed([], counties))


def move_deadlines(agencies, day, step, calendars, user):
    """Move by one working day (``step``) the due dates of the agencies' unsettled referrals whose count runs
    across ``day`` (and the first-response targets not yet met): in bulk, each referral with its timeline event and
    its change-log entry (old and new dates), as a single save would write. Returns the counties touched."""
    referrals = (
        Referral.objects.filter(agency__in=agencies, status__in=UNSETTLED_REFERRAL_STATUSES, referred_date__lt=day.date)
        .filter(Q(due_date__gte=day.date) | Q(first_response_date__isnull=True, first_response_due__gte=day.date))
        # A day inside a wait is already the producer's: the wait's end counts it.
        .exclude(waiting_since__lte=day.date)
        .select_related("agency", "obstacle")
    )
    changed, events, entries, counties = [], [], [], set()
    for referral in referrals:
        calendar = referral.calendar(calendars)
        old_due = referral.due_date
        if referral.due_date >= day.date:
            referral.due_date = calendar.add_working_days(referral.due_date, step)
        if (
            referral.first_response_date is None
            and referral.first_response_due
            and referral.first_response_due >= day.date
        ):
            referral.first_response_due = calendar.add_working_days(referral.first_response_due, step)
        referral.updated = timezone.now()
        changed.append(referral)
        if changes := diff(referral):
            entries.append(entry_values(referral, ChangeAction.UPDATE, changes, user=user))
        counties.add(referral.obstacle.county_id)
        template = (
            _("تعطیلی %(place)s در %(day)s (%(reason)s) روز کاری «%(agency)s» نبود؛ مهلت از %(old)s به %(new)s رفت.")
            if step > 0
            else _("تعطیلی %(place)s در %(day)s برداشته شد؛ مهلت «%(agency)s» از %(old)s به %(new)s برگشت.")
        )
        events.append(
            ObstacleEvent(
                obstacle=referral.obstacle,
                kind=EventKind.DEADLINE,
                author=user,
                referral=referral,
                text=template
                % {
                    "place": day.place,
                    "day": format_jalali(day.date),
                    "reason": day.reason,
                    "agency": referral.agency,
                    "old": format_jalali(old_due),
                    "new": format_jalali(referral.due_date),
                },
                data={"closure": str(day.date), "step": step},
            )
        )
    Referral.objects.bulk_update(changed, ["due_date", "first_response_due", "updated"], batch_size=500)
    ObstacleEvent.objects.bulk_create(events, batch_size=500)
    log_bulk(entries)
    return counties


@transaction.atomic
def close(obstacle, outcome, user=None, failure_party="", note=""):
    """Close with an outcome; an unresolvable obstacle needs who failed."""
    obstacle.refuse_if_closed(_("بست"))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("نتیجه بستن مانع را برگزینید.")})
    if outcome == Outcome.UNRESOLVABLE and not failure_party:
        raise ValidationError({"failure_party": _("برای مانع رفع‌نشدنی بنویسید چه کسی ناکام ماند.")})
    if failure_party and failure_party not in FailureParty.values:
        raise ValidationError({"failure_party": _("مسئول ناکامی شناخته نیست.")})
    if outcome == Outcome.RESOLVED and failure_party:
        raise ValidationError({"failure_party": _("مانعی که رفع شده مسئول ناکامی ندارد.")})
    obstacle.outcome = outcome
    obstacle.failure_party = failure_party or ""
    obstacle.outcome_note = note or ""
    obstacle.closed_date = today()
    obstacle.save(update_fields=["outcome", "failure_party", "outcome_note", "closed_date", *STATUS_FIELDS[1:]])
    set_status(obstacle, OUTCOME_STATUS[outcome], user, closing_text(obstacle))
    obstacles_changed(obstacle)
    return obstacle


@transaction.atomic
def escalate(obstacle, user=None, note="", referral=None):
    """Raise the obstacle one level (county → province → nation); the next level's secretariat is told.
    ``referral``: the late referral that caused it, whose agency's officers alone read the entry."""
    obstacle.refuse_if_closed(_("تشدید کرد"))
    index = LEVEL_ORDER.index(obstacle.escalation_level)
    if index == len(LEVEL_ORDER) - 1:
        raise ValidationError(_("این مانع هم‌اکنون در سطح ملی رسیدگی می‌شود و بالاتر از آن سطحی نیست."))
    obstacle.escalation_level = LEVEL_ORDER[index + 1]
    obstacle.escalated_at = timezone.now()
    obstacle.save(update_fields=["escalation_level", "escalated_at", *STATUS_FIELDS[1:]])
    ObstacleEvent.objects.create(
        obstacle=obstacle,
        kind=EventKind.ESCALATION,
        author=user,
        referral=referral,
        text=_("برای رسیدگی به سطح %(level)s تشدید شد.") % {"level": obstacle.get_escalation_level_display()}
        + (f" {note}" if note else ""),
    )
    obstacles_changed(obstacle)
    transaction.on_commit(lambda: notify.escalated(obstacle))
    return obstacle


@transaction.atomic
def escalate_referral(referral, user=None):
    """An unanswered, overdue referral goes to the agency's higher body, and the obstacle up a level.
    Returns the referral to the higher body (None when there is none, or it already has one open)."""
    if not referral.is_overdue:
        raise ValidationError(_("فقط ارجاع بازِ گذشته از مهلت را می‌توان تشدید کرد."))
    obstacle = referral.obstacle
    parent = referral.agency.parent
    referral.status = ReferralStatus.ESCALATED
    referral.save(update_fields=["status", "updated"])
    obstacles_changed(referral)  # the referral to the higher body and the escalation tell of themselves
    new = None
    if parent is not None and not obstacle.referrals.filter(agency=parent, status__in=OPEN_REFERRAL_STATUSES).exists():
        note = _("تشدید پس از پاسخ‌ندادن «%(agency)s» در مهلت.") % {"agency": referral.agency}
        new = refer(obstacle, [parent], user=user, note=note)[0]
        referral.escalated_to = new
        referral.save(update_fields=["escalated_to", "updated"])
    if obstacle.escalation_level != ScopeLevel.NATION:
        escalate(
            obstacle,
            user,
            note=_("«%(agency)s» تا %(due)s پاسخ نداد.")
            % {"agency": referral.agency, "due": format_jalali(referral.due_date)},
            referral=referral,
        )
    return new


@transaction.atomic
def comment(obstacle, text, user=None, internal=False):
    """A note on the obstacle's timeline (``internal``: not for the unit's representative)."""
    if not (text or "").strip():
        raise ValidationError({"text": _("متن یادداشت خالی است.")})
    return ObstacleEvent.objects.create(
        obstacle=obstacle, kind=EventKind.COMMENT, author=user, text=text.strip(), internal=internal
    )


def representative_only(user):
    """Whether the person is only a unit's representative: they write nothing internal (hidden from them)."""
    return {m.role for m in scope.memberships(user)} == {Role.UNIT_REP}


@transaction.atomic
def add_to_timeline(obstacle, text="", file=None, internal=False, user=None):
    """What a person adds from the obstacle's box (the page) or its comment (the API): a note, or a file with its
    note. A unit's representative writes nothing internal; a file needs the role action «attach» as well (403).
    Returns the timeline entry."""
    if internal and representative_only(user):
        raise ValidationError({"internal": _("نماینده واحد یادداشت داخلی نمی‌نویسد.")})
    if file is None:
        return comment(obstacle, text, user=user, internal=internal)
    if not scope.can_object(user, obstacle, "attach"):
        raise PermissionDenied
    return attach(obstacle, file, text, user=user, internal=internal)


# ---------------------------------------------------------------- who is accountable


def person_name(user):
    return (user.get_full_name() or user.get_username()) if user else _("هیچ‌کس")


def refuse_unless_assignable(referral):
    """Only an open referral is given to an officer (what ``assign`` refuses first, and the bulk assignment's
    confirmation page names)."""
    if not referral.is_open:
        raise ValidationError(
            _("این ارجاع «%(status)s» است؛ مسئول فقط برای ارجاع باز تعیین می‌شود.")
            % {"status": referral.get_status_display()}
        )


@transaction.atomic
def assign(referral, assignee, user=None):
    """Name the officer of the referral's agency who handles it (None: nobody). Only that agency's active officers
    may be named; the timeline and the change log keep each assignment, the officer named is told."""
    refuse_unless_assignable(referral)
    if assignee is not None and not notify.agency_officers(referral.agency).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {
                "assignee": _("«%(person)s» کارشناس «%(agency)s» نیست.")
                % {"person": person_name(assignee), "agency": referral.agency}
            }
        )
    if referral.assignee_id == (assignee.pk if assignee else None):
        raise ValidationError(
            {"assignee": _("«%(person)s» هم‌اکنون مسئول این ارجاع است.") % {"person": person_name(assignee)}}
        )
    before = referral.assignee
    referral.assignee = assignee
    referral.save(update_fields=["assignee", "updated"])
    if before is None:
        text = _("رسیدگی در «%(agency)s» به «%(new)s» سپرده شد.")
    else:
        text = _("مسئول رسیدگی در «%(agency)s» از «%(old)s» به «%(new)s» تغییر کرد.")
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.ASSIGNMENT,
        author=user,
        referral=referral,
        text=text % {"agency": referral.agency, "old": person_name(before), "new": person_name(assignee)},
        data={"from": before.pk if before else None, "to": assignee.pk if assignee else None},
    )
    if assignee is not None:
        transaction.on_commit(lambda: notify.assigned(referral, assignee))
    return referral


@transaction.atomic
def set_follower(obstacle, follower, user=None):
    """Name the secretariat's expert who follows the obstacle (None: nobody): only an expert of a secretariat
    holding its county. The timeline and the change log keep each change, the expert named is told."""
    from tashil.units.services import refuse_unless_expert

    obstacle.refuse_if_closed(_("به پیگیر سپرد"))
    refuse_unless_expert(follower, obstacle.county)
    if obstacle.follower_id == (follower.pk if follower else None):
        raise ValidationError(
            {"follower": _("«%(person)s» هم‌اکنون پیگیر این مانع است.") % {"person": person_name(follower)}}
        )
    before = obstacle.follower
    obstacle.follower = follower
    obstacle.save(update_fields=["follower", *STATUS_FIELDS[1:]])
    ObstacleEvent.objects.create(
        obstacle=obstacle,
        kind=EventKind.ASSIGNMENT,
        author=user,
        text=_("پیگیر مانع در دبیرخانه از «%(old)s» به «%(new)s» تغییر کرد.")
        % {"old": person_name(before), "new": person_name(follower)},
        data={"from": before.pk if before else None, "to": follower.pk if follower else None},
    )
    if follower is not None:
        transaction.on_commit(lambda: notify.following(obstacle, follower))
    return obstacle


# ---------------------------------------------------------------- the producer closes the loop


def ask_producer(referral, user=None):
    """After an agency's «done»: the unit's representative is asked to confirm or reopen, with a deadline of
    ``TASHIL_PRODUCER_REVIEW_DAYS`` working days after which silence counts as confirmation."""
    days = settings.TASHIL_PRODUCER_REVIEW_DAYS
    start = today()
    review = ProducerReview.objects.create(
        referral=referral,
        requested_date=start,
        # The producer's days, by the calendar of the unit's place (its closures count for them too).
        due_date=PlaceCalendars()
        .of(referral.obstacle.county.province_id, referral.obstacle.county_id)
        .add_working_days(start, days),
    )
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.REVIEW,
        author=user,
        referral=referral,
        text=_(
            "از تولیدکننده خواسته شد انجام کار «%(agency)s» را تأیید یا مانع را بازگشایی کند؛ "
            "بی‌پاسخی تا %(due)s تأیید شمرده می‌شود."
        )
        % {"agency": referral.agency, "due": format_jalali(review.due_date)},
    )
    transaction.on_commit(lambda: notify.review_requested(review))
    obstacles_changed(referral)
    return review


def refuse_unless_pending(review):
    if not review.is_pending:
        raise ValidationError(
            _("نظر درباره این ارجاع پیش‌تر ثبت شده است («%(state)s»).") % {"state": review.get_state_display()}
        )


def check_ratings(outcome_rating, conduct_rating):
    errors = {}
    for name, value, label in (
        ("outcome_rating", outcome_rating, _("نتیجه")),
        ("conduct_rating", conduct_rating, _("رفتار دستگاه")),
    ):
        if value in (None, ""):
            errors[name] = _("به %(what)s از ۱ تا ۵ امتیاز دهید.") % {"what": label}
        elif int(value) not in range(1, 6):
            errors[name] = _("امتیاز %(what)s باید از ۱ تا ۵ باشد.") % {"what": label}
    if errors:
        raise ValidationError(errors)


def ratings_text(review):
    return _("امتیاز نتیجه %(outcome)s و رفتار دستگاه %(conduct)s از ۵") % {
        "outcome": to_persian_digits(review.outcome_rating),
        "conduct": to_persian_digits(review.conduct_rating),
    }


@transaction.atomic
def confirm_done(review, outcome_rating=None, conduct_rating=None, note="", user=None):
    """The producer confirms the agency's «done» and rates the outcome and the agency's conduct (1–5)."""
    refuse_unless_pending(review)
    check_ratings(outcome_rating, conduct_rating)
    review.state = ReviewState.CONFIRMED
    review.outcome_rating = int(outcome_rating)
    review.conduct_rating = int(conduct_rating)
    review.reason = (note or "").strip()
    review.answered_by = user
    review.answered_date = today()
    review.save()
    referral = review.referral
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.REVIEW,
        author=user,
        referral=referral,
        text=_("تولیدکننده انجام کار «%(agency)s» را تأیید کرد؛ %(ratings)s.")
        % {"agency": referral.agency, "ratings": ratings_text(review)}
        + (f" {review.reason}" if review.reason else ""),
        data={"review": review.pk, "state": review.state},
    )
    transaction.on_commit(lambda: notify.reviewed(review))
    obstacles_changed(referral)
    return review


@transaction.atomic
def reopen(review, reason="", outcome_rating=None, conduct_rating=None, user=None):
    """The producer says the agency's «done» did not remove the obstacle: with a reason and the two ratings, the
    referral goes back to the agency (in progress, a fresh due date), the obstacle reopens if it was closed, and
    the agency is told."""
    refuse_unless_pending(review)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("بنویسید چرا کار دستگاه مانع را برطرف نکرده است.")
    try:
        check_ratings(outcome_rating, conduct_rating)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    review.state = ReviewState.REOPENED
    review.outcome_rating = int(outcome_rating)
    review.conduct_rating = int(conduct_rating)
    review.reason = reason
    review.answered_by = user
    review.answered_date = today()
    review.save()
    referral = review.referral
    obstacle = referral.obstacle
    referral.status = ReferralStatus.IN_PROGRESS
    referral.due_date = referral.calendar().add_working_days(today(), obstacle.group.effective_due_days)
    referral.overdue_notified = False
    referral.save(update_fields=["status", "due_date", "overdue_notified", "updated"])
    obstacle.reopen_count += 1
    was_closed = not obstacle.is_open
    if was_closed:
        obstacle.outcome = ""
        obstacle.failure_party = ""
        obstacle.outcome_note = ""
        obstacle.closed_date = None
    obstacle.save(
        update_fields=["reopen_count", "outcome", "failure_party", "outcome_note", "closed_date", *STATUS_FIELDS[1:]]
    )
    ObstacleEvent.objects.create(
        obstacle=obstacle,
        kind=EventKind.REVIEW,
        author=user,
        referral=referral,
        text=_("تولیدکننده کار «%(agency)s» را نپذیرفت و مانع را بازگشایی کرد: %(reason)s (%(ratings)s). ")
        % {"agency": referral.agency, "reason": reason, "ratings": ratings_text(review)}
        + _("ارجاع به دستگاه بازگشت؛ مهلت تازه تا %(due)s.") % {"due": format_jalali(referral.due_date)},
        data={"review": review.pk, "state": review.state},
    )
    if was_closed or obstacle.status != ObstacleStatus.IN_PROGRESS:
        set_status(
            obstacle,
            ObstacleStatus.IN_PROGRESS,
            user,
            _("با بازگشایی تولیدکننده دوباره «%(status)s» شد.") % {"status": ObstacleStatus.IN_PROGRESS.label},
        )
    transaction.on_commit(lambda: notify.reopened(review))
    obstacles_changed(referral, obstacle)
    return review


@transaction.atomic
def confirm_by_silence(review):
    """The producer said nothing by the review's due date: the agency's «done» counts as confirmed, unrated."""
    refuse_unless_pending(review)
    review.state = ReviewState.SILENT
    review.answered_date = today()
    review.save(update_fields=["state", "answered_date", "updated"])
    referral = review.referral
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.REVIEW,
        referral=referral,
        text=_("تولیدکننده تا %(due)s درباره کار «%(agency)s» نظری نداد؛ انجام کار تأییدشده شمرده شد.")
        % {"due": format_jalali(review.due_date), "agency": referral.agency},
        data={"review": review.pk, "state": review.state},
    )
    obstacles_changed(review.referral)
    return review


def confirm_silent_reviews(day=None):
    """The daily job: every review still pending after its due date counts as confirmed. Returns how many."""
    day = day or today()
    count = 0
    for review in ProducerReview.objects.filter(state=ReviewState.PENDING, due_date__lt=day).select_related(
        "referral__obstacle", "referral__agency"
    ):
        confirm_by_silence(review)
        count += 1
    return count


@transaction.atomic
def attach(obstacle, upload, text="", user=None, internal=False):
    """A file on the obstacle's timeline (``internal``: not for the unit's representative), with its note; returns
    the timeline entry."""
    attachment = Attachment.objects.create(
        obstacle=obstacle,
        file=upload,
        name=get_valid_filename(os.path.basename(upload.name))[:255],
        size=upload.size,
        content_type=upload.content_type or "application/octet-stream",
        internal=internal,
        uploaded_by=user,
    )
    return ObstacleEvent.objects.create(
        obstacle=obstacle,
        kind=EventKind.ATTACHMENT,
        author=user,
        attachment=attachment,
        internal=internal,
        text=(text or "").strip() or _("فایل «%(name)s» پیوست شد.") % {"name": attachment.name},
    )


# ---------------------------------------------------------------- systemic issues


@transaction.atomic
def move_issue(issue, status, note="", user=None):
    """Move a systemic issue on (referred, in progress, closed with an outcome), with an entry on the timeline
    of each obstacle it bundles."""
    allowed = SystemicIssue.TRANSITIONS.get(issue.status, ())
    if status not in allowed:
        refuse_move(
            _("موضوع «%(old)s» است و نمی‌تواند «%(new)s» شود."), issue.get_status_display(), status, ObstacleStatus
        )
    issue.status = status
    if status in CLOSED_STATUSES:
        issue.closed_date = today()
        issue.outcome_note = note
    issue.save()
    text = _("موضوع فراگیر «%(issue)s»: %(status)s") % {"issue": issue, "status": issue.get_status_display()}
    for obstacle in issue.obstacles.all():
        ObstacleEvent.objects.create(
            obstacle=obstacle, kind=EventKind.SYSTEMIC, author=user, text=text + (f" — {note}" if note else "")
        )
    return issue


@transaction.atomic
def bundle(issue, obstacles, user=None):
    """Link obstacles to a systemic issue, each with an entry on its timeline."""
    obstacles = list(obstacles)
    for obstacle in obstacles:
        obstacle.systemic_issue = issue
        obstacle.save(update_fields=["systemic_issue", "updated", "search_text", "county"])
        ObstacleEvent.objects.create(
            obstacle=obstacle,
            kind=EventKind.SYSTEMIC,
            author=user,
            text=_("به موضوع فراگیر «%(issue)s» (سطح %(level)s) پیوست.")
            % {"issue": issue, "level": issue.get_level_display()},
        )
    obstacles_changed(*obstacles)
    return obstacles


@transaction.atomic
def raise_issue(issue, obstacles=(), user=None):
    """Raise a systemic issue or save an edited one; the chosen obstacles join it, and a new one is announced
    to the level it is raised to."""
    raised = issue.pk is None
    if raised and user is not None and issue.raised_by_id is None:
        issue.raised_by = user
    issue.save()
    if obstacles:
        bundle(issue, obstacles, user=user)
    if raised:
        transaction.on_commit(lambda: notify.systemic_raised(issue))
    return issue


# ---------------------------------------------------------------- records of the past (the import)


@dataclass
class PastObstacle:
    """One obstacle of the past as the import hands it over: ``obstacle`` unsaved (its status, outcome, failure
    party and closing date already those the file gives), or a registered one (pk set) that gains ``referrals``;
    ``referrals``: unsaved Referral rows (agency, dates, status, answer) with ``answered`` the day of the answer."""

    obstacle: Obstacle
    referrals: list = field(default_factory=list)  # [(Referral, answered day or None)]


def moment(day):
    """A past day as the moment its timeline entry is dated (noon, local time): the timeline reads in order."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@transaction.atomic
def record_past(records, user=None):
    """The bulk form of ``save_obstacle``, ``refer``, ``answer`` and ``close`` for obstacles of the past (one batch
    of the import): the same rows and entries, dated on the days the file gives.

    Each new obstacle gets its derived fields (county, search text, follower: ``Obstacle.derive``), its timeline
    (registered; each referral and answer; closed with its outcome, or taken up), the change-log entries of the
    obstacle and its referrals (source: import), and the hooks run once for the batch (the county figures, once
    per import inside ``one_bump_per_county``). **Quiet**: events long past notify no one — no e-mail, SMS or bell,
    no producer asked to confirm a «done» — and an open referral already past its due date is marked as told
    (``overdue_notified``), so the daily job does not announce years-old delays. Returns the Changed handed to
    the hooks."""
    actor = current_actor()
    if user is None and actor is not None:
        user = actor.user
    now = timezone.now()
    source = ChangeSource.IMPORT
    entries, events, counties = [], [], set()
    new = [record.obstacle for record in records if record.obstacle.pk is None]
    is_new = {id(obstacle) for obstacle in new}
    for record in records:
        if record.referrals and record.obstacle.status == ObstacleStatus.REGISTERED and id(record.obstacle) in is_new:
            record.obstacle.status = ObstacleStatus.REFERRED  # as ``refer``: referred once an agency has it
    inserter = Inserter(Obstacle, batch=len(new) or 1)
    for obstacle, pk in zip(new, reserve_ids(Obstacle, len(new)), strict=True):
        obstacle.reported_by = user
        obstacle.derive(creating=True)
        obstacle.pk, obstacle.created, obstacle.updated = pk, now, now
        inserter.add(id=pk, **row_values(obstacle, inserter.fields))
        entries.append(entry_values(obstacle, ChangeAction.CREATE, user=user, source=source))
        event = obstacle.created_event()
        event.created = moment(obstacle.reported_date)
        events.append(event)
        counties.add(obstacle.county_id)
    inserter.flush()
    referrals = [(record.obstacle, *past) for record in records for past in record.referrals]
    rows = Inserter(Referral, batch=len(referrals) or 1)
    day = today()
    for (obstacle, referral, answered), pk in zip(referrals, reserve_ids(Referral, len(referrals)), strict=True):
        referral.obstacle, referral.referred_by = obstacle, user
        referral.overdue_notified = referral.status in OPEN_REFERRAL_STATUSES and referral.due_date < day
        referral.pk, referral.created, referral.updated = pk, now, now
        rows.add(id=pk, **row_values(referral, rows.fields))
        entries.append(entry_values(referral, ChangeAction.CREATE, user=user, source=source))
        event = referral_event(referral, user)
        event.created = moment(referral.referred_date)
        events.append(event)
        if answered is not None:
            event = answer_event(referral, referral.responded_by, referral.response)
            event.created = moment(answered)
            events.append(event)
        counties.add(obstacle.county_id)
    rows.flush()
    written = [r.obstacle for r in records if id(r.obstacle) in is_new or r.referrals]
    for record in records:
        obstacle = record.obstacle
        if id(obstacle) not in is_new:
            if record.referrals and obstacle.status == ObstacleStatus.REGISTERED:
                # As ``refer``: a registered obstacle referred to an agency is «referred».
                obstacle.status = ObstacleStatus.REFERRED
                obstacle.updated = now
                entries.append(entry_values(obstacle, ChangeAction.UPDATE, diff(obstacle), user=user, source=source))
                Obstacle.objects.filter(pk=obstacle.pk).update(status=obstacle.status, updated=now)
            continue
        if obstacle.status in CLOSED_STATUSES:
            event = ObstacleEvent(
                obstacle=obstacle,
                kind=EventKind.STATUS,
                author=user,
                text=closing_text(obstacle),
                data={"to": obstacle.status},
                created=moment(obstacle.closed_date),
            )
            events.append(event)
        elif obstacle.status == ObstacleStatus.IN_PROGRESS:
            # As ``start_progress``: the agency took it up.
            taken = max((answered for _r, answered in record.referrals if answered), default=obstacle.reported_date)
            text = _("وضعیت از «%(old)s» به «%(new)s» تغییر کرد.") % {
                "old": ObstacleStatus.REFERRED.label,
                "new": ObstacleStatus.IN_PROGRESS.label,
            }
            events.append(
                ObstacleEvent(
                    obstacle=obstacle,
                    kind=EventKind.STATUS,
                    author=user,
                    text=text,
                    data={"to": obstacle.status},
                    created=moment(taken),
                )
            )
    timeline = Inserter(ObstacleEvent, batch=len(events) or 1)
    for event, pk in zip(events, reserve_ids(ObstacleEvent, len(events)), strict=True):
        event.pk, event.updated = pk, now
        timeline.add(id=pk, **row_values(event, timeline.fields))
    timeline.flush()
    log = Inserter(ChangeLogEntry, batch=len(entries) or 1)
    for entry in entries:
        log.add(**entry)
    log.flush()
    changed = Changed([*written, *(referral for _o, referral, _a in referrals)], counties)
    changed_hooks.run(changed)
    return changed
