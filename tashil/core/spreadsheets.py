"""Reading a spreadsheet (XLSX or CSV) row by row, within the import limits: the one reader of every import
(the unit registry's, the past records', the officers' invitations). Rows stream from the file, so a 100,000-row
file never sits in memory; a file over a limit (TASHIL_IMPORT_MAX_*) is refused whole with a Persian message
naming the limit. ``read_table`` finds the header among the first rows (a province's sheet opens with a title, a
note, a header of two rows) and gives the rows below it, each with its own row number in the file.
"""

import csv
import gc
import io
import itertools
import os
import time
import zipfile
from contextlib import ContextDecorator, closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .persian import clean_text, search_key, to_persian_digits

MB = 1024 * 1024


class ImportFileError(Exception):
    """The file itself cannot be read (wrong type, broken XLSX, wrong encoding, no header)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportLimitError(ImportFileError):
    """The file exceeds one of the import's limits (TASHIL_IMPORT_MAX_*): refused whole, nothing written."""


class Guard:
    """The import's own time and memory limits, checked at every row read (rows are validated and written between
    two reads, so their time counts too): a file that would keep the worker busy or swell it is stopped with a
    message naming the limit, and whatever the run had written is rolled back with it."""

    MEMORY_EVERY = 1000  # rows between two readings of the process's memory

    def __init__(self):
        self.max_seconds = settings.TASHIL_IMPORT_MAX_SECONDS
        self.max_memory = settings.TASHIL_IMPORT_MAX_MEMORY_MB * MB
        self.started = time.monotonic()
        self.memory_at_start = _resident_bytes()
        self.checks = 0

    def check(self):
        if time.monotonic() - self.started > self.max_seconds:
            raise ImportLimitError(
                _("بررسی فایل بیش از %(seconds)s ثانیه طول کشید و متوقف شد؛ فایل را به چند فایل کوچک‌تر بخش کنید.")
                % {"seconds": to_persian_digits(f"{self.max_seconds:g}")}
            )
        self.checks += 1
        if self.checks % self.MEMORY_EVERY == 0 or self.checks == 1:
            self.check_memory()

    def check_memory(self):
        if self.memory_at_start is not None and _resident_bytes() - self.memory_at_start > self.max_memory:
            raise ImportLimitError(
                _("خواندن فایل بیش از %(mb)s مگابایت حافظه می‌خواست و متوقف شد؛ فایل را به چند فایل کوچک‌تر بخش کنید.")
                % {"mb": to_persian_digits(settings.TASHIL_IMPORT_MAX_MEMORY_MB)}
            )


class fewer_collections(ContextDecorator):
    """Python's cyclic garbage collector run less often while an import checks its rows: a row's form, fields and
    instance are thousands of small objects, and the collector's default (a pass every 700 allocations) spent a
    tenth of an import's time walking them. Objects are still freed at once by their reference counts; only cycles
    wait for the next pass, every ``threshold`` allocations. The default is restored when the import ends."""

    def __init__(self, threshold=20_000):
        self.threshold = threshold

    def __enter__(self):
        self.saved = gc.get_threshold()
        gc.set_threshold(max(self.threshold, self.saved[0]), *self.saved[1:])
        return self

    def __exit__(self, *exc):
        gc.set_threshold(*self.saved)
        return False


def _resident_bytes():
    """The process's resident memory now (Linux's /proc), or None where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def read_rows(source, name):
    """Yield (row number, list of cell values) from an XLSX or CSV file, streaming, every row from row 1.

    At most TASHIL_IMPORT_MAX_COLUMNS values a row are read; a value beyond them is refused (never silently
    dropped). The number of rows is ``read_table``'s to limit: it counts from the header."""
    guard = Guard()
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx_ahead(source) if reads_ahead() else _read_xlsx(source)
    elif suffix == ".csv":
        rows = _read_csv(source)
    else:
        raise ImportFileError(_("نوع فایل «%(name)s» پذیرفته نیست؛ فایل XLSX یا CSV بفرستید.") % {"name": name})
    max_columns = settings.TASHIL_IMPORT_MAX_COLUMNS
    with closing(rows):
        for number, cells in rows:
            guard.check()
            cells = list(cells)
            if any(c not in (None, "") for c in cells[max_columns:]):
                raise ImportLimitError(
                    _("ردیف %(row)s بیش از %(limit)s ستون دارد؛ بیشترین ستون‌های پذیرفته %(limit)s است.")
                    % {"row": to_persian_digits(number), "limit": to_persian_digits(max_columns)}
                )
            yield number, cells[:max_columns]


# ---------------------------------------------------------------- the header and the rows below it

HEADER_ROWS = 10  # the header is looked for in the file's first rows: above it, a sheet's title and notes


@dataclass
class Table:
    """A file's header, found among its first rows, and the rows below it."""

    header_row: int  # the file's row of the header (of its lower row, for a header of two rows)
    mapping: dict  # column position -> field
    unknown: list  # the header's labels that name no field (or a field named twice)
    rows: object  # an iterator of (the file's row number, cells) below the header


