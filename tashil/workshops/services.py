"""The workshops' events, one function each, in one transaction: a person registered (a seat, or the waiting list
once the seats are taken), a registration cancelled (its seat passed to the first who waits, who is told), and
attendance recorded (each registration whose «attended» changes saved, so the change log names it, and the
workshop held).

The page's forms and actions, the API, the admin and the demo call these; the models keep what must always hold
(``clean``: an open workshop, a unit of its county, one registration per mobile).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashil.core.changelog import log_event
from tashil.core.persian import to_persian_digits

from . import notify
from .choices import RegistrationStatus, WorkshopStatus
from .models import Registration, Workshop


def locked(workshop):
    """The workshop's row, locked until the transaction ends, so two registrations never take one seat."""
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


@transaction.atomic
def save_registration(registration, user=None):
    """Register a person (``user`` registered them): a seat while the workshop has one free, else a place on its
    waiting list, decided under the workshop's lock. A registration already made is saved as it is edited."""
    if registration.pk is None:
        if registration.registered_by_id is None:
            registration.registered_by = user
        workshop = locked(registration.workshop)
        full = workshop.registered_count() >= workshop.capacity
        registration.status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED
    registration.save()
    return registration


@transaction.atomic
def fill_seats(workshop):
    """Promote people from the waiting list, first come first served, while seats are free; whoever registered
    each is told once the transaction commits."""
    workshop = locked(workshop)
    free = workshop.capacity - workshop.registered_count()
    promoted = []
    if free > 0:
        waiting = workshop.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created", "pk")
        for registration in waiting[:free]:
            registration.status = RegistrationStatus.REGISTERED
            registration.save(update_fields=["status", "updated"])
            log_event(registration, _("از فهرست انتظار به ثبت‌نام قطعی رسید."))
            promoted.append(registration)
    if promoted:
        transaction.on_commit(lambda: notify.promoted_from_waiting_list(promoted))
    return promoted


@transaction.atomic
def cancel_registration(registration, user=None):
    """Cancel a registration not yet attended; a confirmed seat goes to the first on the waiting list while the
    workshop still takes registrations."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("این ثبت‌نام پیش‌تر لغو شده است."))
    if registration.attended:
        raise ValidationError(_("حضور این فرد ثبت شده است؛ ثبت‌نامش را نمی‌توان لغو کرد."))
    was_registered = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated"])
    log_event(registration, _("ثبت‌نام لغو شد."))
    if was_registered and registration.workshop.registration_open:
        fill_seats(registration.workshop)
    return registration


@transaction.atomic
def record_attendance(workshop, present=(), user=None):
    """Mark who came among the confirmed registrations (``present``: their ids); the workshop counts as held.
    Each registration whose «attended» changes is saved on its own, so its change-log entry names the change.
    Returns how many came."""
    if not workshop.can_take_attendance:
        raise ValidationError(_("حضور و غیاب فقط در روز کارگاه یا پس از آن و برای کارگاه لغونشده ثبت می‌شود."))
    present = {int(pk) for pk in present}
    confirmed = Registration.objects.filter(workshop=workshop, status=RegistrationStatus.REGISTERED).order_by("pk")
    count = 0
    for registration in confirmed:
        came = registration.pk in present
        count += came
        if registration.attended != came:
            registration.attended = came
            registration.save(update_fields=["attended", "updated"])
    if workshop.status != WorkshopStatus.HELD:
        workshop.status = WorkshopStatus.HELD
        workshop.save(update_fields=["status", "updated", "search_text"])
    log_event(workshop, _("حضور و غیاب ثبت شد: %(count)s نفر حاضر.") % {"count": to_persian_digits(count)})
    return count
