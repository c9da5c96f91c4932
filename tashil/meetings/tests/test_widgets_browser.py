"""The confirmation dialog as a person meets it: cancelling it changes nothing, accepting it does the step."""

import pytest

from tashil.core.testing.browser import sign_in
from tashil.meetings import services as meeting_services
from tashil.meetings.choices import MeetingStatus

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
