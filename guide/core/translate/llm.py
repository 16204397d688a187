"""An engine for any OpenAI-compatible chat endpoint: a local Ollama, llama.cpp server or
LM Studio, or a remote service with a key in the keyring.

Slang is where online engines fail, and a language model asked the right way explains it.
The prompt asks for a natural translation of social-media Chinese, one line per line of
input (the pipeline sends consecutive sentences one per line and splits the answer back),
and one final "Note:" line on any slang. Plain HTTP through requests, so the deadline
machinery in `deadline` applies exactly as to the other engines; whatever goes wrong
becomes one typed `EngineError`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from guide.core.translate.engine_base import Engine, EngineConfig
from guide.core.translate.errors import BadAnswer, BadKey, RateLimited, ServerError

DEFAULT_URL = "http://localhost:11434/v1"
DEFAULT_MODEL = "qwen2.5:7b"
# Where each local server listens by default (Settings offers them).
PRESETS: dict[str, str] = {
    "Ollama": "http://localhost:11434/v1",
    "llama.cpp server": "http://localhost:8080/v1",
    "LM Studio": "http://localhost:1234/v1",
}
NOTE_MAX_CHARS = 300

_RULES = (
    "Keep the line structure: exactly one line of translation for each line of the input, in the same order. "
    "Keep emoji, names, hashtags, @mentions and links as they are. Do not explain the translation, do not add "
    "quotes or a heading. If the text uses internet slang, abbreviations or wordplay, add one last line that "
    "starts with \"Note:\" and explains it in one short sentence; otherwise add no note."
)
SYSTEM_PROMPTS = {
    "en": ("You translate posts, captions, comments and messages from RedNote (Xiaohongshu), a Chinese social "
           "media app, into natural, idiomatic English, the way a native speaker would say it online. " + _RULES),
    "zh": ("You translate English comments and messages into natural, casual Simplified Chinese as a young "
           "person would write it on RedNote (Xiaohongshu), a Chinese social media app. " + _RULES),
}

_THINK_RE = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_FENCE_RE = re.compile(r"^```[\w-]*\s*$", re.MULTILINE)
_NOTE_RE = re.compile(r"^\s*(?:\*\*)?(?:note|slang note|slang|注|注释|备注)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*", re.IGNORECASE)
_LABEL_RE = re.compile(r"^\s*(?:\*\*)?(?:translation|english|chinese|译文|翻译)(?:\*\*)?\s*[:：]\s*", re.IGNORECASE)
_REFUSAL_RE = re.compile(
    r"\b(?:i(?:'|’)?m sorry|i am sorry|sorry)\b.{0,60}\b(?:can(?:'|’)?t|cannot|unable to|not able to)\b.{0,40}"
    r"\b(?:help with|assist|translate|comply|fulfil|provide)\b|\bas an ai\b|\bi (?:can(?:'|’)?t|cannot|won(?:'|’)?t) "
    r"(?:help with|assist with|translate) (?:that|this)\b|抱歉，?我(?:无法|不能)(?:翻译|帮助|协助)", re.IGNORECASE | re.DOTALL)


class LLMAnswer(str):
    """A translation that also carries the model's note on slang (kept out of the text, so
    the pipeline's line-by-line split is not thrown off)."""

    note: str

    def __new__(cls, text: str, note: str = "") -> LLMAnswer:
        answer = super().__new__(cls, text)
        answer.note = note
        return answer

    def replace_text(self, text: str) -> LLMAnswer:
        from guide.core.translate.normalise import strip_controls

        return LLMAnswer(text, strip_controls(self.note))


def chat_url(base: str) -> str:
    """`http://host:11434`, `…/v1`, `…/v1/` and the full `…/v1/chat/completions` all mean one endpoint."""
    url = base.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if not re.search(r"/v\d+$", url):
        url += "/v1"
    return url + "/chat/completions"


def parse_reply(content: str) -> tuple[str, str]:
    """(translation, note) from what the model wrote: thinking, code fences, labels and the
    "Note:" line taken out."""
    content = _FENCE_RE.sub("", _THINK_RE.sub("", content)).strip()
    lines: list[str] = []
    note = ""
    for line in content.split("\n"):
        if _NOTE_RE.match(line):
            note = _NOTE_RE.sub("", line).strip().strip("*").strip()
            break  # anything after the note is more commentary
        lines.append(_LABEL_RE.sub("", line))
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(note) > NOTE_MAX_CHARS:
        note = note[: NOTE_MAX_CHARS - 1].rstrip() + "…"
    return "\n".join(lines), note


def looks_like_refusal(text: str) -> bool:
    return bool(_REFUSAL_RE.search(text[:400]))


class LLMEngine(Engine):
    name = "llm"
    title = "LLM"
    char_limit = 2000  # small local models lose the thread on longer input
    languages: ClassVar[dict[str, str]] = {"zh": "zh", "en": "en"}
    optional_secrets = ("llm",)
    needs_url = True

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        import requests

        model = config.extra.get("model") or DEFAULT_MODEL
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = config.secret("llm")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        body = {"model": model, "stream": False, "temperature": 0.2,
                "messages": [{"role": "system", "content": SYSTEM_PROMPTS[target]}, {"role": "user", "content": text}]}
        url = chat_url(config.base_url or DEFAULT_URL)
        with requests.Session() as session:
            # A server on this machine is reached directly, never through a proxy from the environment.
            session.trust_env = not _is_loopback(url)
            response = session.post(url, json=body, headers=headers, allow_redirects=False)
        status = response.status_code
        if status in (401, 403):
            raise BadKey(self.title, f"the server refused the request (HTTP {status}); check the LLM key in Settings")
        if status == 404 and "model" in response.text.lower():
            raise ServerError(self.title, f"the server has no model named {model!r} (set the model in Settings)")
        if status == 429:
            raise RateLimited(self.title, "rate limited (too many requests)", _retry_after(response))
        if 300 <= status < 400:
            raise ServerError(self.title, f"the server redirected elsewhere (HTTP {status}); check the URL")
        if status >= 400:
            raise ServerError(self.title, f"server error (HTTP {status})" if status >= 500
                              else f"refused the request (HTTP {status})")
        data = response.json()
        choice = data["choices"][0]
        message = choice.get("message") or {}
        if message.get("refusal") or choice.get("finish_reason") == "content_filter":
            raise BadAnswer(self.title, "declined to translate the text")
        content = message.get("content")
        if not isinstance(content, str):
            raise BadAnswer(self.title, "answered in an unexpected format")
        translation, note = parse_reply(content)
        if looks_like_refusal(translation) and not looks_like_refusal(text):
            raise BadAnswer(self.title, "declined to translate the text")
        return LLMAnswer(translation, note)


def _is_loopback(url: str) -> bool:
    import ipaddress
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _retry_after(response: Any) -> float | None:
    try:
        return float(response.headers.get("Retry-After"))
    except (TypeError, ValueError):
        return None
