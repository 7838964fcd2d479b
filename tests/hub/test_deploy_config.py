"""The shipped hub configurations: what they set, that they add to a site's own settings,
and that the Kubernetes values say the same as the Python file.

The Python file itself runs in the end-to-end test (``test_workshop.py``); here it is
loaded as JupyterHub loads it, with a ``get_config`` that returns a traitlets Config.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from traitlets.config import Config

from tests.hub.real_hub import DEPLOY_CONFIG, FACILITATE, ROOT, USE_SERVICE

Z2JH_VALUES = ROOT / "deploy" / "jupyterhub" / "z2jh" / "values.yaml"
DEPLOY_README = ROOT / "deploy" / "jupyterhub" / "README.md"
SERVICE_PACKAGE = ROOT / "infoview_lib" / "hub" / "service"


def load(config: Config | None = None, **env: str) -> Config:
    """Run the shipped file on ``config`` (a site's settings so far), with ``env`` set."""
    loaded = config if config is not None else Config()
    with pytest.MonkeyPatch.context() as patch:
        for name in [
            "INFOVIEW_USER_ENV",
            "INFOVIEW_SERVICE_PORT",
            "INFOVIEW_SERVICE_DATA",
            "INFOVIEW_SERVICE_USER",
            "INFOVIEW_FACILITATORS",
            "INFOVIEW_SET_CMD",
            "INFOVIEW_CULLER",
        ]:
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        code = compile(DEPLOY_CONFIG.read_text(encoding="utf-8"), str(DEPLOY_CONFIG), "exec")
        exec(code, {"get_config": lambda: loaded, "__file__": str(DEPLOY_CONFIG)})  # noqa: S102
    return loaded


def _role(config: Config, name: str) -> dict[str, Any]:
    (role,) = [role for role in config.JupyterHub.load_roles if role["name"] == name]
    return dict(role)


def _service(config: Config, name: str) -> dict[str, Any]:
    (service,) = [service for service in config.JupyterHub.services if service["name"] == name]
    return dict(service)


def test_a_login_lands_in_the_app_and_servers_call_the_service() -> None:
    config = load(INFOVIEW_USER_ENV="/opt/env", INFOVIEW_FACILITATORS="ada grace")
    assert config.Spawner.default_url == "/infoview/"
    assert config.Spawner.cmd == ["/opt/env/bin/jupyterhub-singleuser"]
    assert "--ServerApp.jpserver_extensions=infoview_lib.hub.extension=True" in config.Spawner.args
    assert "--KernelManager.transport=ipc" not in config.Spawner.args  # socket paths too long
    assert config.Spawner.environment == {
        "INFOVIEW_HUB_URL": "http://127.0.0.1:10101/services/infoview/"
    }
    assert USE_SERVICE in config.Spawner.server_token_scopes
    assert FACILITATE in config.Spawner.server_token_scopes
    service = _service(config, "infoview")
    assert service["command"] == [
        "/opt/env/bin/python",
        "-m",
        "infoview_lib.hub.service",
        "--data",
        "/var/lib/infoview",
    ]
    assert (service["user"], service["cwd"], service["url"]) == (
        "infoview",
        "/var/lib/infoview",
        "http://127.0.0.1:10101",
    )
    assert config.JupyterHub.load_groups == {"infoview-facilitators": {"users": ["ada", "grace"]}}
    assert _role(config, "user")["scopes"] == ["self", USE_SERVICE]
    assert _role(config, "infoview-facilitator") == {
        "name": "infoview-facilitator",
        "groups": ["infoview-facilitators"],
        "scopes": [USE_SERVICE, FACILITATE],
    }
    assert FACILITATE in config.JupyterHub.custom_scopes


def test_idle_servers_are_culled_after_an_hour_with_the_fewest_rights() -> None:
    config = load()
    culler = _service(config, "jupyterhub-idle-culler")
    assert culler["command"] == [
        sys.executable,
        "-m",
        "jupyterhub_idle_culler",
        "--timeout=3600",
        "--cull-every=300",
        "--concurrency=5",
    ]
    scopes = _role(config, "jupyterhub-idle-culler")["scopes"]
    assert sorted(scopes) == ["delete:servers", "list:users", "read:servers", "read:users:activity"]
    assert "--MappingKernelManager.cull_idle_timeout=600" in config.Spawner.args


def test_on_the_littlest_jupyterhub_it_adds_to_the_sites_settings() -> None:
    """TLJH loads it after its own config: its services, roles, command and culler stay."""
    site = Config()
    site.Spawner.cmd = ["/opt/tljh/user/bin/jupyterhub-singleuser"]
    site.Spawner.args = ["--SingleUserNotebookApp.default_url=/lab"]
    site.Spawner.environment = {"TZ": "Europe/Paris"}
    site.JupyterHub.services = [{"name": "cull-idle", "admin": True, "command": ["cull"]}]
    site.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "read:groups"]}]
    config = load(
        site,
        INFOVIEW_USER_ENV="/opt/tljh/user",
        INFOVIEW_SET_CMD="0",
        INFOVIEW_CULLER="0",
    )
    assert config.Spawner.cmd == ["/opt/tljh/user/bin/jupyterhub-singleuser"]
    assert config.Spawner.args[0] == "--SingleUserNotebookApp.default_url=/lab"
    assert config.Spawner.environment["TZ"] == "Europe/Paris"
    assert [service["name"] for service in config.JupyterHub.services] == ["cull-idle", "infoview"]
    assert [role["name"] for role in config.JupyterHub.load_roles] == [
        "user",
        "infoview-facilitator",
    ]
    assert _role(config, "user")["scopes"] == ["self", "read:groups", USE_SERVICE]


