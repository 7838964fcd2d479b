"""The infoview server extension, on a real Jupyter server (what a hub user's server runs).

One server for the whole module, with the extension enabled as a hub enables it, a
token, and a home of its own; Voila's and JupyterLab's extensions load as installed.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from infoview_lib.app_pages import CONTENT_SECURITY_POLICY
from infoview_lib.guided_notebooks import notebooks_dir
from infoview_lib.local_server import LOOPBACK, ServerPlan, check_port, stop
from infoview_lib.local_server import wait_until_listening as wait_until_answering
from infoview_lib.ui import session
from tests.browser import CHROMIUM, CHROMIUM_ARGS, kernels_for
from tests.test_cli_app import _get, check_policy

TOKEN = secrets.token_hex(24)
#: Long enough for a kernel to start and run the notebook on a busy 2-core machine.
TIMEOUT_MS = 60_000
FIRST = "/infoview/00_start_here.ipynb"


@dataclass(frozen=True)
class Server:
    """A running Jupyter server with the extension, and where it keeps things."""

    port: int
    home: Path
    log: Path

    def url(self, path: str) -> str:
        """The address of ``path`` on the server."""
        return f"http://{LOOPBACK}:{self.port}/{path.lstrip('/')}"

    def get(self, path: str, *, token: bool = True) -> tuple[int, dict[str, str], str]:
        """A GET request's status, headers (the cookies joined) and body; no redirects."""
        headers = {"Authorization": f"token {TOKEN}"} if token else {}
        status, message, body = _get(self.url(path), headers)
        answer = dict(message.items())
        answer["Set-Cookie"] = "\n".join(message.get_all("Set-Cookie") or [])
        return status, answer, body

    def kernels(self) -> list[dict[str, object]]:
        """The server's kernels, from its API."""
        _, _, body = self.get("api/kernels")
        kernels: list[dict[str, object]] = json.loads(body)
        return kernels