def read_table(source, name, keys, required):
    """The table of an XLSX or CSV file: its header is the first of its first HEADER_ROWS rows that names every
    ``required`` column; the rows above it (a title, often merged across the columns, a note) are not read as
    data. A header of two rows is read as one: a column named only in the upper row (a cell merged down the two)
    keeps that name, and a row under the header that holds nothing but column names (the names under a heading
    merged across several columns) completes it.

    ``keys``: {``search_key`` of a header's spelling: field}. ``required``: [(fields, label)], a group of fields of
    which one column is needed, and its Persian name for the message when none is found. At most
    TASHIL_IMPORT_MAX_ROWS rows below the header may hold a value; empty rows past them are skipped."""
    rows = read_rows(source, name)
    try:
        header_row, header, below = _find_header(rows, keys, required)
    except BaseException:
        rows.close()
        raise
    mapping, unknown = {}, []
    for index, label in enumerate(header):
        if not label:
            continue
        field_name = keys.get(search_key(label))
        if field_name is None or field_name in mapping.values():
            unknown.append(label)
        else:
            mapping[index] = field_name
    return Table(header_row, mapping, unknown, _limited(below, rows, header_row))


def _label(cell):
    return clean_text(str(cell)).strip() if cell is not None else ""


def _fields(labels, keys):
    return {keys[key] for key in (search_key(label) for label in labels if label) if key in keys}


def _missing(labels, keys, required):
    found = _fields(labels, keys)
    return [label for fields, label in required if not found & set(fields)]


def _under(lower, upper, keys):
    """The labels of a header row with its blank cells taken from the row above when that row is a header's too
    (it names a column): a name merged down two rows is in the upper row only. A title or a note above names no
    column, and gives nothing."""
    named = _fields(lower, keys)
    if not _fields(upper, keys):
        return lower
    labels = list(lower) + [""] * (len(upper) - len(lower))
    for index, label in enumerate(upper):
        field_name = keys.get(search_key(label)) if label else None
        if label and not labels[index] and (field_name is None or field_name not in named):
            labels[index] = label
            named.add(field_name)
    return labels


def _find_header(rows, keys, required):
    """(the header's row number, its labels, the rows below it still to read), or ImportFileError naming the
    required columns that no row of the first HEADER_ROWS names."""
    above, fewest, empty = [], None, True
    for number, cells in rows:
        labels = [_label(cell) for cell in cells]
        candidate = _under(labels, above, keys)
        missing = _missing(candidate, keys, required)
        if not missing:
            return _completed(number, candidate, rows, keys)
        if fewest is None or len(missing) < len(fewest):
            fewest = missing
        empty = empty and not any(labels)
        if number >= HEADER_ROWS:
            empty = False  # rows enough to hold a header, none of them one
            break
        above = labels
    if empty:
        raise ImportFileError(_("فایل خالی است."))
    raise ImportFileError(
        _("ستون «%(columns)s» در %(rows)s سطر نخست فایل پیدا نشد؛ سطر سرستون‌ها باید یکی از آن‌ها باشد.")
        % {"columns": "»، «".join(fewest), "rows": to_persian_digits(HEADER_ROWS)}
    )


def _completed(number, header, rows, keys):
    """The header and the rows below it, the next row joining the header when it holds only column names."""
    following = next(rows, None)
    if following is None:
        return number, header, iter(())
    next_number, cells = following
    labels = [_label(cell) for cell in cells]
    if any(labels) and all(search_key(label) in keys for label in labels if label):
        return next_number, _under(labels, header, keys), rows
    return number, header, itertools.chain([following], rows)


def _limited(below, rows, header_row):
    """The rows below the header, at most TASHIL_IMPORT_MAX_ROWS of them holding a value; ``rows`` closed (the
    reader ahead stopped) when they end or the import stops early."""
    max_rows = settings.TASHIL_IMPORT_MAX_ROWS
    with closing(rows):
        for number, cells in below:
            if number - header_row > max_rows:
                if any(c not in (None, "") for c in cells):
                    raise ImportLimitError(
                        _("فایل بیش از %(limit)s ردیف دارد؛ آن را به چند فایل بخش کنید.")
                        % {"limit": to_persian_digits(max_rows)}
                    )
                continue
            yield number, cells


