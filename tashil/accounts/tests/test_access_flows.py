"""Issue 24: sign-in by a code to the mobile, password recovery, invitations (one and from a spreadsheet), a unit
representative's self-registration, unique mobiles. Each flow is walked from the link a person clicks, and each
refusal checked: expired, reused and guessed codes and links, rate limits, and the same answer (and about the
same time) for a known and an unknown account, unit or mobile."""

import datetime
import re
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tashil.accounts import mobiles, services
from tashil.accounts.models import (
    AccessEvent,
    Invitation,
    InvitationStatus,
    Membership,
    OneTimeCode,
    RegistrationRequest,
    RegistrationStatus,
    User,
)
from tashil.core import scope
from tashil.core.choices import Role, ScopeLevel
from tashil.core.demo import DEMO_PASSWORD

NEW_PASSWORD = "Sabz-Kooh-1405!"


@pytest.fixture(autouse=True)
def fresh_limits():
    """The rate limits count in the cache: each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


def link_on(page, testid):
    """The href of the link the page shows with ``data-testid``: what a person clicks."""
    html = page.content.decode()
    match = re.search(rf'<a[^>]*href="([^"]+)"[^>]*data-testid="{testid}"', html) or re.search(
        rf'<a[^>]*data-testid="{testid}"[^>]*href="([^"]+)"', html
    )
    assert match, f"no link {testid} on the page"
    return match.group(1).replace("&amp;", "&")


def last_code(sms_outbox, to):
    [message] = [m for m in sms_outbox if m.to == to][-1:]
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def with_mobile(user, mobile):
    user.mobile = mobile
    user.save()
    return user


def without_tokens(html):
    """A page as a person reads it: the per-visitor CSRF tokens left out."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def other_code(code):
    return f"{(int(code) + 1) % 10**6:06d}"


# ---------------------------------------------------------------- sign-in by a code to the mobile


def ask_code(client, mobile):
    start = client.get(link_on(client.get(reverse("accounts:login")), "code-sign-in-link"))
    assert start.status_code == 200
    return client.post(reverse("accounts:code_sign_in"), {"mobile": mobile}, follow=True)


