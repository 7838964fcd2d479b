"""Safe file names for reports, made from students' names.

A student's name is text typed by a person, never a path: it becomes a short
ASCII slug (letters, digits and hyphens only), so ``../../etc/passwd`` is
``etc-passwd`` and two students called the same get ``ana-lima`` and ``ana-lima-2``.

>>> slug("Zoë / Ana")
'zoe-ana'
>>> slug("王芳 (Wang Fang)")  # a name written in Latin letters too: that one is used
'wang-fang'
>>> unique_slugs(["Ana Lima", "ana lima", "Ana Lima 2"])
['ana-lima', 'ana-lima-2', 'ana-lima-2-2']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from slugify import slugify

from infoview_lib.coach.text import mostly_latin

#: Longest slug, before any ``-N`` added to tell two students apart.
MAX_LENGTH = 60
#: The slug of a name with no letters or digits to keep (emoji only, say).
FALLBACK = "student"
#: A name followed by its Latin spelling in brackets, as in "王芳 (Wang Fang)".
_LATIN_SPELLING = re.compile(r"^(?P<name>[^(]+)\((?P<latin>[^()]*[A-Za-z][^()]*)\)\s*$")


def slug(text: str) -> str:
    """A lowercase ASCII slug of ``text``: never empty, never a path separator or ``..``.

    A name in another script followed by its Latin spelling in brackets gives the
    slug of the Latin spelling, the way the student writes it, not a guessed one.
    """
    spelled = _LATIN_SPELLING.match(text)
    if spelled and not mostly_latin(spelled["name"]) and mostly_latin(spelled["latin"]):
        text = spelled["latin"]
    made = slugify(text, max_length=MAX_LENGTH, word_boundary=True, lowercase=True)
    made = "".join(c for c in made if c.isascii() and (c.isalnum() or c == "-")).strip("-")
    return made or FALLBACK


def unique_slugs(names: Iterable[str], *, reserved: Iterable[str] = ()) -> list[str]:
    """One slug per name, in order, no two alike and none of ``reserved``.

    A slug already taken gets ``-2``, ``-3``... so no two students write the same file.
    """
    taken = set(reserved)
    slugs = []
    for name in names:
        base = slug(name)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        slugs.append(candidate)
    return slugs
