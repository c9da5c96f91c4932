"""The access events (issue 24), one function per event: invite (one or a spreadsheet of officers), resend,
revoke, accept or attach an invitation; ask for and redeem a one-time code (sign-in by mobile, password recovery);
recover a password by e-mail link; a unit representative's self-registration, approved or refused.

Pages, the import and the OpenID Connect sign-in call these; none writes these rows itself. Every answer to
"send me a code or a link" is the same, and takes about the same time, whether or not an account, a unit or a
mobile is on record (``steady``); every such request counts against the per-address and per-target limits.
"""

import contextlib
import datetime
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tashil.core import ratelimit, scope
from tashil.core.choices import Role
from tashil.core.persian import to_persian_digits
from tashil.core.validators import normalize_mobile, normalize_national_id, validate_mobile

from . import audit, registry
from .models import (
    AccessEventKind,
    CodePurpose,
    Invitation,
    InvitationStatus,
    Membership,
    OneTimeCode,
    RegistrationRequest,
    RegistrationStatus,
    User,
    secret_digest,
)

HOUR = 60 * 60

TOO_MANY = _("در یک ساعت گذشته درخواست‌های زیادی رسیده است؛ کمی بعد دوباره بکوشید.")
WRONG_CODE = _("کد درست نیست، زمانش گذشته یا پیش‌تر به کار رفته است. اگر چند بار نادرست نوشته‌اید، کد تازه‌ای بخواهید.")
BAD_LINK = _("این پیوند درست نیست، زمانش گذشته یا پیش‌تر به کار رفته است؛ پیوند تازه‌ای بخواهید.")


# ---------------------------------------------------------------- limits, steady answers, codes


def limit(kind, value, per_hour):
    """Count one request of ``kind`` for ``value`` (an address, a mobile, an e-mail); refuse past ``per_hour``."""
    if value and not ratelimit.allow(f"access:{kind}:{value}", per_hour, HOUR):
        raise ValidationError(TOO_MANY, code="rate_limited")


def limit_request(address, target):
    """The two limits of every "send me a code or a link": per client address and per mobile or e-mail."""
    limit("address", address or "unknown", settings.TASHIL_CODE_REQUESTS_PER_HOUR)
    limit("target", target.lower(), settings.TASHIL_CODE_SENDS_PER_HOUR)


@contextlib.contextmanager
def steady():
    """At least TASHIL_ACCESS_ANSWER_SECONDS for the answer, refused or not, sent or not: the time an answer takes
    tells nothing of whether a message went out."""
    started = time.monotonic()
    try:
        yield
    finally:
        rest = settings.TASHIL_ACCESS_ANSWER_SECONDS - (time.monotonic() - started)
        if rest > 0:
            time.sleep(rest)


def code_digest(purpose, target, code):
    return secret_digest(f"code.{purpose}", f"{target}:{code}")


