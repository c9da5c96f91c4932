"""The clinic's part of the test world: a centre in county A (the world's clinic expert is on its roster) and
one in county B, and a case in each — case A for the semi-active unit A2, in execution with a diagnosis, a
plan item, a weekly update and an inspection visit."""

import datetime

from tashil.clinic.choices import CaseReason, CaseStatus, Dimension, Owner
from tashil.clinic.models import (
    ActionItem,
    Centre,
    CentreExpert,
    ClinicCase,
    Diagnosis,
    DiagnosisScore,
    InspectionVisit,
    WeeklyUpdate,
)
from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today
from tashil.site.testing.world import world_builder


@world_builder
def build_clinic(w):
    w.centre_a = Centre.objects.create(
        name="کانون دانشگاه الف",
        host_type="university",
        host_name="دانشگاه الف",
        level=ScopeLevel.COUNTY,
        province=w.province_a,
        county=w.county_a,
        specialties=["finance", "market"],
        yearly_capacity=10,
    )
    w.centre_b = Centre.objects.create(
        name="کانون ب",
        host_type="private",
        host_name="مشاوران ب",
        level=ScopeLevel.COUNTY,
        province=w.province_b,
        county=w.county_b,
    )
    w.roster_a = CentreExpert.objects.create(centre=w.centre_a, user=w.users["clinic_expert"], specialties=["finance"])
    w.case_a = ClinicCase.objects.create(
        unit=w.unit_a2,
        centre=w.centre_a,
        reason=CaseReason.SEMI_ACTIVE,
        opened_date=today() - datetime.timedelta(days=60),
    )
    w.case_a.experts.add(w.users["clinic_expert"])
    w.diagnosis_a = Diagnosis.objects.create(case=w.case_a, summary="کمبود نقدینگی")
    w.score_a = DiagnosisScore.objects.create(
        diagnosis=w.diagnosis_a, dimension=Dimension.FINANCE, score=2, findings="حساب مسدود", needs_agency=True
    )
    w.action_a = ActionItem.objects.create(
        case=w.case_a, title="تقسیط بدهی", owner=Owner.UNIT, deadline=today() + datetime.timedelta(days=30), weight=2
    )
    w.update_a = WeeklyUpdate.objects.create(case=w.case_a, date=today(), done="پیگیری بانک")
    w.inspection_a = InspectionVisit.objects.create(case=w.case_a, observations="بازدید برخط")
    ClinicCase.objects.filter(pk=w.case_a.pk).update(status=CaseStatus.EXECUTION)
    w.case_a.refresh_from_db()
    w.case_b = ClinicCase.objects.create(unit=w.unit_b, centre=w.centre_b, reason=CaseReason.INACTIVE)
