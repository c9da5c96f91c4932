"""The agency officers' import (the engine's kind ``officers``): from the command, as the person named by ``--as``
and within their scope, all or nothing; and every refusal of a row named by its row, column and a Persian message,
the file written not at all."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tashil.accounts.importer import OfficerImporter
from tashil.accounts.models import Invitation
from tashil.core.choices import Role, ScopeLevel
from tashil.core.spreadsheets import ImportFileError
from tashil.site.testing.factories import AgencyFactory

HEADER = ["نام", "نام خانوادگی", "تلفن همراه", "پست الکترونیکی", "کد ملی", "دستگاه", "نقش"]
MOBILES = ("09121110040", "09121110041", "")


def good_rows():
    return [
        ["علی", "رضایی", "09121110040", "", "", "اداره مالیات الف", ""],
        ["مریم", "احمدی", "۰۹۱۲۱۱۱۰۰۴۱", "maryam@example.ir", "", "اداره برق الف", "کارشناس دستگاه اجرایی"],
        ["رضا", "محمدی", "", "reza@example.ir", "0013542419", "اداره مالیات الف", ""],
    ]


def xlsx(tmp_path, header, data, name="officers.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in (header, *data):
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def invited():
    return Invitation.objects.filter(role=Role.AGENCY_OFFICER, first_name__in=("علی", "مریم", "رضا"))


def test_the_command_invites_the_officers_of_a_good_file_as_the_person_named(world, tmp_path, sms_outbox, capsys):
    call_command("import_past", "officers", xlsx(tmp_path, HEADER, good_rows()), "--as", "secretariat")
    assert capsys.readouterr().out.strip().endswith("created 3, updated 0, unchanged 0, errors 0")
    assert {(i.first_name, i.agency) for i in invited()} == {
        ("علی", world.agency_a),
        ("مریم", world.agency_a2),
        ("رضا", world.agency_a),
    }
    assert {i.invited_by for i in invited()} == {world.users["secretariat"]}
    assert sorted(m.to for m in sms_outbox) == ["09121110040", "09121110041"], "the invitations are sent"


def test_the_command_refuses_a_bad_file_whole(world, tmp_path, sms_outbox, capsys):
    data = good_rows()
    data[1][5] = "اداره مالیات ب"  # another province's agency: not in the secretariat's scope
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_past", "officers", xlsx(tmp_path, HEADER, data), "--as", "secretariat")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "ردیف 3 — دستگاه: نقش و محدوده این دعوت بیرون از حوزه‌ای است" in out
    assert "هیچ ردیفی ثبت نشد" in out and out.strip().endswith("created 0, updated 0, unchanged 0, errors 1")
    assert not invited().exists() and sms_outbox == [], "all or nothing: no one invited, nothing sent"


def test_the_command_needs_to_know_who_invites(world, tmp_path):
    path = xlsx(tmp_path, HEADER, good_rows())
    with pytest.raises(CommandError, match="به نام چه کسی"):
        call_command("import_past", "officers", path)
    with pytest.raises(CommandError, match="کاربری با نام کاربری «nobody» پیدا نشد"):
        call_command("import_past", "officers", path, "--as", "nobody")
    # A manager does not invite; an agency's officer invites only when managing the agency's officers.
    for username in ("manager", "agency.officer"):
        with pytest.raises(CommandError, match=f"کاربر «{username}» اجازه ورود کارشناسان دستگاه‌ها از فایل را ندارد"):
            call_command("import_past", "officers", path, "--as", username)
    world.users["secretariat"].is_active = False
    world.users["secretariat"].save()
    with pytest.raises(CommandError, match="غیرفعال"):
        call_command("import_past", "officers", path, "--as", "secretariat")
    assert not invited().exists()


def test_the_other_kinds_run_as_the_person_named_within_their_scope(world, tmp_path, capsys):
    """``--as`` holds a past-obstacles import to the person's counties, as the upload page does."""
    from tashil.obstacles.tests.test_import_past import HEADER as OBSTACLE_HEADER
    from tashil.obstacles.tests.test_import_past import good_rows as obstacle_rows

    path = xlsx(tmp_path, OBSTACLE_HEADER, obstacle_rows(world), name="obstacles.xlsx")
    with pytest.raises(SystemExit):
        call_command("import_past", "obstacles", path, "--dry-run", "--as", "secretariat.b")
    assert "بیرون از حوزه دسترسی شما" in capsys.readouterr().out
    call_command("import_past", "obstacles", path, "--dry-run", "--as", "secretariat")
    assert capsys.readouterr().out.strip().endswith("errors 0")


