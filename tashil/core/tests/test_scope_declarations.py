"""Who sees what, model by model and role by role: the rows each declared scope rule lets through, written out.

Every model says how a membership narrows it by declaration (``scope_county_path``, ``scope_unit_path``,
``scope_agency_path``, ``scope_centre_path``, ``scope_parent``) and one ``scope_filter`` in core reads them.
This test states, for the world and a few probes that tell the rules apart (a second agency's referral of
obstacle A, agency A invited to county B's meeting, a clinic committee, a province's centre and issue, an
exhibition in county B, an approved report, a person who works in two counties), the rows every role may see
of every model, and the rows it may write where that differs. The table was recorded with the rules as they
were written before they became declarations (28 ``scope_filter`` overrides), so it holds them to the same
result; a change of a rule changes a line here, on purpose.
"""

import pytest
from django.apps import apps

from tashil.core import scope
from tashil.core.choices import Role, ScopeLevel
from tashil.core.models import BaseModel
from tashil.core.testing.roles import ROLES
from tashil.obstacles import services as obstacle_services
from tashil.site.testing.factories import MembershipFactory, UserFactory

EVERY = "every row"


def get(label):
    return apps.get_model(label)


@pytest.fixture
def probed(world):
    """The world, with the rows that tell one declared rule from another."""
    w = world
    w.referral_a2 = obstacle_services.refer(w.obstacle_a, [w.agency_a2], user=w.users["secretariat"])[0]
    closures = get("geo.Closure").objects
    w.closure_pa = closures.create(date=w.closure_a.date, province=w.province_a, reason="گرما در سراسر استان")
    w.closure_b = closures.create(date=w.closure_a.date, province=w.province_b, county=w.county_b, reason="گرد و غبار")
    w.attendance_b_by_a = get("meetings.Attendance").objects.create(meeting=w.meeting_b, agency=w.agency_a)
    committees = get("meetings.MeetingSeries").objects.create(
        county=w.county_a, kind="clinic_committee", title="کمیته کلینیک الف"
    )
    w.committee_a = get("meetings.Meeting").objects.create(series=committees, date=w.meeting_a.date)
    w.centre_pa = get("clinic.Centre").objects.create(
        name="کانون استانی الف",
        host_type="university",
        host_name="دانشگاه استان الف",
        level=ScopeLevel.PROVINCE,
        province=w.province_a,
    )
    w.systemic_pa = get("obstacles.SystemicIssue").objects.create(
        title="موضوع استانی الف",
        proposal="اصلاح آیین‌نامه",
        group=w.group_tax,
        level=ScopeLevel.PROVINCE,
        province=w.province_a,
    )
    w.exhibition_b = get("catalog.Exhibition").objects.create(
        title="نمایشگاه ب",
        county=w.county_b,
        start_date=w.exhibition_a.start_date,
        end_date=w.exhibition_a.end_date,
        place="سالن ب",
    )
    w.booth_b_of_a = get("catalog.Booth").objects.create(exhibition=w.exhibition_b, unit=w.unit_a, number="3")
    w.report_approved = get("units.PeriodicReport").objects.create(unit=w.unit_a, year=1404, month=5, status="approved")
    two = UserFactory(username="two.places")
    MembershipFactory(user=two, role=Role.MANAGER, level=ScopeLevel.COUNTY, county=w.county_a)
    MembershipFactory(user=two, role=Role.MANAGER, level=ScopeLevel.COUNTY, county=w.county_b)
    w.two_places = two
    # The timeline entries: each referral's, and obstacle B's first.
    for key in ("referral_a", "referral_a2", "referral_b"):
        setattr(w, f"{key}_event", getattr(w, key).events.get())
    w.event_b = w.obstacle_b.events.get(referral=None)
    for user in w.users.values():
        scope.forget(user)
    return w


def names(world):
    """Each named object of the world by (model, pk); the users by their role key."""
    found = {}
    for attr, value in vars(world).items():
        if isinstance(value, BaseModel) and value.pk:
            found[(value._meta.label, value.pk)] = attr
    for key, user in world.users.items():
        found[("accounts.User", user.pk)] = f"users.{key}"
    return found


