from tashil.core.testing.matrix import (
    EDITS_A,
    NOT_ALLOWED,
    NOT_FOUND,
    SECRETARIATS,
    UNIT_REPS,
    Route,
    api,
    codes,
    everyone,
    locked,
    locked_api,
    locked_page,
    post_as,
)
from tashil.meetings.api import MeetingViewSet
from tashil.meetings.models import Meeting
from tashil.meetings.views import MeetingActionView

BAD_REQUEST = 400
PLACE_A = ("admin", "secretariat", "province_secretariat", "manager", "nation_manager")
# Meeting A of county A: seen by place, and by agency A's officer (invited, and responsible for a resolution).
MEETING_A = codes(NOT_FOUND, ok=(*PLACE_A, "agency_officer"))
MEETING_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "agency_officer"))
VISIT_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))
MEETING_VIEWERS = codes(
    ok=(*PLACE_A, "secretariat_b", "manager_b", "agency_officer", "agency_officer_b", "clinic_expert")
)
SERIES_VIEWERS = codes(ok=(*PLACE_A, "secretariat_b", "manager_b"))
SERIES_A = codes(NOT_FOUND, ok=PLACE_A)
SERIES_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))
RESOLUTION_A = codes(NOT_FOUND, ok=(*PLACE_A, "agency_officer", "unit_rep"))
RESOLUTION_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "agency_officer", "unit_rep"))
RESOLUTION_VIEWERS = codes(
    ok=(*PLACE_A, "secretariat_b", "manager_b", "agency_officer", "agency_officer_b", *UNIT_REPS)
)
ADD = codes(ok=SECRETARIATS)
POST_ONLY = codes(NOT_ALLOWED)
API_POST_ONLY_MEETING = api(POST_ONLY, refused=UNIT_REPS)
API_POST_ONLY_RESOLUTION = api(POST_ONLY, refused=("clinic_expert",))


def minutes_approved(world):
    """Meeting A held and its minutes approved, by the meeting page's buttons."""
    for action in ("hold", "approve"):
        post_as(world, "secretariat", "meetings:meeting_action", pk=world.meeting_a.pk, action=action)


def visit_approved(world):
    """Field visit A held and its minutes approved, by the visit page's buttons."""
    for action in ("hold", "approve"):
        post_as(world, "secretariat", "meetings:meeting_action", pk=world.visit_a.pk, action=action)


def execution_verified(world):
    """The reported execution of a resolution verified, by its page's button."""
    post_as(world, "secretariat", "meetings:resolution_action", pk=world.resolution_evidence_a.pk, action="verify")


# Locked, every write route of the minutes answers 403 to whoever sees them, 404 out of their scope.
MINUTES_LOCKED = locked_page((*PLACE_A, "agency_officer"))
RESOLUTION_LOCKED = locked_page((*PLACE_A, "agency_officer", "unit_rep"))
API_LOCKED = locked_api(("secretariat_b",))
FINDING_A = codes(NOT_FOUND, ok=PLACE_A)

