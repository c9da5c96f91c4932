"""The units' business events: one function each, called by the pages, the API, the import, bulk actions, tasks
and management commands alike.

Each event does its whole work explicitly, in one transaction: the change, its change-log and status-history
entries, and then the effects other apps own, through the hooks they register with ``after_units_changed``
from their AppConfig.ready() (the county dashboard's figures in reports, the public directory's search text in
catalog, the clinic's revival credit): units sits below those apps and imports none of them. The import calls
the bulk form (``apply_batch``), so its effects are applied once per batch, for exactly the units it changed.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tashil.core.bulk import Inserter, reserve_ids, row_values
from tashil.core.changelog import current_actor, diff, entry_values, log_bulk, log_event
from tashil.core.choices import ChangeAction, ChangeSource
from tashil.core.hooks import Hooks
from tashil.core.jalali import today
from tashil.core.models import ChangeLogEntry

from .choices import DataCheckStatus, ImportStatus, ReportStatus, StatusChangeSource, UnitStatus
from .models import DataCheckRequest, ImportJob, IndustrialUnit, UnitStatusChange
from .tasks import apply_import, check_import

APPROVE = "approve"
RETURN = "return"
BATCH_SIZE = 500


# ---------------------------------------------------------------- what other apps do after units change


@dataclass
class UnitsChanged:
    """What one event, or one batch of an import, changed: handed to every hook of ``after_units_changed``
    inside the event's transaction."""

    created: list = field(default_factory=list)  # units registered
    updated: list = field(default_factory=list)  # units whose fields (not only the status) changed
    status_changes: list = field(default_factory=list)  # UnitStatusChange rows written, with their pk
    counties: set = field(default_factory=set)  # every county whose figures changed (a moved unit's two)

    def __bool__(self):
        return bool(self.created or self.updated or self.status_changes)


changed_hooks = Hooks()
# Register ``hook(changed: UnitsChanged)``, called by every units event (an app's AppConfig.ready()).
after_units_changed = changed_hooks.register
units_changed = changed_hooks.run


def find_by_national_id(national_id):
    """The unit registered under a national ID, or None: what a representative's self-registration checks
    (registered with accounts from ``UnitsConfig.ready``; accounts may not import units)."""
    if not national_id:
        return None
    return IndustrialUnit.objects.filter(national_id=national_id).only("pk", "county_id", "mobile").first()


def _counties(*units, before=()):
    return {county for county in (*(u.county_id for u in units), *before) if county}


# ---------------------------------------------------------------- one unit


@transaction.atomic
def create_unit(unit, user=None, reason=None, source=StatusChangeSource.REGISTRATION):
    """Register a unit: the unit (its change-log entry), its first status in the history, and the hooks."""
    unit.save()
    change = UnitStatusChange.objects.create(
        unit=unit,
        to_status=unit.status,
        date=unit.status_date,
        reason=reason or _("ثبت واحد در بانک اطلاعات"),
        user=user,
        source=source,
    )
    units_changed(UnitsChanged(created=[unit], status_changes=[change], counties=_counties(unit)))
    return unit


@transaction.atomic
def update_unit(unit, user=None):
    """Save an edited unit (the change log records each field, old and new) and tell the hooks when anything
    changed. The status is not edited here: it has its own event, with a reason (``change_status``)."""
    loaded = getattr(unit, "_loaded_values", {})
    changed = bool(diff(unit))
    unit.save()
    if changed:
        units_changed(UnitsChanged(updated=[unit], counties=_counties(unit, before=[loaded.get("county_id")])))
    return unit


@transaction.atomic
def change_status(unit, to_status, reason, user=None, date=None, source=StatusChangeSource.MANUAL, **extra):
    """Move the unit to ``to_status``, recording the dated change, its reason and who made it (the history, a
    readable change-log event), then the hooks (the county's figures, a clinic case's revival credit)."""
    if to_status not in UnitStatus.values:
        raise ValidationError({"to_status": _("وضعیت «%(value)s» شناخته نیست.") % {"value": to_status}})
    if to_status == unit.status:
        raise ValidationError(
            {"to_status": _("وضعیت واحد هم‌اکنون «%(status)s» است.") % {"status": unit.get_status_display()}}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("دلیل تغییر وضعیت را بنویسید.")})
    date = date or today()
    if date > today():
        raise ValidationError({"date": _("تاریخ تغییر وضعیت نمی‌تواند در آینده باشد.")})
    change = UnitStatusChange.objects.create(
        unit=unit,
        from_status=unit.status,
        to_status=to_status,
        date=date,
        reason=reason.strip(),
        user=user,
        source=source,
        **extra,
    )
    old_label = unit.get_status_display()
    unit.status = to_status
    unit.status_date = date
    unit.save(update_fields=["status", "status_date", "updated", "size_class", "search_text"])
    log_event(
        unit,
        _("وضعیت از «%(old)s» به «%(new)s» تغییر کرد: %(reason)s")
        % {"old": old_label, "new": unit.get_status_display(), "reason": change.reason},
    )
    units_changed(UnitsChanged(status_changes=[change], counties=_counties(unit)))
    return change


