"""E-mail backends for tests of the task worker (see core/tests/test_worker.py)."""

import os
import smtplib
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class SlowFileBackend(FileBackend):
    """Writes each message to a file, after leaving a ``sending-*`` marker and waiting
    ``TASHIL_TEST_MAIL_DELAY`` seconds: a window in which a test can kill the worker mid-send."""

    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            (folder / f"sending-{os.getpid()}-{message.extra_headers.get('Message-ID', '')}").touch()
        time.sleep(float(os.environ.get("TASHIL_TEST_MAIL_DELAY", "0")))
        return super().send_messages(email_messages)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message, as one does when it is down or over its quota."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
