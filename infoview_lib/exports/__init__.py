"""A student's work taken out of the workbook: spreadsheets, a backup to restore, a calendar.

Each kind of file has its own module; none of them has a form of its own (the panels in
``infoview_lib.ui`` and the commands in ``infoview_lib.cli`` call them).
"""
