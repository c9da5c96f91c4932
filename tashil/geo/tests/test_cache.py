"""The county generations behind the always-current county figures."""

import pytest
from django.core.cache import cache
from django.db import transaction

from tashil.geo.cache import bump_counties_on_commit, county_generation, one_bump_per_county


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_counties_are_bumped_when_the_transaction_commits(clean_cache):
    with transaction.atomic():
        bump_counties_on_commit({1, 2, None})
        assert county_generation(1) == 0  # nothing before the commit
    assert (county_generation(1), county_generation(2)) == (1, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_counties_on_commit({1})
        raise RuntimeError
    assert county_generation(1) == 1  # a rolled-back transaction bumps nothing


@pytest.mark.django_db(transaction=True)
def test_inside_one_bump_per_county_each_county_is_bumped_once_however_many_batches_ask(clean_cache):
    with transaction.atomic(), one_bump_per_county():
        for _batch in range(5):
            with transaction.atomic():  # each batch of an import is a savepoint
                bump_counties_on_commit({1, 2})
        bump_counties_on_commit({3})
    assert (county_generation(1), county_generation(2), county_generation(3)) == (1, 1, 1)
    with pytest.raises(RuntimeError), transaction.atomic(), one_bump_per_county():
        bump_counties_on_commit({1})
        raise RuntimeError
    assert county_generation(1) == 1
    with transaction.atomic():
        bump_counties_on_commit({1})  # after the block: one bump per ask again
        bump_counties_on_commit({1})
    assert county_generation(1) == 3
