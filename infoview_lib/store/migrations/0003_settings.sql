-- Settings of the workbook itself, as text keys and values: for example, which
-- workbooks the sample cohort built (and so may be rebuilt over).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
