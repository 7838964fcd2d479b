"""The client of the workshop service a hub runs (``docs/design/workshop-service-api.md``):
each of its calls, as a student's or a facilitator's server makes it.

On a hub, a student's server (its kernels and terminals) has two variables, set by the
hub and never by a notebook: ``INFOVIEW_HUB_URL``, where the service is, and
``JUPYTERHUB_API_TOKEN``, the server's token. Without both, :func:`configured` is false
and nothing here touches the network: infoview works from files, as without a hub.

Every call has a timeout and raises :class:`HubError` (or one of its kinds) with a
sentence a student or facilitator can act on; the service's own ``{"error": ...}``
sentence is kept in it. Only the standard library is used (``urllib``): no proxy (the
service is on the hub's own network), no redirect (the token is never sent elsewhere).

The errors, :func:`configured`, and the progress calls and reporter are here too, so that
this module is the client's whole API; two things run without anyone asking and never
raise: :func:`infoview_lib.hub.roster_workbook.ensure_workbook` and
:class:`ProgressReporter`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from infoview_lib.hub.connection import (
    DEFAULT_TIMEOUT,
    HUB_URL_VARIABLE,
    TOKEN_VARIABLE,
    call,
    call_raw,
    configured,
    json_object,
    quote_path,
)
from infoview_lib.hub.errors import (
    HubError,
    HubRefused,
    HubUnreachable,
    NameTaken,
    NotFound,
    NotOnRoster,
    RateLimited,
    StudentsTaken,
    TooLarge,
)
from infoview_lib.hub.progress import progress_of, send_progress
from infoview_lib.hub.progress_reporter import (
    ProgressReporter,
    start_progress_reporter,
    stop_progress_reporter,
)
from infoview_lib.hub.service.contract import HAND_IN_LIMIT
from infoview_lib.model import StudentProfile

__all__ = [
    "DEFAULT_TIMEOUT",
    "HAND_IN_LIMIT",
    "HAND_IN_TIMEOUT",
    "HUB_URL_VARIABLE",
    "TOKEN_VARIABLE",
    "HubError",
    "HubRefused",
    "HubUnreachable",
    "NameTaken",
    "NotFound",
    "NotOnRoster",
    "ProgressReporter",
    "RateLimited",
    "StudentsTaken",
    "TooLarge",
    "board",
    "configured",
    "delete_workshop",
    "hand_in",
    "hand_in_bytes",
    "hand_ins",
    "me",
    "profile_json",
    "progress_of",
    "put_roster",
    "send_progress",
    "start_progress_reporter",
    "stop_progress_reporter",
]

#: How long a hand-in may take in all (sending the snapshot and the reply), in seconds.
HAND_IN_TIMEOUT = 15.0


def _mib(size: int) -> str:
    """A size in MiB, as a student reads it.

    >>> _mib(20 * 1024 * 1024), _mib(25_500_000)
    ('20 MiB', '24.3 MiB')
    """
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MiB"


# -- student endpoints ----------------------------------------------------------------


def me(*, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``GET me``: the student's user name and the workshops whose roster lists them."""
    return call("GET", "me", timeout=timeout)


def hand_in(data: bytes, *, timeout: float = HAND_IN_TIMEOUT) -> dict[str, Any]:
    """``PUT me/hand-in``: a workbook snapshot's bytes. The reply has ``handed_in_at``.

    Raises :class:`NotOnRoster` when the student is on no workshop's roster, and
    :class:`TooLarge`, without sending anything, for more than :data:`HAND_IN_LIMIT`.
    """
    if len(data) > HAND_IN_LIMIT:
        raise TooLarge(
            f"Your saved work is {_mib(len(data))}, more than the {_mib(HAND_IN_LIMIT)} a "
            "workshop takes."
        )
    try:
        reply, _headers = call_raw(
            "PUT",
            "me/hand-in",
            body=data,
            content_type="application/octet-stream",
            timeout=timeout,
        )
    except NotFound as error:
        raise NotOnRoster(str(error), status=error.status) from None
    return json_object(reply)


# -- facilitator endpoints --------------------------------------------------------------


def put_roster(
    workshop: str, students: Sequence[Mapping[str, object]], *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """``PUT workshops/{ws}/roster``: ``students`` are ``{"user": ..., "profile": {...}}``.
    The reply says whether the workshop was ``created``, who was ``added`` and ``kept``.

    Raises :class:`StudentsTaken` when the service refuses students who are on a workshop
    another facilitator runs (it names them), :class:`NameTaken` when another
    facilitator runs a workshop of that name.
    """
    return call(
        "PUT",
        f"workshops/{quote_path(workshop)}/roster",
        {"students": [dict(student) for student in students]},
        timeout=timeout,
        facilitator=True,
    )


def delete_workshop(workshop: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``DELETE workshops/{ws}``: the workshop, its roster, progress and hand-ins. The reply
    says how many ``students`` and ``hand_ins`` were deleted. For its facilitator only."""
    return call("DELETE", f"workshops/{quote_path(workshop)}", timeout=timeout, facilitator=True)


def board(workshop: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``GET workshops/{ws}/board``: every student with their progress and hand-in time."""
    return call("GET", f"workshops/{quote_path(workshop)}/board", timeout=timeout, facilitator=True)


def hand_ins(workshop: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``GET workshops/{ws}/hand-ins``: who handed in (``hand_ins``) and who not (``missing``)."""
    return call(
        "GET", f"workshops/{quote_path(workshop)}/hand-ins", timeout=timeout, facilitator=True
    )


def hand_in_bytes(workshop: str, user: str, *, timeout: float = 60.0) -> bytes:
    """``GET workshops/{ws}/hand-ins/{user}``: the bytes of the student's latest hand-in."""
    data, _headers = call_raw(
        "GET",
        f"workshops/{quote_path(workshop)}/hand-ins/{quote_path(user)}",
        timeout=timeout,
        facilitator=True,
    )
    return data


def profile_json(profile: StudentProfile) -> dict[str, object]:
    """A profile as the service takes it: exactly :class:`StudentProfile`'s fields."""
    return {
        "name": profile.name,
        "email": profile.email,
        "program": profile.program,
        "graduation_year": profile.graduation_year,
        "target_fields": list(profile.target_fields),
    }
