"""Text helpers the rules share: folding for comparison, words and sentences.

>>> fold("  Zoë  O\u2019Brien ")
"zoe o'brien"
>>> words("I'd love to hear your story.")
["i'd", 'love', 'to', 'hear', 'your', 'story']
>>> sentences("Hi Ana. I'm a student! Could we talk?")
['Hi Ana.', "I'm a student!", 'Could we talk?']
"""

from __future__ import annotations

import re
import unicodedata

# Characters that do not show but split words (soft hyphen, zero-width and direction marks)
# are left out of comparisons: Unicode's default-ignorable code points.
from infoview_lib.model.characters import IGNORABLE

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACES = re.compile(r"\s+")
#: Letters that keep their mark when decomposed, folded by hand (one letter each).
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h"})
#: Combining marks (accents) left over once letters are decomposed.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
#: A part of a name in brackets: "(Ken Sato)", "(CDC)".
_BRACKETED = re.compile(r"[(\[\uff08]([^()\[\]\uff08\uff09]*)[)\]\uff09]")
#: Unicode names of the letters of scripts whose names put the family name first.
_FAMILY_FIRST_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_TOKEN = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"(?<=[a-z0-9])'(?=[a-z0-9])")


def plain(text: str) -> str:
    """``text`` with curly quotes and dashes made plain, invisible characters (soft
    hyphens, zero-width spaces, direction marks) removed and spaces collapsed; case kept.

    >>> plain("Are you hir\u00ading?")
    'Are you hiring?'
    """
    return _SPACES.sub(" ", _visible(text.translate(_TYPOGRAPHY))).strip()


def fold(text: str) -> str:
    """``text`` for comparison: plain, lower case, without accents."""
    return _unaccent(plain(text)).casefold()


def fold_lines(text: str) -> list[str]:
    """Each line of ``text`` folded, blank lines kept as empty strings."""
    folded = _unaccent(_visible(text.translate(_TYPOGRAPHY))).casefold()
    return [_SPACES.sub(" ", line).strip() for line in folded.splitlines()]


def _visible(text: str) -> str:
    """``text`` without the characters that are not shown (plain ASCII has none)."""
    return text if text.isascii() else IGNORABLE.sub("", text)


def _unaccent(text: str) -> str:
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).translate(_LETTERS)


def words(text: str) -> list[str]:
    """The words of ``text``, folded; contractions and hyphenated words stay whole."""
    return _WORD.findall(fold(text))


def folded_words(folded: str) -> list[str]:
    """The words of text already :func:`fold`-ed."""
    return _WORD.findall(folded)


def tokens(text: str) -> list[str]:
    """Folded letters and digits; an apostrophe inside a word joins it.

    >>> tokens("Dr. Zoë O'Brien-Müller")
    ['dr', 'zoe', 'obrien', 'muller']
    """
    return _TOKEN.findall(_APOSTROPHES.sub("", fold(text)))


#: Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset({"mr.", "ms.", "mrs.", "mx.", "dr.", "prof.", "st.", "e.g.", "i.e."})


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (a rough cut: enough to find "early" and "the ask").

    >>> sentences("Dear Ms. Ng, we met. Thanks!")
    ['Dear Ms. Ng, we met.', 'Thanks!']
    """
    merged: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        if merged and merged[-1].rsplit(" ", 1)[-1].casefold() in _ABBREVIATIONS:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def mostly_latin(text: str) -> bool:
    """Whether most letters of ``text`` are Latin letters, the only ones the word lists read.

    >>> mostly_latin("Zoë O'Brien"), mostly_latin("Здравствуйте, Ольга")
    (True, False)
    """
    folded = _unaccent(text)
    letters = [char for char in folded if char.isalpha()]
    return not letters or sum(char.isascii() for char in letters) * 2 >= len(letters)


def first_name(full_name: str) -> str:
    """The name to greet someone by: the first word of their name, past a title.

    Chinese, Japanese and Korean names put the family name first, so one written in those
    scripts is greeted whole, or by the Latin-letter name given in brackets after it.
    Brackets after a Latin-letter name (an employer, a nickname) are left out.

    >>> first_name("Dr. Maria Lopez"), first_name("Priya Raman (CDC)")
    ('Maria', 'Priya')
    >>> first_name("佐藤 健 (Ken Sato)"), first_name("佐藤 健"), first_name("김민준")
    ('Ken', '佐藤 健', '김민준')
    """
    name = plain(full_name)
    bracketed = _BRACKETED.search(name)
    outside = plain(_BRACKETED.sub(" ", name)) or name
    if _family_name_first(outside):
        if bracketed and not _family_name_first(bracketed.group(1)):
            return first_name(bracketed.group(1))
        return outside
    parts = [part for part in outside.split(" ") if part]
    titles = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx."}
    while len(parts) > 1 and parts[0].casefold() in titles:
        parts.pop(0)
    return parts[0] if parts else ""


def _family_name_first(name: str) -> bool:
    """Whether ``name`` is written in Chinese, Japanese or Korean letters."""
    return any(
        unicodedata.name(char, "").startswith(_FAMILY_FIRST_SCRIPTS)
        for char in name
        if char.isalpha()
    )


def as_written(original: str, folded_excerpt: str) -> str:
    """The words of ``original`` that fold to ``folded_excerpt``, as the student wrote them.

    The excerpt runs on to the end of its last word. When the original cannot be
    matched letter for letter (rare letters that fold to two), the folded words
    are returned instead.

    >>> as_written("Could you pass my Résumé along?", "pass my resume")
    'pass my Résumé'
    >>> as_written("Connect me with your recruiters", "connect me with your recruit")
    'Connect me with your recruiters'
    """
    unaccented = _unaccent(original.translate(_TYPOGRAPHY))
    parts = folded_excerpt.split()
    if len(unaccented) != len(original) or not parts:
        return folded_excerpt
    pattern = r"\s+".join(re.escape(part) for part in parts) + r"\w*"
    match = re.search(pattern, unaccented, re.IGNORECASE)
    return original[match.start() : match.end()] if match else folded_excerpt


def quote(text: str, limit: int = 60) -> str:
    """A short excerpt of student text for a message, cut at a word if long.

    >>> quote("and maybe an internship")
    '"and maybe an internship"'
    """
    text = plain(text)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "..."
    return f'"{text}"'
