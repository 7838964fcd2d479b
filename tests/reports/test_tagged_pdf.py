"""The reports are tagged PDFs (PDF/UA-1) a screen reader can follow: read back with pikepdf.

One cohort run over José Álvarez's sample workbook and a corrupt one gives both PDFs the
advisor gets, made as ``infoview cohort`` makes them: his report (papermill, nbconvert,
WeasyPrint) and the cohort summary (which lists the corrupt workbook under its own heading).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
import weasyprint

from infoview_lib.reports.chart import funnel_alt
from infoview_lib.reports.cohort import run_cohort
from infoview_lib.reports.content import build_report
from infoview_lib.reports.pdf import document_pdf, html_to_pdf
from infoview_lib.reports.sections import HEADINGS, report_html
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook
from tests.conftest import damaged_workbook

#: José Álvarez's contacts per stage in the sample data (data/sample/students/).
JOSE_FIGURES = ("(4 contacts)", "Identified 1", "Contacted 0", "Met 2", "Thanked 1", "No reply 0")
SUMMARY_HEADERS = 7


@dataclass
class Element:
    """A structure element: its tag (``H1``, ``Table``, ...), its ``/Alt`` and its kids."""

    tag: str
    alt: str | None
    raw: pikepdf.Dictionary
    kids: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        """This element, then every element under it, in reading order."""
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, tag: str) -> list[Element]:
        return [element for element in self.walk() if element.tag == tag]


@dataclass
class Tagged:
    """What a tagged PDF says about itself."""

    pdf: pikepdf.Pdf
    root: Element

    @property
    def headings(self) -> list[str]:
        return [e.tag for e in self.root.walk() if e.tag in {f"H{n}" for n in range(1, 7)}]

    @property
    def figures(self) -> list[Element]:
        return self.root.find("Figure")


def _element(raw: pikepdf.Dictionary) -> Element:
    alt = raw.get("/Alt")
    element = Element(str(raw.S)[1:], None if alt is None else str(alt), raw)
    kids = raw.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:  # not a content reference
            element.kids.append(_element(kid))
    return element


def read_tagged(content: bytes) -> Tagged:
    """The PDF's structure tree; fails plainly when the PDF is not tagged."""
    pdf = pikepdf.open(io.BytesIO(content))
    tree = pdf.Root.get("/StructTreeRoot")
    assert tree is not None, "no structure tree: the PDF is not tagged"
    (document,) = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
    assert isinstance(document, pikepdf.Dictionary)
    return Tagged(pdf, _element(document))


def assert_tagged_document(tagged: Tagged, title: str) -> None:
    """Marked, in English, titled ``title`` (shown in the window), claiming PDF/UA-1."""
    catalog = tagged.pdf.Root
    assert tagged.root.tag == "Document"
    assert bool(catalog.MarkInfo.Marked) is True
    assert str(catalog.Lang) == "en"
    assert str(tagged.pdf.docinfo.Title) == title
    assert bool(catalog.ViewerPreferences.DisplayDocTitle) is True
    with tagged.pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"


def assert_headings_in_order(tagged: Tagged) -> None:
    """One H1 first; a heading is at most one level below the one before it."""
    levels = [int(tag[1]) for tag in tagged.headings]
    assert levels[:1] == [1]
    assert levels.count(1) == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, tagged.headings


def assert_tables_have_header_cells(
    tagged: Tagged, columns: int | None = None, *, row_headers: bool = False
) -> None:
    """Every table starts with a row of TH cells, each with an ID that the TD cells of its
    column name in their ``/Headers``; with ``row_headers``, each later row starts with a
    TH too, which its TD cells name first."""
    tables = tagged.root.find("Table")
    assert tables
    for table in tables:
        rows = [[cell for cell in row.kids if cell.tag in ("TH", "TD")] for row in table.find("TR")]
        header = rows[0]
        assert header
        assert [cell.tag for cell in header] == ["TH"] * len(header)
        if columns is not None:
            assert len(header) == columns
        ids = [str(cell.raw.ID) for cell in header]
        for row in rows[1:]:
            tags = ["TH" if row_headers else "TD"] + ["TD"] * (len(row) - 1)
            assert [cell.tag for cell in row] == tags
            for index, cell in enumerate(row):
                if cell.tag == "TD":
                    named = [str(row[0].raw.ID)] if row_headers else []
                    assert [str(h) for h in cell.raw.A.Headers] == [*named, ids[index]]


@dataclass
class Made:
    report: bytes
    summary: bytes


def _jose() -> Path:
    """José Álvarez's sample file: four contacts, two met, follow-ups overdue."""
    return next(path for path in load_cohort().student_files if "jose" in path.name)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """José Álvarez's report and the summary of him and a corrupt workbook."""
    cohort = load_cohort()
    folder = tmp_path_factory.mktemp("cohort")
    build_student(_jose(), folder, cohort.as_of)
    damaged_workbook(folder / "00-corrupt.infoview")
    out = tmp_path_factory.mktemp("reports")
    result = run_cohort(folder, out, as_of=cohort.as_of, jobs=1, progress=False)
    assert result.pdf is not None
    return Made((out / "jose-alvarez.pdf").read_bytes(), result.pdf.read_bytes())


def test_the_student_report_is_a_titled_tagged_pdf_in_english(made: Made) -> None:
    assert_tagged_document(read_tagged(made.report), "José Álvarez · infoview report")


def test_the_student_report_has_every_section_heading_in_order(made: Made) -> None:
    tagged = read_tagged(made.report)
    assert_headings_in_order(tagged)
    assert tagged.headings.count("H2") == len(HEADINGS)  # every section, "all" by default
    assert "H3" in tagged.headings  # José's question sets, one heading each


def test_the_chart_is_a_figure_whose_alt_gives_its_figures(made: Made) -> None:
    (figure,) = read_tagged(made.report).figures
    assert figure.alt is not None
    for figure_text in ("Bar chart, contacts per stage", *JOSE_FIGURES):
        assert figure_text in figure.alt, figure.alt


def test_the_student_reports_tables_have_header_cells(made: Made) -> None:
    assert_tables_have_header_cells(read_tagged(made.report))


def test_the_cohort_summary_is_a_titled_tagged_pdf_with_header_cells(made: Made) -> None:
    tagged = read_tagged(made.summary)
    assert_tagged_document(tagged, "Cohort summary")
    assert tagged.headings == ["H1", "H2"]  # the title, then "Reports that failed"
    assert_tables_have_header_cells(tagged, SUMMARY_HEADERS, row_headers=True)
    assert tagged.figures == []  # no chart, so no image without a text alternative


def test_an_untagged_pdf_fails_these_checks() -> None:
    page = '<html lang="en"><title>T</title><h1>T</h1><img alt="x" src="data:,">'
    plain = weasyprint.HTML(string=page).write_pdf()
    with pytest.raises(AssertionError, match="not tagged"):
        read_tagged(plain)
    assert read_tagged(html_to_pdf(page)).figures


def test_the_report_as_one_html_document_gives_its_chart_the_same_alt(tmp_path: Path) -> None:
    cohort = load_cohort()
    with Workbook.read_only(build_student(_jose(), tmp_path, cohort.as_of)) as book:
        report = build_report(book, cohort.as_of)
    (figure,) = read_tagged(document_pdf(report_html(report), title=report.student)).figures
    assert figure.alt == funnel_alt(report.stage_counts)
