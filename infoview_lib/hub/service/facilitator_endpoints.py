"""The endpoints a workshop's facilitator calls: ``PUT api/workshops/{ws}/roster`` (creating
the workshop), ``DELETE api/workshops/{ws}``, its board, its hand-ins and each hand-in's bytes.
A workshop is run by the facilitator who created it; no one else sees or changes it."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from .api_handler import ApiHandler
from .contract import ROSTER_LIMIT
from .errors import ApiError
from .validation import Json, parse_json_object, user_name, validate_roster, workshop_name


class FacilitatorHandler(ApiHandler):
    """The base of the facilitators' endpoints: the caller must hold the facilitator scope."""

    for_facilitators = True


class RosterListHandler(FacilitatorHandler):
    """A ``GET`` of each student on a workshop's roster, in roster order, with the
    ``columns`` of ``students s`` and of what ``joins`` adds; :meth:`listing` shapes them."""

    columns = "s.user"
    joins = ""

    async def get(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        with self.state.store.transaction() as db:
            workshop_id = self.run_by_caller(db, name)
            rows = db.execute(
                f"SELECT {self.columns} FROM students s {self.joins}"
                " WHERE s.workshop_id = ? ORDER BY s.position",
                (workshop_id,),
            ).fetchall()
        self.reply({"workshop": name, **self.listing(rows)})

    def listing(self, rows: list[tuple[Any, ...]]) -> Json:
        """The reply's fields besides ``workshop``."""
        raise NotImplementedError


class RosterHandler(FacilitatorHandler):
    """``PUT api/workshops/{ws}/roster``: create the workshop if new; add missing students."""

    body_limit = ROSTER_LIMIT
    body_name = "The roster"

    async def put(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        rows = validate_roster(parse_json_object(self.body(), "The roster"))
        with self.state.store.transaction() as db:
            workshop_id, created = self._workshop(db, name)
            self._only_own_students(db, workshop_id, [user for user, _ in rows])
            existing = {
                user
                for (user,) in db.execute(
                    "SELECT user FROM students WHERE workshop_id = ?", (workshop_id,)
                )
            }
            (position,) = db.execute(
                "SELECT COALESCE(MAX(position), 0) FROM students WHERE workshop_id = ?",
                (workshop_id,),
            ).fetchone()
            added: list[str] = []
            for user, profile in rows:
                if user in existing:
                    continue
                position += 1
                db.execute(
                    "INSERT INTO students (workshop_id, user, position, profile_json)"
                    " VALUES (?, ?, ?, ?)",
                    (workshop_id, user, position, json.dumps(profile)),
                )
                added.append(user)
        kept = [user for user, _ in rows if user in existing]
        self.reply({"workshop": name, "created": created, "added": added, "kept": kept})

    def _only_own_students(
        self, db: sqlite3.Connection, workshop_id: int, users: list[str]
    ) -> None:
        """409 when a user is on another workshop that the caller does not run.

        The reply names those students only, never the other workshop or who runs it.
        """
        taken = [
            user
            for user in users
            if db.execute(
                "SELECT 1 FROM students s WHERE s.user = ? AND s.workshop_id != ?"
                " AND NOT EXISTS (SELECT 1 FROM facilitators f"
                " WHERE f.workshop_id = s.workshop_id AND f.user = ?)",
                (user, workshop_id, self.user),
            ).fetchone()
        ]
        if taken:
            shown = ", ".join(repr(user) for user in taken[:20])
            if len(taken) > 20:
                shown += f" and {len(taken) - 20} more"
            raise ApiError(
                409,
                f"{len(taken)} of these students already take part in a workshop another "
                f"facilitator runs: {shown}. A student can be on one facilitator's workshops "
                "only; they can be added once that workshop is deleted. Nothing was changed.",
                students=taken,
            )

    def _workshop(self, db: sqlite3.Connection, name: str) -> tuple[int, bool]:
        """The workshop's id, and whether it was created now; 409 if another runs it."""
        row = db.execute("SELECT id FROM workshops WHERE name = ?", (name,)).fetchone()
        if row is not None:
            if not self._facilitates(db, row[0]):
                raise ApiError(
                    409,
                    f"Another facilitator already runs a workshop called {name!r}; "
                    "choose another name.",
                )
            return int(row[0]), False
        cursor = db.execute(
            "INSERT INTO workshops (name, created_at) VALUES (?, ?)", (name, self.now())
        )
        workshop_id = int(cursor.lastrowid or 0)
        db.execute(
            "INSERT INTO facilitators (workshop_id, user) VALUES (?, ?)", (workshop_id, self.user)
        )
        return workshop_id, True


class WorkshopHandler(FacilitatorHandler):
    """``DELETE api/workshops/{ws}``: the workshop, its roster, progress and hand-ins."""

    async def delete(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        folder = Path()
        moved: Path | None = None  # where the workshop's files wait for the commit
        try:
            with self.state.store.transaction() as db:
                workshop_id = self.run_by_caller(db, name)
                students = "SELECT id FROM students WHERE workshop_id = ?"
                (hand_ins,) = db.execute(
                    f"SELECT count(*) FROM hand_ins WHERE student_id IN ({students})",
                    (workshop_id,),
                ).fetchone()
                db.execute(f"DELETE FROM hand_ins WHERE student_id IN ({students})", (workshop_id,))
                db.execute(f"DELETE FROM progress WHERE student_id IN ({students})", (workshop_id,))
                removed = db.execute(
                    "DELETE FROM students WHERE workshop_id = ?", (workshop_id,)
                ).rowcount
                db.execute("DELETE FROM facilitators WHERE workshop_id = ?", (workshop_id,))
                db.execute("DELETE FROM workshops WHERE id = ?", (workshop_id,))
                folder = self.state.store.hand_ins / str(workshop_id)
                if folder.exists():
                    away = tempfile.mkdtemp(
                        dir=self.state.store.scratch, prefix=f"deleted-{workshop_id}-"
                    )
                    try:
                        folder.rename(Path(away) / "files")
                    except BaseException:
                        Path(away).rmdir()
                        raise
                    moved = Path(away)
        except BaseException:
            if moved is not None:  # not committed: the files go back
                (moved / "files").rename(folder)
                moved.rmdir()
            raise
        if moved is not None:
            shutil.rmtree(moved, ignore_errors=True)
        self.reply({"workshop": name, "students": removed, "hand_ins": int(hand_ins)})


class BoardHandler(RosterListHandler):
    """``GET api/workshops/{ws}/board``: the roster with progress and hand-in times."""

    columns = "s.user, s.profile_json, p.body_json, p.received_at, h.handed_in_at"
    joins = (
        "LEFT JOIN progress p ON p.student_id = s.id LEFT JOIN hand_ins h ON h.student_id = s.id"
    )

    def listing(self, rows: list[tuple[Any, ...]]) -> Json:
        """Each student with their progress (or ``None``) and when they handed in."""
        students = [
            {
                "user": user,
                "name": json.loads(profile)["name"],
                "progress": None if body is None else json.loads(body),
                "progress_at": received_at,
                "handed_in_at": handed_in_at,
            }
            for user, profile, body, received_at, handed_in_at in rows
        ]
        return {"students": students}


class HandInListHandler(RosterListHandler):
    """``GET api/workshops/{ws}/hand-ins``: who handed in, and who has not."""

    columns = "s.user, s.profile_json, h.handed_in_at, h.sha256, h.size"
    joins = "LEFT JOIN hand_ins h ON h.student_id = s.id"

    def listing(self, rows: list[tuple[Any, ...]]) -> Json:
        """``hand_ins`` (with their time, digest and size) and who is ``missing``."""
        hand_ins: list[Json] = []
        missing: list[Json] = []
        for user, profile_json, handed_in_at, digest, size in rows:
            profile = json.loads(profile_json)
            who = {"user": user, "name": profile["name"], "email": profile["email"]}
            if handed_in_at is None:
                missing.append(who)
            else:
                hand_ins.append(
                    who | {"handed_in_at": handed_in_at, "sha256": digest, "size": size}
                )
        return {"hand_ins": hand_ins, "missing": missing}


class HandInFileHandler(FacilitatorHandler):
    """``GET api/workshops/{ws}/hand-ins/{user}``: the latest hand-in's bytes."""

    async def get(self, raw_workshop: str, raw_user: str) -> None:
        name = workshop_name(raw_workshop)
        user = user_name(raw_user)
        with self.state.store.transaction() as db:
            workshop_id = self.run_by_caller(db, name)
            row = db.execute(
                "SELECT s.id, h.handed_in_at, h.sha256 FROM students s"
                " JOIN hand_ins h ON h.student_id = s.id"
                " WHERE s.workshop_id = ? AND s.user = ?",
                (workshop_id, user),
            ).fetchone()
            if row is None:
                raise ApiError(
                    404, f"{raw_user!r} has not handed in for {name!r}, or is not on its roster."
                )
            data = self.state.store.hand_in_path(workshop_id, row[0]).read_bytes()
        self.set_header("Content-Type", "application/octet-stream")
        self.set_header("X-Infoview-Handed-In-At", row[1])
        self.set_header("X-Infoview-Sha256", row[2])
        self.set_header("Cache-Control", "no-store")
        self.finish(data)
