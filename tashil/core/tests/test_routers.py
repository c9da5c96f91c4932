"""The replica router: safe requests read from the replica, everything else stays on the primary."""

from django.test import RequestFactory

from tashil.core.routers import READ_ONLY, ReadOnlyRequestMiddleware, ReplicaRouter
from tashil.units.models import IndustrialUnit


def test_reads_of_a_safe_request_go_to_the_replica_and_writes_never_do():
    router, seen = ReplicaRouter(), {}

    def view(request):
        seen[request.method] = (router.db_for_read(IndustrialUnit), router.db_for_write(IndustrialUnit))
        return None

    middleware = ReadOnlyRequestMiddleware(view)
    middleware(RequestFactory().get("/"))
    middleware(RequestFactory().post("/"))
    assert seen == {"GET": ("replica", "default"), "POST": ("default", "default")}
    assert READ_ONLY.get() is False, "outside a request (tasks, commands) everything stays on the primary"
    assert router.db_for_read(IndustrialUnit) == "default"
    assert router.allow_migrate("replica", "units") is False
