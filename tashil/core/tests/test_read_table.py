"""The header of an import's file (core.spreadsheets.read_table): found among the first rows under a title or a
note, read across two rows when the file's header has two, the rows below it numbered as the file numbers them,
and the file refused naming the columns no early row has."""

import pytest
from openpyxl import Workbook

from tashil.core.persian import search_key
from tashil.core.spreadsheets import HEADER_ROWS, ImportFileError, ImportLimitError, read_table

KEYS = {
    search_key(spelling): field
    for field, spellings in {
        "unit": ("شناسه ملی واحد", "شناسه ملی"),
        "title": ("عنوان مانع", "عنوان"),
        "day": ("تاریخ طرح",),
        "agency": ("دستگاه ارجاع", "دستگاه"),
        "referred": ("تاریخ ارجاع",),
    }.items()
    for spelling in spellings
}
REQUIRED = [(("unit",), "شناسه ملی واحد"), (("title",), "عنوان مانع"), (("day",), "تاریخ طرح")]
HEADER = ["شناسه ملی واحد", "عنوان مانع", "تاریخ طرح", "دستگاه ارجاع"]
DATA = [["10380284790", "کمبود نقدینگی", "1402/01/15", "اداره برق"], ["10380284791", "برگ تشخیص", "1402/02/01", ""]]


def workbook(tmp_path, rows, merged=(), name="sheet.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    path = tmp_path / name
    book.save(path)
    return str(path)


def read(path):
    table = read_table(path, path, KEYS, REQUIRED)
    return table, list(table.rows)


def test_a_header_on_the_first_row_is_read_as_before(tmp_path):
    table, rows = read(workbook(tmp_path, [HEADER, *DATA]))
    assert table.header_row == 1 and table.unknown == []
    assert table.mapping == {0: "unit", 1: "title", 2: "day", 3: "agency"}
    assert [number for number, _cells in rows] == [2, 3] and rows[0][1][1] == "کمبود نقدینگی"


def test_a_title_merged_across_the_columns_and_a_note_above_the_header_are_not_data(tmp_path):
    rows = [
        ["فهرست موانع تولید شهرستان نمونه — سال ۱۴۰۲"],
        [],
        ["تهیه‌کننده: دبیرخانه ستاد", None, "تاریخ تهیه: ۱۴۰۲/۱۲/۲۰"],
        HEADER,
        *DATA,
    ]
    table, body = read(workbook(tmp_path, rows, merged=["A1:D1"]))
    assert table.header_row == 4 and table.unknown == [], "the title and the note are no columns"
    assert [number for number, _cells in body] == [5, 6], "each row keeps its number in the file"
    assert body[1][1][:3] == DATA[1][:3]


def test_a_header_of_two_rows_is_read_as_one(tmp_path):
    """The headings a province's sheet has: the unit, title and date merged down two rows, «ارجاع» merged across
    the agency and its date, whose names are on the second row."""
    rows = [
        ["فهرست موانع"],
        ["شناسه ملی واحد", "عنوان مانع", "تاریخ طرح", "ارجاع", None, "یادداشت", "پیوست"],
        [None, None, None, "دستگاه", "تاریخ ارجاع"],
        ["10380284790", "کمبود نقدینگی", "1402/01/15", "اداره برق", "1402/01/20", "", ""],
    ]
    merged = ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3", "G2:G3"]
    table, body = read(workbook(tmp_path, rows, merged=merged))
    assert table.mapping == {0: "unit", 1: "title", 2: "day", 3: "agency", 4: "referred"}
    assert table.header_row == 3 and [number for number, _cells in body] == [4]
    assert table.unknown == ["یادداشت", "پیوست"], "the heading «ارجاع» names no column; the others are columns"
    # The names the upper row lacks, merged down from it into the lower one.
    rows = [["شناسه ملی واحد", "مانع", None], [None, "عنوان مانع", "تاریخ طرح"], rows[3][:3]]
    table, body = read(workbook(tmp_path, rows, merged=["A1:A2", "B1:C1"], name="up.xlsx"))
    assert table.mapping == {0: "unit", 1: "title", 2: "day"} and table.header_row == 2 and table.unknown == []
    assert [number for number, _cells in body] == [3]


def test_a_second_header_row_naming_the_required_columns_itself_is_the_header(tmp_path):
    rows = [["اطلاعات واحد", None, "اطلاعات مانع"], HEADER, *DATA]
    table, body = read(workbook(tmp_path, rows, merged=["A1:B1", "C1:D1"]))
    assert table.header_row == 2 and table.unknown == [] and len(table.mapping) == 4
    assert [number for number, _cells in body] == [3, 4]


def test_a_title_row_works_in_a_csv_too(tmp_path):
    path = tmp_path / "sheet.csv"
    lines = ["فهرست موانع,,,", ",,,", ",".join(HEADER), *(",".join(row) for row in DATA)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, rows = read(str(path))
    assert table.header_row == 3 and [number for number, _cells in rows] == [4, 5]


def test_a_header_below_the_first_rows_refuses_the_file_naming_where_it_was_looked_for(tmp_path):
    notes = [[f"یادداشت {n}"] for n in range(HEADER_ROWS)]
    with pytest.raises(ImportFileError) as error:
        read(workbook(tmp_path, [*notes, HEADER, *DATA]))
    assert "در ۱۰ سطر نخست فایل پیدا نشد" in str(error.value)
    # The columns named are those the nearest row to a header lacks.
    with pytest.raises(ImportFileError) as error:
        read(workbook(tmp_path, [["عنوان", "شناسه ملی"], *DATA], name="two.xlsx"))
    assert "«تاریخ طرح»" in str(error.value) and "«عنوان مانع»" not in str(error.value)


def test_a_file_of_blank_rows_is_empty(tmp_path):
    with pytest.raises(ImportFileError, match="فایل خالی است"):
        read(workbook(tmp_path, [[None, " "], [], [""]]))


def test_the_row_limit_counts_from_the_header(tmp_path, settings):
    settings.TASHIL_IMPORT_MAX_ROWS = 2
    rows = read(workbook(tmp_path, [["فهرست موانع"], [], HEADER, *DATA]))[1]
    assert len(rows) == 2, "the title rows do not count against the limit"
    with pytest.raises(ImportLimitError, match="بیش از ۲ ردیف"):
        read(workbook(tmp_path, [["فهرست موانع"], HEADER, *DATA, DATA[0]], name="three.xlsx"))
