"""The meetings' business events, one function each: plan or edit a meeting, hold, approve (and freeze),
cancel and amend it, carry its open items over, invite agencies, put an obstacle on its agenda, open an obstacle
from an agenda item, a field visit's finding or a service desk's request; pass or edit a resolution (which
refers its obstacle), report progress or execution of it, verify it, and the rest of its follow-up.

Each does the whole event in one transaction — the change, its change-log entries (the meeting's or
resolution's history is its record), notifications and the minutes' PDF once it commits, and then the effects
other apps own, through the hooks they register with ``after_meetings_changed`` (the county dashboard's
figures in reports) — and pages, the API, the admin, tasks and the demo call it. The models keep the rules of
state."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import override

from tashil.core.bulk import Inserter, reserve_ids, row_values
from tashil.core.changelog import current_actor, entry_values, log_event
from tashil.core.choices import ChangeAction, ChangeSource, ScopeLevel
from tashil.core.hooks import Changed, Hooks
from tashil.core.jalali import format_jalali, today
from tashil.core.models import ChangeLogEntry
from tashil.core.persian import to_persian_digits
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import Source

from .choices import AgendaStatus, MeetingStatus, ResolutionStatus
from .models import AgendaItem, Attendance, Meeting, MinutesAmendment, Resolution, check_same_county
from .tasks import store_minutes

# Meetings whose number is on paper (held, minutes approved): their numbers never move.
ON_RECORD = (MeetingStatus.HELD, MeetingStatus.APPROVED)
# Far above any real session number: where a moving number waits so that no two meetings share one.
PARKING = 1_000_000


# ---------------------------------------------------------------- what other apps do after meetings change

changed_hooks = Hooks()
# Register ``hook(Changed)``: the meetings and resolutions one event wrote, and the counties whose figures count them.
after_meetings_changed = changed_hooks.register


def meetings_changed(*rows):
    """Tell the hooks what one event wrote (meetings, resolutions)."""
    changed_hooks.run(Changed(list(rows), {row.county_id for row in rows}))


@transaction.atomic
def save_meeting(meeting, user=None):
    """Plan a meeting or save an edited one (the page's form, the API, the admin); its county's figures, and when
    a planned meeting's day, hours or place moved, the notice to the invitees already invited
    (``announce_schedule``)."""
    moved = meeting.pk is not None and schedule_changed(meeting)
    changed_hooks.save(meeting)
    if moved:
        announce_schedule(meeting, user)
    return meeting


@transaction.atomic
def save_attendance(row, user=None):
    """Add or edit one attendance row (its page, the API): the meeting's county figures count it (the scorecard's
    present / represented / absent)."""
    row.save()
    meetings_changed(row.meeting)
    return row


@transaction.atomic
def number_by_date(series):
    """Number the series' meetings not yet on record by date, after the last number on record, so a meeting
    added or moved before planned ones takes its place among them (۵۳ before ۵۴, as the dates go).
    Each renumbered meeting gets its change-log entry (old → new number); returns {pk: number}."""
    meetings = series.meetings.select_for_update()
    top = max((n for n in meetings.filter(status__in=ON_RECORD).values_list("number", flat=True)), default=0)
    movable = list(meetings.filter(number__gt=top).exclude(status__in=ON_RECORD).order_by("date", "pk"))
    numbers = {meeting.pk: top + index for index, meeting in enumerate(movable, start=1)}
    moving = [meeting for meeting in movable if meeting.number != numbers[meeting.pk]]
    series.meetings.filter(pk__in=[m.pk for m in moving]).update(number=F("number") + PARKING)
    for meeting in moving:
        meeting.number = numbers[meeting.pk]
        meeting.save(update_fields=["number", "updated"])
    return numbers


def tell_agencies(meeting, resolutions):
    """The officers of each agency with a resolution in the approved minutes hear of it and of the objection
    window (called once the approval commits)."""
    from tashil.notifications.models import NotificationKind
    from tashil.notifications.services import notify
    from tashil.obstacles.notify import agency_officers

    for resolution in resolutions:
        if resolution.agency_id is None:
            continue
        notify(
            agency_officers(resolution.agency),
            NotificationKind.INFO,
            _("مصوبه تازه برای «%(agency)s»: %(resolution)s") % {"agency": resolution.agency, "resolution": resolution},
            _("%(text)s — مهلت اجرا %(deadline)s؛ اعتراض تا %(objection)s.")
            % {
                "text": resolution.text[:300],
                "deadline": format_jalali(resolution.deadline),
                "objection": format_jalali(resolution.objection_deadline),
            },
            resolution.get_absolute_url(),
        )


@transaction.atomic
def invite_agencies(meeting, user=None):
    """Invite the county's active agencies not yet on the attendance list; each row is saved (and logged on
    the meeting's history), with one entry saying how many were invited. Returns the new rows."""
    from tashil.orgs.models import Agency

    if reason := meeting.locked_reason():
        raise ValidationError(reason)
    listed = meeting.attendance.exclude(agency=None).values_list("agency_id", flat=True)
    agencies = Agency.objects.filter(level=ScopeLevel.COUNTY, county=meeting.county, is_active=True)
    invited = []
    for agency in agencies.exclude(pk__in=listed).order_by("name", "pk"):
        row = Attendance(meeting=meeting, agency=agency)
        row.save()
        invited.append(row)
    if invited:
        log_event(meeting, _("%(count)s دستگاه دعوت شد.") % {"count": to_persian_digits(len(invited))})
        meetings_changed(meeting)
    return invited


