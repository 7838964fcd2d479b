"""Reading a workshop roster: CSV and XLSX as spreadsheets and learning platforms export them."""

from __future__ import annotations

import codecs
import os
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from infoview_lib.model import StudentProfile
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir
from infoview_lib.workshop import roster_files
from infoview_lib.workshop.roster import (
    MAX_ROSTER_BYTES,
    MAX_ROWS,
    MissingColumns,
    Roster,
    RosterColumnsError,
    RosterError,
    read_roster,
    read_roster_bytes,
    roster_from_rows,
)
from infoview_lib.workshop.roster_columns import load_columns
from infoview_lib.workshop.user_names import user_name_from_email, user_name_problem

Rows = Sequence[Sequence[object]]

HEADER = ["Name", "Email", "Username", "Programme", "Graduation year", "Target fields"]
LATIN = [
    HEADER,
    ["Zoë Martin", "zoe@example.edu", "zmartin", "BSc Biology", "2027", "public health; biotech"],
    ["José Álvarez", "jose@example.edu", "jalvarez", "BA History", "2026", ""],
    ["François Dubois", "francois@example.edu", "fdubois", "", "", "law, policy | NGOs"],
]
SCRIPTS = {
    "zoe": "Zoë Martin",
    "jose": "José Álvarez",
    "xiaolong": "李小龙",
    "dmitry": "Дмитрий Иванов",
    "mohammed": "محمد علي",
    "neha": "नेहा शर्मा",
}


# -- writing rosters as spreadsheets do -------------------------------------------------


def csv_text(rows: Rows, delimiter: str = ",") -> str:
    """Rows as CSV text with CRLF line ends (as Excel writes), quoting where needed."""
    lines = []
    for cells in rows:
        quoted = []
        for cell in cells:
            text = str(cell)
            if any(char in text for char in (delimiter, '"', "\n", "\r")):
                text = '"' + text.replace('"', '""') + '"'
            quoted.append(text)
        lines.append(delimiter.join(quoted))
    return "\r\n".join(lines) + "\r\n"


def write_csv(
    path: Path, rows: Rows, *, delimiter: str = ",", encoding: str = "utf-8", bom: bytes = b""
) -> Path:
    path.write_bytes(bom + csv_text(rows, delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, rows: Rows, *, extra_sheets: Sequence[str] = ()) -> Path:
    """An XLSX file; every string is stored as text (a cell starting with = too)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roster"
    for number, cells in enumerate(rows, start=1):
        for column, value in enumerate(cells, start=1):
            if value in ("", None):
                continue
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, as a spreadsheet keeps '=HYPERLINK(...)' typed as text
    for title in extra_sheets:
        book.create_sheet(title).append(["Name", "Email"])
    book.save(path)
    return path


def with_cached_formula(path: Path, cell: str, formula: str, cached: str | None) -> Path:
    """Put a formula in ``cell`` of the first sheet, with the value a spreadsheet last
    worked out for it (``None``: never worked out, as a file written by a program)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start) + len("</c>")
    value = f"<v>{cached}</v>" if cached is not None else "<v />"
    sheet = sheet[:start] + f'<c r="{cell}" t="str"><f>{formula}</f>{value}</c>' + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


Writer = Callable[[Path, Rows], Path]

WRITERS: dict[str, Writer] = {
    "csv utf-8": lambda path, rows: write_csv(path.with_suffix(".csv"), rows),
    "csv utf-8 with BOM": lambda path, rows: write_csv(
        path.with_suffix(".csv"), rows, bom=codecs.BOM_UTF8
    ),
    "csv semicolons (European Excel)": lambda path, rows: write_csv(
        path.with_suffix(".csv"), rows, delimiter=";", bom=codecs.BOM_UTF8
    ),
    "unicode text (UTF-16, tabs)": lambda path, rows: write_csv(
        path.with_suffix(".txt"),
        rows,
        delimiter="\t",
        encoding="utf-16-le",
        bom=codecs.BOM_UTF16_LE,
    ),
    "xlsx": lambda path, rows: write_xlsx(path.with_suffix(".xlsx"), rows),
}


def summary(roster: Roster) -> list[tuple[int, str, StudentProfile]]:
    return [(student.row, student.user_name, student.profile) for student in roster.students]


def bad(roster: Roster) -> dict[int, str]:
    return {row.row: " ".join(row.problems) for row in roster.bad_rows}


