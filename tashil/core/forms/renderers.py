from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Forms render with the project's Bootstrap templates (forms/*.html)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
