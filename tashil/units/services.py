"""The units' business events: one function each, called by the pages, bulk actions and the API alike."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ReportStatus

APPROVE = "approve"
RETURN = "return"


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
            raise ValidationError({"review_note": _("دلیل برگشت آمار «%(report)s» را بنویسید.") % {"report": report}})
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
