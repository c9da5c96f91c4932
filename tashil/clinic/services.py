"""The clinic's business events, one function each: admit or edit a case, move it a step on, close it (or propose
a revival for the secretariat to confirm), credit a unit's revival to it, and turn its diagnosis's findings into
obstacles. Called by the case page, the API, the admin, the units hook (``hooks.credit_revivals``) and the demo.

Each does the whole event in one transaction — the change, its change-log entries — and then the effects other
apps own, through the hooks they register with ``after_cases_changed`` (the county dashboard's figures in
reports): clinic imports none of the apps above it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tashil.core import scope
from tashil.core.changelog import log_event
from tashil.core.hooks import Changed, Hooks
from tashil.core.jalali import format_jalali, to_jalali, today
from tashil.core.persian import to_persian_digits
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import Source

from .choices import CaseOutcome, CaseStatus
from .models import ClinicCase

CONFIRM = "confirm"
RETURN = "return"

# ---------------------------------------------------------------- what other apps do after cases change

changed_hooks = Hooks()
# Register ``hook(Changed)``: the cases one event wrote, and the counties whose figures count them.
after_cases_changed = changed_hooks.register


def cases_changed(*cases):
    """Tell the hooks what one event wrote."""
    changed_hooks.run(Changed(list(cases), {case.county_id for case in cases}))


@transaction.atomic
def save_case(case, user=None):
    """Admit a unit to the clinic or save an edited case (the page's form, the API, the admin)."""
    return changed_hooks.save(case)


@transaction.atomic
def save_diagnosis(diagnosis, scores=(), user=None):
    """Record a case's diagnosis (آسیب‌شناسی): the assessment, its levers and its score per dimension, in one
    transaction (the diagnosis page's form and score rows, the API). The expert who first records it is kept."""
    diagnosis.diagnosed_by = diagnosis.diagnosed_by or user
    diagnosis.save()
    for score in scores:
        score.diagnosis = diagnosis
        score.save()
    cases_changed(diagnosis.case)
    return diagnosis


def activity_evidence(case):
    """An approved monthly report of the unit, for a month since the case was opened, that shows activity
    (production, sales or capacity in use): evidence enough of a revival without the secretariat's word."""
    from tashil.units.choices import ReportStatus
    from tashil.units.models import PeriodicReport

    opened = to_jalali(case.opened_date)
    since = Q(year__gt=opened.year) | Q(year=opened.year, month__gte=opened.month)
    active = Q(production__gt=0) | Q(sales__gt=0) | Q(utilisation__gt=0)
    reports = PeriodicReport.objects.filter(unit_id=case.unit_id, status=ReportStatus.APPROVED)
    return reports.filter(since & active).exists()


@transaction.atomic
def close_case(case, user, outcome, note=""):
    """Close a case with its outcome. «Revived» changes the unit's status and the dashboards' figure, so when
    anyone but the secretariat proposes it without an approved report showing activity, the case waits for
    the secretariat's confirmation instead (returns whether it was closed)."""
    if not case.is_open:
        raise ValidationError(_("این پرونده پیش‌تر بسته شده است."))
    case.refuse_while_awaiting()
    if outcome == CaseOutcome.REVIVED and not scope.can_object(user, case, CONFIRM) and not activity_evidence(case):
        case.status_before_review, case.status = case.status, CaseStatus.AWAITING
        case.outcome, case.outcome_note = outcome, (note or "").strip()
        case.save()
        log_event(
            case, _("نتیجه «احیا» پیشنهاد شد و در انتظار تأیید دبیرخانه است؛ وضعیت واحد تا آن زمان تغییر نمی‌کند.")
        )
        cases_changed(case)
        return False
    close(case, outcome, note, user)
    return True


@transaction.atomic
def close(case, outcome, note="", user=None):
    """Close with an outcome. «Revived» needs the unit active: it becomes active now if it is not (the units'
    event), and the status change is credited to the case."""
    from tashil.units import services as unit_services
    from tashil.units.choices import StatusChangeSource, UnitStatus

    if not case.is_open:
        raise ValidationError(_("این پرونده پیش‌تر بسته شده است."))
    if outcome not in CaseOutcome.values:
        raise ValidationError({"outcome": _("نتیجه پرونده را برگزینید.")})
    unit = case.unit
    if outcome == CaseOutcome.REVIVED:
        if unit.status != UnitStatus.ACTIVE:
            change = unit_services.change_status(
                unit,
                UnitStatus.ACTIVE,
                _("احیا با کلینیک صنعت (%(case)s)") % {"case": case},
                user=user,
                source=StatusChangeSource.CLINIC,
            )
            credit(case, change)
        elif case.revival_id is None:
            change = (
                unit.status_changes.filter(
                    to_status=UnitStatus.ACTIVE,
                    from_status__in=(UnitStatus.SEMI_ACTIVE, UnitStatus.INACTIVE),
                    date__gte=case.opened_date,
                )
                .order_by("-date")
                .first()
            )
            if change is None:
                raise ValidationError(_("واحد پیش از این پرونده هم فعال بوده است؛ نتیجه «احیا» درست نیست."))
            credit(case, change)
    if outcome == CaseOutcome.IMPROVED and unit.status != UnitStatus.SEMI_ACTIVE:
        raise ValidationError({"outcome": _("«بهبود ولی نیمه‌فعال» برای واحدی است که اکنون نیمه‌فعال است.")})
    case.status, case.outcome = CaseStatus.CLOSED, outcome
    case.closed_date, case.outcome_note = today(), (note or "").strip()
    case.save()
    log_event(case, _("پرونده با نتیجه «%(o)s» بسته شد.") % {"o": case.get_outcome_display()})
    cases_changed(case)
    return case


@transaction.atomic
def credit(case, change):
    """Record that this case revived the unit (the status history shows the credit)."""
    holder = ClinicCase.objects.filter(revival=change).values_list("pk", flat=True).first()
    if holder is not None:
        # Already credited (the units hook may have done it a moment ago: clinic.hooks).
        if holder == case.pk:
            case.revival = change
        return
    case.revival = change
    case.save(update_fields=["revival", "updated", "county"])
    log_event(case, _("فعال‌شدن واحد در %(date)s به اعتبار این پرونده ثبت شد.") % {"date": format_jalali(change.date)})
    cases_changed(case)


@transaction.atomic
def review_revival(case, user, decision, reason=""):
    """The secretariat confirms a proposed revival (the case closes, the unit becomes active with the case's
    credit, as a revival always did) or returns it with a reason to the step the case was at."""
    if case.status != CaseStatus.AWAITING:
        raise ValidationError(_("این پرونده نتیجه‌ای در انتظار تأیید دبیرخانه ندارد."))
    reason = (reason or "").strip()
    if decision == CONFIRM:
        case.status, case.status_before_review = case.status_before_review or CaseStatus.EXECUTION, ""
        close(case, case.outcome, case.outcome_note, user)
        log_event(case, _("دبیرخانه نتیجه «احیا» را تأیید کرد."))
    elif decision == RETURN:
        if not reason:
            raise ValidationError({"reason": _("دلیل برگشت نتیجه «احیا» را بنویسید.")})
        case.status, case.status_before_review = case.status_before_review or CaseStatus.EXECUTION, ""
        case.outcome, case.outcome_note = "", ""
        case.save()
        log_event(case, _("دبیرخانه نتیجه «احیا» را برگشت داد: %(reason)s") % {"reason": reason})
        cases_changed(case)
    else:
        raise ValidationError(_("نتیجه بررسی «%(decision)s» شناخته نیست.") % {"decision": decision})
    return case


@transaction.atomic
def advance(case, user=None):
    """intake → diagnosis → plan → execution; each step needs what the next one works with."""
    if not case.is_open:
        raise ValidationError(_("این پرونده بسته شده است."))
    case.refuse_while_awaiting()
    target = case.next_status
    if target is None:
        raise ValidationError(
            _("پرونده در مرحله «%(s)s» است؛ گام بعدی بستن پرونده با نتیجه است.") % {"s": case.get_status_display()}
        )
    if target == CaseStatus.PLAN:
        diagnosis = getattr(case, "diagnosis", None)
        if diagnosis is None or not diagnosis.scores.exists():
            raise ValidationError(_("پیش از برنامه احیا، آسیب‌شناسی واحد را ثبت کنید."))
    if target == CaseStatus.EXECUTION and not case.action_items.exists():
        raise ValidationError(_("پیش از اجرا، دست‌کم یک اقدام در برنامه احیا بنویسید."))
    old = case.get_status_display()
    case.status = target
    case.save(update_fields=["status", "updated", "county"])
    log_event(case, _("مرحله از «%(old)s» به «%(new)s» رسید.") % {"old": old, "new": case.get_status_display()})
    cases_changed(case)
    return case


@transaction.atomic
def findings_to_obstacles(case, user=None):
    """Every finding of the case's diagnosis marked as needing an agency becomes an obstacle (source: clinic),
    once; the case's history says how many. Returns the new obstacles."""
    diagnosis = getattr(case, "diagnosis", None)
    if diagnosis is None:
        raise ValidationError(_("آسیب‌شناسی هنوز ثبت نشده است."))
    created = []
    for score in diagnosis.scores.filter(needs_agency=True, obstacle__isnull=True):
        if score.group_id is None:
            raise ValidationError(_("برای یافته «%(d)s» گروه مانع را برگزینید.") % {"d": score.get_dimension_display()})
        created.append(
            obstacle_services.open_from(
                score,
                unit=case.unit,
                group=score.group,
                text=score.findings,
                title=score.get_dimension_display(),
                source=Source.CLINIC,
                user=user,
                severity=obstacle_services.severity_of_score(score.score),
            )
        )
    if created:
        log_event(case, _("%(n)s یافته آسیب‌شناسی به مانع تولید تبدیل شد.") % {"n": to_persian_digits(len(created))})
    return created
