"""A text file's bytes as text, whatever a spreadsheet saved it as: a byte-order mark,
UTF-8, or another encoding (Windows-1252, Mac Roman...) recognised by charset-normalizer.

>>> decode("Zoë".encode("utf-8-sig"))
('Zoë', 'utf-8-sig')
>>> decode(b"Ana")
('Ana', 'utf-8')
"""

from __future__ import annotations

import codecs

from infoview_lib.errors import InfoviewError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: What a spreadsheet most often saves text in, most common first: the choice between
#: encodings charset-normalizer finds equally likely (a short file with a few accents).
COMMON = ("cp1252", "mac_roman", "iso8859_15", "latin_1", "cp1250", "cp1251", "cp1257")


class UnknownEncoding(InfoviewError):
    """Bytes that are text in no encoding we can recognise."""


def decode(data: bytes) -> tuple[str, str]:
    """``data`` as text, and the name of the encoding it was read in.

    A byte-order mark decides; then UTF-8 (what LinkedIn writes); then the encoding
    charset-normalizer finds most likely (what a spreadsheet may have re-saved it in).
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    found = from_bytes(data)
    best = found.best()
    if best is None:
        raise UnknownEncoding(
            "The file is not text that can be read (it may be a spreadsheet or a picture): "
            "save it as CSV and try again."
        )
    tied = {
        encoding
        for match in found
        if (match.chaos, match.coherence) == (best.chaos, best.coherence)
        for encoding in match.could_be_from_charset
    }
    for encoding in COMMON:
        if encoding in tied:
            return data.decode(encoding), encoding
    return str(best), best.encoding