def _environment(root: Path, home: Path, runtime: Path) -> dict[str, str]:
    """This process's environment, with a home and Jupyter folders of the server's own."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name != session.WORKBOOK_VARIABLE and not name.startswith(("JUPYTER", "JPY_"))
    }
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR"):
        environment[name] = str(root / name.lower())
    environment["JUPYTER_RUNTIME_DIR"] = str(runtime)
    environment["HOME"] = str(home)
    return environment


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``jupyter server`` with the infoview extension, as a hub user's server runs it."""
    root = tmp_path_factory.mktemp("hub-extension")
    home = root / "home"
    home.mkdir(mode=0o700)
    port = check_port(LOOPBACK, 0)
    command = [
        sys.executable,
        "-m",
        "jupyter_server",
        "--no-browser",
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.jpserver_extensions=infoview_lib.hub.extension=True",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={home}",
        "--KernelManager.transport=ipc",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = root / "server.log"
    # The kernels' sockets are there: a short path, as a socket's name is at most 107 bytes.
    with (
        tempfile.TemporaryDirectory(prefix="iv-") as runtime,
        log.open("wb") as output,
    ):
        process = subprocess.Popen(
            command,
            cwd=home,
            env=_environment(root, home, Path(runtime)),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
        try:
            plan = ServerPlan("lab", notebooks=home, host=LOOPBACK, port=port, token=TOKEN)
            wait_until_answering(process, plan, timeout=60)
            yield Server(port=port, home=home, log=log)
        finally:
            stop(process)
    assert not kernels_for(str(home)), "the server left kernels running"


@pytest.fixture(autouse=True)
def _no_tracebacks(server: Server) -> Iterator[None]:
    """Every test leaves the server's messages free of tracebacks."""
    yield
    messages = server.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in messages, messages
    assert "Uncaught exception" not in messages, messages


def test_the_landing_page_opens_the_first_notebook(server: Server) -> None:
    for landing in ("infoview/", "infoview"):
        status, headers, _ = server.get(landing)
        assert (status, headers["Location"]) == (302, FIRST), landing


def test_a_page_is_voila_with_infoviews_policy_and_jupyterlab_keeps_its_own(
    server: Server,
) -> None:
    status, headers, page = server.get(FIRST)
    assert status == 200
    assert "Start here: your informational interview workbook" in page
    assert "voila" in page.lower()
    assert "start_here()" not in page  # text and forms, never code
    # infoview's page template, as in infoview app: language, title naming the step, stylesheet
    assert '<html lang="en">' in page
    assert "<title>00 Start here \N{EN DASH} infoview</title>" in page
    assert "outline: 3px solid" in page
    check_policy(headers["Content-Security-Policy"])
    assert "_xsrf=" in headers["Set-Cookie"]  # what lets the closed tab stop its kernel
    # The page's kernel works in the home, where the default workbook is.
    (kernel, *_) = kernels_for(str(server.home))
    assert Path(f"/proc/{kernel}/cwd").resolve() == server.home.resolve()

    status, headers, _ = server.get("lab")
    assert status == 200
    assert headers["Content-Security-Policy"] != CONTENT_SECURITY_POLICY
    assert "default-src 'none'" not in headers["Content-Security-Policy"]


def test_only_the_notebooks_at_the_top_are_pages(server: Server) -> None:
    for hidden in (
        "infoview/report/student_report.ipynb",
        "infoview/report%2Fstudent_report.ipynb",
        "infoview/report%2fstudent_report.ipynb",
        "infoview/..%2F..%2Fetc%2Fpasswd.ipynb",
        "infoview/..%2Fnotebooks%2F00_start_here.ipynb",
        "infoview/%2Fetc",
        "infoview/%2Fetc%2Fx.ipynb",
        "infoview/.ipynb_checkpoints/00_start_here-checkpoint.ipynb",
        "infoview/specs/00_start_here.md",
        "infoview/nothing_here.ipynb",
    ):
        status, _, _ = server.get(hidden)
        assert status == 404, hidden


def test_without_the_token_the_server_asks_to_log_in(server: Server) -> None:
    for path in ("infoview/", FIRST, "infoview/lab"):
        status, headers, _ = server.get(path, token=False)
        assert status in (302, 403), path
        if status == 302:
            assert headers["Location"].startswith("/login?next="), path
    assert not (server.home / "infoview" / "notebooks").exists()


def test_the_lab_link_makes_a_private_copy_and_opens_it_in_jupyterlab(server: Server) -> None:
    status, headers, _ = server.get("infoview/lab")
    lab = "/lab/tree/infoview/notebooks/00_start_here.ipynb"
    assert (status, headers["Location"]) == (302, lab)
    copies = server.home / "infoview" / "notebooks"
    assert copies.stat().st_mode & 0o777 == 0o700
    shipped = sorted(path.name for path in notebooks_dir().glob("*.ipynb"))
    assert sorted(path.name for path in copies.iterdir()) == shipped
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in copies.iterdir())
    status, _, _ = server.get(headers["Location"])
    assert status == 200


def _stop_kernels(server: Server) -> None:
    """Stop the kernels pages fetched without a browser left behind (nothing closes them)."""
    for kernel in server.kernels():
        request = urllib.request.Request(  # noqa: S310 (our own server, over http)
            server.url(f"api/kernels/{kernel['id']}"),
            method="DELETE",
            headers={"Authorization": f"token {TOKEN}"},
        )
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310
            pass


def _settles_at(count: int, server: Server, seconds: float = 10) -> None:
    """Wait until the server runs exactly ``count`` kernels; fail if it does not."""
    deadline = time.monotonic() + seconds
    while len(server.kernels()) != count and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(server.kernels()) == count


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (fail, never skip, when it is missing)."""
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's chromium is not at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_a_student_lands_in_the_app_and_a_closed_tab_stops_its_kernel(
    server: Server, browser: Browser
) -> None:
    _stop_kernels(server)
    _settles_at(0, server)
    window = browser.new_context(viewport={"width": 1100, "height": 1300})  # outlives the tab
    window.set_default_timeout(TIMEOUT_MS)
    page = window.new_page()
    page.goto(server.url(f"infoview/?token={TOKEN}"))  # what the hub's default_url opens
    save = page.locator("button.widget-button", has_text="Save my profile")
    save.wait_for()
    assert page.url == server.url(FIRST)
    widget = page.locator(
        ".widget-text", has=page.locator("label.widget-label", has_text="Your name")
    )
    widget.locator("input").fill("Ana Lima")
    save.click()
    page.locator(".infoview-notice.infoview-saved").wait_for()
    workbook = server.home / "infoview" / "my-workbook.infoview"  # the default, in the home
    assert workbook.is_file()

    page.get_by_role("link", name="01 Pick contacts").first.click()  # a relative link
    page.wait_for_url(server.url("infoview/01_pick_contacts.ipynb"))
    page.locator("button.widget-button:visible").first.wait_for()
    _settles_at(1, server)  # the first page's kernel stopped when it was left
    page.close(run_before_unload=True)
    _settles_at(0, server)
    window.close()