# ---------------------------------------------------------------- invitations (meetings/invitations.py)

SCHEDULE_FIELDS = ("date", "start_time", "end_time", "place")


def queue_invitations(meeting, rows, method, update=False, user=None):
    """Once the transaction commits, one task per invitee: the e-mail with the .ics, and the SMS."""
    from .tasks import send_invitation

    ids, sequence, user_id = [row.pk for row in rows], meeting.invitation_sequence, getattr(user, "pk", None)

    def enqueue():
        for pk in ids:
            send_invitation.enqueue(pk, sequence, method, update=update, user_id=user_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def send_invitations(meeting, user=None):
    """«دعوت»: send the invitation to each invitee on the list not yet invited — an e-mail with the calendar file,
    an SMS with the answer link, and the invitation letter where the letters app issues one. Returns the rows."""
    from .invitations import REQUEST

    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("دعوتنامه تنها برای جلسه برنامه‌ریزی‌شده فرستاده می‌شود؛ این جلسه «%(s)s» است.")
            % {"s": meeting.get_status_display()}
        )
    if meeting.date < today():
        raise ValidationError(
            _("تاریخ این جلسه (%(date)s) گذشته است؛ دعوتنامه فرستاده نمی‌شود.") % {"date": format_jalali(meeting.date)}
        )
    if not meeting.attendance.exists():
        raise ValidationError(_("فهرست دعوت این جلسه خالی است؛ نخست دستگاه‌ها، واحدها یا افراد را به حاضران بیفزایید."))
    rows = list(meeting.attendance.select_for_update().filter(invited_at=None).order_by("pk"))
    if not rows:
        raise ValidationError(_("همه کسانی که در فهرست دعوت‌اند پیش‌تر دعوت شده‌اند."))
    now = timezone.now()
    for row in rows:
        row.invited_at = now
        row.save(update_fields=["invited_at", "updated"])
    log_event(
        meeting,
        _("دعوتنامه برای %(count)s دعوت‌شده فرستاده شد: %(names)s")
        % {"count": to_persian_digits(len(rows)), "names": "، ".join(row.invitee for row in rows)},
    )
    queue_invitations(meeting, rows, REQUEST, user=user)
    return rows


