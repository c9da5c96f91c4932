"""Text messages (SMS): one function to send, a backend chosen by ``settings.SMS_BACKEND`` as Django chooses
its e-mail backend.

    send_sms("09121234567", "یادآوری: …")

Backends shipped here: ``FileBackend`` (the default: each message appended to ``SMS_FILE_PATH``,
``var/sms.log`` under ``make run``) and ``LocmemBackend`` (tests: messages kept in ``sms.outbox``). A real
gateway is a subclass of ``BaseSMSBackend`` whose ``send_messages`` returns one ``SentSMS`` per message.
"""

import datetime
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from tashil.core.validators import normalize_mobile

# Messages sent through LocmemBackend, oldest first (tests empty it between tests).
outbox = []
_file_lock = threading.Lock()


@dataclass
class SMSMessage:
    to: str
    text: str
    sender: str = ""


@dataclass
class SentSMS:
    """What the backend says about one message: accepted or not, the gateway's id, its error in words."""

    message: SMSMessage
    accepted: bool
    provider_id: str = ""
    error: str = ""
    at: datetime.datetime = field(default_factory=timezone.now)


class BaseSMSBackend:
    def __init__(self, **options):
        self.options = options

    def send_messages(self, messages):
        """Send each message; return one ``SentSMS`` per message, in order."""
        raise NotImplementedError


class FileBackend(BaseSMSBackend):
    """Appends each message to a text file (``SMS_FILE_PATH``): what ``make run`` would have sent."""

    def send_messages(self, messages):
        path = Path(getattr(settings, "SMS_FILE_PATH", settings.VAR_DIR / "sms.log"))
        path.parent.mkdir(parents=True, exist_ok=True)
        results = []
        with _file_lock, path.open("a", encoding="utf-8") as log:
            for message in messages:
                stamp = timezone.localtime().isoformat(timespec="seconds")
                log.write(f"[{stamp}] from {message.sender or '-'} to {message.to}\n{message.text}\n\n")
                results.append(SentSMS(message, accepted=True, provider_id=f"file-{stamp}"))
        return results


class LocmemBackend(BaseSMSBackend):
    def send_messages(self, messages):
        outbox.extend(messages)
        return [SentSMS(message, accepted=True, provider_id=f"locmem-{len(outbox)}") for message in messages]


def get_backend(**options):
    return import_string(settings.SMS_BACKEND)(**options)


def send_sms(to, text, sender=""):
    """Send one message now through the configured backend; the mobile is normalised (any digit script)."""
    message = SMSMessage(to=normalize_mobile(to), text=text, sender=sender or settings.SMS_SENDER)
    return get_backend().send_messages([message])[0]
