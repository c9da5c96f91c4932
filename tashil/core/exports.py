"""Streaming exports of any table to CSV and XLSX, safe against spreadsheet formula injection."""

import csv
import tempfile

from django.dispatch import Signal
from django.http import FileResponse, StreamingHttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from .jalali import format_jalali, today

# Sent by a list page as its export leaves the building (request, what, fmt): the access log (accounts.audit)
# records it. Core sends it without knowing who listens, as Django's auth sends user_logged_in.
exported = Signal()

# A cell starting with one of these runs as a formula in Excel/LibreOffice (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def safe_cell(value):
    """The value, with text that a spreadsheet would run as a formula made inert by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def filename(base, extension):
    stamp = format_jalali(today(), "{y:04d}-{m:02d}-{d:02d}", persian=False)
    return f"{slugify(base, allow_unicode=True) or 'export'}-{stamp}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(rows, base):
    """CSV in UTF-8 with a BOM (so Excel reads Persian), streamed row by row."""
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename(base, 'csv'))}"
    return response


def write_xlsx(rows, sheet_title, target):
    """Write rows to an XLSX file in write-only mode (constant memory), right to left, header in bold."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(sheet_title or "Sheet")[:31])
    sheet.sheet_view.rightToLeft = True
    bold = Font(bold=True)
    wrap = Alignment(vertical="top")
    for index, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=safe_cell(value))
            if index == 0:
                cell.font = bold
            else:
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)


def xlsx_response(rows, base, sheet_title=None):
    handle = tempfile.TemporaryFile()
    write_xlsx(rows, sheet_title or base, handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename(base, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _quote(name):
    from urllib.parse import quote

    return quote(name)


def export_response(rows, fmt, base, sheet_title=None):
    if fmt == "csv":
        return csv_response(rows, base)
    return xlsx_response(rows, base, sheet_title)
