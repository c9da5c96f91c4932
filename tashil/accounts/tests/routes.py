from tashil.core.testing.matrix import EDITS_A, FORBIDDEN, NOT_FOUND, OK, SECRETARIATS, Route, api, codes, everyone

USER_VIEWERS = (
    "admin",
    "secretariat",
    "secretariat_b",
    "province_secretariat",
    "manager",
    "manager_b",
    "nation_manager",
)
USER_OBJECT = codes(NOT_FOUND, ok=("admin", "secretariat", "province_secretariat", "manager", "nation_manager"))
USER_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))

ROUTES = [
    # National single sign-on: off under the test settings, so no one reaches it (test_oidc.py turns it on).
    Route("accounts:oidc_start", everyone(NOT_FOUND)),
    Route("accounts:oidc_callback", everyone(NOT_FOUND)),
    Route("accounts:twofactor_setup", codes(OK)),
    Route("accounts:twofactor_verify", codes(OK)),
    Route("accounts:accessevent_list", codes(ok=("admin",))),
    Route("accounts:accessevent_list", codes(ok=("admin",)), query="?export=csv"),
    Route("accounts:user_list", codes(ok=USER_VIEWERS)),
    Route("accounts:user_add", codes(ok=SECRETARIATS)),
    Route("accounts:user", USER_OBJECT, obj="users.manager"),
    Route("accounts:user_edit", USER_EDIT, obj="users.manager"),
    Route("accounts:user_delete", USER_EDIT, obj="users.manager"),
    Route("accounts:membership_add", codes(ok=SECRETARIATS)),
    Route("accounts:membership_edit", USER_EDIT, obj="manager_membership"),
    Route("accounts:membership_delete", USER_EDIT, obj="manager_membership"),
    Route("api:user-list", api(codes(FORBIDDEN, ok=USER_VIEWERS))),
    # The API refuses a role that may not use an endpoint at all with 403, whatever the object.
    Route(
        "api:user-detail",
        api(USER_OBJECT, refused=("agency_officer", "agency_officer_b", "clinic_expert", "unit_rep", "unit_rep_b")),
        obj="users.manager",
    ),
]
