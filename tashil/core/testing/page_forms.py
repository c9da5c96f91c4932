"""The forms and links a page shows, read as a person finds them: a test follows the page's own button
(its form's ``action``, hidden fields and defaults) instead of typing a URL and guessing the fields.

    page = client.get(obstacle.get_absolute_url()).content.decode()
    refer = client.get(link_on(page, "/refer/")).content.decode()
    form = form_on(refer)
    response = form.submit(client, agencies=[agency.pk], note="…")
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    action: str
    method: str
    attrs: dict
    # The values the page would send as it stands: hidden inputs, checked boxes, selected options, texts.
    values: dict = field(default_factory=dict)
    # Every field name the form shows, with the values a person may choose (check boxes, radios, options).
    choices: dict = field(default_factory=dict)

    def data(self, **typed):
        """What the browser posts after a person typed or chose ``typed`` (a list for a multiple choice)."""
        data = {name: list(values) for name, values in self.values.items()}
        for name, value in typed.items():
            if name not in self.choices:
                raise AssertionError(f"the form has no field «{name}»: {sorted(self.choices)}")
            data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        return data

    def submit(self, client, **typed):
        return client.post(self.action, self.data(**typed))


class FormsParser(HTMLParser):
    def __init__(self, url=""):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms, self.links = [], []
        self.form = self.textarea = self.select = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            self.form = PageForm(attrs.get("action") or self.url, (attrs.get("method") or "get").lower(), attrs)
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            self.form.choices.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                self.form.choices[name].append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.form.values.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                self.form.values.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
            self.form.choices.setdefault(name, [])
        elif tag == "select" and name:
            self.select = name
            self.form.choices.setdefault(name, [])
        elif tag == "option" and self.select:
            self.form.choices[self.select].append(attrs.get("value", ""))
            if "selected" in attrs:
                self.form.values.setdefault(self.select, []).append(attrs.get("value", ""))
        elif tag == "button" and name:
            self.form.choices.setdefault(name, []).append(attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.form.values[self.textarea] = ["".join(self.text).lstrip("\n")]
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.form = None


def forms_on(html, url=""):
    parser = FormsParser(url)
    parser.feed(html)
    return parser.forms


def form_on(html, action=None, testid=None, url=""):
    """The one form of the page that posts to a URL containing ``action`` (or has ``data-testid=testid``);
    without either, the page's main form (``data-testid="object-form"``)."""
    found = [
        form
        for form in forms_on(html, url)
        if form.method == "post"
        and (action is None or action in form.action)
        and (testid is None or form.attrs.get("data-testid") == testid)
        and (action or testid or form.attrs.get("data-testid") == "object-form")
    ]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} forms match action={action!r} testid={testid!r} on the page")
    return found[0]


def link_on(html, contains):
    """The one link of the page whose address contains ``contains``."""
    parser = FormsParser()
    parser.feed(html)
    found = sorted({href for href in parser.links if contains in href})
    if len(found) != 1:
        raise AssertionError(f"{len(found)} links contain {contains!r}: {found}")
    return found[0]
