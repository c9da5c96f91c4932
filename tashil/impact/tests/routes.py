from tashil.core.testing.matrix import (
    EDITS_A,
    NOT_FOUND,
    SECRETARIATS,
    UNIT_REPS,
    Route,
    api,
    codes,
)

# The secretariats record and correct; managers read by place; an agency's officer reads what is credited to the
# agency; a clinic expert and a unit's representative have no impact list.
READERS = (*SECRETARIATS, "manager", "manager_b", "nation_manager", "agency_officer", "agency_officer_b")
NO_IMPACT = ("clinic_expert", *UNIT_REPS)
LIST = codes(ok=READERS)
IMPACT_A = codes(NOT_FOUND, ok=(*EDITS_A, "manager", "nation_manager", "agency_officer"))
IMPACT_A_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "agency_officer"))

ROUTES = [
    Route("impact:impactrecord_list", LIST),
    Route("impact:impactrecord_list", LIST, query="?export=csv"),
    Route("impact:impactrecord_add", codes(ok=SECRETARIATS)),
    Route("impact:impactrecord", IMPACT_A, obj="impact_a"),
    Route("impact:impactrecord_edit", IMPACT_A_EDIT, obj="impact_a"),
    Route("impact:impactrecord_delete", IMPACT_A_EDIT, obj="impact_a"),
    Route("api:impactrecord-list", api(LIST)),
    Route("api:impactrecord-detail", api(IMPACT_A, refused=NO_IMPACT), obj="impact_a"),
]
