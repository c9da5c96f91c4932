"""Forms render through Django's form renderer and templates: the project's form and field templates, Django's
widget templates and the project's own widgets' (forms/widgets/*.html)."""

import re

from django import forms
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tashil.core.forms.renderers import BootstrapFormRenderer


class Tricky(forms.Form):
    plain = forms.ChoiceField(choices=[("", "همه"), ("a", 'کاشی "میبد" & <شرکا>'), (2, _("بله"))])
    grouped = forms.ChoiceField(
        choices=[("استان <الف>", [("1", "یک"), ("2", mark_safe("<b>دو</b>"))]), ("3", "سه")], required=False
    )
    many = forms.MultipleChoiceField(choices=[(1, 1234567), (2, "دو"), (3, "سه")], required=False)
    maybe = forms.NullBooleanField(widget=forms.NullBooleanSelect(attrs={"data-x": 'a"b', "disabled": True}))
    hidden_off = forms.ChoiceField(choices=[("x", "ایکس")], widget=forms.Select(attrs={"required": False}))


def test_forms_render_through_the_settings_renderer_and_its_templates():
    """FORM_RENDERER is the project's: a TemplatesSetting naming the project's form and field templates, and no
    render method of its own (every piece of HTML is a template)."""
    renderer = get_default_renderer()
    assert settings.FORM_RENDERER == "tashil.core.forms.renderers.BootstrapFormRenderer"
    assert isinstance(renderer, BootstrapFormRenderer)
    assert "render" not in vars(BootstrapFormRenderer) and "get_template" not in vars(BootstrapFormRenderer)
    assert renderer.get_template("forms/field.html").origin.name.endswith("tashil/templates/forms/field.html")


def test_a_select_escapes_awkward_choices_and_keeps_what_was_chosen():
    form = Tricky(data={"plain": "a", "grouped": "2", "many": ["1", "3"], "maybe": "true"})
    html = {name: str(form[name]) for name in form.fields}
    assert '<option value="a" selected>کاشی &quot;میبد&quot; &amp; &lt;شرکا&gt;</option>' in html["plain"]
    assert '<option value="2">بله</option>' in html["plain"]
    assert '<optgroup label="استان &lt;الف&gt;">' in html["grouped"]
    assert '<option value="2" selected><b>دو</b></option>' in html["grouped"], "a safe label is kept as written"
    assert html["many"].count(" selected>") == 2 and "multiple" in html["many"]
    assert 'data-x="a&quot;b"' in html["maybe"] and " disabled" in html["maybe"]
    assert '<option value="true" selected>' in html["maybe"]
    assert "required" not in html["hidden_off"], "an attribute set to False is left out"


class Inputs(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'جستجو "…" <>', "autofocus": True}))
    number = forms.IntegerField(required=False)
    day = forms.DateField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    agree = forms.BooleanField(required=False)
    off = forms.CharField(widget=forms.TextInput(attrs={"disabled": False}), required=False)


def test_the_projects_select_and_input_templates_render_exactly_what_djangos_do():
    """templates/django/forms/widgets/select.html and input.html write attributes and plain options in place
    (fewer includes): the HTML is the same, byte for byte, as Django's own templates', for every kind of select,
    choice and input."""
    from django.forms.renderers import DjangoTemplates

    djangos = DjangoTemplates()  # Django's own widget templates only
    for template in ("django/forms/widgets/select.html", "django/forms/widgets/input.html"):
        assert "tashil/templates" not in djangos.get_template(template).origin.name
        assert get_default_renderer().get_template(template).origin.name.endswith(f"tashil/templates/{template}")
    shown = [
        Tricky(data={"plain": "a", "grouped": "2", "many": ["1", "3"], "maybe": "true"}),
        Tricky(),
        Inputs(
            data={"text": "<b>", "number": "12", "day": "2024-10-14", "hidden": 'a"b', "secret": "x", "agree": "on"}
        ),
        Inputs(),
    ]
    for form in shown:
        for name in form.fields:
            widget, value = form[name].field.widget, form[name].value()
            attrs = form[name].build_widget_attrs({"id": f"id_{name}"})
            assert widget.render(name, value, attrs) == widget.render(name, value, attrs, renderer=djangos), name


def test_an_autocomplete_shows_its_search_box_and_only_the_chosen_option(world):
    """A unit chooser (too many units for a plain select) renders Django's select inside the project's
    autocomplete template: the chosen unit as its one option beside the empty choice."""
    from tashil.obstacles.forms import ObstacleForm

    unit = world.unit_a
    form = ObstacleForm(user=world.users["admin"], initial={"unit": unit.pk})
    html = str(form["unit"])
    assert 'class="autocomplete"' in html and 'class="form-control form-control-sm mb-1 autocomplete-search"' in html
    assert re.search(r'<select name="unit" [^>]*class="form-select"', html), html
    options = re.findall(r"<option [^>]*>[^<]*</option>", html)
    assert len(options) == 2 and f'value="{unit.pk}" selected>{unit}</option>' in options[1], options


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


def test_a_dropdown_of_checkboxes_says_how_many_are_chosen_and_checks_them():
    from tashil.core.forms import DropdownCheckboxes

    class Statuses(forms.Form):
        status = forms.MultipleChoiceField(
            choices=[("active", "فعال"), ("semi", 'نیمه "فعال" & <کم>'), (3, 1234)], widget=DropdownCheckboxes
        )

    none = str(Statuses(data={})["status"])
    assert ">\n    همه\n  </button>" in none and " checked" not in none
    one = str(Statuses(data={"status": ["semi"]})["status"])
    assert "۱ مورد" in one and one.count(" checked") == 1 and 'value="semi" id="id_status_1" checked' in one
    every = str(Statuses(data={"status": ["active", "semi", "3"]})["status"])
    assert "۳ مورد" in every and every.count(" checked") == 3 and "&quot;فعال&quot; &amp; &lt;کم&gt;" in every
    assert '<label class="form-check-label" for="id_status_2">1234</label>' in every


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
