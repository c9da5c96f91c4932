"""Helpers for browser tests: signing in, clicking each kind of widget as a person does, the console-error guard
(``PageProblems``, attached by the ``page`` fixture), and where screenshots go (var/screenshots, or docs/screenshots
for the README).

Every kind of widget the forms and lists use, and the browser test that works it and checks what was saved (or
listed and exported):

=================================  ==================================================================================
widget (helper)                    test
=================================  ==================================================================================
Jalali date picker (``pick_date``)  meetings/tests/test_date_picker.py (a picked day and a typed date saved; opens on
                                   the field's month); units/tests/test_widgets_browser.py (in a filter bar)
autocomplete, one object           meetings/tests/test_widgets_browser.py (a suggestion picked with the keyboard
(``suggest``, ``pick_suggestion``,  saved; a new search chooses among its own matches); units/tests/test_widgets_browser
``choose``)                        .py (in a filter bar, with the export); meetings/tests/test_browser.py
autocomplete, several objects      none: no form chooses several objects of a searched model (the lists of several,
                                   e.g. a referral's agencies, are check boxes: obstacles/tests/test_browser.py)
dropdown of checkboxes (``tick``)  units/tests/test_widgets_browser.py (two statuses: exactly their rows, the button
                                   says «۲ مورد», the export carries them); obstacles/tests/test_widgets_browser.py
file input                         obstacles/tests/test_widgets_browser.py (a refused .exe keeps the comment; a PDF
                                   saved with it)
live search (``live_search``,      units/tests/test_widgets_browser.py (its rows; the export links and the XLSX, the
``settle``, ``download``,           page-size links carry the search; leaving the box sends no second search);
``xlsx_rows``)                     units/tests/test_browser.py; catalog/tests/test_browser.py
dependent province → county →      catalog/tests/test_widgets_browser.py (the directory: each narrows the next, the
zone selects (``settle``)          list follows; another province lets the old county go)
confirmation dialog                meetings/tests/test_widgets_browser.py (dismissed: nothing changes; accepted: the
                                   minutes approved); obstacles/tests/test_widgets_browser.py (overdue referrals
                                   ticked in the list, escalated only once accepted)
map / point picker                 none: a unit's location is typed (latitude, longitude); the maps only show
                                   (reports/tests/test_browser.py, core/tests/test_browser.py)
=================================  ==================================================================================
"""

import os
import weakref
from pathlib import Path

from django.conf import settings


