"""Background work of the registry: large imports run in the task worker, not in a page request."""

from django_tasks import task

from .choices import ImportStatus
from .models import ImportJob


@task()
def check_import(job_id):
    """The dry run whose report is the preview. Safe to run twice."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).first()
    if job is not None:
        job.run(apply=False)


@task()
def apply_import(job_id):
    """Import for real. Runs only from the "applying" state, so a retried task never imports twice."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.APPLYING).first()
    if job is not None:
        job.run(apply=True)