# -- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [*WRITERS, "csv Windows-1252"])
def test_every_format_gives_the_same_students(tmp_path: Path, kind: str) -> None:
    if kind == "csv Windows-1252":
        path = write_csv(tmp_path / "roster.csv", LATIN, encoding="cp1252")
    else:
        path = WRITERS[kind](tmp_path / "roster", LATIN)
    roster = read_roster(path)
    assert summary(roster) == [
        (
            2,
            "zmartin",
            StudentProfile(
                name="Zoë Martin",
                email="zoe@example.edu",
                program="BSc Biology",
                graduation_year=2027,
                target_fields=("public health", "biotech"),
            ),
        ),
        (
            3,
            "jalvarez",
            StudentProfile(
                name="José Álvarez",
                email="jose@example.edu",
                program="BA History",
                graduation_year=2026,
            ),
        ),
        (
            4,
            "fdubois",
            StudentProfile(
                name="François Dubois",
                email="francois@example.edu",
                target_fields=("law", "policy", "NGOs"),
            ),
        ),
    ]
    assert roster.ok
    assert roster.bad_rows == ()
    assert roster.header_row == 1
    assert not roster.user_names_from_email
    assert [column.field for column in roster.columns] == [
        "name",
        "email",
        "user_name",
        "program",
        "graduation_year",
        "target_fields",
    ]


@pytest.mark.parametrize(
    ("kind", "encoding", "warned"),
    [
        ("csv utf-8", "UTF-8", False),
        ("csv utf-8 with BOM", "UTF-8", False),
        ("unicode text (UTF-16, tabs)", "UTF-16", False),
        ("csv Windows-1252", "Windows-1252 (Western European)", True),
        ("xlsx", None, False),
    ],
)
def test_the_encoding_read_is_said(tmp_path: Path, kind: str, encoding: str, warned: bool) -> None:
    if kind == "csv Windows-1252":
        path = write_csv(tmp_path / "roster.csv", LATIN, encoding="cp1252")
    else:
        path = WRITERS[kind](tmp_path / "roster", LATIN)
    roster = read_roster(path)
    assert roster.encoding == encoding
    assert roster.file_kind == ("XLSX" if kind == "xlsx" else "CSV")
    assert any("not UTF-8" in note for note in roster.notes) is warned


def test_latin_1_bytes_windows_1252_lacks_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(
        b"Name,Email\r\nAn\x8da Lima,ana@example.edu\r\nZo\xeb Martin,zoe@example.edu\r\n"
    )
    roster = read_roster(path)
    assert roster.encoding == "Latin-1 (ISO 8859-1)"
    assert [s.profile.name for s in roster.students] == ["Zoë Martin"]
    assert "invisible character" in bad(roster)[2] or "control character" in bad(roster)[2]


@pytest.mark.parametrize(
    "kind", ["csv utf-8", "csv utf-8 with BOM", "unicode text (UTF-16, tabs)", "xlsx"]
)
def test_names_in_several_scripts(tmp_path: Path, kind: str) -> None:
    rows = [["Name", "Username"], *([name, user] for user, name in SCRIPTS.items())]
    roster = read_roster(WRITERS[kind](tmp_path / "roster", rows))
    assert {s.user_name: s.profile.name for s in roster.students} == SCRIPTS
    assert [s.row for s in roster.students] == [2, 3, 4, 5, 6, 7]


def test_names_are_stored_composed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë Martin")
    roster = read_roster(write_csv(tmp_path / "r.csv", [["Name", "Username"], [decomposed, "zoe"]]))
    assert roster.students[0].profile.name == "Zoë Martin"


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            ["Full name", "Email address", "User name", "Program", "Grad year", "Fields"],
            ["name", "email", "user_name", "program", "graduation_year", "target_fields"],
        ),
        (
            ["STUDENT NAME", "e-mail", "LOGIN", "Major", "Year of graduation", "Target_Fields"],
            ["name", "email", "user_name", "program", "graduation_year", "target_fields"],
        ),
        (
            ["student_name", "E-Mail Address", "Hub user", "Course", "Class of", "Interests"],
            ["name", "email", "user_name", "program", "graduation_year", "target_fields"],
        ),
        (["  Name  ", "Mail", "NetID"], ["name", "email", "user_name"]),
        (["Student", "SIS Login ID"], ["name", "user_name"]),  # Canvas
        (
            ["First name", "Surname", "Email address"],
            ["first_name", "last_name", "email"],
        ),  # Moodle
        (
            ["Last Name", "First Name", "Username"],
            ["last_name", "first_name", "user_name"],
        ),  # Blackboard
        (["Given name", "Family name", "E-mail"], ["first_name", "last_name", "email"]),
        (["Name:", "Email*", "User-name"], ["name", "email", "user_name"]),
    ],
)
def test_header_variants(header: list[str], fields: list[str]) -> None:
    roster = roster_from_rows([header])
    assert sorted(column.field for column in roster.columns) == sorted(fields)
    assert roster.students == ()
    assert "There are no students under the headings." in roster.notes


