"""``infoview app`` and ``infoview lab``: the servers' command lines, and one real start."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest

from infoview_lib.app_pages import FIRST_NOTEBOOK
from infoview_lib.cli import main
from infoview_lib.cli.app import app, lab
from infoview_lib.guided_notebooks import notebooks_dir, own_copy
from infoview_lib.local_server import (
    LOOPBACK,
    PREHEATED_PER_NOTEBOOK,
    ServerError,
    ServerPlan,
    check_port,
    plan_server,
    serving,
)
from infoview_lib.store import WorkbookError
from infoview_lib.ui import session
from tests.conftest import bad_workbooks, digest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something is already listening on, at 127.0.0.1."""
    with socket.socket() as listener:
        listener.bind((LOOPBACK, 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def test_the_notebooks_are_found_in_a_source_checkout() -> None:
    assert notebooks_dir() == ROOT / "notebooks"
    assert (notebooks_dir() / "00_start_here.ipynb").is_file()


def test_voila_listens_on_loopback_only_on_the_port_given(tmp_path: Path) -> None:
    port = check_port(LOOPBACK, 0)
    plan = plan_server("app", workbook=tmp_path / "ana.infoview", port=port)
    command = plan.command(tmp_path)
    assert command[:4] == [sys.executable, "-m", "infoview_lib.app_server", str(ROOT / "notebooks")]
    assert "--Voila.ip=127.0.0.1" in command
    assert f"--Voila.port={port}" in command
    assert "--Voila.port_retries=0" in command  # a busy port is an error, not another port
    assert "--no-browser" in command
    assert f"--Voila.config_file_paths={tmp_path}" in command
    assert [part for part in command if "ip=" in part] == ["--Voila.ip=127.0.0.1"]
    assert plan.url() == (
        f"http://127.0.0.1:{port}/voila/render/00_start_here.ipynb?token={plan.token}"
    )


def test_the_token_is_in_a_private_file_not_on_the_command_line(tmp_path: Path) -> None:
    for kind in ("app", "lab"):
        plan = plan_server(kind)
        assert len(plan.token) >= 32
        assert not any(plan.token in part for part in plan.command(tmp_path))
        config = json.dumps(plan.config())
        assert plan.token in config
    assert plan_server("app").token != plan_server("app").token


def test_kernels_talk_over_private_sockets_not_tcp_ports(tmp_path: Path) -> None:
    for kind in ("app", "lab"):
        assert "--KernelManager.transport=ipc" in plan_server(kind).command(tmp_path)


def _directives(policy: str) -> dict[str, set[str]]:
    """A Content-Security-Policy as its directives and their sources."""
    parts = [directive.split() for directive in policy.split(";") if directive.strip()]
    return {name: set(sources) for name, *sources in parts}


def check_policy(policy: str) -> None:
    """Voila's pages load from this server only, run no eval'd code, are framed by no one."""
    directives = _directives(policy)
    assert directives["default-src"] == {"'none'"}
    assert directives["script-src"] == {"'self'", "'unsafe-inline'"}
    assert not any("'unsafe-eval'" in sources for sources in directives.values())
    assert directives["object-src"] == directives["frame-ancestors"] == {"'none'"}
    assert directives["base-uri"] == {"'none'"}
    assert "http" not in policy


def test_voila_pages_load_nothing_from_elsewhere() -> None:
    config = plan_server("app").config()
    check_policy(config["Voila"]["tornado_settings"]["headers"]["Content-Security-Policy"])
    assert "specs" in config["ContentsManager"]["hide_globs"]


def test_jupyterlab_listens_on_loopback_with_a_token(tmp_path: Path) -> None:
    plan = plan_server("lab", notebooks=tmp_path, port=check_port(LOOPBACK, 0))
    command = plan.command(tmp_path)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert f"--ServerApp.port={plan.port}" in command
    assert "--ServerApp.port_retries=0" in command
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in command
    assert f"--config={tmp_path / 'jupyter_lab_config.json'}" in command
    assert "--LabApp.news_url=None" in command  # no calls out of this computer
    assert plan.config() == {"IdentityProvider": {"token": plan.token}}
    assert plan.url() == f"http://127.0.0.1:{plan.port}/lab?token={plan.token}"


def test_only_an_explicit_ip_leaves_loopback() -> None:
    for command in (app, lab):
        (ip,) = [param for param in command.params if param.name == "ip"]
        assert ip.default == LOOPBACK
    assert plan_server("app").loopback_only
    assert plan_server("app", host="localhost").loopback_only
    everywhere = plan_server("app", host="0.0.0.0")  # noqa: S104 (what --ip 0.0.0.0 gives)
    assert not everywhere.loopback_only
    assert "--Voila.ip=0.0.0.0" in everywhere.command(Path())
    assert everywhere.connect_host == LOOPBACK
    assert everywhere.url().startswith("http://127.0.0.1:")


def test_the_workbook_is_given_to_the_kernels_as_an_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = plan_server("app", workbook=Path("mine.infoview"))
    environment = plan.environment({"PATH": "/bin", session.WORKBOOK_VARIABLE: "/elsewhere"})
    assert environment == {
        "PATH": "/bin",
        session.WORKBOOK_VARIABLE: str(tmp_path.resolve() / "mine.infoview"),
        "VOILA_APP_IP": "127.0.0.1",  # where a preheated kernel waits for its visit
    }
    unchanged = plan_server("app").environment({session.WORKBOOK_VARIABLE: "/set/by/workshop"})
    assert unchanged == {
        session.WORKBOOK_VARIABLE: "/set/by/workshop",
        "VOILA_APP_IP": "127.0.0.1",
    }


def test_the_app_preheats_a_kernel_per_page_and_none_for_the_report() -> None:
    plan = plan_server("app")
    config = plan.config()
    assert config["VoilaConfiguration"] == {
        "preheat_kernel": True,
        "default_pool_size": PREHEATED_PER_NOTEBOOK,
    }
    assert PREHEATED_PER_NOTEBOOK == 1  # one open page at a time: memory, see the README
    (denied,) = config["VoilaKernelManager"]["preheat_denylist"]
    # Voila matches the patterns against absolute paths, with re.match or as a substring.
    report = plan.notebooks / "report" / "student_report.ipynb"
    assert report.is_file()
    assert re.match(denied, str(report))
    for page in plan.notebooks.glob("*.ipynb"):
        assert not re.match(denied, str(page)), page
        assert denied not in str(page)
    assert plan_server("app", host="0.0.0.0").environment({})["VOILA_APP_IP"] == LOOPBACK  # noqa: S104


def test_no_preheat_leaves_each_page_to_start_its_own_kernel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    planned: list[ServerPlan] = []
    monkeypatch.setattr("infoview_lib.cli.app.run_server", lambda plan, **_: planned.append(plan))
    assert main(["app", "--no-preheat"]) == 0
    assert main(["app"]) == 0
    assert [plan.config()["VoilaConfiguration"] for plan in planned] == [
        {"preheat_kernel": False, "default_pool_size": 0},
        {"preheat_kernel": True, "default_pool_size": PREHEATED_PER_NOTEBOOK},
    ]


def test_port_zero_means_a_free_port() -> None:
    port = check_port(LOOPBACK, 0)
    assert 0 < port < 65536
    assert check_port(LOOPBACK, port) == port


def test_a_busy_port_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], busy_port: int
) -> None:
    for command in ("app", "lab"):
        code = main([command, "--port", str(busy_port)])
        out, err = capsys.readouterr()
        assert code == 1
        assert out == ""
        assert err == (
            f"infoview: port {busy_port} on 127.0.0.1 is already in use (is infoview already "
            "running?): choose another with --port, or leave --port out to use a free one.\n"
        )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--notebooks", "no-such-folder"], "there is no notebooks folder at no-such-folder"),
        (["--workbook", "."], "is a folder: give the workbook's file"),
        (["--ip", "192.0.2.1"], "cannot listen on 192.0.2.1: it is not an address"),
        (["--port", "70000"], "Invalid value for '--port'"),
        (["--notebooks", "."], "has no 00_start_here.ipynb: the app opens on it"),
        (["--workbook", "empty.infoview"], "empty.infoview is an empty file, not a workbook"),
        (["--workbook", "text.infoview"], "is not an infoview workbook"),
        (["--workbook", "damaged.infoview"], "is damaged"),
        (["--workbook", "newer.infoview"], "saved by a newer version of infoview"),
    ],
)
def test_bad_choices_are_one_line_errors(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    arguments: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    bad_workbooks(tmp_path)
    code = main(["app", *arguments])
    out, err = capsys.readouterr()
    assert code in (1, 2)
    assert out == ""
    assert err.startswith("infoview: ")
    assert message in err
    assert err.count("\n") == 1


def test_the_app_refuses_a_bad_workbook_before_it_starts_and_leaves_it_alone(
    tmp_path: Path,
) -> None:
    bad_workbooks(tmp_path)
    for path in sorted(tmp_path.glob("*.infoview")):
        before = digest(path)
        for kind in ("app", "lab"):
            with pytest.raises(WorkbookError):
                plan_server(kind, workbook=path)
        assert digest(path) == before
        assert sorted(tmp_path.glob(f"{path.name}-*")) == []


def test_a_server_that_stops_at_once_is_a_plain_error(tmp_path: Path) -> None:
    shutil.copy(notebooks_dir() / FIRST_NOTEBOOK, tmp_path)
    plan = plan_server("app", notebooks=tmp_path)
    with socket.socket() as taken:  # bound, not listening: the server cannot have the port
        taken.bind((LOOPBACK, 0))
        broken = replace(plan, port=int(taken.getsockname()[1]))
        with (
            pytest.raises(ServerError, match=r"Voila stopped before it was ready \(exit status"),
            serving(broken, output=subprocess.DEVNULL),
        ):
            pass


def _lines(stream: object, into: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line)


def _get(
    url: str, headers: dict[str, str] | None = None
) -> tuple[int, http.client.HTTPMessage, str]:
    """A GET request's status, headers and body (redirects are not followed)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        path = f"{parts.path}?{parts.query}" if parts.query else parts.path
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _processes_with(text: str) -> list[int] | None:
    """The processes whose environment mentions ``text``; None where /proc cannot tell."""
    if not Path("/proc/self/environ").exists():
        return None
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if text.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _check_serving(
    process: subprocess.Popen[str],
    port: int,
    workbook: Path,
    out: list[str],
    err: list[str],
    started: float,
) -> None:
    while not any("http://" in line for line in out):
        assert process.poll() is None, "".join(out + err)
        assert time.monotonic() - started < 60, "".join(out + err)
        time.sleep(0.05)
    (url,) = [line.strip() for line in out if "http://" in line]
    first = "/voila/render/00_start_here.ipynb"
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}{first}\?token=[0-9a-f]{{48}}", url)
    assert f"Workbook: {workbook}\n" in out
    token = url.partition("?")[2]

    status, headers, page = _get(url)
    assert status == 200
    assert "Start here: your informational interview workbook" in page
    assert "start_here()" not in page  # text and forms, never code
    check_policy(headers["Content-Security-Policy"])
    assert _processes_with(str(workbook.parent)) != [], "the kernel did not get the workbook"
    status, _, _ = _get(url.split("?")[0])  # without the token: sent to the log-in page
    assert status in (302, 403)
    # The server's own address opens the first notebook; there is no list of files, and
    # nothing outside the top of the folder (the advisor's report notebook) is a page.
    status, headers, _ = _get(f"http://127.0.0.1:{port}/?{token}")
    assert (status, headers["Location"]) == (302, f"{first}?{token}")
    for hidden in (
        "voila/tree",
        "voila/api/contents",
        "voila/render/report/student_report.ipynb",
        "voila/render/report%2Fstudent_report.ipynb",
        "voila/render/report%2fstudent_report.ipynb",
        "voila/render/specs/00_start_here.md",
        "voila/render/.ipynb_checkpoints/00_start_here-checkpoint.ipynb",
    ):
        status, _, _ = _get(f"http://127.0.0.1:{port}/{hidden}?{token}")
        assert status == 404, hidden
    # Refusals and missing files are answered with their status, without tracebacks
    # (the test's end checks the server's messages).
    websocket = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    for path, sent, expected in [
        (f"api/kernels/{uuid.uuid4()}/channels", websocket, 403),  # no token
        ("voila/labextensions/nothing.js", {}, 404),
        ("voila/api/themes/nothing.css", {}, 404),
    ]:
        status, _, _ = _get(f"http://127.0.0.1:{port}/{path}", sent)
        assert status == expected, path


def test_infoview_app_serves_the_notebooks_without_code_and_stops_cleanly(
    tmp_path: Path,
) -> None:
    workbook = tmp_path / "run-of-test-cli-app" / "ana.infoview"
    port = check_port(LOOPBACK, 0)
    started = time.monotonic()
    out: list[str] = []
    err: list[str] = []
    command = [sys.executable, "-m", "infoview_lib.cli", "app", "--port", str(port)]
    with subprocess.Popen(
        [*command, "--workbook", str(workbook)],
        cwd=tmp_path,
        env={**os.environ, session.TODAY_VARIABLE: "2026-03-16"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        readers = [
            threading.Thread(target=_lines, args=(process.stdout, out), daemon=True),
            threading.Thread(target=_lines, args=(process.stderr, err), daemon=True),
        ]
        for reader in readers:
            reader.start()
        try:
            _check_serving(process, port, workbook, out, err, started)
        finally:
            process.send_signal(signal.SIGTERM)
            code = process.wait(30)
            for reader in readers:
                reader.join(5)
    assert code == 0, "".join(out + err)
    assert out[-1] == "The server has stopped.\n"
    assert "Traceback" not in "".join(err)
    assert "Uncaught exception" not in "".join(err)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((LOOPBACK, port), timeout=1).close()
    assert not _processes_with(str(workbook.parent))  # the server and its kernel are gone


def test_jupyterlab_starts_with_its_token_and_stops(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    plan = plan_server("lab", notebooks=notebooks)
    private = {  # JupyterLab's runtime files, settings and workspaces, kept out of ~
        name: str(tmp_path / name.lower())
        for name in ("JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")
    }
    with (
        (tmp_path / "lab.log").open("wb") as log,
        serving(plan, base_environment={**os.environ, **private}, output=log),
    ):
        status, _, _ = _get(plan.url("api/status"))
        assert status == 200
        status, _, _ = _get(plan.url("api/status").split("?")[0])
        assert status == 403
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((LOOPBACK, plan.port), timeout=1).close()


def test_a_kernel_starts_for_a_student_whose_home_folder_has_a_long_path(
    tmp_path: Path,
) -> None:
    """Jupyter's default runtime folder is under the home folder; there, a kernel's socket
    path passed the 107 characters a Unix socket allows and the kernel never started."""
    home = tmp_path / ("a-home-folder-with-a-long-name-" * 3)
    notebooks = home / "notebooks"
    notebooks.mkdir(parents=True)
    assert len(str(home / ".local/share/jupyter/runtime/kernel-" / str(uuid.uuid4()))) > 107
    plan = plan_server("lab", notebooks=notebooks)
    environment = {**os.environ, "HOME": str(home)}
    environment.pop("JUPYTER_RUNTIME_DIR", None)
    with (
        (tmp_path / "lab.log").open("wb") as log,
        serving(plan, base_environment=environment, output=log),
    ):
        assert _send(plan.url("api/kernels"), "POST", {"name": "python3"}) == 201
        _, _, body = _get(plan.url("api/kernels"))
        [kernel] = json.loads(body)
        reply = asyncio.run(_kernel_info(plan.url(f"api/kernels/{kernel['id']}/channels")))
    assert reply["status"] == "ok", (tmp_path / "lab.log").read_text(encoding="utf-8")[-2000:]


async def _kernel_info(url: str) -> dict[str, Any]:
    """Ask the kernel at ``url`` (a server's websocket) who it is; its reply's content."""
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(url.replace("http://", "ws://"))
    ask = {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": "kernel_info_request",
            "session": uuid.uuid4().hex,
            "username": "test",
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": {},
        "channel": "shell",
    }
    await connection.write_message(json.dumps(ask))
    while True:
        message = await asyncio.wait_for(connection.read_message(), timeout=60)
        assert isinstance(message, str), "the kernel's websocket closed"
        answer = json.loads(message)
        if answer["msg_type"] == "kernel_info_reply":
            connection.close()
            return cast(dict[str, Any], answer["content"])


def test_the_app_stops_kernels_left_behind_by_closed_tabs(tmp_path: Path) -> None:
    command = plan_server("app").command(tmp_path)
    assert "--MappingKernelManager.cull_idle_timeout=600" in command
    assert "--MappingKernelManager.cull_connected=False" in command


def test_lab_opens_an_own_copy_and_never_overwrites_it(tmp_path: Path) -> None:
    workbook = tmp_path / "ana" / "my.infoview"
    folder = own_copy(workbook)
    assert folder == tmp_path / "ana" / "notebooks"
    shipped = sorted(path.name for path in notebooks_dir().glob("*.ipynb"))
    assert sorted(path.name for path in folder.glob("*.ipynb")) == shipped
    mine = folder / shipped[0]
    mine.write_text("my edited notebook", encoding="utf-8")
    own_copy(workbook)
    assert mine.read_text(encoding="utf-8") == "my edited notebook"


def _send(url: str, method: str, body: dict[str, object]) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        connection.request(
            method, f"{parts.path}?{parts.query}", body=json.dumps(body).encode("utf-8")
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_what_jupyterlab_saves_of_the_students_copy_is_private(tmp_path: Path) -> None:
    """The copies, JupyterLab's saves of them (with outputs), new notebooks and checkpoints."""
    previous = os.umask(0o022)
    try:
        workbook = tmp_path / "ana" / "my.infoview"
        folder = own_copy(workbook)
        plan = replace(plan_server("lab", workbook=workbook), notebooks=folder)
        private = {
            name: str(tmp_path / name.lower())
            for name in (
                "JUPYTER_RUNTIME_DIR",
                "JUPYTERLAB_SETTINGS_DIR",
                "JUPYTERLAB_WORKSPACES_DIR",
            )
        }
        with (
            (tmp_path / "lab.log").open("wb") as log,
            serving(plan, base_environment={**os.environ, **private}, output=log),
        ):
            notebook = json.loads((folder / FIRST_NOTEBOOK).read_text(encoding="utf-8"))
            notebook["cells"][0]["source"] = "Zoë O'Brien, zoe@example.org"
            saved = {"type": "notebook", "format": "json", "content": notebook}
            assert _send(plan.url(f"api/contents/{FIRST_NOTEBOOK}"), "PUT", saved) == 200
            assert _send(plan.url("api/contents/mine.ipynb"), "PUT", saved) == 201
            assert _send(plan.url(f"api/contents/{FIRST_NOTEBOOK}/checkpoints"), "POST", {}) == 201
    finally:
        os.umask(previous)
    assert "Zoë O'Brien" in (folder / FIRST_NOTEBOOK).read_text(encoding="utf-8")
    checkpoints = folder / ".ipynb_checkpoints"
    written = [*folder.glob("*.ipynb"), *checkpoints.glob("*")]
    assert {path.name for path in written} >= {FIRST_NOTEBOOK, "mine.ipynb"}
    assert len(list(checkpoints.glob("*"))) >= 1
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o600, path
    for made in (workbook.parent, folder, checkpoints):
        assert made.stat().st_mode & 0o777 == 0o700, made


def test_copies_an_older_infoview_left_readable_are_made_private(tmp_path: Path) -> None:
    """JupyterLab keeps a file's mode when it saves it: copies made 0644 by an older
    version would stay readable by others with every save of the student's contacts."""
    folder = tmp_path / "ana" / "notebooks"
    (folder / ".ipynb_checkpoints").mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    copy = folder / FIRST_NOTEBOOK
    copy.write_text("the student's own, with outputs", encoding="utf-8")
    checkpoint = folder / ".ipynb_checkpoints" / "00_start_here-checkpoint.ipynb"
    checkpoint.write_text("an earlier save", encoding="utf-8")
    for old in (copy, checkpoint):
        old.chmod(0o644)
    assert own_copy(tmp_path / "ana" / "my.infoview") == folder
    assert copy.read_text(encoding="utf-8") == "the student's own, with outputs"
    for path, expected in [
        (folder, 0o700),
        (folder / ".ipynb_checkpoints", 0o700),
        (copy, 0o600),
        (checkpoint, 0o600),
    ]:
        assert path.stat().st_mode & 0o777 == expected, path
