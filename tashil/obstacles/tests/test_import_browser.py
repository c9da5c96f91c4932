"""The secretariat brings past obstacles in from the obstacle list: downloads the template, fills it, uploads it
with one bad row, reads the preview and the row named, confirms, and finds the obstacle on the list — in Chromium."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from tashil.core.testing.browser import download, screenshot, sign_in
from tashil.core.testing.tasks import run_queued_tasks
from tashil.obstacles.choices import ObstacleStatus, Source
from tashil.obstacles.models import Obstacle

pytestmark = pytest.mark.browser


def test_past_obstacles_are_previewed_then_confirmed_from_the_obstacle_list(page, world, tmp_path):
    sign_in(page, "secretariat")
    page.goto("/obstacles/")
    page.get_by_test_id("import-button").click()
    page.wait_for_url("**/obstacles/import/")
    content, name = download(page, page.get_by_test_id("import-template"))
    assert name.endswith(".xlsx")
    header, example = load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)
    bad = list(example)
    bad[3] = "گروه خیالی"  # the group column
    bad[4] = "ردیف نادرست"
    book = Workbook()
    book.active.append(header)
    book.active.append(example)
    book.active.append(bad)
    path = tmp_path / "past-obstacles.xlsx"
    book.save(path)

    page.set_input_files("input[name=file]", str(path))
    page.get_by_label("ردیف‌های درست ثبت شوند حتی اگر ردیف نادرستی باشد").check()
    page.get_by_test_id("upload").click()
    page.wait_for_url("**/registry/imports/*/")
    run_queued_tasks()
    expect(page.get_by_test_id("import-report")).to_have_attribute("data-status", "previewed", timeout=15000)
    errors = page.get_by_test_id("import-errors").inner_text()
    assert "۳" in errors and "گروه مانع" in errors and "گروه خیالی" in errors
    assert example[4] in page.get_by_test_id("import-preview").inner_text()
    assert not Obstacle.objects.filter(source=Source.IMPORT).exists(), "the preview writes nothing"
    screenshot(page, "import-past-obstacles-preview")

    page.get_by_test_id("apply-import").click()
    run_queued_tasks()
    expect(page.get_by_test_id("import-report")).to_have_attribute("data-status", "applied", timeout=15000)
    assert page.get_by_test_id("count-created").inner_text() == "۱"

    page.goto("/obstacles/")
    page.get_by_role("link", name=example[4]).click()
    timeline = page.get_by_test_id("tab-body-timeline").inner_text()
    assert "ورود از فایل" in timeline and "بسته شد" in timeline
    assert Obstacle.objects.get(source=Source.IMPORT).status == ObstacleStatus.RESOLVED
