"""Two secretariat sessions issuing letters at the same moment on PostgreSQL: the counter row's lock gives each
letter the next number — consecutive, none twice, none skipped."""

import threading

import pytest
from django.db import connection

from tashil.letters.models import Letter
from tashil.letters.services import issue_letter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite takes one lock for the whole database on any write, so two sessions never race for the "
        "counter row; the row lock (select_for_update) under test is PostgreSQL's",
    ),
]

PER_SESSION = 3


def drafts(world, count):
    return [
        Letter.objects.create(
            secretariat=world.secretariat_office_a,
            kind="general",
            recipient_agency=world.agency_a,
            subject=f"نامه همزمان {index}",
            body="متن",
            signer_name="دبیر",
            signer_position="دبیر ستاد",
        )
        for index in range(count)
    ]


def test_two_sessions_issuing_at_once_get_consecutive_numbers(world):
    letters = drafts(world, 2 * PER_SESSION)
    sessions = [letters[:PER_SESSION], letters[PER_SESSION:]]
    users = [world.users["secretariat"], world.users["province_secretariat"]]
    start = threading.Barrier(2)
    errors = []

    def session(own, user):
        try:
            start.wait()
            for letter in own:
                issue_letter(letter, user)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=session, args=pair) for pair in zip(sessions, users, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    issued = Letter.objects.filter(pk__in=[letter.pk for letter in letters])
    sequences = sorted(issued.values_list("sequence", flat=True))
    assert sequences == list(range(1, 2 * PER_SESSION + 1))
    assert len(set(issued.values_list("number", flat=True))) == 2 * PER_SESSION
    assert world.secretariat_office_a.counters.get().last == 2 * PER_SESSION
