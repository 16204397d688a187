"""No engine call follows a redirect to another origin (scheme, host and port).

deep-translator lets requests follow redirects, and requests re-sends every custom header
(Microsoft's `Ocp-Apim-Subscription-Key`) and, after a 307 or 308, the body (the user's
text) to wherever the server points; it only drops `Authorization` when the host changes.
A server the user chose must not be able to hand their key and text to another one, so a
redirect off the origin is refused before anything is sent, for every engine at once.
The LLM engine asks for no redirects at all and names a 3xx itself: it is left alone.

Two of requests' hooks are wrapped (once per process, from `deadline.install`):
`rebuild_auth`, which sees each redirect hop being prepared, marks a hop that leaves the
origin; `Session.send` refuses a marked request. Marking rather than raising keeps
`Session.send`'s look-ahead (`response.next`, prepared even with allow_redirects=False)
harmless: it is never sent.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlsplit

_MARK = "_guide_off_origin"
_lock = threading.Lock()
_installed = False


class RedirectedElsewhere(Exception):  # noqa: N818 - named for what happened, as the engines' errors are
    """A server answered with a redirect to another origin; it was not followed.

    Not a requests or OSError subclass on purpose: deep-translator swallows those."""

    def __init__(self, target: str) -> None:
        super().__init__(f"redirect to {target} refused")
        self.target = target


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


def shown_origin(url: str) -> str:
    scheme, host, port = origin(url)
    return f"{scheme}://{host}:{port}" if port else f"{scheme}://{host}"


def install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        import requests.sessions

        mixin = requests.sessions.SessionRedirectMixin
        original_rebuild_auth = mixin.rebuild_auth
        original_send = requests.sessions.Session.send

        def rebuild_auth(self: Any, prepared_request: Any, response: Any) -> None:
            if origin(prepared_request.url) != origin(response.request.url):
                setattr(prepared_request, _MARK, True)
            original_rebuild_auth(self, prepared_request, response)

        def send(self: Any, request: Any, **kwargs: Any) -> Any:
            if getattr(request, _MARK, False):
                raise RedirectedElsewhere(shown_origin(request.url))
            return original_send(self, request, **kwargs)

        mixin.rebuild_auth = rebuild_auth  # type: ignore[method-assign]
        requests.sessions.Session.send = send  # type: ignore[method-assign]
        _installed = True