def run(path, user):
    return OfficerImporter(user=user).run(path, path)


def ambiguous_agency(world):
    """A provincial agency of agency A2's name: both serve county A."""
    AgencyFactory(name="اداره برق الف", level=ScopeLevel.PROVINCE, county=None, province=world.province_a)


# Each bad value: (row of good_rows, column index, value, the column named, words of the message).
BAD = {
    "blank agency": (1, 5, "", "دستگاه", "نام دستگاه را بنویسید"),
    "unknown agency": (1, 5, "اداره خیالی", "دستگاه", "در حوزه دسترسی شما پیدا نشد"),
    "ambiguous agency": (1, 5, "اداره برق الف", "دستگاه", "۲ دستگاه در حوزه شما نام «اداره برق الف» را دارند"),
    "agency outside the inviter's scope": (1, 5, "اداره مالیات ب", "دستگاه", "بیرون از حوزه‌ای است"),
    "unknown role": (1, 6, "مدیرکل", "نقش", "نقش «مدیرکل» شناخته نیست"),
    "a role other than an agency's officer": (1, 6, "دبیرخانه", "نقش", "تنها کارشناس دستگاه اجرایی دعوت می‌شود"),
    "the same mobile twice": (1, 2, "09121110040", "تلفن همراه", "همین نشانی در ردیف ۲ هم آمده است"),
    "the same e-mail twice": (2, 3, "MARYAM@example.ir", "پست الکترونیکی", "همین نشانی در ردیف ۳ هم آمده است"),
    "bad mobile": (1, 2, "0912", "تلفن همراه", "معتبر نیست"),
    "bad e-mail": (1, 3, "maryam@", "پست الکترونیکی", "پست الکترونیکی صحیح وارد کنید"),
    "bad national code": (2, 4, "0013542418", "کد ملی", "رقم کنترل"),
    "neither mobile nor e-mail": (2, 3, "", "ردیف", "شماره همراه یا پست الکترونیکی دعوت‌شده را بنویسید"),
}


@pytest.mark.parametrize("case", BAD)
def test_each_bad_value_is_named_by_row_column_and_message_and_no_one_is_invited(world, tmp_path, sms_outbox, case):
    index, column_index, value, column, words = BAD[case]
    if case == "ambiguous agency":
        ambiguous_agency(world)
    data = good_rows()
    data[index][column_index] = value
    result = run(xlsx(tmp_path, HEADER, data), world.users["secretariat"])
    assert [(e.row, e.column) for e in result.errors] == [(index + 2, column)]
    assert words in result.errors[0].message
    assert not result.written and not invited().exists() and sms_outbox == [], "all or nothing"


def test_an_unknown_column_refuses_the_file_naming_it(world, tmp_path):
    with pytest.raises(ImportFileError, match="ستون‌های «شماره پرسنلی» شناخته نیستند"):
        run(xlsx(tmp_path, [*HEADER, "شماره پرسنلی"], good_rows()), world.users["secretariat"])
    assert not invited().exists()


def test_a_title_above_the_officers_header_is_no_column(world, tmp_path):
    """The header under a title merged across the sheet: the title is neither an unknown column nor a row."""
    book = Workbook()
    sheet = book.active
    for row in (["فهرست کارشناسان دستگاه‌های شهرستان الف"], [], HEADER, *good_rows()):
        sheet.append(row)
    sheet.merge_cells("A1:G1")
    path = tmp_path / "titled.xlsx"
    book.save(path)
    result = run(str(path), world.users["secretariat"])
    assert result.errors == [] and result.created == 3 and invited().count() == 3
    bad = good_rows()
    bad[2][5] = ""
    sheet.delete_rows(4, 3)
    for row in bad:
        sheet.append(row)
    book.save(path)
    assert [(e.row, e.column) for e in run(str(path), world.users["secretariat"]).errors] == [(6, "دستگاه")]
