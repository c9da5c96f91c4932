"""Execution figures of resolutions, computed in the database: executed / being followed up / not executed."""

from django.db.models import Count, Q

from .choices import FOLLOW_UP_BUCKETS, ResolutionStatus


def _aggregates():
    return {
        "total": Count("pk", filter=~Q(status=ResolutionStatus.CANCELLED)),
        **{name: Count("pk", filter=Q(status__in=statuses)) for name, statuses in FOLLOW_UP_BUCKETS.items()},
    }


def _with_rate(row):
    total = row["total"]
    row["rate"] = round(100 * row["executed"] / total, 1) if total else None
    return row


def execution_counts(resolutions):
    """One aggregate query: {'total', 'executed', 'following', 'not_executed', 'rate'} (cancelled ones left out)."""
    return _with_rate(resolutions.aggregate(**_aggregates()))


def execution_by(resolutions, field, label):
    """The same figures grouped by ``field`` (e.g. agency or county), one query, best rate first."""
    rows = (
        resolutions.exclude(**{f"{field}__isnull": True})
        .values(field, label)
        .annotate(**_aggregates())
        .filter(total__gt=0)
        .order_by(label)
    )
    result = [_with_rate(dict(row, id=row[field], name=row[label])) for row in rows]
    return sorted(result, key=lambda row: (-(row["rate"] or 0), row["name"]))
