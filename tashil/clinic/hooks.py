"""The revival credit: when a unit under the clinic's care becomes active again, the case gets the credit.

Called by every units event that changes a status (the status page and API, a case closed as revived, the
import's batches), registered with ``tashil.units.services.after_units_changed`` in ClinicConfig.ready()."""

from collections import defaultdict

from . import services
from .choices import CaseStatus
from .models import ClinicCase


def credit_revivals(changed):
    """Credit each reactivation among ``changed.status_changes`` to the unit's case that was caring for it: the
    latest case opened by then (past intake, not yet credited), if still open or closed no earlier. One query
    for the batch."""
    revived = [c for c in changed.status_changes if c.is_reactivation]
    if not revived:
        return
    cases = defaultdict(list)
    candidates = (
        ClinicCase.objects.filter(unit_id__in={c.unit_id for c in revived}, revival__isnull=True)
        .exclude(status=CaseStatus.INTAKE)
        .order_by("-opened_date", "-pk")
    )
    for case in candidates:
        cases[case.unit_id].append(case)
    for change in revived:
        case = next((case for case in cases[change.unit_id] if case.opened_date <= change.date), None)
        if case is not None and (case.is_open or case.closed_date is None or case.closed_date >= change.date):
            services.credit(case, change)
            cases[change.unit_id].remove(case)