@pytest.mark.parametrize(
    ("header", "row", "name"),
    [
        (["First name", "Last name", "Username"], ["Ana", "Lima", "alima"], "Ana Lima"),
        (["Last name", "First name", "Username"], ["Lima", "Ana", "alima"], "Ana Lima"),
        (["Given name", "Family name", "Username"], ["小龙", "李", "xli"], "李小龙"),
        (["Given name", "Family name", "Username"], ["민준", "김", "mkim"], "김민준"),
        (["Given name", "Family name", "Username"], ["", "Suharto", "suharto"], "Suharto"),
        (["First name", "Last name", "Username"], ["Neha", "", "neha"], "Neha"),
        (
            ["Name", "First name", "Last name", "Username"],
            ["Ana Lima", "A.", "L.", "alima"],
            "Ana Lima",
        ),
    ],
)
def test_names_from_two_columns(header: list[str], row: list[str], name: str) -> None:
    roster = roster_from_rows([header, row])
    assert roster.students[0].profile.name == name


def test_a_whole_name_column_wins_and_says_so() -> None:
    roster = roster_from_rows(
        [["Name", "First name", "Last name", "Username"], ["Ana Lima", "A", "L", "ana"]]
    )
    assert roster.ignored_columns == ("First name", "Last name")
    assert any("first and last name columns were left out" in note for note in roster.notes)


def test_blank_rows_and_empty_columns_are_skipped_row_numbers_kept(tmp_path: Path) -> None:
    text = (
        "Name,Email,Username,,,\r\n"
        ",,,,,\r\n"
        "Ana Lima,ana@example.edu,alima,,,\r\n"
        "\r\n"
        "   ,  ,\t\r\n"
        "Zoë Martin,zoe@example.edu,zmartin,,,\r\n"
        ",,,,,\r\n"
    )
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8", newline="")
    roster = read_roster(path)
    assert [(s.row, s.user_name) for s in roster.students] == [(3, "alima"), (6, "zmartin")]
    assert roster.ok
    assert roster.ignored_columns == ()


def test_blank_rows_in_xlsx_keep_their_numbers(tmp_path: Path) -> None:
    rows = [HEADER, [], ["Ana Lima", "ana@example.edu", "alima"], [], [], ["Bo", "bad-email", "bo"]]
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", rows))
    assert [s.row for s in roster.students] == [3]
    assert list(bad(roster)) == [6]


def test_a_title_above_the_headings() -> None:
    roster = roster_from_rows(
        [["Career workshop, spring"], [], ["Name", "Email"], ["Ana Lima", "ana@example.edu"]]
    )
    assert roster.header_row == 3
    assert [(s.row, s.user_name) for s in roster.students] == [(4, "ana")]
    assert any("headings are on row 3" in note for note in roster.notes)


def test_other_columns_are_left_out_and_listed() -> None:
    roster = roster_from_rows(
        [["Student ID", "Name", "Section", "Username"], ["123", "Ana Lima", "A", "alima"]]
    )
    assert roster.ignored_columns == ("Student ID", "Section")
    assert "Columns left out: Student ID, Section." in roster.notes


@pytest.mark.parametrize(
    ("cell", "fields"),
    [
        ("public health; biotech", ("public health", "biotech")),
        ("public health, biotech", ("public health", "biotech")),
        ("public health | biotech|law", ("public health", "biotech", "law")),
        ("public health;\nbiotech", ("public health", "biotech")),
        (" ;, |", ()),
        ("Law; law", ("Law",)),
    ],
)
def test_target_fields_are_split(cell: str, fields: tuple[str, ...]) -> None:
    roster = roster_from_rows([["Name", "Username", "Interests"], ["Ana", "ana", cell]])
    assert roster.students[0].profile.target_fields == fields


@pytest.mark.parametrize(
    ("cell", "year"), [("2027", 2027), ("2027.0", 2027), (2027, 2027), (2027.0, 2027), ("", None)]
)
def test_graduation_years(cell: object, year: int | None) -> None:
    roster = roster_from_rows([["Name", "Username", "Class of"], ["Ana", "ana", cell]])
    assert roster.students[0].profile.graduation_year == year


