"""Reminders before a deadline, for the daily job: which stage a deadline is at today, each secretariat's
settings, and sending each reminder once.

The apps that own the deadlines register their reminders as daily jobs (obstacles: referrals; meetings:
resolutions; units: monthly reports; clinic: weekly updates). Each reminder has a key (what, which stage,
which deadline) written to ``SentReminder`` in the transaction that creates its notifications; the key is
unique, so running the daily job twice, or two workers at once, sends nothing twice, and a deadline that is
moved gets its reminders again.
"""

from django.db import IntegrityError, transaction

from tashil.core.jalali import today, week_bounds
from tashil.core.workdays import WorkCalendar

from .models import ReminderSettings, SentReminder
from .services import notify

BEFORE, DUE = "before", "due"
DEFAULTS = ReminderSettings()


class SettingsByCounty:
    """Each county's reminder settings, read in one query; the defaults for a county without a row."""

    def __init__(self):
        self.rows = {row.county_id: row for row in ReminderSettings.objects.all()}

    def __getitem__(self, county_id):
        return self.rows.get(county_id, DEFAULTS)

    def counties_off(self, flag):
        """Counties that turned ``flag`` off (a county without a row has it on)."""
        return [county_id for county_id, row in self.rows.items() if not getattr(row, flag)]

    def widest_days_before(self):
        return max([DEFAULTS.days_before, *(row.days_before for row in self.rows.values())])


class Today:
    """The day the daily job runs for, with the work calendar: reminders go on working days only."""

    def __init__(self, day=None):
        self.day = day or today()
        self.calendar = WorkCalendar.load()

    @property
    def is_working_day(self):
        return self.calendar.is_working_day(self.day)

    def stage(self, due, days_before):
        """BEFORE from ``days_before`` working days ahead of ``due`` until the due-day reminder's day, DUE from
        then until ``due`` (the due-day reminder goes on the last working day on or before ``due``), None
        otherwise. A day the job did not run is caught up the next working day: the reminder missed is sent,
        never twice."""
        if not self.is_working_day or due < self.day:
            return None
        due_day = due if self.calendar.is_working_day(due) else self.calendar.add_working_days(due, -1)
        if self.day >= due_day:
            return DUE
        if self.day >= self.calendar.add_working_days(due, -days_before):
            return BEFORE
        return None

    def horizon(self, days_before):
        """The furthest due date a BEFORE reminder can concern today."""
        return self.calendar.add_working_days(self.day, days_before)

    @property
    def week_start(self):
        return week_bounds(self.day)[0]

    @property
    def is_last_working_day_of_week(self):
        """Whether no working day is left this (Saturday–Friday) week after today."""
        end = week_bounds(self.day)[1]
        return self.is_working_day and self.calendar.add_working_days(self.day, 1) > end

    @property
    def is_first_working_day_of_week(self):
        start = week_bounds(self.day)[0]
        return self.is_working_day and (self.day == start or self.calendar.add_working_days(self.day, -1) < start)


def remind_once(key, recipients, kind, title, body="", url=""):
    """Notify ``recipients`` unless the reminder ``key`` was sent; True when it is sent now."""
    people = [user for user in recipients if user is not None]
    if not people:
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key[:120], recipients=len(people))
            notify(people, kind, title, body, url)
    except IntegrityError:
        return False
    return True
