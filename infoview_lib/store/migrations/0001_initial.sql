-- The first workbook format: the student's profile and every record type.
-- Dates are ISO 8601 text; lists are JSON arrays; choices are their value.

CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    program TEXT NOT NULL DEFAULT '',
    graduation_year INTEGER,
    target_fields TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    connection TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    linkedin_url TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    referred_by INTEGER REFERENCES contacts (id) ON DELETE SET NULL
) STRICT;

CREATE TABLE outreach (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    sent_on TEXT,
    replied_on TEXT
) STRICT;

CREATE TABLE research_notes (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
    organisation TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    source_url TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    checklist TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    category TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE interview_logs (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
    notes TEXT NOT NULL DEFAULT '',
    key_advice TEXT NOT NULL DEFAULT '',
    referrals TEXT NOT NULL DEFAULT '[]',
    willing_to_keep_in_touch INTEGER,
    how_to_reach TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    done_on TEXT,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
