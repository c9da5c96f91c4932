# Tashil — one command to run it, one to test it. Both set up a fresh machine themselves.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP_QUIET := --quiet --disable-pip-version-check
# Re-install Python packages only when pyproject.toml changes.
INSTALLED := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
APT_TEST := $(APT_RUN) chromium poppler-utils gettext
PYTEST_ARGS ?=
# The suite runs in parallel processes (pytest-xdist), one per core up to four; each has its own test
# database. PYTEST_WORKERS=0 runs it in this one process (e.g. to use a debugger).
PYTEST_WORKERS ?= auto

.PHONY: help run test install install-bench apt-run apt-test apt-bench apt-cluster migrate reference demo serve lint format messages vendor clean screenshots bench bench-faults cluster cluster-stop cluster-test bench-cluster

help:
	@echo "make run    install everything, migrate, load reference and demo data, serve on http://127.0.0.1:8000"
	@echo "make test   install what the tests need (Chromium included) and run every test"
	@echo "make bench-faults  the load mix while PostgreSQL restarts and a gunicorn worker is killed"
	@echo "make bench  run the benchmarks (results in bench/results/, summarised in README.md); BENCH_SIZE=national for the full size"
	@echo "make serve  gunicorn with the production settings, PostgreSQL and the task worker (see docs/deploy.md)"
	@echo "make cluster       the production topology on this machine: PostgreSQL primary + replica, PgBouncer, Redis,"
	@echo "                   two application servers behind HAProxy, two task workers (make cluster-stop ends it)"
	@echo "make cluster-test  start the cluster, run the checks marked cluster against it, stop it"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | grep -v "is ignored" || true

$(INSTALLED): pyproject.toml | $(PY)
	@echo "Installing Python packages into $(VENV)/ ..."
	$(PY) -m pip install $(PIP_QUIET) -e ".[dev]" 2>&1 | grep -v -e "is ignored" -e "^ *$$" || true
	$(PY) -c "import django, weasyprint, playwright" 
	rm -f $(VENV)/.installed-*
	touch $@

install: $(INSTALLED)

# The benchmarks also need the alternatives they measure Tashil against (pyproject's "bench" extra).
BENCH_INSTALLED := $(VENV)/.bench-$(shell sha1sum pyproject.toml | cut -c1-12)
$(BENCH_INSTALLED): $(INSTALLED)
	$(PY) -m pip install $(PIP_QUIET) -e ".[dev,bench]" 2>&1 | grep -v -e "is ignored" -e "^ *$$" || true
	rm -f $(VENV)/.bench-*
	touch $@

install-bench: $(BENCH_INSTALLED)

apt-run:
	@scripts/apt-ensure.sh $(APT_RUN)

apt-test:
	@scripts/apt-ensure.sh $(APT_TEST)

apt-bench:
	@scripts/apt-ensure.sh $(APT_RUN) wrk postgresql-client

# The cluster (scripts/cluster/): Debian's PostgreSQL 15 server, PgBouncer, Redis and HAProxy.
APT_CLUSTER := $(APT_RUN) postgresql-15 postgresql-client pgbouncer redis-server haproxy
apt-cluster:
	@scripts/apt-ensure.sh $(APT_CLUSTER)

migrate: install
	$(PY) manage.py migrate --noinput -v0

reference: migrate
	$(PY) manage.py load_reference

demo: reference
	$(PY) manage.py load_demo

run: apt-run demo
	@scripts/serve-dev.sh

test: apt-test install
	$(PY) -m pytest -n $(PYTEST_WORKERS) --maxprocesses=4 $(PYTEST_ARGS)

# lint-imports: the one-way layers between the apps (pyproject.toml [tool.importlinter], docs/architecture.md).
lint: install
	$(VENV)/bin/ruff check tashil config bench
	$(VENV)/bin/ruff format --check tashil config bench
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix tashil config bench
	$(VENV)/bin/ruff format tashil config bench

# The English catalogue of the public site (tashil/locale/en): new strings added, old ones dropped, compiled. Both
# files are committed, so running the product needs no gettext. Locations name the file only (no line numbers),
# so moving code does not rewrite the catalogue; core/tests/test_translations.py reads them.
messages: install
	cd tashil && ../$(PY) ../manage.py makemessages -l en --no-obsolete --add-location=file && ../$(PY) ../manage.py compilemessages -l en

vendor:
	scripts/vendor.sh

clean:
	rm -rf $(VENV) var

bench: apt-bench install-bench
	$(PY) bench/run_all.py

# Restarts this machine's PostgreSQL mid-run: not for a machine where something else uses it at the time.
bench-faults: apt-bench install-bench
	$(PY) bench/faults.py

serve: apt-run install
	@scripts/serve-prod.sh

# The production topology on this machine, on ports from TASHIL_CLUSTER_PORT (57000) on; docs/deploy.md.
cluster: apt-cluster install
	$(PY) scripts/cluster/cluster.py start

cluster-stop:
	$(PY) scripts/cluster/cluster.py stop

# The checks of tashil/core/tests/test_cluster.py: they start the cluster, and stop it when they started it.
cluster-test: apt-cluster install
	TASHIL_CLUSTER=1 $(PY) -m pytest -p no:xdist -m cluster -q tashil/core/tests/test_cluster.py

bench-cluster: apt-cluster apt-bench install-bench
	$(PY) bench/cluster.py

screenshots: apt-test install
	TASHIL_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -m browser -q
