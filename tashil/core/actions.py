"""A workflow action, declared once per app and served by both its page and its API.

An ``Action`` names the service function that does the event (``service(obj, user=…, **data)``), the role
action the user needs on the object (checked through the scope helper), the page's form and the API's body
(a serializer whose validated data has the same keys as the form's cleaned data), and the Persian words the
page says. ``core.views.generic.ActionView`` serves it as a page; ``core.api.actions.api_action`` as a DRF
``@action``. Both call ``perform``, so the page and the API end in the same state.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction


class NoFields(forms.Form):
    """The form of an action that asks nothing: a confirmation button."""


@dataclass(frozen=True)
class Action:
    name: str
    service: object
    permission: str = ""
    form_class: type = None
    serializer_class: type = None
    # Extra arguments of the form, from the object: ``lambda obj: {"obstacle": obj}``.
    form_kwargs: object = None
    # Whether the form is given the user (``user=``), for choices in the user's scope.
    form_user: bool = False
    title: str = ""
    done: object = ""  # "%(object)s …", or a callable (obj, result) -> the message; none when empty
    # Whether the action has a page of its own (GET shows its form); otherwise it is a button on another page.
    page: bool = False
    success_url: object = None  # callable (obj, result) -> URL; the object's page by default
    intro: object = None  # callable (obj) -> a line above the form
    extra: dict = field(default_factory=dict)

    @property
    def required_permission(self):
        return self.permission or self.name

    def get_form(self, obj, data=None, files=None, user=None):
        form_class = self.form_class or NoFields
        kwargs = self.form_kwargs(obj) if self.form_kwargs else {}
        if self.form_user:
            kwargs["user"] = user
        return form_class(data, files, **kwargs)

    def perform(self, obj, user, data):
        """The service, in one transaction; its ValidationError (Persian) is the caller's to show."""
        with transaction.atomic():
            return self.service(obj, user=user, **data)

    def done_message(self, obj, result):
        if callable(self.done):
            return self.done(obj, result)
        return str(self.done) % {"object": obj}

    def get_success_url(self, obj, result):
        if self.success_url:
            return self.success_url(obj, result)
        return obj.get_absolute_url()
