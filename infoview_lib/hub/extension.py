"""The infoview Jupyter server extension: a JupyterHub user lands in the app.

Enable it with ``--ServerApp.jpserver_extensions=infoview_lib.hub.extension=True``
(Voila's extension, which serves the pages' scripts and stops their kernels, must
stay enabled, as it is when installed). Under the server's ``base_url``:

- ``infoview/``: makes the workbook from the workshop roster when there is one
  (:func:`infoview_lib.hub.roster_workbook.ensure_workbook`), then opens the first notebook;
- ``infoview/<notebook>.ipynb``: a notebook at the top of the shipped notebooks
  folder, through Voila, read where it is installed (nothing is copied), under
  infoview's page rules (:mod:`infoview_lib.app_pages`);
- ``infoview/lab``: the student's own copy of the notebooks (as ``infoview lab``
  makes it), opened in JupyterLab.

Every route asks for the server's login. Kernels start in the server's root folder
(the home on a hub) and open the default workbook, ``~/infoview/my-workbook.infoview``.
JupyterLab's news plug-in, which offers to fetch news from the internet, is turned off
on the server (with the hub's ``--LabApp.news_url=None``, nothing would be fetched).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.contents.filemanager import AsyncFileContentsManager
from jupyter_server.utils import url_path_join
from tornado import web
from voila.configuration import VoilaConfiguration
from voila.paths import collect_template_paths
from voila.server_extension import load_config_file
from voila.tornado.handler import TornadoVoilaHandler

from infoview_lib.app_pages import FIRST_NOTEBOOK, TOP_LEVEL_NOTEBOOK, PageRules
from infoview_lib.guided_notebooks import HIDDEN, notebooks_dir, own_copy
from infoview_lib.hub import roster_workbook
from infoview_lib.page_template import template_paths
from infoview_lib.ui.session import workbook_path

#: The extension's routes, under the server's ``base_url``.
PREFIX = "infoview"
#: How long the landing page waits for the workshop service.
ROSTER_TIMEOUT_S = 3.0
#: How much longer the landing page waits for the workbook to be made, in all: the
#: request is bound by ROSTER_TIMEOUT_S, this covers writing the workbook.
LANDING_MARGIN_S = 2.0


#: JupyterLab's plug-in that asks to fetch news and updates from the internet.
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """Where Jupyter Server finds this extension's loader."""
    return [{"module": "infoview_lib.hub.extension"}]


def ensure_workbook() -> bool:
    """Make the workbook from the workshop roster if the student has none (never raises)."""
    return roster_workbook.ensure_workbook(workbook_path(), timeout=ROSTER_TIMEOUT_S)


async def ensure_workbook_in_time(
    make: Callable[[], bool] | None = None,
    *,
    timeout: float = ROSTER_TIMEOUT_S + LANDING_MARGIN_S,
) -> bool | None:
    """``make()`` (default :func:`ensure_workbook`) in a thread, waited for ``timeout``
    seconds at most: what it returned, or ``None`` when it took longer. It may then finish
    later, in the background: making the workbook never touches one that exists, so the
    student's first page is never at risk. Raises what ``make`` raises."""
    work = asyncio.get_running_loop().run_in_executor(None, make or ensure_workbook)
    try:
        return await asyncio.wait_for(work, timeout)
    except TimeoutError:
        return None


class Landing(JupyterHandler):
    """``infoview/``: the workbook from the roster, then the first notebook."""

    @web.authenticated
    async def get(self) -> None:
        """Make the workbook if the roster has one (in a thread, waiting a few seconds at
        most), then go to the first page."""
        try:
            if await ensure_workbook_in_time() is None:
                self.log.warning(
                    "infoview: the workshop service took longer than %g s; the workbook "
                    "may be made from the roster later",
                    ROSTER_TIMEOUT_S + LANDING_MARGIN_S,
                )
        except Exception:  # the landing page opens the app whatever the roster said
            self.log.exception("infoview: the workbook could not be made from the roster")
        self.redirect(url_path_join(self.base_url, PREFIX, FIRST_NOTEBOOK))


