"""The obstacle page's widgets as a person uses them, in Chromium: the file input beside a comment."""

import re

import pytest

from tashil.core.testing.browser import sign_in
from tashil.obstacles.models import ObstacleEvent

pytestmark = pytest.mark.browser


def test_a_refused_file_keeps_the_comment_typed_with_it_and_a_good_one_is_saved(page, world):
    """The refusal is the comment action's own page: the reason on the file, the note as typed; a good file
    chosen there saves both and returns to the obstacle."""
    sign_in(page, "secretariat")
    page.goto(world.obstacle_a.get_absolute_url())
    form = page.get_by_test_id("comment-form")
    form.locator("textarea[name=text]").fill("نامه بانک درباره تقسیط بدهی")
    form.locator("input[type=file]").set_input_files(
        {"name": "setup.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00 a program"}
    )
    form.get_by_test_id("add-comment").click()
    page.wait_for_load_state("domcontentloaded")
    form = page.get_by_test_id("object-form")
    assert "نوع فایل «setup.exe» پذیرفته نیست" in form.inner_text()
    assert form.locator("textarea[name=text]").input_value() == "نامه بانک درباره تقسیط بدهی"

    form.locator("input[type=file]").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 a letter from the bank"}
    )
    form.get_by_test_id("save").click()
    page.wait_for_url(f"**{world.obstacle_a.get_absolute_url()}")
    event = ObstacleEvent.objects.filter(obstacle=world.obstacle_a, attachment__isnull=False).latest("pk")
    assert event.text == "نامه بانک درباره تقسیط بدهی" and event.attachment.name == "letter.pdf"
    assert page.get_by_test_id("comment-form").locator("textarea[name=text]").input_value() == ""
    assert "letter.pdf" in page.get_by_test_id("timeline").inner_text()


def test_the_status_dropdown_of_checkboxes_filters_the_list(page, world):
    from playwright.sync_api import expect

    from tashil.obstacles.choices import ObstacleStatus

    shown = ObstacleStatus(world.obstacle_a.status)
    sign_in(page, "secretariat")
    page.goto("/obstacles/")
    bar = page.get_by_test_id("filter-form")
    status = bar.locator(".dropdown-checkboxes", has=page.locator("input[name=status]"))
    assert status.count() == 1, (
        f"no status dropdown on {page.url}: {bar.inner_html()[:3000] if bar.count() else page.content()[:3000]}"
    )
    if not status.is_visible():  # folded under «فیلترهای بیشتر», as a person would find it
        bar.get_by_test_id("more-filters").click()
    status.locator("button").click()
    status.get_by_label(str(shown.label), exact=True).check()
    expect(page).to_have_url(re.compile(f"[?&]status={shown.value}(&|$)"))
    rows = page.locator("#results tbody tr")
    titles = rows.all_inner_texts()
    assert any(world.obstacle_a.title in text for text in titles)
    listed = world.obstacle_a.__class__.objects.for_user(world.users["secretariat"], "view").filter(status=shown.value)
    assert rows.count() == listed.count()


def test_overdue_referrals_ticked_in_the_list_are_escalated_only_once_the_dialog_is_accepted(page, world):
    """The referral list's check boxes and its confirmation dialog: dismissed, nothing moves; accepted, the
    ticked referral goes to the parent agency."""
    from tashil.obstacles.choices import ReferralStatus
    from tashil.obstacles.tests.world import make_overdue
    from tashil.orgs.models import Agency

    parent = Agency.objects.create(
        name="اداره کل مالیات استان الف", type="tax", level="province", province=world.province_a
    )
    world.agency_a.parent = parent
    world.agency_a.save()
    referral = make_overdue(world.referral_a)
    sign_in(page, "secretariat")
    page.goto("/obstacles/referrals/")
    page.locator(f"input[name=referral][value='{referral.pk}']").check()
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_test_id("escalate-selected").click()
    page.evaluate("() => document.readyState")  # a round trip: a submitted form would be on its way by now
    referral.refresh_from_db()
    assert referral.status != ReferralStatus.ESCALATED and "تشدید" in asked[0]

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.get_by_test_id("escalate-selected").click()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ESCALATED and referral.escalated_to.agency == parent
    assert len(asked) == 2
