from tashil.core.testing.matrix import (
    EDITS_A,
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    SECRETARIATS,
    SEES_A,
    Route,
    api,
    codes,
)

EVERYONE_SIGNED_IN = codes(OK)
# Unit A's objects: seen by place, and by unit A's representative; never by the other unit's representative.
UNIT_OBJECT = codes(NOT_FOUND, ok=(*SEES_A, "unit_rep"))
STAFF_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "agency_officer", "clinic_expert"))
REP_EDIT = {**STAFF_EDIT, "unit_rep": OK}
REP_FORBIDDEN = {**STAFF_EDIT, "unit_rep": FORBIDDEN}
ADD_BY_STAFF = codes(ok=SECRETARIATS)
ADD_BY_STAFF_OR_REP = codes(ok=(*SECRETARIATS, "unit_rep", "unit_rep_b"))
POST_ONLY = codes(NOT_ALLOWED)
JOB_OBJECT = codes(NOT_FOUND, ok=("admin", "secretariat"))

ROUTES = [
    Route("units:industrialunit_list", EVERYONE_SIGNED_IN),
    Route("units:industrialunit_add", ADD_BY_STAFF),
    Route("units:industrialunit_import", ADD_BY_STAFF),
    Route("units:industrialunit_import_template", ADD_BY_STAFF),
    # The agency officers' invitations from a file: those who invite (an officer who manages no agency: refused).
    Route("units:officer_import", ADD_BY_STAFF),
    Route("units:officer_import_template", ADD_BY_STAFF),
    # Reference data: the same answers for everyone signed in (the anonymous visitor is sent to sign in).
    Route("units:isic_picker", EVERYONE_SIGNED_IN, query="?q=۱۰۷&level=class"),
    Route("units:industrialunit", UNIT_OBJECT, obj="unit_a"),
    Route("units:industrialunit_edit", REP_EDIT, obj="unit_a"),
    Route("units:industrialunit_delete", REP_FORBIDDEN, obj="unit_a"),
    Route("units:industrialunit_status", REP_FORBIDDEN, obj="unit_a"),
    Route("units:industrialunit_verify", POST_ONLY, obj="unit_a"),
    Route("units:industrialunit_follow", REP_FORBIDDEN, obj="unit_a"),
    # The representative's «اطلاعات واحد درست است»: a button (POST) on the unit's page.
    Route("units:industrialunit_confirm_data", POST_ONLY, obj="unit_a"),
    Route("units:industrialunit_bulk", POST_ONLY),
    Route("units:importjob", JOB_OBJECT, obj="import_job"),
    Route("units:importjob_apply", POST_ONLY, obj="import_job"),
    Route("units:product_list", EVERYONE_SIGNED_IN),
    Route("units:product_add", ADD_BY_STAFF_OR_REP),
    Route("units:product", UNIT_OBJECT, obj="product_a"),
    Route("units:product_edit", REP_EDIT, obj="product_a"),
    Route("units:product_photo", UNIT_OBJECT, obj="product_a"),
    Route("units:product_delete", REP_EDIT, obj="product_a"),
    Route("units:project_list", EVERYONE_SIGNED_IN),
    Route("units:project_add", ADD_BY_STAFF_OR_REP),
    Route("units:project", UNIT_OBJECT, obj="project_a"),
    Route("units:project_edit", REP_EDIT, obj="project_a"),
    Route("units:project_delete", REP_EDIT, obj="project_a"),
    Route("units:unitstatuschange_list", EVERYONE_SIGNED_IN),
    Route("units:periodicreport_list", EVERYONE_SIGNED_IN),
    Route("units:periodicreport_add", ADD_BY_STAFF_OR_REP),
    Route("units:periodicreport", UNIT_OBJECT, obj="report_a"),
    Route("units:periodicreport_edit", REP_EDIT, obj="report_a"),
    Route("units:periodicreport_delete", REP_FORBIDDEN, obj="report_a"),
    Route("units:periodicreport_review", POST_ONLY, obj="report_a"),
    Route("units:periodicreport_bulk", POST_ONLY),
    Route("api:industrialunit-list", api(EVERYONE_SIGNED_IN)),
    Route("api:industrialunit-detail", api(UNIT_OBJECT), obj="unit_a"),
    Route("api:industrialunit-change-status", api(POST_ONLY), obj="unit_a"),
    Route("api:industrialunit-follow", api(POST_ONLY), obj="unit_a"),
    Route("api:industrialunit-confirm-data", api(POST_ONLY), obj="unit_a"),
    Route("api:industrialunit-verify", api(POST_ONLY), obj="unit_a"),
    Route("api:unitstatuschange-list", api(EVERYONE_SIGNED_IN)),
    Route("api:unitstatuschange-detail", api(UNIT_OBJECT), obj="status_change_a"),
    Route("api:product-list", api(EVERYONE_SIGNED_IN)),
    Route("api:product-detail", api(UNIT_OBJECT), obj="product_a"),
    Route("api:project-list", api(EVERYONE_SIGNED_IN)),
    Route("api:project-detail", api(UNIT_OBJECT), obj="project_a"),
    Route("api:periodicreport-list", api(EVERYONE_SIGNED_IN)),
    Route("api:periodicreport-detail", api(UNIT_OBJECT), obj="report_a"),
    Route("api:periodicreport-review", api(POST_ONLY), obj="report_a"),
]
