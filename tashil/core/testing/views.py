"""Generic view tests: a model's test class supplies data; these tests check list, export, detail, add,
edit, delete, change log, scope and the keeping of a user's input on error.

Subclass ``ModelViewTests`` (plus ``ExportTests`` and ``DeleteTests`` where the model has them) with
``model`` and these methods:

* ``make(world)``: an object in county A;
* ``add_data(world)``: POST data that creates a valid object in county A;
* ``edit_data(world, obj)``: POST data that changes ``changed_field`` of ``obj``;
* ``bad_data(world)``: (data, field, fragment of the Persian message) for one bad value.
"""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import load_workbook

from tashil.core.choices import ChangeAction
from tashil.core.models import ChangeLogEntry


def url_of(model, suffix="", **kwargs):
    name = f"{model._meta.app_label}:{model._meta.model_name}{'_' + suffix if suffix else ''}"
    return reverse(name, kwargs=kwargs or None)


def as_served(obj, data):
    """The POST data of an edit form as the page serves it: with the hidden version of a versioned object."""
    if hasattr(obj, "version_seen"):
        return {**data, "version": obj.version}
    return data


@pytest.mark.django_db
class ModelViewTests:
    model = None
    actor = "secretariat"  # a role that may add, change and delete in county A
    outsider = "secretariat_b"  # the same role in county B
    changed_field = None

    def label(self, obj):
        return str(obj)

    def test_list_shows_the_object(self, world, client_as):
        obj = self.make(world)
        response = client_as(self.actor).get(url_of(self.model, "list"))
        assert response.status_code == 200
        assert self.label(obj) in response.content.decode()

    def test_list_hides_it_from_another_scope(self, world, client_as):
        obj = self.make(world)
        response = client_as(self.outsider).get(url_of(self.model, "list"))
        assert response.status_code == 200
        assert self.label(obj) not in response.content.decode()

    def test_detail_page(self, world, client_as):
        obj = self.make(world)
        response = client_as(self.actor).get(obj.get_absolute_url())
        assert response.status_code == 200
        assert self.label(obj) in response.content.decode()

    def test_another_scope_gets_404(self, world, client_as):
        obj = self.make(world)
        client = client_as(self.outsider)
        assert client.get(obj.get_absolute_url()).status_code == 404
        if self.has_edit_view():
            assert client.get(url_of(self.model, "edit", pk=obj.pk)).status_code == 404
            assert client.post(url_of(self.model, "edit", pk=obj.pk), self.edit_data(world, obj)).status_code == 404
        if isinstance(self, DeleteTests):
            assert client.post(url_of(self.model, "delete", pk=obj.pk)).status_code == 404
            assert self.model.objects.filter(pk=obj.pk).exists()

    def has_edit_view(self):
        try:
            url_of(self.model, "edit", pk=1)
        except Exception:
            return False
        return True

    def test_add_creates_and_logs(self, world, client_as):
        before = set(self.model.objects.values_list("pk", flat=True))
        response = client_as(self.actor).post(url_of(self.model, "add"), self.add_data(world))
        assert response.status_code == 302, response.content.decode()[:3000]
        created = self.model.objects.exclude(pk__in=before)
        assert created.count() == 1
        obj = created.get()
        entry = ChangeLogEntry.objects.get(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk, action=ChangeAction.CREATE
        )
        assert entry.user == world.users[self.actor]

    def test_edit_logs_the_field_change(self, world, client_as):
        obj = self.make(world)
        data = as_served(obj, self.edit_data(world, obj))
        response = client_as(self.actor).post(url_of(self.model, "edit", pk=obj.pk), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        entry = ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk, action=ChangeAction.UPDATE
        ).latest("time")
        assert entry.user == world.users[self.actor]
        assert self.changed_field in {change["field"] for change in entry.changes}
        history = client_as(self.actor).get(obj.get_absolute_url() + "?tab=history").content.decode()
        assert str(self.model._meta.get_field(self.changed_field).verbose_name) in history

    def test_an_edit_without_its_version_is_refused_and_kept(self, world, client_as):
        """A versioned object's edit posted without the version it was opened at (a stale or hand-made form)
        would overwrite unseen: refused in Persian, nothing saved, what was typed shown again."""
        obj = self.make(world)
        edit_url = url_of(self.model, "edit", pk=obj.pk)
        if not hasattr(obj, "version_seen"):
            # Not versioned: its form carries no version, so there is none to require.
            assert 'name="version"' not in client_as(self.actor).get(edit_url).content.decode()
            return
        data = self.edit_data(world, obj)
        response = client_as(self.actor).post(edit_url, data)
        assert response.status_code == 400
        page = response.content.decode()
        assert "نگفت از کدام نسخه" in page
        typed = str(data[self.changed_field])
        assert f'value="{typed}"' in page or f">{typed}</textarea>" in page, "the typed value must be shown again"
        stored = type(obj).objects.get(pk=obj.pk)
        assert str(getattr(stored, self.changed_field)) != typed, "nothing was saved"

    def test_bad_input_is_refused_in_persian_and_kept(self, world, client_as):
        data, field, message = self.bad_data(world)
        count = self.model.objects.count()
        response = client_as(self.actor).post(url_of(self.model, "add"), data)
        assert response.status_code == 400
        page = response.content.decode()
        assert message in page
        assert f'data-testid="field-error-{field}"' in page or 'data-testid="form-errors"' in page
        typed = str(data[field])
        assert f'value="{typed}"' in page or f">{typed}</textarea>" in page, "the typed value must be shown again"
        assert self.model.objects.count() == count


class ExportTests:
    """The list's XLSX and CSV exports hold the object, and another scope's do not."""

    def test_exports_hold_the_object(self, world, client_as):
        obj = self.make(world)
        client = client_as(self.actor)
        response = client.get(url_of(self.model, "list") + "?export=csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert any(self.label(obj) in cell for row in rows for cell in row)
        response = client.get(url_of(self.model, "list") + "?export=xlsx")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
        assert any(self.label(obj) in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
        # Another scope's export does not hold it.
        response = client_as(self.outsider).get(url_of(self.model, "list") + "?export=csv")
        assert self.label(obj) not in b"".join(response.streaming_content).decode("utf-8-sig")


class DeleteTests:
    """Deleting works for the actor and leaves a change-log entry."""

    def test_delete(self, world, client_as):
        obj = self.make(world)
        client = client_as(self.actor)
        assert client.get(url_of(self.model, "delete", pk=obj.pk)).status_code == 200
        response = client.post(url_of(self.model, "delete", pk=obj.pk))
        assert response.status_code == 302
        assert not self.model.objects.filter(pk=obj.pk).exists()
        assert ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk, action=ChangeAction.DELETE
        ).exists()
