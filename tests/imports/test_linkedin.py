"""Reading LinkedIn's ``Connections.csv`` in each layout it has had, and refusing files
that are not one, with a message saying what is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview_lib.imports import NotAConnectionsFile, parse_connections, read_connections
from infoview_lib.imports.decoding import UnknownEncoding, decode
from infoview_lib.imports.linkedin import HIDDEN, NO_NAME

from .many import hidden_rows, many_connections

DATA = Path(__file__).parent.parent / "data" / "linkedin"


def _people(name: str) -> list[tuple[str, str, str, str, date | None]]:
    found = read_connections(DATA / name)
    return [
        (row.name, row.company, row.position, row.email, row.connected_on)
        for row in found.connections
    ]


def test_todays_export_header_found_after_the_notes_preamble() -> None:
    found = read_connections(DATA / "connections_2024.csv")
    assert found.header_line == 4
    assert found.columns == (
        "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"
    )  # fmt: skip
    rows = {row.name: row for row in found.connections}
    assert list(rows) == ["Zoë Müller", "Wei Ng", "Priya Raman", "Tomás Ortega", "Amara Okafor"]
    assert rows["Zoë Müller"].url == "https://www.linkedin.com/in/zoe-muller-fictional"
    assert rows["Zoë Müller"].connected_on == date(2024, 5, 30)
    assert rows["Wei Ng"].email == "wei.ng@example.org"
    assert rows["Priya Raman"].company == "Harbor Health, Inc."  # a quoted comma
    # a position written over two lines is one line; its row is counted from where it starts
    assert rows["Tomás Ortega"].position == "Professor of Public Health"
    assert (rows["Tomás Ortega"].line, rows["Amara Okafor"].line) == (9, 11)


def test_hidden_members_are_skipped_and_counted_with_their_line() -> None:
    found = read_connections(DATA / "connections_2024.csv")
    assert [(row.line, row.reason) for row in found.skipped] == [(8, HIDDEN)]


def test_a_longer_preamble_is_found_by_its_content_not_its_length() -> None:
    found = read_connections(DATA / "connections_long_preamble.csv")
    assert found.header_line == 7
    assert _people("connections_long_preamble.csv") == [
        ("Lena Park", "Bayview Hospital", "Pharmacist", "", date(2025, 10, 12))
    ]


def test_2018_export_without_preamble_or_url_and_with_us_dates_and_times() -> None:
    found = read_connections(DATA / "connections_2018.csv")
    assert found.header_line == 1
    assert "URL" not in found.columns
    assert _people("connections_2018.csv") == [
        ("Dana Whitfield", "Lakeside Labs", "Lab Manager", "dana.whitfield@example.com",
         date(2018, 1, 8)),
        ("Omar Haddad", "Cedar Health", "Data Scientist", "", date(2017, 11, 23)),
        ("Kenji Sato", "", "", "kenji.sato@example.net", date(2016, 12, 31)),
    ]  # fmt: skip
    assert all(row.url == "" for row in found.connections)
    assert [row.reason for row in found.skipped] == [HIDDEN]


def test_spreadsheet_resave_in_windows_1252_with_crlf_trailing_columns_and_short_dates() -> None:
    raw = (DATA / "connections_resaved_cp1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\r\n" in raw
    found = read_connections(DATA / "connections_resaved_cp1252.csv")
    assert found.encoding == "cp1252"
    assert _people("connections_resaved_cp1252.csv") == [
        ("Renée Côté", "Clinique Saint-Laurent", "Médecin résidente", "", date(2021, 11, 23)),
        ("José Peña", "Fundación Solé", "Coordinador de programas", "jose.pena@example.org",
         date(2022, 3, 4)),
        ("Søren Kjær", "Nordisk Grøn Energi", "Ingeniør", "", date(2020, 8, 17)),
    ]  # fmt: skip
    assert found.skipped == ()  # rows of empty cells are nothing, not hidden members


def test_byte_order_mark_and_crlf() -> None:
    raw = (DATA / "connections_bom_crlf.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    found = read_connections(DATA / "connections_bom_crlf.csv")
    assert found.header_line == 4
    assert [(row.name, row.connected_on) for row in found.connections] == [
        ("Aisha Bello", date(2024, 5, 30)),
        ("Marco Rossi", date(2024, 6, 1)),
    ]


def test_a_file_resaved_with_semicolons() -> None:
    assert _people("connections_semicolons.csv") == [
        ("Ingrid Berg", "Fjord Health", "Nurse", "", date(2024, 5, 30))
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "mac_roman", "cp1252"])
def test_other_encodings(encoding: str) -> None:
    text = (
        "First Name,Last Name,Company,Position,Connected On\n"
        "Renée,Côté,Crème & Brûlée Café,Pâtissière en chef,12 Oct 2025\n"
        "Zoë,Müller,Société Générale de Santé,Épidémiologiste,03 Mar 2024\n"
    )
    found = parse_connections(text.encode(encoding))
    assert [row.name for row in found.connections] == ["Renée Côté", "Zoë Müller"]
    assert found.connections[0].company == "Crème & Brûlée Café"


def test_column_order_and_heading_case_do_not_matter() -> None:
    text = "connected on;POSITION;company;last name;first name\n30 May 2024;Nurse;Helix;Ng;Wei\n"
    (row,) = parse_connections(text.encode()).connections
    assert (row.name, row.company, row.position, row.connected_on) == (
        "Wei Ng", "Helix", "Nurse", date(2024, 5, 30)
    )  # fmt: skip


def test_one_name_is_enough_and_a_row_without_a_name_but_with_details_is_skipped() -> None:
    text = (
        "First Name,Last Name,Company,Connected On\n"
        "Cher,,Solo Records,01 Jan 2020\n"
        ",,Helix Bio,01 Jan 2020\n"
    )
    found = parse_connections(text.encode())
    assert [row.name for row in found.connections] == ["Cher"]
    assert [(row.line, row.reason) for row in found.skipped] == [(3, NO_NAME)]


def test_a_file_with_only_a_last_name_column_is_read() -> None:
    found = parse_connections(b"Last Name,Company\nNg,Helix\n")
    assert [row.name for row in found.connections] == ["Ng"]


def test_a_file_with_no_name_columns_is_refused_naming_what_is_missing() -> None:
    with pytest.raises(NotAConnectionsFile) as refused:
        read_connections(DATA / "no_name_columns.csv")
    message = str(refused.value)
    assert "no_name_columns.csv has no name columns" in message
    assert "'First Name'" in message
    assert "'Last Name'" in message


def test_a_file_that_is_not_a_list_of_connections_is_refused() -> None:
    with pytest.raises(NotAConnectionsFile) as refused:
        read_connections(DATA / "not_connections.csv")
    assert "not a LinkedIn list of connections" in str(refused.value)
    assert "First Name, Last Name" in str(refused.value)


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\x00\x01\x02\xff" * 50])
def test_empty_or_binary_files_are_refused_with_a_plain_message(data: bytes) -> None:
    with pytest.raises((NotAConnectionsFile, UnknownEncoding)):
        parse_connections(data)


def test_a_header_further_down_than_a_preamble_could_be_is_not_looked_for() -> None:
    text = "Notes:\n" + "\n".join(f"line {n}" for n in range(60)) + "\nFirst Name,Last Name\nA,B\n"
    with pytest.raises(NotAConnectionsFile):
        parse_connections(text.encode())


def test_tabs_and_line_breaks_inside_cells_become_spaces() -> None:
    text = 'First Name,Last Name,Company\n" Wei\t","Ng ","Helix\r\nBio"\n'
    (row,) = parse_connections(text.encode()).connections
    assert (row.name, row.company) == ("Wei Ng", "Helix Bio")


def test_five_thousand_rows() -> None:
    found = parse_connections(many_connections(5_000))
    assert len(found.connections) == 5_000 - hidden_rows(5_000)
    assert len(found.skipped) == hidden_rows(5_000)
    assert len({row.url for row in found.connections}) == len(found.connections)
    assert all(row.connected_on is not None for row in found.connections)


def test_decode_prefers_utf8_and_says_what_it_used() -> None:
    assert decode("Zoë".encode()) == ("Zoë", "utf-8")
    assert decode("Zoë".encode("utf-16")) == ("Zoë", "utf-16")