@transaction.atomic
def mark_verified(unit, date=None, user=None):
    """Record that the unit's data was checked (its data freshness, counted on the dashboard); a request that its
    representatives confirm it, still waiting, is answered by it (in bulk, each request with its change-log entry
    on the unit's history)."""
    unit.last_verified = date or today()
    unit.save(update_fields=["last_verified", "updated", "size_class", "search_text"])
    answered, entries, now = [], [], timezone.now()
    for check in unit.data_checks.filter(status=DataCheckStatus.PENDING):
        check.status, check.confirmed_at, check.confirmed_by, check.updated = DataCheckStatus.CONFIRMED, now, user, now
        answered.append(check)
        entries.append(entry_values(check, ChangeAction.UPDATE, diff(check), user=user))
    DataCheckRequest.objects.bulk_update(answered, ["status", "confirmed_at", "confirmed_by", "updated"])
    log_bulk(entries)
    units_changed(UnitsChanged(updated=[unit], counties=_counties(unit)))
    return unit


# ---------------------------------------------------------------- a unit's products


@transaction.atomic
def save_product(product, user=None):
    """Add or edit a product (the form, the API, the admin and its inline on the unit): the product (its change-log
    entry), its unit's search text (a unit is found by what it makes), and the hooks told the unit changed (the
    public directory's search text in catalog)."""
    product.save()
    _product_changed(product.unit)
    return product


@transaction.atomic
def delete_product(product, user=None):
    """Remove a product (the delete page, the API, the admin): its unit is no longer found by it, on the registry's
    search or in the public directory."""
    unit = product.unit
    product.delete()
    _product_changed(unit)


def _product_changed(unit):
    unit.refresh_search_text()
    # A product counts in no figure: no county is told, only the unit's search text changed.
    units_changed(UnitsChanged(updated=[unit]))


# ---------------------------------------------------------------- asking a unit's representatives to confirm its data


def representatives_of(unit):
    """The active people who represent ``unit`` in the system (its representatives' active memberships)."""
    from tashil.accounts.models import Membership, User
    from tashil.core.choices import Role

    members = Membership.objects.filter(role=Role.UNIT_REP, unit=unit, is_active=True).values("user_id")
    return User.objects.filter(is_active=True, pk__in=members).order_by("last_name", "first_name", "pk")


def check_data_request(unit):
    """What refuses asking a unit's representatives to confirm its data, in Persian naming the unit: data that is
    not stale, a unit nobody represents in the system, a request already sent today."""
    from tashil.core.jalali import format_jalali

    if not unit.is_stale:
        raise ValidationError(
            _("اطلاعات «%(unit)s» کهنه نیست (آخرین بررسی: %(date)s)؛ درخواست تأیید لازم نیست.")
            % {"unit": unit, "date": format_jalali(unit.last_verified)}
        )
    if not representatives_of(unit).exists():
        raise ValidationError(
            _("«%(unit)s» نماینده فعالی در سامانه ندارد؛ درخواست به کسی نمی‌رسد. نخست نماینده واحد را ثبت کنید.")
            % {"unit": unit}
        )
    if unit.data_checks.filter(status=DataCheckStatus.PENDING, created__date=timezone.localdate()).exists():
        raise ValidationError(_("امروز پیش‌تر از نماینده «%(unit)s» تأیید اطلاعات خواسته شده است.") % {"unit": unit})


@transaction.atomic
def request_data_check(unit, user=None):
    """Ask the unit's representatives to confirm its data (a stale unit, from the unit list's bulk action): the
    request row, a readable event on the unit's history, and a notice to each representative (the bell, and
    e-mail and SMS as each chose) linking to the unit's page, where they confirm it or correct it."""
    from tashil.notifications.models import NotificationKind
    from tashil.notifications.services import notify

    check_data_request(unit)
    people = list(representatives_of(unit))
    names = "، ".join(person_name(person) for person in people)
    request = DataCheckRequest.objects.create(unit=unit, requested_by=user, sent_to=names[:500])
    log_event(unit, _("از نماینده واحد (%(people)s) خواسته شد درستی اطلاعات واحد را تأیید کند.") % {"people": names})
    notify(
        people,
        NotificationKind.DATA_CHECK,
        _("اطلاعات «%(unit)s» را بررسی و تأیید کنید") % {"unit": unit},
        _(
            "دبیرخانه ستاد تسهیل خواسته است اطلاعات «%(unit)s» را بررسی کنید: اگر درست است «اطلاعات واحد درست است» "
            "را بزنید، وگرنه آن را ویرایش کنید."
        )
        % {"unit": unit},
        unit.get_absolute_url(),
    )
    return request