# -- bad rows -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [["Name", "Email", "Username"], ["", "ana@example.edu", "ana"]],
            {2: "No name: fill in the student's name."},
            id="no name",
        ),
        pytest.param(
            [["First name", "Last name", "Username"], [" ", "", "ana"]],
            {2: "No name"},
            id="no name in either part",
        ),
        pytest.param(
            [["Name", "Email", "Username"], ["Ana", "ana.example.edu", "ana"]],
            {2: "Email 'ana.example.edu' is not an email address: it has no @ sign."},
            id="invalid email",
        ),
        pytest.param(
            [
                ["Name", "Email", "Username"],
                ["Ana", "ana@example.edu", "ana"],
                ["Bo", "", "bo"],
                ["Ana Souza", "souza@example.edu", "ANA"],
            ],
            {2: "The hub user name 'ana' is also on row 4", 4: "is also on row 2"},
            id="two students with one user name",
        ),
        pytest.param(
            [["Name", "Username"], ["A", "ana"], ["B", "bo"], ["C", "ana"], ["D", "ana"]],
            {2: "also on rows 4 and 5", 4: "also on rows 2 and 5", 5: "also on rows 2 and 4"},
            id="three students with one user name",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "ana lima"]],
            {2: "The hub user name 'ana lima' cannot be used: it has a space"},
            id="user name with a space",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "ana@example.edu"]],
            {2: "it has an @ sign"},
            id="user name is an email",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "../etc"]],
            {2: "The hub user name '../etc' cannot be used: it has a slash (/)"},
            id="user name that climbs out of a folder",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "ana/../../x"]],
            {2: "it has a slash (/)"},
            id="user name with a slash",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "2ana"]],
            {2: "it starts with '2', not a letter"},
            id="user name starting with a digit",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "a" * 33]],
            {2: "it is 33 characters long"},
            id="user name too long",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", "root"]],
            {2: "it is the name of a system account"},
            id="user name of a system account",
        ),
        pytest.param(
            [["Name", "Username"], ["Zoë", "zoë"]],
            {2: "it has 'ë', which is not a letter a-z"},
            id="user name with an accent",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana", ""]],
            {2: "No hub user name: fill in the name the student logs in to the hub with."},
            id="no user name",
        ),
        pytest.param(
            [["Name", "Email"], ["Ana", ""]],
            {2: "No email, so no hub user name can be made from it"},
            id="no email to make a user name from",
        ),
        pytest.param(
            [["Name", "Email"], ["Ana", "ana+careers@example.edu"]],
            {
                2: "The hub user name made from the email (the part before the @), 'ana+careers', "
                "cannot be used: it has '+'"
            },
            id="email whose first part is no user name",
        ),
        pytest.param(
            [["Name", "Email"], ["Ana Lima", "ana@example.edu"], ["Ana Souza", "ana@example.org"]],
            {2: "'ana' (made from the email) is also on row 3", 3: "is also on row 2"},
            id="two emails giving one user name",
        ),
        pytest.param(
            [["Name", "Email", "Username"], ["#N/A", "ana@example.edu", "ana"]],
            {2: "Name shows the spreadsheet error #N/A, not a value"},
            id="a formula that failed",
        ),
        pytest.param(
            [["Name", "Username", "Class of"], ["Ana", "ana", "Class of 2027"]],
            {2: "Graduation year 'Class of 2027' is not a year: write it as four digits"},
            id="graduation year in words",
        ),
        pytest.param(
            [["Name", "Username", "Class of"], ["Ana", "ana", "20277"]],
            {2: "Graduation year 20277 is out of range"},
            id="graduation year out of range",
        ),
        pytest.param(
            [["Name", "Username"], ["Ana\u200f Lima", "ana"]],
            {2: "Name has an invisible character (U+200F RIGHT-TO-LEFT MARK) at position 4"},
            id="a hidden character",
        ),
        pytest.param(
            [["Name", "Username", "Fields"], ["Ana", "ana", ";".join(f"f{n}" for n in range(11))]],
            {2: "Target fields has 11 entries; keep it to 10 or fewer."},
            id="too many target fields",
        ),
    ],
)
def test_every_bad_row_reason(rows: Rows, expected: dict[int, str]) -> None:
    roster = roster_from_rows(rows)
    found = bad(roster)
    assert sorted(found) == sorted(expected)
    for row, words in expected.items():
        assert words in found[row], found[row]
    assert not roster.ok
    assert {s.row for s in roster.students}.isdisjoint(found)


