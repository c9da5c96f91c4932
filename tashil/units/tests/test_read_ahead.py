"""Reading an XLSX ahead in a second process (core.spreadsheets, TASHIL_IMPORT_READ_AHEAD): the same rows as
reading it here, the same Persian refusals, and no reader left behind when an import stops early."""

import datetime
import multiprocessing
import zipfile

import pytest

from tashil.core import spreadsheets
from tashil.core.spreadsheets import ImportFileError, ImportLimitError, read_rows, read_table
from tashil.units.importer import HEADER_KEYS

from .test_import import xlsx

pytestmark = pytest.mark.skipif((multiprocessing.cpu_count() or 1) < 2, reason="reads ahead on 2+ cores only")


def sheet(tmp_path, count):
    rows = [
        [f"واحد {n}", f"{n:011d}", "شهرستان الف", datetime.datetime(2024, 3, 1), None, n * 1.5] for n in range(count)
    ]
    rows[7][4] = "ستون پنجم"
    return xlsx(tmp_path, ["نام واحد", "شناسه ملی", "شهرستان", "تاریخ", "یادداشت", "عدد"], rows)


def read(path, settings, ahead):
    settings.TASHIL_IMPORT_READ_AHEAD = ahead
    assert spreadsheets.reads_ahead() is ahead
    return list(read_rows(str(path), str(path)))


def test_the_rows_read_ahead_are_the_rows_read_here(tmp_path, settings):
    # Over two of the reader's batches, so that rows cross the pipe in several sends.
    path = sheet(tmp_path, 2 * spreadsheets.READ_AHEAD_BATCH + 17)
    ahead, here = read(path, settings, True), read(path, settings, False)
    assert ahead == here
    assert len(ahead) == 2 * spreadsheets.READ_AHEAD_BATCH + 18
    assert ahead[8][1][4] == "ستون پنجم" and ahead[1][1][3] == datetime.datetime(2024, 3, 1)
    assert not multiprocessing.active_children()


def test_a_broken_file_read_ahead_is_refused_in_persian(tmp_path, settings):
    """Not a zip: refused before the reader starts. A zip that is no workbook: refused by the reader, whose
    Persian message reaches the import."""
    settings.TASHIL_IMPORT_READ_AHEAD = True
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFileError, match="فایل اکسل خوانا نیست"):
        list(read_rows(str(path), str(path)))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "نامه")
    spreadsheets.check_archive(str(path))  # a sound zip: the reader is the one to refuse it
    with pytest.raises(ImportFileError, match="فایل اکسل خوانا نیست"):
        list(read_rows(str(path), str(path)))
    assert not multiprocessing.active_children()


def test_an_import_that_stops_early_leaves_no_reader(tmp_path, settings):
    settings.TASHIL_IMPORT_READ_AHEAD = True
    settings.TASHIL_IMPORT_MAX_ROWS = 30  # row 32 is past the limit: refused while the reader is still ahead
    path = sheet(tmp_path, 3 * spreadsheets.READ_AHEAD_BATCH)
    rows = read_table(str(path), str(path), HEADER_KEYS, [(("name",), "نام واحد")]).rows
    with pytest.raises(ImportLimitError):
        for _row in rows:
            pass
    rows.close()
    assert not multiprocessing.active_children()


def test_an_import_runs_the_collector_less_often_and_restores_it(tmp_path, world):
    """core.spreadsheets.fewer_collections around an import's run: the collector's threshold raised while rows are
    checked (seen from inside the run, by the row reader), the default back afterwards, even when the file is
    refused."""
    import gc

    from tashil.units.importer import Importer

    before = gc.get_threshold()
    seen = []
    path = sheet(tmp_path, 10)
    original = spreadsheets.read_rows

    def reading(source, name):
        seen.append(gc.get_threshold())
        return original(source, name)

    importer = Importer(dry_run=True, partial=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tashil.core.spreadsheets.read_rows", reading)
        importer.run(str(path), str(path))
    assert seen[0][0] >= 20_000 > before[0] and gc.get_threshold() == before
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(ImportFileError):
        Importer(dry_run=True).run(str(broken), str(broken))
    assert gc.get_threshold() == before
