"""Screenshots of the demo county for the README (`make screenshots` writes them to docs/screenshots)."""

import pytest
from django.core.management import call_command

from tashil.core.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.browser

# (user, screenshot name, path; {showcase} is the showcase unit, {obstacle} an obstacle under way). No user is a
# visitor; "en" a visitor who pressed «English».
PAGES = [
    ("dabir.pakdasht", "home", "/"),
    ("dabir.pakdasht", "scorecard", "/reports/agencies/"),
    ("dabir.pakdasht", "period-report", "/reports/period/?period=year"),
    ("dabir.pakdasht", "unit-list", "/registry/units/"),
    ("dabir.pakdasht", "unit-page", "/registry/units/{showcase}/"),
    ("dabir.pakdasht", "obstacle-page", "/obstacles/{obstacle}/"),
    ("dabir.pakdasht", "systemic", "/obstacles/systemic/"),
    ("dabir.pakdasht", "meeting-page", "/meetings/{meeting}/"),
    ("dabir.pakdasht", "follow-up-board", "/meetings/resolutions/"),
    ("dabir.pakdasht", "meeting-calendar", "/meetings/calendar/"),
    ("dabir.pakdasht", "letters-register", "/letters/"),
    ("maliat.pakdasht", "agency-inbox", "/obstacles/inbox/"),
    ("clinic.pakdasht", "clinic-case", "/clinic/cases/{case}/"),
    ("clinic.pakdasht", "clinic-diagnosis", "/clinic/cases/{case}/?tab=diagnosis"),
    ("clinic.pakdasht", "clinic-plan", "/clinic/cases/{case}/?tab=plan"),
    ("clinic.pakdasht", "clinic-centre", "/clinic/centres/{centre}/"),
    ("modir.keshvar", "clinic-centres", "/clinic/centres/"),
    ("modir.keshvar", "dashboard-nation", "/"),
    ("dabir.pakdasht", "matches", "/catalog/matches/"),
    ("dabir.pakdasht", "exhibition", "/catalog/exhibitions/{exhibition}/"),
    ("vahed.mehregan", "unit-desk", "/"),
    ("vahed.mehregan", "unit-public-face", "/registry/units/{showcase}/?tab=public"),
    (None, "public-home", "/directory/"),
    (None, "public-directory", "/directory/units/?q=رب گوجه"),
    (None, "public-unit", "/directory/units/{showcase}/"),
    (None, "public-exhibition", "/directory/exhibitions/{exhibition}/"),
    (None, "public-workshops", "/directory/workshops/"),
    (None, "public-accountability", "/directory/accountability/counties/{county}/"),
    # A visitor who pressed «English» on the public site.
    ("en", "public-home-en", "/directory/"),
    ("en", "public-directory-en", "/directory/units/?knowledge_based=on"),
    ("en", "public-unit-en", "/directory/units/{showcase}/"),
]


def test_demo_pages_render(page, transactional_db):
    call_command("load_demo", quiet_logins=True, verbosity=0)
    from tashil.catalog.models import Exhibition
    from tashil.clinic.models import ClinicCase
    from tashil.meetings.models import Meeting
    from tashil.obstacles.models import Obstacle
    from tashil.units.models import IndustrialUnit

    onsite = Meeting.objects.filter(status="approved", site_unit__isnull=False).order_by("-date").first()
    ids = {
        "showcase": IndustrialUnit.objects.get(national_id="10380284790").pk,
        "county": IndustrialUnit.objects.get(national_id="10380284790").county_id,
        "obstacle": Obstacle.objects.filter(status="in_progress", referrals__isnull=False).order_by("pk").first().pk,
        "meeting": onsite.pk,
        "case": ClinicCase.objects.filter(status="execution", centre__level="county").order_by("pk").first().pk,
        "centre": ClinicCase.objects.filter(centre__level="county").first().centre_id,
        "exhibition": Exhibition.objects.filter(is_permanent=False, booths__isnull=False).order_by("-start_date")[0].pk,
    }
    current = ""
    for username, name, path in PAGES:
        if username != current:
            if username in (None, "en"):
                page.context.clear_cookies()
            else:
                sign_in(page, username)
            if username == "en":
                page.goto("/directory/")
                page.get_by_test_id("language-en").click()
                page.wait_for_load_state("domcontentloaded")
            current = username
        response = page.goto(path.format(**ids))
        assert response.status == 200, path
        assert page.locator("html").get_attribute("dir") == ("ltr" if username == "en" else "rtl")
        screenshot(page, name)
    wide_pictures(page)
    minutes_picture(onsite)
    letter_pictures()


def wide_pictures(page):
    """The scorecard scrolled to its later columns (the producers' word, attendance, impact), and the period report
    whole, with its tables by agency and obstacle group."""
    sign_in(page, "dabir.pakdasht")
    assert page.goto("/reports/agencies/").status == 200
    # Right to left, the table's end is at its left: scroll it there as a person would.
    page.get_by_test_id("scorecard").evaluate("table => { table.scrollLeft = -table.scrollWidth; }")
    screenshot(page, "scorecard-end")
    assert page.goto("/reports/period/?period=year").status == 200
    assert page.get_by_test_id("period-impact-agency").is_visible()
    screenshot(page, "period-report", full_page=True)


def minutes_picture(meeting):
    """The first page of a meeting's minutes as a picture, next to the screenshots."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from tashil.meetings.minutes import render_minutes

    folder = Path(os.environ.get("TASHIL_SCREENSHOT_DIR") or settings.BASE_DIR / "var" / "screenshots")
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "minutes.pdf"
        pdf.write_bytes(render_minutes(meeting))
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(folder / "minutes")],
            check=True,
        )
    assert (folder / "minutes.png").stat().st_size > 10_000


def letter_pictures():
    """The first page of each kind of the demo's issued letters (the stored PDF), next to the screenshots."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from tashil.letters.models import Letter

    folder = Path(os.environ.get("TASHIL_SCREENSHOT_DIR") or settings.BASE_DIR / "var" / "screenshots")
    letters = {letter.kind: letter for letter in Letter.objects.filter(status="issued").order_by("-pk")}
    assert set(letters) >= {"referral", "resolution_notice", "invitation", "reminder"}
    for kind, letter in letters.items():
        with tempfile.TemporaryDirectory() as work, letter.pdf.open("rb") as stored:
            pdf = Path(work) / "letter.pdf"
            pdf.write_bytes(stored.read())
            name = str(folder / f"letter-{kind.replace('_', '-')}")
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), name], check=True
            )
        assert Path(f"{name}.png").stat().st_size > 10_000
