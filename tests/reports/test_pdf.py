# mypy: disable-error-code="arg-type"
# (these tests give choices as text, as forms and files do)
"""The print template, CSS and exporters: notebooks to HTML and PDF without code or URLs."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat import NotebookNode
from pypdf import PdfReader

from infoview_lib.errors import InfoviewError
from infoview_lib.reports.pdf import (
    DataOnlyFetcher,
    InfoviewHTMLExporter,
    InfoviewPDFExporter,
    _kept_exporter,
    document_html,
    document_pdf,
    normalise_paper,
    notebook_html,
    notebook_pdf,
)

# A 1x1 transparent PNG.
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    "AAAABJRU5ErkJggg=="
)
HOSTILE_NAME = "Zoë <script>alert(1)</script> <b>Bold</b> Müller"
LONG_WORD = "w" * 5000
RTL = "مرحبا بالعالم שלום עולם"
EMOJI = "🎉"


def _title_block(name: str) -> str:
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<h1 class="infoview-student">{escaped}</h1>'
        '<p class="infoview-meta">As of 2026-03-01 · Advisor: Dr Ada · Confidential</p>'
    )


def _code(source: str, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": f"code-{len(source)}-{len(outputs)}",
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": source,
        "outputs": outputs,
    }


def _display(data: dict[str, str]) -> dict[str, Any]:
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _notebook(body_html: str, *, rows: int = 3) -> NotebookNode:
    table = "".join(f"<tr><td>Contact {i}</td><td>identified</td></tr>" for i in range(rows))
    html_out = (
        f"{body_html}<h2>Contacts</h2><table><thead><tr><th>Name</th><th>Status</th></tr></thead>"
        f"<tbody>{table}</tbody></table>"
    )
    cells = [
        {
            "id": "markdown-1",
            "cell_type": "markdown",
            "metadata": {},
            "source": "## Markdown heading\n\nSome *markdown* prose.",
        },
        _code(
            "secret_source_line = compute()\nprint('stdout line')",
            [
                {"output_type": "stream", "name": "stdout", "text": "stdout line\n"},
                {"output_type": "stream", "name": "stderr", "text": "noisy warning\n"},
            ],
        ),
        _code(
            "show_report()",
            [
                _display({"text/html": html_out, "text/plain": "HTML"}),
                _display({"image/png": PNG, "text/plain": "Figure"}),
            ],
        ),
        _code(
            "40 + 2",
            [
                {
                    "output_type": "execute_result",
                    "execution_count": 3,
                    "data": {"text/plain": "42"},
                    "metadata": {},
                }
            ],
        ),
    ]
    return _node(cells)


def _node(cells: list[dict[str, Any]]) -> NotebookNode:
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "cells": cells,
    }
    node: NotebookNode = nbformat.from_dict(notebook)  # type: ignore[no-untyped-call]
    return node


def _pdf_text(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    pdf, _ = InfoviewPDFExporter().from_notebook_node(
        _notebook(_title_block("Wang Fang"), rows=120)
    )
    return pdf


def test_pdf_has_markdown_and_outputs_but_no_code_or_prompts(report_pdf: bytes) -> None:
    _, pages = _pdf_text(report_pdf)
    text = "\n".join(pages)
    assert "Markdown heading" in text
    assert "Some markdown prose." in text
    assert "stdout line" in text
    assert "Contact 119" in text
    assert "42" in text
    assert "secret_source_line" not in text
    assert "show_report" not in text
    assert "In [" not in text
    assert "Out[" not in text
    assert "noisy warning" not in text


def test_every_page_has_header_footer_and_page_numbers(report_pdf: bytes) -> None:
    _, pages = _pdf_text(report_pdf)
    assert len(pages) >= 2, "120 rows should take more than one page"
    for number, text in enumerate(pages, start=1):
        assert f"Confidential · Page {number} of {len(pages)}" in text
        assert "Wang Fang" in text
        assert "As of 2026-03-01" in text
        assert "Name Status" in text or number == 1  # table headers repeat on each page


def test_pdf_is_deterministic() -> None:
    nb = _notebook(_title_block("Wang Fang"))
    first, _ = InfoviewPDFExporter().from_notebook_node(nb)
    second, _ = InfoviewPDFExporter().from_notebook_node(nb)
    assert _pdf_text(first)[1] == _pdf_text(second)[1]
    assert first == second


def test_documents_that_are_no_notebooks_print_without_nbconvert() -> None:
    """The cohort summary and the interview sheet: nbconvert's imports take a second."""
    modules = "infoview_lib.reports.printing, infoview_lib.reports.sheet"
    code = f"import sys, {modules}; print(sorted({{'nbconvert', 'nbformat'}} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_thread_keeps_its_exporters_and_they_render_as_new_ones_do() -> None:
    first, second = _notebook(_title_block("Wang Fang")), _notebook(_title_block("Ana"))
    for nb in (first, second, first):  # one kept exporter, notebook after notebook
        page, _ = InfoviewHTMLExporter(paper="Letter").from_notebook_node(nb)
        assert notebook_html(nb, "letter") == page
    pdf, _ = InfoviewPDFExporter().from_notebook_node(second)
    assert notebook_pdf(second) == pdf

    kept = _kept_exporter("A4")
    assert _kept_exporter("A4") is kept
    assert _kept_exporter("Letter") is not kept
    elsewhere: list[InfoviewHTMLExporter] = []
    thread = threading.Thread(target=lambda: elsewhere.append(_kept_exporter("A4")))
    thread.start()
    thread.join()
    assert elsewhere[0] is not kept  # no exporter renders two notebooks at once


