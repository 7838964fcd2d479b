"""The Voila server behind ``infoview app``: Voila, made to fit a student's workbook.

``python -m infoview_lib.app_server NOTEBOOKS [Voila options]`` runs Voila on a
folder of notebooks, with these differences from ``voila NOTEBOOKS``:

- the address opens the first notebook, ``00_start_here``, not a list of files,
  and there is no list of files at all;
- only the notebooks at the top of the folder are served: anything in a
  subfolder (the advisor's report notebook, say) is not a page;
- a page sets the cookie that lets it stop its own kernel when it is closed or
  reloaded (Voila's page sends it back, but Voila never sets it, so its request
  was refused and every closed tab left a kernel running);
- an error page (a refused connection to a kernel, a missing file) is drawn,
  instead of filling the terminal with tracebacks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import tornado.web
from jupyter_server import DEFAULT_STATIC_FILES_PATH
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from infoview_lib.app_pages import FIRST_NOTEBOOK, TOP_LEVEL_NOTEBOOK, PageRules
from infoview_lib.page_template import template_paths

#: Voila's handlers that list or read the served folder: the student never needs them.
_LISTINGS = ("/voila/tree", "/voila/api/contents")


class NotebookPage(PageRules, TornadoVoilaHandler):  # type: ignore[misc]
    """A notebook's page, under infoview's rules (see :class:`~.app_pages.PageRules`)."""


class InfoviewVoila(Voila):  # type: ignore[misc]
    """Voila serving a folder of guided notebooks, opening on the first one."""

    def setup_template_dirs(self) -> None:
        """Voila's template paths, with infoview's page template first (see
        :mod:`~infoview_lib.page_template`)."""
        super().setup_template_dirs()
        self.template_paths = template_paths(self.template_paths)  # type: ignore[has-type]

    def init_settings(self) -> dict[str, Any]:
        """Voila's settings, and the static files Jupyter's error pages are drawn with.

        Without them every error page of Jupyter's own handlers (a refused kernel
        connection, a missing file) failed to draw and printed three tracebacks.
        """
        settings: dict[str, Any] = super().init_settings()
        settings["static_path"] = DEFAULT_STATIC_FILES_PATH
        return settings

    def init_handlers(self) -> list[Any]:
        """Voila's handlers, with the landing page and listings replaced as above."""
        base = self.server_url.rstrip("/")
        handlers: list[Any] = [
            (
                rf"{re.escape(base)}/?",
                tornado.web.RedirectHandler,
                {"url": _render(base), "permanent": False},
            ),
            (
                rf"{re.escape(base)}/voila/render/{TOP_LEVEL_NOTEBOOK}",
                NotebookPage,
                {
                    "template_paths": self.template_paths,
                    "config": self.config,
                    "voila_configuration": self.voila_configuration,
                },
            ),
        ]
        handlers += [
            handler for handler in super().init_handlers() if not _replaced(handler[0], base)
        ]
        return handlers


def _render(base: str) -> str:
    return f"{base}/voila/render/{FIRST_NOTEBOOK}"


def _replaced(pattern: str, base: str) -> bool:
    """Whether Voila's handler for ``pattern`` is one this app replaces or drops."""
    path = pattern[len(base) :] if pattern.startswith(base) else pattern
    return path in ("", "/") or path.startswith(("/voila/render/", *_LISTINGS))


def main(argv: Sequence[str] | None = None) -> None:
    """Run the app server until it is stopped."""
    InfoviewVoila.launch_instance(argv=list(argv) if argv is not None else None)


if __name__ == "__main__":
    main()
