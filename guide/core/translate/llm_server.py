"""Where the LLM engine's server is, which one it is, and whether its model is loaded.

A local server (Ollama, llama.cpp's llama-server, LM Studio) loads the model on the first
request and unloads it after a few idle minutes; a cut-off first call aborts Ollama's load.
So the engine remembers which server answered at a URL and when its model last answered
(`is_warm`), and `probe` asks the server what it is and which models it has (`GET
…/models` works on all three; Ollama also answers `/api/version`). No Qt here: Settings
and the Translator page call these from their workers.
"""

from __future__ import annotations

import ipaddress
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from guide.core.translate import deadline
from guide.core.translate.engine_base import exception_chain
from guide.core.translate.llm_errors import read_error, refusal_reason, unreachable_reason

DEFAULT_URL = "http://localhost:11434/v1"
# Where each local server listens by default (Settings offers them).
PRESETS: dict[str, str] = {
    "Ollama": "http://localhost:11434/v1",
    "llama.cpp server": "http://localhost:8080/v1",
    "LM Studio": "http://localhost:1234/v1",
}
OLLAMA, LLAMACPP, LMSTUDIO = "Ollama", "llama.cpp", "LM Studio"
_PRESET_KINDS = {"Ollama": OLLAMA, "llama.cpp server": LLAMACPP, "LM Studio": LMSTUDIO}
GENERIC_NAME = "the LLM server"
# Ollama unloads a model after 5 idle minutes (its default keep-alive); a little less is safe.
WARM_SECONDS = 240.0
PROBE_SECONDS = 5.0

_lock = threading.Lock()
_kinds: dict[str, str] = {}  # api base -> the server found there
_warm: dict[tuple[str, str], float] = {}  # (api base, model) -> when it last answered


# -- addresses ---------------------------------------------------------------------------


def api_base(url: str) -> str:
    """`http://host:11434`, `…/v1`, `…/v1/` and `…/v1/chat/completions` all mean `…/v1`."""
    base = url.strip().rstrip("/")
    if base.endswith("/chat/completions"):
        base = base[: -len("/chat/completions")]
    if not re.search(r"/v\d+$", base):
        base += "/v1"
    return base


def chat_url(url: str) -> str:
    return api_base(url) + "/chat/completions"


def native_root(url: str) -> str:
    """Where a server's own API lives (Ollama's `/api/…`): the base without its `/v1`."""
    return re.sub(r"/v\d+$", "", api_base(url))


def _host(url: str) -> tuple[str, ipaddress.IPv4Address | ipaddress.IPv6Address | None]:
    host = (urlsplit(url.strip()).hostname or "").lower()
    try:
        return host, ipaddress.ip_address(host)
    except ValueError:
        return host, None


def is_loopback(url: str) -> bool:
    host, address = _host(url)
    return host == "localhost" or host.endswith(".localhost") or bool(address and address.is_loopback)


def is_local(url: str) -> bool:
    """This computer or the home network: a server that loads models, not a cloud service."""
    host, address = _host(url)
    if address is not None:
        return address.is_loopback or address.is_private
    return is_loopback(url) or host.endswith((".local", ".lan", ".home.arpa")) or bool(host and "." not in host)


# -- which server, which state -----------------------------------------------------------


def server_kind(url: str) -> str:
    """"Ollama", "llama.cpp", "LM Studio" or "" — as found earlier, else by a preset's port."""
    base = api_base(url)
    with _lock:
        found = _kinds.get(base)
    if found:
        return found
    if is_loopback(url):
        port = urlsplit(base).port
        for title, preset in PRESETS.items():
            if urlsplit(preset).port == port:
                return _PRESET_KINDS[title]
    return ""


def server_name(url: str) -> str:
    return server_kind(url) or GENERIC_NAME


def remember_kind(url: str, kind: str) -> None:
    if kind:
        with _lock:
            _kinds[api_base(url)] = kind


def mark_warm(url: str, model: str) -> None:
    with _lock:
        _warm[(api_base(url), model)] = time.monotonic()


