"""Persian text: one normaliser for search and uniqueness, digit scripts, and number formatting.

Three levels, each built on the previous one and each idempotent:

* ``clean_text`` tidies what a person typed before it is stored: Arabic ي/ك become Persian ی/ک, invisible
  bidi and zero-width characters go, ZWNJ stays (once, never beside a space), white space collapses.
* ``normalize`` is the comparison key with word boundaries: digits in one (Latin) script, diacritics,
  tatweel and hamza variants dropped, ZWNJ and every kind of space folded to one space, Latin case folded.
  "صنايع كوچك" and "صنایع  کوچک" normalise equal.
* ``search_key`` is ``normalize`` without the spaces, so "نیمه‌فعال", "نیمه فعال" and "نیمهفعال" all meet.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

ZWNJ = "\u200c"
THOUSANDS_SEPARATOR = "٬"
DECIMAL_SEPARATOR = "٫"

_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN_DIGITS = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# Letters people type from Arabic keyboards or paste from older software.
_LETTERS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura
        "ئ": "ی",  # yeh with hamza, as in مسئول / مسیول
        "ك": "ک",  # Arabic kaf
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",  # heh with yeh above (خانۀ)
        "ە": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
    }
)
_STORAGE_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})

# Invisible characters that carry no meaning in a stored name: bidi marks and embeddings, zero-width
# space and joiner, soft hyphen, BOM.
_INVISIBLE = re.compile("[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]")
# Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef...) and tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_OR_ZWNJ_RUN = re.compile(f"[ {ZWNJ}]+")


def fold_digits(value):
    """Persian and Arabic-Indic digits to Latin ones: what numbers, IDs and phones are stored in."""
    return str(value).translate(_TO_LATIN_DIGITS)


def to_persian_digits(value):
    """Latin and Arabic-Indic digits to Persian ones: what a Persian reader sees."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


# Anything clean_text would change: invisible marks, Arabic letters, whitespace other than a lone space,
# doubled or dangling spaces and ZWNJs. Text without any of these (most cells of a sheet) is already clean.
_NEEDS_TIDYING = re.compile(
    "[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeffيىك"
    "\t\n\r\f\v\x1c-\x1f\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    f"|  |[ {ZWNJ}]{ZWNJ}|{ZWNJ} |^[ {ZWNJ}]|[ {ZWNJ}]$"
)


def clean_text(value):
    """Tidy typed text for storage, keeping its meaning, its digits and its ZWNJ."""
    if value is None or value == "":
        return ""
    text = str(value)
    if unicodedata.is_normalized("NFKC", text) and not _NEEDS_TIDYING.search(text):
        return text
    return _tidy_text(text)


def _tidy_text(value):
    text = unicodedata.normalize("NFKC", value).translate(_STORAGE_LETTERS)
    text = _INVISIBLE.sub("", text)
    lines = []
    for line in text.splitlines():
        line = _SPACES.sub(" ", line)
        line = _SPACE_OR_ZWNJ_RUN.sub(lambda m: " " if " " in m.group(0) else ZWNJ, line)
        lines.append(line.strip(" " + ZWNJ))
    return "\n".join(lines).strip()


def normalize(value):
    """The comparison key with word boundaries (see the module docstring)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_LETTERS).translate(_TO_LATIN_DIGITS)
    text = text.replace(ZWNJ, " ")
    text = _SPACES.sub(" ", text).strip()
    return text.casefold()


def search_key(value):
    """``normalize`` without spaces: the form stored in search columns and applied to every query."""
    # Removing spaces can bring a base letter next to a combining mark: compose again.
    return unicodedata.normalize("NFKC", normalize(value).replace(" ", ""))


def format_number(value, decimals=None, persian=True):
    """A number with grouped thousands (۱۲٬۳۴۵٫۶) in Persian digits, or Latin ones when ``persian`` is false."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if decimals is None:
        # Every significant decimal, never rounded: what is shown in a form is saved back unchanged.
        number = number.normalize() if number != number.to_integral_value() else number.quantize(Decimal(1))
        decimals = max(-number.as_tuple().exponent, 0)
    text = f"{number:,.{decimals}f}"
    if not persian:
        return text
    return to_persian_digits(text.replace(",", "\0").replace(".", DECIMAL_SEPARATOR).replace("\0", THOUSANDS_SEPARATOR))


def format_percent(value, decimals=0, persian=True):
    """A share as ۷۶٫۱٪ (format_number and the Persian percent sign; 76.1% in Latin digits), or «—» when there is
    none."""
    if value is None or value == "":
        return "—"
    return f"{format_number(value, decimals, persian=persian)}{'٪' if persian else '%'}"


_NUMBER_SEPARATORS = str.maketrans({THOUSANDS_SEPARATOR: "", ",": "", "،": "", " ": "", DECIMAL_SEPARATOR: "."})


def parse_number(value):
    """A Decimal from text in any digit script with Persian or Latin separators; ValueError when it is not one."""
    text = fold_digits(clean_text(value)).translate(_NUMBER_SEPARATORS)
    if not text:
        raise ValueError("empty")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
