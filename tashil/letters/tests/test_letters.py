"""The outgoing-letter register: numbers, drafts made from the records by the pages' buttons, issuing, the
frozen issued letter, each kind's PDF (text and image), the verification page and incoming-letter notes."""

import hashlib
import re
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from tashil.accounts.models import User
from tashil.core.changelog import history_for
from tashil.core.jalali import format_jalali, to_jalali, today
from tashil.core.models import ChangeLogEntry
from tashil.core.persian import search_key, to_persian_digits
from tashil.core.testing.equivalence import by_api, by_page, same_both_ways
from tashil.letters.models import IncomingLetterNote, Letter, LetterCounter
from tashil.letters.services import next_number
from tashil.meetings import services as meeting_services
from tashil.meetings.models import Attendance
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.tests.world import make_overdue

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def pdf_text(pdf, tmp_path, *options):
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdftotext"), "make test installs poppler-utils"
    text = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u202a-\u202e]", "", text)


def extracted(words):
    """``words`` as pdftotext gives them back: it writes the lam-alef ligature (لا) as «ال»; and normalised."""
    return search_key(words.replace("لا", "ال"))


def as_printed(number):
    """A letter number as it stands on the page, read left to right: ۱۴۰۵/ت/۱ is printed right to left, so
    the page shows ۱/ت/۱۴۰۵ from its left edge (what pdftotext -raw gives)."""
    return "/".join(reversed(number.split("/")))


def pdf_image(pdf, tmp_path):
    """The first page as a greyscale image (pdftoppm), to look at where the ink is."""
    from PIL import Image

    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    return Image.open(tmp_path / "page.png").convert("L")


def ink(image, box):
    """How many dark pixels lie in ``box`` (left, top, right, bottom as fractions of the page)."""
    width, height = image.size
    left, top, right, bottom = (int(f * s) for f, s in zip(box, (width, height, width, height), strict=True))
    return sum(1 for value in image.crop((left, top, right, bottom)).getdata() if value < 128)


def href(html, testid):
    match = re.search(rf'<a[^>]*href="([^"]+)"[^>]*data-testid="{testid}"', html)
    assert match, f"no link {testid} on the page"
    return match.group(1).replace("&amp;", "&")


