"""The meeting form's widgets as a person meets them: the confirmation dialog (cancelling it changes nothing,
accepting it does the step) and the unit autocomplete (typed, a suggestion picked with the keyboard, saved)."""

import pytest

from tashil.core.testing.browser import pick_suggestion, sign_in, suggest
from tashil.meetings import services as meeting_services
from tashil.meetings.choices import MeetingStatus
from tashil.meetings.models import Meeting

pytestmark = pytest.mark.browser


def test_approving_minutes_asks_first_and_only_an_accepted_dialog_locks_them(page, world):
    meeting_services.hold(world.meeting_a)
    sign_in(page, "manager")
    page.goto(world.meeting_a.get_absolute_url())
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_test_id("approve").click()
    page.wait_for_timeout(300)
    world.meeting_a.refresh_from_db()
    assert world.meeting_a.status == MeetingStatus.HELD and "قفل" in asked[0]

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.get_by_test_id("approve").click()
    page.wait_for_load_state("domcontentloaded")
    assert "صورتجلسه تأیید و قفل شد" in page.get_by_test_id("message").inner_text()
    world.meeting_a.refresh_from_db()
    assert world.meeting_a.status == MeetingStatus.APPROVED and len(asked) == 2


def plan_a_meeting(page, world):
    sign_in(page, "secretariat")
    page.goto(world.series_a.get_absolute_url())
    page.get_by_test_id("plan-next").click()
    page.wait_for_url("**/meetings/add/**")


def save_the_meeting(page, world, chair):
    page.fill("input[name=chair_name]", chair)
    page.get_by_test_id("save").click()
    page.wait_for_url("**/meetings/*/")
    return Meeting.objects.get(series=world.series_a, chair_name=chair)


def test_a_unit_picked_from_the_suggestions_with_the_keyboard_is_saved(page, world):
    plan_a_meeting(page, world)
    # «الف» finds both of the county's units; the first is proposed, the person goes down to the second.
    pick_suggestion(page, "site_unit", "الف", world.unit_a2.autocomplete_label())
    meeting = save_the_meeting(page, world, "حسن عباسی")
    assert meeting.site_unit == world.unit_a2


def test_searching_again_chooses_among_the_new_suggestions(page, world):
    plan_a_meeting(page, world)
    select = suggest(page, "site_unit", "همسایه")
    assert select.input_value() == str(world.unit_a2.pk)
    select = suggest(page, "site_unit", "آزمایشی")
    assert select.input_value() == str(world.unit_a.pk), "the earlier choice is not what was searched for now"
    assert world.unit_b.autocomplete_label() not in select.locator("option").all_inner_texts(), "another county's"
    meeting = save_the_meeting(page, world, "مریم کاظمی")
    assert meeting.site_unit == world.unit_a
