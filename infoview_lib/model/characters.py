"""Which characters text may hold: what is shown, and nothing hidden.

Text must hold what it looks like: a name with a hidden right-to-left mark sorts,
searches and prints differently from the name on screen. Refused are control
characters (Cc), broken halves of characters (Cs), format characters (Cf) and the
default-ignorable code points (which a font shows as nothing), from the Unicode
Character Database rather than a list of the characters someone has found so far.
Kept is what real text needs: joiners where they join (see ``_joins``) and
variation selectors after the character they select a form of.
"""

from __future__ import annotations

import re
import unicodedata

#: Default_Ignorable_Code_Point, as ranges, from DerivedCoreProperties.txt (Unicode 14.0,
#: the version of Python 3.11's unicodedata; Python has no lookup for this property).
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x115F, 0x1160),  # HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ, AA
    (0x180B, 0x180F),  # MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x200B, 0x200F),  # ZERO WIDTH SPACE .. RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # LEFT-TO-RIGHT EMBEDDING .. RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x206F),  # WORD JOINER .. NOMINAL DIGIT SHAPES
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1 .. 16
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # reserved
    (0x1BCA0, 0x1BCA3),  # SHORTHAND FORMAT controls
    (0x1D173, 0x1D17A),  # MUSICAL SYMBOL BEGIN BEAM .. END PHRASE
    (0xE0000, 0xE0FFF),  # tags, VARIATION SELECTOR-17 .. 256, reserved
)
#: Prepended_Concatenation_Mark, from PropList.txt: the format characters that are shown
#: (Arabic and Syriac number signs, which span the digits after them).
SHOWN_FORMAT = frozenset(
    (*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD)
)
#: Any default-ignorable code point: what text comparisons leave out.
IGNORABLE = re.compile(
    "["
    + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in DEFAULT_IGNORABLE)
    + "]"
)
_ZWNJ, _ZWJ = "\u200c", "\u200d"
#: Variation selectors: each picks a form of the character before it (an emoji's colour
#: form, a Mongolian letter's shape, a Japanese name's exact glyph).
_SELECTORS = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
#: Emoji skin-tone modifiers, which may come between an emoji and a joiner.
_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff]")
#: A flag of a region (England, Scotland, Wales): a black flag, the region's code in tag
#: letters and digits (2 to 7 of them, as Unicode's subdivision codes are), a cancel tag.
#: Longer runs of tags would hide text no one sees.
_TAG_SEQUENCE = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,7}\U000e007f")
#: Scripts with letters that a variation selector may give another form (standardized
#: variants): Chinese and Japanese characters, Myanmar, Phags-pa and Manichaean letters.
_VARIANT_LETTERS = ("CJK", "MYANMAR", "PHAGS-PA", "MANICHAEAN")
#: The scripts whose letters join one another, where a (non-)joiner between two
#: letters chooses their shapes (the scripts of Unicode's ArabicShaping.txt).
_JOINING_SCRIPTS = (
    "ARABIC",
    "SYRIAC",
    "NKO",
    "MONGOLIAN",
    "MANDAIC",
    "MANICHAEAN",
    "PSALTER PAHLAVI",
    "PHAGS-PA",
    "ADLAM",
    "HANIFI ROHINGYA",
    "SOGDIAN",
    "OLD UYGHUR",
    "CHORASMIAN",
)
_VIRAMA = 9  # the canonical combining class of a virama (Indic scripts)


def hidden_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    r"""Where ``text`` has a character that is not shown, and what it is, or ``None``.

    New lines and tabs are fine in a multi-line text only. The description
    says what it is: ``an invisible character (U+200F RIGHT-TO-LEFT MARK)``.

    >>> hidden_character("a\u200fb")
    (1, 'an invisible character (U+200F RIGHT-TO-LEFT MARK)')
    >>> hidden_character("\u062d\u0633\u06cc\u0646\u200c\u0632\u0627\u062f\u0647") is None
    True
    """
    if text.isprintable() and not IGNORABLE.search(text):
        return None  # the usual case, checked at C speed
    flags = {index for match in _TAG_SEQUENCE.finditer(text) for index in range(*match.span())}
    for index, char in enumerate(text):
        if char.isprintable() and not IGNORABLE.match(char):
            continue
        if index in flags or (multiline and char in "\n\t"):
            continue
        category = unicodedata.category(char)
        if category in ("Zs", "Co", "Cn") and not IGNORABLE.match(char) and not _never(char):
            continue  # a space, a private-use or a newer character: all shown
        if category == "Cf" and ord(char) in SHOWN_FORMAT:
            continue
        if char in (_ZWNJ, _ZWJ) and _joins(text, index):
            continue
        if _SELECTORS.match(char) and _selects(text, index):
            continue
        return index, _describe(char, category)
    return None


