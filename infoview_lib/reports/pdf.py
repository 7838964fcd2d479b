"""Notebooks to print-ready HTML and PDF: infoview's nbconvert exporters.

``InfoviewHTMLExporter`` renders a notebook with infoview's own template (outputs and
Markdown only: no code, no prompts, no URLs) and print CSS. ``InfoviewPDFExporter`` turns
that HTML into a PDF with WeasyPrint in the same process. Both are registered as nbconvert
exporters, so ``jupyter nbconvert --to infoview_pdf NOTEBOOK`` works once infoview is
installed. The pages' CSS and their PDFs, tagged (PDF/UA-1) and made offline, are
:mod:`~infoview_lib.reports.printing`'s, whose names are here too.
"""

from __future__ import annotations

import base64
import html
import re
import threading
from typing import Any

from nbconvert.exporters import HTMLExporter
from nbformat import NotebookNode
from traitlets import Bool, Unicode, default, validate
from traitlets.config import Config

from infoview_lib.reports.printing import (
    PAPER_SIZES,
    PDF_VARIANT,
    TEMPLATE_NAME,
    TEMPLATES_DIR,
    DataOnlyFetcher,
    PaperSizeError,
    document_html,
    document_pdf,
    html_to_pdf,
    normalise_paper,
    report_css,
)

__all__ = [
    "PAPER_SIZES",
    "PDF_VARIANT",
    "TEMPLATES_DIR",
    "TEMPLATE_NAME",
    "DataOnlyFetcher",
    "InfoviewHTMLExporter",
    "InfoviewPDFExporter",
    "PaperSizeError",
    "document_html",
    "document_pdf",
    "html_to_pdf",
    "normalise_paper",
    "notebook_html",
    "notebook_pdf",
    "report_css",
]

_STUDENT_H1 = re.compile(r'<h1 class="[^"]*\binfoview-student\b[^"]*">(.*?)</h1>', re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _titled_by_student(page: str) -> str:
    """Give the page the student's name (from ``h1.infoview-student``) as its title."""
    found = _STUDENT_H1.search(page)
    if found is None:
        return page
    name = html.unescape(_TAG.sub("", found.group(1))).strip()
    title = f"<title>{html.escape(name)} · infoview report</title>"
    return _TITLE.sub(lambda _: title, page, count=1)


def _infoview_base64(text: object) -> str:
    return base64.b64encode(str(text).encode("utf-8")).decode("ascii")


class InfoviewHTMLExporter(HTMLExporter):
    """HTML for print: outputs and Markdown, no code or prompts, inline CSS, no URLs."""

    export_from_notebook = "Infoview report (HTML)"

    paper = Unicode("A4", help="Paper size: A4 or Letter (any case).").tag(config=True)
    include_stderr = Bool(
        False, help="Show what cells wrote to stderr (warnings); hidden by default."
    ).tag(config=True)
    # A report shows outputs and Markdown only: no code, no prompts, no heading links.
    exclude_input = Bool(True, help="Leave out code cells' input.").tag(config=True)
    exclude_input_prompt = Bool(True, help="Leave out input prompts.").tag(config=True)
    exclude_output_prompt = Bool(True, help="Leave out output prompts.").tag(config=True)
    exclude_anchor_links = Bool(True, help="Leave out headings' anchor links.").tag(config=True)

    def __init__(self, config: Config | None = None, **kw: Any) -> None:
        super().__init__(config=config, **kw)  # type: ignore[no-untyped-call]

    @validate("paper")
    def _validate_paper(self, proposal: dict[str, Any]) -> str:
        return normalise_paper(proposal["value"])

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(TEMPLATES_DIR)]

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"

    def default_filters(self) -> Any:
        """nbconvert's filters plus ``infoview_base64`` (for inline SVG images)."""
        yield from super().default_filters()  # type: ignore[no-untyped-call]
        yield ("infoview_base64", _infoview_base64)

    def _init_resources(self, resources: Any) -> Any:
        resources = super()._init_resources(resources)  # type: ignore[no-untyped-call]
        metadata = resources.get("metadata", {})
        resources["infoview"] = {
            "css": report_css(self.paper),
            "lang": self.language_code,
            "title": metadata.get("name") or "infoview report",
            "include_stderr": self.include_stderr,
        }
        return resources

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """Render ``nb`` to a whole HTML page, titled with the student's name if it has one."""
        page, resources = super().from_notebook_node(nb, resources, **kw)
        return _titled_by_student(page), resources


class InfoviewPDFExporter(InfoviewHTMLExporter):
    """PDF made in-process by WeasyPrint from ``InfoviewHTMLExporter``'s HTML."""

    export_from_notebook = "Infoview report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        """Render ``nb`` to PDF bytes."""
        page, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(page), resources


#: Each thread's exporters, one per paper size (see :func:`notebook_html`).
_EXPORTERS = threading.local()


def notebook_html(nb: NotebookNode, paper: str = "A4") -> str:
    """``nb`` as :class:`InfoviewHTMLExporter` renders it, by this thread's exporter for ``paper``.

    An exporter is made once per thread and paper size: making one loads and
    compiles its templates, more than rendering a report takes. nbconvert uses one
    exporter for many notebooks, but no exporter for two at once: one per thread.
    """
    page, _ = _kept_exporter(normalise_paper(paper)).from_notebook_node(nb)
    return page


def _kept_exporter(paper: str) -> InfoviewHTMLExporter:
    """This thread's exporter for ``paper``, made the first time it is asked for."""
    kept: dict[str, InfoviewHTMLExporter] = _EXPORTERS.__dict__.setdefault("by_paper", {})
    exporter = kept.get(paper)
    if exporter is None:
        exporter = kept[paper] = InfoviewHTMLExporter(paper=paper)
    return exporter


def notebook_pdf(nb: NotebookNode, paper: str = "A4") -> bytes:
    """``nb`` as :class:`InfoviewPDFExporter` renders it (from :func:`notebook_html`)."""
    return html_to_pdf(notebook_html(nb, paper))
