"""Workshops: a room of students, each with a workbook made from a roster.

:mod:`infoview_lib.workshop.roster` reads a roster (CSV or XLSX) into students and bad
rows, and only reads; :mod:`infoview_lib.workshop.user_names` is the rule for hub user
names; :mod:`infoview_lib.workshop.roster_columns` reads the headings a roster may use.
"""
