#!/usr/bin/env bash
# `make serve`: Tashil as it runs in production — gunicorn with the production settings, static files from
# whitenoise, PostgreSQL, and the background task worker beside it. Settings come from the environment;
# what is not set gets a local default (a PostgreSQL database on 127.0.0.1, a secret key kept in var/).
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
mkdir -p var
export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tashil_production}"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  [ -s var/secret_key ] || $python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
  DJANGO_SECRET_KEY="$(cat var/secret_key)"
  export DJANGO_SECRET_KEY
fi
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
bind="${TASHIL_BIND:-127.0.0.1:8000}"
workers="${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}"

$python scripts/ensure_database.py
$python manage.py migrate --noinput -v0
$python manage.py load_reference
$python manage.py collectstatic --noinput -v0
$python manage.py check --deploy --fail-level WARNING

case "$bind" in
  127.0.0.1:*|localhost:*)
    # On a workstation there is no TLS proxy in front: serve plain HTTP (the checks above ran without this).
    export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-false}"
    export DJANGO_SECURE_COOKIES="${DJANGO_SECURE_COOKIES:-false}"
    ;;
esac

$python manage.py schedule_daily_jobs
$python manage.py task_worker >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Task worker started (log: var/worker.log)."
echo "Tashil (production settings, $workers workers) is serving on http://$bind — press Ctrl+C to stop."
.venv/bin/gunicorn config.wsgi --workers "$workers" --bind "$bind" --timeout 60 --access-logfile - --forwarded-allow-ips="${FORWARDED_ALLOW_IPS:-127.0.0.1}"
