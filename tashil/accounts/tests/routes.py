from tashil.core.testing.matrix import (
    EDITS_A,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    SECRETARIATS,
    Route,
    api,
    codes,
    everyone,
)

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

# Access without the secretariat (issue 24). The pages open without signing in answer every role alike: the
# first step of each flow shows its form, a later step without the first sends back to it (302), and a wrong
# invitation or recovery link says so (400).
BAD_LINK = 400
NOT_A_PAGE = 405
# Every agency officer sees the list (empty unless a membership of theirs manages its agency's officers).
INVITATION_VIEWERS = (*USER_VIEWERS, "agency_officer", "agency_officer_b")
ACCESS_OBJECT = codes(NOT_FOUND, ok=("admin", "secretariat", "province_secretariat", "manager", "nation_manager"))
DECIDE = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))

ROUTES += [
    Route("accounts:code_sign_in", {**codes(OK), "anonymous": OK}),
    Route("accounts:code_sign_in_verify", {**codes(LOGIN), "anonymous": LOGIN}),
    Route("accounts:password_recovery", {**codes(OK), "anonymous": OK}),
    Route("accounts:password_reset_code", {**codes(LOGIN), "anonymous": LOGIN}),
    Route(
        "accounts:password_reset_link",
        {**codes(BAD_LINK), "anonymous": BAD_LINK},
        kwargs={"uidb64": "MQ", "token": "wrong-token"},
    ),
    Route("accounts:registration", {**codes(OK), "anonymous": OK}),
    Route("accounts:registration_code", {**codes(LOGIN), "anonymous": LOGIN}),
    Route("accounts:invitation_accept", {**codes(BAD_LINK), "anonymous": BAD_LINK}, kwargs={"token": "wrong"}),
    Route("accounts:invitation_list", codes(ok=INVITATION_VIEWERS)),
    Route("accounts:invitation_list", codes(ok=INVITATION_VIEWERS), query="?export=csv"),
    Route("accounts:invitation_add", codes(ok=SECRETARIATS)),
    Route("accounts:invitation", ACCESS_OBJECT, obj="invitation_a"),
    Route("accounts:invitation_action", codes(NOT_A_PAGE), obj="invitation_a", kwargs={"action": "revoke"}),
    Route("accounts:registrationrequest_list", codes(ok=USER_VIEWERS)),
    Route("accounts:registrationrequest_list", codes(ok=USER_VIEWERS), query="?export=csv"),
    Route("accounts:registrationrequest", ACCESS_OBJECT, obj="rep_request_a"),
    Route("accounts:registrationrequest_action", DECIDE, obj="rep_request_a", kwargs={"action": "refuse"}),
]