def draft_from_button(client, page_url, testid, **changes):
    """Open the record's page, follow its «صدور نامه …» button, and save the prefilled draft as it is shown
    (with ``changes`` typed over it); answers the saved draft."""
    page = client.get(page_url)
    assert page.status_code == 200
    form_url = href(page.content.decode(), testid)
    form = client.get(form_url).context["form"]
    data = {}
    for name, _field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
        if name.endswith("date") and value:
            data[name] = format_jalali(value, persian=False) if hasattr(value, "year") else value
    data.update(changes)
    before = set(Letter.objects.values_list("pk", flat=True))
    response = client.post(form_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Letter.objects.exclude(pk__in=before).get()


def issue_by_page(client, letter):
    """Follow the letter page's «صدور نامه» form."""
    page = client.get(letter.get_absolute_url()).content.decode()
    action = re.search(r'<form method="post" action="([^"]+)"[^>]*data-testid="issue-form"', page)
    assert action, "the draft's page offers «صدور نامه»"
    assert client.post(action.group(1)).status_code == 302
    letter.refresh_from_db()
    return letter


def year_now():
    return to_jalali(today()).year


# ---------------------------------------------------------------- numbering


def test_issued_letters_take_consecutive_numbers_in_the_secretariats_format(world, client_as):
    client = client_as("secretariat")
    numbers = []
    for _ in range(3):
        letter = draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral")
        numbers.append(issue_by_page(client, letter).number)
    year = to_persian_digits(year_now())
    assert numbers == [f"{year}/ت/۱", f"{year}/ت/۲", f"{year}/ت/۳"]
    assert all(set(n.replace("/", "").replace("ت", "")) <= set(PERSIAN_DIGITS) for n in numbers)

    office = world.secretariat_office_a
    office.prefix, office.number_format = "ص", "{prefix}-{seq}/{year}"
    office.full_clean()
    office.save()
    letter = issue_by_page(client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral"))
    assert letter.number == f"ص-۴/{year}"


def test_another_secretariat_numbers_its_own_register(world, client_as):
    a = issue_by_page(
        client_as("secretariat"),
        draft_from_button(client_as("secretariat"), world.referral_a.get_absolute_url(), "letter-referral"),
    )
    b = issue_by_page(
        client_as("secretariat_b"),
        draft_from_button(client_as("secretariat_b"), world.referral_b.get_absolute_url(), "letter-referral"),
    )
    assert a.sequence == b.sequence == 1 and a.secretariat != b.secretariat


def test_the_sequence_starts_again_each_jalali_year(world):
    office = world.secretariat_office_a
    assert [next_number(office, 1405) for _ in range(3)] == [1, 2, 3]
    assert [next_number(office, 1406) for _ in range(2)] == [1, 2]
    assert next_number(office, 1405) == 4
    assert LetterCounter.objects.get(secretariat=office, year=1405).last == 4


def test_a_refused_issue_uses_no_number(world, client_as):
    """A resolution notice before the minutes are approved is refused in Persian; the register has no gap."""
    client = client_as("secretariat")
    letter = Letter.objects.create(
        secretariat=world.secretariat_office_a,
        kind="resolution_notice",
        resolution=world.resolution_a,
        recipient_agency=world.agency_a,
        subject="ابلاغ",
        body="متن",
        signer_name="دبیر",
        signer_position="دبیر ستاد",
    )
    response = client.post(reverse("letters:letter_issue", args=[letter.pk]), follow=True)
    assert "پس از تأیید صورتجلسه" in response.content.decode()
    letter.refresh_from_db()
    assert not letter.is_issued and not letter.number
    issued = issue_by_page(client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral"))
    assert issued.sequence == 1


@pytest.mark.parametrize(
    ("number_format", "message"),
    [("{year}/{prefix}", "{seq}"), ("{year}/{month}/{seq}", "به کار می‌روند"), ("{seq", "به کار می‌روند")],
)
def test_a_number_format_is_refused_with_what_is_wrong(world, client_as, number_format, message):
    client = client_as("secretariat")
    office = world.secretariat_office_a
    edit = client.get(office.get_absolute_url()).content.decode()
    url = reverse("letters:secretariat_edit", args=[office.pk])
    assert url in edit
    data = {
        "name": office.name,
        "letterhead": office.letterhead,
        "prefix": office.prefix,
        "number_format": number_format,
        "signer_name": "",
        "signer_position": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["number_format"])
    assert response.context["form"]["number_format"].value() == number_format


# ---------------------------------------------------------------- frozen, scope


def test_an_issued_letter_refuses_edit_and_delete_with_the_reason(world, client_as, api_as):
    client = client_as("secretariat")
    letter = issue_by_page(client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral"))
    page = client.get(letter.get_absolute_url()).content.decode()
    assert reverse("letters:letter_edit", args=[letter.pk]) not in page
    for name in ("letters:letter_edit", "letters:letter_delete"):
        response = client.post(reverse(name, args=[letter.pk]), {"subject": "تغییر"})
        assert response.status_code == 403 and "ویرایش یا حذف نمی‌شود" in response.content.decode()
    response = api_as("secretariat").patch(f"/api/letters/letters/{letter.pk}/", {"subject": "تغییر"}, format="json")
    assert response.status_code == 403 and "ویرایش یا حذف نمی‌شود" in response.json()["detail"]
    response = api_as("secretariat").post(f"/api/letters/letters/{letter.pk}/issue/")
    assert response.status_code == 400
    letter.refresh_from_db()
    assert letter.subject != "تغییر" and Letter.objects.filter(pk=letter.pk).exists()


def test_another_secretariats_letter_answers_404_on_pages_and_api(world, client_as, api_as):
    letter = world.letter_draft_a
    for name in ("letters:letter", "letters:letter_edit", "letters:letter_pdf"):
        assert client_as("secretariat_b").get(reverse(name, args=[letter.pk])).status_code == 404
    assert client_as("secretariat_b").post(reverse("letters:letter_issue", args=[letter.pk])).status_code == 404
    assert api_as("secretariat_b").post(f"/api/letters/letters/{letter.pk}/issue/").status_code == 404
    letter.refresh_from_db()
    assert not letter.is_issued
    listed = client_as("secretariat_b").get(reverse("letters:letter_list")).content.decode()
    assert "ارجاع آزمایشی" not in listed and "نامه صادره ب" in listed


def test_the_api_issues_through_the_same_service_and_register(world, api_as, client_as):
    api = api_as("secretariat")
    created = api.post(
        "/api/letters/letters/",
        {
            "kind": "referral",
            "recipient_agency": world.agency_a.pk,
            "subject": "ارجاع از API",
            "body": "متن",
            "referrals": [world.referral_a.pk],
            "signer_name": "دبیر",
            "signer_position": "دبیر ستاد",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    issued = api.post(f"/api/letters/letters/{created.json()['id']}/issue/")
    assert issued.status_code == 200
    assert issued.json()["number"] == f"{to_persian_digits(year_now())}/ت/۱"
    by_page = issue_by_page(
        client_as("secretariat"),
        draft_from_button(client_as("secretariat"), world.referral_a.get_absolute_url(), "letter-referral"),
    )
    assert by_page.sequence == 2
    refused = api.post(
        "/api/letters/letters/",
        {
            "kind": "referral",
            "recipient_agency": world.agency_a2.pk,
            "subject": "x",
            "body": "x",
            "referrals": [world.referral_a.pk],
            "signer_name": "x",
            "signer_position": "x",
        },
        format="json",
    )
    assert refused.status_code == 400 and "دستگاه گیرنده" in str(refused.json())


def test_a_referral_letter_must_go_to_the_referrals_agency(world, client_as):
    client = client_as("secretariat")
    page = client.get(world.referral_a.get_absolute_url()).content.decode()
    form_url = href(page, "letter-referral")
    response = client.post(
        form_url,
        {
            "kind": "referral",
            "recipient_agency": world.agency_a2.pk,
            "subject": "ارجاع",
            "body": "متن نامه که نباید گم شود",
            "referrals": [world.referral_a.pk],
            "signer_name": "دبیر",
            "signer_position": "دبیر",
        },
    )
    assert response.status_code == 400
    assert "referrals" in response.context["form"].errors
    assert response.context["form"]["body"].value() == "متن نامه که نباید گم شود"
    assert not Letter.objects.filter(subject="ارجاع").exists()


# ---------------------------------------------------------------- each kind's PDF


def check_pdf(letter, tmp_path, *expected):
    with letter.pdf.open("rb") as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == letter.pdf_sha256
    text = search_key(pdf_text(content, tmp_path))
    for words in ("ستاد تسهیل و رفع موانع تولید", "شماره", "تاریخ", "پیوست", *expected):
        assert extracted(words) in text, words
    raw = pdf_text(content, tmp_path, "-raw")
    assert as_printed(letter.number) in raw and format_jalali(letter.date, persian=True) in raw, "Persian digits"
    assert not re.search(r"[0-9]", raw.split(letter.verification_code)[0].replace("8000", "")), "no Latin digit"
    assert letter.verification_code in raw
    image = pdf_image(content, tmp_path)
    width, height = image.size
    assert height > width, "A4 portrait"
    # Right to left: the table's first column (ردیف) on the right; the body's lines start at the right margin;
    # the verification QR leads the foot from the right, its code and address beside it to the left.
    assert ink(image, (0.80, 0.25, 0.92, 0.45)) > ink(image, (0.08, 0.25, 0.20, 0.45))
    assert ink(image, (0.82, 0.82, 0.95, 0.97)) > 300, "the QR code"
    return text


def test_referral_letter_pdf_for_a_batch_with_working_days_and_copies(world, client_as, tmp_path):
    from tashil.obstacles.models import Obstacle

    second = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title="جریمه دیرکرد مالیات")
    second_referral = obstacle_services.refer(second, [world.agency_a], user=world.users["secretariat"])[0]
    client = client_as("secretariat")
    letter = draft_from_button(
        client,
        world.obstacle_a.get_absolute_url(),
        f"letter-referral-{world.referral_a.pk}",
        referrals=[world.referral_a.pk, second_referral.pk],
        copies=[world.agency_a2.pk],
    )
    letter = issue_by_page(client, letter)
    text = check_pdf(
        letter, tmp_path, "برگ تشخیص مالیات الف", "جریمه دیرکرد مالیات", "روز کاری", "رونوشت", "اداره برق الف"
    )
    assert search_key("مهلت پاسخ") in text
    assert set(letter.referrals.all()) == {world.referral_a, second_referral}


def test_the_referral_letter_names_the_unit_by_the_recipient_agencys_own_numbers_only(world, client_as, tmp_path):
    """To the tax office: the unit's economic code and postal code, not the social-security workshop code nor
    the gas subscription (issue 26 §2)."""
    from tashil.units.models import IndustrialUnit

    IndustrialUnit.objects.filter(pk=world.unit_a.pk).update(
        economic_code="411114111111", postal_code="3391813579", workshop_code="1234567", gas_subscription="78654123"
    )
    client = client_as("secretariat")
    letter = issue_by_page(client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral"))
    assert letter.recipient_agency.type == "tax"
    text = check_pdf(letter, tmp_path, "کد اقتصادی", "کد پستی")
    digits = "".join(pdf_text(letter.pdf.open("rb").read(), tmp_path, "-raw").split())
    assert to_persian_digits("411114111111") in digits and to_persian_digits("3391813579") in digits
    assert search_key("کد کارگاه") not in text and search_key("اشتراک گاز") not in text
    assert to_persian_digits("1234567") not in digits and to_persian_digits("78654123") not in digits


def test_resolution_notice_pdf_after_the_minutes_are_approved(world, client_as, tmp_path):
    meeting = world.meeting_a
    meeting_services.hold(meeting)
    meeting_services.approve(meeting, world.users["manager"])
    client = client_as("secretariat")
    letter = issue_by_page(client, draft_from_button(client, world.resolution_a.get_absolute_url(), "letter-notice"))
    world.resolution_a.refresh_from_db()
    check_pdf(
        letter,
        tmp_path,
        "ابلاغ مصوبه",
        "اداره مالیات برگ تشخیص را بازبینی کند",
        "مهلت اجرا",
        "اعتراض",
        format_jalali(world.resolution_a.objection_deadline, persian=True),
    )


def test_invitation_pdf_to_an_invited_agency(world, client_as, tmp_path):
    from tashil.meetings.models import Meeting

    planned = Meeting.objects.create(series=world.series_a, date=today(), place="سالن فرمانداری")
    Attendance.objects.create(meeting=planned, agency=world.agency_a2)
    client = client_as("secretariat")
    letter = issue_by_page(client, draft_from_button(client, planned.get_absolute_url(), "letter-invitation"))
    assert letter.recipient_agency == world.agency_a2
    check_pdf(letter, tmp_path, "دعوت", "سالن فرمانداری", "کارگروه تسهیل الف", "دستور کار")
    tab = client.get(planned.get_absolute_url() + "?tab=letters").content.decode()
    assert 'data-testid="tab-letters"' in tab and letter.number in tab, "the meeting page lists its letters"
    # Asked for an agency by a mangled address, the draft still opens (for an invited agency).
    odd = client.get(reverse("letters:letter_add") + f"?kind=invitation&meeting={planned.pk}&agency=x")
    assert odd.status_code == 200 and odd.context["form"].initial["recipient_agency"] == world.agency_a2


def test_reminder_pdf_for_an_overdue_referral_recounts_its_history(world, client_as, tmp_path):
    client = client_as("secretariat")
    first = issue_by_page(client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral"))
    make_overdue(world.referral_a)
    reminder = issue_by_page(client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-reminder"))
    check_pdf(reminder, tmp_path, "یادآوری", "سابقه پیگیری", "پیرو نامه")
    raw = pdf_text(reminder.pdf.open("rb").read(), tmp_path, "-raw")
    assert as_printed(first.number) in raw, "the earlier letter's number"
    assert as_printed("۴۵۶/ص") in raw, "the agency's reply letter noted on the referral"


def test_the_draft_pdf_is_marked_and_unnumbered(world, client_as, tmp_path):
    response = client_as("secretariat").get(reverse("letters:letter_pdf", args=[world.letter_draft_a.pk]))
    text = search_key(pdf_text(response.content, tmp_path))
    assert search_key("پیش‌نویس") in text and search_key("کد اصالت") not in text


# ---------------------------------------------------------------- verification


def test_the_verification_page_shows_the_letter_and_the_stored_files_hash(world, client_as, client, tmp_path):
    office = client_as("secretariat")
    letter = issue_by_page(office, draft_from_button(office, world.referral_a.get_absolute_url(), "letter-referral"))
    verify_url = href(office.get(letter.get_absolute_url()).content.decode(), "verify-link")
    with letter.pdf.open("rb") as handle:
        stored = hashlib.sha256(handle.read()).hexdigest()
    printed = "".join(pdf_text(letter.pdf.open("rb").read(), tmp_path, "-raw").split())
    assert verify_url in printed, "the printed address is the page's"
    page = client.get(verify_url)
    html = page.content.decode()
    assert page.status_code == 200
    for shown in (letter.number, format_jalali(letter.date, persian=True), world.secretariat_office_a.letterhead):
        assert shown in html
    assert re.search(r'data-testid="verify-hash">([0-9a-f]{64})<', html).group(1) == stored

    code = letter.verification_code
    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    for wrong in (tampered, code[::-1], "0" * 16, world.letter_draft_a.pk):
        refused = client.get(reverse("verify:document", args=[wrong]))
        assert refused.status_code == 404 and "سند یافت نشد" in refused.content.decode()


def test_verification_codes_are_unguessable_and_not_sequential(world, client_as):
    client = client_as("secretariat")
    codes = [
        issue_by_page(
            client, draft_from_button(client, world.referral_a.get_absolute_url(), "letter-referral")
        ).verification_code
        for _ in range(3)
    ]
    assert len(set(codes)) == 3 and all(len(c) == 16 for c in codes)
    assert len({c[:6] for c in codes}) == 3, "codes share no running prefix"


def test_a_stored_pdf_altered_after_issue_is_flagged(world, client):
    letter = world.letter_issued_a
    letter.pdf.save("altered.pdf", ContentFile(b"%PDF-1.4 altered"))
    page = client.get(reverse("verify:document", args=[letter.verification_code])).content.decode()
    assert 'data-testid="verify-altered"' in page


# ---------------------------------------------------------------- incoming letters


def test_the_agency_officer_notes_its_reply_letter_on_the_referral(world, client_as, api_as):
    client = client_as("agency_officer")
    page = client.get(world.referral_a.get_absolute_url()).content.decode()
    form_url = href(page, "incoming-letter")
    form = client.get(form_url).context["form"]
    response = client.post(
        form_url,
        {
            "referral": form["referral"].value(),
            "resolution": "",
            "number": "۷۸۹/م/۱۲",
            "date": format_jalali(today(), persian=False),
            "note": "پاسخ به ارجاع",
        },
    )
    assert response.status_code == 302
    note = IncomingLetterNote.objects.get(note="پاسخ به ارجاع")
    assert note.referral == world.referral_a and note.recorded_by == world.users["agency_officer"]
    tab = client_as("secretariat").get(world.referral_a.get_absolute_url() + "?tab=letters").content.decode()
    assert "۷۸۹/م/۱۲" in tab
    assert any("۷۸۹/م/۱۲" in entry.message for entry in history_for(world.referral_a.obstacle))
    # Another agency's officer cannot note a reply on this referral.
    refused = api_as("agency_officer_b").post(
        "/api/letters/incoming/",
        {"referral": world.referral_a.pk, "number": "۱", "date": format_jalali(today(), persian=False)},
        format="json",
    )
    assert refused.status_code == 400


def test_an_incoming_note_needs_its_record_and_date(world, client_as):
    client = client_as("secretariat")
    response = client.post(reverse("letters:incomingletternote_add"), {"number": "۱۲", "date": "۱۴۰۵/۱۳/۴۰"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "date" in errors and errors.get("__all__")
    with pytest.raises(ValidationError):
        IncomingLetterNote(number="1", date=today()).full_clean()


def test_issuing_through_the_page_and_the_api_ends_the_same(world, client_as, api_as):
    """The same draft issued by its page's «صدور نامه» and by the API: the same number, date, register and
    change log (the verification code, the PDF's hash and the moment differ by design)."""
    letter = world.letter_draft_a
    log = ((ChangeLogEntry, ("content_type__model", "object_id", "action", "message", "user_id")),)

    def state():
        issued = Letter.objects.filter(pk=letter.pk).values(
            "status", "number", "year", "sequence", "date", "issued_by_id", "signer_id"
        )
        counters = LetterCounter.objects.filter(secretariat=letter.secretariat).values("year", "last")
        return {"letter": list(issued), "counters": list(counters)}

    outcome = same_both_ways(
        log,
        by_page(client_as("secretariat"), letter.get_absolute_url(), testid="issue-form"),
        by_api(api_as("secretariat"), f"/api/letters/letters/{letter.pk}/issue/"),
        state,
    )
    assert outcome["state"]["letter"][0]["number"] == f"{to_persian_digits(year_now())}/ت/۱"
    logged = {(e["content_type__model"], e["object_id"]) for e in outcome["core.ChangeLogEntry"]}
    assert ("letter", letter.pk) in logged and ("referral", world.referral_a.pk) in logged


def test_a_refused_issue_says_the_same_on_the_page_and_the_api(world, client_as, api_as):
    letter = world.letter_draft_a
    letter.referrals.clear()
    page = client_as("secretariat").post(reverse("letters:letter_issue", args=[letter.pk]), follow=True)
    assert "دست‌کم یک ارجاع" in page.content.decode()
    api = api_as("secretariat").post(f"/api/letters/letters/{letter.pk}/issue/")
    assert api.status_code == 400 and "دست‌کم یک ارجاع" in api.json()["non_field_errors"][0]
    letter.refresh_from_db()
    assert not letter.is_issued


def test_an_issued_letter_refuses_edit_and_delete_alike_on_pages_api_and_admin(world, client_as, api_as):
    """``Letter.locked_reason``, consulted by the generic lock: the edit and delete pages, the API and the admin
    answer the same 403 with the same reason; the admin still shows the letter, read-only."""
    letter = world.letter_issued_a
    reason = str(Letter.FROZEN_MESSAGE)
    page, api = client_as("secretariat"), api_as("secretariat")
    admin = Client()
    admin.force_login(User.objects.create_superuser("letters-admin", "letters-admin@example.com", "x"))
    detail = f"/api/letters/letters/{letter.pk}/"
    change = reverse("admin:letters_letter_change", args=[letter.pk])
    delete = reverse("admin:letters_letter_delete", args=[letter.pk])
    refusals = {
        "page: edit": page.get(reverse("letters:letter_edit", args=[letter.pk])),
        "page: edit sent": page.post(reverse("letters:letter_edit", args=[letter.pk]), {"subject": "تغییر"}),
        "page: delete": page.get(reverse("letters:letter_delete", args=[letter.pk])),
        "page: delete sent": page.post(reverse("letters:letter_delete", args=[letter.pk])),
        "api: PATCH": api.patch(detail, {"subject": "تغییر"}, format="json"),
        "api: PUT": api.put(detail, {"subject": "تغییر", "kind": "general", "body": "x"}, format="json"),
        "api: DELETE": api.delete(detail),
        "admin: change sent": admin.post(change, {"subject": "تغییر"}),
        "admin: delete": admin.get(delete),
        "admin: delete sent": admin.post(delete, {"post": "yes"}),
    }
    for way, response in refusals.items():
        said = response.json()["detail"] if way.startswith("api") else response.content.decode()
        assert (response.status_code, reason in said) == (403, True), way
    shown = admin.get(change)
    assert shown.status_code == 200 and 'name="_save"' not in shown.content.decode()
    letter.refresh_from_db()
    assert letter.subject == "نامه صادره الف" and Letter.objects.filter(pk=letter.pk).exists()
