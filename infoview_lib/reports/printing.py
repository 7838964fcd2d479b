"""Whole HTML pages to print: infoview's print CSS, and tagged PDFs made by WeasyPrint.

``html_to_pdf`` renders a page; ``document_html``/``document_pdf`` give documents that
are not notebooks (the cohort summary) the report's look. The notebooks' exporters
(:mod:`~infoview_lib.reports.pdf`) use them; what uses only them (the cohort summary, the
interview sheet) does not import nbconvert, nor what it imports (nbformat's JSON schema
checks take a second to import).

Every PDF is WeasyPrint's PDF/UA-1 variant: tagged (a structure tree made from the HTML:
headings, lists, tables with their header cells, images as figures with their ``alt``),
with the page's ``lang`` and ``<title>`` in the catalogue and the title shown in the
viewer's window, so a screen reader can follow it.

Nothing here reaches the network: WeasyPrint gets a fetcher that refuses every URL but
``data:`` ones.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import weasyprint
from traitlets import TraitError

from infoview_lib.errors import InfoviewError

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "infoview_report"
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
#: WeasyPrint's PDF variant for every report: PDF/UA-1, a tagged PDF for screen readers.
PDF_VARIANT = "pdf/ua-1"


class PaperSizeError(InfoviewError, TraitError):
    """A paper size infoview does not know."""


def normalise_paper(paper: str) -> str:
    """Return "A4" or "Letter" for any spelling of them; anything else is a plain error."""
    name = PAPER_SIZES.get(str(paper).strip().lower())
    if name is None:
        raise PaperSizeError(f"Unknown paper size {paper!r}: use A4 or Letter.")
    return name


@cache
def _base_css() -> str:
    return (TEMPLATES_DIR / TEMPLATE_NAME / "report.css").read_text(encoding="utf-8")


def report_css(paper: str = "A4") -> str:
    """The print CSS for ``paper`` ("A4" or "Letter")."""
    size = normalise_paper(paper)
    return f"{_base_css()}\n@page {{ size: {size}; }}\n"


class DataOnlyFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        if not url.lower().startswith("data:"):
            raise ValueError(f"infoview reports never fetch URLs; refused {url[:80]!r}")
        return super().fetch(url, headers)


def html_to_pdf(page: str) -> bytes:
    """Render a whole HTML page to a tagged PDF (PDF/UA-1), offline and without dates in
    the metadata; the page must have a ``lang``, a ``<title>`` and an ``alt`` on each image."""
    document = weasyprint.HTML(string=page, base_url=None, url_fetcher=DataOnlyFetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)
    return pdf


def document_html(body_html: str, *, title: str, paper: str = "A4", meta: str = "") -> str:
    """A whole HTML page around ``body_html`` with the report CSS.

    ``body_html`` must already be safe HTML (escape every piece of student text). ``title``
    and ``meta`` are plain text: they are escaped here and shown as the page's heading and
    the line under it (both also go into the running page header).
    """
    meta_line = f'<p class="infoview-meta">{html.escape(meta)}</p>\n' if meta else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{report_css(paper)}</style>\n</head>\n<body>\n"
        '<main class="infoview-document">\n'
        f'<h1 class="infoview-doc-title">{html.escape(title)}</h1>\n'
        f"{meta_line}{body_html}\n</main>\n</body>\n</html>\n"
    )


def document_pdf(body_html: str, *, title: str, paper: str = "A4", meta: str = "") -> bytes:
    """``document_html`` rendered to PDF bytes."""
    return html_to_pdf(document_html(body_html, title=title, paper=paper, meta=meta))
