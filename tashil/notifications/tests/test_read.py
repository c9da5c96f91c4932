"""Reading a notification is one action (``notifications/actions.py``): opening it from the list (the link goes to
the page it is about) and the API's ``…/read/`` leave it read alike; someone else's answers 404 both ways."""

from tashil.core.testing import pages
from tashil.core.testing.equivalence import outcome_of
from tashil.notifications.models import Notification


def test_opening_a_notification_and_the_api_read_it_alike(world, client_as, api_as):
    notification = world.notification_a
    seen = {}

    def by_page():
        client = client_as("secretariat")
        opened = client.get(
            pages.link(client.get("/notifications/"), href_contains=f"/notifications/{notification.pk}/")
        )
        seen["page"] = opened

    def by_api():
        seen["api"] = api_as("secretariat").post(f"/api/notifications/{notification.pk}/read/")

    def state():
        row = Notification.objects.get(pk=notification.pk)
        return {"read": row.read_at is not None, "unread": Notification.objects.filter(read_at__isnull=True).count()}

    through_the_page = outcome_of(by_page, (), state)
    assert through_the_page == outcome_of(by_api, (), state)
    assert through_the_page["state"]["read"]
    assert seen["page"].status_code == 302 and seen["page"]["Location"] == world.obstacle_a.get_absolute_url()
    assert seen["api"].status_code == 200 and seen["api"].json()["read_at"]


def test_someone_elses_notification_is_not_found_both_ways(world, client_as, api_as):
    notification = world.notification_a  # the secretariat's
    assert client_as("manager").get(f"/notifications/{notification.pk}/").status_code == 404
    assert api_as("manager").post(f"/api/notifications/{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_off_the_site_is_not_followed(world, client_as):
    notification = world.notification_a
    Notification.objects.filter(pk=notification.pk).update(url="https://evil.example/login")
    opened = client_as("secretariat").get(f"/notifications/{notification.pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/notifications/"
