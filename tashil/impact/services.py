"""The impact events: recording what a resolved obstacle, a verified resolution or a revived unit saved, and
correcting it. The page's form, the API and the demo call these; each is one transaction that saves the record
(its change log follows), notes it on the source's history and refreshes the area's figures (reports' cache
hook ``after_impact_changed`` tells reports the county of every saved record)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashil.core.changelog import log_event
from tashil.core.hooks import Changed, Hooks

from .models import ImpactRecord

changed_hooks = Hooks()
# Register ``hook(Changed)``: the impact records one event wrote and their counties (reports' county figures).
after_impact_changed = changed_hooks.register

FIELDS = (
    "date",
    "jobs_preserved",
    "jobs_restored",
    "loans_rials",
    "debts_rials",
    "fines_rials",
    "capacity_restored",
    "evidence",
    "evidence_file",
)


ZERO_WHEN_BLANK = ("jobs_preserved", "jobs_restored", "loans_rials", "debts_rials", "fines_rials")


def assign(record, data):
    """Typed values onto the record: a blank count or amount is zero; a file box left empty keeps the file, a
    cleared one (False) removes it."""
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValidationError(_("بخش‌های ناشناخته: %(names)s") % {"names": "، ".join(sorted(unknown))})
    for name, value in data.items():
        if name in ZERO_WHEN_BLANK and value is None:
            value = 0
        if name == "evidence_file":
            if value is None:
                continue
            value = value or ""
        if name == "evidence" and value is None:
            value = ""
        setattr(record, name, value)


def refuse_unless_valid(record):
    """The model's own rules (source credited once and in the right state, something saved, evidence)."""
    record.full_clean(exclude=("unit", "county", "agency", "group"))


@transaction.atomic
def record_impact(*, user=None, obstacle=None, resolution=None, clinic_case=None, **data):
    """Record what a source saved; refuses (Persian ValidationError) a source not yet resolved, verified or
    revived, one already credited, a record with nothing saved or without evidence."""
    record = ImpactRecord(obstacle=obstacle, resolution=resolution, clinic_case=clinic_case, recorded_by=user)
    assign(record, data)
    refuse_unless_valid(record)
    record.save()
    changed_hooks.run(Changed([record], {record.county_id}))
    log_event(record.source(), _("اثر ثبت شد: %(summary)s") % {"summary": record.summary()})
    return record


@transaction.atomic
def update_impact(record, *, user=None, **data):
    """Correct a record's figures or evidence (its source stays); the change log keeps what changed."""
    assign(record, data)
    refuse_unless_valid(record)
    record.save()
    changed_hooks.run(Changed([record], {record.county_id}))
    log_event(record.source(), _("اثر اصلاح شد: %(summary)s") % {"summary": record.summary()})
    return record
