"""What the service's API promises (``docs/design/workshop-service-api.md``): the hub scopes it
checks, the limits it keeps, the fields of each body and the time format of its replies."""

from __future__ import annotations

import re
from datetime import datetime, timezone

ACCESS_SCOPE = "access:services!service=infoview"
FACILITATE_SCOPE = "custom:infoview:facilitate"
DEFAULT_PREFIX = "/services/infoview/"
PROGRESS_LIMIT = 4 * 1024
HAND_IN_LIMIT = 20 * 1024 * 1024
ROSTER_LIMIT = 2 * 1024 * 1024
HAND_IN_INTERVAL = 10  # seconds between two hand-ins of one student
HAND_INS_AT_ONCE = 4  # hand-in bodies received at the same time, at most
BUSY_RETRY_AFTER = 5  # seconds, when that many are already being received
BODY_TIMEOUT = 120  # seconds to receive a whole body
IDLE_CONNECTION_TIMEOUT = 60  # seconds a kept-alive connection may sit idle
SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x49565742  # "IVWB", as infoview_lib/store/files.py writes it
PIPELINE_STATUSES = (
    "identified",
    "contacted",
    "scheduled",
    "met",
    "thanked",
    "keeping_in_touch",
    "declined",
    "no_reply",
)
#: The progress body's counts besides ``contacts`` (the client sends these keys).
PROGRESS_COUNTS = (
    "drafts_written",
    "drafts_ready",
    "messages_sent",
    "questions_prepared",
    "meetings_planned",
    "meetings_done",
)
PROFILE_FIELDS = ("name", "email", "program", "graduation_year", "target_fields")
MAX_COUNT = 100_000
WORKSHOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
UTC = timezone.utc  # noqa: UP017 (datetime.UTC is Python 3.11+; this runs on 3.10)


def utc_stamp(moment: datetime) -> str:
    """``moment`` as ``YYYY-MM-DDTHH:MM:SSZ``.

    >>> utc_stamp(datetime(2026, 3, 16, 10, 42, 7, 900, tzinfo=UTC))
    '2026-03-16T10:42:07Z'
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
