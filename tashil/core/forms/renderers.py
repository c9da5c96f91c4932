from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Forms render with the project's Bootstrap templates (forms/form.html, forms/field.html) and widgets
    with Django's own templates, or the project's where a widget names one (forms/widgets/*.html): every
    piece of HTML is a template, found through the TEMPLATES setting."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
