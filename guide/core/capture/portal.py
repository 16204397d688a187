"""The xdg-desktop-portal Screenshot exchange, without any D-Bus library: the request path to
listen on, the options to send, what the Response means, and which returned file is ours to delete.

Spec: flatpak/xdg-desktop-portal data/org.freedesktop.portal.Screenshot.xml and Request.xml. The
answer comes later as a Response signal on .../request/SENDER/TOKEN; a client must listen there
*before* calling, or a fast portal answers into the void (Crow Translate's bug).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.portal.Desktop"
OBJECT_PATH = "/org/freedesktop/portal/desktop"
SCREENSHOT = "org.freedesktop.portal.Screenshot"
REQUEST = "org.freedesktop.portal.Request"
REQUEST_PREFIX = OBJECT_PATH + "/request/"
TARGET_AREA = 4  # `target` option (version 3+): let the user pick an area in the desktop's own tool

INTERACTIVE_SECONDS = 120.0  # the user is choosing in the desktop's dialog
NON_INTERACTIVE_SECONDS = 10.0  # some portals never answer when permission is missing (NormCap)

# What each outcome means for the user; the grabber adds the desktop's own way (method.advice).
CANCELLED = "Screenshot cancelled: nothing was read."
ENDED = "The desktop's screenshot dialog closed without a picture."
NO_ANSWER = "The desktop's screenshot service did not answer within {seconds:.0f} seconds."
NO_PORTAL = ("This desktop offers no screenshot service (xdg-desktop-portal) to the guide, "
             "so it cannot read the screen itself.")
# {detail} is always our own words: what the portal sent (a path, a URI) goes to the log only.
BAD_ANSWER = "The desktop's screenshot service answered without a picture the guide can open ({detail})."


@dataclass(frozen=True)
class Outcome:
    """How a portal screenshot ended. `kind`: ok, cancelled, ended, no_answer, no_portal, bad_answer."""

    kind: str
    message: str = ""
    path: Path | None = None
    called_at: float = 0.0  # time.time() of the call: a file older than this is not the portal's

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def new_token() -> str:
    """A handle_token: letters, digits and underscores only (it becomes part of an object path)."""
    return f"rednote_guide_{secrets.token_hex(8)}"


def request_path(unique_name: str, token: str) -> str:
    """Where the Response will be sent: the caller's unique name without ':' and with '.' → '_'."""
    return f"{REQUEST_PREFIX}{unique_name.lstrip(':').replace('.', '_')}/{token}"


def request_namespace(unique_name: str) -> str:
    """Every request path of this caller: listening on all of them also catches portals older
    than 0.9, which ignore handle_token and choose a path of their own."""
    return request_path(unique_name, "").rstrip("/")


def screenshot_options(token: str, version: int, available_targets: int,
                       interactive: bool = True) -> dict[str, tuple[str, object]]:
    """The a{sv} options as (D-Bus signature, value) pairs. `target` only where the portal says
    it knows it: an older portal rejects an option of the wrong type outright."""
    options: dict[str, tuple[str, object]] = {
        "handle_token": ("s", token),
        "modal": ("b", True),
        "interactive": ("b", interactive),
    }
    if version >= 3 and available_targets & TARGET_AREA:
        options["target"] = ("u", TARGET_AREA)
    return options


def uri_to_path(uri: str) -> Path:
    """A local file:// URI as a path, percent-escapes decoded ("Screenshot%20from…" → a space).
    ValueError for anything else (a remote host, another scheme)."""
    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ValueError(f"not a local file: {uri}")
    path = unquote(parts.path)
    if not path.startswith("/"):
        raise ValueError(f"not an absolute path: {uri}")
    return Path(path)


def parse_response(code: int, results: dict[str, object]) -> Outcome:
    """Request::Response(u response, a{sv} results): 0 success with `uri`, 1 cancelled by the user,
    2 ended some other way. `results` holds plain values (variants already unwrapped)."""
    if code == 1:
        return Outcome("cancelled", CANCELLED)
    if code != 0:
        return Outcome("ended", ENDED)
    uri = results.get("uri")
    if not isinstance(uri, str) or not uri:
        return Outcome("bad_answer", BAD_ANSWER.format(detail="no file named"))
    try:
        return Outcome("ok", path=uri_to_path(uri))
    except ValueError as exc:
        log.info("portal answered with %s", exc)
        return Outcome("bad_answer", BAD_ANSWER.format(detail="not a file on this computer"))


def is_ours_to_delete(called_at: float, modified_at: float) -> bool:
    """A file the portal wrote for this request (after the call) is deleted once read, wherever it
    was saved (the Pictures folder on KDE and GNOME, the document portal under Flatpak), so
    screenshots do not pile up. A file older than the call is the user's own and stays."""
    return modified_at >= called_at - 2.0  # file systems with coarse times