@pytest.mark.parametrize(
    ("paper", "size"), [("A4", (595, 842)), ("letter", (612, 792)), ("LETTER", (612, 792))]
)
def test_paper_size(paper: str, size: tuple[int, int]) -> None:
    pdf, _ = InfoviewPDFExporter(paper=paper).from_notebook_node(_notebook(""))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_unknown_paper_size_is_a_plain_error() -> None:
    with pytest.raises(InfoviewError, match="use A4 or Letter"):
        InfoviewPDFExporter(paper="A5")
    with pytest.raises(InfoviewError, match="use A4 or Letter"):
        document_pdf("<p>x</p>", title="t", paper="legal")
    assert normalise_paper(" a4 ") == "A4"


def test_hostile_text_is_shown_as_text_and_long_words_wrap() -> None:
    body = _title_block(HOSTILE_NAME) + (
        f"<p>{LONG_WORD}</p><p>{RTL} {EMOJI}</p>"
        "<p>&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;</p>"
    )
    pdf, _ = InfoviewPDFExporter().from_notebook_node(_notebook(body))
    _, pages = _pdf_text(pdf)
    text = "\n".join(pages)
    assert "\x00" not in text, (
        "PDF text is garbled: a glyph is missing (emoji need Debian's fonts-noto-color-emoji)"
    )
    assert EMOJI in text
    assert "<script>alert(1)</script>" in text
    assert "<b>Bold</b>" in text
    assert "body{display:none}" in text
    assert "Contact 2" in text  # no CSS break hid the rest
    assert "שלום" in text or "םולש" in text
    # The 5,000-character word wraps: every character is there, over a sane number of pages.
    assert text.replace("\n", "").count("w" * 80) >= 1
    assert sum(line.count("w") for line in text.splitlines() if set(line) == {"w"}) == 5000
    assert len(pages) <= 4
    # The student's name in the running header comes from the page, escaped.
    assert all(HOSTILE_NAME in page for page in pages)


def test_html_has_no_urls_code_or_prompts() -> None:
    page, resources = InfoviewHTMLExporter().from_notebook_node(_notebook(_title_block("Ana")))
    assert resources["output_extension"] == ".html"
    assert "http://" not in page
    assert "https://" not in page
    assert "<script" not in page
    assert "secret_source_line" not in page
    assert "jp-InputPrompt" not in page
    assert "data:image/png;base64," in page
    assert "@page { size: A4; }" in page


def test_error_outputs_are_shown_plainly() -> None:
    nb = _notebook("")
    error = {
        "output_type": "error",
        "ename": "InfoviewError",
        "evalue": "\x1b[31mCannot open workbook\x1b[0m",
        "traceback": ["\x1b[31mTraceback (most recent call last)\x1b[0m"],
    }
    nb.cells.append(_node([_code("open_report()", [error])]).cells[0])
    page, _ = InfoviewHTMLExporter().from_notebook_node(nb)
    assert "InfoviewError: Cannot open workbook" in page
    assert "\x1b" not in page
    assert "Traceback" not in page


def test_fetcher_refuses_everything_but_data_urls() -> None:
    fetcher = DataOnlyFetcher()
    for url in ("http://example.invalid/x.png", "https://example.invalid/", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="never fetch"):
            fetcher.fetch(url)
    data_url = "data:image/png;base64," + PNG
    assert fetcher.fetch(data_url).read() == base64.b64decode(PNG)


