from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("جلسه کارگروه تسهیل")
    CLINIC_COMMITTEE = "clinic_committee", _("کمیته راهبری کلینیک صنعت")
    FIELD_VISIT = "field_visit", _("بازدید میدانی (تور صنعتی)")
    SERVICE_DESK = "service_desk", _("میز خدمت")
    VIDEO_CONFERENCE = "video_conference", _("ویدئوکنفرانس")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("برنامه‌ریزی‌شده")
    HELD = "held", _("برگزارشده")
    APPROVED = "approved", _("صورتجلسه تأییدشده")
    CANCELLED = "cancelled", _("لغوشده")


MEETING_COLOURS = {
    MeetingStatus.PLANNED: "primary",
    MeetingStatus.HELD: "info",
    MeetingStatus.APPROVED: "success",
    MeetingStatus.CANCELLED: "dark",
}


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("دعوت‌شده")
    PRESENT = "present", _("حاضر")
    ABSENT = "absent", _("غایب")
    REPRESENTED = "represented", _("با نماینده")


class InvitationAnswer(models.TextChoices):
    """An invitee's answer to the invitation, given from the signed link (no sign-in)."""

    ATTEND = "attend", _("حضور می‌یابم")
    REPRESENT = "represent", _("نماینده می‌فرستم")
    DECLINE = "decline", _("نمی‌توانم حاضر شوم")


# The attendance an answer fills ahead of the meeting (the secretariat confirms it when holding the meeting).
ANSWER_ATTENDANCE = {
    InvitationAnswer.ATTEND: AttendanceStatus.PRESENT,
    InvitationAnswer.REPRESENT: AttendanceStatus.REPRESENTED,
    InvitationAnswer.DECLINE: AttendanceStatus.ABSENT,
}
ANSWER_COLOURS = {
    InvitationAnswer.ATTEND: "success",
    InvitationAnswer.REPRESENT: "info",
    InvitationAnswer.DECLINE: "danger",
}


class AgendaStatus(models.TextChoices):
    OPEN = "open", _("باز")
    DONE = "done", _("جمع‌بندی‌شده")
    CARRIED = "carried", _("منتقل به جلسه بعد")


class ResolutionStatus(models.TextChoices):
    PENDING = "pending", _("در انتظار اقدام")
    IN_PROGRESS = "in_progress", _("در دست اجرا")
    OBJECTED = "objected", _("مورد اعتراض — در دستور جلسه بعد")
    EXECUTED = "executed", _("اجراشده")
    NOT_EXECUTED = "not_executed", _("اجرانشده")
    CANCELLED = "cancelled", _("لغوشده")


OPEN_RESOLUTION_STATUSES = (ResolutionStatus.PENDING, ResolutionStatus.IN_PROGRESS, ResolutionStatus.OBJECTED)
RESOLUTION_COLOURS = {
    ResolutionStatus.PENDING: "warning",
    ResolutionStatus.OBJECTED: "danger",
    ResolutionStatus.EXECUTED: "success",
    ResolutionStatus.NOT_EXECUTED: "danger",
    ResolutionStatus.CANCELLED: "dark",
}
# The three figures provinces report: executed / being followed up / not executed.
FOLLOW_UP_BUCKETS = {
    "executed": (ResolutionStatus.EXECUTED,),
    "following": OPEN_RESOLUTION_STATUSES,
    "not_executed": (ResolutionStatus.NOT_EXECUTED,),
}