@pytest.mark.parametrize("kind", list(WRITERS))
def test_bad_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path, kind: str) -> None:
    rows = [
        HEADER,
        ["Ana Lima", "ana@example.edu", "alima"],
        [],
        ["", "nobody@example.edu", "nobody1"],
        ["Bo Chen", "bo@", "bchen"],
        ["Cy Diaz", "cy@example.edu", "alima"],
        ["Dee Eto", "dee@example.edu", "Dee Eto"],
    ]
    roster = read_roster(WRITERS[kind](tmp_path / "roster", rows))
    assert [s.row for s in roster.students] == []
    assert sorted(bad(roster)) == [2, 4, 5, 6, 7]
    assert "No name" in bad(roster)[4]
    assert "Email 'bo@'" in bad(roster)[5]
    assert "also on row 6" in bad(roster)[2]
    assert "also on row 2" in bad(roster)[6]
    assert "'Dee Eto' cannot be used: it has a space" in bad(roster)[7]


def test_every_problem_of_a_row_at_once_in_the_order_of_its_columns() -> None:
    roster = roster_from_rows(
        [
            ["Username", "Email", "Name", "Class of"],
            ["Ana Lima", "ana@", "", "1800"],
            ["ok", "ok@example.edu", "Okay", ""],
        ]
    )
    (row,) = roster.bad_rows
    assert row.row == 2
    assert row.who == "ana@"
    assert [problem.split(" ")[0] for problem in row.problems] == [
        "No",
        "Email",
        "The",
        "Graduation",
    ]
    assert row.message.startswith("Row 2 (ana@): No name: fill in the student's name. Email 'ana@'")
    assert [s.user_name for s in roster.students] == ["ok"]


def test_user_names_are_folded_to_lower_case_as_the_hub_does() -> None:
    roster = roster_from_rows([["Name", "Username"], ["Ana", " ALima "], ["Bo", "alima"]])
    assert "The hub user name 'alima' is also on row 3" in bad(roster)[2]


def test_user_names_from_email_are_said() -> None:
    roster = roster_from_rows([["Name", "Email"], ["Ana Lima", "Ana.Lima@Example.EDU"]])
    assert roster.user_names_from_email
    assert roster.students[0].user_name == "ana.lima"
    assert roster.students[0].profile.email == "Ana.Lima@example.edu"
    assert any("no hub user name column" in note for note in roster.notes)
    with_column = roster_from_rows([["Name", "Email", "Login"], ["Ana", "ana@example.edu", "al"]])
    assert not with_column.user_names_from_email
    assert with_column.students[0].user_name == "al"
    assert not any("no hub user name column" in note for note in with_column.notes)


def test_a_student_listed_twice_word_for_word_is_read_once() -> None:
    row = ["Ana Lima", "ana@example.edu", "alima"]
    roster = roster_from_rows([["Name", "Email", "Username"], row, ["Bo", "", "bo"], list(row)])
    assert [(s.row, s.user_name) for s in roster.students] == [(2, "alima"), (3, "bo")]
    assert roster.ok
    assert roster.repeats == ((4, 2),)
    assert "Row 4 repeats row 2 word for word: the student is read once." in roster.notes


# -- text is data ---------------------------------------------------------------------------


FORMULA_LOOKING = ['=HYPERLINK("http://example.com","Ana")', "+1", "-2 Lima", "@SUM(A1)", "=1+1"]


@pytest.mark.parametrize("kind", ["csv utf-8", "csv semicolons (European Excel)", "xlsx"])
def test_formula_looking_cells_are_read_as_text(tmp_path: Path, kind: str) -> None:
    rows = [["Name", "Username", "Programme"]] + [
        [text, f"user{index}", text] for index, text in enumerate(FORMULA_LOOKING)
    ]
    roster = read_roster(WRITERS[kind](tmp_path / "roster", rows))
    assert [s.profile.name for s in roster.students] == FORMULA_LOOKING
    assert [s.profile.program for s in roster.students] == FORMULA_LOOKING


def test_an_xlsx_formula_gives_its_last_value_never_the_formula(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [["Name", "Username"], ["x", "ana"], ["y", "bo"]])
    with_cached_formula(path, "A2", 'CONCAT("Ana"," Lima")', "Ana Lima")
    with_cached_formula(path, "A3", 'CONCAT("Bo"," Chen")', None)
    roster = read_roster(path)
    assert [(s.row, s.profile.name) for s in roster.students] == [(2, "Ana Lima")]
    assert "No name" in bad(roster)[3]  # a formula never worked out has no value to read


