"""A local fake translation server that speaks enough of each engine's API (Google,
MyMemory, LibreTranslate, DeepL, Microsoft, Baidu) for deep-translator's real code to run,
with switchable faults (slow, hang, 429, 500, garbage …), and byte-exact fakes of the local
LLM servers under `/<flavour>/<scenario>/` (llm_flavours.py).

The `server` and `second_server` fixtures in tests/conftest.py are the way tests get one.
Nothing here touches the internet: servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

import functools
import json
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from helpers.llm_flavours import FLAVOURS, LLMFakes, post_of

# -- fake translation ----------------------------------------------------------------------

KNOWN = {
    "这个博主的穿搭绝绝子": "This blogger's outfits are amazing",
    "这个博主的穿搭绝绝子，已经种草了！": "This blogger's outfits are amazing, I already want them!",
    "你们好": "Hello, all of you",
    "Where can I buy this?": "这个在哪里买？",
}


def fake_translate(text: str, source: str, target: str) -> str:
    """Deterministic, line by line like real engines: KNOWN sentences, else a visible marker."""
    return "\n".join(_fake_line(line, target) for line in text.split("\n"))


def _fake_line(text: str, target: str) -> str:
    if text in KNOWN:
        return KNOWN[text]
    if target.startswith("en"):
        return f"EN[{text}]"
    return text.upper() + "（译）"


@dataclass
class Seen:
    """One request the server received."""

    path: str
    params: dict[str, str]
    text: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Behaviour:
    """What the server does; tests change it between requests."""

    mode: str = "answer"  # answer | slow | hang | 429 | 500 | 403 | html | empty | reset | trickle | huge | echo
    # | chunked-huge | close-huge | gzip-bomb (bodies without Content-Length, or one that inflates)
    # | redirect-loop | refusal (an LLM declining) | escape (ANSI escape codes in the answer)
    # | no-model (an LLM server without the model asked for: 404)
    delay: float = 0.0  # seconds before answering (slow), or between bytes (trickle)
    translate: Callable[[str, str, str], str] = fake_translate
    retry_after: str | None = None
    api_error: dict[str, object] | None = None  # sent as a 200 JSON body, as Baidu and Microsoft do
    note: str = ""  # LLM: the slang note line added after the translation
    body_bytes: int = 64 * 1024 * 1024  # size of the *-huge and gzip-bomb bodies (decoded)
    redirect_to: str = ""  # when set, every request is answered 307 to this root + the same path and query


class FakeServer:
    """A threaded HTTP server on 127.0.0.1 answering like Google (/m), MyMemory (/get),
    LibreTranslate (/translate), DeepL (/v2/translate), Microsoft (/translate?api-version=3.0,
    JSON body), Baidu (/api/trans/vip/translate) and an OpenAI-compatible chat endpoint
    (/v1/chat/completions, as Ollama, llama.cpp server and LM Studio serve it)."""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.seen: list[Seen] = []
        self.stop_event = threading.Event()
        self.open_handlers = 0
        self._lock = threading.Lock()
        self.llm = LLMFakes(translate=fake_translate, stop=self.stop_event)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                server._handle(self)

            def do_POST(self) -> None:  # noqa: N802
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    # -- URLs per engine ---------------------------------------------------------------

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def base_urls(self) -> dict[str, str]:
        return {"google": self.root + "/m", "mymemory": self.root + "/get", "libretranslate": self.root + "/",
                "deepl": self.root + "/v2/", "microsoft": self.root + "/translate?api-version=3.0",
                "baidu": self.root + "/api/trans/vip/translate", "llm": self.root + "/v1"}

    def llm_url(self, flavour: str, scenario: str = "answer") -> str:
        """The `/v1` address of a fake Ollama, llama.cpp or LM Studio in one scenario."""
        return f"{self.root}/{flavour}/{scenario}/v1"

    def stop(self) -> None:
        self.stop_event.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- answering ---------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.open_handlers += 1
        try:
            self._answer(handler)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client gave up (deadline): that is the point of several tests
        finally:
            with self._lock:
                self.open_handlers -= 1

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlsplit(handler.path)
        if url.path.split("/")[1] in FLAVOURS and url.path.count("/") >= 2:
            raw = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
            reply = self.llm.handle(handler, url.path, raw)
            if reply is not None:
                self._send(handler, reply.status, reply.body, reply.content_type)
            return
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        json_text = ""
        chat: dict[str, object] | None = None
        if length:
            body = handler.rfile.read(length).decode("utf-8", "replace")
            if url.path.endswith("/chat/completions"):  # LLM: the text is the last user message
                chat = json.loads(body)
                messages = chat.get("messages") or []
                json_text = post_of(str(messages[-1]["content"]))[0] if messages else ""
            elif "json" in (handler.headers.get("Content-Type") or ""):  # Microsoft: [{"text": ...}]
                json_text = str(json.loads(body)[0]["text"])
            else:
                params.update({k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()})
        text = json_text or params.get("q") or params.get("text") or ""
        self.seen.append(Seen(url.path, params, text, time.monotonic(), dict(handler.headers.items())))
        b = self.behaviour
        if b.api_error is not None:
            self._send(handler, 200, json.dumps(b.api_error).encode("utf-8"), "application/json")
            return
        if b.mode == "hang":
            self.stop_event.wait(60)
            return
        if b.mode == "slow":
            self.stop_event.wait(b.delay)
        if b.mode in ("429", "500", "403"):
            headers = {"Retry-After": b.retry_after} if b.retry_after else {}
            self._send(handler, int(b.mode), b'{"error": "nope"}', "application/json", headers)
            return
        if b.mode == "no-model":  # Ollama when the model was never pulled
            model = str((chat or {}).get("model", ""))
            body = json.dumps({"error": {"message": f'model "{model}" not found, try pulling it first'}})
            self._send(handler, 404, body.encode("utf-8"), "application/json")
            return
        if b.mode == "html":
            self._send(handler, 200, b"<html><body><h1>Captcha</h1><p>Are you a robot?</p></body></html>", "text/html")
            return
        if b.mode == "empty":
            self._send(handler, 200, b"", "application/json")
            return
        if b.mode == "huge":
            self._send(handler, 200, b"x" * (6 * 1024 * 1024), "text/html")
            return
        if b.mode in ("chunked-huge", "close-huge", "gzip-bomb"):
            self._unbounded(handler, b.mode, b.body_bytes)
            return
        if b.redirect_to:
            handler.send_response(307)
            handler.send_header("Location", b.redirect_to + handler.path)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if b.mode == "redirect-loop":
            handler.send_response(302)
            handler.send_header("Location", handler.path)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if chat is not None:
            source, target = _chat_langs(chat)
        else:
            source, target = _langs(url.path, params)
        translated = text if b.mode == "echo" else b.translate(text, source, target)
        if b.mode == "escape":
            translated = "\x1b]0;pwned\x07\x1b[31m" + translated + "\x1b[0m\x08"
        if chat is not None:
            if b.mode == "refusal":
                translated = "I'm sorry, but I can't help with that request."
            elif b.note and b.mode != "echo":
                translated += "\nNote: " + b.note
            payload, content_type = _chat_payload(translated, str(chat.get("model", ""))), "application/json"
        else:
            payload, content_type = _payload(url.path, translated, params)
        if b.mode == "reset":
            self._reset_mid_answer(handler, payload, content_type)
            return
        if b.mode == "trickle":
            self._trickle(handler, payload, content_type, b.delay or 0.2)
            return
        self._send(handler, 200, payload, content_type)

    def _send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()

    def _unbounded(self, handler: BaseHTTPRequestHandler, mode: str, size: int) -> None:
        """A body whose size no header announces (chunked, or until the connection closes),
        or a small gzip body that inflates to `size` bytes."""
        block = b"x" * 65536
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        if mode == "gzip-bomb":
            body = _gzip_bomb(size)
            handler.send_header("Content-Encoding", "gzip")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        if mode == "chunked-huge":
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        sent = 0
        while sent < size and not self.stop_event.is_set():
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if mode == "chunked-huge" else block)
            sent += len(block)
        if mode == "chunked-huge":
            handler.wfile.write(b"0\r\n\r\n")

    def _reset_mid_answer(self, handler: BaseHTTPRequestHandler, payload: bytes, content_type: str) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload) + 100))
        handler.end_headers()
        handler.wfile.write(payload[: len(payload) // 2])
        handler.wfile.flush()
        sock = handler.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
        sock.close()
        handler.close_connection = True

    def _trickle(self, handler: BaseHTTPRequestHandler, payload: bytes, content_type: str, gap: float) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.flush()
        for byte in payload:
            if self.stop_event.wait(gap):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()


@functools.lru_cache(maxsize=4)
def _gzip_bomb(size: int) -> bytes:
    """A small gzip body that inflates to `size` bytes: one compressed megabyte repeated as
    gzip members (compressing all of it took about a second, inside a one-second deadline)."""
    megabyte = 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = compressor.compress(b"x" * megabyte) + compressor.flush()
    return member * max(1, size // megabyte)


def _langs(path: str, params: dict[str, str]) -> tuple[str, str]:
    if "langpair" in params:
        source, _, target = params["langpair"].partition("|")
        return source, target
    return (params.get("sl") or params.get("source") or params.get("source_lang") or params.get("from") or "auto",
            params.get("tl") or params.get("target") or params.get("target_lang") or params.get("to") or "en")


def _chat_langs(chat: dict[str, object]) -> tuple[str, str]:
    """The target language as our LLM prompt names it in the system message."""
    system = " ".join(str(m.get("content", "")) for m in chat.get("messages", []) if isinstance(m, dict)
                      and m.get("role") == "system")
    return ("en", "zh") if "Simplified Chinese" in system else ("zh", "en")


def _chat_payload(content: str, model: str) -> bytes:
    body = {"id": "chatcmpl-test", "object": "chat.completion", "model": model or "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _payload(path: str, translated: str, params: dict[str, str]) -> tuple[bytes, str]:
    if path.endswith("/m"):  # Google's mobile page, parsed with BeautifulSoup
        html = f'<html><body><div class="result-container">{translated}</div></body></html>'
        return html.encode("utf-8"), "text/html; charset=utf-8"
    if path.endswith("/get"):  # MyMemory
        body = {"responseData": {"translatedText": translated, "match": 1}, "matches": []}
    elif path.endswith("/v2/translate"):  # DeepL
        body = {"translations": [{"text": translated}]}
    elif path.endswith("/api/trans/vip/translate"):  # Baidu: one result per line
        body = {"from": params.get("from"), "to": params.get("to"),
                "trans_result": [{"src": "", "dst": line} for line in translated.split("\n")]}
    elif "api-version" in params:  # Microsoft
        body = [{"translations": [{"text": translated, "to": params.get("to", "")}]}]
    else:  # LibreTranslate
        body = {"translatedText": translated}
    return json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json"


def refused_url() -> str:
    """A 127.0.0.1 URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class Servers:
    """Started servers, stopped at teardown."""

    started: list[FakeServer] = field(default_factory=list)

    def new(self) -> FakeServer:
        server = FakeServer()
        self.started.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.started:
            server.stop()


def options_for(server: FakeServer, *engines: str, timeout: float = 1.0, **extra: object):  # noqa: ANN201
    """TranslateOptions that send every engine to the test server."""
    from guide.core.translate.pipeline import TranslateOptions

    return TranslateOptions(engines=engines or ("google",), timeout=timeout, base_urls=server.base_urls(), **extra)
