"""The letters' part of the test world: county A's and B's secretariats, a draft referral letter and an issued
letter in A (its PDF stored as issued, without rendering one for every test), one in B, and a reply note."""

import datetime
import hashlib

from django.core.files.base import ContentFile

from tashil.core.choices import ScopeLevel
from tashil.core.jalali import today
from tashil.letters.models import IncomingLetterNote, Letter, LetterAttachment
from tashil.letters.services import secretariat_of_place
from tashil.site.testing.world import world_builder


def issued(letter, number):
    """Mark a world letter issued with a stand-in PDF (the issuing service itself is tested in test_letters)."""
    content = b"%PDF-1.4 world letter " + number.encode()
    letter.pdf.save("world.pdf", ContentFile(content), save=False)
    letter.status, letter.year, letter.sequence = "issued", 1405, int(number)
    letter.number = letter.secretariat.format_number(1405, letter.sequence)
    letter.date, letter.pdf_sha256 = today(), hashlib.sha256(content).hexdigest()
    letter.verification_code = f"WORLD{number}CODE"
    letter.save()
    return letter


@world_builder
def build_letters(w):
    w.secretariat_office_a = secretariat_of_place(ScopeLevel.COUNTY, county=w.county_a)
    w.secretariat_office_b = secretariat_of_place(ScopeLevel.COUNTY, county=w.county_b)
    common = {"signer_name": "دبیر ستاد", "signer_position": "دبیر ستاد تسهیل", "body": "متن نامه آزمایشی"}
    w.letter_draft_a = Letter.objects.create(
        secretariat=w.secretariat_office_a,
        kind="referral",
        recipient_agency=w.agency_a,
        subject="ارجاع آزمایشی",
        due_date=today() + datetime.timedelta(days=10),
        **common,
    )
    w.letter_draft_a.referrals.add(w.referral_a)
    w.letter_issued_a = issued(
        Letter.objects.create(
            secretariat=w.secretariat_office_a,
            kind="general",
            recipient_agency=w.agency_a,
            subject="نامه صادره الف",
            **common,
        ),
        "7",
    )
    w.letter_attachment_a = LetterAttachment.objects.create(
        letter=w.letter_issued_a, file=ContentFile(b"%PDF-1.4 attachment", name="a.pdf"), name="پیوست.pdf", size=19
    )
    w.letter_issued_b = issued(
        Letter.objects.create(
            secretariat=w.secretariat_office_b,
            kind="general",
            recipient_agency=w.agency_b,
            subject="نامه صادره ب",
            **common,
        ),
        "8",
    )
    w.incoming_note_a = IncomingLetterNote.objects.create(
        referral=w.referral_a,
        number="۴۵۶/ص",
        date=today(),
        note="پاسخ اداره مالیات",
        recorded_by=w.users["agency_officer"],
    )
