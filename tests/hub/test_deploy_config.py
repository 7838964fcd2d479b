"""The shipped hub configurations: what they set, that they add to a site's own settings,
and that the Kubernetes values say the same as the Python file.

The Python file itself runs in the end-to-end test (``test_workshop.py``); here it is
loaded as JupyterHub loads it, with a ``get_config`` that returns a traitlets Config.
"""

from __future__ import annotations

import ast
import sys
from typing import Any

import pytest
import yaml
from traitlets.config import Config

from tests.hub.real_hub import DEPLOY_CONFIG, FACILITATE, ROOT, USE_SERVICE

Z2JH_VALUES = ROOT / "deploy" / "jupyterhub" / "z2jh" / "values.yaml"
SERVICE_MODULE = ROOT / "infoview_lib" / "hub_service.py"


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
    assert "--ServerApp.jpserver_extensions=infoview_lib.hub_extension=True" in config.Spawner.args
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
        "infoview_lib.hub_service",
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
    # The service runs as a file mounted into the hub pod, at the port the users reach.
    command = hub["services"]["infoview"]["command"]
    assert command[1] == hub["extraFiles"]["infoview-service"]["mountPath"]
    assert "--port=8181" in command
    assert values["singleuser"]["extraEnv"]["INFOVIEW_HUB_URL"].startswith("http://hub:8181/")


def test_the_service_runs_as_one_file_beside_jupyterhub_alone() -> None:
    """On Kubernetes the service is one file in the hub's image, which has no infoview:
    it may import the standard library, tornado and jupyterhub only."""
    tree = ast.parse(SERVICE_MODULE.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    outside = imported - set(sys.stdlib_module_names) - {"tornado", "jupyterhub", "__future__"}
    assert not outside, outside
