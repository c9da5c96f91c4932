"""The import's limits (issue 20, finding 2) and its refusals that name no unit outside the scope (finding 5)."""

import random
import re
import threading
import zipfile

import pytest
from django.db import connection, connections

from tashil.accounts.models import User
from tashil.units.importer import MB, Guard, Importer, ImportLimitError, read_rows

from .test_import import ID1, ID2, ID3, run, xlsx

HEADER = ["نام واحد", "شناسه ملی", "شهرستان"]


def rewritten(path, part, change):
    """The XLSX at ``path`` with one part's XML changed by ``change`` (a str -> str function)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info.filename, change(data.decode()).encode() if info.filename == part else data)
    return path


def shared_string_file(tmp_path, text):
    """An XLSX whose one data row's name is ``text`` kept in sharedStrings.xml, as Excel keeps text (openpyxl
    writes none: its cells hold their text inline)."""
    path = xlsx(tmp_path, HEADER, [["", ID1, "شهرستان الف"]])
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f"<si><t>{text}</t></si></sst>"
    )
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", strings)
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    rels = f'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="{kind}"/></Relationships>'
    types = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    rewritten(path, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace("</Relationships>", rels))
    rewritten(path, "[Content_Types].xml", lambda xml: xml.replace("</Types>", types))
    return rewritten(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r"<c r=\"A2\"[^>]*>.*?</c>", '<c r="A2" t="s"><v>0</v></c>', xml),
    )


def test_a_shared_string_file_reads_its_text(world, tmp_path):
    rows = list(read_rows(*[str(shared_string_file(tmp_path, "صنایع نمونه"))] * 2))
    assert rows[1][1][0] == "صنایع نمونه"


def test_a_zip_bomb_shared_string_is_refused_before_it_is_unpacked(world, tmp_path):
    path = shared_string_file(tmp_path, "ا" * 10_000_000)  # 20 MB that zip to a few dozen KB
    assert path.stat().st_size < 100_000
    with pytest.raises(ImportLimitError, match=r"sharedStrings.*بیش از ۱۰۰ برابر فشرده"):
        run(path)


def test_shared_strings_and_the_inflated_total_have_their_limits(world, tmp_path, settings):
    letters = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    path = shared_string_file(tmp_path, "".join(random.Random(1).choices(letters, k=700_000)))  # 1.3 MB, barely zips
    settings.TASHIL_IMPORT_MAX_SHARED_STRINGS_MB = 1
    with pytest.raises(ImportLimitError, match=r"sharedStrings.*بیش از ۱ مگابایت"):
        run(path)
    settings.TASHIL_IMPORT_MAX_SHARED_STRINGS_MB = 2
    settings.TASHIL_IMPORT_MAX_INFLATED_MB = 1
    with pytest.raises(ImportLimitError, match="بیش از ۱ مگابایت می‌شود"):
        run(path)
    settings.TASHIL_IMPORT_MAX_INFLATED_MB = 2
    assert run(path, dry_run=True).rows == 1


def test_a_declared_huge_dimension_with_few_real_rows_reads_only_the_real_cells(world, tmp_path):
    path = xlsx(tmp_path, HEADER, [["صنایع نمونه", ID1, "شهرستان الف"]])
    rewritten(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD5000"', xml),
    )
    rows = list(read_rows(str(path), str(path)))
    assert [len(cells) for _number, cells in rows] == [3, 3], "no row padded to the declared 16,384 columns"
    result = run(path)
    assert (result.rows, result.created, result.errors) == (1, 1, [])


def test_too_many_real_rows_or_columns_are_refused_naming_the_limit(world, tmp_path, settings):
    settings.TASHIL_IMPORT_MAX_ROWS = 2
    data = [[f"واحد {i}", "", "شهرستان الف"] for i in range(3)]
    with pytest.raises(ImportLimitError, match="بیش از ۲ ردیف"):
        run(xlsx(tmp_path, HEADER, data), dry_run=True)
    assert run(xlsx(tmp_path, HEADER, [*data[:2], [None, None, None], [None]]), dry_run=True).rows == 2
    settings.TASHIL_IMPORT_MAX_COLUMNS = 3
    with pytest.raises(ImportLimitError, match="ردیف ۲ بیش از ۳ ستون"):
        run(xlsx(tmp_path, HEADER, [[*data[0], None, "یک مقدار"]]), dry_run=True)


def test_the_import_stops_at_its_time_limit_and_the_job_says_why(world, tmp_path, settings):
    settings.TASHIL_IMPORT_MAX_SECONDS = 0
    with pytest.raises(ImportLimitError, match="بیش از ۰ ثانیه"):
        run(xlsx(tmp_path, HEADER, [["صنایع نمونه", ID1, "شهرستان الف"]]))
    job = world.import_job
    job.run(apply=False)
    assert job.status == "failed" and "ثانیه" in job.message


def test_the_check_writes_nothing_and_opens_no_transaction(world, tmp_path):
    statements = []
    with connection.execute_wrapper(lambda execute, sql, *args: statements.append(sql) or execute(sql, *args)):
        result = run(xlsx(tmp_path, HEADER, [["صنایع نمونه", ID1, "شهرستان الف"]]), dry_run=True)
    assert result.created == 1 and not result.written
    assert statements and all(sql.lstrip().upper().startswith("SELECT") for sql in statements)


@pytest.mark.django_db(transaction=True)
def test_another_connection_writes_while_a_check_runs(tmp_path):
    """On SQLite a write transaction holds the one write lock: a check inside one kept every page waiting."""
    path = xlsx(tmp_path, HEADER, [[f"واحد {i}", identity, "جایی"] for i, identity in enumerate((ID1, ID2, ID3))])
    outcome = []

    def write_elsewhere():
        try:
            User.objects.create_user(username="during-the-check", password="x" * 12)
            outcome.append("written")
        except Exception as error:
            outcome.append(repr(error))
        finally:
            connections.close_all()

    def during_the_check(execute, sql, *args):
        if not outcome and sql.lstrip().upper().startswith("SELECT"):  # mid-run: after any BEGIN there would be
            other = threading.Thread(target=write_elsewhere)
            other.start()
            other.join()
        return execute(sql, *args)

    with connection.execute_wrapper(during_the_check):
        Importer(dry_run=True).run(str(path), str(path))
    assert outcome == ["written"]


def test_an_identity_outside_the_scope_is_refused_without_naming_its_unit(world, tmp_path):
    outsider = world.unit_b
    outsider.licence_number = "پ-99"
    outsider.save()
    header = ["نام واحد", "شناسه ملی", "شماره پروانه بهره‌برداری", "شهرستان"]
    data = [
        ["هر نامی", outsider.national_id, "", "شهرستان الف"],
        ["نام دیگر", "", "پ-۹۹", "شهرستان الف"],
    ]
    result = run(xlsx(tmp_path, header, data), user=world.users["secretariat"])
    clash = run(xlsx(tmp_path, header, [["واحد تازه", ID1, "پ-۹۹", "شهرستان الف"]]), user=world.users["secretariat"])
    messages = [error.message for error in result.errors + clash.errors]
    assert [error.row for error in result.errors + clash.errors] == [2, 3, 2]
    assert not any(outsider.name in message or str(outsider.county) in message for message in messages)
    assert messages[0] == "واحدی با همین شناسه ملی ثبت شده است که بیرون از حوزه دسترسی شماست؛ این ردیف ثبت نمی‌شود."
    assert "شماره پروانه بهره‌برداری ثبت شده است که بیرون از حوزه" in messages[1]
    assert messages[2] == "شماره پروانه «پ-99» از آنِ واحد دیگری با شناسه ملی دیگر است."


def test_the_memory_guard_stops_a_run_that_swells_the_worker(settings):
    settings.TASHIL_IMPORT_MAX_MEMORY_MB = 16
    guard = Guard()
    assert guard.memory_at_start is not None, "the guard reads the process's memory from Linux's /proc"
    guard.check_memory()
    ballast = b"x" * (64 * MB)
    with pytest.raises(ImportLimitError, match="بیش از ۱۶ مگابایت حافظه"):
        guard.check_memory()
    del ballast
