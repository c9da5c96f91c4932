"""The English catalogue (tashil/locale/en): every string of the public site translated, and the committed .mo
compiled from the committed .po (``make messages`` does both). Staff strings may stay untranslated: staff pages
are Persian only."""

import polib
from django.conf import settings

CATALOGUE = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES"
# The sources of what a visitor of the public site reads: its templates, the layout and error pages they meet,
# its views, its filter and visitor forms. Paths as the .po names them (relative to tashil/).
PUBLIC_SOURCES = (
    "templates/public/",
    "templates/errors/",
    "templates/400.html",
    "templates/403.html",
    "templates/403_csrf.html",
    "templates/404.html",
    "templates/500.html",
    "templates/503.html",
    "templates/base.html",
    "templates/includes/messages.html",
    "public/views.py",
    "catalog/filtersets.py",
    "catalog/forms.py",
    "public/workshops.py",
    "public/accountability.py",
    "core/views/errors.py",
)


def entries(catalogue):
    """{(context, message): translation} of the translated entries, plural forms as a tuple."""
    found = {}
    for entry in catalogue:
        if not entry.msgid or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            value = tuple(text for _n, text in sorted(entry.msgstr_plural.items()))
        else:
            value = entry.msgstr
        if value and all(value):
            found[(entry.msgctxt, entry.msgid)] = value
    return found


def test_every_string_of_the_public_site_has_an_english_translation():
    catalogue = polib.pofile(CATALOGUE / "django.po")
    public = [e for e in catalogue if any(path.startswith(PUBLIC_SOURCES) for path, _line in e.occurrences)]
    assert len(public) > 100
    untranslated = [e.msgid for e in public if (e.msgctxt, e.msgid) not in entries([e])]
    assert not untranslated, f"public strings with no English in django.po: {untranslated}"


def test_the_committed_mo_is_compiled_from_the_committed_po():
    written = entries(polib.pofile(CATALOGUE / "django.po"))
    compiled = entries(polib.mofile(CATALOGUE / "django.mo"))
    assert written
    assert compiled == written, "django.mo is out of date: run `make messages` and commit both files"
