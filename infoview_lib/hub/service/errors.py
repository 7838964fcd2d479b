"""The service's errors: an error reply with the sentence it carries, the plain sentences of
the replies that carry none, and a data folder that is not safe to use."""

from __future__ import annotations

from collections.abc import Sequence

import tornado.web

GENERIC_ERRORS = {
    400: "The request is not one this service understands.",
    404: "There is no such page in the infoview service; check the address.",
    405: "This address does not take that kind of request.",
    500: "The infoview service had a problem; try again in a minute, and tell your "
    "facilitator if it keeps happening.",
    502: "The infoview service could not reach the hub; try again in a minute.",
}


class ApiError(tornado.web.HTTPError):
    """An error reply: its status and a sentence the student or facilitator can act on."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        retry_after: int | None = None,
        students: Sequence[str] = (),
    ) -> None:
        super().__init__(status)
        self.message = message
        self.retry_after = retry_after
        self.students = list(students)  # the roster's users a 409 refuses, for the client


class DataFolderError(Exception):
    """The data folder cannot be used safely."""
