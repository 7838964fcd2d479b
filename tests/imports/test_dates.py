"""The connected-on day in every layout LinkedIn and spreadsheets have written it."""

from __future__ import annotations

from datetime import date

import pytest

from infoview_lib.imports.dates import connected_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30 May 2024", date(2024, 5, 30)),  # today's export
        ("02 Jan 2023", date(2023, 1, 2)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),  # 2018: US month first, with a time
        ("11/23/17, 9:02 AM", date(2017, 11, 23)),
        ("12/31/16, 11:59 pm", date(2016, 12, 31)),
        ("23-Nov-21", date(2021, 11, 23)),  # a spreadsheet's re-save
        ("5/30/2024", date(2024, 5, 30)),
        ("30/5/2024", date(2024, 5, 30)),  # day first: 30 cannot be a month
        ("2024-05-30", date(2024, 5, 30)),
        ("2024-05-30 18:14:00", date(2024, 5, 30)),
        ("May 30, 2024", date(2024, 5, 30)),
        ("30 September 2024", date(2024, 9, 30)),
        ("  30  May  2024 ", date(2024, 5, 30)),
    ],
)
def test_known_layouts(text: str, day: date) -> None:
    assert connected_day(text) == day


@pytest.mark.parametrize("text", ["", "   ", "yesterday", "31 Feb 2024", "13/13/2024"])
def test_no_day_is_none(text: str) -> None:
    assert connected_day(text) is None