def test_user_names_are_safe_as_file_names(tmp_path: Path) -> None:
    rows = [
        ["Name", "Username"],
        *(
            [f"S{n}", user]
            for n, user in enumerate(
                [
                    "ana",
                    "..",
                    ".",
                    "../ana",
                    "/etc/passwd",
                    "~ana",
                    "a\\b",
                    "-rf",
                    "ana.lima",
                    "a_b-c",
                ]
            )
        ),
    ]
    roster = roster_from_rows(rows)
    assert [s.user_name for s in roster.students] == ["ana", "ana.lima", "a_b-c"]
    for student in roster.students:
        assert Path(student.user_name).name == student.user_name
        assert (tmp_path / student.user_name).parent == tmp_path


# -- whole files refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "missing", "words"),
    [
        (["Email", "Username"], ("name",), "a column for the student's name: 'Name' (or Full name"),
        (["First name", "Username"], ("name",), "or two columns, 'First name' (or Given name"),
        (["Name", "Programme"], ("user_name",), "a column for the hub user name: 'Username'"),
        (["Student ID", "Section"], ("name", "user_name"), "or one for the email to make it from"),
    ],
)
def test_missing_columns_refuse_the_whole_file(
    tmp_path: Path, header: list[str], missing: tuple[str, ...], words: str
) -> None:
    path = write_csv(tmp_path / "r.csv", [header, ["a", "b"]])
    with pytest.raises(MissingColumns) as refused:
        read_roster(path)
    message = str(refused.value)
    assert refused.value.missing == missing
    assert refused.value.found == tuple(header)
    assert words in message
    assert f"Its headings (row 1) are {', '.join(repr(h) for h in header)}." in message
    assert "\n" not in message


def test_two_columns_for_one_part_refuse_the_file() -> None:
    with pytest.raises(
        RosterError,
        match=r"two columns for the email: 'Email' \(column B\) and "
        r"'E-mail address' \(column D\)",
    ):
        roster_from_rows([["Name", "Email", "Username", "E-mail address"]])


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _dangling(path: Path) -> Path:
    path.symlink_to(path.parent / "gone.csv")
    return path


def _big(path: Path) -> Path:
    path.write_bytes(b"Name,Username\n" + b"x" * MAX_ROSTER_BYTES)
    return path


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "Name,Username")
    return path


def _cut_xlsx(path: Path) -> Path:
    write_xlsx(path, LATIN)
    path.write_bytes(path.read_bytes()[:2000])
    return path


def _bad_xml_xlsx(path: Path) -> Path:
    write_xlsx(path, LATIN)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


UNREADABLE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda path: path, "There is no roster at"),
    "a folder": (_folder, "is a folder: give the roster file"),
    "a named pipe": (_fifo, "is a named pipe (FIFO), not a roster"),
    "a link to nothing": (_dangling, "There is no roster at"),
    "empty": (_bytes(b""), "is empty"),
    "only spaces": (_bytes(b" \r\n\r\n"), "is empty"),
    "over 5 MB": (_big, "is over 5 MB"),
    "binary": (
        _bytes(bytes(range(256)) * 4),
        "is not a CSV or XLSX",
    ),
    "a PNG": (
        _bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "is not a CSV or XLSX",
    ),
    "an old .xls": (
        _bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512),
        "older Excel file (.xls)",
    ),
    "an .ods": (_ods, "is an OpenDocument (.ods) spreadsheet, not an Excel workbook"),
    "another zip": (_zip, "is a zip file, not an Excel workbook"),
    "a cut-off xlsx": (_cut_xlsx, "is damaged"),
    "an xlsx with broken XML": (_bad_xml_xlsx, "is damaged"),
    "only blank rows": (
        _bytes(b",,,\r\n,,\r\n"),
        "has no rows with anything in them",
    ),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_files_raise_one_plain_line(tmp_path: Path, case: str) -> None:
    make, words = UNREADABLE[case]
    path = make(tmp_path / "roster.csv")
    with pytest.raises(RosterError) as refused:
        read_roster(path)
    message = str(refused.value)
    assert words in message, message
    assert "\n" not in message
    assert "Traceback" not in message