def name_of(obj, known):
    """The world's name of ``obj``, or how it reads (a membership, a timeline entry, a taxonomy group)."""
    return known.get((obj._meta.label, obj.pk)) or f"«{obj}»"


def seen(world, model, role, action):
    """What ``role`` may ``action`` of ``model``: EVERY when every row, else the sorted names of the rows."""
    known = names(world)
    rows = list(scope.restrict(model._default_manager.all(), world.users[role], action))
    if len(rows) > 5 and len(rows) == model._default_manager.count():
        return EVERY
    return sorted(name_of(obj, known) for obj in rows)


def scoped_models():
    return [model for model in apps.get_models() if issubclass(model, BaseModel)]


def expected(label, role, action):
    table = EXPECTED[label]
    if action != "view" and (label, action) in WRITES:
        table = WRITES[(label, action)]
    for roles, rows in table:
        if role in roles:
            return EVERY if rows == EVERY else sorted(rows)
    return []


def actions_of(model):
    return sorted(set().union(*model.role_actions.values()) | {"view"}) if model.role_actions else ["view"]


def test_each_role_sees_and_writes_what_the_declarations_say(probed):
    """One world for every model (built once: the table is read, not the world rebuilt per model)."""
    wrong = []
    for model in scoped_models():
        label = model._meta.label
        if label not in EXPECTED:
            wrong.append(f"{label}: add what each role sees of it to EXPECTED")
            continue
        for action in actions_of(model):
            for role in probed.users:
                may = scope.can(probed.users[role], model, action)
                want = expected(label, role, action) if may else []
                got = seen(probed, model, role, action)
                if got != want:
                    wrong.append(f"{label} {role} {action}: expected {want}, got {got}")
    assert not wrong, "\n  ".join(wrong)


def test_a_person_in_two_counties_sees_both_but_manages_only_where_all_their_roles_are(probed):
    """Not a role of the world: two memberships add up (the table checks the world's one-role users)."""
    user = probed.two_places
    units = get("units.IndustrialUnit")
    assert set(scope.restrict(units.objects.all(), user)) == {probed.unit_a, probed.unit_a2, probed.unit_b}
    users = get("accounts.User")
    secretariat = probed.users["secretariat"]
    assert user in scope.restrict(users.objects.all(), secretariat)
    assert user not in scope.restrict(users.objects.all(), secretariat, "change")


