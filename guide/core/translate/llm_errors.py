"""What an LLM server says when it will not answer, said to the user with the fix.

Each server words its refusals its own way (reference A2): Ollama's "model 'x' not found"
(404), llama.cpp's 503 "Loading model" and its context-size 400, LM Studio's "No models
loaded" and "Invalid model identifier … (e.g. a, b, c)". `error.message` (an object's, or
a plain string `error`) is read on every status ≥ 400 and shown, cleaned and clipped,
beside what to do about it. No request is made here: the engine passes in what it knows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from guide.core.translate.errors import BadKey, EngineError, RateLimited, ServerError
from guide.core.translate.normalise import strip_controls

MESSAGE_MAX_CHARS = 240
_MODEL_NOT_FOUND_RE = re.compile(r"\bmodel\b.{0,120}\bnot found\b", re.IGNORECASE | re.DOTALL)
_FIXES_FOR_REFUSED = {
    "Ollama": "is Ollama running? (`ollama serve`)",
    "LM Studio": "start the server in LM Studio (Developer → Start Server)",
    "llama.cpp": "is llama-server running? (`llama-server -m MODEL.gguf`)",
}


@dataclass(frozen=True)
class ServerSaid:
    """An error answer: its status and the server's own words."""

    status: int
    message: str = ""
    type: str = ""
    code: object = None

    @property
    def quoted(self) -> str:
        return f" (“{self.message}”)" if self.message else ""


class ContextTooLong(ServerError):
    """The prompt is larger than the model's context; a shorter piece may pass."""


def read_error(status: int, body: str) -> ServerSaid:
    """`{"error": {"message": …}}`, `{"error": "…"}` or `{"message": …}`; plain text as it is."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    message, kind, code = "", "", None
    if isinstance(data, dict):
        error = data.get("error", data)
        if isinstance(error, dict):
            message = str(error.get("message") or "")
            kind = str(error.get("type") or "")
            code = error.get("code")
        elif isinstance(error, str):
            message = error
    elif body.strip() and not body.lstrip().startswith("<"):  # a short text answer, never an HTML page
        message = body
    return ServerSaid(status, _clean(message), kind, code)


def refusal(title: str, said: ServerSaid, model: str, kind: str, models: list[str],
            retry_after: float | None = None) -> EngineError:
    """The typed failure for an error answer, with the server's words and the fix."""
    reason = refusal_reason(said, model, kind, models)
    if said.status in (401, 403):
        return BadKey(title, reason)
    if said.status == 429:
        return RateLimited(title, reason, retry_after)
    if is_context_too_long(said):
        return ContextTooLong(title, reason)
    return ServerError(title, reason)


def refusal_reason(said: ServerSaid, model: str, kind: str, models: list[str]) -> str:
    lower = said.message.lower()
    quoted = said.quoted
    if said.status in (401, 403):
        return f"the server refused the key{quoted or f' (HTTP {said.status})'}; check the LLM key in Settings"
    if said.status == 429:
        return f"rate limited (too many requests){quoted}"
    if 300 <= said.status < 400:
        return f"the server redirected elsewhere (HTTP {said.status}); check the URL"
    if is_still_loading(said):
        return "llama.cpp is still loading its model; try again in a moment"
    if is_context_too_long(said):
        return (f"the text is too long for the model's context{quoted} — start llama.cpp with a larger "
                "context (-c), or translate less at once")
    if "no models loaded" in lower:
        return f"LM Studio has no model loaded{quoted} — load one in LM Studio (or turn on JIT loading)"
    if "invalid model identifier" in lower:
        return f"LM Studio has no model {model}{quoted} — choose one of its models in Settings"
    if model and (_MODEL_NOT_FOUND_RE.search(lower) or (said.status == 404 and "model" in lower)):
        kind = kind or (_guess_kind(said))
        choose = f"choose one of: {', '.join(models[:8])}" if models else ""
        if kind == "Ollama":
            pull = f"Ollama has no model {model}{quoted} — run `ollama pull {model}`"
            return pull + (f", or {choose}" if choose else "")
        return f"{kind or 'the server'} has no model {model}{quoted} — {choose or 'set the model in Settings'}"
    if said.status >= 500:
        return f"server error (HTTP {said.status}){quoted}"
    return f"refused the request (HTTP {said.status}){quoted}"


def is_still_loading(said: ServerSaid) -> bool:
    """llama.cpp answers every request with this 503 until its model is in memory."""
    return said.status == 503 and "loading model" in said.message.lower()


def is_context_too_long(said: ServerSaid) -> bool:
    return said.type == "exceed_context_size_error" or "exceeds the available context size" in said.message.lower()


def unreachable_reason(kind: str, loopback: bool, refused: bool) -> str:
    """Nothing answered: for a server on this computer, say how to start it."""
    if not refused:
        return "unreachable (no connection)"
    fix = _FIXES_FOR_REFUSED.get(kind) or ("is the LLM server running on this computer?" if loopback else "")
    return "unreachable (connection refused)" + (f" — {fix}" if fix else "")


def _guess_kind(said: ServerSaid) -> str:
    """Ollama's errors carry `"code": null` and `not_found_error`; llama.cpp's a number code."""
    if said.type == "not_found_error" or "try pulling it first" in said.message:
        return "Ollama"
    if isinstance(said.code, int):
        return "llama.cpp"
    return ""


def _clean(message: str) -> str:
    text = " ".join(strip_controls(message).split())
    return text if len(text) <= MESSAGE_MAX_CHARS else text[: MESSAGE_MAX_CHARS - 1].rstrip() + "…"