def test_an_xlsx_that_unpacks_too_big_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", LATIN)
    monkeypatch.setattr(roster_files, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(RosterError, match="once unpacked"):
        read_roster(path)


def test_too_many_rows_are_refused() -> None:
    rows = ([f"S{n}", f"s{n}"] for n in range(MAX_ROWS + 1))
    with pytest.raises(RosterError, match="over 10,000 rows"):
        roster_from_rows([["Name", "Username"], *rows])


def test_a_csv_too_wide_for_one_cell_is_refused() -> None:
    data = b"Name,Username\n" + b'"' + b"x" * 200_000 + b'",ana\n'
    with pytest.raises(RosterError, match="cannot be read as CSV near row 2"):
        read_roster_bytes(data)


# -- the same file, read again ------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(WRITERS))
def test_reading_twice_gives_the_same_roster(tmp_path: Path, kind: str) -> None:
    rows = [*LATIN, ["", "x@example.edu", "x"], ["Ana", "ana@example.edu", "zmartin"]]
    path = WRITERS[kind](tmp_path / "roster", rows)
    before = path.read_bytes()
    first, second = read_roster(path), read_roster(path)
    assert first == second
    assert path.read_bytes() == before


# -- XLSX particulars ---------------------------------------------------------------------------


def test_xlsx_reads_the_sheet_open_when_saved_and_says_so(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", LATIN, extra_sheets=["Notes", "Attendance"])
    roster = read_roster(path)
    assert roster.sheet == "Roster"
    assert len(roster.students) == 3
    assert (
        "The file has 3 sheets; only 'Roster' (the one open when it was saved) was read."
        in roster.notes
    )
    book = openpyxl.load_workbook(path)
    book.active = 2
    book.save(path)
    assert read_roster(path).sheet == "Attendance"


def test_xlsx_numbers_and_dates_read_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Name", "Username", "Class of", "Programme"],
        ["Ana", "ana", 2027, datetime(2026, 3, 1)],
    ]
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", rows))
    assert roster.students[0].profile.graduation_year == 2027
    assert roster.students[0].profile.program == "2026-03-01"


def test_a_file_is_told_by_what_is_in_it_not_its_name(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "r.xlsx", LATIN)
    renamed = tmp_path / "roster.csv"
    shutil.copy(xlsx, renamed)
    assert read_roster(renamed).file_kind == "XLSX"
    csv_named_xlsx = write_csv(tmp_path / "roster.xlsx", LATIN)
    assert read_roster(csv_named_xlsx).file_kind == "CSV"


# -- CSV particulars ----------------------------------------------------------------------------


def test_excel_sep_line_names_the_delimiter() -> None:
    data = b"sep=;\r\nName;Username;Fields\r\nAna Lima;alima;law, policy\r\n"
    roster = read_roster_bytes(data)
    assert [(s.row, s.profile.target_fields) for s in roster.students] == [(2, ("law", "policy"))]


@pytest.mark.parametrize(
    "text",
    [
        "Name;Username;Fields\nAna Lima;alima;law, policy, health\n",
        'Name,Username,Fields\n"Lima, Ana",alima,"law; policy; health"\n',
        "Name\tUsername\tFields\nAna Lima\talima\tlaw, policy; health\n",
        "Name;Username;Fields\rAna Lima;alima;law,policy,health\r",  # old Mac line ends
    ],
)
def test_the_delimiter_is_the_one_that_finds_the_headings(text: str) -> None:
    roster = read_roster_bytes(text.encode())
    (student,) = roster.students
    assert student.user_name == "alima"
    assert student.profile.target_fields == ("law", "policy", "health")


def test_a_quoted_cell_over_two_lines_is_one_row() -> None:
    data = b'Name,Username,Programme\r\nAna,ana,"BSc\r\nBiology"\r\nBo,bo,\r\n'
    roster = read_roster_bytes(data)
    assert [s.row for s in roster.students] == [3]
    assert "should fit on one line" in bad(roster)[2]


# -- the headings file ------------------------------------------------------------------------


def _data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir() / "workshop", copy / "workshop")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(copy))
    return copy / "workshop" / "roster-columns.yaml"


