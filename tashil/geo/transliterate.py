"""A Latin spelling of a Persian place name, for the English public site (Abadan for آبادان, Tehran for تهران).

Persian writes no short vowels, so a letter-by-letter spelling is a reading aid, not an official romanisation:
it is what ``load_reference`` fills in when a county has no English name, and staff may correct it on the
county's form (a correction is kept: the loader only fills blanks).
"""

import re

from tashil.core.persian import clean_text

LETTERS = {
    "ا": "a",
    "آ": "a",
    "أ": "a",
    "إ": "e",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "gh",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ئ": "y",
    "ء": "",
    "ؤ": "o",
    "ة": "h",
}
VOWELS = set("aeiou")
# Letters that are a consonant or a vowel depending on where they stand.
WAW, YEH, HEH = "و", "ی", "ه"


def _word(word):
    """Latin letters of one Persian word, as a list of sounds (a consonant, or a vowel)."""
    sounds = []
    last = len(word) - 1
    for i, letter in enumerate(word):
        before = sounds[-1] if sounds else ""
        after_vowel = not before or before[-1] in VOWELS
        if letter == WAW:
            sounds.append("v" if i == 0 or (after_vowel and before) or (i < last and word[i + 1] == "ا") else "u")
        elif letter == YEH:
            if i == 0 or (before and before[-1] in VOWELS and i < last):
                sounds.append("y")
            else:
                sounds.append("i")
        elif letter == HEH:
            sounds.append("eh" if i == last and i > 0 else "h")
        elif letter in LETTERS:
            sounds.append(LETTERS[letter])
        elif letter.isascii():
            sounds.append(letter.lower())
    sounds = [s for s in sounds if s]
    return _voweled(sounds)


def _voweled(sounds):
    """A Persian word starts with one consonant and a vowel, and holds no run of three consonants: where the
    script leaves the vowel out, put one in (e for the first syllable, a elsewhere)."""
    out, run = [], 0
    for index, sound in enumerate(sounds):
        consonant = sound[-1] not in VOWELS
        if consonant and ((index == 1 and run == 1) or run >= 2):
            out.append("e" if index == 1 else "a")
            run = 0
        out.append(sound)
        run = run + 1 if consonant else 0
    if out and len(out) == 2 and all(s[-1] not in VOWELS for s in out):
        out.insert(1, "a")
    return "".join(out)


def transliterate(name):
    """«آبادان» → "Abadan"; words capitalised, the joiner and dashes kept as spaces and hyphens."""
    text = clean_text(name).replace("\u200c", "")
    words = re.split(r"(\s+|-)", text)
    return "".join(part if not part.strip() or part == "-" else _word(part).capitalize() for part in words)
