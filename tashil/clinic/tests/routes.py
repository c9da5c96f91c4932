from tashil.core.testing.matrix import (
    EDITS_A,
    NOT_ALLOWED,
    NOT_FOUND,
    SECRETARIATS,
    UNIT_REPS,
    Route,
    api,
    codes,
)

PLACE_A = ("admin", "secretariat", "province_secretariat", "manager", "nation_manager")
AGENCY_OFFICERS = ("agency_officer", "agency_officer_b")
# Centre A (county A): its place, and the expert on its roster.
CENTRE_A = codes(NOT_FOUND, ok=(*PLACE_A, "clinic_expert"))
CENTRE_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "clinic_expert"))
CENTRE_VIEWERS = codes(ok=(*PLACE_A, "secretariat_b", "manager_b", "clinic_expert"))
# Case A (unit A2 of county A, centre A): its place, the centre's expert, and the unit's representative.
CASE_A = codes(NOT_FOUND, ok=(*PLACE_A, "clinic_expert", "unit_rep_b"))
CASE_EDIT = codes(NOT_FOUND, ok=(*EDITS_A, "clinic_expert"), forbidden=("manager", "nation_manager", "unit_rep_b"))
CASE_DELETE = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "clinic_expert", "unit_rep_b"))
PART_DELETE = CASE_EDIT
CASE_VIEWERS = codes(ok=(*PLACE_A, "secretariat_b", "manager_b", "clinic_expert", *UNIT_REPS))
CASE_ADD = codes(ok=(*SECRETARIATS, "clinic_expert"))
POST_ONLY = codes(NOT_ALLOWED)
API_CASE = api(CASE_A, refused=AGENCY_OFFICERS)
API_POST_ONLY = api(POST_ONLY, refused=AGENCY_OFFICERS)

ROUTES = [
    Route("clinic:centre_list", CENTRE_VIEWERS),
    Route("clinic:centre_add", codes(ok=SECRETARIATS)),
    Route("clinic:centre", CENTRE_A, obj="centre_a"),
    Route("clinic:centre", CENTRE_A, obj="centre_a", query="?tab=experts"),
    Route("clinic:centre_edit", CENTRE_EDIT, obj="centre_a"),
    Route("clinic:centre_delete", CENTRE_EDIT, obj="centre_a"),
    Route("clinic:centreexpert_add", codes(ok=SECRETARIATS)),
    Route("clinic:centreexpert_edit", CENTRE_EDIT, obj="roster_a"),
    Route("clinic:centreexpert_delete", CENTRE_EDIT, obj="roster_a"),
    Route("clinic:cliniccase_list", CASE_VIEWERS),
    Route("clinic:cliniccase_no_update", CASE_VIEWERS),
    Route("clinic:cliniccase_add", CASE_ADD),
    Route("clinic:cliniccase", CASE_A, obj="case_a"),
    Route("clinic:cliniccase", CASE_A, obj="case_a", query="?tab=diagnosis"),
    Route("clinic:cliniccase", CASE_A, obj="case_a", query="?tab=plan"),
    Route("clinic:cliniccase", CASE_A, obj="case_a", query="?tab=updates"),
    Route("clinic:cliniccase", CASE_A, obj="case_a", query="?tab=visits"),
    Route("clinic:cliniccase_edit", CASE_EDIT, obj="case_a"),
    Route("clinic:cliniccase_delete", CASE_DELETE, obj="case_a"),
    Route("clinic:cliniccase_action", POST_ONLY, obj="case_a", kwargs={"action": "advance"}),
    Route("clinic:diagnosis_edit", CASE_EDIT, obj="case_a"),
    Route("clinic:diagnosis_obstacles", POST_ONLY, obj="case_a"),
    Route("clinic:actionitem_add", CASE_ADD),
    Route("clinic:actionitem_edit", CASE_EDIT, obj="action_a"),
    Route("clinic:actionitem_delete", PART_DELETE, obj="action_a"),
    Route("clinic:weeklyupdate_add", CASE_ADD),
    Route("clinic:weeklyupdate_edit", CASE_EDIT, obj="update_a"),
    Route("clinic:inspectionvisit_add", CASE_ADD),
    Route("clinic:inspectionvisit_edit", CASE_EDIT, obj="inspection_a"),
    Route("api:centre-list", api(CENTRE_VIEWERS)),
    Route("api:centre-detail", api(CENTRE_A, refused=(*AGENCY_OFFICERS, *UNIT_REPS)), obj="centre_a"),
    Route("api:cliniccase-list", api(CASE_VIEWERS)),
    Route("api:cliniccase-detail", API_CASE, obj="case_a"),
    Route("api:cliniccase-advance", API_POST_ONLY, obj="case_a"),
    Route("api:cliniccase-close", API_POST_ONLY, obj="case_a"),
    Route("api:cliniccase-review", API_POST_ONLY, obj="case_a"),
    Route("api:cliniccase-obstacles", API_POST_ONLY, obj="case_a"),
    Route("api:diagnosis-list", api(CASE_VIEWERS)),
    Route("api:diagnosis-detail", API_CASE, obj="diagnosis_a"),
    Route("api:actionitem-list", api(CASE_VIEWERS)),
    Route("api:actionitem-detail", API_CASE, obj="action_a"),
    Route("api:weeklyupdate-list", api(CASE_VIEWERS)),
    Route("api:weeklyupdate-detail", API_CASE, obj="update_a"),
]