# model: ((roles, rows they see), ...); a role not named sees nothing.
EXPECTED = {
    "core.ChangeLogEntry": ((("admin",), EVERY),),
    "core.WeekendDay": (),
    "core.SavedView": ((("secretariat",), ("saved_view",)),),
    # The world issues no minutes or certificates: no seal to see (an administrator would see every one).
    "core.DocumentSeal": (),
    "core.Holiday": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
            ),
            ("holiday",),
        ),
    ),
    "geo.Province": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
            ),
            ("province_a", "province_b"),
        ),
    ),
    "geo.County": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
            ),
            ("county_a", "county_a2", "county_b"),
        ),
    ),
    "geo.Closure": (
        (("admin", "nation_manager"), ("closure_a", "closure_b", "closure_pa")),
        (
            ("secretariat", "province_secretariat", "manager", "agency_officer", "clinic_expert"),
            ("closure_a", "closure_pa"),
        ),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("closure_b",)),
    ),
    "geo.IndustrialZone": (
        (("admin", "nation_manager"), ("zone_a", "zone_b")),
        (("secretariat", "province_secretariat", "manager", "agency_officer", "clinic_expert"), ("zone_a",)),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("zone_b",)),
    ),
    "orgs.Agency": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
            ),
            ("agency_a", "agency_a2", "agency_b"),
        ),
    ),
    "orgs.AgencyContact": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
            ),
            ("contact_a",),
        ),
    ),
    "accounts.User": (
        (("admin", "nation_manager"), EVERY),
        (
            ("secretariat", "manager"),
            (
                "two_places",
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
        (
            ("secretariat_b", "manager_b"),
            ("two_places", "users.agency_officer_b", "users.manager_b", "users.secretariat_b"),
        ),
        (
            ("province_secretariat",),
            (
                "two_places",
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.province_secretariat",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
    ),
    "accounts.Membership": (
        (("admin", "nation_manager"), EVERY),
        (
            ("secretariat", "manager"),
            (
                "manager_membership",
                "«دبیرخانه — شهرستان شهرستان الف»",
                "«مدیر — شهرستان شهرستان الف»",
                "«نماینده واحد صنعتی — صنایع آزمایشی الف»",
                "«نماینده واحد صنعتی — کارخانه همسایه الف»",
                "«کارشناس دستگاه اجرایی — اداره مالیات الف»",
                "«کارشناس کلینیک صنعت — کانون دانشگاه الف»",
            ),
        ),
        (
            ("secretariat_b", "manager_b"),
            (
                "«دبیرخانه — شهرستان شهرستان ب»",
                "«مدیر — شهرستان شهرستان ب»",
                "«مدیر — شهرستان شهرستان ب»",
                "«کارشناس دستگاه اجرایی — اداره مالیات ب»",
            ),
        ),
        (
            ("province_secretariat",),
            (
                "manager_membership",
                "«دبیرخانه — استان استان الف»",
                "«دبیرخانه — شهرستان شهرستان الف»",
                "«مدیر — شهرستان شهرستان الف»",
                "«نماینده واحد صنعتی — صنایع آزمایشی الف»",
                "«نماینده واحد صنعتی — کارخانه همسایه الف»",
                "«کارشناس دستگاه اجرایی — اداره مالیات الف»",
                "«کارشناس کلینیک صنعت — کانون دانشگاه الف»",
            ),
        ),
    ),
    "accounts.ApiToken": (),
    "accounts.AccessEvent": (),
    "accounts.OneTimeCode": (),
    "accounts.Invitation": (
        (("admin", "nation_manager"), ("invitation_a", "invitation_b")),
        (("secretariat", "province_secretariat", "manager"), ("invitation_a",)),
        (("secretariat_b", "manager_b"), ("invitation_b",)),
    ),
    "accounts.RegistrationRequest": (
        (("admin", "nation_manager"), ("rep_request_a", "rep_request_b", "rep_request_unknown")),
        (("secretariat", "province_secretariat", "manager"), ("rep_request_a",)),
        (("secretariat_b", "manager_b"), ("rep_request_b",)),
    ),
    "units.IndustrialUnit": (
        (("admin", "nation_manager"), ("unit_a", "unit_a2", "unit_b")),
        (("secretariat", "province_secretariat", "manager", "agency_officer", "clinic_expert"), ("unit_a", "unit_a2")),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("unit_b",)),
        (("unit_rep",), ("unit_a",)),
        (("unit_rep_b",), ("unit_a2",)),
    ),
    "units.UnitStatusChange": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "agency_officer",
                "clinic_expert",
                "unit_rep",
            ),
            ("status_change_a",),
        ),
    ),
    "units.Product": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "agency_officer",
                "clinic_expert",
                "unit_rep",
            ),
            ("product_a",),
        ),
    ),
    "units.Project": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "agency_officer",
                "clinic_expert",
                "unit_rep",
            ),
            ("project_a",),
        ),
    ),
    "units.PeriodicReport": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "agency_officer",
                "clinic_expert",
                "unit_rep",
            ),
            ("report_a", "report_approved"),
        ),
    ),
    "units.ImportJob": ((("admin", "secretariat"), ("import_job",)),),
    # The world asks no representative to confirm their unit's data: no request to see.
    "units.DataCheckRequest": (),
    # Reference data: ISIC Rev.4 is read by everyone signed in, written by no one (load_reference loads it).
    "units.IsicCode": ((tuple(role for role in ROLES if role != "anonymous"), EVERY),),
    "obstacles.ObstacleDomain": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
                "unit_rep",
                "unit_rep_b",
            ),
            (
                "domain_finance",
                "«بازار، تأمین و فناوری»",
                "«زیرساخت و انرژی»",
                "«قوانین، مقررات و دستگاه\u200cهای اجرایی»",
            ),
        ),
    ),
    "obstacles.ObstacleGroup": (
        (
            (
                "admin",
                "secretariat",
                "secretariat_b",
                "province_secretariat",
                "manager",
                "manager_b",
                "nation_manager",
                "agency_officer",
                "agency_officer_b",
                "clinic_expert",
                "unit_rep",
                "unit_rep_b",
            ),
            EVERY,
        ),
    ),
    "obstacles.Obstacle": (
        (("admin", "nation_manager"), ("obstacle_a", "obstacle_b")),
        (
            ("secretariat", "province_secretariat", "manager", "agency_officer", "clinic_expert", "unit_rep"),
            ("obstacle_a",),
        ),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("obstacle_b",)),
    ),
    "obstacles.Referral": (
        (("admin", "nation_manager"), ("referral_a", "referral_a2", "referral_b")),
        (
            ("secretariat", "province_secretariat", "manager", "clinic_expert", "unit_rep"),
            ("referral_a", "referral_a2"),
        ),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("referral_b",)),
        (("agency_officer",), ("referral_a",)),
    ),
    "obstacles.Attachment": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "agency_officer",
                "clinic_expert",
                "unit_rep",
            ),
            ("attachment_a",),
        ),
    ),
    "obstacles.ObstacleEvent": (
        (
            ("admin", "nation_manager"),
            ("event_a", "event_b", "referral_a2_event", "referral_a_event", "referral_b_event"),
        ),
        (
            ("secretariat", "province_secretariat", "manager", "clinic_expert", "unit_rep"),
            ("event_a", "referral_a2_event", "referral_a_event"),
        ),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("event_b", "referral_b_event")),
        (("agency_officer",), ("event_a", "referral_a_event")),
    ),
    "obstacles.ProducerReview": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "agency_officer",
                "clinic_expert",
                "unit_rep",
            ),
            ("review_a",),
        ),
    ),
    "obstacles.SystemicIssue": (
        (("admin", "province_secretariat", "nation_manager"), ("systemic_a", "systemic_pa")),
        (("secretariat", "manager"), ("systemic_a",)),
    ),
    "notifications.Notification": ((("secretariat",), ("notification_a",)),),
    "notifications.ChannelPreference": ((("secretariat",), ("channels_a",)),),
    "notifications.OutgoingSMS": (
        (("admin",), ("sms_a", "sms_b")),
        (("secretariat", "province_secretariat"), ("sms_a",)),
        (("secretariat_b",), ("sms_b",)),
    ),
    "notifications.ReminderSettings": (
        (("admin", "nation_manager"), ("reminders_a", "reminders_b")),
        (("secretariat", "province_secretariat", "manager"), ("reminders_a",)),
        (("secretariat_b", "manager_b"), ("reminders_b",)),
    ),
    "meetings.MeetingSeries": (
        (("admin", "nation_manager"), ("series_a", "series_b", "«تور صنعتی الف»", "«کمیته کلینیک الف»")),
        (("secretariat", "province_secretariat", "manager"), ("series_a", "«تور صنعتی الف»", "«کمیته کلینیک الف»")),
        (("secretariat_b", "manager_b"), ("series_b",)),
    ),
    "meetings.Meeting": (
        (("admin", "nation_manager"), ("committee_a", "meeting_a", "meeting_b", "visit_a")),
        (("secretariat", "province_secretariat", "manager"), ("committee_a", "meeting_a", "visit_a")),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("meeting_b",)),
        (("agency_officer",), ("meeting_a", "meeting_b")),
        (("clinic_expert",), ("committee_a",)),
    ),
    "meetings.MinutesAmendment": (),
    "meetings.Attendance": (
        (("admin", "nation_manager", "agency_officer"), ("attendance_a", "attendance_b_by_a")),
        (("secretariat", "province_secretariat", "manager"), ("attendance_a",)),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("attendance_b_by_a",)),
    ),
    "meetings.AgendaItem": (
        (
            ("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "agency_officer"),
            ("agenda_a",),
        ),
    ),
    "meetings.VisitFinding": (
        (("admin", "secretariat", "province_secretariat", "manager", "nation_manager"), ("finding_a",)),
    ),
    "meetings.DeskRequest": (),
    "meetings.Resolution": (
        (("admin", "nation_manager"), ("resolution_a", "resolution_b", "resolution_evidence_a")),
        (
            ("secretariat", "province_secretariat", "manager", "agency_officer", "unit_rep"),
            ("resolution_a", "resolution_evidence_a"),
        ),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("resolution_b",)),
    ),
    "clinic.Centre": (
        (("admin", "nation_manager"), ("centre_a", "centre_b", "centre_pa")),
        (("secretariat", "province_secretariat", "manager"), ("centre_a", "centre_pa")),
        (("secretariat_b", "manager_b"), ("centre_b",)),
        (("clinic_expert",), ("centre_a",)),
    ),
    "clinic.CentreExpert": (
        (("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "clinic_expert"), ("roster_a",)),
    ),
    "clinic.ClinicCase": (
        (("admin", "nation_manager"), ("case_a", "case_b")),
        (("secretariat", "province_secretariat", "manager", "clinic_expert", "unit_rep_b"), ("case_a",)),
        (("secretariat_b", "manager_b"), ("case_b",)),
    ),
    "clinic.Diagnosis": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "clinic_expert",
                "unit_rep_b",
            ),
            ("diagnosis_a",),
        ),
    ),
    "clinic.DiagnosisScore": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "clinic_expert",
                "unit_rep_b",
            ),
            ("score_a",),
        ),
    ),
    "clinic.ActionItem": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "clinic_expert",
                "unit_rep_b",
            ),
            ("action_a",),
        ),
    ),
    "clinic.WeeklyUpdate": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "clinic_expert",
                "unit_rep_b",
            ),
            ("update_a",),
        ),
    ),
    "clinic.InspectionVisit": (
        (
            (
                "admin",
                "secretariat",
                "province_secretariat",
                "manager",
                "nation_manager",
                "clinic_expert",
                "unit_rep_b",
            ),
            ("inspection_a",),
        ),
    ),
    "catalog.PublicProfile": (
        (("admin", "nation_manager"), ("profile_a", "profile_b")),
        (("secretariat", "province_secretariat", "manager", "unit_rep"), ("profile_a",)),
        (("secretariat_b", "manager_b"), ("profile_b",)),
    ),
    "catalog.Certificate": (
        (("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "unit_rep"), ("certificate_a",)),
    ),
    "catalog.UnitInput": (
        (("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "unit_rep"), ("input_a",)),
    ),
    "catalog.Exhibition": (
        (("admin", "nation_manager"), ("exhibition_a", "exhibition_b")),
        (("secretariat", "province_secretariat", "manager", "unit_rep", "unit_rep_b"), ("exhibition_a",)),
        (("secretariat_b", "manager_b"), ("exhibition_b",)),
    ),
    "catalog.Booth": (
        (("admin", "nation_manager", "unit_rep"), ("booth_a", "booth_b_of_a")),
        (("secretariat", "province_secretariat", "manager"), ("booth_a",)),
        (("secretariat_b", "manager_b"), ("booth_b_of_a",)),
    ),
    "catalog.ContactMessage": ((("admin", "secretariat", "province_secretariat", "unit_rep"), ("message_a",)),),
    "catalog.InvestmentInquiry": (
        (("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "unit_rep"), ("inquiry_a",)),
    ),
    "workshops.Workshop": (
        (("admin", "nation_manager"), ("workshop_a", "workshop_b")),
        (
            ("secretariat", "province_secretariat", "manager", "clinic_expert", "unit_rep", "unit_rep_b"),
            ("workshop_a",),
        ),
        (("secretariat_b", "manager_b"), ("workshop_b",)),
    ),
    "workshops.Registration": (
        (
            ("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "unit_rep"),
            ("registration_a",),
        ),
    ),
    "impact.ImpactRecord": (
        (("admin", "nation_manager"), ("impact_a", "impact_b")),
        (("secretariat", "province_secretariat", "manager", "agency_officer"), ("impact_a",)),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("impact_b",)),
    ),
    "letters.Secretariat": (
        (("admin", "nation_manager"), ("secretariat_office_a", "secretariat_office_b")),
        (("secretariat", "province_secretariat", "manager"), ("secretariat_office_a",)),
        (("secretariat_b", "manager_b"), ("secretariat_office_b",)),
    ),
    "letters.LetterCounter": (),
    "letters.Letter": (
        (("admin", "nation_manager"), ("letter_draft_a", "letter_issued_a", "letter_issued_b")),
        (("secretariat", "province_secretariat", "manager"), ("letter_draft_a", "letter_issued_a")),
        (("secretariat_b", "manager_b", "agency_officer_b"), ("letter_issued_b",)),
        # An agency's officer reads the issued letters addressed to the agency, never a draft.
        (("agency_officer",), ("letter_issued_a",)),
    ),
    "letters.LetterAttachment": (
        (
            ("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "agency_officer"),
            ("letter_attachment_a",),
        ),
    ),
    "letters.IncomingLetterNote": (
        (
            ("admin", "secretariat", "province_secretariat", "manager", "nation_manager", "agency_officer"),
            ("incoming_note_a",),
        ),
    ),
}

# (model, action): the same shape, where a write reaches fewer rows than a view.
WRITES = {
    # Only the national secretariat confirms a lunar holiday (the world has none: only the administrator may).
    ("core.Holiday", "confirm"): ((("admin",), ("holiday",)),),
    **{
        ("geo.Closure", action): (
            (("admin",), ("closure_a", "closure_b", "closure_pa")),
            (("province_secretariat",), ("closure_a", "closure_pa")),
            (("secretariat",), ("closure_a",)),
            (("secretariat_b",), ("closure_b",)),
        )
        for action in ("add", "change", "delete")
    },
    ("orgs.Agency", "add"): (
        (("admin",), ("agency_a", "agency_a2", "agency_b")),
        (("secretariat", "province_secretariat"), ("agency_a", "agency_a2")),
        (("secretariat_b",), ("agency_b",)),
    ),
    ("orgs.Agency", "change"): (
        (("admin",), ("agency_a", "agency_a2", "agency_b")),
        (("secretariat", "province_secretariat"), ("agency_a", "agency_a2")),
        (("secretariat_b",), ("agency_b",)),
    ),
    ("orgs.Agency", "delete"): (
        (("admin",), ("agency_a", "agency_a2", "agency_b")),
        (("secretariat", "province_secretariat"), ("agency_a", "agency_a2")),
        (("secretariat_b",), ("agency_b",)),
    ),
    ("orgs.AgencyContact", "add"): ((("admin", "secretariat", "province_secretariat"), ("contact_a",)),),
    ("orgs.AgencyContact", "change"): ((("admin", "secretariat", "province_secretariat"), ("contact_a",)),),
    ("orgs.AgencyContact", "delete"): ((("admin", "secretariat", "province_secretariat"), ("contact_a",)),),
    ("accounts.User", "add"): (
        (("admin",), EVERY),
        (
            ("secretariat",),
            (
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
        (("secretariat_b",), ("users.agency_officer_b", "users.manager_b", "users.secretariat_b")),
        (
            ("province_secretariat",),
            (
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.province_secretariat",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
    ),
    ("accounts.User", "change"): (
        (("admin",), EVERY),
        (
            ("secretariat",),
            (
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
        (("secretariat_b",), ("users.agency_officer_b", "users.manager_b", "users.secretariat_b")),
        (
            ("province_secretariat",),
            (
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.province_secretariat",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
    ),
    ("accounts.User", "delete"): (
        (("admin",), EVERY),
        (
            ("secretariat",),
            (
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
        (("secretariat_b",), ("users.agency_officer_b", "users.manager_b", "users.secretariat_b")),
        (
            ("province_secretariat",),
            (
                "users.agency_officer",
                "users.clinic_expert",
                "users.manager",
                "users.province_secretariat",
                "users.secretariat",
                "users.unit_rep",
                "users.unit_rep_b",
            ),
        ),
    ),
    ("units.PeriodicReport", "change"): (
        (("admin", "secretariat", "province_secretariat"), ("report_a", "report_approved")),
        (("unit_rep",), ("report_a",)),
    ),
}