def schedule_changed(meeting):
    """Whether the day, hours or place differ from what was loaded (``BaseModel.from_db``); asked before the
    change is saved (the change log takes a new snapshot on save)."""
    loaded = getattr(meeting, "_loaded_values", None)
    if loaded is None:
        return False
    return any(loaded.get(name, getattr(meeting, name)) != getattr(meeting, name) for name in SCHEDULE_FIELDS)


@transaction.atomic
def announce_schedule(meeting, user=None):
    """After a planned meeting's day, hours or place changed (``save_meeting`` asks ``schedule_changed`` before
    saving and calls this once the change is saved): the invitees already invited get the update — the next
    calendar SEQUENCE, an e-mail and an SMS. Returns the rows told (none when nothing went out before)."""
    from .invitations import REQUEST

    if meeting.status != MeetingStatus.PLANNED:
        return []
    rows = list(meeting.attendance.exclude(invited_at=None).order_by("pk"))
    if not rows:
        return []
    Meeting = type(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(invitation_sequence=F("invitation_sequence") + 1)
    meeting.invitation_sequence = Meeting.objects.filter(pk=meeting.pk).values_list("invitation_sequence", flat=True)[0]
    log_event(
        meeting,
        _("تغییر زمان یا محل جلسه به %(count)s دعوت‌شده اعلام شد.") % {"count": to_persian_digits(len(rows))},
    )
    queue_invitations(meeting, rows, REQUEST, update=True, user=user)
    return rows


@transaction.atomic
def answer_invitation(row, answer, name="", position=""):
    """An invitee's answer from the signed link: attend, send a representative (name and post), or cannot attend.
    It can be changed until the meeting is held, and fills the attendance ahead of the meeting (the secretariat
    confirms it when holding the meeting)."""
    from .choices import ANSWER_ATTENDANCE, AttendanceStatus, InvitationAnswer

    row = type(row).objects.select_for_update().select_related("meeting").get(pk=row.pk)
    meeting = row.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("این جلسه لغو شده است؛ پاسخی لازم نیست."))
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("این جلسه برگزار شده است؛ پاسخ دعوت دیگر تغییر نمی‌کند."))
    if answer not in InvitationAnswer.values:
        raise ValidationError({"answer": _("یکی از پاسخ‌ها را برگزینید: حضور، معرفی نماینده یا عذر.")})
    name, position = (name or "").strip(), (position or "").strip()
    errors = {}
    if answer == InvitationAnswer.REPRESENT:
        if not name:
            errors["name"] = _("نام نماینده را بنویسید.")
        if not position:
            errors["position"] = _("سمت نماینده را بنویسید.")
    if errors:
        raise ValidationError(errors)
    row.answer, row.answered_at = answer, timezone.now()
    row.answer_name = name[:150] if answer != InvitationAnswer.DECLINE else ""
    row.answer_position = position[:150] if answer != InvitationAnswer.DECLINE else ""
    row.status = ANSWER_ATTENDANCE[answer]
    if answer == InvitationAnswer.REPRESENT:
        row.represented_by = _("%(name)s، %(position)s") % {"name": name, "position": position}
    else:
        row.represented_by = ""
        if answer == InvitationAnswer.ATTEND and name:
            row.person_name, row.position = name[:150], position[:150] or row.position
    if row.status == AttendanceStatus.REPRESENTED and not row.represented_by:
        raise ValidationError({"name": _("نام نماینده را بنویسید.")})
    row.save()
    log_event(
        meeting,
        _("پاسخ «%(invitee)s» به دعوت: %(answer)s%(who)s")
        % {
            "invitee": row.invitee,
            "answer": row.get_answer_display(),
            "who": f" ({row.represented_by})" if row.represented_by else "",
        },
    )
    meetings_changed(row.meeting)  # the expected attendance the scorecard and quorum read
    return row


@transaction.atomic
def mark_attendance(meeting, rows, user=None):
    """Everyone's presence in one go: each row checked as the model checks it, and saved only when none is
    refused (each refusal names its row)."""
    if reason := meeting.locked_reason():
        raise ValidationError(reason)
    errors = []
    for row in rows:
        try:
            row.full_clean()
        except ValidationError as error:
            errors.append(f"{row}: {' '.join(error.messages)}")
    if errors:
        raise ValidationError(errors)
    for row in rows:
        row.save()
    meetings_changed(meeting)  # the scorecard's attendance figures
    return rows


