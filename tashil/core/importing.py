"""The import engine every spreadsheet import shares, and the registry of the kinds of import.

A *kind* (units, past obstacles, past meetings…) is registered by its app from ``AppConfig.ready()``; the upload
page, its background check and apply (``units.ImportJob`` and its tasks) and the ``import_past`` command find it
here by name, so one page, one job model and one command serve them all, and core imports none of them.

``RowImporter`` is the loop of an import, the same for every kind: rows stream from ``spreadsheets.read_table``
(constant memory), the header is found among the first rows (under a title, say) and matched in any spelling, a
missing required column refuses the file, every bad row is named by its row in the file, column and a Persian
message, rows are checked and written in batches through the app's services, and the whole run is one
transaction, rolled back when a row is bad unless ``partial``. A dry run (the preview) opens no transaction and
writes nothing. A kind supplies ``columns``, ``check_batch`` (the rows' outcomes) and ``write`` (one batch through
its services).
"""

import abc
import contextlib
import datetime
import functools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .jalali import parse_jalali
from .persian import clean_text, fold_digits, search_key, to_persian_digits
from .spreadsheets import ImportFileError, RowError, fewer_collections, read_table

PREVIEW_ROWS = 50

# ---------------------------------------------------------------- the kinds


@dataclass(frozen=True)
class ImportKind:
    """One kind of import: what the upload page, the job and the command need to know of it."""

    name: str  # in URLs, the job's ``kind`` and the command line
    label: str  # «موانع گذشته»: the page's title reads «ورود <label> از فایل»
    model: type  # the model of the list it fills: its «add» permission governs the import, its list links to it
    importer: type  # ``importer(user=, county=, partial=, dry_run=)`` with ``run(source, name)`` -> result
    columns: dict  # field -> (Persian header, other spellings)
    template_rows: object  # ``template_rows(user)`` -> the template sheet's rows (headers, example)
    preview_headers: tuple = ()  # the preview table's four columns after the row and action
    url_name: str = ""  # the upload page
    template_url_name: str = ""  # its template sheet
    help: str = ""  # the upload page's word on what identifies a row
    action: str = "add"  # the model's action a person must hold to import (the list's link asks the same)
    uses_county: bool = True  # the upload page offers a default county for rows without one
    permitted: object = None  # ``permitted(user)``: a further condition on who imports, beyond the model's action
    needs_user: bool = False  # the command must be told who imports (``--as``): the rows are that person's act


KINDS = {}


def register(kind):
    """Register an import kind (from an AppConfig.ready()); registering it again replaces it."""
    KINDS[kind.name] = kind
    return kind


def get_kind(name):
    try:
        return KINDS[name]
    except KeyError:
        raise ImportFileError(_("نوع ورود «%(name)s» شناخته نیست.") % {"name": name}) from None


# ---------------------------------------------------------------- the result


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    errors: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)
    preview: list = field(default_factory=list)
    written: bool = False

    @property
    def error_rows(self):
        return len({e.row for e in self.errors})

    def summary(self):
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, errors {self.error_rows}"

    def as_dict(self):
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rows": self.rows,
            "error_rows": self.error_rows,
            "errors": [e.as_dict() for e in self.errors],
            "unknown_columns": self.unknown_columns,
            "preview": self.preview,
            "written": self.written,
        }


# ---------------------------------------------------------------- cells


def text(value):
    """A cell as clean text: Arabic ي/ك folded, spaces tidied, Excel's 12.0 as 12, NUL dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    return clean_text(str(value)).replace("\x00", "").strip()


def digits(value):
    """A cell meant as digits (an ID, a number) in any digit script, as Latin digits."""
    return fold_digits(text(value))


def date(value):
    """A Jalali date cell (1400/7/3, ۱۴۰۰/۰۷/۰۳, 1400-07-03) or a date Excel stored as such."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return _jalali(text(value))


# A sheet of past records repeats its dates: each spelling is read once.
_jalali = functools.lru_cache(maxsize=16_384)(parse_jalali)


def header_keys(columns):
    keys = {}
    for name, (label, aliases) in columns.items():
        for spelling in (label, name, *aliases):
            keys[search_key(spelling)] = name
    return keys


def choice_keys(choices, extra=()):
    """{folded spelling: value} of a TextChoices' labels and values, and of ``extra`` (spelling, value) pairs."""
    keys = {search_key(str(label)): value for value, label in choices.choices}
    keys.update({search_key(value): value for value in choices.values})
    keys.update({search_key(spelling): value for spelling, value in extra})
    return keys


# ---------------------------------------------------------------- the engine


