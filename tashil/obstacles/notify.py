"""Who hears about what happens to an obstacle. Called after the transaction commits."""

from django.db.models import Q
from django.utils.translation import gettext as _

from tashil.accounts.models import User
from tashil.core.choices import Role, ScopeLevel
from tashil.core.jalali import format_jalali, interface_digits
from tashil.core.persian import to_persian_digits
from tashil.notifications.models import NotificationKind
from tashil.notifications.services import notify


def active_members(**filters):
    return User.objects.filter(
        is_active=True,
        pk__in=User.memberships.rel.related_model.objects.filter(is_active=True, **filters).values("user_id"),
    )


def agency_officers(agency):
    return active_members(role=Role.AGENCY_OFFICER, agency=agency)


def unit_representatives(unit):
    return active_members(role=Role.UNIT_REP, unit=unit)


def secretariat_at(level, county):
    """The secretariat (and, at nation level, administrators) that handles ``county`` at ``level``."""
    from tashil.accounts.models import Membership

    if level == ScopeLevel.COUNTY:
        memberships = Membership.objects.filter(role=Role.SECRETARIAT, level=level, county=county)
    elif level == ScopeLevel.PROVINCE:
        memberships = Membership.objects.filter(role=Role.SECRETARIAT, level=level, province_id=county.province_id)
    else:
        memberships = Membership.objects.filter(Q(role=Role.SECRETARIAT, level=ScopeLevel.NATION) | Q(role=Role.ADMIN))
    return User.objects.filter(is_active=True, pk__in=memberships.filter(is_active=True).values("user_id"))


def referred(referrals):
    for referral in referrals:
        obstacle = referral.obstacle
        notify(
            agency_officers(referral.agency),
            NotificationKind.REFERRED,
            _("ارجاع تازه: %(title)s") % {"title": obstacle.title},
            _("مانع «%(title)s» واحد «%(unit)s» به دستگاه شما ارجاع شد؛ مهلت پاسخ %(due)s.")
            % {"title": obstacle.title, "unit": obstacle.unit, "due": format_jalali(referral.due_date)},
            obstacle.get_absolute_url(),
        )


def answered(referral):
    obstacle = referral.obstacle
    people = [referral.referred_by, *unit_representatives(obstacle.unit)]
    notify(
        people,
        NotificationKind.ANSWERED,
        _("پاسخ «%(agency)s»: %(status)s") % {"agency": referral.agency, "status": referral.get_status_display()},
        _("درباره مانع «%(title)s»: %(response)s") % {"title": obstacle.title, "response": referral.response or "—"},
        obstacle.get_absolute_url(),
    )


def escalated(obstacle):
    people = list(secretariat_at(obstacle.escalation_level, obstacle.county))
    notify(
        people,
        NotificationKind.ESCALATED,
        _("تشدید به سطح %(level)s: %(title)s")
        % {"level": obstacle.get_escalation_level_display(), "title": obstacle.title},
        _("مانع «%(title)s» واحد «%(unit)s» (شهرستان %(county)s) برای رسیدگی به سطح شما آمد.")
        % {"title": obstacle.title, "unit": obstacle.unit, "county": obstacle.county},
        obstacle.get_absolute_url(),
    )


def systemic_raised(issue):
    """The secretariat of the level an issue is raised to hears of it (the province's, or the nation's)."""
    from tashil.accounts.models import Membership

    if issue.level == ScopeLevel.PROVINCE:
        memberships = Membership.objects.filter(
            role=Role.SECRETARIAT, level=ScopeLevel.PROVINCE, province=issue.province
        )
        people = User.objects.filter(is_active=True, pk__in=memberships.filter(is_active=True).values("user_id"))
    else:
        people = secretariat_at(ScopeLevel.NATION, None)
    notify(
        people,
        NotificationKind.ESCALATED,
        _("موضوع فراگیر تازه: %(title)s") % {"title": issue.title},
        _("موضوع فراگیر «%(title)s» از %(place)s با %(count)s مانع به سطح %(level)s طرح شد.")
        % {
            "title": issue.title,
            "place": issue.county or issue.province,
            "count": interface_digits(issue.obstacles.count()),
            "level": issue.get_level_display(),
        },
        issue.get_absolute_url(),
    )


