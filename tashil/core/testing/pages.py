"""Follow a page as a person does, with Django's test client: the link it shows, the form it serves.

``link(response, testid=…)`` is the address of a link the page shows; ``form(response, …)`` is a form of the
page with the values it was served with (inputs, checked boxes, selected options, text areas, hidden fields:
what a browser would send untouched), to be changed where the person types and posted to its own action.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Form:
    action: str
    method: str
    attrs: dict
    data: dict = field(default_factory=dict)
    files: set = field(default_factory=set)
    buttons: list = field(default_factory=list)

    def fill(self, **values):
        """Type into named fields: each must be a field the page shows (a misspelt name fails, not posts)."""
        for name, value in values.items():
            if name not in self.data and name not in self.files:
                raise AssertionError(f"the form has no field {name!r}: {sorted(self.data)}")
            self.data[name] = value
        return self

    def submit(self, client, **extra):
        return client.post(self.action, self.data, **extra)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self.form = self.select = self.textarea = self.link = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "a" and "href" in attrs:
            self.link = {**attrs, "text": ""}
            self.links.append(self.link)
        elif tag == "form":
            self.form = Form(action=attrs.get("action", ""), method=attrs.get("method", "get").lower(), attrs=attrs)
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind, name = attrs.get("type", "text").lower(), attrs["name"]
            if kind == "file":
                self.form.files.add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form.data[name] = attrs.get("value", "on")
                else:
                    self.form.data.setdefault(name, "")
            elif kind in ("submit", "button", "image"):
                self.form.buttons.append(attrs)
            else:
                self.form.data[name] = attrs.get("value", "")
        elif tag == "button":
            self.form.buttons.append(attrs)
        elif tag == "select" and attrs.get("name"):
            self.select = attrs["name"]
        elif tag == "option" and self.select is not None:
            # A browser sends the selected option, or the first when none is.
            if "selected" in attrs or self.select not in self.form.data:
                self.form.data[self.select] = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = attrs["name"]
            self.form.data[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        elif tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.link is not None:
            self.link["text"] += data
        if self.textarea is not None and self.form is not None:
            self.form.data[self.textarea] += data


def _parse(response):
    parser = _Parser()
    parser.feed(response.content.decode())
    parser.close()
    return parser


def link(response, testid=None, text=None, href_contains=None):
    """The address of the first link the page shows with that data-testid, visible text or address part."""
    for found in _parse(response).links:
        if testid is not None and found.get("data-testid") != testid:
            continue
        if text is not None and text not in " ".join(found["text"].split()):
            continue
        if href_contains is not None and href_contains not in found["href"]:
            continue
        return urljoin(response.wsgi_request.path, found["href"])
    raise AssertionError(f"the page shows no link {testid or text or href_contains!r}")


def form(response, testid=None, action_contains=None, button_testid=None):
    """A form of the page (the first with that data-testid, action part or button), as it was served. A form
    without an action posts to the page's own address, as a browser does."""
    for found in _parse(response).forms:
        if testid is not None and found.attrs.get("data-testid") != testid:
            continue
        if action_contains is not None and action_contains not in found.action:
            continue
        if button_testid is not None and not any(b.get("data-testid") == button_testid for b in found.buttons):
            continue
        found.action = urljoin(response.wsgi_request.get_full_path(), found.action or "")
        return found
    raise AssertionError(f"the page shows no form {testid or action_contains or button_testid!r}")
