from tashil.core.testing.matrix import (
    EDITS_A,
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    SECRETARIATS,
    SEES_A,
    UNIT_REPS,
    Route,
    api,
    codes,
    locked,
    locked_api,
    locked_page,
    post_as,
)

EVERYONE = codes(OK)
POST_ONLY = codes(NOT_ALLOWED)
# Obstacle A of unit A, referred to agency A: seen by place, by that agency's officer and by unit A's representative.
OBSTACLE_A = codes(NOT_FOUND, ok=(*SEES_A, "unit_rep"))
STAFF_ACTION = codes(
    NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "agency_officer", "clinic_expert", "unit_rep")
)
ADD_OBSTACLE = codes(ok=(*SECRETARIATS, "clinic_expert", *UNIT_REPS))
ISSUE_VIEWERS = (
    "admin",
    "secretariat",
    "secretariat_b",
    "province_secretariat",
    "manager",
    "manager_b",
    "nation_manager",
)
ISSUE_A = codes(NOT_FOUND, ok=("admin", "secretariat", "province_secretariat", "manager", "nation_manager"))
ISSUE_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))
NO_ISSUES = ("agency_officer", "agency_officer_b", "clinic_expert", *UNIT_REPS)
TAXONOMY_EDIT = codes(FORBIDDEN, ok=("admin",))
# Referral A: its agency's officer assigns it; the others who see it may not.
ASSIGN_A = codes(
    NOT_FOUND,
    ok=("agency_officer",),
    forbidden=(
        "admin",
        "secretariat",
        "province_secretariat",
        "manager",
        "nation_manager",
        "clinic_expert",
        "unit_rep",
    ),
)
# The producer's review of referral A: unit A's representative answers it; the others who see it may not.
REVIEW_A = codes(NOT_FOUND, ok=("unit_rep",), forbidden=SEES_A)


def obstacle_closed(world):
    """Obstacle A closed as resolved, by its page's form."""
    post_as(world, "secretariat", "obstacles:obstacle_close", {"outcome": "resolved"}, pk=world.obstacle_a.pk)


