import csv
import io

from openpyxl import load_workbook

from tashil.core.exports import csv_response, safe_cell, write_xlsx


def test_formula_triggers_are_made_inert():
    for value in ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "%x"]:
        assert safe_cell(value) == "'" + value
    assert safe_cell("صنایع") == "صنایع"
    assert safe_cell(-5) == -5


def test_csv_has_bom_and_inert_cells():
    response = csv_response([["نام", "مبلغ"], ["=cmd|' /C calc'!A0", 12]], "آزمایش")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][0].startswith("'=")
    assert "attachment" in response["Content-Disposition"]


def test_xlsx_is_right_to_left_with_numbers_as_numbers():
    buffer = io.BytesIO()
    write_xlsx([["نام", "کارکنان"], ["=1+1", 35]], "واحدها", buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    sheet = book.active
    assert sheet.sheet_view.rightToLeft
    assert sheet["A2"].value == "'=1+1"
    assert sheet["B2"].value == 35
