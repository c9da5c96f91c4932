"""FilterSet base: a normalised ``q`` search, Jalali date filters and Bootstrap styling."""

import django_filters
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.forms import NullBooleanSelect
from django.utils.translation import gettext_lazy as _

from . import person
from .forms import AutocompleteSelect, JalaliDateField, PersianIntegerField, style_form
from .jalali import year_bounds
from .models import ChangeLogEntry, Holiday
from .persian import search_key

ALL_LABEL = _("همه")
# More choices than this and a filter bar searches them instead of listing them all: a list of fifty is as much as
# a person reads down, and every option listed is drawn on every visit of the page (a county's 111 meetings were a
# third of its resolution list's time).
LONG_CHOICES = 50


def _more_than(queryset, limit):
    """Whether ``queryset`` holds more than ``limit`` rows, counting no further (the nation has 50,000 meetings)."""
    return queryset.order_by()[: limit + 1].count() > limit


def _label_empty_choice(field):
    """Filters show «همه» (all) where Django would show "---------" or "unknown"."""
    if isinstance(field.widget, NullBooleanSelect):
        field.widget.choices = (("", ALL_LABEL), ("true", _("بله")), ("false", _("خیر")))
    elif hasattr(field, "empty_label") and field.empty_label is not None:
        field.empty_label = ALL_LABEL
        if hasattr(field, "choices") and not hasattr(field, "queryset"):
            field.choices = [("", ALL_LABEL), *[c for c in field.choices if c[0] != ""]]


# The filter bar, once drawn, is kept in the shared cache (ObjectListView.filter_bar_key) under a key that names
# everything it shows: the list, the person's version (their scope and roles), the filters asked for, and the
# generation (core.person) of each model whose rows the bar offers as choices (a zone, an agency, a unit by name).


def choices_generation(model):
    return f"choices:{model._meta.label}"


def choice_models():
    """The models whose rows some filter bar of the project offers (its ModelChoiceFilters' querysets)."""
    found, pending = set(), [TashilFilterSet]
    while pending:
        filterset = pending.pop()
        pending.extend(filterset.__subclasses__())
        for declared in filterset.base_filters.values():
            queryset = declared.extra.get("queryset")
            if isinstance(queryset, models.QuerySet):
                found.add(queryset.model)
    return found


def choices_changed(sender, **kwargs):
    """A row that some filter bar offers was saved or deleted: that model's bars are drawn afresh."""
    person.bump_generation(choices_generation(sender))


def connect_choices():
    """Every app's filter sets (``<app>/filtersets.py``, found as the admin finds ``admin.py``), and a receiver on
    each model their bars offer as choices, so that a kept filter bar is drawn afresh once such a row changes.
    Called by the assembly (tashil.site) once every app is ready."""
    from django.db.models.signals import post_delete, post_save
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("filtersets")
    for model in choice_models():
        for signal in (post_save, post_delete):
            signal.connect(choices_changed, sender=model, dispatch_uid=f"tashil-choices-{model._meta.label}")


def choices_generations(form):
    """The generation of each model whose rows ``form``'s fields offer, in one read of the cache."""
    names = sorted(
        {choices_generation(field.queryset.model) for field in form.fields.values() if hasattr(field, "queryset")}
    )
    found = cache.get_many([person.generation_key(name) for name in names])
    return [found.get(person.generation_key(name), "-") for name in names]


class JalaliDateFilter(django_filters.DateFilter):
    field_class = JalaliDateField


class YearFilter(django_filters.NumberFilter):
    """A Jalali year typed in any digits (۱۴۰۵ or 1405)."""

    field_class = PersianIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1300)
        kwargs.setdefault("max_value", 1500)
        super().__init__(*args, **kwargs)


