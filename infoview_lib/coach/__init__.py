"""Coaching: the guide's advice as pure rules that return findings.

Each check holds one step of the guide: ``contacts``, ``outreach``, ``questions``,
``meeting`` and ``followup`` (with ``unanswered`` for messages with no reply). Their
wording, word lists, thresholds and templates come from ``data/coaching/``: each file's
schema is declared once, beside its check (``contact_rules``, ``outreach_rules``,
``question_rules``, ``meeting_rules``, ``followup_rules``, ``report_rules`` for the
reports' thresholds, and in ``outreach_drafts``,
``agenda`` and ``calendar``), with the kinds of value in ``kinds`` and rule wording read by
``rule_wording``. The one loader in ``schema`` reads a file against its schema, through
``rulebook``, the only module here that reads the data folder; ``readme`` makes the data
README's tables from the same declarations.
"""
