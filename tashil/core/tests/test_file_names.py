"""Files are stored under generated names (SECURITY.md): an uploaded name such as a unit's national ID or a
person's name never reaches the disk, where it could be guessed, collide or tell what a file is about. The
original name stays where people need it (an attachment's name, an import's file name, the evidence's)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from tashil.core.files import RandomName
from tashil.obstacles.models import Attachment

UPLOADED = "نامه بانک ملی واحد 10380284790.PDF"


def file_fields():
    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in apps.get_models()
        if model.__module__.startswith("tashil.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


@pytest.mark.parametrize(("model", "field"), file_fields())
def test_every_file_field_generates_a_random_name(model, field):
    assert isinstance(field.upload_to, RandomName), "every file field names its files with core.files.RandomName"
    first = field.generate_filename(model(), UPLOADED)
    second = field.generate_filename(model(), UPLOADED)
    assert first != second, "each upload its own name"
    assert "10380284790" not in first and "بانک" not in first and " " not in first
    assert Path(first).suffix == ".pdf", "only the extension, in lower case, is kept"


def test_the_file_fields_are_all_found():
    assert len(file_fields()) >= 7


def test_an_odd_extension_is_dropped():
    assert "." not in Path(RandomName("x")(None, "letter.p<d>f")).name


def test_an_attachment_is_stored_under_a_generated_name_and_downloads_under_its_own(world, client_as):
    client = client_as("secretariat")
    upload = SimpleUploadedFile(UPLOADED, b"%PDF-1.4 bank letter", content_type="application/pdf")
    url = reverse("obstacles:obstacle_comment", kwargs={"pk": world.obstacle_a.pk})
    assert client.post(url, {"text": "نامه بانک", "file": upload}).status_code == 302
    attachment = Attachment.objects.latest("pk")
    stored = Path(attachment.file.name).name
    assert "10380284790" not in stored and stored.endswith(".pdf")
    assert attachment.name == "نامه_بانک_ملی_واحد_10380284790.PDF"
    download = client.get(attachment.get_absolute_url())
    assert "10380284790" in download["Content-Disposition"], "the person gets the file back under its own name"


def test_execution_evidence_keeps_its_name_for_the_download(world, client_as):
    resolution = world.resolution_evidence_a
    assert "evidence" not in Path(resolution.evidence_file.name).name
    assert resolution.evidence_name == "evidence.pdf"
    download = client_as("secretariat").get(reverse("meetings:resolution_evidence", kwargs={"pk": resolution.pk}))
    assert download.status_code == 200 and 'filename="evidence.pdf"' in download["Content-Disposition"]
