"""Every role walks the product from its home page: every link it is shown works, exports hold the page's rows.

The walk's page count per role is printed at the end of the run (conftest's terminal summary).
"""

import io

import openpyxl
import pytest

from tashil.core.testing.crawler import Crawler, Page
from tashil.site.testing.world import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_is_shown_works(role, world, client_as, record_property):
    start = "/directory/" if role == "anonymous" else "/"
    crawl = Crawler(client_as(role), role, start=start).run()
    record_property("crawled", f"{role}: {crawl.pages} pages, {crawl.lists} lists")
    assert crawl.pages > 10
    assert not crawl.problems, "\n".join(crawl.problems)


def test_a_live_search_brings_export_links_that_follow_it(world, client_as):
    """The htmx answer to a search replaces the export menu too (out of band), so the export is the search."""
    client = client_as("secretariat")
    answer = client.get("/geo/zones/", {"q": "الف"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = answer.content.decode()
    assert 'id="export-menu" hx-swap-oob="true"' in html
    page = Page(html)
    assert page.exports["xlsx"].startswith("?q=")
    workbook = client.get(f"/geo/zones/{page.exports['xlsx']}")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content)), read_only=True).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["شهرک صنعتی الف"] * page.count
