"""Every issued document carries a verification code: letters, approved minutes and workshop certificates. The
code is printed on the PDF (read back with pdftotext), /verify/<code>/ shows the document's number, date,
issuer and the hash of its stored PDF; a tampered code answers 404, a stored or compared file whose hash does
not match is refused (409)."""

import hashlib
import re
import shutil
import subprocess

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tashil.core.jalali import format_jalali
from tashil.core.models import DocumentSeal
from tashil.core.persian import search_key
from tashil.core.testing.tasks import run_queued_tasks
from tashil.meetings import services as meeting_services
from tashil.workshops.certificate import CERTIFICATE_KIND


def pdf_text(pdf, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdftotext"), "make test installs poppler-utils"
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def printed_code(text):
    match = re.search(r"\b([2-9A-HJ-NP-Z]{16})\b", text)
    assert match, "a 16-symbol verification code is printed"
    return match.group(1)


def tampered(code):
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def check_refusals(client, code):
    for wrong in (tampered(code), code[::-1], "0" * 16, "x" * 40):
        refused = client.get(reverse("verify:document", args=[wrong]))
        assert refused.status_code == 404 and "سند یافت نشد" in refused.content.decode()


def approved_minutes(world, capture):
    meeting_services.hold(world.meeting_a)
    with capture(execute=True):
        meeting_services.approve(world.meeting_a, world.users["manager"])
    run_queued_tasks()
    world.meeting_a.refresh_from_db()
    return world.meeting_a


def test_approved_minutes_carry_their_code_and_the_verification_page_shows_them(
    world, client_as, client, django_capture_on_commit_callbacks, tmp_path
):
    meeting = approved_minutes(world, django_capture_on_commit_callbacks)
    response = client_as("secretariat").get(reverse("meetings:meeting_minutes", args=[meeting.pk]))
    pdf = b"".join(response.streaming_content)
    text = pdf_text(pdf, tmp_path)
    code = printed_code(text)
    assert DocumentSeal.objects.get(kind="minutes", object_id=meeting.pk).code == code
    assert "".join(reverse("verify:document", args=[code]).split()) in "".join(text.split())

    page = client.get(reverse("verify:document", args=[code]))
    html = page.content.decode()
    assert page.status_code == 200 and "صورتجلسه معتبر است" in html
    assert str(meeting) in html and "شهرستان الف" in html
    assert format_jalali(timezone.localdate(meeting.approved_at), persian=True) in html
    assert re.search(r'data-testid="verify-hash">([0-9a-f]{64})<', html).group(1) == hashlib.sha256(pdf).hexdigest()
    check_refusals(client, code)

    # An amendment re-issues the minutes: the printed code stays, the hash follows the new file.
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.amend(meeting, "متن اصلاحیه", "اشتباه تایپی", user=world.users["secretariat"])
    run_queued_tasks()
    meeting.refresh_from_db()
    assert printed_code(pdf_text(meeting.minutes_pdf.open("rb").read(), tmp_path)) == code
    assert client.get(reverse("verify:document", args=[code])).status_code == 200

    # The stored file altered behind the system's back: refused.
    meeting.minutes_pdf.save("altered.pdf", ContentFile(b"%PDF-1.4 altered"))
    page = client.get(reverse("verify:document", args=[code]))
    assert page.status_code == 409 and 'data-testid="verify-altered"' in page.content.decode()


def test_draft_minutes_carry_no_code(world, client_as, tmp_path):
    response = client_as("secretariat").get(reverse("meetings:meeting_minutes", args=[world.meeting_a.pk]))
    assert search_key("کد اصالت") not in search_key(pdf_text(response.content, tmp_path))


def test_a_workshop_certificate_is_issued_once_with_its_code(world, client_as, client, tmp_path):
    registration = world.registration_a
    office = client_as("secretariat")
    page = office.get(registration.get_absolute_url()).content.decode()
    link = re.search(r'href="([^"]+)"[^>]*data-testid="certificate"', page).group(1)
    first = office.get(link).content
    again = office.get(link).content
    assert first == again, "the stored certificate, not a new one each time"
    code = printed_code(pdf_text(first, tmp_path))
    seal = DocumentSeal.objects.get(kind=CERTIFICATE_KIND, object_id=registration.pk)
    assert seal.code == code and seal.sha256 == hashlib.sha256(first).hexdigest()

    html = client.get(reverse("verify:document", args=[code])).content.decode()
    assert "گواهی حضور در کارگاه معتبر است" in html
    assert registration.full_name in html and registration.certificate_number in html
    check_refusals(client, code)


def test_the_recipient_compares_their_copy_with_the_issued_file(world, client_as, client, tmp_path):
    registration = world.registration_a
    issued = client_as("secretariat").get(reverse("workshops:registration_certificate", args=[registration.pk]))
    pdf = issued.content
    code = DocumentSeal.objects.get(kind=CERTIFICATE_KIND, object_id=registration.pk).code
    url = reverse("verify:document", args=[code])
    page = client.get(url).content.decode()
    assert 'data-testid="verify-compare"' in page

    same = client.post(url, {"file": ContentFile(pdf, name="mine.pdf")})
    assert same.status_code == 200 and 'data-testid="verify-match"' in same.content.decode()
    changed = client.post(url, {"file": ContentFile(pdf + b"\n%edited", name="mine.pdf")})
    assert changed.status_code == 409 and 'data-testid="verify-mismatch"' in changed.content.decode()
    by_hash = client.post(url, {"sha256": hashlib.sha256(pdf).hexdigest().upper()})
    assert by_hash.status_code == 200 and 'data-testid="verify-match"' in by_hash.content.decode()
    malformed = client.post(url, {"sha256": "12ab"})
    assert malformed.status_code == 400 and "۶۴ نویسه" in malformed.content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 400 and "فایل PDF یا چکیده" in empty.content.decode()
