"""Walk the product as its users do: start at the home page and follow every same-site link the pages show.

A test that types a URL proves the view; the crawler proves the page. It reports (never stops at the
first) server errors, links a page showed that answer 403 or 404, malformed addresses (``??``, a query key
that starts with ``?``), Latin digits in a Persian page's visible text outside ``LATIN_ALLOWED``, and in an English
page any Persian letter or digit (an untranslated string) and a direction other than left to right. On every
list page it follows the page's own export links exactly as written and checks a real XLSX and CSV holding
exactly the rows the page counts, and follows its page-size and sort links, checking the filters survive.
"""

import csv
import io
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import openpyxl
from django.urls import Resolver404, resolve

from tashil.core.persian import fold_digits

# Latin digits a Persian page may show, each named by what it is.
LATIN_ALLOWED = {
    "e-mail address": re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    "web address": re.compile(r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)*\.(ir|com|org|net)(/\S*)?"),
    "API token": re.compile(r"\b[0-9a-f]{32,}\b|\b[A-Za-z0-9_-]{40,}\b"),
    "file name": re.compile(r"[\w./-]+\.(pdf|xlsx|csv|png|jpe?g|docx?)\b", re.IGNORECASE),
    "IP address": re.compile(r"\b\d{1,3}(\.\d{1,3}){3}\b"),
    # A text with Latin letters and no Persian letter is English (a name in English, a taxonomy code).
    "English text": re.compile(r"^[^\u0600-\u06ff]*[A-Za-z][^\u0600-\u06ff]*$"),
}
LATIN_DIGIT = re.compile(r"[0-9]+")
# Persian and Arabic letters and digits (the Arabic blocks and their presentation forms): none may show on an
# English page, except inside an element marked as another language (the language switch's «فارسی»).
PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Attributes whose text a person reads or hears (a placeholder, a tooltip, a screen reader's label).
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
# Links that change something or end the session even though they are GET links, and addresses no page
# of the product itself serves (the admin site is Django's own, English-digit interface).
SKIPPED = re.compile(r"/logout|/delete|^/django-admin/|^/static/|^/i18n/|^/api/")
# Query keys that only reorder or page a list: the crawler follows a few such variants of each page.
PAGING_KEYS = {"page", "per_page", "sort"}
VARIANTS_PER_PAGE = 2
# Pages of one URL pattern (e.g. one unit's page) are alike: follow a few of each.
PAGES_PER_ROUTE = 3
# Lists that grow as they are read (the access log records each export): their exports may hold more rows.
LIVE_LISTS = {"accounts:accessevent_list"}
# Elements whose text a person does not read as the page's text.
INVISIBLE = {"script", "style", "template", "noscript", "code", "pre", "textarea", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """What a person sees on a page: its links, visible text, language, and a list page's own controls."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.links, self.text, self.lang, self.dir = [], [], "", ""
        # The visible text and read attributes in the page's own language (not inside an element marked lang=...).
        self.own_text = []
        self.foreign_depth = 0
        # The forms of the page: what their inputs hold and which buttons send them (by data-testid).
        self.forms, self.form = [], None
        self.count = None
        self.exports = {}
        self.page_sizes, self.sorts = [], []
        self.stack = []
        self.hidden_depth = 0
        self.in_count = self.in_sizes = False
        self.count_text = []
        self.feed(html)
        self.close()
        if self.count_text:
            found = re.search(r"[0-9]+", fold_digits("".join(self.count_text)).replace("٬", "").replace(",", ""))
            capped = "بیش از" in "".join(self.count_text)
            self.count = int(found.group()) if found and not capped else None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang, self.dir = attrs.get("lang") or "", attrs.get("dir") or ""
        foreign = tag != "html" and bool(attrs.get("lang")) and attrs["lang"] != self.lang
        if not self.hidden_depth and not self.foreign_depth and not foreign:
            self.own_text.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
        self.start_form_part(tag, attrs)
        if tag in VOID:
            self.start_void(tag, attrs)
            return
        hidden = tag in INVISIBLE or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        self.stack.append((tag, hidden, attrs.get("data-testid"), foreign))
        self.hidden_depth += hidden
        self.foreign_depth += foreign
        testid = attrs.get("data-testid")
        if testid == "result-count":
            self.in_count = True
        if testid == "page-sizes":
            self.in_sizes = True
        if tag == "a" and attrs.get("href"):
            href = attrs["href"]
            self.links.append(href)
            if testid in ("export-xlsx", "export-csv"):
                self.exports[testid.removeprefix("export-")] = href
            elif self.in_sizes:
                self.page_sizes.append(href)
            elif "sort-link" in (attrs.get("class") or "").split():
                self.sorts.append(href)

    def start_form_part(self, tag, attrs):
        if tag == "form":
            self.form = {"action": attrs.get("action") or "", "fields": {}, "buttons": {}}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "button" or (tag == "input" and attrs.get("type") == "submit"):
            self.form["buttons"][attrs.get("data-testid")] = (attrs.get("name"), attrs.get("value") or "")
        elif not attrs.get("name"):
            return
        elif tag == "input" and (attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs):
            self.form["fields"][attrs["name"]] = attrs.get("value") or ""

    def button(self, testid):
        """The form that the button ``testid`` sends, with the fields it sends: (action, data)."""
        for form in self.forms:
            if testid in form["buttons"]:
                name, value = form["buttons"][testid]
                return form["action"], {**form["fields"], **({name: value} if name else {})}
        raise LookupError(f"no button {testid} on the page")

    def start_void(self, tag, attrs):
        if tag == "area" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        if tag in VOID:
            return
        while self.stack:
            open_tag, hidden, testid, foreign = self.stack.pop()
            self.hidden_depth -= hidden
            self.foreign_depth -= foreign
            if testid == "result-count":
                self.in_count = False
            if testid == "page-sizes":
                self.in_sizes = False
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_count:
            self.count_text.append(data)
        if not self.hidden_depth:
            self.text.append(data)
            if not self.foreign_depth:
                self.own_text.append(data)

    def text_content(self):
        """The visible text as one string, spaces collapsed."""
        return " ".join(" ".join(self.text).split())

    def persian_text(self):
        """The visible texts of an English page that hold a Persian letter or digit: strings left untranslated."""
        return [" ".join(chunk.split())[:80] for chunk in self.own_text if PERSIAN_LETTER.search(chunk)]

    def latin_digits(self):
        """The Latin digits of the visible text that no allow-listed kind of text explains."""
        found = []
        for chunk in self.text:
            rest = chunk
            for pattern in LATIN_ALLOWED.values():
                rest = pattern.sub(" ", rest)
            if LATIN_DIGIT.search(rest):
                found.append(" ".join(chunk.split())[:80])
        return found


def press(client, url, testid, **typed):
    """Open ``url`` and press the button ``testid`` as a person does: its form sent with what the page filled in,
    the button's own name and value, and what ``typed`` adds; the answer after its redirects."""
    page = Page(client.get(url).content.decode())
    action, data = page.button(testid)
    return client.post(urljoin(url, action or url), {**data, **typed}, follow=True)


@dataclass
class Crawl:
    """The outcome of one walk: how many pages, and every problem found with the page that showed it."""

    role: str
    pages: int = 0
    lists: int = 0
    problems: list = field(default_factory=list)

    def problem(self, where, message):
        self.problems.append(f"{message} (on {where})")


def malformed(url):
    if "??" in url:
        return "'??' in the address"
    query = urlsplit(url).query
    if any(key.startswith("?") for key, _ in parse_qsl(query, keep_blank_values=True)):
        return "a query key starting with '?'"
    return None


def route_of(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def variant_key(url):
    parts = urlsplit(url)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in PAGING_KEYS)
    return parts.path, tuple(query)


def filters_of(url):
    """The query of an address without its paging and sorting keys: what a page-size or sort link must keep."""
    return {(k, v) for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True) if k not in PAGING_KEYS}


class Crawler:
    """Follows links breadth-first from ``start`` with ``client`` (a Django test client), GET only."""

    def __init__(self, client, role, start="/", max_pages=120):
        self.client, self.start, self.max_pages = client, start, max_pages
        self.crawl = Crawl(role)
        self.seen = set()
        self.variants = Counter()
        self.per_route = Counter()

    def same_site(self, base, href):
        if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            return None
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def run(self):
        queue = deque([(self.start, "start")])
        self.seen.add(self.start)
        while queue and self.crawl.pages < self.max_pages:
            url, source = queue.popleft()
            for link in self.visit(url, source):
                if link in self.seen:
                    continue
                self.seen.add(link)
                if self.wanted(link):
                    queue.append((link, url))
        return self.crawl

    def wanted(self, url):
        if SKIPPED.search(url) or "export=" in url:
            return False
        key = variant_key(url)
        if self.variants[key] >= VARIANTS_PER_PAGE:
            return False
        route = route_of(urlsplit(url).path) or url
        if self.per_route[route] >= PAGES_PER_ROUTE and self.variants[key] == 0:
            return False
        self.variants[key] += 1
        if self.variants[key] == 1:
            self.per_route[route] += 1
        return True

    def get(self, url, source):
        response = self.client.get(url, follow=True)
        if response.status_code >= 500:
            self.crawl.problem(source, f"{url} answers {response.status_code}")
        elif response.status_code in (403, 404):
            self.crawl.problem(source, f"the link {url} answers {response.status_code}")
        return response

    def visit(self, url, source):
        problem = malformed(url)
        if problem:
            self.crawl.problem(source, f"malformed link {url}: {problem}")
        response = self.get(url, source)
        self.crawl.pages += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return []
        final = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            final += "?" + response.request["QUERY_STRING"]
        page = Page(response.content.decode())
        if page.lang.startswith("fa"):
            for text in page.latin_digits():
                self.crawl.problem(url, f"Latin digits in «{text}»")
        elif page.lang.startswith("en"):
            if page.dir != "ltr":
                self.crawl.problem(url, f"an English page written {page.dir or 'without a direction'}, not ltr")
            for text in page.persian_text():
                self.crawl.problem(url, f"untranslated text in an English page: «{text}»")
        if page.count is not None and page.exports:
            self.check_list(final, page)
        links = []
        for href in page.links:
            link = self.same_site(final, href)
            if link is None:
                continue
            problem = malformed(link)
            if problem:
                self.crawl.problem(url, f"malformed link {href}: {problem}")
            links.append(link)
        return links

    def check_list(self, url, page):
        """A list page's own exports hold its rows; its page-size and sort links keep its filters."""
        key = ("list", *variant_key(url))
        if key in self.seen:
            return
        self.seen.add(key)
        self.crawl.lists += 1
        for fmt, href in page.exports.items():
            link = self.same_site(url, href)
            problem = malformed(link)
            if problem:
                self.crawl.problem(url, f"export link {href}: {problem}")
            response = self.get(link, url)
            if response.status_code != 200:
                continue
            rows = self.export_rows(fmt, response, url)
            live = route_of(urlsplit(url).path) in LIVE_LISTS
            if rows is not None and (rows < page.count if live else rows != page.count):
                self.crawl.problem(url, f"the {fmt} export {href} holds {rows} rows, the page counts {page.count}")
        for href in page.page_sizes[:1] + page.sorts[:2]:
            link = self.same_site(url, href)
            lost = filters_of(url) - filters_of(link)
            if lost:
                self.crawl.problem(url, f"the link {href} loses the filters {sorted(lost)}")
            response = self.get(link, url)
            if response.status_code == 200:
                after = Page(response.content.decode())
                if after.count != page.count and route_of(urlsplit(url).path) not in LIVE_LISTS:
                    self.crawl.problem(url, f"the link {href} shows {after.count} rows, the page {page.count}")

    def export_rows(self, fmt, response, url):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "xlsx":
            if not response["Content-Type"].startswith("application/vnd.openxmlformats"):
                self.crawl.problem(url, f"the xlsx export answers {response['Content-Type']}, not a workbook")
                return None
            sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
            return sum(1 for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)) - 1
        if not response["Content-Type"].startswith("text/csv"):
            self.crawl.problem(url, f"the csv export answers {response['Content-Type']}, not CSV")
            return None
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        return sum(1 for row in rows if any(row)) - 1
