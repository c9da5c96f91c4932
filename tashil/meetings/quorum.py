"""The quorum rule of a meeting (حد نصاب): by default the chair and more than half the member agencies, set per
meeting series (``MeetingSeries.quorum_needs_chair``, ``quorum_percent``). The member agencies are those on the
meeting's invitation list; the chair is the attendance row marked «رئیس جلسه».

Before the meeting is held the rule reads the invitees' answers (attend, or send a representative); once held,
the attendance the secretariat confirmed."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tashil.core.persian import to_persian_digits

from .choices import AttendanceStatus, InvitationAnswer, MeetingStatus

COMING = (InvitationAnswer.ATTEND, InvitationAnswer.REPRESENT)
PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)


@dataclass
class Quorum:
    met: bool
    from_attendance: bool  # True: the confirmed attendance of a held meeting; False: the answers
    members: int
    members_present: int
    needed: int
    needs_chair: bool
    chair_listed: bool
    chair_present: bool
    percent: int

    @property
    def basis(self):
        return _("بر پایه حضور و غیاب ثبت‌شده") if self.from_attendance else _("بر پایه پاسخ دعوت‌شدگان")

    @property
    def summary(self):
        """One Persian sentence: the figures behind met / not met."""
        parts = [
            _("%(present)s از %(members)s دستگاه عضو (لازم: دست‌کم %(needed)s، بیش از %(percent)s درصد)")
            % {
                "present": to_persian_digits(self.members_present),
                "members": to_persian_digits(self.members),
                "needed": to_persian_digits(self.needed),
                "percent": to_persian_digits(self.percent),
            }
        ]
        if self.needs_chair:
            if not self.chair_listed:
                parts.append(_("رئیس جلسه در فهرست حاضران مشخص نشده است"))
            elif self.chair_present:
                parts.append(_("رئیس جلسه حاضر است") if self.from_attendance else _("رئیس جلسه حضور را پذیرفته است"))
            else:
                parts.append(_("حضور رئیس جلسه تأیید نشده است"))
        return "؛ ".join(parts)


def quorum_of(meeting):
    series = meeting.series
    held = meeting.status in (MeetingStatus.HELD, MeetingStatus.APPROVED)
    rows = list(meeting.attendance.only("agency_id", "is_chair", "answer", "status"))

    def present(row):
        return row.status in PRESENT if held else row.answer in COMING

    members = [row for row in rows if row.agency_id and not row.is_chair]
    chairs = [row for row in rows if row.is_chair]
    members_present = sum(1 for row in members if present(row))
    needed = len(members) * series.quorum_percent // 100 + 1
    chair_present = any(present(row) for row in chairs)
    met = bool(members) and members_present >= needed and (chair_present or not series.quorum_needs_chair)
    return Quorum(
        met=met,
        from_attendance=held,
        members=len(members),
        members_present=members_present,
        needed=needed if members else 0,
        needs_chair=series.quorum_needs_chair,
        chair_listed=bool(chairs),
        chair_present=chair_present,
        percent=series.quorum_percent,
    )
