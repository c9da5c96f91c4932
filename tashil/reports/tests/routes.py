from tashil.core.testing.matrix import (
    NOT_FOUND,
    OK,
    STAFF,
    UNIT_REPS,
    Route,
    api,
    codes,
    everyone,
)

REPORTS = codes(ok=STAFF)
PUBLIC = everyone(OK)
# The points of a county: staff whose own area is a county; the nation and a whole province have no points.
POINTS = codes(
    ok=("secretariat", "secretariat_b", "manager", "manager_b", "agency_officer", "agency_officer_b", "clinic_expert"),
    not_found=("admin", "province_secretariat", "nation_manager"),
)

ROUTES = [
    Route("reports:dashboard", REPORTS),
    Route("reports:scorecard", REPORTS),
    Route("reports:scorecard", REPORTS, query="?export=csv"),
    Route("reports:period", REPORTS),
    Route("reports:period", REPORTS, query="?period=season&year=1405&season=2"),
    Route("reports:weekly_pdf", REPORTS),
    Route("reports:weekly_xlsx", REPORTS),
    Route("reports:map_points", POINTS),
    Route("reports:map_values", REPORTS),
    Route("api:report-dashboard", api(REPORTS)),
    Route("api:report-scorecard", api(REPORTS)),
    Route("api:report-period", api(REPORTS)),
    Route("api:report-dashboard", api(codes(NOT_FOUND, ok=()), refused=UNIT_REPS), query="?county=999999"),
    # The public accountability pages and their open data: no sign-in, the same for everyone.
    Route("public:accountability_index", PUBLIC),
    Route("public:accountability", PUBLIC, obj="province_a", kwargs={"level": "provinces"}),
    Route("public:accountability", PUBLIC, obj="county_a", kwargs={"level": "counties"}),
    Route("public:accountability_csv", PUBLIC, obj="county_a", kwargs={"level": "counties"}),
    Route("public:accountability_dataset", PUBLIC, obj="province_a", kwargs={"level": "provinces"}),
]
