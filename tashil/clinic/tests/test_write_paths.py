"""One write path per event: a clinic's diagnosis findings opened as obstacles through the case page's button
and through the API end in the same obstacles, timelines, change log and notifications."""

from tashil.core.models import ChangeLogEntry
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.notifications.models import Notification
from tashil.obstacles.models import Obstacle, ObstacleEvent

WATCHED = (
    (ChangeLogEntry, ("content_type__model", "object_repr", "action", "message", "changes", "user_id")),
    (Notification, ("recipient_id", "kind", "title", "body", "url")),
    (ObstacleEvent, ("kind", "text", "author_id", "internal")),
    (Obstacle, ("unit_id", "group_id", "title", "description", "source", "severity", "status", "reported_by_id")),
)


def test_opening_obstacles_from_a_clinic_finding(world, client_as, api_as):
    case, score = world.case_a, world.score_a
    score.group = world.group_finance
    score.save()

    def state():
        return list(type(score).objects.filter(pk=score.pk).values("obstacle__title", "obstacle__source"))

    outcome = same_both_ways(
        WATCHED,
        by_page(
            client_as("clinic_expert"), case.get_absolute_url() + "?tab=diagnosis", testid=None, action="/obstacles/"
        ),
        by_api(api_as("clinic_expert"), f"/api/clinic/cases/{case.pk}/obstacles/", expect=201),
        state,
    )
    assert outcome["state"] == [{"obstacle__title": "حساب مسدود", "obstacle__source": "clinic"}]
    assert [o["severity"] for o in outcome["obstacles.Obstacle"]] == [3], "a score of 2 is a major obstacle"
    assert [e["kind"] for e in outcome["obstacles.ObstacleEvent"]] == ["created"]
    assert ("cliniccase", "event") in [(e["content_type__model"], e["action"]) for e in outcome["core.ChangeLogEntry"]]