def issue_code(purpose, target, user=None, registration=None):
    """A new six-digit code for ``target``; the codes it had for the same purpose end now. Returns the code
    (kept only as a keyed digest)."""
    now = timezone.now()
    OneTimeCode.objects.filter(purpose=purpose, target=target, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    OneTimeCode.objects.create(
        purpose=purpose,
        target=target,
        user=user,
        registration=registration,
        digest=code_digest(purpose, target, code),
        expires=now + datetime.timedelta(minutes=settings.TASHIL_CODE_MINUTES),
    )
    return code


def redeem_code(purpose, target, code):
    """The code's row when ``code`` is the live code of ``target``; used up from now. Every guess counts, and
    after TASHIL_CODE_ATTEMPTS wrong ones the code is dead: one refusal for wrong, expired, used and exhausted."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(purpose=purpose, target=target, used_at__isnull=True, expires__gt=now)
            .order_by("-created")
            .first()
        )
        right = False
        if row is not None and row.attempts < settings.TASHIL_CODE_ATTEMPTS:
            row.attempts += 1
            right = constant_time_compare(row.digest, code_digest(purpose, target, code))
            if right:
                row.used_at = now
            row.save(update_fields=["attempts", "used_at", "updated"])
        else:
            code_digest(purpose, target, code)  # the same work as a real comparison
    if not right:
        raise ValidationError(WRONG_CODE, code="wrong_code")
    return row


def sms_text(code, what):
    minutes = to_persian_digits(settings.TASHIL_CODE_MINUTES)
    return _("تسهیل — کد %(what)s: %(code)s\nاین کد تا %(minutes)s دقیقه اعتبار دارد؛ آن را به کسی ندهید.") % {
        "what": what,
        "code": code,
        "minutes": minutes,
    }


def site_url(path):
    return settings.TASHIL_SITE_URL.rstrip("/") + path


# ---------------------------------------------------------------- sign-in by mobile


def active_user_with_mobile(mobile):
    return User.objects.filter(mobile=mobile, is_active=True).first() if mobile else None


def request_sign_in_code(mobile, address=None):
    """Send a sign-in code to ``mobile`` if an active account has it; the same answer either way."""
    mobile = normalize_mobile(mobile)
    with steady():
        limit_request(address, mobile)
        user = active_user_with_mobile(mobile)
        if user is not None:
            registry.send_sms(mobile, sms_text(issue_code(CodePurpose.SIGN_IN, mobile, user), _("ورود")))


def sign_in_with_code(mobile, code):
    """The account ``code`` signs in (the caller logs it in; a role that requires two steps still asks for the
    authenticator's code, TwoFactorMiddleware)."""
    row = redeem_code(CodePurpose.SIGN_IN, normalize_mobile(mobile), code)
    user = row.user
    if user is None or not user.is_active or user.mobile != row.target:
        raise ValidationError(WRONG_CODE, code="wrong_code")
    return user


# ---------------------------------------------------------------- password recovery


def reset_link(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url(reverse("accounts:password_reset_link", args=[uid, token]))


def request_password_reset(identifier, address=None):
    """Send a recovery link (an e-mail address) or a code (a mobile) if an active account has it; the same
    answer, in about the same time, either way. ``identifier`` is an e-mail or a normalised mobile."""
    identifier = identifier.strip()
    with steady():
        limit_request(address, identifier)
        if "@" in identifier:
            for user in User.objects.filter(email__iexact=identifier, is_active=True):
                send_mail(
                    _("بازیابی گذرواژه سامانه تسهیل"),
                    _(
                        "برای گذاشتن گذرواژه تازه حساب «%(username)s» این پیوند را باز کنید (یک بار و تا %(hours)s "
                        "ساعت کار می‌کند):\n%(url)s\n\nاگر شما نخواسته‌اید، این نامه را نادیده بگیرید؛ گذرواژه "
                        "کنونی تغییری نمی‌کند."
                    )
                    % {
                        "username": user.username,
                        "hours": to_persian_digits(settings.PASSWORD_RESET_TIMEOUT // HOUR or 1),
                        "url": reset_link(user),
                    },
                    None,
                    [user.email],
                )
        else:
            mobile = normalize_mobile(identifier)
            user = active_user_with_mobile(mobile)
            if user is not None:
                code = issue_code(CodePurpose.PASSWORD_RESET, mobile, user)
                registry.send_sms(mobile, sms_text(code, _("بازیابی گذرواژه")))


def set_new_password(user, password, request=None, how=""):
    """The new password, kept in the access log; every session of the account ends (Django ends a session whose
    password hash no longer matches), and a lock-out of its username is lifted."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password", "updated"])
    audit.record(AccessEventKind.PASSWORD_RESET, request, user, detail=how)
    from axes.utils import reset as reset_lockouts

    reset_lockouts(username=user.get_username())
    return user


def reset_password_with_code(mobile, code, password, request=None):
    password_validation.validate_password(password)
    row = redeem_code(CodePurpose.PASSWORD_RESET, normalize_mobile(mobile), code)
    if row.user is None or not row.user.is_active:
        raise ValidationError(WRONG_CODE, code="wrong_code")
    return set_new_password(row.user, password, request, how=_("با کد پیامکی"))


def user_of_reset_link(uidb64, token):
    """The account a recovery link opens, or a ValidationError (a wrong, used or expired link)."""
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        pk = None
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError(BAD_LINK, code="bad_link")
    return user


def reset_password_with_link(uidb64, token, password, request=None):
    user = user_of_reset_link(uidb64, token)
    return set_new_password(user, password, request, how=_("با پیوند پست الکترونیکی"))


# ---------------------------------------------------------------- invitations


def invitation_digest(token):
    return secret_digest("invitation", token)


def new_link(invitation):
    """A fresh single-use token for the invitation (the old link dies) and a new expiry; returns the token."""
    token = secrets.token_urlsafe(32)
    invitation.digest = invitation_digest(token)
    invitation.expires = timezone.now() + datetime.timedelta(days=settings.TASHIL_INVITATION_DAYS)
    return token


def may_invite(user):
    """Whether the user invites anyone at all: an administrator or a secretariat, or an agency officer who
    manages the agency's officers (``Membership.manages_agency``)."""
    if user.is_superuser:
        return True
    return any(
        m.role in (Role.ADMIN, Role.SECRETARIAT) or (m.role == Role.AGENCY_OFFICER and m.manages_agency)
        for m in scope.memberships(user)
    )


def may_grant_admin(user):
    return user.is_superuser or Role.ADMIN in {m.role for m in scope.memberships(user)}


def check_invitation(invitation, inviter):
    """The invitation's own rules and those of the membership it grants (its place taken from the agency, unit
    or centre), with every refusal in Persian on the field it concerns."""
    errors = {}
    if invitation.mobile:
        try:
            validate_mobile(invitation.mobile)
        except ValidationError as error:
            errors["mobile"] = error.messages
        invitation.mobile = normalize_mobile(invitation.mobile)
    if invitation.national_code:
        invitation.national_code = normalize_national_id(invitation.national_code)
    if invitation.role == Role.ADMIN and not may_grant_admin(inviter):
        errors["role"] = [_("نقش «مدیر سامانه» را تنها مدیر سامانه می‌تواند بدهد.")]
    membership = invitation.membership()
    try:
        membership.full_clean(exclude=["user"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    for name in ("level", "province_id", "county_id"):
        setattr(invitation, name, getattr(membership, name))
    try:
        invitation.full_clean(exclude=["digest", "expires"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def out_of_scope():
    return ValidationError(
        _("نقش و محدوده این دعوت بیرون از حوزه‌ای است که شما می‌توانید در آن نقش بدهید."), code="out_of_scope"
    )


def invitation_message(invitation, token):
    url = site_url(reverse("accounts:invitation_accept", args=[token]))
    return _(
        "شما به سامانه تسهیل دعوت شده‌اید با نقش «%(role)s» (%(place)s). برای ساختن حساب و گذاشتن گذرواژه این "
        "پیوند را باز کنید (یک بار و تا %(days)s روز کار می‌کند):\n%(url)s"
    ) % {
        "role": invitation.get_role_display(),
        "place": invitation.membership().place_label,
        "days": to_persian_digits(settings.TASHIL_INVITATION_DAYS),
        "url": url,
    }


def deliver(invitation, token):
    """Send the link by SMS and by e-mail, whichever the invitation has."""
    text = invitation_message(invitation, token)
    if invitation.mobile:
        registry.send_sms(invitation.mobile, text)
    if invitation.email:
        send_mail(_("دعوت به سامانه تسهیل"), text, None, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_count=invitation.sent_count + 1)
    invitation.sent_count += 1


@transaction.atomic
def invite(inviter, send=True, **values):
    """Invite a person to a role in a scope (``values``: the Invitation's fields). Refused when the inviter may
    not grant that role there. Returns (invitation, token); the token is in the link and is never stored."""
    invitation = Invitation(invited_by=inviter, **values)
    check_invitation(invitation, inviter)
    token = new_link(invitation)
    invitation.save()
    if not scope.reaches(inviter, invitation, "add"):
        raise out_of_scope()
    if send:
        deliver(invitation, token)
    return invitation, token


def refuse_closed(invitation):
    shown = invitation.shown_status
    if shown == InvitationStatus.ACCEPTED:
        raise ValidationError(_("این دعوت پیش‌تر پذیرفته شده است."), code="accepted")
    if shown == InvitationStatus.REVOKED:
        raise ValidationError(_("این دعوت باطل شده است."), code="revoked")


@transaction.atomic
def resend_invitation(invitation, user=None):
    """A new link (the old one dies) with a new expiry, sent again."""
    refuse_closed(invitation)
    token = new_link(invitation)
    invitation.status = InvitationStatus.PENDING
    invitation.save()
    deliver(invitation, token)
    return token


@transaction.atomic
def revoke_invitation(invitation, user=None):
    refuse_closed(invitation)
    invitation.status = InvitationStatus.REVOKED
    invitation.save()
    return invitation


def open_invitation(token):
    """The pending invitation a link opens, or a ValidationError that says why not."""
    invitation = Invitation.objects.filter(digest=invitation_digest(token or "")).first()
    if invitation is None:
        raise ValidationError(_("این پیوند دعوت درست نیست یا پیوند تازه‌تری جای آن را گرفته است."), code="bad_link")
    refuse_closed(invitation)
    if invitation.shown_status == InvitationStatus.EXPIRED:
        raise ValidationError(_("زمان این پیوند دعوت گذشته است؛ از دعوت‌کننده بخواهید دوباره بفرستد."), code="expired")
    return invitation


def close_invitation(invitation, user):
    """The invitation's membership given to ``user`` (once: an equal membership already held is kept)."""
    membership = invitation.membership(user)
    same = {name: getattr(membership, name) for name in ("role", "level", "province_id", "county_id")}
    same.update({f"{n}_id": getattr(membership, f"{n}_id") for n in ("agency", "unit", "centre")})
    if not Membership.objects.filter(user=user, **same).exists():
        membership.full_clean()
        membership.save()
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save()
    return membership


@transaction.atomic
def accept_invitation(token, username, password, first_name="", last_name="", request=None):
    """A new account from an invitation: the invitee's username and password, the invitation's mobile, e-mail,
    national code and role. A person who already has an account signs in and attaches the invitation to it."""
    invitation = open_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refuse_closed(invitation)
    taken = Q(username__iexact=username)
    if invitation.mobile:
        taken |= Q(mobile=invitation.mobile)
    if invitation.national_code:
        taken |= Q(national_code=invitation.national_code)
    if User.objects.filter(taken).exists():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("این نام کاربری پیش‌تر گرفته شده است؛ نام دیگری برگزینید.")})
        raise ValidationError(
            _(
                "برای این شماره همراه یا کد ملی پیش‌تر حساب کاربری ساخته شده است؛ با همان حساب وارد شوید و این پیوند را دوباره باز کنید تا نقش به آن افزوده شود."
            ),
            code="has_account",
        )
    user = User(
        username=username,
        first_name=first_name or invitation.first_name,
        last_name=last_name or invitation.last_name,
        email=invitation.email,
        mobile=invitation.mobile,
        national_code=invitation.national_code or None,
        position=invitation.position,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    close_invitation(invitation, user)
    audit.record(AccessEventKind.INVITATION_ACCEPTED, request, user, detail=str(invitation))
    return user


@transaction.atomic
def attach_invitation(invitation, user, request=None):
    """Give an existing account (signed in: with its password, or by OpenID Connect) the invitation's role.
    Refused when the invitation names a national code other than the account's."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refuse_closed(invitation)
    if invitation.shown_status == InvitationStatus.EXPIRED:
        raise ValidationError(_("زمان این دعوت گذشته است."), code="expired")
    if invitation.national_code and user.national_code and invitation.national_code != user.national_code:
        raise ValidationError(_("کد ملی این دعوت با کد ملی حساب شما یکی نیست."), code="national_code")
    if invitation.national_code and not user.national_code:
        if User.objects.filter(national_code=invitation.national_code).exclude(pk=user.pk).exists():
            raise ValidationError(_("کد ملی این دعوت از آنِ حساب دیگری است."), code="national_code")
        user.national_code = invitation.national_code
        user.save(update_fields=["national_code", "updated"])
    membership = close_invitation(invitation, user)
    audit.record(AccessEventKind.INVITATION_ACCEPTED, request, user, detail=str(invitation))
    return membership


@transaction.atomic
def account_for_invitation(invitation, request=None):
    """The account of an invitee whose identity a national sign-on has vouched for (OpenID Connect: its national
    code is the invitation's): the account with that national code gets the role, or a new one is made without a
    password (username: the national code). The invitation is what allows it; nothing else makes an account."""
    if not invitation.national_code:
        raise ValidationError(_("این دعوت کد ملی ندارد و با ورود ملی پذیرفته نمی‌شود."), code="national_code")
    user = User.objects.filter(national_code=invitation.national_code).first()
    if user is None:
        if invitation.mobile and User.objects.filter(mobile=invitation.mobile).exists():
            raise ValidationError(
                _("شماره همراه این دعوت از آنِ حساب دیگری است؛ با آن حساب وارد شوید و پیوند دعوت را باز کنید."),
                code="has_account",
            )
        user = User(
            username=invitation.national_code,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
            email=invitation.email,
            mobile=invitation.mobile,
            national_code=invitation.national_code,
            position=invitation.position,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    attach_invitation(invitation, user, request)
    return user


def pending_invitations_for(national_code="", email="", mobile=""):
    """The open invitations of a person known by any of these (for the OpenID Connect sign-in to match)."""
    q = Q(pk__in=[])
    if national_code:
        q |= Q(national_code=normalize_national_id(national_code))
    if email:
        q |= Q(email__iexact=email)
    if mobile:
        q |= Q(mobile=normalize_mobile(mobile))
    return Invitation.objects.filter(q, status=InvitationStatus.PENDING, expires__gt=timezone.now())


# ---------------------------------------------------------------- officers' invitations from a spreadsheet


@dataclass
class InvitationImport:
    """What an import did or would do: every bad row (row, column, message), how many invited and skipped."""

    errors: list = field(default_factory=list)
    invited: list = field(default_factory=list)
    unchanged: int = 0
    rows: int = 0
    written: bool = False
    invited_rows: list = field(default_factory=list)  # the file's row of each of ``invited``


def already_invited(invitation):
    """An open invitation of the same person to the same role and place, or the membership already held."""
    place = {f"{n}_id": getattr(invitation, f"{n}_id") for n in ("agency", "unit", "centre", "county", "province")}
    person = Q(pk__in=[])
    if invitation.mobile:
        person |= Q(mobile=invitation.mobile)
    if invitation.email:
        person |= Q(email__iexact=invitation.email)
    pending = Invitation.objects.filter(
        person, role=invitation.role, status=InvitationStatus.PENDING, expires__gt=timezone.now(), **place
    )
    held = Membership.objects.filter(role=invitation.role, **place).filter(
        Q(user__mobile=invitation.mobile) if invitation.mobile else Q(user__email__iexact=invitation.email)
    )
    return pending.exists() or held.exists()


def invite_many(inviter, rows, errors=(), partial=False, dry_run=False):
    """Invite every row (Invitation field values by row number) or none: each row is checked as a single
    invitation is (scope included); nothing is saved or sent if any row is refused (``errors``: the rows the file
    reader already refused), unless ``partial``, where the good rows are invited and the bad ones named. A row
    already invited (or already holding the role) is skipped, so importing the same file again changes nothing.
    ``dry_run`` (the import's preview): every row checked, nothing kept or sent; ``invited`` holds who would be."""
    from tashil.core.spreadsheets import RowError

    from .importer import column_of

    result = InvitationImport(errors=list(errors), rows=len(rows) + len({e.row for e in errors}))
    seen = {}
    made = []
    with transaction.atomic():
        for number, values in rows:
            invitation = Invitation(invited_by=inviter, **values)
            try:
                check_invitation(invitation, inviter)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    result.errors.extend(RowError(number, column_of(name), message) for message in messages)
                continue
            repeated = False
            for key in ("mobile", "email"):
                value = (getattr(invitation, key) or "").lower()
                if value and (key, value) in seen:
                    result.errors.append(
                        RowError(
                            number,
                            column_of(key),
                            _("همین نشانی در ردیف %(row)s هم آمده است.") % {"row": to_persian_digits(seen[key, value])},
                        )
                    )
                    repeated = True
                elif value:
                    seen[key, value] = number
            if repeated:
                continue
            if already_invited(invitation):
                result.unchanged += 1
                continue
            token = new_link(invitation)
            invitation.save()
            if not scope.reaches(inviter, invitation, "add"):
                where = "agency" if invitation.agency_id else "role"
                result.errors.append(RowError(number, column_of(where), out_of_scope().messages[0]))
                invitation.delete()
                continue
            made.append((invitation, token, number))
        result.errors.sort(key=lambda error: error.row)
        if dry_run or (result.errors and not partial):
            transaction.set_rollback(True)
            if dry_run:
                result.invited = [invitation for invitation, _token, _number in made]
                result.invited_rows = [number for _invitation, _token, number in made]
            return result
        for invitation, token, _number in made:
            deliver(invitation, token)
    result.invited = [invitation for invitation, _token, _number in made]
    result.invited_rows = [number for _invitation, _token, number in made]
    result.written = True
    return result


# ---------------------------------------------------------------- a unit representative's self-registration


def registration_done_text():
    return _(
        "درخواست شما رسید. اگر شماره همراه شما همان شماره ثبت‌شده در پرونده واحد باشد، کدی پیامک شده است که "
        "با نوشتن آن در همین صفحه نمایندگی واحد بی‌درنگ به شما داده می‌شود؛ وگرنه درخواست در نوبت بررسی "
        "دبیرخانه ستاد می‌ماند و نتیجه به شما پیامک می‌شود."
    )


def request_registration(address=None, **values):
    """Record a representative's request (``values``: first_name, last_name, national_code, mobile,
    unit_national_id, position). When the unit is registered and its record has this mobile, a code goes to the
    mobile; otherwise the request waits in the queue of the unit's county (the nation's, for an unknown unit).
    The answer is the same in every case and takes about the same time. Returns the request."""
    values["mobile"] = normalize_mobile(values["mobile"])
    values["national_code"] = normalize_national_id(values["national_code"])
    values["unit_national_id"] = normalize_national_id(values["unit_national_id"])
    with steady():
        limit_request(address, values["mobile"])
        with transaction.atomic():
            unit = registry.find_unit(values["unit_national_id"])
            matches = bool(unit is not None and unit.mobile and normalize_mobile(unit.mobile) == values["mobile"])
            request = RegistrationRequest(
                unit_id=unit.pk if unit else None,
                county_id=unit.county_id if unit else None,
                mobile_matches=matches,
                status=RegistrationStatus.AWAITING_CODE if matches else RegistrationStatus.PENDING,
                **values,
            )
            request.full_clean()
            request.save()
            if matches:
                code = issue_code(CodePurpose.REGISTRATION, values["mobile"], registration=request)
                registry.send_sms(values["mobile"], sms_text(code, _("ثبت‌نام نماینده واحد")))
            else:
                registry.send_sms(
                    values["mobile"],
                    _(
                        "تسهیل — درخواست نمایندگی واحد با شناسه ملی %(id)s رسید و پس از بررسی دبیرخانه نتیجه پیامک می‌شود."
                    )
                    % {"id": to_persian_digits(values["unit_national_id"])},
                )
    return request


def account_for(request):
    """The account a registration request makes a representative: the one with its national code, else the one
    with its mobile, else a new one (no password: it signs in by a code to the mobile, or recovers one).
    Refused when the national code and the mobile belong to two different accounts."""
    by_code = User.objects.filter(national_code=request.national_code).first()
    by_mobile = User.objects.filter(mobile=request.mobile).first()
    if by_code and by_mobile and by_code.pk != by_mobile.pk:
        raise ValidationError(
            _("کد ملی و شماره همراه این درخواست از آنِ دو حساب جداگانه‌اند؛ دبیرخانه باید حساب درست را روشن کند."),
            code="two_accounts",
        )
    user = by_code or by_mobile
    if user is None:
        username = request.national_code
        if User.objects.filter(username=username).exists():
            username = f"{request.national_code}-{request.pk}"
        user = User(
            username=username,
            first_name=request.first_name,
            last_name=request.last_name,
            mobile=request.mobile,
            national_code=request.national_code,
            position=request.position,
        )
        user.set_unusable_password()
        user.save()
    else:
        changed = []
        if not user.mobile and not User.objects.filter(mobile=request.mobile).exists():
            user.mobile = request.mobile
            changed.append("mobile")
        if not user.national_code:
            user.national_code = request.national_code
            changed.append("national_code")
        if changed:
            user.save(update_fields=[*changed, "updated"])
    return user


def grant_representative(request, user):
    membership = Membership.objects.filter(user=user, role=Role.UNIT_REP, unit_id=request.unit_id).first()
    if membership is None:
        membership = Membership(user=user, role=Role.UNIT_REP, unit_id=request.unit_id)
        membership.full_clean()
        membership.save()
    elif not membership.is_active:
        membership.is_active = True
        membership.save()
    return membership


def confirm_registration(request_pk, code, http_request=None):
    """The code sent to the unit's own mobile: the representative role for the unit, at once. Returns the account
    (the caller signs it in). A request that waits for the secretariat has no code: the answer is the same.
    The code is redeemed before the grant's transaction, so a wrong guess counts even though it is refused."""
    request = RegistrationRequest.objects.filter(pk=request_pk).first()
    row = redeem_code(CodePurpose.REGISTRATION, request.mobile if request else "", code)
    with transaction.atomic():
        request = RegistrationRequest.objects.select_for_update().filter(pk=request_pk).first()
        if request is None or row.registration_id != request.pk or request.status != RegistrationStatus.AWAITING_CODE:
            raise ValidationError(WRONG_CODE, code="wrong_code")
        user = account_for(request)
        grant_representative(request, user)
        request.status = RegistrationStatus.CONFIRMED
        request.user = user
        request.decided_at = timezone.now()
        request.save()
        audit.record(AccessEventKind.SELF_REGISTERED, http_request, user, detail=str(request.unit_national_id))
    return user


def refuse_decided(request):
    if request.status != RegistrationStatus.PENDING:
        raise ValidationError(
            _("این درخواست پیش‌تر بررسی شده است (%(status)s).") % {"status": request.get_status_display()},
            code="decided",
        )


@transaction.atomic
def approve_registration(request, user=None):
    """The secretariat approves: the account (found or made) and the unit's representative role; the applicant
    is told by SMS."""
    refuse_decided(request)
    if request.unit_id is None:
        raise ValidationError(
            _("شناسه ملی این درخواست با هیچ واحد ثبت‌شده‌ای یکی نیست؛ نخست واحد را ثبت کنید یا درخواست را رد کنید."),
            code="no_unit",
        )
    account = account_for(request)
    grant_representative(request, account)
    request.status = RegistrationStatus.APPROVED
    request.user = account
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save()
    registry.send_sms(
        request.mobile,
        _(
            "تسهیل — درخواست نمایندگی واحد شما پذیرفته شد. برای ورود، در صفحه ورود «ورود با رمز یکبارمصرف» "
            "را بزنید و شماره همراه خود را بنویسید:\n%(url)s"
        )
        % {"url": site_url(reverse("accounts:code_sign_in"))},
    )
    return account


@transaction.atomic
def refuse_registration(request, user=None, reason=""):
    """The secretariat refuses, with a reason the applicant reads by SMS."""
    refuse_decided(request)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("دلیل رد درخواست را بنویسید؛ به متقاضی پیامک می‌شود.")})
    request.status = RegistrationStatus.REFUSED
    request.reason = reason
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save()
    registry.send_sms(
        request.mobile,
        _("تسهیل — درخواست نمایندگی واحد شما پذیرفته نشد. دلیل: %(reason)s") % {"reason": reason},
    )
    return request
