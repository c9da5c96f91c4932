"""The importer's XLSX reader gives what openpyxl's own ``iter_rows(values_only=True)`` gives, each row without its
trailing empty cells (the importer never pads a row to the width a sheet declares)."""

import datetime
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from tashil.units.importer import _read_xlsx, _trimmed

CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["نام واحد", " فاصله ", "ی‌ك", "=1+1", "0012", ""]),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2090, 1, 1)),
)


def openpyxl_rows(data):
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [_trimmed(list(row)) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def ours(data):
    return [list(row) for _number, row in _read_xlsx(io.BytesIO(data))]


def saved(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(CELL, max_size=8), min_size=1, max_size=8), write_only=st.booleans())
def test_the_same_rows_as_openpyxl_inline_or_shared_strings(rows, write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    for row in rows:
        sheet.append(row)
    data = saved(book)
    assert ours(data) == openpyxl_rows(data)


def test_gaps_rich_text_and_a_sparse_sheet():
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["C1"] = "نام واحد", "شناسه ملی"
    sheet["B3"] = CellRichText(["صنایع ", TextBlock(InlineFont(b=True), "غذایی"), " مهرگان"])
    sheet["D6"] = datetime.date(2024, 3, 20)
    sheet["A7"] = "=SUM(1,2)"
    data = saved(book)
    rows = ours(data)
    assert rows == openpyxl_rows(data)
    assert rows[2][1] == "صنایع غذایی مهرگان" and len(rows) == 7 and rows[3] == []
