from django.test import override_settings

from tashil.notifications import sms


def test_send_sms_normalises_the_number_and_reaches_the_configured_backend(sms_outbox):
    result = sms.send_sms("۰۹۱۲ ۱۲۳ ۴۵۶۷", "سلام", sender="4040")
    assert result.accepted
    assert [(m.to, m.text, m.sender) for m in sms_outbox] == [("09121234567", "سلام", "4040")]


def test_file_backend_appends_each_message(tmp_path):
    log = tmp_path / "sms.log"
    with override_settings(SMS_BACKEND="tashil.notifications.sms.FileBackend", SMS_FILE_PATH=str(log)):
        sms.send_sms("+989121234567", "پیام یکم")
        sms.send_sms("09351234567", "پیام دوم")
    text = log.read_text(encoding="utf-8")
    assert "to 09121234567\nپیام یکم" in text and "to 09351234567\nپیام دوم" in text
