from tashil.core.testing.matrix import (
    EDITS_A,
    FORBIDDEN,
    NOT_FOUND,
    OUTSIDE_A,
    SECRETARIATS,
    SEES_A,
    STAFF,
    UNIT_REPS,
    Route,
    api,
    codes,
)

REFERENCE_LIST = codes(ok=STAFF)
REFERENCE_OBJECT = codes(ok=STAFF, not_found=UNIT_REPS)
REFERENCE_EDIT = codes(FORBIDDEN, ok=("admin",), not_found=UNIT_REPS)
ZONE_OBJECT = codes(NOT_FOUND, ok=SEES_A)
ZONE_EDIT = codes(FORBIDDEN, ok=EDITS_A, not_found=(*OUTSIDE_A, *UNIT_REPS))
# County A's closure: seen by county A's and province A's staff, written by their secretariats.
CLOSURE_EDIT = codes(FORBIDDEN, ok=EDITS_A, not_found=(*OUTSIDE_A, *UNIT_REPS))

ROUTES = [
    Route("geo:province_list", REFERENCE_LIST),
    Route("geo:province_add", codes(ok=("admin",))),
    Route("geo:province", REFERENCE_OBJECT, obj="province_a"),
    Route("geo:province_edit", REFERENCE_EDIT, obj="province_a"),
    Route("geo:province_delete", REFERENCE_EDIT, obj="province_a"),
    Route("geo:county_list", REFERENCE_LIST),
    Route("geo:county_add", codes(ok=("admin",))),
    Route("geo:county", REFERENCE_OBJECT, obj="county_a"),
    Route("geo:county_edit", REFERENCE_EDIT, obj="county_a"),
    Route("geo:county_delete", REFERENCE_EDIT, obj="county_a"),
    Route("geo:industrialzone_list", codes(ok=STAFF)),
    Route("geo:industrialzone_add", codes(ok=SECRETARIATS)),
    Route("geo:industrialzone", ZONE_OBJECT, obj="zone_a"),
    Route("geo:industrialzone_edit", ZONE_EDIT, obj="zone_a"),
    Route("geo:industrialzone_delete", ZONE_EDIT, obj="zone_a"),
    Route("geo:closure_list", codes(ok=STAFF)),
    Route("geo:closure_add", codes(ok=SECRETARIATS)),
    Route("geo:closure", ZONE_OBJECT, obj="closure_a"),
    Route("geo:closure_edit", CLOSURE_EDIT, obj="closure_a"),
    Route("geo:closure_delete", CLOSURE_EDIT, obj="closure_a"),
    Route("api:province-list", api(REFERENCE_LIST)),
    Route("api:province-detail", api(REFERENCE_OBJECT, refused=UNIT_REPS), obj="province_a"),
    Route("api:county-list", api(REFERENCE_LIST)),
    Route("api:county-detail", api(REFERENCE_OBJECT, refused=UNIT_REPS), obj="county_a"),
    Route("api:industrialzone-list", api(codes(ok=STAFF))),
    Route("api:industrialzone-detail", api(ZONE_OBJECT, refused=UNIT_REPS), obj="zone_a"),
]
