"""The Kavenegar backend against a local HTTP server started here, answering as the published API does
(https://kavenegar.com/rest.html): success, an invalid number (411), no credit (418), a timeout, a 5xx, and the
delivery report of status.json. The adapter's requests, its parsing and the task's retries run for real."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tashil.core.testing.tasks import run_queued_tasks
from tashil.notifications import sms
from tashil.notifications.models import NotificationKind, OutgoingSMS, SMSStatus
from tashil.notifications.services import notify, queue_sms
from tashil.notifications.tasks import check_sms_delivery, send_outgoing_sms

OK, INVALID, NO_CREDIT, SLOW_ONCE, DOWN = "09121111111", "09120000411", "09120000418", "09120000999", "09120000500"


class Gateway(BaseHTTPRequestHandler):
    """Answers like api.kavenegar.com: /v1/{API-KEY}/sms/send.json and …/sms/status.json, form-encoded POSTs."""

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        fields = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        fields = {key: values[0] for key, values in fields.items()}
        server = self.server
        server.requests.append((self.path, fields))
        key, method = self.path.split("/")[2], self.path.rsplit("/", 1)[-1]
        if key != "test-key":
            return self.answer(403, {"return": {"status": 403, "message": "کد شناسائی API-Key معتبر نمی‌باشد"}})
        if method == "status.json":
            entries = [
                {"messageid": int(pk), "status": server.delivery.get(pk, 1), "statustext": "-"}
                for pk in fields["messageid"].split(",")
            ]
            return self.answer(200, {"return": {"status": 200, "message": "تایید شد"}, "entries": entries})
        receptor = fields["receptor"]
        if receptor == INVALID:
            return self.answer(411, {"return": {"status": 411, "message": "دریافت کننده نامعتبر است"}, "entries": None})
        if receptor == NO_CREDIT:
            return self.answer(
                418, {"return": {"status": 418, "message": "اعتبار حساب شما کافی نیست"}, "entries": None}
            )
        if receptor == DOWN:
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>502 Bad Gateway</html>")
            return None
        if receptor == SLOW_ONCE and not server.slowed:
            server.slowed = True
            time.sleep(1.5)
        server.next_id += 1
        entry = {
            "messageid": server.next_id,
            "message": fields["message"],
            "status": 1,
            "statustext": "در صف ارسال",
            "sender": fields.get("sender", ""),
            "receptor": receptor,
            "date": int(time.time()),
            "cost": 120,
        }
        return self.answer(200, {"return": {"status": 200, "message": "تایید شد"}, "entries": [entry]})


@pytest.fixture
def gateway():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    server.daemon_threads = True
    server.requests, server.delivery, server.next_id, server.slowed = [], {}, 8792342, False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        SMS_BACKEND="tashil.notifications.sms.KavenegarBackend",
        SMS_GATEWAY_URL=f"http://127.0.0.1:{server.server_address[1]}/",
        SMS_API_KEY="test-key",
        SMS_SENDER="40401234",
        SMS_GATEWAY_TIMEOUT=0.5,
        SMS_QUIET_START="00:00",
        SMS_QUIET_END="00:00",
        TASHIL_TASK_MAX_ATTEMPTS=3,
        TASHIL_TASK_RETRY_SECONDS=60,
    ):
        yield server
    server.shutdown()
    server.server_close()


def retries():
    return DBTaskResult.objects.filter(task_path=send_outgoing_sms.module_path, status="READY")


def test_a_message_is_posted_to_send_json_with_receptor_sender_and_message(gateway):
    result = sms.send_sms("۰۹۱۲ ۱۱۱ ۱۱۱۱", "تسهیل: یادآوری مهلت")
    assert result.accepted and result.provider_id == "8792343"
    path, fields = gateway.requests[-1]
    assert path == "/v1/test-key/sms/send.json"
    assert fields == {"receptor": OK, "sender": "40401234", "message": "تسهیل: یادآوری مهلت"}


@pytest.mark.django_db
def test_an_invalid_number_fails_at_once_with_the_reason_in_persian_and_is_not_tried_again(gateway, world):
    message = queue_sms(world.users["agency_officer"], "تسهیل: ارجاع تازه", number=INVALID)
    assert send_outgoing_sms.call(message.pk) is False
    message.refresh_from_db()
    assert message.status == SMSStatus.FAILED and message.attempts == 1
    assert "شماره گیرنده" in message.error
    assert not retries().exists()
    assert send_outgoing_sms.call(message.pk) is False and len(gateway.requests) == 1, "a failed message stays failed"


@pytest.mark.django_db
def test_no_credit_is_tried_again_later_until_the_attempts_run_out(gateway, world):
    message = queue_sms(world.users["agency_officer"], "تسهیل: گذشت مهلت", number=NO_CREDIT)
    assert send_outgoing_sms.call(message.pk) == {"retry": 2}
    message.refresh_from_db()
    assert message.status == SMSStatus.QUEUED and "اعتبار" in message.error
    retry = retries().get()
    assert retry.args_kwargs == {"args": [message.pk], "kwargs": {"attempt": 2}}
    retry.delete()
    assert send_outgoing_sms.call(message.pk, attempt=3) is False
    message.refresh_from_db()
    assert message.status == SMSStatus.FAILED and message.attempts == 2
    assert "پس از ۳ بار تلاش" in message.error
    assert not retries().exists() and len(gateway.requests) == 2


@pytest.mark.django_db
@override_settings(TASHIL_TASK_RETRY_SECONDS=0)
def test_a_timeout_is_tried_again_and_the_next_attempt_goes_through(gateway, world, django_capture_on_commit_callbacks):
    officer = world.users["agency_officer"]
    officer.mobile = SLOW_ONCE
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([officer], NotificationKind.REFERRED, "ارجاع تازه: نقدینگی", url="/obstacles/1/")
    message = OutgoingSMS.objects.get(recipient=officer, kind=NotificationKind.REFERRED, text__contains="نقدینگی")
    assert message.status == SMSStatus.QUEUED and not gateway.requests, "sent by the worker, not in the request"
    run_queued_tasks()
    message.refresh_from_db()
    assert message.status == SMSStatus.SENT and message.attempts == 2 and message.provider_id
    assert [fields["receptor"] for _path, fields in gateway.requests] == [SLOW_ONCE, SLOW_ONCE]
    assert gateway.requests[-1][1]["message"] == "تسهیل: ارجاع تازه: نقدینگی\nhttp://127.0.0.1:8000/obstacles/1/"


@pytest.mark.django_db
def test_a_gateway_answering_5xx_without_json_is_transient(gateway, world):
    message = queue_sms(world.users["agency_officer"], "تسهیل: آزمون", number=DOWN)
    assert send_outgoing_sms.call(message.pk) == {"retry": 2}
    message.refresh_from_db()
    assert message.status == SMSStatus.QUEUED and "502" in message.error


def test_a_wrong_api_key_is_permanent(gateway):
    with override_settings(SMS_API_KEY="wrong"):
        result = sms.send_sms(OK, "آزمون")
    assert not result.accepted and not result.transient and "SMS_API_KEY" in result.error


@pytest.mark.django_db
def test_the_delivery_check_asks_status_json_and_records_delivered_and_undelivered(gateway, world):
    first = queue_sms(world.users["agency_officer"], "یکم", number=OK)
    second = queue_sms(world.users["secretariat"], "دوم", number=OK)
    assert send_outgoing_sms.call(first.pk) is True and send_outgoing_sms.call(second.pk) is True
    first.refresh_from_db()
    second.refresh_from_db()
    gateway.delivery = {first.provider_id: 10, second.provider_id: 11}
    assert check_sms_delivery() == 2
    path, fields = gateway.requests[-1]
    assert path == "/v1/test-key/sms/status.json"
    assert sorted(fields["messageid"].split(",")) == sorted([first.provider_id, second.provider_id])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SMSStatus.DELIVERED and first.delivered_at is not None
    assert second.status == SMSStatus.FAILED and "نرسید" in second.error
    assert check_sms_delivery() == 0, "only messages still waiting are asked about"