ROUTES = [
    Route("meetings:meeting_list", MEETING_VIEWERS),
    Route("meetings:calendar", MEETING_VIEWERS),
    Route("meetings:meeting_add", ADD),
    Route("meetings:meeting_import", ADD),
    Route("meetings:meeting_import_template", ADD),
    Route("meetings:meeting", MEETING_A, obj="meeting_a"),
    Route("meetings:meeting_edit", MEETING_EDIT, obj="meeting_a"),
    Route("meetings:meeting_delete", MEETING_EDIT, obj="meeting_a"),
    Route("meetings:meeting_action", POST_ONLY, obj="meeting_a", kwargs={"action": "hold"}),
    Route("meetings:meeting_minutes", MEETING_A, obj="meeting_a"),
    Route("meetings:meeting_resolutions_xlsx", MEETING_A, obj="meeting_a"),
    Route("meetings:meeting_attendance", POST_ONLY, obj="meeting_a"),
    Route("meetings:meeting_invite", POST_ONLY, obj="meeting_a"),
    # The invitee's answer page opens without signing in; an altered token is refused (400) to everyone.
    Route("meetings:invitation_answer", everyone(BAD_REQUEST), kwargs={"token": "eyJhIjoxfQ:altered:token"}),
    Route("meetings:meeting_agenda_obstacle", POST_ONLY, obj="meeting_a"),
    Route("meetings:meeting_desk", POST_ONLY, obj="meeting_a"),
    Route("meetings:meetingseries_list", SERIES_VIEWERS),
    Route("meetings:meetingseries_add", ADD),
    Route("meetings:meetingseries", SERIES_A, obj="series_a"),
    Route("meetings:meetingseries_edit", SERIES_EDIT, obj="series_a"),
    Route("meetings:meetingseries_delete", SERIES_EDIT, obj="series_a"),
    Route("meetings:agendaitem_add", ADD),
    Route("meetings:agendaitem_edit", MEETING_EDIT, obj="agenda_a"),
    Route("meetings:agendaitem_delete", MEETING_EDIT, obj="agenda_a"),
    Route("meetings:agendaitem_obstacle_update", POST_ONLY, obj="agenda_a"),
    Route("meetings:agendaitem_obstacle", MEETING_EDIT, obj="agenda_a"),
    Route("meetings:attendance_add", ADD),
    Route("meetings:attendance_edit", MEETING_EDIT, obj="attendance_a"),
    Route("meetings:attendance_delete", MEETING_EDIT, obj="attendance_a"),
    Route("meetings:visitfinding_add", ADD),
    Route("meetings:visitfinding_edit", VISIT_EDIT, obj="finding_a"),
    Route("meetings:visitfinding_photo", codes(NOT_FOUND, ok=PLACE_A), obj="finding_a"),
    Route("meetings:visitfinding_obstacle", POST_ONLY, obj="finding_a"),
    Route("meetings:resolution_list", RESOLUTION_VIEWERS),
    Route("meetings:resolution_add", ADD),
    Route("meetings:resolution", RESOLUTION_A, obj="resolution_a"),
    Route("meetings:resolution_edit", RESOLUTION_EDIT, obj="resolution_a"),
    Route("meetings:resolution_delete", RESOLUTION_EDIT, obj="resolution_a"),
    Route("meetings:resolution_action", POST_ONLY, obj="resolution_a", kwargs={"action": "verify"}),
    Route("meetings:resolution_evidence", RESOLUTION_A, obj="resolution_evidence_a"),
    Route("api:meeting-list", api(MEETING_VIEWERS)),
    Route("api:meeting-detail", api(MEETING_A, refused=UNIT_REPS), obj="meeting_a"),
    Route("api:meeting-minutes", api(MEETING_A, refused=UNIT_REPS), obj="meeting_a"),
    Route("api:meeting-hold", API_POST_ONLY_MEETING, obj="meeting_a"),
    Route("api:meeting-approve", API_POST_ONLY_MEETING, obj="meeting_a"),
    Route("api:meeting-carry", API_POST_ONLY_MEETING, obj="meeting_a"),
    Route("api:meeting-amend", API_POST_ONLY_MEETING, obj="meeting_a"),
    Route("api:meeting-send-invitations", API_POST_ONLY_MEETING, obj="meeting_a"),
    Route("api:meeting-agenda-obstacle", API_POST_ONLY_MEETING, obj="meeting_a"),
    Route("api:attendance-list", api(MEETING_VIEWERS)),
    Route("api:attendance-detail", api(MEETING_A, refused=UNIT_REPS), obj="attendance_a"),
    Route("api:agendaitem-list", api(MEETING_VIEWERS)),
    Route("api:agendaitem-detail", api(MEETING_A, refused=UNIT_REPS), obj="agenda_a"),
    Route("api:agendaitem-obstacle", API_POST_ONLY_MEETING, obj="agenda_a"),
    Route("api:visitfinding-list", api(MEETING_VIEWERS)),
    Route("api:visitfinding-detail", api(FINDING_A, refused=UNIT_REPS), obj="finding_a"),
    Route("api:visitfinding-obstacle", API_POST_ONLY_MEETING, obj="finding_a"),
    Route("api:resolution-list", api(RESOLUTION_VIEWERS)),
    Route("api:resolution-detail", api(RESOLUTION_A, refused=("clinic_expert",)), obj="resolution_a"),
    Route("api:resolution-progress", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    Route("api:resolution-execute", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    Route("api:resolution-object", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    Route("api:resolution-verify", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    Route("api:resolution-not-executed", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    Route("api:resolution-cancel", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    Route("api:resolution-reaffirm", API_POST_ONLY_RESOLUTION, obj="resolution_a"),
    *locked(
        minutes_approved,
        [
            Route("meetings:meeting_edit", MINUTES_LOCKED, obj="meeting_a"),
            Route("meetings:meeting_delete", MINUTES_LOCKED, obj="meeting_a"),
            Route("meetings:agendaitem_edit", MINUTES_LOCKED, obj="agenda_a"),
            Route("meetings:agendaitem_delete", MINUTES_LOCKED, obj="agenda_a"),
            Route("meetings:attendance_edit", MINUTES_LOCKED, obj="attendance_a"),
            Route("meetings:attendance_delete", MINUTES_LOCKED, obj="attendance_a"),
            Route("meetings:resolution_edit", RESOLUTION_LOCKED, obj="resolution_a"),
            Route("meetings:resolution_delete", RESOLUTION_LOCKED, obj="resolution_a"),
            Route("api:meeting-detail", API_LOCKED, obj="meeting_a"),
            Route("api:agendaitem-detail", API_LOCKED, obj="agenda_a"),
            Route("api:attendance-detail", API_LOCKED, obj="attendance_a"),
            Route("api:resolution-detail", API_LOCKED, obj="resolution_a"),
        ],
    ),
    # The minutes' own write routes, POST only: refused with the same 403 (GET answers 405 as before).
    *(
        Route(name, MINUTES_LOCKED, obj="meeting_a", method="post", state=minutes_approved)
        for name in (
            "meetings:meeting_attendance",
            "meetings:meeting_invite",
            "meetings:meeting_agenda_obstacle",
            "meetings:meeting_desk",
        )
    ),
    Route("meetings:agendaitem_obstacle_update", MINUTES_LOCKED, obj="agenda_a", method="post", state=minutes_approved),
    # Every action of the meeting that is not the approved minutes' declared follow-up, read from its page view and
    # its viewset: the lock's 403 to every role that sees them, on the page and the API alike.
    *(
        Route(
            "meetings:meeting_action",
            MINUTES_LOCKED,
            obj="meeting_a",
            kwargs={"action": action.name},
            method="post",
            state=minutes_approved,
        )
        for action in MeetingActionView.actions
        if action.required_permission not in Meeting.lock_follow_ups
    ),
    *(
        Route(
            f"api:meeting-{action.url_name}",
            # The roles that may take it in county B find no such meeting there (404): the manager may approve.
            locked_api(("secretariat_b", "manager_b") if action.url_name == "approve" else ("secretariat_b",)),
            obj="meeting_a",
            method="post",
            state=minutes_approved,
        )
        for action in MeetingViewSet.get_extra_actions()
        if action.kwargs.get("workflow_permission") not in (None, *Meeting.lock_follow_ups)
    ),
    # Opening an obstacle from the minutes is their follow-up, not a change: its page still opens once approved.
    Route("meetings:agendaitem_obstacle", MEETING_EDIT, obj="agenda_a", state=minutes_approved),
    *locked(
        visit_approved,
        [
            Route("meetings:visitfinding_edit", locked_page(PLACE_A), obj="finding_a"),
            Route("api:visitfinding-detail", API_LOCKED, obj="finding_a"),
        ],
    ),
    *locked(
        execution_verified,
        [
            Route("meetings:resolution_edit", RESOLUTION_LOCKED, obj="resolution_evidence_a"),
            Route("meetings:resolution_delete", RESOLUTION_LOCKED, obj="resolution_evidence_a"),
            Route("api:resolution-detail", API_LOCKED, obj="resolution_evidence_a"),
        ],
    ),
]
