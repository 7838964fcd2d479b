"""A real JupyterHub on 127.0.0.1, with real Unix users, running the shipped configuration.

The hub, the students' servers and the workshop service run from the environment that
``scripts/ensure-hub-test-env.sh`` builds (Debian's Python, in a folder every user can
read), with this checkout's infoview installed into it as a wheel. Users log in through
PAM, as on a university's own hub. Everything made here (users, their homes, processes,
folders) is removed by :meth:`RealHub.stop`, whatever happened before.

Used by ``tests/hub/test_workshop.py`` and ``benchmarks/hub_memory.py``; root only.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HUB_ENV = Path(os.environ.get("INFOVIEW_HUB_TEST_ENV", "/opt/infoview-hub-test"))
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
#: The day the students' notebooks count from, so pages read the same every day.
TODAY = "2026-03-16"
FACILITATE = "custom:infoview:facilitate"
USE_SERVICE = "access:services!service=infoview"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment_problem() -> str | None:
    """Why a real hub cannot run here, in a sentence; None when it can."""
    if os.geteuid() != 0:
        return (
            "the hub test creates Unix users, so it runs as root (CI does): run 'make test' as root"
        )
    if not (HUB_ENV / ".ready").exists():
        return f"{HUB_ENV} is not built: 'make test' builds it (scripts/ensure-hub-test-env.sh)"
    return None


@dataclass(frozen=True)
class HubUser:
    """A Unix user made for the test, who logs in to the hub with a password."""

    name: str
    password: str

    @property
    def home(self) -> Path:
        return Path("/home") / self.name

    @property
    def uid(self) -> int:
        import pwd

        return pwd.getpwnam(self.name).pw_uid


@dataclass
class RealHub:
    """A JupyterHub with ``students`` student accounts and one facilitator."""

    students: int = 3
    prefix: str = field(default_factory=lambda: f"ivt{secrets.token_hex(3)}")
    work: Path = field(init=False)
    service_data: Path = field(init=False)
    users: list[HubUser] = field(init=False, default_factory=list)
    facilitator: HubUser = field(init=False)
    service_user: str = field(init=False)
    port: int = field(init=False, default_factory=free_port)
    service_port: int = field(init=False, default_factory=free_port)
    e2e_token: str = field(init=False, default_factory=lambda: secrets.token_hex(32))
    _process: subprocess.Popen[bytes] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="infoview-hub-"))  # 0700, root's
        self.service_data = Path(tempfile.mkdtemp(prefix="infoview-service-"))
        self.service_user = f"{self.prefix}-svc"

    # -- set up ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        """The workshop service as the students' kernels reach it (INFOVIEW_HUB_URL)."""
        return f"http://127.0.0.1:{self.service_port}/services/infoview/"

    @property
    def log(self) -> Path:
        return self.work / "hub.log"

    def start(self) -> None:
        """Install this checkout's infoview, make the users, start the hub; wait for it."""
        self._install_infoview()
        self._make_users()
        overrides = self.work / "overrides.py"
        overrides.write_text(self._overrides(), encoding="utf-8")
        env = {
            "PATH": f"{HUB_ENV / 'venv' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "INFOVIEW_USER_ENV": str(HUB_ENV / "venv"),
            "INFOVIEW_SERVICE_PORT": str(self.service_port),
            "INFOVIEW_SERVICE_DATA": str(self.service_data),
            "INFOVIEW_SERVICE_USER": self.service_user,
            "INFOVIEW_FACILITATORS": self.facilitator.name,
        }
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                [str(HUB_ENV / "venv" / "bin" / "jupyterhub"), "-f", str(overrides)],
                cwd=self.work,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the hub exited at start:\n{self.log_text()[-4000:]}")
            try:
                status, _ = self.api("GET", "/hub/api/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the hub did not answer in 60 s:\n{self.log_text()[-4000:]}")

    def _install_infoview(self) -> None:
        wheels = self.work / "wheel"
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                str(ROOT),
                "-w",
                str(wheels),
            ],
            check=True,
            capture_output=True,
        )
        (wheel,) = wheels.glob("infoview-*.whl")
        subprocess.run(
            [
                str(HUB_ENV / "venv" / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--force-reinstall",
                str(wheel),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(["chmod", "-R", "a+rX", str(HUB_ENV / "venv")], check=True)

    def _make_users(self) -> None:
        names = [f"{self.prefix}-s{n}" for n in range(1, self.students + 1)]
        names.append(f"{self.prefix}-fac")
        for name in names:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
            user = HubUser(name, secrets.token_urlsafe(12))
            subprocess.run(["chpasswd"], input=f"{name}:{user.password}\n".encode(), check=True)
            self.users.append(user)
        self.facilitator = self.users.pop()
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                self.service_user,
            ],
            check=True,
        )
        shutil.chown(self.service_data, user=self.service_user, group=self.service_user)

    def _overrides(self) -> str:
        allowed = sorted(user.name for user in [*self.users, self.facilitator])
        chp = HUB_ENV / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
        e2e_scopes = [*(f"tokens!user={name}" for name in allowed), "list:users", "read:users"]
        return f"""
load_subconfig({str(DEPLOY_CONFIG)!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(chp)!r}]
c.JupyterHub.db_url = "sqlite:///{self.work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{self.work}/cookie_secret"
c.JupyterHub.pid_file = "{self.work}/jupyterhub.pid"
c.Authenticator.allowed_users = set({allowed!r})
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.Spawner.environment["INFOVIEW_TODAY"] = {TODAY!r}
# The test's own service: it mints the tokens a user's server would hold.
c.JupyterHub.services.append({{"name": "e2e", "api_token": {self.e2e_token!r}}})
c.JupyterHub.load_roles.append(
    {{"name": "e2e", "services": ["e2e"], "scopes": {e2e_scopes!r}}}
)
"""

    # -- using it -------------------------------------------------------------------------

    def api(
        self, method: str, path: str, *, token: str | None = None, body: Any = None
    ) -> tuple[int, Any]:
        """Call the hub (through its proxy) and return the status and the JSON reply."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)  # noqa: S310
        request.add_header("Authorization", f"token {token or self.e2e_token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310 (loopback)
                raw = reply.read()
                return reply.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, raw.decode(errors="replace")

    def token_for(self, user: HubUser, scopes: Sequence[str]) -> str:
        """A token of ``user``'s with ``scopes``, as their server would hold (the hub refuses
        scopes the user does not have)."""
        status, reply = self.api(
            "POST",
            f"/hub/api/users/{user.name}/tokens",
            body={"scopes": list(scopes), "note": "infoview e2e", "expires_in": 3600},
        )
        if status != 201:
            raise PermissionError(f"the hub refused a token for {user.name}: {status} {reply}")
        return str(reply["token"])

    def run_as(
        self, user: HubUser, argv: Sequence[str], *, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a command as ``user``, in their home, as in their JupyterLab terminal."""
        base = {
            "HOME": str(user.home),
            "USER": user.name,
            "PATH": f"{HUB_ENV / 'venv' / 'bin'}:/usr/bin:/bin",
            "LANG": "C.UTF-8",
        }
        command = ["runuser", "-u", user.name, "--", "env", "-i"]
        command += [f"{key}={value}" for key, value in {**base, **(env or {})}.items()]
        return subprocess.run(
            [*command, *argv],
            cwd=user.home,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    def processes_of(self, user: HubUser, marker: bytes = b"") -> list[int]:
        """The pids of ``user``'s processes whose command line holds ``marker``."""
        found = []
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                if entry.stat().st_uid == user.uid and marker in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
        return found

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    # -- tear down ------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop the hub (it stops the servers and services), then remove every trace."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=10)
        names = [user.name for user in self.users]
        names += [self.facilitator.name] if hasattr(self, "facilitator") else []
        names.append(self.service_user)
        for name in names:
            subprocess.run(["pkill", "-KILL", "-u", name], check=False, capture_output=True)
        time.sleep(0.2)
        for name in names:
            subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.rmtree(self.service_data, ignore_errors=True)