def test_sign_in_by_a_code_from_the_login_page(world, sms_outbox):
    user = with_mobile(world.users["manager"], "09121110001")
    client = Client()
    page = ask_code(client, "۰۹۱۲ ۱۱۱ ۰۰۰۱")  # Persian digits and spaces: the same mobile
    assert page.status_code == 200 and 'data-testid="code-sign-in-verify"' in page.content.decode()
    code = last_code(sms_outbox, "09121110001")
    row = OneTimeCode.objects.get(target="09121110001")
    assert code not in (row.digest, row.target), "the code is kept only as a keyed digest"
    response = client.post(
        reverse("accounts:code_sign_in_verify"), {"code": code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).wsgi_request.user == user
    assert AccessEvent.objects.filter(kind="sign_in", user=user).exists()


def test_the_answer_is_the_same_for_a_known_and_an_unknown_mobile(world, sms_outbox, settings):
    settings.TASHIL_ACCESS_ANSWER_SECONDS = 0.3
    with_mobile(world.users["manager"], "09121110002")
    answers = []
    for mobile in ("09121110002", "09121119999"):
        started = time.monotonic()
        response = Client().post(reverse("accounts:code_sign_in"), {"mobile": mobile})
        answers.append((response.status_code, response["Location"], time.monotonic() - started))
    (known_status, known_url, known_time), (unknown_status, unknown_url, unknown_time) = answers
    assert (known_status, known_url) == (unknown_status, unknown_url) == (302, reverse("accounts:code_sign_in_verify"))
    assert known_time >= 0.3 and unknown_time >= 0.3
    assert abs(known_time - unknown_time) < 0.25
    assert [m.to for m in sms_outbox] == ["09121110002"], "only a real account's mobile gets a message"


def test_a_wrong_an_expired_and_a_used_code_are_refused(world, sms_outbox):
    with_mobile(world.users["manager"], "09121110003")
    client = Client()
    ask_code(client, "09121110003")
    code = last_code(sms_outbox, "09121110003")
    wrong = client.post(reverse("accounts:code_sign_in_verify"), {"code": other_code(code)})
    assert wrong.status_code == 400 and "کد درست نیست" in wrong.content.decode()
    OneTimeCode.objects.filter(target="09121110003").update(expires=timezone.now() - datetime.timedelta(seconds=1))
    expired = client.post(reverse("accounts:code_sign_in_verify"), {"code": code})
    assert expired.status_code == 400 and not expired.wsgi_request.user.is_authenticated
    ask_code(client, "09121110003")
    fresh = last_code(sms_outbox, "09121110003")
    assert client.post(reverse("accounts:code_sign_in_verify"), {"code": fresh}).status_code == 302
    again = Client()
    session = again.session
    session["access_sign_in_mobile"] = "09121110003"
    session.save()
    reused = again.post(reverse("accounts:code_sign_in_verify"), {"code": fresh})
    assert reused.status_code == 400, "a code signs in once"


def test_guessing_ends_the_code_after_the_allowed_attempts(world, sms_outbox, settings):
    with_mobile(world.users["manager"], "09121110004")
    client = Client()
    ask_code(client, "09121110004")
    code = last_code(sms_outbox, "09121110004")
    for _ in range(settings.TASHIL_CODE_ATTEMPTS):
        assert client.post(reverse("accounts:code_sign_in_verify"), {"code": other_code(code)}).status_code == 400
    late = client.post(reverse("accounts:code_sign_in_verify"), {"code": code})
    assert late.status_code == 400, "the right code after too many guesses no longer works"
    assert not late.wsgi_request.user.is_authenticated


def test_sends_per_hour_are_limited_for_known_and_unknown_mobiles_alike(world, sms_outbox, settings):
    with_mobile(world.users["manager"], "09121110005")
    for mobile in ("09121110005", "09121118888"):
        client = Client()
        for _ in range(settings.TASHIL_CODE_SENDS_PER_HOUR):
            assert client.post(reverse("accounts:code_sign_in"), {"mobile": mobile}).status_code == 302
        refused = client.post(reverse("accounts:code_sign_in"), {"mobile": mobile})
        assert refused.status_code == 400 and "درخواست‌های زیادی" in refused.content.decode()
    assert len(sms_outbox) == settings.TASHIL_CODE_SENDS_PER_HOUR


def test_a_role_with_two_step_sign_in_is_still_asked_for_its_second_factor(world, sms_outbox):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = with_mobile(world.users["secretariat"], "09121110006")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client()
    ask_code(client, "09121110006")
    client.post(reverse("accounts:code_sign_in_verify"), {"code": last_code(sms_outbox, "09121110006")})
    response = client.get("/registry/units/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:twofactor_verify"))


# ---------------------------------------------------------------- password recovery


