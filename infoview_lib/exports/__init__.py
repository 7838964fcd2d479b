"""A student's work taken out of the workbook: spreadsheets, a backup to restore, a calendar.

Each kind of file has its own module; none of them has a form of its own (the panels in
``infoview_lib.ui`` and the commands in ``infoview_lib.cli`` call them):

- :mod:`.spreadsheet`: a CSV file per kind of record in a folder, or one XLSX workbook,
  made from the readable tables of :mod:`.sheets`, formulas neutralised (:mod:`.cells`);
- :mod:`.backup`: the JSON backup of everything (``docs/backup-format.md``), and
  :mod:`.restore`, a new workbook made from one;
- :mod:`.calendar`: the meetings and follow-ups as an iCalendar file.

Every file is written whole and readable by its owner only; a spreadsheet or a backup
never goes over a file that is there unless the caller asks (:mod:`.targets`).
"""
