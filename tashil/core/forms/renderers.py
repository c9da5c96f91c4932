from functools import cached_property

from django.forms.renderers import TemplatesSetting
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


class BootstrapFormRenderer(TemplatesSetting):
    """Forms render with the project's Bootstrap templates (forms/*.html).

    A plain <select> is written in Python: the same HTML as Django's select.html, option.html and attrs.html
    (a parity test renders them side by side), without going through the template engine once per option —
    a filter bar's few selects of groups and provinces cost a list page a fifth of its time that way."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    @cached_property
    def select_is_djangos(self):
        """Whether select.html is Django's own (a project override would be rendered as written)."""
        return self.get_template(SELECT).origin.name.endswith(f"django/forms/templates/{SELECT}")

    def render(self, template_name, context, request=None):
        if template_name == SELECT and self.select_is_djangos:
            fast = render_select(context["widget"])
            if fast is not None:
                return fast
        return super().render(template_name, context, request)


def _s(value):
    """The stringformat:'s' filter."""
    try:
        return "%s" % value  # noqa: UP031 — the filter's own formatting, tuples and all
    except (ValueError, TypeError):
        return ""


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(_s(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget):
    """django/forms/widgets/select.html for ``widget`` (the template context's "widget"), or None when an
    option has a template of its own."""
    context = Context(autoescape=True)
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{render_value_in_context(group_name, context)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(_s(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{render_value_in_context(option['label'], context)}</option>\n"  # the file's last line ends
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)
