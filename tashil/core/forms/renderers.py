from django.forms.renderers import TemplatesSetting
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from tashil.core.jalali import interface_digits

WIDGETS = "django/forms/widgets"
SELECT = f"{WIDGETS}/select.html"
OPTION = f"{WIDGETS}/select_option.html"
INPUT = f"{WIDGETS}/input.html"
DROPDOWN_CHECKBOXES = "forms/widgets/dropdown_checkboxes.html"
ATTRS = f"{WIDGETS}/attrs.html"
# Django's templates that are nothing but {% include "django/forms/widgets/input.html" %}.
INPUTS = frozenset(
    f"{WIDGETS}/{name}.html"
    for name in ("text", "hidden", "number", "search", "email", "url", "tel", "password", "date", "time", "datetime")
)


class BootstrapFormRenderer(TemplatesSetting):
    """Forms render with the project's Bootstrap templates (forms/*.html).

    A plain <select>, a plain <input> and the filter bars' dropdown of checkboxes are written in Python: the
    same HTML as Django's select.html, option.html, input.html and attrs.html, and as the project's
    dropdown_checkboxes.html (a parity test renders every form page both ways), without going
    through the template engine once per option, per attribute and per include — a filter bar's selects, its
    search box and its hidden filters cost a list page a fifth of its time that way. A project template that
    overrides one of Django's is rendered as written."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def __init__(self):
        super().__init__()
        self._djangos_own = {}

    def is_djangos(self, template_name):
        """Whether ``template_name`` is Django's own file, not a project override (looked up once)."""
        known = self._djangos_own.get(template_name)
        if known is None:
            origin = self.get_template(template_name).origin.name
            known = self._djangos_own[template_name] = origin.endswith(f"django/forms/templates/{template_name}")
        return known

    @property
    def select_is_djangos(self):
        return all(self.is_djangos(name) for name in (SELECT, OPTION, ATTRS))

    def render(self, template_name, context, request=None):
        if template_name == SELECT and self.select_is_djangos:
            fast = render_select(context["widget"])
            if fast is not None:
                return fast
        elif template_name in INPUTS and all(self.is_djangos(name) for name in (template_name, INPUT, ATTRS)):
            return render_input(context["widget"])
        elif template_name == DROPDOWN_CHECKBOXES:
            return render_dropdown_checkboxes(context["widget"])
        return super().render(template_name, context, request)


def _s(value):
    """The stringformat:'s' filter."""
    try:
        return "%s" % value  # noqa: UP031 — the filter's own formatting, tuples and all
    except (ValueError, TypeError):
        return ""


def _s_escaped(value):
    """{{ value|stringformat:'s' }}: the filter keeps a safe value safe, and autoescaping escapes the rest."""
    text = _s(value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_s_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget):
    """django/forms/widgets/input.html for ``widget`` (the template context's "widget")."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_s_escaped(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
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
                f'\n  <option value="{_s_escaped(option["value"])}"{_attrs(option["attrs"])}>'
                f"{render_value_in_context(option['label'], context)}</option>\n"  # the file's last line ends
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_dropdown_checkboxes(widget):
    """forms/widgets/dropdown_checkboxes.html (the template stays the reference: the parity test renders every
    page both ways): a filter bar's statuses, a checkbox each inside a dropdown that says how many are chosen."""
    context = Context(autoescape=True)
    chosen = len(widget["value"])
    summary = (
        _("%(n)s مورد") % {"n": conditional_escape(interface_digits(chosen))}
        if chosen
        else conditional_escape(_("همه"))
    )
    parts = [
        '<div class="dropdown dropdown-checkboxes">\n'
        '  <button class="form-select text-start" type="button" data-bs-toggle="dropdown" '
        f'data-bs-auto-close="outside" aria-expanded="false" data-all="{conditional_escape(_("همه"))}" '
        f'data-some="{conditional_escape(_("%(n)s مورد") % {"n": "{n}"})}">\n'
        f"    {summary}\n"
        "  </button>\n"
        '  <div class="dropdown-menu p-2">\n    '
    ]
    for _group, options, _index in widget["optgroups"]:
        for option in options:
            option_id = render_value_in_context(option["attrs"].get("id", ""), context)
            parts.append(
                "\n"
                '    <div class="form-check">\n'
                f'      <input class="form-check-input" type="checkbox" name="{render_value_in_context(option["name"], context)}"'
                f' value="{render_value_in_context(option["value"], context)}" id="{option_id}"'
                f"{' checked' if option['selected'] else ''}>\n"
                f'      <label class="form-check-label" for="{option_id}">'
                f"{render_value_in_context(option['label'], context)}</label>\n"
                "    </div>\n    "
            )
    parts.append("\n  </div>\n</div>")  # the renderer strips the file's last newline
    return "".join(parts)
