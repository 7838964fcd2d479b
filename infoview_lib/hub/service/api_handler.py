"""The base of every endpoint (:class:`ApiHandler`): the hub token's user and scopes, request
bodies bounded before they are read, JSON replies, and errors as one plain sentence, logged
without a token, query string or body. Also what every request shares
(:class:`ServiceState`) and the reply for an address the service does not have."""

from __future__ import annotations

import inspect
import json
import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import tornado.web

from .contract import ACCESS_SCOPE, FACILITATE_SCOPE, utc_stamp
from .errors import GENERIC_ERRORS, ApiError
from .storage import Store
from .validation import Json

log = logging.getLogger("infoview.hub_service")

Clock = Callable[[], datetime]


class Auth(Protocol):
    """What the service needs from ``HubAuth`` (see :func:`~.app.make_app`)."""

    def user_for_token(self, token: str, /, *, sync: bool = ...) -> Any: ...

    def check_scopes(self, required_scopes: set[str], user: Any, /) -> Any: ...


@dataclass
class ServiceState:
    """What every request shares: the data folder, the hub's auth, the clock, when each
    student last handed in, and the hand-ins being received now."""

    store: Store
    auth: Auth
    clock: Clock
    last_hand_in: dict[str, datetime] = field(default_factory=dict)
    receiving: set[int] = field(default_factory=set)


@tornado.web.stream_request_body
class ApiHandler(tornado.web.RequestHandler):
    """The base of every endpoint: token auth, bounded bodies, JSON replies and errors.

    ``prepare`` authenticates (and, on a facilitator endpoint, checks the scope) and refuses a
    declared ``Content-Length`` over ``body_limit`` before tornado reads any of the body: it
    waits for ``prepare`` before calling :meth:`data_received`, and a reply sent from
    ``prepare`` makes it close the connection instead of reading the body.
    """

    body_limit = 0
    body_name = "The request"
    for_facilitators = False

    def initialize(self, state: ServiceState) -> None:
        self.state = state
        self.user = ""
        self._chunks: list[bytes] = []
        self._received = 0

    async def prepare(self) -> None:
        model = await self.authenticate()
        if self.for_facilitators and not self.state.auth.check_scopes({FACILITATE_SCOPE}, model):
            raise ApiError(
                403,
                "Only workshop facilitators can do this. If you are one, ask the hub's "
                "administrator to add you, then restart your server.",
            )
        declared = self.request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.body_limit:
            raise self.too_large()

    def data_received(self, chunk: bytes) -> None:
        if self._received + len(chunk) <= self.body_limit:
            self._chunks.append(chunk)
        self._received += len(chunk)

    def too_large(self) -> ApiError:
        """The 413 for this endpoint's limit."""
        limit = f"{self.body_limit // 1024} KiB"
        if self.body_limit >= 1024 * 1024:
            limit = f"{self.body_limit // (1024 * 1024)} MiB"
        return ApiError(413, f"{self.body_name} is larger than {limit}, the most it can be.")

    def body(self) -> bytes:
        """The request body; 413 when it was over this endpoint's limit."""
        if self._received > self.body_limit:
            raise self.too_large()
        return b"".join(self._chunks)

    async def authenticate(self) -> Json:
        """The token's user model; sets ``self.user``. 401 without a known token, else 403.

        502 when the hub cannot be reached (``HubAuth`` raises a 500 or 502 ``HTTPError`` then).
        """
        match = re.fullmatch(
            r"(?:token|bearer)\s+(\S+)",
            self.request.headers.get("Authorization", "").strip(),
            re.IGNORECASE,
        )
        if match is None:
            raise ApiError(401, "Sign in to JupyterHub: this request carries no hub token.")
        try:
            model = self.state.auth.user_for_token(match.group(1), sync=False)
            if inspect.isawaitable(model):
                model = await model
        except ApiError:
            raise
        except (tornado.web.HTTPError, OSError) as error:
            status = getattr(error, "status_code", 502)
            if status < 500:
                raise
            log.warning("The hub could not be asked who a token is: %s", type(error).__name__)
            raise ApiError(502, GENERIC_ERRORS[502]) from None
        if not model or not isinstance(model, dict) or not model.get("name"):
            raise ApiError(401, "The hub does not know this token; restart your server.")
        if model.get("kind", "user") != "user" or not self.state.auth.check_scopes(
            {ACCESS_SCOPE}, model
        ):
            raise ApiError(403, "Your hub account is not allowed to use the infoview service.")
        self.user = str(model["name"])  # exactly as the hub names the user
        return model

    def run_by_caller(self, db: sqlite3.Connection, name: str) -> int:
        """The id of workshop ``name``: 404 if there is none, 403 if the caller does not run it."""
        row = db.execute("SELECT id FROM workshops WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise ApiError(404, f"There is no workshop called {name!r}; check its name.")
        if not self._facilitates(db, row[0]):
            raise ApiError(403, f"You do not run the workshop {name!r}.")
        return int(row[0])

    def _facilitates(self, db: sqlite3.Connection, workshop_id: int) -> bool:
        found = db.execute(
            "SELECT 1 FROM facilitators WHERE workshop_id = ? AND user = ?",
            (workshop_id, self.user),
        ).fetchone()
        return found is not None

    def now(self) -> str:
        """The clock's time, formatted."""
        return utc_stamp(self.state.clock())

    def reply(self, value: Json) -> None:
        """Finish with ``value`` as JSON."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(value))

    def log_exception(self, typ: Any, value: BaseException | None, tb: Any) -> None:
        """Log a failure by method and path only (tornado's own line has the query string)."""
        where = f"{self.request.method} {self.request.path}"
        if isinstance(value, ApiError):
            return  # expected; _log_request logs the status
        if isinstance(value, tornado.web.HTTPError):
            log.warning("%s: %s", where, value)
        else:
            log.error("%s failed", where, exc_info=value)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every error is ``{"error": sentence}``; never a traceback."""
        error = kwargs.get("exc_info", (None, None, None))[1]
        body: dict[str, Any]
        if isinstance(error, ApiError):
            body = {"error": error.message}
            if error.students:
                body["students"] = error.students
            if error.retry_after is not None:
                self.set_header("Retry-After", str(error.retry_after))
        else:
            body = {"error": GENERIC_ERRORS.get(status_code, GENERIC_ERRORS[500])}
        self.clear_header("Content-Disposition")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))


class NotFoundHandler(ApiHandler):
    """Any address the service does not have."""

    async def prepare(self) -> None:
        raise ApiError(404, GENERIC_ERRORS[404])