def is_warm(url: str, model: str) -> bool:
    """The model answered here in the last few minutes, so it is still loaded."""
    with _lock:
        last = _warm.get((api_base(url), model))
    return last is not None and time.monotonic() - last < WARM_SECONDS


def loading_text(url: str, model: str) -> str:
    kind = server_kind(url)
    return f"Loading {model} in {kind}…" if kind else f"Loading {model} on the LLM server…"


def kind_from_answer(data: Any) -> str:
    """Each server signs its chat answer differently (reference A2)."""
    if not isinstance(data, dict):
        return ""
    if data.get("system_fingerprint") == "fp_ollama":
        return OLLAMA
    if "timings" in data:
        return LLAMACPP
    if "stats" in data:
        return LMSTUDIO
    return ""


def kind_from_models(data: Any) -> str:
    if not isinstance(data, dict):
        return ""
    owners = {str(m.get("owned_by", "")) for m in data.get("data") or [] if isinstance(m, dict)}
    if "models" in data or "llamacpp" in owners:
        return LLAMACPP
    if "organization_owner" in owners:
        return LMSTUDIO
    return ""


def model_ids(data: Any) -> list[str]:
    """`data[].id` of an OpenAI-style model list, in the server's order."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        return []
    return [str(m["id"]) for m in data["data"] if isinstance(m, dict) and isinstance(m.get("id"), str)]


def has_model(model: str, models: list[str]) -> bool:
    """Ollama takes `qwen2.5` for `qwen2.5:latest`."""
    wanted = model.strip()
    return wanted in models or (":" not in wanted and f"{wanted}:latest" in models)


def was_refused(error: BaseException | None) -> bool:
    return any(isinstance(e, ConnectionRefusedError) for e in exception_chain(error))


# -- asking the server -------------------------------------------------------------------


def session_for(url: str) -> Any:
    """A requests session; a server on this machine is never reached through a proxy."""
    import requests

    session = requests.Session()
    session.trust_env = not is_loopback(url)
    return session


def headers_for(key: str | None) -> dict[str, str]:
    headers = {"Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return headers


def json_of(response: Any) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


@dataclass
class ServerInfo:
    """What `probe` found: the server, its version (Ollama), its models, or why not."""

    kind: str = ""
    version: str = ""
    models: list[str] = field(default_factory=list)
    problem: str = ""


def probe(url: str, key: str | None = None, seconds: float = PROBE_SECONDS,
          token: deadline.CancelToken | None = None) -> ServerInfo:
    """Which server is at `url` and which models it offers, within `seconds`."""
    info = ServerInfo()

    def ask() -> None:
        with session_for(url) as session:
            if is_local(url):  # only Ollama answers this; a cloud service is not asked
                version = json_of(session.get(native_root(url) + "/api/version", allow_redirects=False))
                if isinstance(version, dict) and isinstance(version.get("version"), str):
                    info.kind, info.version = OLLAMA, version["version"]
            response = session.get(api_base(url) + "/models", headers=headers_for(key), allow_redirects=False)
            data = json_of(response)
            if response.status_code >= 300:
                said = read_error(response.status_code, response.text)
                info.problem = refusal_reason(said, "", info.kind or server_kind(url), [])
                return
            info.models = model_ids(data)
            info.kind = info.kind or kind_from_models(data) or server_kind(url)
            if not isinstance(data, dict) or "data" not in data:
                info.problem = "it answered, but not with a model list (is this an OpenAI-compatible server?)"

    outcome = deadline.run_with_deadline(ask, seconds, token)
    if outcome.cancelled:
        info.problem = "cancelled"
    elif outcome.timed_out:
        info.problem = f"no answer within {seconds:g} s"
    elif outcome.connect_failed:
        info.problem = unreachable_reason(server_kind(url), is_loopback(url), was_refused(outcome.error))
    elif outcome.error is not None:
        info.problem = f"could not ask it ({type(outcome.error).__name__})"
    remember_kind(url, info.kind)
    return info
