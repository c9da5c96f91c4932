"""``pages.texts`` reads what a page shows in each element with a data-testid, as a browser would draw it: the
text of the elements inside it too, spaces collapsed, through void elements and elements a page leaves open."""

from django.http import HttpResponse

from tashil.core.testing.equivalence import differing
from tashil.core.testing.pages import texts

PAGE = """
<section data-testid="figures"><h2>موانع</h2>
  <div data-testid="figure-open"><div class="small">باز</div><br><div data-testid="figure-open-value">۱۲</div></div>
  <ul><li data-testid="meeting">جلسه ۱<li data-testid="meeting">جلسه   ۲</ul>
  <p>بی‌بند
</section>
<span data-testid="after">پس از</span>
"""


def test_each_data_testid_holds_the_text_inside_it():
    shown = texts(HttpResponse(PAGE))
    assert shown["figure-open-value"] == ["۱۲"]
    assert shown["figure-open"] == ["باز ۱۲"], "through a void <br>, with the inner figure's text"
    assert shown["meeting"] == ["جلسه ۱", "جلسه ۲"], "one text for each element, an <li> left open closing at the next"
    assert shown["figures"] == ["موانع باز ۱۲ جلسه ۱ جلسه ۲ بی‌بند"], "an open <p> closes with its section"
    assert shown["after"] == ["پس از"], "nothing of the section leaks past its end"


def test_differing_names_each_part_that_differs():
    page = {"state": [1], "dashboard": {"after": {"obstacles": {"open": 3, "total": 9}, "units": {"active": 2}}}}
    api = {"state": [1], "dashboard": {"after": {"obstacles": {"open": 4, "total": 9}, "units": {"active": 2}}}}
    assert differing(page, api) == ["dashboard.after.obstacles.open"]
    assert differing(page, {**page, "extra": 1}) == ["extra"]
    assert differing(page, page) == []