def test_an_advisor_can_add_a_heading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(MissingColumns):
        roster_from_rows([["Nom complet", "Courriel"]])
    headings = _data_copy(tmp_path, monkeypatch)
    text = headings.read_text(encoding="utf-8")
    text = text.replace("  - Display name\n", "  - Display name\n  - Nom complet\n")
    text = text.replace("  - School email\n", "  - School email\n  - Courriel\n")
    headings.write_text(text, encoding="utf-8")
    roster = roster_from_rows([["Nom complet", "Courriel"], ["Zoë Martin", "zoe@example.fr"]])
    assert [(s.user_name, s.profile.name) for s in roster.students] == [("zoe", "Zoë Martin")]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda text: text.replace("  - Mail\n", "  - Mail\n  - Username\n"),
            "lists 'Username' under both",
        ),
        (lambda text: text + "\nnickname:\n  - Nick\n", "has nickname, which is not a part"),
        (lambda text: text.replace("email:", "emails:"), "which is not a part"),
        (lambda text: text + "\n  bad: [", "is not valid YAML"),
        (lambda text: "- Name\n", "must list headings"),
        (
            lambda text: text.replace("  - Student login\n", "  - '--'\n"),
            "a heading needs a letter",
        ),
    ],
)
def test_a_headings_file_that_cannot_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[str], str], words: str
) -> None:
    headings = _data_copy(tmp_path, monkeypatch)
    headings.write_text(change(headings.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RosterColumnsError, match=words):
        load_columns()


def test_a_missing_headings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(RosterColumnsError, match=r"roster headings file .* is missing"):
        read_roster_bytes(b"Name,Username\nAna,ana\n")


def test_no_heading_is_listed_twice_in_the_shipped_file() -> None:
    columns = load_columns()
    assert columns.field_of("Name") == "name"
    assert all(columns.headings.values())


# -- the user-name rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("ana", None),
        ("ana.lima", None),
        ("a_b-c9", None),
        ("a" * 32, None),
        ("", "it is empty"),
        ("a" * 33, "it is 33 characters long"),
        ("ana lima", "it has a space"),
        ("ana@uni", "it has an @ sign"),
        ("Ana", "it has a capital letter (A): a hub user name is in lower case"),
        ("_ana", "it starts with '_', not a letter"),
        (".ana", "it starts with '.', not a letter"),
        ("-ana", "it starts with '-', not a letter"),
        ("ana$", "it has '$'"),
        ("ana\u200b", "it has an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("nobody", "it is the name of a system account"),
    ],
)
def test_user_name_rule(name: str, problem: str | None) -> None:
    assert user_name_problem(name) == problem


@pytest.mark.parametrize(
    ("email", "name"),
    [("Ana.Lima@Example.edu", "ana.lima"), ("a@b@example.edu", "a@b"), ("no-at-sign", "")],
)
def test_user_name_from_email(email: str, name: str) -> None:
    assert user_name_from_email(email) == name


def test_a_roster_in_memory_is_read_like_a_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", LATIN)
    from_file = read_roster(path)
    from_bytes = read_roster_bytes(path.read_bytes(), where=str(path))
    assert from_file == from_bytes


def test_utf_16_without_a_byte_order_mark() -> None:
    data = csv_text(LATIN, "\t").encode("utf-16-le")
    roster = read_roster_bytes(data)
    assert roster.encoding == "UTF-16"
    assert [s.profile.name for s in roster.students] == [
        "Zoë Martin",
        "José Álvarez",
        "François Dubois",
    ]


def test_utf_16_cut_off_in_a_character() -> None:
    data = codecs.BOM_UTF16_LE + csv_text(LATIN, "\t").encode("utf-16-le")[:-1]
    with pytest.raises(RosterError, match="is damaged"):
        read_roster_bytes(data)


def test_an_xlsx_claiming_every_cell_of_the_sheet_is_read_as_it_is(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", LATIN)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert '<dimension ref="A1:F4"' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("A1:F4", "A1:XFD1048576").encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    assert [s.row for s in read_roster(path).students] == [2, 3, 4]


def test_blank_rows_do_not_count_towards_the_limit() -> None:
    rows = [["Name", "Username"], *([[]] * (MAX_ROWS + 5)), ["Ana", "ana"]]
    roster = roster_from_rows(rows)
    assert [s.row for s in roster.students] == [MAX_ROWS + 7]


def test_many_columns_left_out_are_listed_short() -> None:
    header = ["Name", "Username", *(f"Assignment {n}" for n in range(40))]
    roster = roster_from_rows([header, ["Ana", "ana"]])
    assert len(roster.ignored_columns) == 40
    assert any(note.endswith("Assignment 11 and 28 more.") for note in roster.notes)


def test_a_bad_row_is_named_without_its_hidden_characters() -> None:
    roster = roster_from_rows([["Name", "Username"], ["\u202eAna Lima", "ana"]])
    assert roster.bad_rows[0].who == "Ana Lima"
    assert "invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)" in roster.bad_rows[0].message
