"""Text messages (SMS): one function to send, a backend chosen by ``settings.SMS_BACKEND`` as Django chooses
its e-mail backend.

    send_sms("09121234567", "یادآوری: …")

Backends shipped here: ``FileBackend`` (the default: each message appended to ``SMS_FILE_PATH``,
``var/sms.log`` under ``make run``), ``LocmemBackend`` (tests: messages kept in ``sms.outbox``) and
``KavenegarBackend`` (the Kavenegar gateway's REST API). A gateway is a subclass of ``BaseSMSBackend`` whose
``send_messages`` returns one ``SentSMS`` per message and, if it can, ``delivery`` the delivery state of
messages it sent.

``send_sms`` sends at once (one-time codes). Notices go through ``services.notify``, which records an
``OutgoingSMS`` per message and lets the task worker send it with retries (tasks.send_outgoing_sms).
"""

import abc
import datetime
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
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
    # A failure that may pass (a timeout, the gateway down or busy): the message is tried again later.
    transient: bool = False


class BaseSMSBackend(abc.ABC):
    """What every backend does; a gateway's backend is a subclass (a backend without ``send_messages`` cannot be
    made at all)."""

    def __init__(self, **options):
        self.options = options

    @abc.abstractmethod
    def send_messages(self, messages):
        """Send each message; return one ``SentSMS`` per message, in order."""

    def delivery(self, provider_ids):
        """{provider id: DELIVERED | UNDELIVERED | PENDING} for messages this backend sent; {} when it cannot tell."""
        return {}


DELIVERED, UNDELIVERED, PENDING = "delivered", "undelivered", "pending"


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


class KavenegarBackend(BaseSMSBackend):
    """The Kavenegar gateway (kavenegar.com), through its REST API as published at https://kavenegar.com/rest.html
    and used by its own client (github.com/kavenegar/kavenegar-python):

    - POST ``{SMS_GATEWAY_URL}/v1/{SMS_API_KEY}/sms/send.json`` with the form fields ``receptor``, ``sender``,
      ``message``; the answer is JSON ``{"return": {"status": 200, "message": …}, "entries": [{"messageid":
      …, "status": …, "receptor": …}, …]}``, and on an error ``return.status`` is the error's code (the HTTP
      status is the same code): 411 invalid receptor, 412 invalid sender line, 418 not enough credit, 403
      invalid API key, 409 the server cannot answer now…
    - POST ``…/sms/status.json`` with ``messageid`` (comma-separated ids) gives each message's ``status``:
      1, 2 queued or scheduled, 4, 5 handed to the operator, 6 failed, 10 delivered, 11 not delivered,
      13 cancelled, 14 blocked by the recipient, 100 unknown id.

    A timeout, a refused connection, an HTTP 5xx without the API's JSON, 409 (busy) and 418 (no credit: a top-up
    lets the next attempt through) are transient; every other code is permanent and not tried again.
    """

    ERRORS = {
        400: "پارامترهای درخواست پیامک ناقص است.",
        401: "حساب کاربری سامانه پیامک غیرفعال شده است.",
        402: "سامانه پیامک عملیات را انجام نداد.",
        403: "کلید دسترسی سامانه پیامک (SMS_API_KEY) معتبر نیست.",
        404: "روش فراخوانی سامانه پیامک پیدا نشد (نشانی SMS_GATEWAY_URL را بررسی کنید).",
        405: "روش درخواست (GET/POST) را سامانه پیامک نپذیرفت.",
        406: "پارامترهای اجباری پیامک خالی است.",
        407: "حساب سامانه پیامک به این امکان دسترسی ندارد.",
        409: "سرور سامانه پیامک اکنون پاسخ نمی‌دهد؛ دوباره فرستاده می‌شود.",
        411: "شماره گیرنده را سامانه پیامک نامعتبر دانست.",
        412: "خط فرستنده (SMS_SENDER) معتبر نیست یا از آنِ این حساب نیست.",
        413: "متن پیامک خالی یا بیش از اندازه بلند است.",
        414: "شمار گیرندگان بیش از حد مجاز است.",
        416: "نشانی IP سرور با تنظیمات حساب سامانه پیامک نمی‌خواند.",
        417: "تاریخ ارسال پیامک معتبر نیست.",
        418: "اعتبار حساب سامانه پیامک کافی نیست؛ پس از شارژ حساب دوباره فرستاده می‌شود.",
        422: "متن پیامک نویسه‌های غیرمجاز دارد.",
    }
    TRANSIENT = frozenset({402, 409, 418})
    DELIVERY = {10: DELIVERED, 6: UNDELIVERED, 11: UNDELIVERED, 13: UNDELIVERED, 14: UNDELIVERED, 100: UNDELIVERED}

    def url(self, method):
        base = settings.SMS_GATEWAY_URL.rstrip("/")
        key = urllib.parse.quote(settings.SMS_API_KEY, safe="")
        return f"{base}/v1/{key}/sms/{method}.json"

    def call(self, method, fields):
        """(code, answer JSON or None, error in Persian or "") of one API call."""
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(
            self.url(method),
            data=data,
            headers={"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:  # the API answers its errors with the code as HTTP status too
            status, body = error.code, error.read()
        except TimeoutError:
            return (
                None,
                None,
                f"سامانه پیامک در {settings.SMS_GATEWAY_TIMEOUT:g} ثانیه پاسخ نداد؛ دوباره فرستاده می‌شود.",
            )
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                return (
                    None,
                    None,
                    f"سامانه پیامک در {settings.SMS_GATEWAY_TIMEOUT:g} ثانیه پاسخ نداد؛ دوباره فرستاده می‌شود.",
                )
            return None, None, f"به سامانه پیامک وصل نشد ({reason}); دوباره فرستاده می‌شود."
        try:
            answer = json.loads(body.decode("utf-8"))
            code = int(answer["return"]["status"])
        except (ValueError, KeyError, TypeError):
            return status, None, f"پاسخ سامانه پیامک خوانا نبود (HTTP {status})."
        return code, answer, ""

    def send_messages(self, messages):
        results = []
        for message in messages:
            fields = {"receptor": message.to, "message": message.text}
            if message.sender:
                fields["sender"] = message.sender
            code, answer, error = self.call("send", fields)
            if code == 200:
                entries = answer.get("entries") or [{}]
                results.append(SentSMS(message, accepted=True, provider_id=str(entries[0].get("messageid", ""))))
                continue
            if answer is None:
                transient = code is None or code >= 500
            else:
                transient = code in self.TRANSIENT or code >= 500
                error = self.ERRORS.get(code) or f"سامانه پیامک خطای {code} داد: {answer['return'].get('message', '')}"
            results.append(SentSMS(message, accepted=False, error=error, transient=transient))
        return results

    def delivery(self, provider_ids):
        states = {}
        ids = [str(pk) for pk in provider_ids if pk]
        for start in range(0, len(ids), 500):  # the API takes up to 500 ids a call
            code, answer, _error = self.call("status", {"messageid": ",".join(ids[start : start + 500])})
            if code != 200:
                continue
            for entry in answer.get("entries") or []:
                states[str(entry.get("messageid"))] = self.DELIVERY.get(int(entry.get("status", 0)), PENDING)
        return states


def get_backend(**options):
    return import_string(settings.SMS_BACKEND)(**options)


def send_sms(to, text, sender=""):
    """Send one message now through the configured backend; the mobile is normalised (any digit script)."""
    message = SMSMessage(to=normalize_mobile(to), text=text, sender=sender or settings.SMS_SENDER)
    return get_backend().send_messages([message])[0]