def overdue_digest_lines(user):
    """The digest's line for an agency officer: how many of their agency's referrals are overdue."""
    from .models import Referral

    agencies = [m.agency_id for m in user.memberships.filter(is_active=True, role="agency_officer")]
    overdue = Referral.objects.overdue().filter(agency_id__in=agencies).count() if agencies else 0
    if not overdue:
        return []
    return [_("%(count)s ارجاع دستگاه شما از مهلت گذشته است.") % {"count": to_persian_digits(overdue)}]


# Agency officers are sent a digest even with no unread notification, for the line above.
OVERDUE_DIGEST_RECIPIENTS = Q(memberships__role="agency_officer", memberships__is_active=True)


def notify_overdue():
    """Tell each agency (and whoever referred) about referrals that went past their due date; once each."""
    from .models import Referral

    count = 0
    for referral in (
        Referral.objects.overdue()
        .filter(overdue_notified=False)
        .select_related("obstacle__unit", "agency", "referred_by")
    ):
        obstacle = referral.obstacle
        notify(
            [*agency_officers(referral.agency), referral.referred_by],
            NotificationKind.OVERDUE,
            _("مهلت گذشت: %(title)s") % {"title": obstacle.title},
            _("پاسخ «%(agency)s» درباره مانع «%(title)s» تا %(due)s می‌بایست داده می‌شد.")
            % {"agency": referral.agency, "title": obstacle.title, "due": format_jalali(referral.due_date)},
            obstacle.get_absolute_url(),
        )
        Referral.objects.filter(pk=referral.pk).update(overdue_notified=True)
        count += 1
    return count


def documents_requested(referral):
    """The unit's representatives hear what the agency asks of them; its clock waits for their answer."""
    obstacle = referral.obstacle
    notify(
        unit_representatives(obstacle.unit),
        NotificationKind.ANSWERED,
        _("«%(agency)s» از شما مدارک خواست") % {"agency": referral.agency},
        _("درباره مانع «%(title)s»: %(request)s — پاسخ خود را در صفحه ارجاع بنویسید.")
        % {"title": obstacle.title, "request": referral.wait_request},
        referral.get_absolute_url(),
    )


def documents_reminder(referral):
    obstacle = referral.obstacle
    notify(
        unit_representatives(obstacle.unit),
        NotificationKind.INFO,
        _("یادآوری: «%(agency)s» هنوز منتظر مدارک شماست") % {"agency": referral.agency},
        _("درباره مانع «%(title)s» از %(since)s خواسته شده: %(request)s")
        % {"title": obstacle.title, "since": format_jalali(referral.waiting_since), "request": referral.wait_request},
        referral.get_absolute_url(),
    )


def documents_supplied(referral):
    """The agency's officers hear that the producer answered: their clock runs again."""
    obstacle = referral.obstacle
    notify(
        agency_officers(referral.agency),
        NotificationKind.INFO,
        _("پاسخ تولیدکننده: %(title)s") % {"title": obstacle.title},
        _("واحد «%(unit)s» پاسخ داد: %(reply)s — مهلت پاسخ شما اکنون %(due)s است.")
        % {"unit": obstacle.unit, "reply": referral.wait_reply, "due": format_jalali(referral.due_date)},
        referral.get_absolute_url(),
    )


def wait_expired(referral):
    """Both sides hear that the wait reached its limit and the agency's clock runs again."""
    obstacle = referral.obstacle
    notify(
        [*agency_officers(referral.agency), *unit_representatives(obstacle.unit)],
        NotificationKind.INFO,
        _("پایان انتظار برای مدارک: %(title)s") % {"title": obstacle.title},
        _("تولیدکننده در مهلت پاسخ نداد؛ مهلت «%(agency)s» دوباره جاری است، تا %(due)s.")
        % {"agency": referral.agency, "due": format_jalali(referral.due_date)},
        referral.get_absolute_url(),
    )


