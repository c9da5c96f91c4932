"""The clinic's rules: the case lifecycle, weighted plan progress, findings becoming obstacles, the revival
credit, the weekly "no update" list, and who sees what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tashil.clinic import services as clinic_services
from tashil.clinic.choices import CaseOutcome, CaseReason, CaseStatus, Dimension, Owner
from tashil.clinic.models import (
    ActionItem,
    Centre,
    CentreExpert,
    ClinicCase,
    Diagnosis,
    DiagnosisScore,
    WeeklyUpdate,
)
from tashil.core import scope
from tashil.core.choices import Role, ScopeLevel
from tashil.core.jalali import today, week_bounds
from tashil.core.models import ChangeLogEntry
from tashil.obstacles.choices import Source
from tashil.obstacles.models import Obstacle
from tashil.units import services as unit_services
from tashil.units.choices import StatusChangeSource, UnitStatus
from tashil.units.models import IndustrialUnit


def messages_of(error):
    return " ".join(error.value.messages)


def new_case(world, unit=None, **extra):
    unit = unit or IndustrialUnit.objects.create(
        name="کارخانه خاموش الف", national_id="10860001233", county=world.county_a, status=UnitStatus.INACTIVE
    )
    return ClinicCase.objects.create(unit=unit, centre=world.centre_a, reason=CaseReason.INACTIVE, **extra)


def diagnose(case, **score):
    diagnosis = Diagnosis.objects.create(case=case, summary="نقدینگی")
    DiagnosisScore.objects.create(
        diagnosis=diagnosis, dimension=score.pop("dimension", Dimension.FINANCE), score=score.pop("score", 2), **score
    )
    return diagnosis


def item(case, weight, progress, **extra):
    return ActionItem.objects.create(
        case=case,
        title=extra.pop("title", f"اقدام {weight}"),
        owner=Owner.UNIT,
        deadline=extra.pop("deadline", today() + datetime.timedelta(days=30)),
        weight=weight,
        progress=progress,
        **extra,
    )


# ----------------------------------------------------------------- lifecycle


def test_a_case_moves_intake_diagnosis_plan_execution_and_each_step_needs_its_work(world):
    case = new_case(world)
    assert case.status == CaseStatus.INTAKE and case.county == world.county_a
    clinic_services.advance(case)
    assert case.status == CaseStatus.DIAGNOSIS
    with pytest.raises(ValidationError) as error:
        clinic_services.advance(case)
    assert "آسیب‌شناسی واحد را ثبت کنید" in messages_of(error)
    diagnose(case)
    clinic_services.advance(case)
    assert case.status == CaseStatus.PLAN
    with pytest.raises(ValidationError) as error:
        clinic_services.advance(case)
    assert "دست‌کم یک اقدام" in messages_of(error)
    item(case, 1, 0)
    clinic_services.advance(case)
    assert case.status == CaseStatus.EXECUTION
    with pytest.raises(ValidationError) as error:
        clinic_services.advance(case)
    assert "بستن پرونده با نتیجه" in messages_of(error)
    case.refresh_from_db()
    assert case.status == CaseStatus.EXECUTION
    steps = list(
        ChangeLogEntry.objects.filter(object_id=case.pk, content_type__model="cliniccase", message__contains="مرحله")
    )
    assert len(steps) == 3


def test_closing_needs_an_outcome_happens_once_and_freezes_the_case(world):
    case = world.case_a
    with pytest.raises(ValidationError):
        clinic_services.close(case, "")
    clinic_services.close(case, CaseOutcome.WITHDRAWN, "مالک انصراف داد")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == CaseOutcome.WITHDRAWN
    assert case.closed_date == today() and case.outcome_note == "مالک انصراف داد"
    with pytest.raises(ValidationError) as error:
        clinic_services.close(case, CaseOutcome.WITHDRAWN)
    assert "پیش‌تر بسته" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        ActionItem(case=case, title="تازه", deadline=today(), weight=1).full_clean()
    assert "پرونده بسته شده" in messages_of(error)
    with pytest.raises(ValidationError):
        case.full_clean()


def test_improved_needs_a_semi_active_unit(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        clinic_services.close(case, CaseOutcome.IMPROVED)
    assert "نیمه‌فعال" in messages_of(error)
    case.refresh_from_db()
    assert case.is_open


def test_one_open_case_per_unit_and_the_centre_must_serve_the_unit(world):
    duplicate = ClinicCase(unit=world.unit_a2, centre=world.centre_a, reason=CaseReason.SEMI_ACTIVE)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "پرونده باز دیگری" in messages_of(error)
    far = ClinicCase(unit=world.unit_a, centre=world.centre_b, reason=CaseReason.ON_REQUEST)
    with pytest.raises(ValidationError) as error:
        far.full_clean()
    assert "خدمت نمی‌دهد" in messages_of(error)
    province_wide = Centre.objects.create(
        name="کانون استانی الف", host_type="engineering", host_name="نظام مهندسی", level=ScopeLevel.PROVINCE,
        province=world.province_a,
    )  # fmt: skip
    ClinicCase(unit=world.unit_a, centre=province_wide, reason=CaseReason.ON_REQUEST).full_clean()
    assert province_wide.serves(world.county_a2) and not province_wide.serves(world.county_b)


# ------------------------------------------------------------ plan progress


def test_plan_progress_is_the_weighted_progress_of_its_items(world):
    case = new_case(world)
    assert case.progress is None
    item(case, 1, 100)
    item(case, 3, 0)
    assert case.progress == 25.0
    item(case, 4, 50)
    assert case.progress == 37.5  # (100 + 0 + 200) / 8
    annotated = ClinicCase.objects.with_progress().get(pk=case.pk)
    assert annotated.plan_progress == 37.5


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 100), st.integers(0, 100)), min_size=1, max_size=8))
def test_weighted_progress_matches_the_formula_and_stays_within_its_items(world, items):
    with transaction.atomic():
        case = world.case_a
        case.action_items.all().delete()
        for weight, progress in items:
            item(case, weight, progress)
        expected = round(sum(w * p for w, p in items) / sum(w for w, _ in items), 1)
        assert case.progress == expected
        assert min(p for _, p in items) - 0.05 <= case.progress <= max(p for _, p in items) + 0.05
        assert ClinicCase.objects.with_progress().get(pk=case.pk).plan_progress == expected
        transaction.set_rollback(True)


def test_an_item_owned_by_an_agency_names_it_and_weights_are_bounded(world):
    with pytest.raises(ValidationError) as error:
        ActionItem(case=world.case_a, title="تسهیلات", owner=Owner.AGENCY, deadline=today(), weight=0).full_clean()
    assert set(error.value.message_dict) >= {"agency", "weight"}


def test_an_overdue_item_is_flagged_until_done(world):
    late = item(world.case_a, 1, 40, deadline=today() - datetime.timedelta(days=1))
    assert late.is_overdue
    late.progress = 100
    assert not late.is_overdue


# ------------------------------------------------------- findings → obstacles


def test_findings_that_need_an_agency_become_obstacles_once(world):
    score = world.score_a
    with pytest.raises(ValidationError) as error:
        clinic_services.findings_to_obstacles(world.case_a)
    assert "گروه مانع" in messages_of(error) and not Obstacle.objects.filter(source=Source.CLINIC).exists()
    score.group = world.group_finance
    score.save()
    DiagnosisScore.objects.create(
        diagnosis=world.diagnosis_a, dimension=Dimension.MARKET, score=4, findings="بازار خوب است"
    )
    created = clinic_services.findings_to_obstacles(world.case_a, world.users["clinic_expert"])
    assert len(created) == 1
    obstacle = created[0]
    assert obstacle.unit == world.unit_a2 and obstacle.group == world.group_finance
    assert obstacle.source == Source.CLINIC and obstacle.title == "حساب مسدود"
    assert obstacle.reported_by == world.users["clinic_expert"]
    score.refresh_from_db()
    assert score.obstacle == obstacle
    assert clinic_services.findings_to_obstacles(world.case_a) == []
    assert Obstacle.objects.filter(source=Source.CLINIC).count() == 1


def test_a_finding_for_an_agency_must_say_what_was_found(world):
    with pytest.raises(ValidationError) as error:
        DiagnosisScore(diagnosis=world.diagnosis_a, dimension=Dimension.LEGAL, score=1, needs_agency=True).full_clean()
    assert "findings" in error.value.message_dict


# ------------------------------------------------------------ revival credit


def test_a_unit_that_becomes_active_during_a_case_credits_it(world, client_as):
    unit = world.unit_a2
    change = unit_services.change_status(
        unit, UnitStatus.ACTIVE, "تولید از سر گرفته شد", user=world.users["secretariat"]
    )
    world.case_a.refresh_from_db()
    assert world.case_a.revival == change
    page = client_as("secretariat").get(unit.get_absolute_url() + "?tab=status").content.decode()
    assert 'data-testid="clinic-credit"' in page and world.case_a.get_absolute_url() in page
    assert ClinicCase.objects.revived().filter(pk=world.case_a.pk).exists()
    # Closing it as revived keeps the same credit and does not count it twice.
    clinic_services.close(world.case_a, CaseOutcome.REVIVED)
    world.case_a.refresh_from_db()
    assert world.case_a.revival == change and world.case_a.outcome == CaseOutcome.REVIVED
    credits = ChangeLogEntry.objects.filter(object_id=world.case_a.pk, message__contains="به اعتبار این پرونده")
    assert credits.count() == 1


def test_closing_as_revived_activates_the_unit_and_credits_the_case(world):
    case = new_case(world)
    clinic_services.close(
        case, CaseOutcome.REVIVED, "تولید با نیمی از ظرفیت از سر گرفته شد", user=world.users["clinic_expert"]
    )
    case.refresh_from_db()
    case.unit.refresh_from_db()
    assert case.unit.status == UnitStatus.ACTIVE
    assert case.revival.source == StatusChangeSource.CLINIC and case.revival.from_status == UnitStatus.INACTIVE
    assert case.revival.user == world.users["clinic_expert"]


def test_revived_is_refused_for_a_unit_that_was_active_all_along(world):
    case = ClinicCase.objects.create(unit=world.unit_a, centre=world.centre_a, reason=CaseReason.AT_RISK)
    with pytest.raises(ValidationError) as error:
        clinic_services.close(case, CaseOutcome.REVIVED)
    assert "پیش از این پرونده هم فعال" in messages_of(error)


def test_no_credit_for_a_case_still_at_intake_or_for_a_unit_without_a_case(world):
    case = new_case(world)
    change = unit_services.change_status(case.unit, UnitStatus.ACTIVE, "فعال شد")
    case.refresh_from_db()
    assert case.revival is None
    assert not ClinicCase.objects.filter(revival=change).exists()


# ------------------------------------------------------------- no update list


def test_the_no_update_list_holds_open_cases_past_intake_without_an_update_since_saturday(world):
    saturday, _friday = week_bounds()
    quiet = new_case(world)
    clinic_services.advance(quiet)
    intake = new_case(world, unit=IndustrialUnit.objects.create(name="تازه", county=world.county_a))
    listed = set(ClinicCase.objects.without_update_this_week().values_list("pk", flat=True))
    assert quiet.pk in listed
    assert world.case_a.pk not in listed, "it has an update today"
    assert intake.pk not in listed, "intake has nothing to report yet"
    WeeklyUpdate.objects.create(case=quiet, date=saturday - datetime.timedelta(days=1), done="هفته پیش")
    assert quiet.pk in set(ClinicCase.objects.without_update_this_week().values_list("pk", flat=True))
    WeeklyUpdate.objects.create(case=quiet, date=saturday, done="شنبه")
    assert quiet.pk not in set(ClinicCase.objects.without_update_this_week().values_list("pk", flat=True))
    world.update_a.delete()
    clinic_services.close(world.case_a, CaseOutcome.WITHDRAWN)
    assert world.case_a.pk not in set(ClinicCase.objects.without_update_this_week().values_list("pk", flat=True))


def test_an_update_cannot_be_dated_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        WeeklyUpdate(case=world.case_a, date=today() + datetime.timedelta(days=1), done="x").full_clean()
    assert "روزهای آینده" in messages_of(error)


# ---------------------------------------------------------------------- scope


def test_an_expert_sees_only_their_centres_cases_and_centre(world):
    expert = world.users["clinic_expert"]
    assert set(scope.restrict(ClinicCase.objects.all(), expert)) == {world.case_a}
    assert set(scope.restrict(Centre.objects.all(), expert)) == {world.centre_a}
    assert set(scope.restrict(WeeklyUpdate.objects.all(), expert)) == {world.update_a}
    assert scope.can_object(expert, world.action_a, "delete"), "an expert rewrites the plan"
    assert not scope.can_object(expert, world.case_a, "delete")


def test_joining_a_roster_gives_the_expert_role_for_that_centre_and_leaving_takes_it(world):
    membership = world.users["clinic_expert"].memberships.get(role=Role.CLINIC_EXPERT)
    assert membership.centre == world.centre_a, "the role given before joining became the centre's"
    newcomer = world.users["manager_b"]
    roster = CentreExpert.objects.create(centre=world.centre_b, user=newcomer)
    role = newcomer.memberships.get(role=Role.CLINIC_EXPERT)
    assert role.centre == world.centre_b and role.county == world.county_b and role.is_active
    roster.is_active = False
    roster.save()
    role.refresh_from_db()
    assert not role.is_active


def test_the_units_representative_sees_the_case_but_the_neighbour_does_not(world):
    assert set(scope.restrict(ClinicCase.objects.all(), world.users["unit_rep_b"])) == {world.case_a}
    assert not scope.restrict(ClinicCase.objects.all(), world.users["unit_rep"]).exists()


def test_a_case_s_experts_changed_in_any_way_are_on_its_history(world):
    """Many-to-many changes write no post_save: the change log hears them from m2m_changed, from either side."""
    from tashil.core.changelog import history_for
    from tashil.core.choices import ChangeAction

    case, expert, other = world.case_a, world.users["clinic_expert"], world.users["secretariat"]
    assert [(e.action, e.changes[0]["new"]) for e in history_for(case).filter(changes__0__field="experts")] == [
        (ChangeAction.UPDATE, str(expert))
    ], "the world's own add is on the history"
    since = history_for(case).order_by("-pk").values_list("pk", flat=True).first()

    def expert_changes():
        return [
            (c["old"], c["new"])
            for entry in history_for(case).filter(action=ChangeAction.UPDATE, pk__gt=since).order_by("pk")
            for c in entry.changes
            if c["field"] == "experts"
        ]

    case.experts.clear()
    case.experts.add(expert, other)
    case.experts.remove(other)
    other.clinic_cases.add(case)  # from the user's side
    name, both = str(expert), "، ".join(str(u) for u in sorted([expert, other], key=lambda u: u.pk))
    assert expert_changes() == [(name, ""), ("", both), (both, name), (name, both)]