def shown_only(text: str) -> str:
    r"""``text`` without the characters :func:`hidden_character` refuses, tabs made spaces.

    For text an older infoview saved under looser rules: nothing visible changes.

    >>> shown_only("ca\u00adreer\tfair\u200f")
    'career fair'
    """
    found = hidden_character(text, multiline=True)
    while found is not None:
        index = found[0]
        text = text[:index] + text[index + 1 :]
        found = hidden_character(text, multiline=True)
    return text.replace("\t", " ")


def _never(char: str) -> bool:
    """Whether ``char`` is a noncharacter: a code point Unicode keeps out of text for good."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _describe(char: str, category: str) -> str:
    code = f"U+{ord(char):04X}"
    if category == "Cc":
        return f"a control character ({code})"
    if category == "Cs":
        return f"a broken character ({code}, half of a character that cannot be saved)"
    name = unicodedata.name(char, "")
    return f"an invisible character ({code} {name})" if name else f"an invisible character ({code})"


def _joins(text: str, index: int) -> bool:
    """Whether the joiner or non-joiner at ``index`` does its job in real text.

    After a virama (Indic scripts: Hindi, Sinhala, Malayalam...) it chooses
    how a conjunct is written; between two letters of a joining script
    (Persian, Arabic, Urdu...) it chooses whether they join; and a joiner
    between two emoji makes them one (a woman and a laptop: a woman technologist).
    """
    if index and unicodedata.combining(text[index - 1]) == _VIRAMA:
        return True
    # Before a virama, a joiner picks a conjunct's form too (Bengali ra-phala,
    # Sinhala touching letters).
    following = text[index + 1 : index + 2]
    if text[index] == _ZWJ and following and unicodedata.combining(following) == _VIRAMA:
        return True
    before = _neighbour(text, index, -1)
    after = _neighbour(text, index, +1)
    if _joining_letter(before) and _joining_letter(after):
        return True
    return text[index] == _ZWJ and _emoji(before) and _emoji(after)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character before or after ``index`` that is not a mark, selector or tone."""
    index += step
    while 0 <= index < len(text):
        char = text[index]
        if not (
            unicodedata.category(char).startswith("M")
            or _SELECTORS.match(char)
            or _MODIFIERS.match(char)
        ):
            return char
        index += step
    return ""


def _joining_letter(char: str) -> bool:
    return (
        bool(char)
        and unicodedata.category(char).startswith("L")
        and (unicodedata.name(char, "").startswith(_JOINING_SCRIPTS))
    )


def _emoji(char: str) -> bool:
    """A symbol an emoji sequence may join (most are ``So``; arrows such as ↔ are ``Sm``)."""
    return bool(char) and unicodedata.category(char) in ("So", "Sm")


def _selects(text: str, index: int) -> bool:
    r"""Whether the variation selector at ``index`` follows a character it can select a form of.

    Emoji and other symbols (``\u2764\ufe0f``), a keycap (``1\ufe0f\u20e3``), a
    Mongolian letter's shape, a Chinese or Japanese character's exact glyph (an
    ideographic variation, as some family names are registered), the letters of the
    few scripts with standardized variants: not a Latin letter (``e\ufe0f``), a
    space, or another selector, where it would change nothing.
    """
    if index == 0:
        return False
    char, base = text[index], text[index - 1]
    name = unicodedata.name(base, "")
    if "\u180b" <= char <= "\u180f":
        return name.startswith("MONGOLIAN LETTER")
    if char >= "\U000e0100":
        return name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))
    if base.isascii():
        return base in "0123456789#*" and text[index + 1 : index + 2] == "\u20e3"
    category = unicodedata.category(base)[0]
    if category == "L":
        return name.startswith(_VARIANT_LETTERS)
    return category in "PS"
