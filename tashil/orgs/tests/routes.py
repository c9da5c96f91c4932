from tashil.core.testing.matrix import EDITS_A, FORBIDDEN, SECRETARIATS, STAFF, UNIT_REPS, Route, api, codes

AGENCY_OBJECT = codes(ok=STAFF, not_found=UNIT_REPS)
AGENCY_EDIT = codes(FORBIDDEN, ok=EDITS_A, not_found=UNIT_REPS)

ROUTES = [
    Route("orgs:agency_list", codes(ok=STAFF)),
    Route("orgs:agency_add", codes(ok=SECRETARIATS)),
    Route("orgs:agency", AGENCY_OBJECT, obj="agency_a"),
    Route("orgs:agency_edit", AGENCY_EDIT, obj="agency_a"),
    Route("orgs:agency_delete", AGENCY_EDIT, obj="agency_a"),
    Route("orgs:agencycontact_add", codes(ok=SECRETARIATS)),
    Route("orgs:agencycontact_edit", AGENCY_EDIT, obj="contact_a"),
    Route("orgs:agencycontact_delete", AGENCY_EDIT, obj="contact_a"),
    Route("api:agency-list", api(codes(ok=STAFF))),
    Route("api:agency-detail", api(AGENCY_OBJECT, refused=UNIT_REPS), obj="agency_a"),
    Route("api:agencycontact-list", api(codes(ok=STAFF))),
    Route("api:agencycontact-detail", api(AGENCY_OBJECT, refused=UNIT_REPS), obj="contact_a"),
]
