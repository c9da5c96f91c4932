"""A list's filter bar is drawn once and kept (ObjectListView.filter_bar_key): the same bar comes back for the same
person, list and filters, and a new one is drawn whenever anything it shows changes — a choice it offers, the
person's scope, the filters asked for — or when a filter was refused."""

import re

from django.urls import reverse

from tashil.geo.models import IndustrialZone

BAR = "generic/includes/filter_bar.html"
UNITS = "units:industrialunit_list"


def drawn(response):
    """Whether the page drew its filter bar (rather than taking it from the cache)."""
    return BAR in [template.name for template in response.templates]


def bar(response):
    html = response.content.decode()
    found = re.search(r'<form method="get" class="card card-body[^"]*filter-form".*?</form>', html, re.S)
    assert found, "the page shows a filter bar"
    return found.group(0)


def zone_options(response):
    select = re.search(r'<select name="zone".*?</select>', bar(response), re.S).group(0)
    return re.findall(r">([^<]+)</option>", select)


def test_the_same_bar_is_drawn_once_and_then_kept(world, client_as):
    client = client_as("secretariat")
    first = client.get(reverse(UNITS))
    again = client.get(reverse(UNITS))
    assert drawn(first) and not drawn(again)
    assert bar(again) == bar(first)
    assert "شهرک صنعتی الف" in zone_options(again)


def test_a_choice_added_or_renamed_is_offered_on_the_next_visit(world, client_as):
    client = client_as("secretariat")
    assert "شهرک صنعتی نو" not in zone_options(client.get(reverse(UNITS)))
    zone = IndustrialZone.objects.create(county=world.county_a, name="شهرک صنعتی نو")
    page = client.get(reverse(UNITS))
    assert drawn(page) and "شهرک صنعتی نو" in zone_options(page)
    zone.name = "شهرک صنعتی نوین"
    zone.save()
    assert "شهرک صنعتی نوین" in zone_options(client.get(reverse(UNITS)))
    zone.delete()
    assert "شهرک صنعتی نوین" not in zone_options(client.get(reverse(UNITS)))


def test_each_person_gets_the_bar_of_their_own_scope(world, client_as):
    mine = zone_options(client_as("secretariat").get(reverse(UNITS)))
    theirs = zone_options(client_as("secretariat_b").get(reverse(UNITS)))
    assert "شهرک صنعتی الف" in mine and "شهرک صنعتی ب" not in mine
    assert "شهرک صنعتی ب" in theirs and "شهرک صنعتی الف" not in theirs


def test_the_filters_asked_for_are_shown_as_asked(world, client_as):
    client = client_as("secretariat")
    zone = f'<option value="{world.zone_a.pk}" selected>'
    assert zone not in bar(client.get(reverse(UNITS)))
    chosen = client.get(reverse(UNITS), {"zone": world.zone_a.pk})
    assert drawn(chosen) and zone in bar(chosen)
    assert zone not in bar(client.get(reverse(UNITS))), "the bar without the filter is another bar"


def test_a_refused_filter_shows_its_error_and_is_never_kept(world, client_as):
    client = client_as("secretariat")
    url = reverse("obstacles:obstacle_list")
    for _ in range(2):
        refused = client.get(url, {"reported_after": "۱۴۰۳/۱۳/۴۰"})
        assert drawn(refused) and "invalid-feedback" in bar(refused)
    assert "invalid-feedback" not in bar(client.get(url))


def test_a_filter_refused_while_the_results_alone_are_redrawn_says_why_there(world, client_as):
    """Typed in the bar, a filter redraws only the results (htmx): the refusal is said there, naming the field."""
    client = client_as("secretariat")
    url = reverse("obstacles:obstacle_list")
    refused = client.get(url, {"reported_after": "۱۴۰۳/۱۳/۴۰"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = refused.content.decode()
    errors = re.search(r'data-testid="filter-errors">(.*?)</div>\s*</div>', html, re.S)
    assert errors and "طرح‌شده از" in errors.group(1), html[:500]
    fine = client.get(url, {"reported_after": "۱۴۰۳/۰۱/۰۱"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert 'data-testid="filter-errors"' not in fine.content.decode()
