"""The code that saves and renders uses the public API of its libraries (STYLE.md rule 15, issue 22 item 5).

A private name a library changes without notice (Django 6.0 calls ``Model._do_update`` with a seventh
argument; django-tables2's ``BoundRow._get_and_render_with`` is not documented) breaks every save or page on
the next upgrade. Should one ever be unavoidable, it goes into ``tashil/core/compat.py``, the one module
allowed to name it, with a test per assumption it makes; none is needed today."""

import re
from pathlib import Path

import tashil

ROOT = Path(tashil.__file__).resolve().parent.parent
PINNED = {"tashil/core/compat.py", "tashil/core/tests/test_compat.py"}

# Private names of Django, django-tables2 and openpyxl that the project once overrode or called.
PRIVATE = re.compile(
    r"\b(_do_update|_get_size|_clean_fields|_post_clean|_get_FIELD_display|_get_and_render_with|_call_render"
    r"|_optional_cell_arguments|LinkTransform|WorkSheetParser|ReadOnlyWorksheet|_errors|_bound_fields_cache|_update_errors)\b"
    r"|BoundColumn\._table|\b_table\b"
    # The copy protocol bent on a library's objects (the importer's form fields once returned themselves from
    # __deepcopy__ under a swapped __class__): Django's copies of them are its own business.
    r"|\b__deepcopy__\b|\b__copy__\b|\.__class__ = "
)

# Names known to remain, per file, while they are being rewritten (none today). An entry must go as soon as its
# name does: the test fails while a listed name is no longer there.
PENDING = {}


def private_names():
    found = {}
    for directory in ("tashil", "config", "bench"):
        for path in sorted((ROOT / directory).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name in PINNED or name == "tashil/core/tests/test_public_apis.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for match in PRIVATE.finditer(line):
                    found.setdefault(name, {}).setdefault(match.group(0), []).append(number)
    return found


def test_no_private_library_name_outside_the_pinned_module():
    found = private_names()
    unexpected = {
        name: {word: lines for word, lines in words.items() if word not in PENDING.get(name, ())}
        for name, words in found.items()
    }
    unexpected = {name: words for name, words in unexpected.items() if words}
    assert not unexpected, f"private library names outside tashil/core/compat.py: {unexpected}"
    gone = {name: words - set(found.get(name, {})) for name, words in PENDING.items()}
    gone = {name: words for name, words in gone.items() if words}
    assert not gone, f"no longer used, take them out of PENDING: {gone}"


def test_the_check_finds_a_private_name():
    """The pattern catches each name as it was written in the code it replaced."""
    for line in (
        "    def _get_FIELD_display(self, field):",
        "        super()._clean_fields()",
        "    def _post_clean(self):",
        "return row._get_and_render_with(column, render_func=f, default=d)",
        "row._optional_cell_arguments(bound_column, value)",
        "from django_tables2.columns.base import LinkTransform",
        "attrs = {**bound_column._table.attrs}",
        "ReadOnlyWorksheet._get_size = size",
        "    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):",
        "    def __deepcopy__(self, memo):",
        "    twin.__class__ = _shared_class(type(form_field))",
    ):
        assert PRIVATE.search(line), line
    for line in ("table = self.table", "def clean_version(self):", "row.get_cell_value(column.name)"):
        assert not PRIVATE.search(line), line