def screenshot(page, name, full_page=False):
    """Save a screenshot; ``make screenshots`` points TASHIL_SCREENSHOT_DIR at docs/screenshots."""
    folder = Path(os.environ.get("TASHIL_SCREENSHOT_DIR") or settings.BASE_DIR / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page, username):
    """Sign in through the real login form (clearing any earlier session first)."""
    from tashil.core.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    # Wait until the sign-in has answered (the page leaves the login form): the next goto would otherwise
    # cancel the sign-in under load and open the next page signed out.
    with page.expect_navigation():
        page.click("[data-testid=login-submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def choose(page, field, text):
    """Pick from an autocomplete field: type, and wait until the first match is selected."""
    page.locator(f"[data-field={field}] .autocomplete-search").fill(text)
    select = page.locator(f"[data-field={field}] select")
    page.wait_for_function("s => s.value !== ''", arg=select.element_handle())


# What a page may do without failing its test, each with why it is harmless. Nothing else is allowed.
ALLOWED_FAILURES = {
    # A request the page itself cancelled: a link followed while a fetch was under way, or htmx dropping a
    # live search superseded by the next keystroke. The user asked for it; nothing was lost.
    "net::ERR_ABORTED": "cancelled by the page",
}
# A form sent with a mistake answers 400 with the form and its Persian errors (nothing typed is lost): that is
# the product telling the person what to fix, not a broken page. Only for a form sent as a page (POST document).
REFUSED_FORM = 400
# Chromium logs every answer >= 400 as this console error too; the answer itself is judged (above), once.
ANSWER_LOGGED = "Failed to load resource: the server responded with a status of"

GUARDS = weakref.WeakKeyDictionary()


class PageProblems:
    """Everything a person would meet as a broken page: console errors, uncaught exceptions, failed requests.

    Attached to every browser test's page by the ``page`` fixture, so a new page is guarded without anyone
    remembering to ask for it; only requests to the site itself count (the machines are offline anyway).
    """

    def __init__(self, page, origin):
        self.origin = origin.rstrip("/")
        self.found = []
        self.expected = set()
        GUARDS[page] = self
        page.on("console", self.console)
        page.on("pageerror", self.page_error)
        page.on("requestfailed", self.request_failed)
        page.on("response", self.response)

    def same_site(self, url):
        return url == self.origin or url.startswith(self.origin + "/")

    def console(self, message):
        if message.type == "error" and not message.text.startswith(ANSWER_LOGGED):
            self.found.append(f"console error on {message.location.get('url', '?')}: {message.text}")

    def page_error(self, error):
        self.found.append(f"uncaught exception: {error}")

    def request_failed(self, request):
        failure = request.failure or ""
        if self.same_site(request.url) and failure not in ALLOWED_FAILURES:
            self.found.append(f"request failed: {request.method} {request.url}: {failure}")

    def response(self, response):
        request = response.request
        refused_form = response.status == REFUSED_FORM and request.method == "POST" and request.is_navigation_request()
        expected = (response.status, response.url) in self.expected
        if self.same_site(response.url) and response.status >= 400 and not (refused_form or expected):
            self.found.append(f"answer {response.status}: {response.request.method} {response.url}")


def goto_refused(page, url, status):
    """Open an address a test expects the site to refuse (another county's unit: 404), and check it does."""
    problems = GUARDS[page]
    absolute = problems.origin + url if url.startswith("/") else url
    problems.expected.add((status, absolute))
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    return response


def pick_date(page, field, day):
    """Click a date field as a person does, and click ``day`` of the month its calendar opens on.

    Returns the calendar's (year, month) as numbers, so a test can check it opened where it should.
    """
    from tashil.core.persian import to_persian_digits

    page.locator(f"input[name={field}]").click()
    calendar = page.locator("jdp-container")
    calendar.wait_for(state="visible")
    shown = (
        int(calendar.locator(".jdp-year select").input_value()),
        int(calendar.locator(".jdp-month select").input_value()),
    )
    days = calendar.locator(".jdp-day:not(.not-in-month)")
    days.get_by_text(to_persian_digits(str(day)), exact=True).click()
    calendar.wait_for(state="hidden")
    return shown


def suggest(page, field, text):
    """Type into an autocomplete field's search box (a form's or a filter bar's); returns its select once the
    server's suggestions are in (in a live filter bar, wrap it in ``settle``: the first match is chosen)."""
    wrapper = page.locator(".autocomplete", has=page.locator(f"select[name={field}]"))
    box, select = wrapper.locator(".autocomplete-search"), wrapper.locator("select")
    with page.expect_response(lambda response: "/autocomplete/" in response.url and response.ok):
        box.fill(text)
    page.wait_for_function(
        "([select, typed]) => select.options.length > 1 || typed === ''", arg=[select.element_handle(), text]
    )
    return select


def pick_suggestion(page, field, text, label):
    """Type ``text`` into an autocomplete field and pick the suggestion ``label`` with the keyboard, as a person
    who has read the list does: into the list of suggestions, then down (or up) to the one meant."""
    select = suggest(page, field, text)
    labels = select.locator("option").all_inner_texts()
    assert label in labels, f"«{label}» is not among the suggestions for «{text}»: {labels}"
    select.focus()
    target = labels.index(label)
    current = select.evaluate("s => s.selectedIndex")
    key = "ArrowDown" if target > current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert select.evaluate("s => s.options[s.selectedIndex].textContent") == label
    return select


def live_search(page, text, form="[data-testid=filter-form]"):
    """Type into a list's search box and wait until the live (htmx) answer has replaced the rows."""
    settle(page, lambda: page.locator(f"{form} input[name=q]").fill(text))


def settle(page, act):
    """Do ``act`` (typing, ticking, choosing in a live filter bar) and wait until its htmx answer is swapped in."""
    with page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        act()
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def tick(page, field, labels, form="[data-testid=filter-form]"):
    """Open a dropdown of checkboxes (opening «فیلترهای بیشتر» first if the bar folds it) and tick ``labels``,
    each change sent live as a person's click is."""
    bar = page.locator(form)
    dropdown = bar.locator(".dropdown-checkboxes", has=page.locator(f"input[name={field}]"))
    if not dropdown.is_visible():
        bar.get_by_test_id("more-filters").click()
    dropdown.locator("button").click()
    for label in labels:
        settle(page, lambda label=label: dropdown.get_by_label(label, exact=True).check())
    return dropdown


def download(page, link):
    """Click ``link`` (a locator, opening its dropdown menu first when it sits in one) and return the file's bytes
    with its suggested name."""
    menu = link.locator("xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' dropdown ')][1]")
    if menu.count() and not link.is_visible():
        menu.locator("[data-bs-toggle=dropdown]").first.click()
    with page.expect_download() as waiting:
        link.click()
    return waiting.value.path().read_bytes(), waiting.value.suggested_filename


def xlsx_rows(content):
    """The data rows (below the header) of an XLSX file's first sheet, as tuples."""
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [row for row in sheet.iter_rows(min_row=2, values_only=True)]
