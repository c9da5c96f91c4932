from tashil.core.testing.matrix import (
    EDITS_A,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    SECRETARIATS,
    UNIT_REPS,
    Route,
    api,
    codes,
    everyone,
)

AGENCY_OFFICERS = ("agency_officer", "agency_officer_b")
MANAGERS = ("manager", "manager_b", "nation_manager")
WORKSHOP_LIST = codes(ok=(*SECRETARIATS, *MANAGERS, "clinic_expert", *UNIT_REPS))
WORKSHOP_A = codes(NOT_FOUND, ok=(*EDITS_A, "manager", "nation_manager", "clinic_expert", *UNIT_REPS))
WORKSHOP_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "clinic_expert", *UNIT_REPS))
REGISTRATION_LIST = codes(ok=(*SECRETARIATS, *MANAGERS, *UNIT_REPS))
REGISTRATION_A = codes(NOT_FOUND, ok=(*EDITS_A, "manager", "nation_manager", "unit_rep"))
REGISTRATION_EDIT = codes(NOT_FOUND, ok=(*EDITS_A, "unit_rep"), forbidden=("manager", "nation_manager"))
REGISTRATION_DELETE = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "unit_rep"))
POST_ONLY = codes(NOT_ALLOWED)

ROUTES = [
    Route("workshops:workshop_list", WORKSHOP_LIST),
    Route("workshops:workshop_add", codes(ok=SECRETARIATS)),
    Route("workshops:workshop", WORKSHOP_A, obj="workshop_a"),
    Route("workshops:workshop", WORKSHOP_A, obj="workshop_a", query="?tab=profile"),
    Route("workshops:workshop", WORKSHOP_A, obj="workshop_a", query="?tab=attendance"),
    Route("workshops:workshop_edit", WORKSHOP_EDIT, obj="workshop_a"),
    Route("workshops:workshop_delete", WORKSHOP_EDIT, obj="workshop_a"),
    Route("workshops:workshop_attendance", POST_ONLY, obj="workshop_a"),
    Route("workshops:registration_list", REGISTRATION_LIST),
    Route("workshops:registration_add", codes(ok=(*SECRETARIATS, *UNIT_REPS))),
    Route("workshops:registration", REGISTRATION_A, obj="registration_a"),
    Route("workshops:registration_edit", REGISTRATION_EDIT, obj="registration_a"),
    Route("workshops:registration_delete", REGISTRATION_DELETE, obj="registration_a"),
    Route("workshops:registration_cancel", POST_ONLY, obj="registration_a"),
    Route("workshops:registration_certificate", REGISTRATION_A, obj="registration_a"),
    Route("public:workshop_list", everyone(OK)),
    Route("public:workshop", everyone(OK), obj="workshop_a"),
    Route("api:public-workshop-list", everyone(OK)),
    Route("api:public-workshop-detail", everyone(OK), obj="workshop_a"),
    Route("api:workshop-list", api(WORKSHOP_LIST)),
    Route("api:workshop-detail", api(WORKSHOP_A, refused=AGENCY_OFFICERS), obj="workshop_a"),
    Route(
        "api:workshop-attendance",
        api(codes(NOT_ALLOWED, ok=()), refused=AGENCY_OFFICERS),
        obj="workshop_a",
    ),
    Route("api:registration-list", api(REGISTRATION_LIST)),
    Route(
        "api:registration-detail",
        api(REGISTRATION_A, refused=(*AGENCY_OFFICERS, "clinic_expert")),
        obj="registration_a",
    ),
    Route(
        "api:registration-cancel",
        api(codes(NOT_ALLOWED), refused=(*AGENCY_OFFICERS, "clinic_expert")),
        obj="registration_a",
    ),
]
