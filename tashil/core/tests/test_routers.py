"""The replica router: safe requests read from the replica, everything else stays on the primary."""

import pytest
from django.test import RequestFactory

from tashil.core.routers import READ_ONLY, ReadOnlyRequestMiddleware, ReplicaRouter
from tashil.units.models import IndustrialUnit


@pytest.fixture
def replica(settings):
    """A replica configured (the router reads only the settings' aliases here; nothing connects to it)."""
    settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}


def test_reads_of_a_safe_request_go_to_the_replica_and_writes_never_do(replica, db):
    """(``db``: on PostgreSQL a request that may have written asks the primary for its WAL position.)"""
    from django.http import HttpResponse

    router, seen = ReplicaRouter(), {}

    def view(request):
        seen[request.method] = (router.db_for_read(IndustrialUnit), router.db_for_write(IndustrialUnit))
        return HttpResponse()

    middleware = ReadOnlyRequestMiddleware(view)
    middleware(RequestFactory().get("/"))
    middleware(RequestFactory().post("/"))
    assert seen == {"GET": ("replica", "default"), "POST": ("default", "default")}
    assert READ_ONLY.get() is False, "outside a request (tasks, commands) everything stays on the primary"
    assert router.db_for_read(IndustrialUnit) == "default"
    assert router.allow_migrate("replica", "units") is False


def test_sessions_lockouts_and_the_cache_table_are_read_from_the_primary_even_on_a_get(replica):
    """What another request has just written is read where it was written: a person just signed in must
    not look signed out because the replica lags, nor a locked-out name look free, nor a figure stale."""
    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session
    from django.core.cache.backends.db import DatabaseCache

    router, seen = ReplicaRouter(), {}
    cache_entry = DatabaseCache("tashil_cache", {}).cache_model_class

    def view(request):
        for model in (Session, AccessAttempt, cache_entry, IndustrialUnit):
            seen[f"{model._meta.app_label}.{model._meta.object_name}"] = router.db_for_read(model)
        return None

    ReadOnlyRequestMiddleware(view)(RequestFactory().get("/"))
    assert seen == {
        "sessions.Session": "default",
        "axes.AccessAttempt": "default",
        f"{cache_entry._meta.app_label}.{cache_entry._meta.object_name}": "default",
        "units.IndustrialUnit": "replica",  # the same GET still reads the rest from the replica
    }


def test_only_a_signed_write_position_sends_a_persons_reads_to_the_primary():
    """The cookie a write leaves (the primary's WAL position) is believed only with this site's signature: a
    visitor cannot pick where their reads go by writing one. (tests/test_cluster.py shows it working: a comment
    saved while the replica's replay is paused is on the next page.)"""
    from django.http import HttpResponse

    from tashil.core.routers import POSITION_COOKIE, POSITION_SALT

    signed = HttpResponse()
    signed.set_signed_cookie(POSITION_COOKIE, "0-3000148", salt=POSITION_SALT)
    request = RequestFactory().get("/")
    request.COOKIES[POSITION_COOKIE] = signed.cookies[POSITION_COOKIE].value
    assert ReadOnlyRequestMiddleware.written_position(request) == "0/3000148"
    for forged in ("0-3000148", signed.cookies[POSITION_COOKIE].value.replace("0-3000148", "0-FFFFFFFF")):
        request.COOKIES[POSITION_COOKIE] = forged
        assert ReadOnlyRequestMiddleware.written_position(request) is None


def test_without_a_replica_a_write_leaves_no_position_behind():
    from django.http import HttpResponse

    from tashil.core.routers import POSITION_COOKIE

    response = ReadOnlyRequestMiddleware(lambda request: HttpResponse())(RequestFactory().post("/"))
    assert POSITION_COOKIE not in response.cookies


def test_without_a_replica_every_read_goes_to_the_primary_whatever_the_row_says():
    """After a fail-over the replica's alias is gone, yet rows read from it may still sit in the shared cache (a
    person's memberships) naming it: the router answers every read, on a GET too, with the primary."""
    router, seen = ReplicaRouter(), {}

    def view(request):
        seen["GET"] = router.db_for_read(IndustrialUnit, instance=IndustrialUnit(name="x"))
        return None

    ReadOnlyRequestMiddleware(view)(RequestFactory().get("/"))
    assert seen == {"GET": "default"}
