"""What infoview's notebook pages share, in ``infoview app`` and on a JupyterHub.

Both serve the guided notebooks through Voila with the same rules: only the
notebooks at the top of the folder are pages, a page sets the ``_xsrf`` cookie its
closing request needs, and it is sent a strict Content-Security-Policy. The rules
are a mixin (:class:`PageRules`) put before Voila's handler, so this module stays
light: the ``infoview`` command imports it, and importing Voila takes seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jupyter_server.base.handlers import JupyterHandler

    _Handler = JupyterHandler
else:
    _Handler = object

#: The notebook the app opens on.
FIRST_NOTEBOOK = "00_start_here.ipynb"
#: A notebook at the top of the served folder: no folders, no hidden files.
TOP_LEVEL_NOTEBOOK = r"([^/.][^/]*\.ipynb)"
#: Voila's pages may load scripts, styles and fonts from this server only (its lab template
#: otherwise asks a CDN for Font Awesome, which the forms do not use), run no eval'd code,
#: and be framed by no other page.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        # Voila's page template runs inline scripts whose text changes with the notebook
        # (its progress calls), so they cannot be listed by hash; nothing needs eval.
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",  # the widgets set styles inline
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",  # the page's websocket to its own kernel
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",  # the token form, if the address is opened without it
        "frame-ancestors 'none'",
    ]
)


class PageRules(_Handler):
    """infoview's rules for a notebook page: mix in before ``TornadoVoilaHandler``.

    Only a notebook at the top of the folder is a page: the address is matched before
    it is decoded, so a folder written as ``%2F`` is refused here.
    """

    @property
    def content_security_policy(self) -> str:
        """infoview's policy, on these pages only (JupyterLab's pages need their own)."""
        return CONTENT_SECURITY_POLICY

    async def prepare(self) -> None:  # type: ignore[override]
        """Authenticate as Voila does, then issue the page's ``_xsrf`` cookie.

        Voila's page sends this cookie's value with the request that stops its
        kernel when the tab is closed or reloaded; the server refuses that request
        without it, and Voila never sets it.
        """
        from tornado.web import HTTPError  # only a running server needs tornado

        await super().prepare()
        if any("/" in str(part) for part in self.path_args):  # an encoded one: %2F
            raise HTTPError(404)
        if self.current_user is not None:
            self.xsrf_token  # noqa: B018 (reading it sets the cookie)


__all__ = ["CONTENT_SECURITY_POLICY", "FIRST_NOTEBOOK", "TOP_LEVEL_NOTEBOOK", "PageRules"]
