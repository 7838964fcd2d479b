"""What a call of the workshop service fails with: :class:`HubError`, and a kind of it for
each refusal a caller may act on. Each carries a sentence a student or facilitator can act
on, and the reply's status when there was one."""

from __future__ import annotations

from collections.abc import Sequence

from infoview_lib.errors import InfoviewError


class HubError(InfoviewError):
    """The workshop service could not do what was asked; the message says why."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class HubUnreachable(HubError):
    """The service did not answer (down, a wrong address, or too slow)."""


class HubRefused(HubError):
    """The service refused this account (401 or 403)."""


class NotFound(HubError):
    """No such workshop, or no such hand-in (404)."""


class NotOnRoster(NotFound):
    """A student on no workshop's roster handed in (404 on ``me/hand-in``)."""


class NameTaken(HubError):
    """A workshop name another facilitator already runs (409)."""


class RateLimited(HubError):
    """A second hand-in within seconds of the last (429)."""


class TooLarge(HubError):
    """More than the service takes (413), or a hand-in over :data:`HAND_IN_LIMIT`."""


class StudentsTaken(HubError):
    """A roster listing students who are on a workshop another facilitator runs (409).

    ``users`` are the roster's user names the service named (at most the first 20 it
    names; :attr:`message` is the service's whole sentence)."""

    def __init__(self, message: str, *, users: Sequence[str], status: int | None = 409) -> None:
        super().__init__(message, status=status)
        self.users = tuple(users)