def test_the_kubernetes_values_say_what_the_python_file_says() -> None:
    config = load()
    values = yaml.safe_load(Z2JH_VALUES.read_text(encoding="utf-8"))
    hub = values["hub"]
    assert values["singleuser"]["defaultUrl"] == config.Spawner.default_url
    assert hub["config"]["KubeSpawner"]["args"] == list(config.Spawner.args)
    assert hub["config"]["KubeSpawner"]["server_token_scopes"] == list(
        config.Spawner.server_token_scopes
    )
    assert set(hub["config"]["JupyterHub"]["custom_scopes"]) == set(config.JupyterHub.custom_scopes)
    assert hub["loadRoles"]["user"]["scopes"] == _role(config, "user")["scopes"]
    facilitator = _role(config, "infoview-facilitator")
    assert hub["loadRoles"]["infoview-facilitator"]["scopes"] == facilitator["scopes"]
    assert hub["loadRoles"]["infoview-facilitator"]["groups"] == facilitator["groups"]
    assert values["cull"] == {"enabled": True, "timeout": 3600, "every": 300}
    # The service runs from its files mounted into the hub pod, at the port the users reach.
    service = hub["services"]["infoview"]
    folder = _mounted_service_folder(values)
    assert service["command"][:3] == ["python3", "-m", folder.name]
    assert service["environment"] == {"PYTHONPATH": str(folder.parent)}
    assert "--port=8181" in service["command"]
    assert values["singleuser"]["extraEnv"]["INFOVIEW_HUB_URL"].startswith("http://hub:8181/")


def _mounted_service_folder(values: dict[str, Any]) -> PurePosixPath:
    """The one folder the Kubernetes values mount the service's files into; each of the
    service package's files is mounted there, under its own name."""
    mounted = [PurePosixPath(entry["mountPath"]) for entry in values["hub"]["extraFiles"].values()]
    (folder,) = {path.parent for path in mounted}
    assert sorted(path.name for path in mounted) == sorted(
        path.name for path in SERVICE_PACKAGE.glob("*.py")
    )
    return folder


def test_the_service_runs_as_its_files_beside_jupyterhub_alone() -> None:
    """On Kubernetes the service is its package's files in the hub's image, which has no
    infoview: they may import the standard library, tornado, jupyterhub and one another."""
    imported: set[str] = set()
    for path in SERVICE_PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    outside = imported - set(sys.stdlib_module_names) - {"tornado", "jupyterhub", "__future__"}
    assert not outside, outside


def test_the_kubernetes_files_are_the_service_and_run_from_where_they_are_mounted(
    tmp_path: Path,
) -> None:
    """The README's command sets each mounted file from the service package, and the files,
    laid out as they are mounted, run with the values' command (here: its ``--help``)."""
    values = yaml.safe_load(Z2JH_VALUES.read_text(encoding="utf-8"))
    files = values["hub"]["extraFiles"]
    folder = _mounted_service_folder(values)
    readme = DEPLOY_README.read_text(encoding="utf-8")
    set_files = dict(re.findall(r"--set-file hub\.extraFiles\.([\w-]+)\.stringData=(\S+)", readme))
    assert set(set_files) == set(files)
    for key, source in set_files.items():
        assert (ROOT / source).parent == SERVICE_PACKAGE
        assert PurePosixPath(files[key]["mountPath"]).name == Path(source).name
        copy = tmp_path / folder.relative_to(folder.parent.parent) / Path(source).name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, copy)
    service = values["hub"]["services"]["infoview"]
    mounted_at = tmp_path / folder.parent.name
    ran = subprocess.run(
        [sys.executable, *service["command"][1:3], "--help"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(mounted_at), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "--data" in ran.stdout