def test_remote_images_are_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = DataOnlyFetcher.fetch

    def spy(self: DataOnlyFetcher, url: str, headers: dict[str, str] | None = None) -> object:
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(DataOnlyFetcher, "fetch", spy)
    body = '<img src="http://example.invalid/track.png" alt="tracker"><p>after the image</p>'
    pdf, _ = InfoviewPDFExporter().from_notebook_node(_notebook(body))
    assert "after the image" in "\n".join(_pdf_text(pdf)[1])
    assert "http://example.invalid/track.png" in asked  # asked, and refused by the fetcher


def test_document_pdf_for_non_notebook_documents() -> None:
    body = (
        "<table><thead><tr><th>Student</th></tr></thead><tbody>"
        + "".join(f"<tr><td>Student {i}</td></tr>" for i in range(90))
        + "</tbody></table>"
    )
    page = document_html(body, title="Cohort <summary>", meta="As of 2026-03-01")
    assert '<h1 class="infoview-doc-title">Cohort &lt;summary&gt;</h1>' in page
    _, pages = _pdf_text(document_pdf(body, title="Cohort <summary>", meta="As of 2026-03-01"))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "Cohort <summary>" in text
        assert f"Confidential · Page {number} of {len(pages)}" in text


def _jupyter() -> str:
    exe = Path(sys.executable).with_name("jupyter")
    return str(exe) if exe.exists() else (shutil.which("jupyter") or "jupyter")


@pytest.mark.parametrize(("to", "suffix"), [("infoview_pdf", ".pdf"), ("infoview_html", ".html")])
def test_nbconvert_command_line_finds_the_exporters(tmp_path: Path, to: str, suffix: str) -> None:
    notebook = tmp_path / "small.ipynb"
    nbformat.write(_notebook(_title_block("Liam O'Connor")), notebook)  # type: ignore[no-untyped-call]
    done = subprocess.run(
        [_jupyter(), "nbconvert", "--to", to, "--InfoviewHTMLExporter.paper=Letter", notebook],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    output = notebook.with_suffix(suffix)
    assert output.exists()
    if suffix == ".pdf":
        reader, pages = _pdf_text(output.read_bytes())
        assert round(float(reader.pages[0].mediabox.width)) == 612
        assert "Liam O'Connor" in pages[0]
        assert "secret_source_line" not in "".join(pages)
    else:
        assert "Liam O&#x27;Connor" in output.read_text(encoding="utf-8") or "Liam O'Connor" in (
            output.read_text(encoding="utf-8")
        )


def test_pdf_title_is_the_students_name(report_pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(report_pdf)).metadata
    assert metadata is not None
    assert metadata.title == "Wang Fang · infoview report"


def test_names_break_between_words_and_headings_stay_with_their_tables(tmp_path: Path) -> None:
    from datetime import date, datetime

    from infoview_lib.model import Contact, FollowUp, InterviewLog, Meeting, StudentProfile
    from infoview_lib.reports.content import build_report
    from infoview_lib.reports.sections import report_html
    from infoview_lib.store import Workbook

    name = "Σοφία Κωνσταντίνου"
    with Workbook.create(tmp_path / "w.infoview", StudentProfile(name="Eleni P")) as book:
        ids = []
        for number in range(12):  # enough rows to push the follow-ups down the pages
            added = book.add(Contact(name=f"{name} {number}", organisation="Aeris Medical"))
            assert added.id is not None
            ids.append(added.id)
        meeting = book.add(
            Meeting(contact_id=ids[0], starts_at=datetime(2026, 3, 9, 9), status="done")
        )
        assert meeting.id is not None
        book.add(InterviewLog(meeting_id=meeting.id, referrals=(name,)))
        for contact_id in ids:
            book.add(FollowUp(contact_id=contact_id, kind="thank_you", due_on=date(2026, 3, 10)))
        report = build_report(book, date(2026, 3, 16))
    _, pages = _pdf_text(document_pdf(report_html(report), title="Eleni P"))
    words = " ".join(pages).split()
    assert "Κωνσταντίνου" in words
    assert not [w for w in words if w.startswith("Κωνσταντ") and not w.startswith("Κωνσταντίνου")]
    for text in pages:
        lines = [line for line in text.splitlines() if line.strip()]
        # A page never ends with a section heading or its count line.
        assert not lines[-2].startswith(("Follow-ups", "Overdue:")), lines[-3:]
