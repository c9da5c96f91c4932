"""A <select> is written in Python by the form renderer: the same HTML as Django's templates, on every page."""

import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tashil.core.forms import renderers
from tashil.core.forms.renderers import BootstrapFormRenderer

from .test_permission_matrix import ROUTES


class Tricky(forms.Form):
    plain = forms.ChoiceField(choices=[("", "همه"), ("a", 'کاشی "میبد" & <شرکا>'), (2, _("بله"))])
    grouped = forms.ChoiceField(
        choices=[("استان <الف>", [("1", "یک"), ("2", mark_safe("<b>دو</b>"))]), ("3", "سه")], required=False
    )
    many = forms.MultipleChoiceField(choices=[(1, 1234567), (2, "دو"), (3, "سه")], required=False)
    maybe = forms.NullBooleanField(widget=forms.NullBooleanSelect(attrs={"data-x": 'a"b', "disabled": True}))
    hidden_off = forms.ChoiceField(choices=[("x", "ایکس")], widget=forms.Select(attrs={"required": False}))


def template_render(renderer, template_name, context, request=None):
    """The renderer as Django's: every widget through its templates."""
    return TemplatesSetting.render(renderer, template_name, context, request)


def test_a_select_in_python_is_the_templates_html_for_awkward_choices(monkeypatch):
    form = Tricky(data={"plain": "a", "grouped": "2", "many": ["1", "3"], "maybe": "true"})
    fast = {name: str(form[name]) for name in form.fields}
    assert "selected>کاشی &quot;میبد&quot; &amp; &lt;شرکا&gt;</option>" in fast["plain"]
    assert '<optgroup label="استان &lt;الف&gt;">' in fast["grouped"] and "<b>دو</b>" in fast["grouped"]
    monkeypatch.setattr(BootstrapFormRenderer, "render", template_render)
    slow = {name: str(form[name]) for name in form.fields}
    assert fast == slow


def test_a_project_override_of_select_html_is_still_used(monkeypatch):
    renderer = BootstrapFormRenderer()
    assert renderer.select_is_djangos
    calls = []
    monkeypatch.setattr(renderers, "render_select", lambda widget: calls.append(widget) or None)
    html = str(Tricky()["plain"])
    assert calls and html.startswith('<select name="plain"'), "an option it cannot write goes to the template"


def test_every_page_with_a_form_renders_as_with_djangos_templates(world, client_as, monkeypatch):
    """Every list and add page of the project, as the admin: filter bars and forms, selects and all."""
    client = client_as("admin")
    token = re.compile(r"\b[A-Za-z0-9]{64}\b")  # the CSRF token, masked afresh on every page
    compared = 0
    for route in ROUTES:
        if route.obj or route.method != "get" or not route.name.endswith(("_list", "_add")):
            continue
        url = reverse(route.name) + route.query
        fast = client.get(url)
        if fast.status_code != 200 or fast.streaming or "<select" not in fast.content.decode():
            continue
        with monkeypatch.context() as patched:
            patched.setattr(BootstrapFormRenderer, "render", template_render)
            slow = client.get(url)
        assert token.sub("", fast.content.decode()) == token.sub("", slow.content.decode()), url
        compared += 1
    assert compared >= 30, compared


