"""Spreadsheet cells made safe: text a spreadsheet would run as a formula stays text.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or a carriage return, which
some spreadsheets skip before looking) is read as a formula by Excel, LibreOffice and
Google Sheets, so a contact's name typed as ``=HYPERLINK(...)`` would run when the file
is opened (OWASP, "CSV injection"). Such text gets a leading apostrophe.
"""

from __future__ import annotations

#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value``, with text that would run as a formula made plain text by a leading ``'``.

    >>> neutralise("=HYPERLINK(1)"), neutralise("+1 555 010 0187")
    ("'=HYPERLINK(1)", "'+1 555 010 0187")
    >>> neutralise("Ana"), neutralise(-3)
    ('Ana', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
