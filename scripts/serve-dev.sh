#!/usr/bin/env bash
# `make run`'s last step: the background task worker and the development server, stopped together.
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
$python manage.py schedule_daily_jobs
$python manage.py task_worker --reload >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Task worker started (log: var/worker.log)."
echo "Tashil is serving on http://127.0.0.1:8000 — press Ctrl+C to stop."
$python manage.py runserver 127.0.0.1:8000
