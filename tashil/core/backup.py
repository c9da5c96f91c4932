"""Backup and restore: the database's records and the uploaded files in one versioned archive.

The archive (``tashil-backup-<time>.tar.gz``) holds ``manifest.json`` (the format, when, the migrations the
records belong to, and how many of each there are), one ``data/<app.model>.jsonl`` per model, written from a
single consistent snapshot of the database, and ``media/`` with every uploaded file. ``restore`` refuses an
archive of another format or another schema, and a database that already holds records, and loads
everything in one transaction: it all arrives or nothing does.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from . import changelog

FORMAT = 1
# Rebuilt by migrate, or transient: not part of a backup.
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "django_tasks_db.dbtaskresult",
    "core.workerheartbeat",
}


class BackupError(Exception):
    """A backup or a restore that cannot be done, with the reason in Persian."""


def backed_up_models():
    """Every model whose records are kept, parents before children (the order loaddata needs is not required
    within one transaction with deferred constraints, but a stable order keeps archives comparable)."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in SKIPPED and not model._meta.proxy and model._meta.managed
    ]
    # A record whose required reference (NOT NULL) is named by natural key cannot wait for its target: restore
    # such targets first (core's saved views name their owner, an accounts user, which the app order puts after).
    ordered, placed = [], set()

    def place(model, seen=()):
        if model in placed or model in seen:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.many_to_one and not field.null and target in models and target is not model:
                place(target, (*seen, model))
        placed.add(model)
        ordered.append(model)

    for model in models:
        place(model)
    return ordered


def applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup(target_dir=None):
    """Write an archive; returns its path."""
    target_dir = Path(target_dir or Path(settings.BASE_DIR) / "var" / "backups")
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    path = target_dir / f"tashil-backup-{stamp}.tar.gz"
    counts = {}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        (work / "data").mkdir()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # One snapshot for every table: the backup is consistent even while people keep working.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            for model in backed_up_models():
                label = model._meta.label_lower
                queryset = model._base_manager.order_by("pk")
                with open(work / "data" / f"{label}.jsonl", "w", encoding="utf-8") as handle:
                    serializers.serialize(
                        "jsonl",
                        queryset.iterator(chunk_size=2000),
                        stream=handle,
                        use_natural_foreign_keys=True,
                    )
                counts[label] = queryset.count()
            migrations = applied_migrations()
        media = Path(settings.MEDIA_ROOT)
        files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "counts": counts,
            "media_files": len(files),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        with tarfile.open(path, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(work / "data", arcname="data")
            for file in files:
                archive.add(file, arcname=f"media/{file.relative_to(media)}")
    return path


def read_manifest(archive):
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError(_("این فایل نسخه پشتیبان تسهیل نیست (manifest.json ندارد)."))
    return json.loads(member.read().decode("utf-8"))


def database_is_empty():
    """No row of the models named by settings.TASHIL_RESTORE_EMPTY_MODELS (users, units)."""
    return not any(apps.get_model(label)._default_manager.exists() for label in settings.TASHIL_RESTORE_EMPTY_MODELS)


def restore(path, force=False):
    """Load an archive into this (migrated, empty) database and media folder; returns the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("فایل «%(path)s» پیدا نشد.") % {"path": path})
    try:
        archive = tarfile.open(path, "r:gz")
    except (tarfile.TarError, OSError) as error:
        message = _("فایل «%(path)s» بایگانی سالمی نیست (%(error)s).") % {"path": path.name, "error": error}
        raise BackupError(message) from error
    with archive:
        manifest = read_manifest(archive)
        if manifest.get("format") != FORMAT:
            raise BackupError(
                _("قالب این نسخه پشتیبان (%(found)s) با این نسخه تسهیل (%(expected)s) نمی‌خواند.")
                % {"found": manifest.get("format"), "expected": FORMAT}
            )
        missing = sorted(set(manifest["migrations"]) - set(applied_migrations()))
        if missing:
            raise BackupError(
                _("پایگاه داده هنوز به نسخه این پشتیبان نرسیده است؛ نخست «migrate» را اجرا کنید. کوچ‌های مانده: %(m)s")
                % {"m": "، ".join(missing[:5])}
            )
        if not force and not database_is_empty():
            raise BackupError(_("پایگاه داده خالی نیست؛ بازیابی تنها در پایگاه داده تازه (پس از migrate) انجام می‌شود."))
        with transaction.atomic(using=DEFAULT_DB_ALIAS), changelog.replaying():
            with connection.constraint_checks_disabled():
                deferred = []
                for label in manifest["counts"]:
                    member = archive.extractfile(f"data/{label}.jsonl")
                    stream = io.TextIOWrapper(member, encoding="utf-8")
                    for item in serializers.deserialize("jsonl", stream, handle_forward_references=True):
                        item.save()
                        if item.deferred_fields:
                            deferred.append(item)
                for item in deferred:  # records that named others (by natural key) not loaded yet at the time
                    item.save_deferred_fields()
            connection.check_constraints()
            reset_sequences()
            for label, expected in manifest["counts"].items():
                found = apps.get_model(label)._base_manager.count()
                if found != expected:
                    raise BackupError(
                        _("بازیابی «%(label)s» ناقص ماند: %(found)s از %(expected)s؛ چیزی ذخیره نشد.")
                        % {"label": label, "found": found, "expected": expected}
                    )
        media = Path(settings.MEDIA_ROOT)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                relative = Path(member.name[len("media/") :])
                if relative.is_absolute() or ".." in relative.parts:
                    continue  # never write outside MEDIA_ROOT
                target = media / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(target, "wb") as handle:
                    handle.write(source.read())
    return manifest


def reset_sequences():
    """Keys were restored as they were: PostgreSQL's sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
            cursor.execute(sql)
