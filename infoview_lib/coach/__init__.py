"""Coaching: the guide's advice as pure rules that return findings.

Each module holds one step of the guide: ``contacts``, ``outreach``,
``questions``, ``meeting`` and ``followup``. Their wording, word lists,
thresholds and templates come from ``data/coaching/`` through
:mod:`infoview_lib.coach.rulebook`, the only module here that reads files.
"""