def remind_referrals(day=None):
    """Remind each agency of its open referrals ``days_before`` working days before the due date and on it
    (the secretariat's settings, notifications.reminders); once each. The overdue notice after it is
    notify_overdue's."""
    from tashil.notifications.reminders import SettingsByCounty, Today, remind_once

    from .models import Referral

    now, settings_by_county = Today(day), SettingsByCounty()
    if not now.is_working_day:
        return 0
    referrals = (
        Referral.objects.open()
        .filter(due_date__gte=now.day, due_date__lte=now.horizon(settings_by_county.widest_days_before()))
        .exclude(obstacle__county_id__in=settings_by_county.counties_off("referrals"))
        .select_related("obstacle__unit", "agency")
    )
    sent = 0
    for referral in referrals:
        obstacle = referral.obstacle
        stage = now.stage(referral.due_date, settings_by_county[obstacle.county_id].days_before)
        if stage is None:
            continue
        left = now.calendar.working_days_between(now.day, referral.due_date)
        title = (
            _("امروز مهلت پاسخ است: %(title)s") if stage == "due" else _("%(days)s روز کاری تا مهلت پاسخ: %(title)s")
        ) % {"title": obstacle.title, "days": to_persian_digits(left)}
        sent += remind_once(
            f"referral:{referral.pk}:{stage}:{referral.due_date.isoformat()}",
            agency_officers(referral.agency),
            NotificationKind.REMINDER,
            title,
            _("پاسخ «%(agency)s» درباره مانع «%(title)s» واحد «%(unit)s» تا %(due)s داده شود.")
            % {
                "agency": referral.agency,
                "title": obstacle.title,
                "unit": obstacle.unit,
                "due": format_jalali(referral.due_date),
            },
            obstacle.get_absolute_url(),
        )
    return sent


def assigned(referral, assignee):
    obstacle = referral.obstacle
    notify(
        [assignee],
        NotificationKind.REFERRED,
        _("ارجاع به شما سپرده شد: %(title)s") % {"title": obstacle.title},
        _("رسیدگی به مانع «%(title)s» واحد «%(unit)s» در «%(agency)s» با شماست؛ مهلت پاسخ %(due)s.")
        % {
            "title": obstacle.title,
            "unit": obstacle.unit,
            "agency": referral.agency,
            "due": format_jalali(referral.due_date),
        },
        referral.get_absolute_url(),
    )


def following(obstacle, follower):
    notify(
        [follower],
        NotificationKind.INFO,
        _("پیگیری مانع با شماست: %(title)s") % {"title": obstacle.title},
        _("شما پیگیر مانع «%(title)s» واحد «%(unit)s» شدید.") % {"title": obstacle.title, "unit": obstacle.unit},
        obstacle.get_absolute_url(),
    )


def review_requested(review):
    """The unit's representatives are asked to confirm or reopen an agency's «done»."""
    referral = review.referral
    obstacle = referral.obstacle
    notify(
        unit_representatives(obstacle.unit),
        NotificationKind.ANSWERED,
        _("آیا مانع برطرف شد؟ %(title)s") % {"title": obstacle.title},
        _(
            "«%(agency)s» می‌گوید کار مانع «%(title)s» انجام شد. تا %(due)s تأیید کنید یا با ذکر دلیل بازگشایی کنید؛ "
            "بی‌پاسخی تأیید شمرده می‌شود."
        )
        % {"agency": referral.agency, "title": obstacle.title, "due": format_jalali(review.due_date)},
        # The obstacle's page, which shows the representative the question to answer.
        obstacle.get_absolute_url(),
    )


def reviewed(review):
    """The agency (its officers and the referral's assignee), who referred and the follower hear the confirmation."""
    referral = review.referral
    obstacle = referral.obstacle
    notify(
        [*agency_officers(referral.agency), referral.referred_by, obstacle.follower],
        NotificationKind.ANSWERED,
        _("تولیدکننده تأیید کرد: %(title)s") % {"title": obstacle.title},
        _("نماینده واحد «%(unit)s» انجام کار «%(agency)s» را تأیید کرد.")
        % {"unit": obstacle.unit, "agency": referral.agency},
        obstacle.get_absolute_url(),
    )


def reopened(review):
    """A reopened obstacle goes back to the agency: its officers, who referred it and its follower are told why."""
    referral = review.referral
    obstacle = referral.obstacle
    notify(
        [*agency_officers(referral.agency), referral.referred_by, obstacle.follower],
        NotificationKind.REFERRED,
        _("بازگشایی به دست تولیدکننده: %(title)s") % {"title": obstacle.title},
        _("نماینده واحد «%(unit)s» کار «%(agency)s» را نپذیرفت: %(reason)s. مهلت تازه %(due)s.")
        % {
            "unit": obstacle.unit,
            "agency": referral.agency,
            "reason": review.reason,
            "due": format_jalali(referral.due_date),
        },
        referral.get_absolute_url(),
    )
