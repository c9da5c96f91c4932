from tashil.core.testing.matrix import NOT_FOUND, OK, SECRETARIATS, Route, codes

MANAGERS = ("manager", "manager_b", "nation_manager")

ROUTES = [
    Route("notifications:channels", codes(OK)),
    Route("notifications:outgoingsms_list", codes(ok=SECRETARIATS)),
    Route("notifications:remindersettings_list", codes(ok=(*SECRETARIATS, *MANAGERS))),
    Route("notifications:remindersettings_add", codes(ok=SECRETARIATS)),
    Route(
        "notifications:remindersettings_edit",
        codes(NOT_FOUND, ok=("admin", "secretariat", "province_secretariat"), forbidden=("manager", "nation_manager")),
        obj="reminders_a",
    ),
]