@transaction.atomic
def confirm_data(unit, user=None):
    """The unit's representative confirms its data is right: verified today (data freshness), the waiting requests
    answered, and a readable event on the unit's history naming who confirmed."""
    mark_verified(unit, user=user)
    log_event(unit, _("%(person)s درستی اطلاعات واحد را تأیید کرد.") % {"person": person_name(user)})
    return unit


# ---------------------------------------------------------------- many units: the import's bulk form


@transaction.atomic
def apply_batch(creates, updates, user=None):
    """The bulk form of ``create_unit``, ``update_unit`` and ``change_status`` for one batch of the import.

    ``creates``: new units (validated, unsaved); ``updates``: (unit, field changes, new status or None) with
    the unit's values already set. The rows go in a few statements (the history and the change log inserted as
    column values, COPY on PostgreSQL); each unit gets the entries the single events write, and the hooks run
    once for the batch: one refresh per county touched, search text and revival credit for exactly the units
    changed. Returns the UnitsChanged handed to the hooks."""
    actor = current_actor()
    if user is None and actor is not None:
        user = actor.user
    source = ChangeSource.IMPORT
    day = today()  # the date of each new unit's status and of every status change in this batch
    now = timezone.now()
    entries, status_changes = [], []
    counties = set()
    with override("fa"):
        registered, imported = _("ثبت واحد با ورود از فایل"), _("ورود از فایل")
    if creates:
        inserter = Inserter(IndustrialUnit, batch=len(creates))
        for unit, pk in zip(creates, reserve_ids(IndustrialUnit, len(creates)), strict=True):
            unit.derive(product_names=[], day=day)
            unit.pk, unit.created, unit.updated = pk, now, now
            inserter.add(id=pk, **row_values(unit, inserter.fields))
            counties.add(unit.county_id)
        inserter.flush()
        for unit in creates:
            entries.append(entry_values(unit, ChangeAction.CREATE, user=user, source=source))
            status_changes.append(
                UnitStatusChange(
                    unit=unit, to_status=unit.status, date=day, reason=registered, user=user, source=source
                )
            )
    changed_fields, updated = set(), []
    for unit, changes, new_status in updates:
        counties.update({unit._loaded_values.get("county_id"), unit.county_id})
        changed_fields.update(c["field"] for c in changes or ())
        if changes:
            updated.append(unit)
            entries.append(entry_values(unit, ChangeAction.UPDATE, changes, user=user, source=source))
        if new_status:
            with override("fa"):
                message = _("وضعیت از «%(old)s» به «%(new)s» تغییر کرد: %(reason)s") % {
                    "old": UnitStatus(unit.status).label,
                    "new": UnitStatus(new_status).label,
                    "reason": imported,
                }
            status_changes.append(
                UnitStatusChange(
                    unit=unit,
                    from_status=unit.status,
                    to_status=new_status,
                    date=day,
                    reason=imported,
                    user=user,
                    source=source,
                )
            )
            unit.status, unit.status_date = new_status, day
            # As change_status's save and event: the status fields' update, then the readable event.
            moved = [c for c in diff(unit) if c["field"] in ("status", "status_date")]
            entries.append(entry_values(unit, ChangeAction.UPDATE, moved, user=user, source=source))
            entries.append(entry_values(unit, ChangeAction.EVENT, message=message, user=user, source=source))
            changed_fields.update({"status", "status_date"})
        unit.derive()
        unit.updated = now
        unit.version = F("version") + 1  # a form opened before the import will notice
    if updates:
        fields = sorted(changed_fields | {"size_class", "isic_code", "search_text", "updated", "version"})
        IndustrialUnit.objects.bulk_update([u for u, _c, _s in updates], fields, batch_size=BATCH_SIZE)
    history = Inserter(UnitStatusChange, batch=len(status_changes) or 1)
    for change, pk in zip(status_changes, reserve_ids(UnitStatusChange, len(status_changes)), strict=True):
        change.pk, change.created, change.updated = pk, now, now
        history.add(id=pk, **row_values(change, history.fields))
    history.flush()
    log = Inserter(ChangeLogEntry, batch=len(entries) or 1)
    for entry in entries:
        log.add(**entry)
    log.flush()
    changed = UnitsChanged(created=list(creates), updated=updated, status_changes=status_changes)
    changed.counties = {county for county in counties if county}
    units_changed(changed)
    return changed