def check_archive(source):
    """Refuse an XLSX whose parts would unpack too large, before openpyxl reads any of them: openpyxl keeps the
    shared strings whole in memory, and a few hundred KB can unpack to gigabytes (a zip bomb). The sizes a zip
    declares are upper bounds: Python's zipfile never gives more bytes than a member declares."""
    limit = settings.TASHIL_IMPORT_MAX_INFLATED_MB * MB
    strings_limit = settings.TASHIL_IMPORT_MAX_SHARED_STRINGS_MB * MB
    ratio = settings.TASHIL_IMPORT_MAX_COMPRESSION_RATIO
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
    if hasattr(source, "seek"):
        source.seek(0)
    if sum(member.file_size for member in members) > limit:
        raise ImportLimitError(
            _("فایل اکسل باز‌شده بیش از %(mb)s مگابایت می‌شود؛ بیشترین اندازه پذیرفته %(mb)s مگابایت است.")
            % {"mb": to_persian_digits(settings.TASHIL_IMPORT_MAX_INFLATED_MB)}
        )
    for member in members:
        if member.filename.lower().endswith("sharedstrings.xml") and member.file_size > strings_limit:
            raise ImportLimitError(
                _("متن‌های مشترک فایل اکسل (sharedStrings) بیش از %(mb)s مگابایت است؛ فایل پذیرفته نیست.")
                % {"mb": to_persian_digits(settings.TASHIL_IMPORT_MAX_SHARED_STRINGS_MB)}
            )
        if member.file_size > MB and member.file_size > ratio * max(member.compress_size, 1):
            raise ImportLimitError(
                _("بخش «%(part)s» فایل اکسل بیش از %(ratio)s برابر فشرده شده است (بمب فشرده)؛ فایل پذیرفته نیست.")
                % {"part": member.filename, "ratio": to_persian_digits(ratio)}
            )


def _read_xlsx(source, checked=False):
    """The first sheet's rows through openpyxl's public read-only API. The sheet's declared <dimension> is
    ignored (``reset_dimensions``): rows are as long as their cells, never padded to a size the file claims.
    ``checked``: the archive's sizes were already checked (``check_archive``)."""
    from openpyxl import load_workbook

    try:
        if not checked:
            check_archive(source)
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("فایل اکسل خوانا نیست یا آسیب دیده است (%(error)s).") % {"error": error}) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        # Each row as wide as its last real cell, so that read_rows can refuse a value past the column limit
        # rather than drop it; a row missing from the file comes as an empty one.
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, _trimmed(row)
    finally:
        workbook.close()


# Reading ahead ------------------------------------------------------------------------------------------------
#
# Parsing an XLSX is a fifth of an import's time, and a row's checks do not need the next row: on a machine
# with more than one core the sheet is parsed in a second process, a few batches ahead, while this one checks
# and writes. The pipe between them holds a few batches at most (a full pipe makes the reader wait), so memory
# stays flat; the reader touches no database, and is stopped when the import stops early.

READ_AHEAD_BATCH = 500


def reads_ahead():
    import multiprocessing

    # A daemonic process (a pool's worker) may not start one of its own.
    return (
        settings.TASHIL_IMPORT_READ_AHEAD and (os.cpu_count() or 1) > 1 and not multiprocessing.current_process().daemon
    )


def _read_xlsx_ahead(source):
    import multiprocessing

    import openpyxl  # noqa: F401  (imported before the fork: the reader imports nothing)

    try:
        check_archive(source)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("فایل اکسل خوانا نیست یا آسیب دیده است (%(error)s).") % {"error": error}) from None
    # fork: the reader starts at once with this process's modules and the open file; it runs only openpyxl.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    reader = context.Process(target=_send_rows, args=(source, sending), daemon=True)
    reader.start()
    sending.close()
    try:
        while True:
            try:
                kind, payload = receiving.recv()
            except EOFError:
                raise ImportFileError(_("خواندن فایل اکسل نیمه‌کاره ماند؛ دوباره بفرستید.")) from None
            if kind == "rows":
                yield from payload
            elif kind == "unreadable":
                raise ImportFileError(payload)  # the reader's own Persian message
            elif kind == "failed":
                raise RuntimeError(f"the XLSX reader failed: {payload}")
            else:
                return
    finally:
        receiving.close()
        if reader.is_alive():
            reader.terminate()
        reader.join()


def _send_rows(source, sending):
    """The reader process: the rows of ``_read_xlsx``, in batches, then ("end", None)."""
    try:
        batch = []
        for row in _read_xlsx(source, checked=True):
            batch.append(row)
            if len(batch) >= READ_AHEAD_BATCH:
                sending.send(("rows", batch))
                batch = []
        sending.send(("rows", batch))
        sending.send(("end", None))
    except ImportFileError as error:
        sending.send(("unreadable", str(error)))
    except BrokenPipeError:
        pass  # the import stopped early and no longer reads
    except Exception as error:
        sending.send(("failed", repr(error)))
    finally:
        sending.close()


def _trimmed(row):
    """A row without its trailing empty cells (openpyxl pads each to the width asked for)."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def _read_csv(source):
    if isinstance(source, str | Path):
        handle = open(source, "rb")
    else:
        handle = source
    try:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        try:
            yield from enumerate(csv.reader(text), start=1)
        except UnicodeDecodeError:
            raise ImportFileError(
                _("فایل CSV با کدگذاری UTF-8 ذخیره نشده است؛ در اکسل «CSV UTF-8» را برگزینید یا فایل XLSX بفرستید.")
            ) from None
        finally:
            text.detach()
    finally:
        if isinstance(source, str | Path):
            handle.close()
