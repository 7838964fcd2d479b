"""Long lists of phrases, searched fast: joined into one pattern, or tried only at the words
each can start with.

Shared by the checks whose lists of asks run to a hundred entries (the outreach check's
Assessor trap, the question check's out-of-bounds asks): trying every entry at every word
made them slower than the 2 ms a form has on each keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_START = re.compile(r"\b(?=[a-z])")

#: An escape or a named group's name (kept as written), or other pattern text (lower-cased).
_ESCAPE_OR_TEXT = re.compile(r"(\\.|\(\?P<\w+>|\(\?P=\w+\))|([^\\(]+|\()", re.DOTALL)


def lower_pattern(pattern: str) -> str:
    r"""A pattern in lower case; its escapes (like ``\S`` or ``\B``) and group names kept.

    >>> lower_pattern(r"\bHiring\S+(?P<Rest>X)")
    '\\bhiring\\S+(?P<Rest>x)'
    """
    return _ESCAPE_OR_TEXT.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)


def _has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside any group or character set.

    >>> _has_top_level_bar(r"\bfoo|bar"), _has_top_level_bar(r"\b(foo|bar)[|]")
    (True, False)
    """
    depth, in_set, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def joined(patterns: list[str]) -> re.Pattern[str]:
    r"""Patterns already in lower case, joined into one.

    Entries that start at a word boundary share one ``\b``: the engine then skips the
    whole list at once inside words, which makes the checks several times faster.

    >>> joined([r"\bhire me\b", r"x+y"]).pattern
    '\\b(?:(?:hire me\\b))|(?:x+y)'
    """
    shared = [p for p in patterns if p.startswith(r"\b") and not _has_top_level_bar(p)]
    bounded = [p[2:] for p in shared]
    others = [p for p in patterns if p not in shared]
    branches = [rf"\b(?:{'|'.join(f'(?:{b})' for b in bounded)})"] if bounded else []
    branches += [f"(?:{other})" for other in others]
    return re.compile("|".join(branches))


@dataclass(frozen=True, slots=True)
class Phrases:
    r"""A long list of phrases, tried at each word only where they can start: a list of a
    hundred phrases is then searched several times faster than by trying each at each word.

    An entry is indexed by its first letter when it starts with ``\b`` and a word or a
    group of plain words; any other entry is searched for everywhere, as before.

    >>> phrases = Phrases.of([r"\b(are|is) you hiring\b", r"\bhire me\b", "x+y"])
    >>> [m.group(0) for m in phrases.finditer("hire me? are you hiring? xxy")]
    ['hire me', 'are you hiring', 'xxy']
    """

    by_letter: dict[str, re.Pattern[str]]
    others: re.Pattern[str] | None

    @classmethod
    def of(cls, entries: list[str]) -> Phrases:
        """The phrases of ``entries``, patterns already in lower case."""
        letters: dict[str, list[str]] = {}
        others: list[str] = []
        for entry in entries:
            starts = _first_letters(entry)
            if not starts:
                others.append(entry)
            for letter in starts:
                letters.setdefault(letter, []).append(entry[2:])
        return cls(
            {
                letter: re.compile("|".join(f"(?:{body})" for body in bodies))
                for letter, bodies in letters.items()
            },
            re.compile("|".join(f"(?:{other})" for other in others)) if others else None,
        )

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every match, in the order of the text (one per word where the phrase starts)."""
        found = []
        by_letter = self.by_letter
        for word in _WORD_START.finditer(text):
            at = word.start()
            pattern = by_letter.get(text[at])
            if pattern is not None:
                match = pattern.match(text, at)
                if match is not None:
                    found.append(match)
        if self.others is not None:
            found += self.others.finditer(text)
            found.sort(key=lambda match: match.start())
        return found


def _first_letters(entry: str) -> set[str]:
    r"""The letters an entry starting with ``\b`` can start with; empty when unsure.

    >>> sorted(_first_letters(r"\b(work(ing)?|interning) at")), _first_letters(r"\b(a )?fit")
    (['i', 'w'], set())
    """
    if not entry.startswith("\\b") or len(entry) < 3:
        return set()
    if entry[2].isalpha():
        return {entry[2]}
    if entry[2] != "(" or entry[3:4] == "?":
        return set()
    depth, start, alternatives = 0, 3, []
    for at in range(3, len(entry)):  # the first group's alternatives, at its own level
        char = entry[at]
        if entry[at - 1] == "\\" or char not in "()|":
            continue
        if char == "(":
            depth += 1
        elif char == "|" and depth == 0:
            alternatives.append(entry[start:at])
            start = at + 1
        elif char == ")":
            if depth == 0:
                alternatives.append(entry[start:at])
                if entry[at + 1 : at + 2] in {"?", "*", "{"}:
                    return set()  # the group may be left out
                break
            depth -= 1
    else:
        return set()
    if not all(alternative[:1].isalpha() for alternative in alternatives):
        return set()
    return {alternative[0] for alternative in alternatives}