ROUTES = [
    Route("obstacles:obstacle_list", EVERYONE),
    Route("obstacles:obstacle_bulk", POST_ONLY),
    Route("obstacles:obstacle_add", ADD_OBSTACLE),
    # The import of past obstacles refers them: the secretariats' (not a unit's representative or a clinic expert).
    Route("obstacles:obstacle_import", codes(ok=SECRETARIATS)),
    Route("obstacles:obstacle_import_template", codes(ok=SECRETARIATS)),
    Route("obstacles:obstacle", OBSTACLE_A, obj="obstacle_a"),
    Route("obstacles:obstacle_edit", STAFF_ACTION, obj="obstacle_a"),
    Route("obstacles:obstacle_delete", STAFF_ACTION, obj="obstacle_a"),
    Route("obstacles:obstacle_refer", STAFF_ACTION, obj="obstacle_a"),
    Route("obstacles:obstacle_close", STAFF_ACTION, obj="obstacle_a"),
    Route("obstacles:obstacle_escalate", STAFF_ACTION, obj="obstacle_a"),
    Route("obstacles:obstacle_comment", POST_ONLY, obj="obstacle_a"),
    Route("obstacles:obstacle_follow", STAFF_ACTION, obj="obstacle_a"),
    Route("obstacles:followups", codes(ok=SECRETARIATS)),
    Route("obstacles:attachment_download", OBSTACLE_A, obj="attachment_a"),
    Route("obstacles:referral_list", EVERYONE),
    Route("obstacles:referral_escalate", POST_ONLY),
    Route("obstacles:referral_bulk", POST_ONLY),
    Route("obstacles:referral", OBSTACLE_A, obj="referral_a"),
    Route("obstacles:referral_respond", POST_ONLY, obj="referral_a"),
    # Its agency asks the producer for documents; the unit's representative answers (each on a page of its own).
    Route(
        "obstacles:referral_action",
        codes(
            NOT_FOUND,
            ok=("agency_officer",),
            forbidden=tuple(r for r in (*SEES_A, "unit_rep") if r != "agency_officer"),
        ),
        obj="referral_a",
        kwargs={"action": "request_documents"},
    ),
    Route(
        "obstacles:referral_action",
        codes(NOT_FOUND, ok=("unit_rep",), forbidden=SEES_A),
        obj="referral_a",
        kwargs={"action": "supply_documents"},
    ),
    Route("obstacles:inbox", codes(ok=("agency_officer", "agency_officer_b"))),
    Route("obstacles:inbox_mine", codes(ok=("agency_officer", "agency_officer_b"))),
    Route("obstacles:referral_assign", ASSIGN_A, obj="referral_a"),
    Route("obstacles:producerreview_list", EVERYONE),
    Route("obstacles:producerreview", OBSTACLE_A, obj="review_a"),
    Route("obstacles:producerreview_action", REVIEW_A, obj="review_a", kwargs={"action": "confirm"}),
    Route("obstacles:producerreview_action", REVIEW_A, obj="review_a", kwargs={"action": "reopen"}),
    Route("obstacles:systemic", codes(ok=ISSUE_VIEWERS)),
    Route("obstacles:systemicissue_list", codes(ok=ISSUE_VIEWERS)),
    Route("obstacles:systemicissue_add", codes(ok=SECRETARIATS)),
    Route("obstacles:systemicissue", ISSUE_A, obj="systemic_a"),
    Route("obstacles:systemicissue_edit", ISSUE_EDIT, obj="systemic_a"),
    Route("obstacles:systemicissue_delete", ISSUE_EDIT, obj="systemic_a"),
    Route("obstacles:systemicissue_status", POST_ONLY, obj="systemic_a"),
    Route("obstacles:obstacledomain_list", EVERYONE),
    Route("obstacles:obstacledomain_add", TAXONOMY_EDIT),
    Route("obstacles:obstacledomain", EVERYONE, obj="domain_finance"),
    Route("obstacles:obstacledomain_edit", TAXONOMY_EDIT, obj="domain_finance"),
    Route("obstacles:obstaclegroup_list", EVERYONE),
    Route("obstacles:obstaclegroup_add", TAXONOMY_EDIT),
    Route("obstacles:obstaclegroup", EVERYONE, obj="group_finance"),
    Route("obstacles:obstaclegroup_edit", TAXONOMY_EDIT, obj="group_finance"),
    Route("notifications:notification_list", EVERYONE),
    Route("notifications:open", {**codes(NOT_FOUND), "secretariat": 302}, obj="notification_a"),
    Route("notifications:read_all", POST_ONLY),
    Route("api:obstacle-list", api(EVERYONE)),
    Route("api:obstacle-detail", api(OBSTACLE_A), obj="obstacle_a"),
    Route("api:obstacle-events", api(OBSTACLE_A), obj="obstacle_a"),
    Route("api:obstacle-refer", api(POST_ONLY), obj="obstacle_a"),
    Route("api:obstacle-close", api(POST_ONLY), obj="obstacle_a"),
    Route("api:obstacle-escalate", api(POST_ONLY), obj="obstacle_a"),
    Route("api:obstacle-comment", api(POST_ONLY), obj="obstacle_a"),
    Route("api:obstacle-follow", api(POST_ONLY), obj="obstacle_a"),
    Route("api:referral-list", api(EVERYONE)),
    Route("api:referral-detail", api(OBSTACLE_A), obj="referral_a"),
    Route("api:referral-respond", api(POST_ONLY), obj="referral_a"),
    Route("api:referral-escalate", api(POST_ONLY), obj="referral_a"),
    Route("api:referral-request-documents", api(POST_ONLY), obj="referral_a"),
    Route("api:referral-supply-documents", api(POST_ONLY), obj="referral_a"),
    Route("api:referral-assign", api(POST_ONLY), obj="referral_a"),
    Route("api:producerreview-list", api(EVERYONE)),
    Route("api:producerreview-detail", api(OBSTACLE_A), obj="review_a"),
    Route("api:producerreview-confirm", api(POST_ONLY), obj="review_a"),
    Route("api:producerreview-reopen", api(POST_ONLY), obj="review_a"),
    Route("api:obstacleevent-list", api(EVERYONE)),
    Route("api:obstacleevent-detail", api(OBSTACLE_A), obj="event_a"),
    Route("api:systemicissue-list", api(codes(ok=ISSUE_VIEWERS))),
    Route("api:systemicissue-detail", api(ISSUE_A, refused=NO_ISSUES), obj="systemic_a"),
    Route("api:systemicissue-status", api(POST_ONLY, refused=NO_ISSUES), obj="systemic_a"),
    Route("api:obstacledomain-list", api(EVERYONE)),
    Route("api:obstacledomain-detail", api(EVERYONE), obj="domain_finance"),
    Route("api:obstaclegroup-list", api(EVERYONE)),
    Route("api:obstaclegroup-detail", api(EVERYONE), obj="group_finance"),
    Route("api:notification-list", api(EVERYONE)),
    Route("api:notification-detail", api({**codes(NOT_FOUND), "secretariat": OK}), obj="notification_a"),
    Route("api:notification-read", api(POST_ONLY), obj="notification_a"),
    *locked(
        obstacle_closed,
        [
            Route("obstacles:obstacle_edit", locked_page((*SEES_A, "unit_rep")), obj="obstacle_a"),
            Route("obstacles:obstacle_delete", locked_page((*SEES_A, "unit_rep")), obj="obstacle_a"),
            Route("api:obstacle-detail", locked_api(("secretariat_b",)), obj="obstacle_a"),
        ],
    ),
]