class OwnCopy(JupyterHandler):
    """``infoview/lab``: the student's own copy of the notebooks, opened in JupyterLab."""

    @web.authenticated
    async def get(self) -> None:
        """Copy what is missing (in a thread), then open the copied first notebook."""
        folder = await asyncio.get_running_loop().run_in_executor(None, own_copy, None)
        root = Path(self.settings.get("server_root_dir", "~")).expanduser().resolve()
        try:
            where = folder.resolve().relative_to(root)
        except ValueError:  # the copy is outside what JupyterLab can open
            self.log.warning("infoview: %s is outside the server's root %s", folder, root)
            self.redirect(url_path_join(self.base_url, "lab"))
            return
        parts = [quote(part) for part in (*where.parts, FIRST_NOTEBOOK)]
        self.redirect(url_path_join(self.base_url, "lab", "tree", *parts))


class NotebookPage(PageRules, TornadoVoilaHandler):  # type: ignore[misc]
    """A shipped notebook's page: Voila's, reading the notebook where it is installed.

    Voila loads the notebook through ``self.contents_manager`` only, so this one,
    rooted at the shipped notebooks, is used instead of the server's (the home).
    """

    def initialize(self, **kwargs: Any) -> None:
        """Voila's arguments, and the contents manager of the shipped notebooks."""
        self.notebooks: AsyncFileContentsManager = kwargs.pop("notebooks")
        super().initialize(**kwargs)

    @property
    def contents_manager(self) -> AsyncFileContentsManager:
        """The shipped notebooks, never the student's files."""
        return self.notebooks


def notebook_page_arguments(server_app: ServerApp) -> dict[str, Any]:
    """The page handler's arguments, built as ``voila/server_extension.py`` builds its own."""
    voila_configuration = VoilaConfiguration(parent=server_app)
    local_config = load_config_file()
    if local_config is not None:
        voila_configuration.update_config(local_config)
    notebooks = AsyncFileContentsManager(
        root_dir=str(notebooks_dir().resolve()), hide_globs=HIDDEN, log=server_app.log
    )
    return {
        "config": server_app.config,
        "template_paths": template_paths(
            collect_template_paths(["voila", "nbconvert"], voila_configuration.template)
        ),
        "voila_configuration": voila_configuration,
        "notebooks": notebooks,
    }


def _load_jupyter_server_extension(server_app: ServerApp) -> None:
    """Add the ``infoview/`` routes to the server."""
    if not server_app.jpserver_extensions.get("voila.server_extension"):
        server_app.log.warning(
            "infoview: Voila's server extension is not enabled; the notebook pages need it."
        )
    base = server_app.web_app.settings["base_url"]
    server_app.web_app.add_handlers(  # type: ignore[no-untyped-call]
        ".*$",
        [
            (url_path_join(base, PREFIX, "?"), Landing),
            (url_path_join(base, PREFIX, "lab"), OwnCopy),
            (
                url_path_join(base, PREFIX, TOP_LEVEL_NOTEBOOK),
                NotebookPage,
                notebook_page_arguments(server_app),
            ),
        ],
    )


async def _start_jupyter_server_extension(server_app: ServerApp) -> None:
    """Once every extension is loaded (JupyterHub's sets its own page hook when it loads,
    after this one), turn JupyterLab's news plug-in off."""
    settings = server_app.web_app.settings
    settings["page_config_hook"] = without_news(settings.get("page_config_hook"))


PageConfigHook = Callable[[Any, dict[str, Any]], dict[str, Any]]


def without_news(earlier: PageConfigHook | None) -> PageConfigHook:
    """A JupyterLab page-config hook that turns the news plug-in off, after ``earlier``.

    >>> without_news(None)(None, {"disabledExtensions": ["x"]})["disabledExtensions"]
    ['x', '@jupyterlab/apputils-extension:announcements']
    """

    def hook(handler: Any, page_config: dict[str, Any]) -> dict[str, Any]:
        if earlier is not None:
            page_config = earlier(handler, page_config)
        disabled = list(page_config.get("disabledExtensions", []))
        if NEWS_PLUGIN not in disabled:
            disabled.append(NEWS_PLUGIN)
        page_config["disabledExtensions"] = disabled
        return page_config

    return hook


# For servers older than Jupyter Server 2's extension points.
load_jupyter_server_extension = _load_jupyter_server_extension