@transaction.atomic
def hold(meeting, user=None):
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("تنها جلسه برنامه‌ریزی‌شده برگزار می‌شود؛ این جلسه «%(s)s» است.") % {"s": meeting.get_status_display()}
        )
    if meeting.date > today():
        raise ValidationError(_("جلسه‌ای که تاریخ آن نرسیده را نمی‌توان برگزارشده ثبت کرد."))
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status", "updated"])
    log_event(meeting, _("جلسه برگزارشده ثبت شد."))
    meetings_changed(meeting)
    return meeting


@transaction.atomic
def approve(meeting, user=None):
    """Approve and freeze the minutes; the resolutions' objection windows start today."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            _("صورتجلسه را پس از برگزاری جلسه می‌توان تأیید کرد؛ این جلسه «%(s)s» است.")
            % {"s": meeting.get_status_display()}
        )
    meeting.status = MeetingStatus.APPROVED
    meeting.approved_at, meeting.approved_by = timezone.now(), user
    meeting.save(update_fields=["status", "approved_at", "approved_by", "updated"])
    deadline = today() + datetime.timedelta(days=settings.TASHIL_OBJECTION_DAYS)
    opened = list(meeting.resolutions.filter(objection_deadline__isnull=True).select_related("agency"))
    for resolution in opened:  # each saved, so each gets its change-log entry (the new objection deadline)
        resolution.objection_deadline = deadline
        resolution.save(update_fields=["objection_deadline", "updated"])
    log_event(meeting, _("صورتجلسه تأیید و قفل شد."))
    meetings_changed(meeting, *opened)
    pk = meeting.pk
    transaction.on_commit(lambda: store_minutes.enqueue(pk))
    transaction.on_commit(lambda: tell_agencies(meeting, opened))
    return meeting


@transaction.atomic
def cancel(meeting, reason, user=None):
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("تنها جلسه برنامه‌ریزی‌شده را می‌توان لغو کرد."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("دلیل لغو جلسه را بنویسید.")})
    meeting.status, meeting.cancel_reason = MeetingStatus.CANCELLED, reason.strip()
    invited = list(meeting.attendance.exclude(invited_at=None).order_by("pk"))
    if invited:
        meeting.invitation_sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "invitation_sequence", "updated"])
    log_event(meeting, _("جلسه لغو شد: %(reason)s") % {"reason": meeting.cancel_reason})
    if invited:
        from .invitations import CANCEL

        log_event(meeting, _("لغو جلسه به %(count)s دعوت‌شده اعلام شد.") % {"count": to_persian_digits(len(invited))})
        queue_invitations(meeting, invited, CANCEL, user=user)
    meetings_changed(meeting)
    return meeting


@transaction.atomic
def amend(meeting, text, reason, user=None):
    if not meeting.is_frozen:
        raise ValidationError(_("پیش از تأیید صورتجلسه، خود جلسه را ویرایش کنید؛ اصلاحیه برای صورتجلسه قفل‌شده است."))
    if not (text or "").strip() or not (reason or "").strip():
        raise ValidationError(_("متن اصلاحیه و دلیل آن هر دو لازم است."))
    amendment = MinutesAmendment.objects.create(meeting=meeting, text=text.strip(), reason=reason.strip(), author=user)
    log_event(meeting, _("اصلاحیه صورتجلسه ثبت شد: %(reason)s") % {"reason": amendment.reason})
    pk = meeting.pk
    transaction.on_commit(lambda: store_minutes.enqueue(pk))
    return amendment


@transaction.atomic
def carry_over(meeting, user=None):
    """Move every unfinished agenda item to the series' next meeting, keeping the chain of history.

    The follow-up of approved minutes too (``MINUTES_FOLLOW_UPS``): it writes the copies on the next meeting (a
    planned one, never locked) and, of the minutes, only each item's «carried» status; the rest of them stays as
    approved."""
    items = list(meeting.agenda_items.filter(status=AgendaStatus.OPEN))
    if not items:
        raise ValidationError(_("دستور کار بازی برای انتقال نمانده است."))
    target = meeting.next_meeting(user=user)
    start = target.agenda_items.aggregate(top=Max("order"))["top"] or 0
    for offset, item in enumerate(items, start=1):
        copy = AgendaItem.objects.create(
            meeting=target,
            order=start + offset,
            unit=item.unit,
            title=item.title,
            discussion="",
            carried_from=item,
            objected_resolution=item.objected_resolution,
        )
        copy.obstacles.set(item.obstacles.all())
        item.status = AgendaStatus.CARRIED
        item.save(update_fields=["status", "updated"])
    log_event(
        meeting,
        _("%(count)s دستور کار به %(target)s منتقل شد.") % {"count": to_persian_digits(len(items)), "target": target},
    )
    meetings_changed(meeting, target)
    return target


@transaction.atomic
def report_progress(resolution, note, user=None):
    resolution.refuse_if_closed()
    if resolution.status == ResolutionStatus.OBJECTED:
        raise ValidationError(_("این مصوبه مورد اعتراض است و تا رسیدگی در جلسه بعد اجرا نمی‌شود."))
    if not (note or "").strip():
        raise ValidationError({"note": _("گزارش پیشرفت را بنویسید.")})
    resolution.status, resolution.progress_note = ResolutionStatus.IN_PROGRESS, note.strip()
    resolution.save(update_fields=["status", "progress_note", "updated"])
    log_event(resolution, _("گزارش پیشرفت: %(note)s") % {"note": resolution.progress_note})
    meetings_changed(resolution)


@transaction.atomic
def report_execution(resolution, evidence, evidence_file=None, user=None):
    """The responsible agency reports execution with evidence; the secretariat then verifies."""
    resolution.refuse_if_closed()
    if resolution.status == ResolutionStatus.OBJECTED:
        raise ValidationError(_("این مصوبه مورد اعتراض است و تا رسیدگی در جلسه بعد اجرا نمی‌شود."))
    if not (evidence or "").strip() and not evidence_file:
        raise ValidationError({"evidence": _("اجرای مصوبه مستند می‌خواهد: شرح اقدام یا فایل پیوست.")})
    resolution.status = ResolutionStatus.IN_PROGRESS
    resolution.evidence = (evidence or "").strip()
    if evidence_file:
        resolution.evidence_file = evidence_file
        resolution.evidence_name = get_valid_filename(Path(evidence_file.name or "").name)[:255]
    resolution.reported_at, resolution.reported_by = timezone.now(), user
    resolution.save()
    log_event(
        resolution,
        _("اجرای مصوبه گزارش شد؛ در انتظار تأیید دبیرخانه. %(evidence)s") % {"evidence": resolution.evidence},
    )
    meetings_changed(resolution)


@transaction.atomic
def verify(resolution, user=None):
    """The secretariat confirms the reported execution; an obstacle the resolution was about is resolved."""
    from tashil.obstacles.choices import Outcome

    resolution.refuse_if_closed()
    if resolution.reported_at is None:
        raise ValidationError(_("اجرای این مصوبه هنوز با مستندات گزارش نشده است."))
    resolution.status = ResolutionStatus.EXECUTED
    resolution.verified_at, resolution.verified_by = timezone.now(), user
    resolution.closed_date = today()
    resolution.save()
    log_event(resolution, _("اجرای مصوبه تأیید شد."))
    meetings_changed(resolution)
    if resolution.obstacle is not None and resolution.obstacle.is_open:
        from tashil.obstacles import services as obstacle_services

        note = _("با اجرای %(resolution)s") % {"resolution": resolution}
        obstacle_services.close(resolution.obstacle, Outcome.RESOLVED, user=user, note=note)


@transaction.atomic
def reject_report(resolution, reason, user=None):
    resolution.refuse_if_closed()
    if resolution.reported_at is None:
        raise ValidationError(_("گزارشی برای رد کردن نیست."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("دلیل نپذیرفتن گزارش را بنویسید.")})
    resolution.reported_at = None
    resolution.save(update_fields=["reported_at", "updated"])
    log_event(resolution, _("گزارش اجرا پذیرفته نشد: %(reason)s") % {"reason": reason.strip()})
    meetings_changed(resolution)


@transaction.atomic
def mark_not_executed(resolution, failure_party, note="", user=None):
    resolution.refuse_if_closed()
    if failure_party not in ("agency", "producer", "external"):
        raise ValidationError(
            {"failure_party": _("بنویسید اجرانشدن بر عهده کیست: دستگاه، تولیدکننده یا عوامل بیرونی.")}
        )
    if failure_party == "producer" and not resolution.producer_must_act and not resolution.unit_id:
        raise ValidationError({"failure_party": _("این مصوبه تعهدی برای تولیدکننده نداشت.")})
    resolution.status, resolution.failure_party = ResolutionStatus.NOT_EXECUTED, failure_party
    resolution.outcome_note, resolution.closed_date = (note or "").strip(), today()
    resolution.save()
    log_event(resolution, _("اجرانشده؛ مسئول: %(party)s") % {"party": resolution.get_failure_party_display()})
    meetings_changed(resolution)


@transaction.atomic
def cancel_resolution(resolution, note, user=None):
    resolution.refuse_if_closed()
    if not (note or "").strip():
        raise ValidationError({"note": _("دلیل لغو مصوبه را بنویسید.")})
    resolution.status, resolution.outcome_note, resolution.closed_date = (
        ResolutionStatus.CANCELLED,
        note.strip(),
        today(),
    )
    resolution.save()
    log_event(resolution, _("مصوبه لغو شد: %(note)s") % {"note": resolution.outcome_note})
    meetings_changed(resolution)


@transaction.atomic
def object_to(resolution, reason, user=None):
    """The responsible agency objects within the window; the resolution goes back to the next meeting."""
    if not resolution.objection_open:
        if resolution.objection_deadline is None:
            raise ValidationError(_("مهلت اعتراض پس از تأیید صورتجلسه آغاز می‌شود."))
        if resolution.status == ResolutionStatus.OBJECTED:
            raise ValidationError(_("به این مصوبه پیش‌تر اعتراض شده است."))
        if not resolution.is_open:
            resolution.refuse_if_closed()
        raise ValidationError(
            _("مهلت اعتراض به این مصوبه در %(day)s به پایان رسیده است.")
            % {"day": format_jalali(resolution.objection_deadline)}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("دلیل اعتراض را بنویسید.")})
    resolution.status, resolution.objection, resolution.objected_at = (
        ResolutionStatus.OBJECTED,
        reason.strip(),
        timezone.now(),
    )
    resolution.save()
    target = resolution.meeting.next_meeting(user=user)
    order = (target.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1
    AgendaItem.objects.create(
        meeting=target,
        order=order,
        unit=resolution.unit,
        title=_("رسیدگی به اعتراض «%(agency)s» به %(resolution)s")
        % {"agency": resolution.agency, "resolution": resolution},
        discussion=resolution.objection,
        objected_resolution=resolution,
    )
    log_event(
        resolution,
        _("اعتراض ثبت شد و به %(meeting)s رفت: %(reason)s") % {"meeting": target, "reason": resolution.objection},
    )
    meetings_changed(resolution, target)
    return target


@transaction.atomic
def reaffirm(resolution, note="", user=None):
    """A later meeting keeps the objected resolution: it is binding again."""
    if resolution.status != ResolutionStatus.OBJECTED:
        raise ValidationError(_("تنها مصوبه مورد اعتراض را می‌توان تأیید دوباره کرد."))
    resolution.status = ResolutionStatus.PENDING
    resolution.save(update_fields=["status", "updated"])
    log_event(resolution, _("مصوبه پس از رسیدگی به اعتراض دوباره تأیید شد. %(note)s") % {"note": note})
    meetings_changed(resolution)


@transaction.atomic
def save_resolution(resolution, user=None):
    """Pass a resolution or save an edited one (the page's form, the API, the admin): a resolution on an obstacle
    refers it to the responsible agency (``move_obstacle_forward``); its county's figures."""
    resolution.save()
    move_obstacle_forward(resolution, user=user)
    meetings_changed(resolution)
    return resolution


def move_obstacle_forward(resolution, user=None):
    """A resolution on an open obstacle refers it to the responsible agency, due by the resolution's deadline,
    unless that agency already holds an open referral of it. Returns the referral, or None."""
    from tashil.obstacles.choices import OPEN_REFERRAL_STATUSES

    obstacle = resolution.obstacle
    if obstacle is None or not obstacle.is_open or not resolution.agency_id:
        return None
    if obstacle.referrals.filter(agency_id=resolution.agency_id, status__in=OPEN_REFERRAL_STATUSES).exists():
        return None
    note = _("به موجب %(resolution)s") % {"resolution": resolution}
    return obstacle_services.refer(obstacle, [resolution.agency], user=user, due_date=resolution.deadline, note=note)[0]


@transaction.atomic
def put_on_agenda(meeting, obstacle, user=None):
    """Put an obstacle on the meeting's agenda: a new item with the obstacle's unit and title (once while the item
    is open). Returns the item."""
    if reason := meeting.locked_reason():
        raise ValidationError(reason)
    check_same_county(meeting, obstacle=obstacle)
    if meeting.agenda_items.filter(obstacles=obstacle, status=AgendaStatus.OPEN).exists():
        raise ValidationError({"obstacle": _("«%(o)s» هم‌اکنون در دستور این جلسه است.") % {"o": obstacle}})
    order = (meeting.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, order=order, unit=obstacle.unit, title=obstacle.title)
    item.obstacles.add(obstacle)
    return item


# ---------------------------------------------------------------- obstacles opened from the minutes
#
# Opening an obstacle from an agenda item, a field visit's finding or a service desk's request is the follow-up
# the minutes call for, so it works after they are approved too: it writes a new obstacle and, of the minutes,
# only the link to it (the item's obstacles, the finding's ``obstacle``); every other edit or delete of them
# stays refused (``locked_reason``). A desk request opens its obstacle as it is registered.


@transaction.atomic
def item_to_obstacle(item, group, text="", user=None):
    """An agenda item's matter as a new obstacle of its unit (source: the working group), added to the item's
    obstacles. Returns the obstacle."""
    if item.unit_id is None:
        raise ValidationError(_("این دستور کار واحدی ندارد؛ مانع از آنِ یک واحد است."))
    obstacle = obstacle_services.open_obstacle(
        unit=item.unit,
        group=group,
        text=text or item.title,
        source=Source.MEETING,
        user=user,
        reported_date=item.meeting.date,
    )
    item.obstacles.add(obstacle)
    return obstacle


def finding_to_obstacle(finding, user=None):
    """A field visit's finding as an obstacle (source: field visit), once."""
    return obstacle_services.open_from(
        finding,
        unit=finding.unit,
        group=finding.group,
        text=finding.finding,
        source=Source.FIELD_VISIT,
        user=user,
        reported_date=finding.meeting.date,
    )


@transaction.atomic
def register_desk_request(desk, user=None):
    """Save a service desk's request as an obstacle (source: service desk) referred to the desk's agency."""
    desk.save()
    obstacle = obstacle_services.open_from(
        desk,
        unit=desk.unit,
        group=desk.group,
        text=desk.request,
        source=Source.SERVICE_DESK,
        user=user,
        reported_date=desk.meeting.date,
    )
    note = _("ثبت در %(meeting)s") % {"meeting": desk.meeting}
    obstacle_services.refer(obstacle, [desk.agency], user=user, note=note)
    return obstacle


# ---------------------------------------------------------------- records of the past (the import)


@transaction.atomic
def record_past(meetings, resolutions, user=None):
    """The bulk form of ``save_meeting`` + ``hold`` and of ``save_resolution`` with its follow-up (``verify``,
    ``mark_not_executed``, ``cancel_resolution``, ``report_progress``) for meetings and resolutions of the past
    (one batch of the import), with the change-log entries and events those write, dated as the file says.

    ``meetings``: new meetings (unsaved, held, their series set and numbered); ``resolutions``: new resolutions
    (unsaved, of a new or a registered meeting; status, closing date, failure party and note already the file's).
    **Quiet**: nothing is sent — no invitation, minutes PDF, notice to the agencies or objection window (the
    meetings are held, not approved: approving them later is the secretariat's, with its own effects). The series'
    planned meetings are renumbered after the held ones (``number_by_date``), and the hooks run once for the batch
    (the county figures: the follow-up board and the execution rates count the past). Returns the Changed."""
    actor = current_actor()
    if user is None and actor is not None:
        user = actor.user
    now = timezone.now()
    source = ChangeSource.IMPORT
    entries, counties, series = [], set(), {}
    with override("fa"):
        held = _("جلسه برگزارشده ثبت شد.")
    rows = Inserter(Meeting, batch=len(meetings) or 1)
    for meeting, pk in zip(meetings, reserve_ids(Meeting, len(meetings)), strict=True):
        meeting.derive()
        meeting.pk, meeting.created, meeting.updated = pk, now, now
        rows.add(id=pk, **row_values(meeting, rows.fields))
        entries.append(entry_values(meeting, ChangeAction.CREATE, user=user, source=source))
        entries.append(entry_values(meeting, ChangeAction.EVENT, message=held, user=user, source=source))
        counties.add(meeting.county_id)
        series[meeting.series_id] = meeting.series
    rows.flush()
    rows = Inserter(Resolution, batch=len(resolutions) or 1)
    for resolution, pk in zip(resolutions, reserve_ids(Resolution, len(resolutions)), strict=True):
        resolution.meeting = resolution.meeting  # its meeting's pk, given above when the meeting is new
        resolution.derive()
        resolution.pk, resolution.created, resolution.updated = pk, now, now
        if resolution.status == ResolutionStatus.EXECUTED:
            resolution.reported_by = resolution.verified_by = user
        rows.add(id=pk, **row_values(resolution, rows.fields))
        entries.append(entry_values(resolution, ChangeAction.CREATE, user=user, source=source))
        if message := past_outcome(resolution):
            entries.append(entry_values(resolution, ChangeAction.EVENT, message=message, user=user, source=source))
        counties.add(resolution.county_id)
    rows.flush()
    log = Inserter(ChangeLogEntry, batch=len(entries) or 1)
    for entry in entries:
        log.add(**entry)
    log.flush()
    for one in series.values():
        number_by_date(one)
    changed = Changed([*meetings, *resolutions], counties)
    changed_hooks.run(changed)
    return changed


def past_outcome(resolution):
    """The event a resolution's follow-up writes, in the same words, for a resolution imported in that state."""
    with override("fa"):
        if resolution.status == ResolutionStatus.EXECUTED:
            return _("اجرای مصوبه تأیید شد.")
        if resolution.status == ResolutionStatus.NOT_EXECUTED:
            return _("اجرانشده؛ مسئول: %(party)s") % {"party": resolution.get_failure_party_display()}
        if resolution.status == ResolutionStatus.CANCELLED:
            return _("مصوبه لغو شد: %(note)s") % {"note": resolution.outcome_note}
        if resolution.status == ResolutionStatus.IN_PROGRESS and resolution.progress_note:
            return _("گزارش پیشرفت: %(note)s") % {"note": resolution.progress_note}
    return ""
