"""JupyterHub configuration for infoview workshops: every student lands in the app.

Use it as the hub's ``jupyterhub_config.py``, load it from yours with
``load_subconfig("…/jupyterhub_config.py")``, or copy it into The Littlest JupyterHub's
``/opt/tljh/config/jupyterhub_config.d/infoview.py``. It only adds to what is already
configured, and imports nothing from infoview: the hub's environment need not have it.

What it sets up (``deploy/jupyterhub/README.md`` has the steps and the reasons):

- each user's server is ``jupyterhub-singleuser`` with infoview's server extension, and a
  login lands on ``/user/NAME/infoview/`` (the forms, no code); JupyterLab stays at
  ``/user/NAME/lab``;
- the ``infoview`` workshop service (rosters, progress, hand-ins), run by the hub as its
  own Unix user, with its data in a 0700 folder no student can read;
- the hub group ``infoview-facilitators``, whose members may run workshops;
- ``jupyterhub-idle-culler``: servers idle for an hour are stopped; a page's kernel
  stops when its tab closes, or 10 minutes after its page went away.

Settings, from the hub's environment (defaults for a plain one-server hub):

``INFOVIEW_USER_ENV``      the environment with infoview and jupyterhub-singleuser
                           (default: the hub's own, ``sys.prefix``)
``INFOVIEW_SERVICE_PORT``  the workshop service's port on 127.0.0.1 (10101)
``INFOVIEW_SERVICE_DATA``  the service's folder (``/var/lib/infoview``)
``INFOVIEW_SERVICE_USER``  the Unix user the service runs as (``infoview``)
``INFOVIEW_FACILITATORS``  hub user names of facilitators, separated by spaces
``INFOVIEW_SET_CMD``       ``0`` keeps the spawner's own command (TLJH's SystemdSpawner)
``INFOVIEW_CULLER``        ``0`` when the hub already runs a culler (TLJH does)
"""

import os
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 (JupyterHub provides it)

USER_ENV = os.environ.get("INFOVIEW_USER_ENV", sys.prefix)
SERVICE_PORT = int(os.environ.get("INFOVIEW_SERVICE_PORT", "10101"))
SERVICE_URL = f"http://127.0.0.1:{SERVICE_PORT}"
SERVICE_DATA = os.environ.get("INFOVIEW_SERVICE_DATA", "/var/lib/infoview")
SERVICE_USER = os.environ.get("INFOVIEW_SERVICE_USER", "infoview")
FACILITATORS = os.environ.get("INFOVIEW_FACILITATORS", "").split()

#: The scope that lets a user run workshops (with the workshop's own check of who runs it).
FACILITATE = "custom:infoview:facilitate"
#: The scope that lets a user's server (and its kernels) call the workshop service.
USE_SERVICE = "access:services!service=infoview"

#: Each user's server: infoview's pages, and a kernel stopped 10 minutes after its page
#: went away. Kernels keep TCP on 127.0.0.1 (every message signed with a key in a 0600
#: file): IPC sockets live in the home's runtime folder, and a Unix socket's path is
#: limited to 107 bytes, which TLJH's /home/jupyter-NAME/... exceeds for longer names.
SERVER_ARGS = [
    "--ServerApp.jpserver_extensions=infoview_lib.hub.extension=True",
    # JupyterLab, for those who want code, neither fetches news nor checks for updates.
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
]

if os.environ.get("INFOVIEW_SET_CMD", "1") == "1":
    c.Spawner.cmd = [str(Path(USER_ENV, "bin", "jupyterhub-singleuser"))]
c.Spawner.default_url = "/infoview/"
c.Spawner.args = [*c.Spawner.args, *SERVER_ARGS] if "args" in c.Spawner else SERVER_ARGS
c.Spawner.environment = {
    **(c.Spawner.environment if "environment" in c.Spawner else {}),
    "INFOVIEW_HUB_URL": f"{SERVICE_URL}/services/infoview/",
}
# The server's token (inherited by its kernels and terminals) gets the scopes of this list
# that its user holds: students can use the service; facilitators can also run workshops.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    USE_SERVICE,
    FACILITATE,
]

services = list(c.JupyterHub.services) if "services" in c.JupyterHub else []
services.append(
    {
        "name": "infoview",
        "url": SERVICE_URL,
        "display": False,
        "command": [
            str(Path(USER_ENV, "bin", "python")),
            "-m",
            "infoview_lib.hub.service",
            "--data",
            SERVICE_DATA,
        ],
        "user": SERVICE_USER,
        "cwd": SERVICE_DATA,
    }
)
if os.environ.get("INFOVIEW_CULLER", "1") == "1":
    services.append(
        {
            "name": "jupyterhub-idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                "--timeout=3600",
                "--cull-every=300",
                "--concurrency=5",
            ],
        }
    )
c.JupyterHub.services = services

c.JupyterHub.custom_scopes = {
    **(c.JupyterHub.custom_scopes if "custom_scopes" in c.JupyterHub else {}),
    FACILITATE: {"description": "Run infoview workshops: rosters, the board, hand-ins."},
}
groups = dict(c.JupyterHub.load_groups) if "load_groups" in c.JupyterHub else {}
groups["infoview-facilitators"] = {"users": FACILITATORS}
c.JupyterHub.load_groups = groups

roles = list(c.JupyterHub.load_roles) if "load_roles" in c.JupyterHub else []
# Every user may call the service (it gives a student their own data only). A "user" role
# the site already overrides gains the scope; JupyterHub refuses a role defined twice.
user_role = next((role for role in roles if role.get("name") == "user"), None)
if user_role is None:
    roles.append({"name": "user", "scopes": ["self", USE_SERVICE]})
else:
    user_role["scopes"] = [*user_role.get("scopes", ["self"]), USE_SERVICE]
roles += [
    {
        "name": "infoview-facilitator",
        "groups": ["infoview-facilitators"],
        "scopes": [USE_SERVICE, FACILITATE],
    },
]
if os.environ.get("INFOVIEW_CULLER", "1") == "1":
    roles.append(
        {
            "name": "jupyterhub-idle-culler",
            "services": ["jupyterhub-idle-culler"],
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        }
    )
c.JupyterHub.load_roles = roles
