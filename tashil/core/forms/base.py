"""Base forms: Bootstrap styling, Persian-friendly fields, tidy text and choices limited to the user's scope."""

import django_filters.fields
from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashil.core import scope
from tashil.core.persian import clean_text
from tashil.core.validators import validate_jalali_year

from .fields import JalaliDateField, PersianDecimalField, PersianIntegerField, TimeField
from .widgets import AutocompleteSelect


class ListedChoices(django_filters.fields.ModelChoiceIterator):
    """A model choice field's choices, read with one plain query and kept for the form's life.

    Django reads them through ``queryset.iterator()``, which on PostgreSQL opens a server-side cursor:
    DECLARE, FETCH and CLOSE, three round trips for a list of thirty provinces (and a query more for each
    ``len()`` or ``bool()``). The list is the field's own queryset, evaluated, so a new form (a deep copy of
    its fields, their querysets cloned) reads it afresh."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self):
        extras = (self.field.empty_label is not None) + (getattr(self.field, "null_label", None) is not None)
        return len(self.queryset) + extras

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.queryset)


# The iterators ListedChoices stands in for; a field with another (a project's own) keeps it.
_CURSOR_ITERATORS = (forms.models.ModelChoiceIterator, django_filters.fields.ModelChoiceIterator)


# Django's empty choice, "---------", and what a Persian form says instead. (Filter bars say «همه».)
DJANGO_EMPTY_CHOICE = "---------"
EMPTY_CHOICE = gettext_lazy("— برگزینید —")


def _say_choose(field):
    """A select's empty choice reads «— برگزینید —», not Django's dashes."""
    if getattr(field, "empty_label", None) == DJANGO_EMPTY_CHOICE:
        field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_EMPTY_CHOICE):
            field.choices = [("", EMPTY_CHOICE), *choices[1:]]


def style_form(form):
    """Give every widget the Bootstrap class its type needs, and model choices read in one query."""
    for field in form.fields.values():
        _say_choose(field)
        # Not for models always searched (units: a hundred thousand rows), whose choices are never all listed.
        model = getattr(getattr(field, "queryset", None), "model", None)
        listed = isinstance(field, forms.ModelChoiceField) and not getattr(model, "autocomplete", False)
        if listed and field.iterator in _CURSOR_ITERATORS:
            field.iterator = ListedChoices
            field.widget.choices = field.choices
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
            widget, forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            css = "form-select"
        elif isinstance(widget, forms.RadioSelect) and not isinstance(widget, forms.CheckboxSelectMultiple):
            # Bootstrap's form-check markup: each choice a styled radio beside its label, in a row. (Django's
            # checkbox list is a RadioSelect too; it, and the filter bars' dropdown of checkboxes, keep theirs.)
            css = ""
            widget.template_name = "forms/widgets/radio.html"
            widget.option_template_name = "forms/widgets/radio_option.html"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            css = ""
        else:
            css = "form-control"
        if css and css not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        if isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("rows", 3)
        if isinstance(widget, forms.EmailInput | forms.URLInput):
            widget.attrs.setdefault("dir", "ltr")


def _formfield(model_field, **kwargs):
    """Map model fields to the Persian-friendly form fields."""
    if isinstance(model_field, models.DateTimeField):
        return model_field.formfield(**kwargs)
    if isinstance(model_field, models.DateField):
        return model_field.formfield(form_class=JalaliDateField, **kwargs)
    if isinstance(model_field, models.TimeField):
        return model_field.formfield(form_class=TimeField, **kwargs)
    if isinstance(model_field, models.URLField):
        # A web address typed without a scheme is taken as https (Django 6's default, adopted now).
        return model_field.formfield(assume_scheme="https", **kwargs)
    if isinstance(model_field, models.AutoField | models.ForeignKey) or model_field.choices:
        return model_field.formfield(**kwargs)
    if isinstance(model_field, models.IntegerField):
        # A year is written ۱۴۰۵, not ۱٬۴۰۵: no thousands separator for it.
        year = validate_jalali_year in model_field.validators
        return model_field.formfield(form_class=PersianIntegerField, grouped=not year, **kwargs)
    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(form_class=PersianDecimalField, **kwargs)
    return model_field.formfield(**kwargs)


def tidy_cleaned_text(form):
    for name, value in list(form.cleaned_data.items()):
        field = form.fields.get(name)
        if (
            isinstance(value, str)
            and isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.PasswordInput)
        ):
            form.cleaned_data[name] = clean_text(value)


class TashilForm(forms.Form):
    """A plain form with the project's styling and text tidying; ``user`` is kept for scoped choices."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        style_form(self)

    def clean(self):
        """Typed text tidied once every field is cleaned (subclasses call this first)."""
        cleaned = super().clean()
        tidy_cleaned_text(self)
        return cleaned


class TashilModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every subclass's Meta the Persian-friendly ``formfield_callback`` unless it names its own."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_formfield)
        return super().__new__(mcs, name, bases, attrs)


class TashilModelForm(forms.ModelForm, metaclass=TashilModelFormMetaclass):
    """A model form whose dates are Jalali, whose numbers accept any digits, and whose choices stay in scope.

    Every ModelChoiceField over a scoped model is narrowed to what the user may see; County fields (and
    fields of models tied to a county) to the counties where the user may ``scope_action`` this model.
    """

    scope_action = None

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if user is not None:
            self.limit_choices_to_scope()
            # Internal fields are neither shown to nor taken from those who may not read them; the saved
            # value stays as it was.
            for name in scope.hidden_fields(user, self.instance):
                self.fields.pop(name, None)
        self.add_version_fields()
        self.style()

    def style(self):
        style_form(self)

    def add_version_fields(self):
        """For a versioned object being edited: the version the editor starts from, and when the form was
        opened, so a save over someone else's newer one is refused (see core.concurrency)."""
        if not self.instance.pk or not hasattr(self.instance, "version_seen"):
            return
        from django.utils import timezone

        # Checked in clean_version rather than required, so its refusal reads as the form's own message.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=self.instance.version, required=False
        )
        self.fields["opened_at"] = forms.DateTimeField(widget=forms.HiddenInput, initial=timezone.now(), required=False)

    def clean_version(self):
        """A post without the version it was opened at (a stale page, a hand-made request) could overwrite a
        newer save unseen: refused, what was typed kept, and the current version put in so that saving again
        is a knowing choice (as after a conflict)."""
        version = self.cleaned_data.get("version")
        if version is None:
            self.conflict_data()
            self.add_error(
                None,
                _(
                    "این فرم نگفت از کدام نسخه «%(object)s» باز شده است (صفحه‌ای کهنه یا ناقص)، پس ذخیره نشد تا "
                    "تغییر دیگران از میان نرود. آنچه نوشته بودید در زیر مانده است؛ اگر باز هم «ذخیره» را بزنید، "
                    "جایگزین نسخه کنونی می‌شود."
                )
                % {"object": self.instance},
            )
        else:
            self.instance.version_seen = version  # the save claims the row only at this version
        return version

    def clean_opened_at(self):
        """When the form was opened: the changes made since then are the ones a conflict names."""
        opened = self.cleaned_data.get("opened_at")
        if self.cleaned_data.get("version") is not None:
            self.instance.form_opened_at = opened
        return opened

    def conflict(self, error):
        """Show the conflict, keep what was typed, and let a second save knowingly replace the newer version."""
        self.conflict_data()
        self.add_error(None, error.message_for(self.user) if self.user is not None else error.messages[0])
        self.add_error(None, _("اگر باز هم «ذخیره» را بزنید، نوشته شما جایگزین نسخه تازه می‌شود."))

    def conflict_data(self):
        """What was typed, with the row's current version and a new opening time."""
        from django.utils import timezone

        current = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
        data = self.data.copy()
        data["version"] = current.first() or self.instance.version
        data["opened_at"] = timezone.now().isoformat()
        self.data = data

    def limit_choices_to_scope(self):
        County = scope.county_model()
        action = self.scope_action or ("change" if self.instance.pk else "add")
        counties = scope.counties_in_scope(self.user, model=self._meta.model, action=action)
        searched = []
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            related = queryset.model
            if getattr(related, "autocomplete", False) and isinstance(field.widget, forms.Select):
                field.widget = AutocompleteSelect(related._meta.label_lower)
                field.widget.choices = field.choices
            if related is County:
                field.queryset = queryset.filter(pk__in=counties.values("pk"))
            elif getattr(related, "scope_county_path", None):
                path = related.scope_county_path
                field.queryset = scope.restrict(queryset, self.user, "view").filter(
                    **{f"{path}__in": counties.values("pk")}
                )
            elif hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(self.user, "view")
            if isinstance(field.widget, AutocompleteSelect):
                searched.append(name)
        self.preselect_only_choices(searched)

    def preselect_only_choices(self, names):
        """On a new, unsent form, a required searched choice (an autocomplete) that the user's scope narrows to
        one object is already chosen: a representative with one unit does not search for it on every form."""
        if self.instance.pk or self.is_bound:
            return
        for name in names:
            field = self.fields[name]
            if not isinstance(field, forms.ModelChoiceField) or isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if not field.required or self.initial.get(name) is not None:
                continue
            only = list(field.queryset[:2])
            if len(only) == 1:
                self.initial[name] = only[0].pk

    def clean(self):
        """Typed text tidied once every field is cleaned, before a subclass's clean() reads it (each calls this
        first) and before the instance is built from it."""
        cleaned = super().clean()
        tidy_cleaned_text(self)
        return cleaned
