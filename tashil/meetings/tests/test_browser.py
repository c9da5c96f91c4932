"""A working-group meeting from planning to a verified resolution, as the people involved do it, in Chromium."""

import pytest

from tashil.core.testing.browser import choose, sign_in
from tashil.meetings.choices import ResolutionStatus
from tashil.meetings.models import Meeting
from tashil.obstacles.models import Obstacle

pytestmark = pytest.mark.browser


def test_plan_an_onsite_wednesday_meeting_through_to_a_verified_resolution(page, world):
    second = Obstacle.objects.create(
        unit=world.unit_a, group=world.group_finance, title="کمبود سرمایه در گردش واحد الف"
    )
    sign_in(page, "secretariat")
    page.goto(world.series_a.get_absolute_url())
    page.get_by_test_id("plan-next").click()
    choose(page, "site_unit", "آزمایشی الف")
    page.fill("input[name=chair_name]", "حسن عباسی")
    page.get_by_test_id("save").click()
    meeting = Meeting.objects.filter(series=world.series_a).latest("pk")
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert meeting.date.weekday() in (2, 3), "a Wednesday (or the next working day after a Wednesday holiday)"
    assert meeting.site_unit == world.unit_a and meeting.number == 2

    for title in ("برگ تشخیص مالیات الف", "کمبود سرمایه در گردش"):
        page.locator("[data-testid=agenda-obstacle-form] .autocomplete-search").fill(title)
        select = page.locator("[data-testid=agenda-obstacle-form] select")
        page.wait_for_function("s => s.value !== ''", arg=select.element_handle())
        page.get_by_test_id("add-agenda-obstacle").click()
        page.wait_for_load_state("domcontentloaded")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert "برگ تشخیص مالیات الف" in agenda and "کمبود سرمایه در گردش واحد الف" in agenda

    page.get_by_test_id("tab-attendance").click()
    page.get_by_test_id("invite").click()
    page.wait_for_load_state("domcontentloaded")
    selects = page.locator("[data-testid=attendance-form] select[name$=status]")
    assert selects.count() == 2
    selects.nth(0).select_option("present")
    selects.nth(1).select_option("absent")
    page.locator("[data-testid=attendance-form] input[name$=person_name]").nth(0).fill("مریم کاظمی")
    page.locator("[data-testid=attendance-form] input[name$=position]").nth(0).fill("رئیس اداره")
    page.get_by_test_id("save-attendance").click()
    page.wait_for_load_state("domcontentloaded")
    assert sorted(meeting.attendance.values_list("status", flat=True)) == ["absent", "present"]
    assert meeting.attendance.filter(person_name="مریم کاظمی", position="رئیس اداره", status="present").exists()

    for obstacle, agency, text in (
        (world.obstacle_a, world.agency_a, "اداره مالیات برگ تشخیص را در هیئت حل اختلاف بازبینی کند."),
        (second, world.agency_a2, "اداره برق سهمیه برق واحد را در ساعات اوج تأمین کند."),
    ):
        page.goto(meeting.get_absolute_url() + "?tab=resolutions")
        page.get_by_test_id("add-resolution").click()
        page.fill("textarea[name=text]", text)
        choose(page, "obstacle", obstacle.title[:12])
        page.select_option("select[name=agency]", str(agency.pk))
        page.fill("input[name=deadline_days]", "۱۰")
        page.get_by_test_id("save").click()
        page.wait_for_url(f"**/meetings/{meeting.pk}/?tab=resolutions")
    assert meeting.resolutions.count() == 2

    with page.expect_download() as download:
        page.get_by_test_id("minutes-pdf").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000

    resolution = meeting.resolutions.get(agency=world.agency_a)
    sign_in(page, "agency.officer")
    page.goto("/obstacles/inbox/")
    panel = page.get_by_test_id("inbox-resolutions")
    panel.get_by_role("link", name=str(resolution)).click()
    page.fill("textarea[name=evidence]", "برگ تشخیص اصلاح و به واحد ابلاغ شد.")
    page.get_by_test_id("report-execution").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("awaiting").is_visible()

    sign_in(page, "secretariat")
    page.goto(resolution.get_absolute_url())
    page.get_by_test_id("verify").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_test_id("resolution-status").inner_text() == "اجراشده"
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.EXECUTED
    world.obstacle_a.refresh_from_db()
    assert world.obstacle_a.status == "resolved", "verifying the resolution resolves the obstacle it was about"