def test_recovery_by_sms_code_changes_the_password_and_ends_other_sessions(world, sms_outbox):
    user = with_mobile(world.users["manager"], "09121110007")
    elsewhere = Client()
    elsewhere.post(reverse("accounts:login"), {"username": user.username, "password": DEMO_PASSWORD})
    assert elsewhere.get("/registry/units/").status_code == 200
    client = Client()
    start = client.get(link_on(client.get(reverse("accounts:login")), "recovery-link"))
    assert start.status_code == 200
    sent = client.post(reverse("accounts:password_recovery"), {"identifier": "۰۹۱۲۱۱۱۰۰۰۷"})
    assert sent["Location"] == reverse("accounts:password_reset_code")
    code = last_code(sms_outbox, "09121110007")
    done = client.post(
        reverse("accounts:password_reset_code"), {"code": code, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password(DEMO_PASSWORD)
    assert AccessEvent.objects.filter(kind="password_reset", user=user).exists()
    assert elsewhere.get("/registry/units/").status_code == 302, "the session opened before is ended"


def test_recovery_by_e_mail_link_works_once(world, mailoutbox):
    user = world.users["manager"]
    user.email = "manager.a@example.ir"
    user.save()
    client = Client()
    answer = client.post(reverse("accounts:password_recovery"), {"identifier": "Manager.A@example.ir"})
    assert answer.status_code == 200 and 'data-testid="flow-done"' in answer.content.decode()
    [mail] = mailoutbox
    link = re.search(r"https?://[^\s]+", mail.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    done = client.post("/" + path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/" + path).status_code == 400, "the link dies with the old password"


def test_recovery_answers_alike_for_known_and_unknown_addresses(world, mailoutbox, sms_outbox):
    user = world.users["manager"]
    user.email = "known@example.ir"
    user.save()
    texts = []
    for identifier in ("known@example.ir", "nobody@example.ir"):
        response = Client().post(reverse("accounts:password_recovery"), {"identifier": identifier})
        texts.append(without_tokens(re.sub(r"\S+@example\.ir", "<email>", response.content.decode())))
    assert texts[0] == texts[1]
    assert len(mailoutbox) == 1
    for mobile in ("09121110008", "09121117777"):
        response = Client().post(reverse("accounts:password_recovery"), {"identifier": mobile})
        assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_code")
    assert sms_outbox == []


def test_recovery_is_limited_per_address_and_per_account(world, settings):
    settings.TASHIL_CODE_REQUESTS_PER_HOUR = 3
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(3):
        assert client.post(reverse("accounts:password_recovery"), {"identifier": f"a{n}@example.ir"}).status_code == 200
    refused = client.post(reverse("accounts:password_recovery"), {"identifier": "a9@example.ir"})
    assert refused.status_code == 400 and "درخواست‌های زیادی" in refused.content.decode()
    for n in range(settings.TASHIL_CODE_SENDS_PER_HOUR):
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            reverse("accounts:password_recovery"), {"identifier": "x@example.ir"}
        )
    again = Client(REMOTE_ADDR="198.51.100.200").post(
        reverse("accounts:password_recovery"), {"identifier": "x@example.ir"}
    )
    assert again.status_code == 400, "one address cannot be flooded from many clients"


def test_a_wrong_recovery_code_keeps_the_password(world, sms_outbox):
    user = with_mobile(world.users["manager"], "09121110009")
    client = Client()
    client.post(reverse("accounts:password_recovery"), {"identifier": "09121110009"})
    code = last_code(sms_outbox, "09121110009")
    response = client.post(
        reverse("accounts:password_reset_code"),
        {"code": other_code(code), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 400 and "کد درست نیست" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


def test_the_lock_out_page_offers_recovery_and_recovery_lifts_the_lock(world, settings, sms_outbox):
    user = with_mobile(world.users["manager"], "09121110010")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"})
    locked = client.post(reverse("accounts:login"), {"username": user.username, "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    recovery = link_on(locked, "locked-out-recovery")
    assert "دبیرخانه ستاد تماس" not in locked.content.decode()
    client.post(recovery, {"identifier": "09121110010"})
    client.post(
        reverse("accounts:password_reset_code"),
        {"code": last_code(sms_outbox, "09121110010"), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    signed = client.post(reverse("accounts:login"), {"username": user.username, "password": NEW_PASSWORD})
    assert signed.status_code == 302


# ---------------------------------------------------------------- invitations


def invite_through_pages(client, data):
    listing = client.get(reverse("accounts:invitation_list"))
    assert listing.status_code == 200
    add = reverse("accounts:invitation_add")
    assert f'href="{add}' in listing.content.decode(), "the list offers the add button"
    assert client.get(add).status_code == 200
    return client.post(add, data)


def test_invitation_to_first_sign_in(world, client_as, sms_outbox, mailoutbox):
    secretariat = client_as("secretariat")
    response = invite_through_pages(
        secretariat,
        {
            "first_name": "زهرا",
            "last_name": "کریمی",
            "mobile": "۰۹۱۲۱۱۱۰۰۲۰",
            "email": "zahra@example.ir",
            "role": Role.MANAGER,
            "level": ScopeLevel.COUNTY,
            "province": world.province_a.pk,
            "county": world.county_a.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    invitation = Invitation.objects.get(mobile="09121110020")
    assert invitation.invited_by == world.users["secretariat"] and invitation.sent_count == 1
    [sms] = [m for m in sms_outbox if m.to == "09121110020"]
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+", sms.text).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert invitation.digest not in path, "the link's token is never stored"
    invitee = Client()
    page = invitee.get(path)
    assert page.status_code == 200 and "مدیر" in page.content.decode()
    done = invitee.post(
        path,
        {
            "first_name": "زهرا",
            "last_name": "کریمی",
            "username": "zahra.karimi",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    signed = invitee.post(reverse("accounts:login"), {"username": "zahra.karimi", "password": NEW_PASSWORD})
    assert signed.status_code == 302
    user = User.objects.get(username="zahra.karimi")
    assert user.mobile == "09121110020" and user.email == "zahra@example.ir"
    assert user.memberships.get().county == world.county_a
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == user
    assert invitee.get(path).status_code == 400, "the link works once"


def test_an_invitation_outside_the_inviters_scope_is_refused(world, client_as, sms_outbox):
    secretariat = client_as("secretariat")
    response = secretariat.post(
        reverse("accounts:invitation_add"),
        {"mobile": "09121110021", "role": Role.MANAGER, "level": ScopeLevel.COUNTY, "county": world.county_b.pk},
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError) as refused:
        services.invite(
            world.users["secretariat"],
            mobile="09121110021",
            role=Role.MANAGER,
            level=ScopeLevel.COUNTY,
            county=world.county_b,
        )
    assert "بیرون از حوزه" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError) as admin:
        services.invite(world.users["secretariat"], mobile="09121110021", role=Role.ADMIN, level=ScopeLevel.NATION)
    assert "مدیر سامانه" in str(admin.value)
    assert not Invitation.objects.filter(mobile="09121110021").exists()
    assert sms_outbox == []


def test_an_agency_manager_invites_the_agencys_own_officers_only(world, client_as, sms_outbox):
    officer = world.users["agency_officer"]
    plain = client_as("agency_officer")
    assert plain.get(reverse("accounts:invitation_add")).status_code == 403, "an officer who manages nothing"
    assert 'data-testid="add-button"' not in plain.get(reverse("accounts:invitation_list")).content.decode()
    officer.memberships.update(manages_agency=True)
    manager = client_as("agency_officer")
    listing = manager.get(reverse("accounts:invitation_list"))
    assert 'data-testid="add-button"' in listing.content.decode()
    form = manager.get(reverse("accounts:invitation_add")).content.decode()
    assert f'value="{Role.MANAGER}"' not in form and f'value="{world.agency_a2.pk}"' not in form
    made = manager.post(
        reverse("accounts:invitation_add"),
        {"first_name": "نگار", "mobile": "09121110024", "role": Role.AGENCY_OFFICER, "agency": world.agency_a.pk},
    )
    assert made.status_code == 302
    invitation = Invitation.objects.get(mobile="09121110024")
    assert (invitation.agency, invitation.county) == (world.agency_a, world.county_a)
    scope.forget(officer)
    for values in (
        {"role": Role.AGENCY_OFFICER, "agency": world.agency_a2},
        {"role": Role.MANAGER, "level": ScopeLevel.COUNTY, "county": world.county_a},
    ):
        with pytest.raises(ValidationError):
            services.invite(officer, mobile="09121110025", **values)
    assert not Invitation.objects.filter(mobile="09121110025").exists()
    assert manager.get(world.invitation_a.get_absolute_url()).status_code == 404


def test_another_scopes_invitation_answers_404(world, client_as):
    assert client_as("secretariat").get(world.invitation_b.get_absolute_url()).status_code == 404
    assert client_as("secretariat_b").get(world.invitation_b.get_absolute_url()).status_code == 200


def test_resend_revoke_and_expiry_end_the_link(world, client_as, sms_outbox):
    invitation, token = services.invite(
        world.users["secretariat"],
        mobile="09121110022",
        role=Role.MANAGER,
        level=ScopeLevel.COUNTY,
        county=world.county_a,
    )
    old = reverse("accounts:invitation_accept", args=[token])
    secretariat = client_as("secretariat")
    page = secretariat.get(invitation.get_absolute_url())
    assert 'data-testid="resend"' in page.content.decode()
    secretariat.post(reverse("accounts:invitation_action", kwargs={"pk": invitation.pk, "action": "resend"}))
    assert Client().get(old).status_code == 400, "a resent invitation's old link is dead"
    new = re.search(r"https?://\S+", sms_outbox[-1].text).group(0)
    new_path = "/" + new.split("://", 1)[1].split("/", 1)[1]
    assert Client().get(new_path).status_code == 200
    Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - datetime.timedelta(minutes=1))
    expired = Client().get(new_path)
    assert expired.status_code == 400 and "زمان این پیوند" in expired.content.decode()
    listing = secretariat.get(reverse("accounts:invitation_list") + "?state=expired")
    assert invitation.get_absolute_url() in listing.content.decode()
    pending = secretariat.get(reverse("accounts:invitation_list") + "?state=pending")
    assert invitation.get_absolute_url() not in pending.content.decode()
    Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() + datetime.timedelta(days=1))
    secretariat.post(reverse("accounts:invitation_action", kwargs={"pk": invitation.pk, "action": "revoke"}))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    assert "باطل" in Client().get(new_path).content.decode()


def test_a_signed_in_person_attaches_the_invitation_to_their_account(world, client_as):
    _invitation, token = services.invite(
        world.users["secretariat"],
        mobile="09121110023",
        role=Role.CLINIC_EXPERT,
        level=ScopeLevel.COUNTY,
        county=world.county_a,
    )
    manager = client_as("manager")
    path = reverse("accounts:invitation_accept", args=[token])
    assert manager.post(path).status_code == 302
    assert world.users["manager"].memberships.filter(role=Role.CLINIC_EXPERT).exists()
    assert services.pending_invitations_for(mobile="09121110023").count() == 0


def test_an_invitation_matched_by_national_code_makes_the_account(world):
    """What the OpenID Connect sign-in calls once the national sign-on vouches for the national code."""
    invitation, _token = services.invite(
        world.users["secretariat"],
        mobile="09121110026",
        national_code="0013542419",
        role=Role.MANAGER,
        level=ScopeLevel.COUNTY,
        county=world.county_a,
    )
    [found] = services.pending_invitations_for(national_code="۰۰۱۳۵۴۲۴۱۹")
    assert found == invitation
    user = services.account_for_invitation(found)
    assert user.national_code == "0013542419" and not user.has_usable_password()
    assert user.memberships.get().role == Role.MANAGER
    assert not services.pending_invitations_for(national_code="0013542419").exists()


def officers_file(rows, header=("نام", "نام خانوادگی", "تلفن همراه", "پست الکترونیکی", "دستگاه")):
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return SimpleUploadedFile("officers.csv", ("\n".join(lines) + "\n").encode("utf-8"), content_type="text/csv")


def upload_officers(client, upload_url, upload, commits, partial=False):
    """Upload through the page the list links to, let the task worker check it, and return the job's page.
    ``commits``: pytest-django's django_capture_on_commit_callbacks (the job is queued when the upload commits)."""
    from tashil.core.testing.tasks import run_queued_tasks

    data = {"file": upload} | ({"partial": "on"} if partial else {})
    with commits(execute=True):
        response = client.post(upload_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job_url = response["Location"]
    run_queued_tasks()
    return job_url, client.get(job_url).content.decode()


def apply_job(client, page, commits):
    from tashil.core.testing.tasks import run_queued_tasks

    with commits(execute=True):
        client.post(re.search(r'<form method="post" action="([^"]+/apply/)"', page).group(1))
    run_queued_tasks()


def test_officers_invited_from_a_spreadsheet_all_or_nothing(
    world, client_as, sms_outbox, django_capture_on_commit_callbacks
):
    """The invitation list's «ورود از فایل» opens the import of officers (a kind of the import engine): the file
    is checked in the task worker and previewed; a bad row refuses the whole file unless the good ones are asked
    for; nothing is sent before «ثبت»; the same file again invites no one twice."""
    commits = django_capture_on_commit_callbacks
    secretariat = client_as("secretariat")
    listing = secretariat.get(reverse("accounts:invitation_list")).content.decode()
    upload_url = re.search(r'href="([^"]+)" data-testid="import-button"', listing).group(1)
    assert "county" not in secretariat.get(upload_url).context["form"].fields, "an officer's place is their agency"
    rows = [
        ("علی", "رضایی", "۰۹۱۲۱۱۱۰۰۳۰", "", "اداره مالیات الف"),
        ("مریم", "احمدی", "0912", "", "اداره برق الف"),
        ("رضا", "محمدی", "09121110032", "", "اداره مالیات ب"),
    ]
    job_url, page = upload_officers(secretariat, upload_url, officers_file(rows), commits)
    errors = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>", page.split('data-testid="import-errors"')[1])
    assert ("۳", "تلفن همراه") in errors and ("۴", "دستگاه") in errors
    assert 'data-testid="import-refused"' in page and 'data-testid="apply-import"' not in page
    assert not Invitation.objects.filter(mobile="09121110030").exists() and sms_outbox == []
    # The good rows only, asked for: previewed (who, which agency), then invited on «ثبت».
    job_url, page = upload_officers(secretariat, upload_url, officers_file(rows), commits, partial=True)
    preview = page.split('data-testid="import-preview"')[1]
    assert "علی رضایی" in preview and "اداره مالیات الف" in preview and "09121110032" not in preview
    assert not Invitation.objects.filter(mobile="09121110030").exists() and sms_outbox == [], "the check sends nothing"
    apply_job(secretariat, page, commits)
    assert 'data-status="applied"' in secretariat.get(job_url).content.decode()
    assert {m.to for m in sms_outbox} == {"09121110030"}
    good = [
        ("علی", "رضایی", "09121110030", "", "اداره مالیات الف"),
        ("مریم", "احمدی", "09121110031", "maryam@example.ir", "اداره برق الف"),
    ]
    job_url, page = upload_officers(secretariat, upload_url, officers_file(good), commits)
    apply_job(secretariat, page, commits)
    officers = Invitation.objects.filter(mobile__in=("09121110030", "09121110031"))
    assert {(i.role, i.agency_id) for i in officers} == {
        (Role.AGENCY_OFFICER, world.agency_a.pk),
        (Role.AGENCY_OFFICER, world.agency_a2.pk),
    }
    assert sorted(m.to for m in sms_outbox) == ["09121110030", "09121110031"], "row 2 was invited already"
    job_url, page = upload_officers(secretariat, upload_url, officers_file(good), commits)
    apply_job(secretariat, page, commits)
    assert officers.count() == 2 and len(sms_outbox) == 2, "importing the same file again invites no one twice"


def test_the_officers_template_sheet_imports_as_it_is(world, client_as, django_capture_on_commit_callbacks):
    """The template linked from the upload page names an agency the person may invite officers to: its example
    row is previewed as one invitation, no row refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    secretariat = client_as("secretariat")
    upload_url = reverse("units:officer_import")
    page = secretariat.get(upload_url).content.decode()
    template_url = re.search(r'href="([^"]+)"[^>]*data-testid="import-template"', page).group(1)
    sheet = b"".join(secretariat.get(template_url).streaming_content)
    upload = SimpleUploadedFile("officers.xlsx", sheet)
    _job_url, page = upload_officers(secretariat, upload_url, upload, django_capture_on_commit_callbacks)
    assert 'data-testid="apply-import"' in page and 'data-testid="import-errors"' not in page
    assert re.search(r'data-testid="count-created">(.*?)<', page).group(1) == "۱"


def test_only_those_who_invite_import_officers(world, client_as):
    """An agency's officer who does not manage its officers sees no import and is refused the page; another
    province's secretariat cannot open this one's job."""
    from tashil.units.models import ImportJob

    upload_url = reverse("units:officer_import")
    officer = client_as("agency_officer")
    assert 'data-testid="import-button"' not in officer.get(reverse("accounts:invitation_list")).content.decode()
    assert officer.get(upload_url).status_code == 403
    job = ImportJob.objects.create(user=world.users["secretariat"], kind="officers", original_name="x.csv")
    assert client_as("secretariat_b").get(job.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------- a unit representative registers


def register(client, world, mobile, national_id=None, national_code="0013542419"):
    start = client.get(link_on(client.get(reverse("accounts:login")), "registration-link"))
    assert start.status_code == 200
    return client.post(
        reverse("accounts:registration"),
        {
            "first_name": "حسین",
            "last_name": "نادری",
            "national_code": national_code,
            "mobile": mobile,
            "unit_national_id": national_id or world.unit_a.national_id,
        },
        follow=True,
    )


def test_a_representative_with_the_units_own_mobile_is_granted_at_once(world, sms_outbox):
    type(world.unit_a).objects.filter(pk=world.unit_a.pk).update(mobile="09121110040")
    client = Client()
    page = register(client, world, "۰۹۱۲۱۱۱۰۰۴۰")
    assert 'data-testid="registration-code"' in page.content.decode()
    response = client.post(reverse("accounts:registration_code"), {"code": last_code(sms_outbox, "09121110040")})
    assert response.status_code == 302
    user = client.get(reverse("home")).wsgi_request.user
    assert user.national_code == "0013542419" and user.mobile == "09121110040"
    assert Membership.objects.filter(user=user, role=Role.UNIT_REP, unit=world.unit_a).exists()
    request = RegistrationRequest.objects.get(user=user)
    assert request.status == RegistrationStatus.CONFIRMED


def test_the_answer_does_not_tell_whether_the_unit_or_mobile_is_on_record(world, sms_outbox):
    type(world.unit_a).objects.filter(pk=world.unit_a.pk).update(mobile="09121110041")
    pages = []
    for mobile, national_id in (
        ("09121110041", world.unit_a.national_id),  # the unit's own mobile
        ("09121110042", world.unit_a.national_id),  # another mobile
        ("09121110043", "10101010103"),  # no such unit
    ):
        page = register(Client(), world, mobile, national_id).content.decode()
        pages.append(without_tokens(page))
    assert pages[0] == pages[1] == pages[2]
    statuses = dict(RegistrationRequest.objects.filter(mobile__startswith="0912111004").values_list("mobile", "status"))
    assert statuses == {
        "09121110041": RegistrationStatus.AWAITING_CODE,
        "09121110042": RegistrationStatus.PENDING,
        "09121110043": RegistrationStatus.PENDING,
    }


def test_a_request_waits_for_the_secretariat_who_approves_it(world, client_as, sms_outbox):
    client = Client()
    register(client, world, "09121110044")
    wrong = client.post(reverse("accounts:registration_code"), {"code": "123456"})
    assert wrong.status_code == 400, "a waiting request has no code to give"
    request = RegistrationRequest.objects.get(mobile="09121110044")
    secretariat = client_as("secretariat")
    home = secretariat.get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:registrationrequest_list")}"' in home, "the menu leads to the queue"
    queue = secretariat.get(reverse("accounts:registrationrequest_list"))
    assert request.get_absolute_url() in queue.content.decode()
    assert client_as("secretariat_b").get(request.get_absolute_url()).status_code == 404
    page = secretariat.get(request.get_absolute_url())
    assert 'data-testid="approve"' in page.content.decode()
    secretariat.post(reverse("accounts:registrationrequest_action", kwargs={"pk": request.pk, "action": "approve"}))
    request.refresh_from_db()
    assert request.status == RegistrationStatus.APPROVED
    assert Membership.objects.filter(user=request.user, role=Role.UNIT_REP, unit=world.unit_a).exists()
    assert "پذیرفته شد" in sms_outbox[-1].text and sms_outbox[-1].to == "09121110044"
    # The new representative signs in by a code to the mobile.
    ask_code(client, "09121110044")
    client.post(reverse("accounts:code_sign_in_verify"), {"code": last_code(sms_outbox, "09121110044")})
    assert client.get(reverse("home")).wsgi_request.user == request.user


def test_the_secretariat_refuses_with_a_reason_the_applicant_reads(world, client_as, sms_outbox):
    register(Client(), world, "09121110045")
    request = RegistrationRequest.objects.get(mobile="09121110045")
    secretariat = client_as("secretariat")
    refuse = link_on(secretariat.get(request.get_absolute_url()), "refuse")
    assert secretariat.post(refuse, {"reason": ""}).status_code == 400
    secretariat.post(refuse, {"reason": "نامه معرفی از واحد لازم است."})
    request.refresh_from_db()
    assert request.status == RegistrationStatus.REFUSED and not request.user
    assert "نامه معرفی از واحد لازم است." in sms_outbox[-1].text


def test_an_unknown_units_request_waits_in_the_nations_queue(world, client_as):
    register(Client(), world, "09121110046", national_id="10101010103")
    request = RegistrationRequest.objects.get(mobile="09121110046")
    assert client_as("secretariat").get(request.get_absolute_url()).status_code == 404
    assert client_as("admin").get(request.get_absolute_url()).status_code == 200


def test_a_bad_national_id_or_code_is_named(world):
    page = register(Client(), world, "09121110047", national_id="10380284791", national_code="0013542418")
    html = page.content.decode()
    assert page.status_code == 400
    assert 'data-testid="field-error-unit_national_id"' in html and "رقم کنترل" in html
    assert 'data-testid="field-error-national_code"' in html
    assert not RegistrationRequest.objects.filter(mobile="09121110047").exists()


# ---------------------------------------------------------------- unique mobiles


def test_a_mobile_belongs_to_one_account_whatever_its_digits(world, client_as):
    with_mobile(world.users["manager"], "09121110050")
    other = world.users["clinic_expert"]
    other.mobile = "۰۹۱۲۱۱۱۰۰۵۰"
    with pytest.raises(ValidationError) as refused:
        other.full_clean()
    assert "شماره همراه" in str(refused.value)
    response = client_as("secretariat").post(
        reverse("accounts:user_edit", args=[other.pk]),
        {"username": other.username, "mobile": "+98 912 111 0050", "is_active": "on"},
    )
    assert response.status_code == 400 and "شماره همراه" in response.content.decode()


def test_the_migration_keeps_a_shared_mobile_on_one_account():
    now = timezone.now()
    writes, blanked = mobiles.plan(
        [
            (1, "۰۹۱۲۱۱۱۰۰۶۰", True, now - datetime.timedelta(days=30)),
            (2, "+989121110060", True, now),
            (3, "09121110060", False, None),
            (4, "0912 111 0061", True, None),
        ]
    )
    assert writes == {1: "", 2: "09121110060", 3: "", 4: "09121110061"}
    assert sorted(blanked) == [(1, "09121110060"), (3, "09121110060")]


def test_the_national_sign_on_matches_a_pending_invitation_by_its_national_code(world, settings):
    """The OpenID Connect sign-in's matchers (accounts.oidc.PERSON_MATCHERS): no account holds the code, a pending
    invitation names it — the invitation is accepted and its role granted; a code nobody invited matches nothing."""
    from tashil.accounts import oidc

    settings.TASHIL_OIDC_NATIONAL_CODE_CLAIM = "national_code"
    services.invite(
        world.users["secretariat"],
        mobile="09121110027",
        national_code="0013542419",
        role=Role.MANAGER,
        level=ScopeLevel.COUNTY,
        county=world.county_a,
    )
    assert oidc.match_account({"national_code": "0013542419"}) is None
    user = oidc.match_invitation({"national_code": "۰۰۱۳۵۴۲۴۱۹"})
    assert user is not None and user.memberships.get().role == Role.MANAGER
    assert oidc.match_account({"national_code": "0013542419"}) == user  # next time, the account itself
    assert oidc.match_invitation({"national_code": "0067749828"}) is None
