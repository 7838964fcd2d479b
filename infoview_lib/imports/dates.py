"""The day a connection was made, as LinkedIn and spreadsheets have written it.

>>> [connected_day(text) for text in ("30 May 2024", "1/8/18, 6:14 PM", "23-Nov-21")]
[datetime.date(2024, 5, 30), datetime.date(2018, 1, 8), datetime.date(2021, 11, 23)]
>>> connected_day("soon") is None
True
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

#: The layouts seen, most common first: today's export, 2018's (US month first, with a
#: time), a spreadsheet's re-save, ISO.
_FORMATS = (
    "%d %b %Y",
    "%m/%d/%y",
    "%m/%d/%Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%Y-%m-%d",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d/%m/%y",
    "%d/%m/%Y",
    "%d.%m.%Y",
)
#: A time after the day ("6:14 PM", "18:14:00"), left out: only the day is kept.
_TIME = re.compile(r"[,\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # a file repeats its days: parse each once
def connected_day(text: str) -> date | None:
    """The day in ``text``, or ``None`` if it names none (empty, or a layout not known).

    Slashed days are read month first, as LinkedIn wrote them ("1/8/18" is 8 January
    2018), unless the first number cannot be a month ("30/5/2024").
    """
    cleaned = " ".join(_TIME.sub("", text.strip()).replace(",", " ").split())
    if not cleaned:
        return None
    for layout in _FORMATS:
        try:
            return datetime.strptime(cleaned, layout).date()
        except ValueError:
            continue
    return None