class RowImporter(abc.ABC):
    """The loop of an import; a kind subclasses it (see the module's docstring)."""

    columns = {}  # field -> (Persian header, other spellings)
    required_columns = ()  # fields whose column the file must have
    required_any = ()  # groups of fields of which the file must have one column at least
    batch_size = 500

    def __init__(self, user=None, county=None, partial=False, dry_run=False):
        self.user = user
        self.default_county = county
        self.partial = partial
        self.dry_run = dry_run
        self.result = ImportResult()
        self.keys = header_keys(self.columns)

    # -- what a kind supplies

    @abc.abstractmethod
    def check_batch(self, rows):
        """Check a batch of rows [(row number, {field: cell})]: report errors with ``error`` and return the
        outcomes to write (whatever ``write`` takes); count unchanged rows in ``self.result``."""

    @abc.abstractmethod
    def write(self, outcomes):
        """Write one batch's outcomes through the app's services."""

    def writing(self):
        """A context the whole write runs in (one refresh of each county's figures for the import, say)."""
        return contextlib.nullcontext()

    # -- the run

    @fewer_collections()
    def run(self, source, name):
        required = [((n,), self.columns[n][0]) for n in self.required_columns]
        required += [(group, _(" یا ").join(self.columns[n][0] for n in group)) for group in self.required_any]
        table = read_table(source, name, self.keys, required)
        self.mapping, self.result.unknown_columns = table.mapping, table.unknown
        if self.dry_run:
            self.process_rows(table.rows)
            self.result.written = False
            return self.result
        with transaction.atomic():
            with self.writing():
                self.process_rows(table.rows)
            refused = bool(self.result.errors) and not self.partial
            if refused:
                transaction.set_rollback(True)
                self.result.created = self.result.updated = 0
            self.result.written = not refused
        return self.result

    def process_rows(self, rows):
        batch = []
        for number, cells in rows:
            if not any(text(c) for c in cells):
                continue  # a blank row (or one of spaces) is no row
            batch.append((number, {self.mapping[i]: c for i, c in enumerate(cells) if i in self.mapping}))
            if len(batch) >= self.batch_size:
                self.process(batch)
                batch = []
        if batch:
            self.process(batch)

    def process(self, batch):
        self.result.rows += len(batch)
        outcomes = self.check_batch(batch)
        if not self.dry_run and outcomes:
            self.write(outcomes)

    # -- helpers for a kind

    def error(self, number, column, message):
        label = self.columns[column][0] if column in self.columns else column
        self.result.errors.append(RowError(number, label, str(message)))

    def validation_errors(self, number, error, fields=None):
        """Report a model's or service's ValidationError, each message under its field's column."""
        fields = fields or {}
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                column = fields.get(name, name if name in self.columns else "")
                for message in messages:
                    self.error(number, column or _("ردیف"), message)
        else:
            for message in error.messages:
                self.error(number, _("ردیف"), message)

    def read_date(self, number, values, name, required=False):
        """The Jalali date of column ``name`` (None when empty), or an error named by row and column."""
        cell = values.get(name)
        if not text(cell):
            if required:
                self.error(number, name, _("تاریخ را بنویسید (مانند ۱۴۰۲/۰۷/۱۵)."))
            return None
        try:
            return date(cell)
        except ValidationError as error:
            self.error(number, name, error.messages[0])
            return None

    def read_choice(self, number, values, name, keys, choices, default=None, allowed=None):
        """The value of a choice column from any spelling of its labels, or an error listing the choices (those
        ``allowed`` in an import, when it takes fewer than the model knows)."""
        cell = text(values.get(name))
        if not cell:
            return default
        value = keys.get(search_key(cell))
        if value is not None and (allowed is None or value in allowed):
            return value
        allowed = allowed or choices.values
        listed = "، ".join(str(label) for v, label in choices.choices if v in allowed)
        message = (
            _("«%(value)s» شناخته نیست؛ یکی از این‌ها را بنویسید: %(choices)s.")
            if value is None
            else _("«%(value)s» از فایل وارد نمی‌شود؛ یکی از این‌ها را بنویسید: %(choices)s.")
        )
        self.error(number, name, message % {"value": cell, "choices": listed})
        return None

    def read_number(self, number, values, name, low=None, high=None):
        cell = digits(values.get(name))
        if not cell:
            return None
        try:
            value = int(cell.replace(",", "").replace("٬", ""))
        except ValueError:
            self.error(number, name, _("«%(value)s» عدد درستی نیست.") % {"value": cell})
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(
                number,
                name,
                _("«%(value)s» باید میان %(low)s و %(high)s باشد.")
                % {
                    "value": to_persian_digits(value),
                    "low": to_persian_digits(low if low is not None else 0),
                    "high": to_persian_digits(high) if high is not None else "…",
                },
            )
            return None
        return value

    @property
    def previewing(self):
        """Whether the preview still takes rows (its first PREVIEW_ROWS): a kind builds a row's only then."""
        return len(self.result.preview) < PREVIEW_ROWS

    def add_preview(self, row):
        if self.previewing:
            self.result.preview.append(row)
