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

MANAGERS = ("manager", "manager_b", "nation_manager")
NO_CATALOG = ("agency_officer", "agency_officer_b", "clinic_expert")
# Profiles, certificates and inputs: the secretariat and managers by place, representatives for their own unit.
UNIT_SIDE_LIST = codes(ok=(*SECRETARIATS, *MANAGERS, *UNIT_REPS))
UNIT_SIDE_ADD = codes(ok=(*SECRETARIATS, *UNIT_REPS))
UNIT_SIDE_A = codes(NOT_FOUND, ok=(*EDITS_A, "manager", "nation_manager", "unit_rep"))
UNIT_SIDE_EDIT = codes(NOT_FOUND, ok=(*EDITS_A, "unit_rep"), forbidden=("manager", "nation_manager"))
EXHIBITION_A = codes(NOT_FOUND, ok=(*EDITS_A, "manager", "nation_manager", *UNIT_REPS))
EXHIBITION_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", *UNIT_REPS))
BOOTH_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager", "unit_rep"))
MESSAGE_LIST = codes(ok=(*SECRETARIATS, *UNIT_REPS))
MESSAGE_A = codes(NOT_FOUND, ok=(*EDITS_A, "unit_rep"))
POST_ONLY = codes(NOT_ALLOWED)
PUBLIC = everyone(OK)

ROUTES = [
    Route("catalog:publicprofile_list", UNIT_SIDE_LIST),
    Route("catalog:publicprofile_edit", UNIT_SIDE_EDIT, obj="unit_a"),
    Route("catalog:publicprofile_moderate", POST_ONLY, obj="profile_a"),
    Route("catalog:certificate_list", UNIT_SIDE_LIST),
    Route("catalog:certificate_add", UNIT_SIDE_ADD),
    Route("catalog:certificate", UNIT_SIDE_A, obj="certificate_a"),
    Route("catalog:certificate_edit", UNIT_SIDE_EDIT, obj="certificate_a"),
    Route("catalog:certificate_delete", UNIT_SIDE_EDIT, obj="certificate_a"),
    Route("catalog:unitinput_list", UNIT_SIDE_LIST),
    Route("catalog:unitinput_add", UNIT_SIDE_ADD),
    Route("catalog:unitinput", UNIT_SIDE_A, obj="input_a"),
    Route("catalog:unitinput", UNIT_SIDE_A, obj="input_a", query="?tab=producers"),
    Route("catalog:unitinput_edit", UNIT_SIDE_EDIT, obj="input_a"),
    Route("catalog:unitinput_delete", UNIT_SIDE_EDIT, obj="input_a"),
    Route("catalog:matches", UNIT_SIDE_LIST),
    Route("catalog:exhibition_list", UNIT_SIDE_LIST),
    Route("catalog:exhibition_add", codes(ok=SECRETARIATS)),
    Route("catalog:exhibition", EXHIBITION_A, obj="exhibition_a"),
    Route("catalog:exhibition", EXHIBITION_A, obj="exhibition_a", query="?tab=profile"),
    Route("catalog:exhibition_edit", EXHIBITION_EDIT, obj="exhibition_a"),
    Route("catalog:exhibition_delete", EXHIBITION_EDIT, obj="exhibition_a"),
    Route("catalog:booth_add", codes(ok=SECRETARIATS)),
    Route("catalog:booth_edit", BOOTH_EDIT, obj="booth_a"),
    Route("catalog:booth_delete", BOOTH_EDIT, obj="booth_a"),
    Route("catalog:contactmessage_list", MESSAGE_LIST),
    Route("catalog:contactmessage", MESSAGE_A, obj="message_a"),
    Route("catalog:contactmessage_read", POST_ONLY, obj="message_a"),
    Route("catalog:contactmessage_bulk", POST_ONLY),
    Route("catalog:investmentinquiry_list", UNIT_SIDE_LIST),
    Route("catalog:investmentinquiry", UNIT_SIDE_A, obj="inquiry_a"),
    Route("catalog:investmentinquiry_handled", POST_ONLY, obj="inquiry_a"),
    # The unit page's tab: the same people who see the unit, except those the public face is not for.
    Route(
        "units:industrialunit",
        codes(NOT_FOUND, ok=(*EDITS_A, "manager", "nation_manager", "agency_officer", "clinic_expert", "unit_rep")),
        obj="unit_a",
        query="?tab=public",
    ),
    # The public site: everyone, signed in or not.
    Route("public:index", PUBLIC),
    Route("public:unit_list", PUBLIC),
    Route("public:unit_list", PUBLIC, query="?q=صنايع&knowledge_based=on"),
    Route("public:unit", PUBLIC, obj="unit_a"),
    Route("public:product_list", PUBLIC, query="?q=محصول"),
    Route("public:product_photo", PUBLIC, obj="product_a"),
    Route("public:logo", PUBLIC, obj="unit_a"),
    Route("public:exhibition_list", PUBLIC),
    Route("public:exhibition", PUBLIC, obj="exhibition_a"),
    Route("public:project_list", PUBLIC),
    Route("public:project", PUBLIC, obj="project_a"),
    Route("sitemap", PUBLIC),
    Route("robots", PUBLIC),
    Route("api:public-unit-list", PUBLIC),
    Route("api:public-unit-detail", PUBLIC, obj="unit_a"),
    Route("api:public-product-list", PUBLIC),
    Route("api:public-product-detail", PUBLIC, obj="product_a"),
    Route("api:public-exhibition-list", PUBLIC),
    Route("api:public-exhibition-detail", PUBLIC, obj="exhibition_a"),
    Route("api:public-project-list", PUBLIC),
    Route("api:public-project-detail", PUBLIC, obj="project_a"),
    Route("api:publicprofile-list", api(UNIT_SIDE_LIST)),
    Route("api:publicprofile-detail", api(UNIT_SIDE_A, refused=NO_CATALOG), obj="profile_a"),
    Route("api:certificate-list", api(UNIT_SIDE_LIST)),
    Route("api:certificate-detail", api(UNIT_SIDE_A, refused=NO_CATALOG), obj="certificate_a"),
    Route("api:unitinput-list", api(UNIT_SIDE_LIST)),
    Route("api:unitinput-detail", api(UNIT_SIDE_A, refused=NO_CATALOG), obj="input_a"),
    Route("api:exhibition-list", api(UNIT_SIDE_LIST)),
    Route("api:exhibition-detail", api(EXHIBITION_A, refused=NO_CATALOG), obj="exhibition_a"),
    Route("api:booth-list", api(UNIT_SIDE_LIST)),
    Route("api:booth-detail", api(UNIT_SIDE_A, refused=NO_CATALOG), obj="booth_a"),
    Route("api:contactmessage-list", api(MESSAGE_LIST)),
    Route(
        "api:contactmessage-detail",
        api(MESSAGE_A, refused=(*NO_CATALOG, "manager", "manager_b", "nation_manager")),
        obj="message_a",
    ),
    Route(
        "api:contactmessage-mark-read",
        api(POST_ONLY, refused=(*NO_CATALOG, "manager", "manager_b", "nation_manager")),
        obj="message_a",
    ),
    Route("api:investmentinquiry-list", api(UNIT_SIDE_LIST)),
    Route("api:investmentinquiry-detail", api(UNIT_SIDE_A, refused=NO_CATALOG), obj="inquiry_a"),
]
