"""An autocomplete select for models too large for a plain <select> (units, users).

It renders only the chosen option; tashil.js adds a search box that asks core:autocomplete, which answers
through the scope helper, so the choices are never more than the user may see.
"""

from django import forms


class AutocompleteSelect(forms.Select):
    template_name = "forms/widgets/autocomplete.html"

    def __init__(self, model_label, attrs=None):
        self.model_label = model_label
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["model_label"] = self.model_label
        return context

    def optgroups(self, name, value, attrs=None):
        """Only the empty choice and the chosen objects, never the whole table."""
        chosen = [str(v) for v in value if v not in (None, "")]
        queryset = getattr(self.choices, "queryset", None)
        options = []
        empty = getattr(self.choices, "field", None)
        empty_label = getattr(empty, "empty_label", None)
        if empty_label is not None:
            options.append(self.create_option(name, "", empty_label, not chosen, 0))
        if queryset is not None and chosen:
            for index, obj in enumerate(queryset.filter(pk__in=chosen), start=1):
                options.append(self.create_option(name, str(obj.pk), str(obj), True, index))
        return [(None, options, 0)]


class DropdownCheckboxes(forms.CheckboxSelectMultiple):
    """Several choices (statuses, say) as checkboxes inside a compact dropdown, for filter bars."""

    template_name = "forms/widgets/dropdown_checkboxes.html"
