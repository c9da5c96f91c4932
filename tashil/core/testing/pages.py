"""Follow a page as a person does, with Django's test client: the link it shows, the form it serves.

A test follows the page's own button (its form's ``action``, hidden fields and defaults) instead of typing a
URL and guessing the fields:

    page = client.get(obstacle.get_absolute_url())
    refer = client.get(link(page, href_contains="/refer/"))
    response = form(refer).submit(client, agencies=[agency.pk], note="…")

``link(response, …)`` is the address of the one link the page shows with that data-testid, visible text or
address part; ``form(response, …)`` the one form of the page that matches, with the values a browser would send
untouched (hidden inputs, checked boxes, selected options, text areas), changed where the person types and
posted to its own action; ``texts(response)`` what the page shows in each element with a data-testid.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Form:
    action: str
    method: str
    attrs: dict
    # The values the page would send as it stands, a list per name (a multiple choice sends several).
    values: dict = field(default_factory=dict)
    # Every field name the form shows, with the values a person may choose (check boxes, radios, options).
    choices: dict = field(default_factory=dict)
    files: set = field(default_factory=set)
    buttons: list = field(default_factory=list)

    def fill(self, **typed):
        """Type or choose ``typed`` (a list for a multiple choice, an open file for a file field): each must be a
        field the page shows (a misspelt name fails, it does not post)."""
        for name, value in typed.items():
            if name not in self.choices and name not in self.files:
                raise AssertionError(f"the form has no field «{name}»: {sorted(self.choices)}")
            if name in self.files:
                self.values[name] = [value]
            else:
                self.values[name] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        return self

    @property
    def data(self):
        """What the browser posts: every value the form holds now."""
        return {name: list(values) for name, values in self.values.items()}

    def submit(self, client, **typed):
        """Post the form to its action, after typing ``typed``."""
        return client.post(self.action, self.fill(**typed).data)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self.form = self.link = self.textarea = None
        self.select = None  # (name, multiple)
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "a" and attrs.get("href"):
            self.link = {**attrs, "text": ""}
            self.links.append(self.link)
        if tag == "form":
            self.form = Form(action=attrs.get("action", ""), method=(attrs.get("method") or "get").lower(), attrs=attrs)
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self.input(attrs.get("type", "text").lower(), name, attrs)
        elif tag == "button":
            self.form.buttons.append(attrs)
            if name:
                self.form.choices.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
            self.form.choices.setdefault(name, [])
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs)
            self.form.choices.setdefault(name, [])
        elif tag == "option" and self.select is not None:
            select, multiple = self.select
            value = attrs.get("value", "")
            self.form.choices[select].append(value)
            # A browser sends the selected options; a single choice with none selected sends its first.
            if "selected" in attrs:
                chosen = self.form.values.setdefault(select, [])
                chosen[:] = [*chosen, value] if multiple else [value]
            elif not multiple and select not in self.form.values:
                self.form.values[select] = [value]

    def input(self, kind, name, attrs):
        if kind == "file":
            self.form.files.add(name)
            return
        if kind in ("submit", "button", "image"):
            self.form.buttons.append(attrs)
            return
        self.form.choices.setdefault(name, [])
        if kind in ("checkbox", "radio"):
            self.form.choices[name].append(attrs.get("value", "on"))
            if "checked" in attrs:
                self.form.values.setdefault(name, []).append(attrs.get("value", "on"))
        else:
            self.form.values.setdefault(name, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        elif tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the one line break that follows <textarea>.
            text = "".join(self.text)
            self.form.values[self.textarea] = [text[1:] if text.startswith("\n") else text]
            self.textarea = None

    def handle_data(self, data):
        if self.link is not None:
            self.link["text"] += data
        if self.textarea is not None:
            self.text.append(data)


def _parse(response):
    parser = _Parser()
    parser.feed(response.content.decode())
    parser.close()
    return parser


def link(response, testid=None, text=None, href_contains=None):
    """The address of the one link the page shows with that data-testid, visible text and address part (the
    same address shown twice is one link)."""
    found = sorted(
        {
            urljoin(response.wsgi_request.path, shown["href"])
            for shown in _parse(response).links
            if (testid is None or shown.get("data-testid") == testid)
            and (text is None or text in " ".join(shown["text"].split()))
            and (href_contains is None or href_contains in shown["href"])
        }
    )
    if len(found) != 1:
        raise AssertionError(f"{len(found)} links match {testid or text or href_contains!r} on the page: {found}")
    return found[0]


def form(response, testid=None, action=None, button_testid=None, form_id=None):
    """The one form of the page that posts (to an address containing ``action``, with ``data-testid=testid``,
    with a button of ``button_testid``, with the HTML ``id`` ``form_id``: the Django admin's forms have no test
    id); with none of them, the page's main form (``data-testid="object-form"``). A form without an action posts
    to the page's own address, as a browser does."""
    found = [
        shown
        for shown in _parse(response).forms
        if shown.method == "post"
        and (action is None or action in shown.action)
        and (testid is None or shown.attrs.get("data-testid") == testid)
        and (button_testid is None or any(b.get("data-testid") == button_testid for b in shown.buttons))
        and (form_id is None or shown.attrs.get("id") == form_id)
        and (action or testid or button_testid or form_id or shown.attrs.get("data-testid") == "object-form")
    ]
    if len(found) != 1:
        raise AssertionError(
            f"{len(found)} forms match action={action!r} testid={testid!r} button={button_testid!r} "
            f"id={form_id!r} on the page"
        )
    found[0].action = urljoin(response.wsgi_request.get_full_path(), found[0].action)
    return found[0]


# Elements that have no end tag: never open, so they hold no text.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag may be left out: the next one of their kind closes them.
SIBLINGS = {"li": {"li"}, "p": {"p"}, "tr": {"tr"}, "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, the text gathered for its data-testid, or None)
        self.texts = {}

    def boundary(self):
        # Each element's text set apart, so two cells «۱» and «۲۳» never read as «۱۲۳» (nor as «۱۲» and «۳»).
        self.handle_data(" ")

    def handle_starttag(self, tag, attrs):
        self.boundary()
        if tag in VOID:
            return
        if self.open and self.open[-1][0] in SIBLINGS.get(tag, ()):
            self.open.pop()
        testid = dict(attrs).get("data-testid")
        gathered = [] if testid else None
        if testid:
            self.texts.setdefault(testid, []).append(gathered)
        self.open.append((tag, gathered))

    def handle_endtag(self, tag):
        self.boundary()
        # An element a page leaves open (a <p>, an <li>) closes with the element around it, as in a browser.
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        for _tag, gathered in self.open:
            if gathered is not None:
                gathered.append(data)


def texts(response):
    """What the page shows in each element with a data-testid, its inner elements' text included (each set apart
    by a space) and its spaces collapsed: ``{testid: [text, …]}``, one text for each element of that data-testid,
    in the page's order."""
    parser = _Texts()
    parser.feed(response.content.decode())
    parser.close()
    return {testid: [" ".join("".join(parts).split()) for parts in shown] for testid, shown in parser.texts.items()}
