"""Text helpers the rules share: folding for comparison, words and sentences.

>>> fold("  Zoë  O’Brien ")
"zoe o'brien"
>>> words("I'd love to hear your story.")
["i'd", 'love', 'to', 'hear', 'your', 'story']
>>> sentences("Hi Ana. I'm a student! Could we talk?")
['Hi Ana.', "I'm a student!", 'Could we talk?']
"""

from __future__ import annotations

import re
import unicodedata

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
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def plain(text: str) -> str:
    """``text`` with curly quotes and dashes made plain and spaces collapsed; case kept."""
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def fold(text: str) -> str:
    """``text`` for comparison: plain, lower case, without accents."""
    text = plain(text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return text.casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, folded; contractions and hyphenated words stay whole."""
    return _WORD.findall(fold(text))


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (a rough cut: enough to find "early" and "the ask")."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def first_name(full_name: str) -> str:
    """The first word of a name, for a greeting.

    >>> first_name("Dr. Maria Lopez")
    'Maria'
    """
    parts = [part for part in plain(full_name).split(" ") if part]
    titles = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx."}
    while len(parts) > 1 and parts[0].casefold() in titles:
        parts.pop(0)
    return parts[0] if parts else ""


def quote(text: str, limit: int = 60) -> str:
    """A short excerpt of student text for a message, cut at a word if long.

    >>> quote("and maybe an internship")
    '"and maybe an internship"'
    """
    text = plain(text)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "..."
    return f'"{text}"'
