"""Hand-ins made or changed outside infoview, as a hostile student could (the review's
``exp_evil.py``): each is a sound SQLite file marked as a workbook."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook

#: What each kind adds to a real workbook's snapshot.
CHANGES = {
    "view": (
        "CREATE VIEW boom AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
        "SELECT x FROM r;"
    ),
    "trigger": (
        "CREATE TRIGGER t AFTER INSERT ON settings BEGIN "
        "INSERT INTO settings SELECT key || 'x', value FROM settings; END;"
    ),
    "table": "CREATE TABLE extra (x); INSERT INTO extra VALUES (1);",
    # contacts loosened: any type, no CHECK, a status no stage has
    "loosened": """
        PRAGMA foreign_keys = OFF;
        CREATE TABLE c2 AS SELECT * FROM contacts;
        DROP TABLE contacts;
        CREATE TABLE contacts (id INTEGER PRIMARY KEY, name, category, organisation, role,
            field, connection, email, linkedin_url, phone, notes, priority, status,
            referred_by);
        INSERT INTO contacts SELECT * FROM c2;
        DROP TABLE c2;
        UPDATE contacts SET status = 'bogus', name = zeroblob(10);
    """,
}


def crafted(folder: Path, kind: str, name: str = "Ana Lima") -> Path:
    """A snapshot of a real workbook of ``name``, changed by hand as ``kind`` says."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f".{kind}-source.infoview"
    with Workbook.create(source, StudentProfile(name=name)) as book:
        book.add(Contact(name="Ken Sato"))
        target = book.backup_to(folder / f"{kind}.infoview")
    source.unlink()
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.executescript(CHANGES[kind])
    finally:
        connection.close()
    return target
