"""The endpoints a student's server calls, for every workshop whose roster lists the caller:
``GET api/me`` (their roster entries), ``PUT api/me/progress`` (counts and dates) and
``PUT api/me/hand-in`` (a checked workbook, at most one every few seconds and a few received
at once)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from math import ceil
from pathlib import Path

import tornado.ioloop

from .api_handler import ApiHandler
from .contract import (
    BUSY_RETRY_AFTER,
    HAND_IN_INTERVAL,
    HAND_IN_LIMIT,
    HAND_INS_AT_ONCE,
    PROGRESS_LIMIT,
    utc_stamp,
)
from .errors import ApiError
from .storage import fsync_folder, private_folder, write_temporary
from .validation import (
    Json,
    check_workbook_header,
    check_workbook_intact,
    parse_json_object,
    validate_progress,
)


class MeHandler(ApiHandler):
    """``GET api/me``: the caller's roster entries."""

    async def get(self) -> None:
        with self.state.store.transaction() as db:
            rows = db.execute(
                "SELECT w.name, s.profile_json, h.handed_in_at FROM students s"
                " JOIN workshops w ON w.id = s.workshop_id"
                " LEFT JOIN hand_ins h ON h.student_id = s.id"
                " WHERE s.user = ? ORDER BY w.name",
                (self.user,),
            ).fetchall()
        workshops = [
            {"workshop": name, "profile": json.loads(profile), "handed_in_at": handed_in_at}
            for name, profile, handed_in_at in rows
        ]
        self.reply({"user": self.user, "workshops": workshops})


def _rosters_of(db: sqlite3.Connection, user: str) -> list[tuple[int, int, str]]:
    """``(workshop id, student id, workshop name)`` for each roster that lists ``user``."""
    rows = db.execute(
        "SELECT w.id, s.id, w.name FROM students s JOIN workshops w ON w.id = s.workshop_id"
        " WHERE s.user = ? ORDER BY w.name",
        (user,),
    ).fetchall()
    return [(int(w), int(s), str(name)) for w, s, name in rows]


class ProgressHandler(ApiHandler):
    """``PUT api/me/progress``: counts and dates, for every workshop listing the caller."""

    body_limit = PROGRESS_LIMIT
    body_name = "The progress"

    async def put(self) -> None:
        progress = validate_progress(parse_json_object(self.body(), "The progress"))
        body_json = json.dumps(progress, separators=(",", ":"))
        with self.state.store.transaction() as db:
            rosters = _rosters_of(db, self.user)
            received_at = self.now()
            for _, student_id, _ in rosters:
                db.execute(
                    "INSERT INTO progress (student_id, body_json, received_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (student_id) DO UPDATE SET"
                    " body_json = excluded.body_json, received_at = excluded.received_at",
                    (student_id, body_json, received_at),
                )
        self.reply({"workshops": [name for _, _, name in rosters]})


class HandInHandler(ApiHandler):
    """``PUT api/me/hand-in``: a checked workbook, kept for every workshop listing the caller."""

    body_limit = HAND_IN_LIMIT
    body_name = "The hand-in"

    async def prepare(self) -> None:
        """Before any of the body is read: 404 off every roster, 429 too soon, 503 too busy."""
        await super().prepare()
        self._check_roster()
        self._check_rate()
        if len(self.state.receiving) >= HAND_INS_AT_ONCE:
            raise ApiError(
                503,
                "The infoview service is receiving other hand-ins; "
                f"try again in {BUSY_RETRY_AFTER} seconds.",
                retry_after=BUSY_RETRY_AFTER,
            )
        self.state.receiving.add(id(self))

    def on_finish(self) -> None:
        self.state.receiving.discard(id(self))

    def on_connection_close(self) -> None:
        self.state.receiving.discard(id(self))
        super().on_connection_close()

    async def put(self) -> None:
        data = self.body()
        self._check_roster()
        self._check_rate()
        last_hand_in = self.state.last_hand_in
        previous = last_hand_in.get(self.user)
        last_hand_in[self.user] = self.state.clock()  # held while checking: one at a time
        try:
            check_workbook_header(data)
            await tornado.ioloop.IOLoop.current().run_in_executor(
                None, check_workbook_intact, data, self.state.store.scratch
            )
            reply = self._store(data)
        except BaseException:
            if previous is None:
                last_hand_in.pop(self.user, None)
            else:
                last_hand_in[self.user] = previous
            raise
        self.reply(reply)

    def _check_roster(self) -> None:
        """404 when no roster lists the caller."""
        with self.state.store.transaction() as db:
            on_roster = bool(_rosters_of(db, self.user))
        if not on_roster:
            raise ApiError(
                404, "You are on no workshop's roster, so the hand-in was not sent; keep it saved."
            )

    def _check_rate(self) -> None:
        """429 when the caller handed in less than ten seconds ago."""
        last = self.state.last_hand_in.get(self.user)
        if last is None:
            return
        waited = abs((self.state.clock() - last).total_seconds())
        if waited < HAND_IN_INTERVAL:
            wait = max(1, ceil(HAND_IN_INTERVAL - waited))
            raise ApiError(
                429,
                f"You handed in a moment ago; wait {wait} seconds and try again.",
                retry_after=wait,
            )

    def _store(self, data: bytes) -> Json:
        """Write the hand-in for each roster and record it; the reply."""
        digest = hashlib.sha256(data).hexdigest()
        moment = self.state.clock()
        handed_in_at = utc_stamp(moment)
        written: list[tuple[Path, Path]] = []  # (temporary file, its place)
        try:
            with self.state.store.transaction() as db:
                rosters = _rosters_of(db, self.user)
                for workshop_id, student_id, _ in rosters:
                    path = self.state.store.hand_in_path(workshop_id, student_id)
                    private_folder(path.parent)
                    written.append((write_temporary(path.parent, data), path))
                    db.execute(
                        "INSERT INTO hand_ins (student_id, handed_in_at, sha256, size)"
                        " VALUES (?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET"
                        " handed_in_at = excluded.handed_in_at, sha256 = excluded.sha256,"
                        " size = excluded.size",
                        (student_id, handed_in_at, digest, len(data)),
                    )
        except BaseException:
            for temp, _ in written:
                temp.unlink(missing_ok=True)
            raise
        # The rows are committed: now the files take their places.
        for temp, path in written:
            temp.replace(path)
        for folder in {path.parent for _, path in written}:
            fsync_folder(folder)
        self.state.last_hand_in[self.user] = moment
        return {
            "handed_in_at": handed_in_at,
            "sha256": digest,
            "size": len(data),
            "workshops": [name for _, _, name in rosters],
        }
