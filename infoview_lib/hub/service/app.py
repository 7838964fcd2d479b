"""The service's tornado app, its HTTP server and its command line.

For tests, build the app with :func:`make_app` and any ``auth`` object of this shape (the real
one is ``jupyterhub.services.auth.HubAuth``):

- ``auth.user_for_token(token, sync=False)`` returns the token's user model
  ``{"name": "s1", "scopes": ["access:services!service=infoview", ...]}``, or ``None`` for a
  token the hub does not know; either directly or as an awaitable of it.
- ``auth.check_scopes(required_scopes, user_model)`` returns something truthy when the model's
  scopes cover ``required_scopes`` (a set of str).

>>> class FakeAuth:
...     def __init__(self, users: dict[str, dict[str, Any]]) -> None:
...         self.users = users  # token -> {"name": ..., "scopes": [...]}
...     def user_for_token(self, token: str, *, sync: bool = True) -> dict[str, Any] | None:
...         return self.users.get(token)
...     def check_scopes(self, required: set[str], model: dict[str, Any]) -> set[str]:
...         return set(required) & set(model["scopes"])
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     app = make_app(Path(folder) / "data", auth=FakeAuth({}))
>>> type(app).__name__
'Application'
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import tornado.httpserver
import tornado.web

from .api_handler import ApiHandler, Auth, Clock, NotFoundHandler, ServiceState
from .contract import (
    ACCESS_SCOPE,
    BODY_TIMEOUT,
    DEFAULT_PREFIX,
    HAND_IN_LIMIT,
    IDLE_CONNECTION_TIMEOUT,
    UTC,
)
from .errors import DataFolderError
from .facilitator_endpoints import (
    BoardHandler,
    HandInFileHandler,
    HandInListHandler,
    RosterHandler,
    WorkshopHandler,
)
from .storage import Store, check_data_folder
from .student_endpoints import HandInHandler, MeHandler, ProgressHandler

log = logging.getLogger("infoview.hub_service")


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Log method, path, status and time: never a query string, token or body."""
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING if status < 500 else logging.ERROR
    user = getattr(handler, "user", "") or "-"
    log.log(
        level,
        "%d %s %s %s %.1fms",
        status,
        handler.request.method,
        handler.request.path,
        user,
        1000 * handler.request.request_time(),
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


def make_app(
    data_dir: Path,
    *,
    auth: Auth,
    prefix: str = DEFAULT_PREFIX,
    clock: Clock = _utc_now,
) -> tornado.web.Application:
    """The service's tornado app over ``data_dir`` (made 0700 if missing; refused if open).

    Raises :class:`DataFolderError` for a data folder others can open or another user owns.
    """
    base = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    api = re.escape(base) + "api/"
    args = {"state": ServiceState(Store(Path(data_dir)), auth, clock)}
    routes: list[tuple[str, type[ApiHandler]]] = [
        ("me", MeHandler),
        ("me/progress", ProgressHandler),
        ("me/hand-in", HandInHandler),
        ("workshops/([^/]+)", WorkshopHandler),
        ("workshops/([^/]+)/roster", RosterHandler),
        ("workshops/([^/]+)/board", BoardHandler),
        ("workshops/([^/]+)/hand-ins", HandInListHandler),
        ("workshops/([^/]+)/hand-ins/([^/]+)", HandInFileHandler),
    ]
    return tornado.web.Application(
        [(api + path, handler, args) for path, handler in routes],
        default_handler_class=NotFoundHandler,
        default_handler_args=args,
        log_function=_log_request,
    )


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    parser = argparse.ArgumentParser(
        prog="infoview-hub-service", description="The infoview JupyterHub service."
    )
    parser.add_argument("--data", type=Path, required=True, help="the service's private folder")
    parser.add_argument("--ip", default=url.hostname or "127.0.0.1")
    parser.add_argument("--port", type=int, default=url.port or 10101)
    parser.add_argument(
        "--prefix", default=os.environ.get("JUPYTERHUB_SERVICE_PREFIX", DEFAULT_PREFIX)
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the service until it is stopped; 2 when the data folder is unsafe."""
    os.umask(0o077)
    arguments = _arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    log.setLevel(logging.INFO)
    try:
        check_data_folder(arguments.data)
        from jupyterhub.services.auth import HubAuth

        app = make_app(
            arguments.data, auth=HubAuth(access_scopes={ACCESS_SCOPE}), prefix=arguments.prefix
        )
    except (DataFolderError, OSError, sqlite3.Error) as error:
        print(f"infoview service: {error}", file=sys.stderr)
        return 2
    asyncio.run(_serve(app, arguments.ip, arguments.port))
    return 0


def make_server(app: tornado.web.Application) -> tornado.httpserver.HTTPServer:
    """The HTTP server for ``app``: bodies bounded in size and time, idle connections closed."""
    return tornado.httpserver.HTTPServer(
        app,
        max_body_size=2 * HAND_IN_LIMIT,
        body_timeout=BODY_TIMEOUT,
        idle_connection_timeout=IDLE_CONNECTION_TIMEOUT,
    )


async def _serve(app: tornado.web.Application, ip: str, port: int) -> None:
    """Listen on ``ip:port`` until the process is stopped."""
    server = make_server(app)
    server.listen(port, address=ip)
    log.info("infoview service listening on http://%s:%d", ip, port)
    await asyncio.Event().wait()
