"""The obstacles' business events, one function each: register or edit an obstacle, open one from a source,
refer it, an agency's answer, escalate (an obstacle, or a late referral), close, comment, attach a file; raise a
systemic issue's status and bundle obstacles into it.

Each does the whole event in one transaction: the change, its timeline entry (``ObstacleEvent``, the
obstacle's own record), the change log (through the saves), the notifications once it commits, and then the
effects other apps own, through the hooks they register with ``after_obstacles_changed`` from their
AppConfig.ready() (the county dashboard's figures in reports): obstacles sits below those apps and imports
none of them. Pages, the API, the admin, other apps' services (meetings, clinic), tasks and the demo call
these; the model keeps the rules that say what state an obstacle may be in (``refuse_if_closed``, ``clean``).
"""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tashil.core.choices import ScopeLevel
from tashil.core.hooks import Changed, Hooks
from tashil.core.jalali import format_jalali, today
from tashil.core.persian import to_persian_digits
from tashil.core.workdays import WorkCalendar

from . import notify
from .choices import (
    CLOSED_STATUSES,
    OPEN_REFERRAL_STATUSES,
    OUTCOME_STATUS,
    EventKind,
    FailureParty,
    ObstacleStatus,
    Outcome,
    ReferralStatus,
    Severity,
)
from .models import LEVEL_ORDER, Attachment, Obstacle, ObstacleEvent, Referral, SystemicIssue

STATUS_FIELDS = ["status", "updated", "search_text", "county"]


# ---------------------------------------------------------------- what other apps do after obstacles change

changed_hooks = Hooks()
# Register ``hook(Changed)``: the obstacles and referrals one event wrote, and the counties whose figures count them.
after_obstacles_changed = changed_hooks.register


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
    open_ones = set(obstacle.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).values_list("agency_id", flat=True))
    repeated = [a for a in agencies if a.pk in open_ones]
    if repeated:
        raise ValidationError(
            {"agencies": _("این مانع هم‌اکنون به «%(agency)s» ارجاع شده و پاسخ آن باز است.") % {"agency": repeated[0]}}
        )
    days = days or obstacle.group.effective_due_days
    calendar = WorkCalendar.load()
    start = today()
    created = []
    for agency in agencies:
        referral = Referral.objects.create(
            obstacle=obstacle,
            agency=agency,
            referred_by=user,
            referred_date=start,
            due_date=due_date or calendar.add_working_days(start, days),
            note=note,
        )
        if due_date:
            text = _("به «%(agency)s» ارجاع شد؛ مهلت تا %(due)s.") % {"agency": agency, "due": format_jalali(due_date)}
        else:
            text = _("به «%(agency)s» ارجاع شد؛ مهلت پاسخ %(days)s روز کاری، تا %(due)s.") % {
                "agency": agency,
                "days": to_persian_digits(days),
                "due": format_jalali(referral.due_date),
            }
        ObstacleEvent.objects.create(
            obstacle=obstacle,
            kind=EventKind.REFERRAL,
            author=user,
            referral=referral,
            text=text + (f" {note}" if note else ""),
        )
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
    if referral.first_response_date is None:
        referral.first_response_date = today()
    referral.save()
    ObstacleEvent.objects.create(
        obstacle=referral.obstacle,
        kind=EventKind.RESPONSE,
        author=user,
        referral=referral,
        text=_("«%(agency)s»: %(status)s") % {"agency": referral.agency, "status": referral.get_status_display()}
        + (f" — {text}" if text else ""),
    )
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.DONE):
        start_progress(referral.obstacle, user)
    obstacles_changed(referral)
    transaction.on_commit(lambda: notify.answered(referral))
    return referral


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
    text = _("بسته شد با نتیجه «%(outcome)s»") % {"outcome": obstacle.get_outcome_display()}
    if failure_party:
        text += _("؛ مسئول ناکامی: %(party)s") % {"party": obstacle.get_failure_party_display()}
    if note:
        text += f". {note}"
    set_status(obstacle, OUTCOME_STATUS[outcome], user, text)
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


@transaction.atomic
def attach(obstacle, upload, text="", user=None, internal=False):
    """A file on the obstacle's timeline (``internal``: not for the unit's representative), with its note."""
    attachment = Attachment.objects.create(
        obstacle=obstacle,
        file=upload,
        name=get_valid_filename(os.path.basename(upload.name))[:255],
        size=upload.size,
        content_type=upload.content_type or "application/octet-stream",
        internal=internal,
        uploaded_by=user,
    )
    ObstacleEvent.objects.create(
        obstacle=obstacle,
        kind=EventKind.ATTACHMENT,
        author=user,
        attachment=attachment,
        internal=internal,
        text=(text or "").strip() or _("فایل «%(name)s» پیوست شد.") % {"name": attachment.name},
    )
    return attachment


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
