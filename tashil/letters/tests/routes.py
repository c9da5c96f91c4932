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

PLACE_A = ("admin", "secretariat", "province_secretariat", "manager", "nation_manager")
READERS = (*SECRETARIATS, "manager", "manager_b", "nation_manager", "agency_officer", "agency_officer_b")
NO_LETTERS = ("clinic_expert", *UNIT_REPS)
LIST = codes(ok=READERS)
# County A's issued letter to agency A: its place, and agency A's officer (the recipient); another
# secretariat, manager or officer gets 404, like a role that reads no letters.
ISSUED_A = codes(NOT_FOUND, ok=(*PLACE_A, "agency_officer"))
# An issued letter is frozen: its editors are told why (403), as is anyone else who sees it.
ISSUED_A_EDIT = codes(NOT_FOUND, forbidden=(*PLACE_A, "agency_officer"))
# A draft is the secretariat's own: an agency officer does not see it until it is issued.
DRAFT_A = codes(NOT_FOUND, ok=PLACE_A)
DRAFT_A_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))
SECRETARIAT_READERS = codes(ok=(*SECRETARIATS, "manager", "manager_b", "nation_manager"))
SECRETARIAT_A = codes(NOT_FOUND, ok=PLACE_A)
SECRETARIAT_A_EDIT = codes(NOT_FOUND, ok=EDITS_A, forbidden=("manager", "nation_manager"))
NOTE_ADD = codes(ok=(*SECRETARIATS, "agency_officer", "agency_officer_b"))
POST_ONLY = codes(NOT_ALLOWED)
API_POST_ONLY = api(POST_ONLY, refused=NO_LETTERS)
NOTE_READERS = codes(ok=(*SECRETARIATS, "manager", "manager_b", "nation_manager", "agency_officer", "agency_officer_b"))
NOTE_A = codes(NOT_FOUND, ok=(*PLACE_A, "agency_officer"))

ROUTES = [
    Route("letters:letter_list", LIST),
    Route("letters:letter_add", codes(ok=SECRETARIATS)),
    Route("letters:letter", ISSUED_A, obj="letter_issued_a"),
    Route("letters:letter", DRAFT_A, obj="letter_draft_a"),
    Route("letters:letter_edit", ISSUED_A_EDIT, obj="letter_issued_a"),
    Route("letters:letter_edit", DRAFT_A_EDIT, obj="letter_draft_a"),
    Route("letters:letter_delete", ISSUED_A_EDIT, obj="letter_issued_a"),
    Route("letters:letter_delete", DRAFT_A_EDIT, obj="letter_draft_a"),
    Route("letters:letter_issue", POST_ONLY, obj="letter_draft_a"),
    Route("letters:letter_pdf", ISSUED_A, obj="letter_issued_a"),
    Route("letters:letterattachment", ISSUED_A, obj="letter_attachment_a"),
    Route("letters:secretariat_list", SECRETARIAT_READERS),
    Route("letters:secretariat", SECRETARIAT_A, obj="secretariat_office_a"),
    Route("letters:secretariat_edit", SECRETARIAT_A_EDIT, obj="secretariat_office_a"),
    Route("letters:incomingletternote_add", NOTE_ADD),
    Route("verify:document", everyone(OK), kwargs={"code": "WORLD7CODE"}),
    Route("verify:document", everyone(NOT_FOUND), kwargs={"code": "WORLD7CODF"}),
    Route("api:letter-list", api(LIST)),
    Route("api:letter-detail", api(ISSUED_A, refused=NO_LETTERS), obj="letter_issued_a"),
    Route("api:letter-pdf", api(ISSUED_A, refused=NO_LETTERS), obj="letter_issued_a"),
    Route("api:letter-issue", API_POST_ONLY, obj="letter_draft_a"),
    Route("api:secretariat-list", api(SECRETARIAT_READERS)),
    Route(
        "api:secretariat-detail",
        api(SECRETARIAT_A, refused=("agency_officer", "agency_officer_b", *NO_LETTERS)),
        obj="secretariat_office_a",
    ),
    Route("api:incomingletternote-list", api(NOTE_READERS)),
    Route("api:incomingletternote-detail", api(NOTE_A, refused=NO_LETTERS), obj="incoming_note_a"),
]