def test_a_forms_model_choices_are_read_once_in_one_plain_query(world):
    """A select of provinces (a filter bar's) or of obstacle groups (a form's) reads its choices in one query,
    kept while the form lives: not a server-side cursor (DECLARE, FETCH, CLOSE on PostgreSQL) for each
    rendering and a COUNT for each len(). A new form reads them afresh."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from tashil.obstacles.forms import ObstacleForm
    from tashil.obstacles.models import ObstacleGroup
    from tashil.units.filtersets import IndustrialUnitFilterSet
    from tashil.units.models import IndustrialUnit

    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    for make_form, name, table, shown in (
        (
            lambda: IndustrialUnitFilterSet({}, queryset=IndustrialUnit.objects.all(), request=request).form,
            "province",
            "geo_province",
            "استان الف",
        ),
        (lambda: ObstacleForm(user=world.users["admin"]), "group", "obstacles_obstaclegroup", "مالیات"),
    ):
        with CaptureQueriesContext(connection) as queries:
            form = make_form()
            html = str(form[name])
            choices = form.fields[name].choices
            assert len(choices) == len(list(choices)) and bool(choices)
            assert str(form[name]) == html
        reads = [q["sql"] for q in queries if f'"{table}"' in q["sql"]]
        assert len(reads) == 1 and reads[0].startswith("SELECT"), reads
        assert shown in html
    ObstacleGroup.objects.filter(pk=ObstacleGroup.objects.first().pk).update(name="گروه تازه‌نام")
    assert "گروه تازه‌نام" in str(ObstacleForm(user=world.users["admin"])["group"])


def test_a_radio_choice_is_a_bootstrap_form_check_with_its_own_label():
    """Each choice a styled radio (form-check-input) beside a label that names it, in a row; the chosen one
    checked. (Django's own markup left the radios unstyled, the circle touching its text.)"""
    from tashil.core.forms import DropdownCheckboxes, TashilForm

    class Answer(TashilForm):
        status = forms.ChoiceField(
            label="پاسخ", choices=[("done", "انجام‌شده"), ("rejected", "ردشده")], widget=forms.RadioSelect
        )

    html = str(Answer(initial={"status": "rejected"})["status"])
    inputs = re.findall(r"<input [^>]*>", html)
    assert len(inputs) == 2 and all('class="form-check-input"' in tag for tag in inputs)
    assert 'id="id_status_1"' in inputs[1] and "checked" in inputs[1] and "checked" not in inputs[0]
    assert '<label class="form-check-label" for="id_status_0">انجام‌شده</label>' in html
    assert html.count('<div class="form-check m-0">') == 2

    class Statuses(TashilForm):
        status = forms.MultipleChoiceField(choices=[("a", "الف")], widget=DropdownCheckboxes)
        kinds = forms.MultipleChoiceField(choices=[("a", "الف")], widget=forms.CheckboxSelectMultiple)

    statuses = Statuses()
    assert 'class="dropdown dropdown-checkboxes"' in str(statuses["status"])  # a checkbox list is no radio
    assert "form-check m-0" not in str(statuses["kinds"])


def test_an_empty_choice_says_choose_in_a_form_and_all_in_a_filter(world, client_as):
    """Django's "---------" nowhere: a form's select offers «— برگزینید —» (model choices, model field
    choices and the grouped obstacle groups alike), a filter bar's «همه»."""
    form = client_as("secretariat").get("/obstacles/add/").content.decode()
    assert "---------" not in form and form.count("— برگزینید —") >= 2
    listed = client_as("secretariat").get("/obstacles/").content.decode()
    assert "---------" not in listed and "— برگزینید —" not in listed and ">همه<" in listed


def test_a_dropdown_of_checkboxes_in_python_is_its_templates_html(monkeypatch):
    from tashil.core.forms import DropdownCheckboxes

    class Statuses(forms.Form):
        status = forms.MultipleChoiceField(
            choices=[("active", "فعال"), ("semi", 'نیمه "فعال" & <کم>'), (3, 1234)], widget=DropdownCheckboxes
        )

    for data in ({}, {"status": ["semi"]}, {"status": ["active", "semi", "3"]}):
        form = Statuses(data=data)
        fast = str(form["status"])
        with monkeypatch.context() as patched:
            patched.setattr(BootstrapFormRenderer, "render", template_render)
            slow = str(form["status"])
        assert fast == slow, data
    assert "۳ مورد" in fast and fast.count(" checked") == 3 and "&quot;فعال&quot; &amp; &lt;کم&gt;" in fast


def test_flash_messages_and_django_validation_messages_show_persian_digits():
    """«۲ ارجاع تشدید شد», «حداقل ۱۰»: counts a message or a Django validator writes read in Persian digits."""
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string

    flash = render_to_string("includes/messages.html", {"messages": [Message(25, "2 ارجاع تشدید شد.")]})
    assert "۲ ارجاع تشدید شد." in flash

    class NoteForm(forms.Form):
        note = forms.CharField(label="یادداشت", min_length=10, help_text="دست‌کم 10 نویسه")

    form = NoteForm(data={"note": "کوتاه"})
    form.renderer = BootstrapFormRenderer()
    html = str(form)
    assert "۱۰" in html
    assert not re.search(r"[0-9]", re.sub(r"<[^>]*>", "", html)), "no Latin digit in the text a person reads"