class TashilFilterSet(django_filters.FilterSet):
    """``search_fields`` are normalised columns (see core.persian.search_key) matched by ``q``."""

    q = django_filters.CharFilter(method="search", label=_("جستجو"))
    search_fields = ("search_text",)

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.DateField: {"filter_class": JalaliDateFilter},
    }

    def __init__(self, *args, user=None, shown=True, **kwargs):
        """``shown=False``: a filter set only applied, never rendered (a page's second one, for its figures),
        which need not decide how its long choices would be shown."""
        super().__init__(*args, **kwargs)
        self.user = user or getattr(self.request, "user", None)
        self.shown = shown
        for declared in self.filters.values():
            # django-filter makes a multiple choice SELECT DISTINCT (for choices across a to-many relation); on
            # the model's own column no row can repeat, and DISTINCT over every column costs the list and its count.
            if isinstance(declared, django_filters.MultipleChoiceFilter) and "__" not in declared.field_name:
                declared.distinct = False

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_tashil_styled", False):
            self.narrow_choices(form)
            style_form(form)
            form.fields["q"].widget.attrs.setdefault("placeholder", _("جستجو…"))
            for name, field in form.fields.items():
                _label_empty_choice(field)
                self._scope_choices(name, field)
            form._tashil_styled = True
        return form

    def narrow_choices(self, form):
        """Choices that depend on who asks (the places one works in), set on this form's own fields.

        Never on ``self.filters``: a filter builds its form field once and keeps it, so a field already made on
        the filter-set class (drf-spectacular makes those of choice filters while building the API schema) would
        ignore a queryset or widget set on the filter afterwards, for every later request of the process."""

    def _scope_choices(self, name, field):
        """Choices of related objects only from the user's scope; large models through an autocomplete. Whether
        the user's scope holds more than LONG_CHOICES of them is counted once per version of the person
        (``core.person.remember``), not on every page: it decides only how the filter is shown."""
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            return
        if (
            self.user is not None
            and hasattr(queryset, "for_user")
            and queryset.model._meta.label != settings.TASHIL_COUNTY_MODEL
        ):
            field.queryset = queryset.for_user(self.user)
        if not self.shown or field.widget.is_hidden:
            return
        model = field.queryset.model
        if getattr(model, "autocomplete", False) or (
            getattr(model, "searchable", False) and self.long_choices(name, field.queryset)
        ):
            field.widget = AutocompleteSelect(model._meta.label_lower)
            field.widget.choices = field.choices
            field.widget.attrs["class"] = "form-select"

    def long_choices(self, name, queryset):
        """Whether the filter ``name`` offers more than LONG_CHOICES rows (``queryset``: those in the user's scope)."""
        if self.user is None:
            return _more_than(queryset, LONG_CHOICES)
        key = f"long_choices:{LONG_CHOICES}:{type(self).__module__}.{type(self).__qualname__}.{name}"
        return person.remember(self.user, key, lambda: _more_than(queryset, LONG_CHOICES))

    def search(self, queryset, name, value):
        """``search_text`` columns hold search keys; other fields are matched as typed, case-insensitively.

        Several words must each be found, in any order («پاکدشت مهرگان» finds «صنایع غذایی مهرگان پاکدشت»),
        and the words run together are tried too (a key has no spaces: «صنایع‌غذایی» is «صنایعغذایی»)."""
        key = search_key(value)
        if not key:
            return queryset
        words = [search_key(word) for word in str(value).split()]
        words = [word for word in words if word]
        q = Q()
        for field in self.search_fields:
            if field.endswith("search_text"):
                every_word = Q()
                for word in words:
                    every_word &= Q(**{f"{field}__contains": word})
                q |= Q(**{f"{field}__contains": key}) | every_word
            else:
                q |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(q)

    @property
    def narrows(self):
        """Whether what was asked leaves fewer rows than the queryset's: a filter or the search in use, or one
        refused (no rows then)."""
        if not self.is_bound:
            return False
        return not self.form.is_valid() or bool(self.active_count or self.form.cleaned_data.get("q"))

    @property
    def active_count(self):
        """How many filters (besides the search box) are in use, for the filter button's badge."""
        if not self.is_bound or not self.form.is_valid():
            return 0
        return sum(
            1 for name, value in self.form.cleaned_data.items() if name != "q" and value not in (None, "", [], ())
        )


class HolidayFilterSet(TashilFilterSet):
    year = YearFilter(method="filter_year", label=_("سال"))
    search_fields = ("title",)

    class Meta:
        model = Holiday
        fields = ("year", "is_fixed", "lunar", "confirmed")

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__range=year_bounds(int(value)))


class ChangeLogEntryFilterSet(TashilFilterSet):
    search_fields = ("object_repr", "user_name", "message")

    class Meta:
        model = ChangeLogEntry
        fields = ("action", "content_type", "user")
