from tashil.core.testing.matrix import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, SIGNED_IN, STAFF, Route, api, codes, everyone

ROUTES = [
    Route("home", codes(OK)),
    Route("api-schema", api(codes(OK))),
    Route("api-docs", api(codes(OK))),
    Route("api:api-root", api(codes(OK))),
    Route("accounts:login", codes(LOGIN, anonymous=OK)),
    Route("accounts:logout", codes(NOT_ALLOWED)),
    Route("accounts:language", everyone(NOT_ALLOWED)),
    Route("accounts:profile", codes(OK)),
    Route("core:holiday_list", codes(ok=STAFF)),
    Route("core:holiday_add", codes(ok=("admin",))),
    Route("core:holiday_edit", codes(ok=("admin",), not_found=("unit_rep", "unit_rep_b")), obj="holiday"),
    Route("core:holiday_delete", codes(ok=("admin",), not_found=("unit_rep", "unit_rep_b")), obj="holiday"),
    # Confirmed by the national secretariat only (a county's or province's is refused).
    Route("core:holiday_confirm", codes(ok=("admin",), not_found=("unit_rep", "unit_rep_b")), obj="holiday"),
    Route("core:weekend_edit", codes(ok=("admin",))),
    Route("core:changelogentry_list", codes(ok=("admin",))),
    Route("core:changelogentry", codes(ok=("admin",), not_found=SIGNED_IN[1:]), obj="changelog_entry"),
    Route("core:autocomplete", codes(OK), query="?model=units.industrialunit&q=الف"),
    Route("core:autocomplete", codes(NOT_FOUND), query="?model=accounts.membership&q=x"),
]
ROUTES += [
    Route("core:savedview_list", codes(OK)),
    Route("core:savedview_add", codes(OK), query="?path=/registry/units/&query=status%3Dactive"),
    Route(
        "core:savedview_edit",
        codes(ok=("secretariat",), not_found=[r for r in SIGNED_IN if r != "secretariat"]),
        obj="saved_view",
    ),
    Route(
        "core:savedview_delete",
        codes(ok=("secretariat",), not_found=[r for r in SIGNED_IN if r != "secretariat"]),
        obj="saved_view",
    ),
    Route(
        "core:savedview_action",
        codes(ok=("secretariat",), not_found=[r for r in SIGNED_IN if r != "secretariat"]),
        obj="saved_view",
        kwargs={"action": "digest_on"},
    ),
]
