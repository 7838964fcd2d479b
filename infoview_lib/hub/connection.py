"""Where the workshop service is, and one call of it: the request (with the server's token,
within a time limit), its reply's bytes, and a refusal or failure turned into the
:class:`~infoview_lib.hub.errors.HubError` kind that says what to do."""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import Any

from infoview_lib.hub.deadline import Deadline, opener, read_all
from infoview_lib.hub.errors import (
    HubError,
    HubRefused,
    HubUnreachable,
    NameTaken,
    NotFound,
    RateLimited,
    StudentsTaken,
    TooLarge,
)

#: Where the workshop service is (set by the hub in the server's environment).
HUB_URL_VARIABLE = "INFOVIEW_HUB_URL"
#: The server's token, inherited by its kernels and terminals.
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"  # noqa: S105  # a variable's name, not a token
#: How long a call waits for the service unless told otherwise, in seconds.
DEFAULT_TIMEOUT = 15.0
#: The largest reply read: a hand-in (20 MiB) and a little more.
MAX_REPLY_BYTES = 21 * 1024 * 1024

_FACILITATOR_ADVICE = (
    "your hub account is not a facilitator of this workshop, or your server started "
    "before you became one: ask the hub administrator to add you to infoview-facilitators "
    "and restart your server (File > Hub Control Panel > Stop My Server, then Start)"
)


def _settings() -> tuple[str, str] | None:
    url = os.environ.get(HUB_URL_VARIABLE, "").strip()
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not url or not token:
        return None
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return None
    return (url if url.endswith("/") else url + "/"), token


def configured() -> bool:
    """Whether this server is on a hub with a workshop service: both variables set, the
    address an ``http`` or ``https`` one."""
    return _settings() is not None


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def quote_path(*parts: str) -> str:
    """``parts`` (a workshop's or a user's name, say) as one path, each part quoted whole."""
    return "/".join(urllib.parse.quote(part, safe="") for part in parts)


def call_raw(
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    content_type: str = "application/json",
    timeout: float,
    facilitator: bool = False,
) -> tuple[bytes, Message]:
    """The reply's bytes and headers; raises a :class:`HubError` for anything else.

    ``facilitator`` says the call is a facilitator's, which a refusal's advice follows."""
    found = _settings()
    if found is None:
        raise HubError(
            f"This is not a hub server with a workshop service ({HUB_URL_VARIABLE} and "
            f"{TOKEN_VARIABLE} are not both set): run this in a terminal of your hub server."
        )
    base, token = found
    # The scheme is http or https (checked in _settings).
    request = urllib.request.Request(base + "api/" + path, data=body, method=method)  # noqa: S310
    request.add_unredirected_header("Authorization", f"token {token}")
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", content_type)
    with Deadline(timeout) as deadline:
        data, headers = _send(request, base, deadline, facilitator=facilitator)
    if len(data) > MAX_REPLY_BYTES:
        raise HubError("The workshop service sent more than a reply can hold.")
    return data, headers


def _send(
    request: urllib.request.Request, base: str, deadline: Deadline, *, facilitator: bool
) -> tuple[bytes, Message]:
    """``request``'s reply within ``deadline``; raises a :class:`HubError` for anything else."""
    try:
        with opener(deadline).open(request, timeout=deadline.seconds) as reply:
            data = read_all(reply, deadline, MAX_REPLY_BYTES)
            headers = reply.headers
    except urllib.error.HTTPError as error:
        try:
            with error:
                body = _error_body(read_all(error, deadline, 64 * 1024))
        except (OSError, http.client.HTTPException, ValueError):
            body = {}
        said = _said(body)
        taken = body.get("students")
        if error.code == 409 and isinstance(taken, list) and taken:
            raise StudentsTaken(said, users=[str(user) for user in taken]) from None
        raise _refusal(error.code, said, facilitator=facilitator) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
        if deadline.expired or time.monotonic() >= deadline.ends:
            waited = _seconds(deadline.seconds)
            raise HubUnreachable(
                f"The workshop service at {base} did not answer within {waited}."
            ) from None
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror.lower()  # "connection refused", without "[Errno 111]"
        raise HubUnreachable(
            f"The workshop service at {base} could not be reached ({reason})."
        ) from None
    return data, headers


def _error_body(data: bytes) -> dict[str, Any]:
    """The service's error reply as a mapping (empty if it is not one)."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}


def _said(body: dict[str, Any]) -> str:
    """The service's error sentence, if its reply has one."""
    error = body.get("error")
    return " ".join(error.split()) if isinstance(error, str) else ""


def _refusal(status: int, said: str, *, facilitator: bool) -> HubError:
    said = said.rstrip(".") + "." if said else ""
    if status in (401, 403):
        if facilitator:
            return HubRefused(
                f"The workshop service refused ({status}): {_FACILITATOR_ADVICE}."
                + (f" (It said: {said})" if said else ""),
                status=status,
            )
        return HubRefused(
            f"The workshop service refused this server's token ({status}). "
            + (said or "Restart your server from the hub's control panel and try again."),
            status=status,
        )
    if status == 404:
        return NotFound(said or "The workshop service found no such thing (404).", status=status)
    if status == 409:
        return NameTaken(
            said or "Another facilitator already runs a workshop of that name: pick another.",
            status=status,
        )
    if status == 413:
        return TooLarge(said or "That is more than the workshop service takes.", status=status)
    if status == 429:
        return RateLimited(
            said or "You handed in a moment ago: wait ten seconds and try again.", status=status
        )
    if status in (502, 503):  # the hub cannot be asked, or hand-ins arrive all at once
        return HubUnreachable(
            f"The workshop service is busy or cannot ask the hub ({status})."
            + (f" {said}" if said else ""),
            status=status,
        )
    if 300 <= status < 400:
        return HubUnreachable(
            f"The workshop service's address redirects elsewhere ({status}): ask the hub "
            f"administrator to check {HUB_URL_VARIABLE}.",
            status=status,
        )
    return HubError(
        f"The workshop service could not do it ({status})." + (f" {said}" if said else ""),
        status=status,
    )


def json_object(data: bytes) -> dict[str, Any]:
    """A reply's JSON object; a :class:`HubError` when it is not one."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise HubError("The workshop service sent a reply that is not JSON.") from None
    if not isinstance(value, dict):
        raise HubError("The workshop service sent a reply of another shape.")
    return value


def call(
    method: str,
    path: str,
    payload: object = None,
    *,
    timeout: float,
    facilitator: bool = False,
) -> dict[str, Any]:
    """``payload`` sent as JSON, and the reply's JSON object (see :func:`call_raw`)."""
    body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    data, _headers = call_raw(method, path, body=body, timeout=timeout, facilitator=facilitator)
    return json_object(data)
