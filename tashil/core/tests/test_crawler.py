"""Every role walks the product from its home page: every link it is shown works, exports hold the page's rows."""

import pytest

from tashil.core.testing.crawler import Crawler
from tashil.core.testing.world import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_is_shown_works(role, world, client_as, record_property):
    crawl = Crawler(client_as(role), role).run()
    record_property("crawled_pages", f"{role}: {crawl.pages} pages, {crawl.lists} lists")
    assert crawl.pages > (1 if role == "anonymous" else 10)
    assert not crawl.problems, "\n".join(crawl.problems)