@transaction.atomic
def submit_import(user, kind, upload, county=None, partial=False):
    """A spreadsheet handed in from an upload page: kept as an import job and checked by the task worker (the
    preview); nothing of its rows is written until ``start_import``."""
    job = ImportJob.objects.create(
        user=user, kind=kind, file=upload, original_name=upload.name, county=county, partial=partial
    )
    transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


@transaction.atomic
def start_import(job):
    """The person confirmed a previewed job: the task worker writes its rows (``ImportJob.run``). Refused, with a
    Persian message, unless the job's preview allows it; a job already started is not started twice."""
    if not job.can_apply:
        raise ValidationError(_("این فایل آماده ثبت نیست."))
    started = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
        status=ImportStatus.APPLYING, updated=timezone.now()
    )
    if not started:
        raise ValidationError(_("این فایل آماده ثبت نیست."))
    job.status = ImportStatus.APPLYING
    transaction.on_commit(lambda: apply_import.enqueue(job.pk))
    return job


# ---------------------------------------------------------------- monthly statistics
@transaction.atomic
def review_report(report, user, decision, note=""):
    """The secretariat approves a monthly report or returns it to the unit with a reason.

    One save, so one change-log entry per report; an approved report is final, so it is refused here
    (named, in Persian) rather than changed twice."""
    check_reviewable(report)
    note = (note or "").strip()
    if decision == APPROVE:
        report.status, note = ReportStatus.APPROVED, ""
    elif decision == RETURN:
        if not note:
            raise ValidationError({"note": _("دلیل برگشت آمار «%(report)s» را بنویسید.") % {"report": report}})
        report.status = ReportStatus.RETURNED
    else:
        raise ValidationError(_("نتیجه بررسی «%(decision)s» شناخته نیست.") % {"decision": decision})
    report.reviewed_by, report.reviewed_at, report.review_note = user, timezone.now(), note
    report.save()
    return report


def check_reviewable(report):
    """Refuse, naming it, a report already approved: an approved report is final."""
    if report.status == ReportStatus.APPROVED:
        raise ValidationError(_("آمار «%(report)s» پیش‌تر تأیید شده است و دوباره بررسی نمی‌شود.") % {"report": report})


# ---------------------------------------------------------------- the secretariat's named officer (پیگیر)


def secretariat_experts(county):
    """The people who may follow a unit or an obstacle of ``county``: active members of a secretariat whose
    place holds the county (the county's own, its province's, the nation's)."""
    from django.db.models import Q

    from tashil.accounts.models import Membership, User
    from tashil.core.choices import Role, ScopeLevel

    place = Q(level=ScopeLevel.NATION)
    if county is not None:
        place |= Q(level=ScopeLevel.COUNTY, county_id=county.pk) | Q(
            level=ScopeLevel.PROVINCE, province_id=county.province_id
        )
    memberships = Membership.objects.filter(place, role=Role.SECRETARIAT, is_active=True)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by(
        "last_name", "first_name", "pk"
    )


def refuse_unless_expert(follower, county):
    """A follower must be an expert of a secretariat that holds the county; refuse anyone else by name."""
    if follower is None:
        return
    if not secretariat_experts(county).filter(pk=follower.pk).exists():
        raise ValidationError(
            {
                "follower": _("«%(person)s» کارشناس دبیرخانه‌ای نیست که %(county)s در حوزه آن باشد.")
                % {"person": follower.get_full_name() or follower.get_username(), "county": county}
            }
        )


def person_name(user):
    return (user.get_full_name() or user.get_username()) if user else _("هیچ‌کس")


@transaction.atomic
def set_follower(unit, follower, user=None):
    """Name the secretariat's expert who follows the unit (None: nobody). The save's change-log entry keeps who
    followed before, who follows now and who changed it; the expert finds the unit on their worklist."""
    refuse_unless_expert(follower, unit.county)
    if unit.follower_id == (follower.pk if follower else None):
        raise ValidationError(
            {"follower": _("«%(person)s» هم‌اکنون پیگیر این واحد است.") % {"person": person_name(follower)}}
        )
    unit.follower = follower
    unit.save(update_fields=["follower", "updated"])
    return unit
