"""Online engines behind one small interface (`engine_base.Engine`), registered by a stable name.

Each engine is a thin adapter over a deep-translator class: its language codes, its
character limit, the secrets it needs, and a base-URL override (a self-hosted
LibreTranslate server, or a test server on 127.0.0.1). `translate_chunks` runs the calls
under a hard deadline and turns whatever went wrong into one typed `EngineError` with a
reason fit for the user: deep-translator's own messages are never passed on (some carry
the API key).
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
from collections.abc import Iterable
from typing import Any

from guide.core.translate import deadline
from guide.core.translate.engine_base import Engine, EngineConfig
from guide.core.translate.engine_base import exception_chain as _causes
from guide.core.translate.errors import (
    BadAnswer,
    BadKey,
    Cancelled,
    EngineError,
    NotConfigured,
    RateLimited,
    ServerError,
    TimedOut,
    Unreachable,
)
from guide.core.translate.llm import LLMEngine
from guide.core.translate.normalise import normalise, strip_controls
from guide.core.translate.redirects import RedirectedElsewhere
from guide.core.translate.sentences import chunk

log = logging.getLogger(__name__)


class GoogleEngine(Engine):
    name = "google"
    title = "Google"
    char_limit = 4999  # deep-translator refuses 5000 and more
    languages = {"zh": "zh-CN", "en": "en"}

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        from deep_translator import GoogleTranslator

        translator = GoogleTranslator(source=self.languages[source], target=self.languages[target])
        return self.translate_at(translator, text, config.base_url)


class MyMemoryEngine(Engine):
    name = "mymemory"
    title = "MyMemory"
    char_limit = 499
    languages = {"zh": "zh-CN", "en": "en-US"}

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        from deep_translator import MyMemoryTranslator

        translator = MyMemoryTranslator(source=self.languages[source], target=self.languages[target])
        return self.translate_at(translator, text, config.base_url)

    def problem_in(self, answer: str) -> EngineError | None:
        # MyMemory answers 200 and puts its quota and limit messages in translatedText.
        upper = answer.upper()
        if "MYMEMORY WARNING" in upper or "USED ALL AVAILABLE FREE TRANSLATIONS" in upper:
            return RateLimited(self.title, "daily free quota used up")
        if "QUERY LENGTH LIMIT EXCEEDED" in upper or "INVALID LANGUAGE PAIR" in upper:
            return BadAnswer(self.title, "refused the text (it answered with an error message)")
        return None


class LibreTranslateEngine(Engine):
    name = "libretranslate"
    title = "LibreTranslate"
    char_limit = 2000  # public instances refuse long texts; self-hosted ones may allow more
    languages = {"zh": "zh", "en": "en"}
    optional_secrets = ("libretranslate",)
    needs_url = True

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        from deep_translator import LibreTranslator

        key = config.secret("libretranslate")
        # deep-translator insists on a key even for servers that need none; we then drop it.
        translator = LibreTranslator(source=self.languages[source], target=self.languages[target],
                                     api_key=key or "unused", custom_url=libretranslate_base(config.base_url or ""))
        if not key:
            translator.api_key = None
        return translator.translate(text)


def libretranslate_base(url: str) -> str:
    """`http://host:5000`, `…/` and `…/translate` all mean the same server."""
    url = url.strip()
    if url.endswith("/translate"):
        url = url[: -len("translate")]
    return url if url.endswith("/") else url + "/"


class DeepLEngine(Engine):
    name = "deepl"
    title = "DeepL"
    char_limit = 5000
    languages = {"zh": "zh", "en": "en"}
    required_secrets = ("deepl",)

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        from deep_translator import DeeplTranslator

        key = config.secret("deepl") or ""
        translator = DeeplTranslator(source=self.languages[source], target=self.languages[target],
                                     api_key=key, use_free_api=key.endswith(":fx"))
        base_url = config.base_url and (config.base_url if config.base_url.endswith("/") else config.base_url + "/")
        return self.translate_at(translator, text, base_url)


class MicrosoftEngine(Engine):
    name = "microsoft"
    title = "Microsoft"
    char_limit = 10000
    languages = {"zh": "zh-Hans", "en": "en"}
    required_secrets = ("microsoft",)
    optional_secrets = ("microsoft_region",)

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        from deep_translator import MicrosoftTranslator

        class _Offline(MicrosoftTranslator):  # its constructor would fetch the language list online
            def _get_supported_languages(self) -> dict[str, str]:
                return {"english": "en", "chinese simplified": "zh-Hans"}

        translator = _Offline(source=self.languages[source], target=self.languages[target],
                              api_key=config.secret("microsoft"), region=config.secret("microsoft_region"))
        return self.translate_at(translator, text, config.base_url)


class BaiduEngine(Engine):
    name = "baidu"
    title = "Baidu"
    char_limit = 2000
    languages = {"zh": "zh", "en": "en"}
    required_secrets = ("baidu_appid", "baidu")

    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        from deep_translator import BaiduTranslator

        translator = BaiduTranslator(source=self.languages[source], target=self.languages[target],
                                     appid=config.secret("baidu_appid"), appkey=config.secret("baidu"))
        return self.translate_at(translator, text, config.base_url)


REGISTRY: dict[str, Engine] = {e.name: e for e in (GoogleEngine(), MyMemoryEngine(), LibreTranslateEngine(),
                                                   DeepLEngine(), MicrosoftEngine(), BaiduEngine(),
                                                   LLMEngine())}


def prepare(names: Iterable[str]) -> None:
    """Import what the named engines need before their first translation. deep-translator
    brings requests, urllib3 and BeautifulSoup (~170 modules); imported during the first
    translation, in the worker, they held the interpreter lock in turns with the window, which
    froze for 20-50 ms at a time while the answer was awaited."""
    for name in dict.fromkeys(names):
        engine = REGISTRY.get(name)
        if engine is not None:
            engine.prepare()


def engine_names() -> list[str]:
    return list(REGISTRY)


def get_engine(name: str) -> Engine:
    """The engine registered under `name`; KeyError names the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown engine {name!r}; choose one of: {', '.join(REGISTRY)}") from None


def title_of(name: str) -> str:
    engine = REGISTRY.get(name)
    return engine.title if engine else name


# -- calling an engine -------------------------------------------------------------------


def translate_chunks(engine: Engine, chunks: list[str], source: str, target: str, config: EngineConfig,
                     timeout: float, token: deadline.CancelToken | None = None, allow_echo: bool = False) -> list[str]:
    """Translate each chunk (each within the engine's limit) under one hard deadline.

    Returns one translation per chunk, or raises an `EngineError` subclass. With
    `allow_echo` an answer identical to its chunk is returned for the caller to judge
    sentence by sentence (the pipeline); otherwise it is a `BadAnswer`.
    """
    problem = engine.missing_setup(config)
    if problem:
        raise NotConfigured(engine.title, problem)
    if any(len(c) > engine.char_limit for c in chunks):
        raise ValueError(f"a chunk is longer than {engine.title}'s limit of {engine.char_limit}")

    def run() -> list[str]:
        return [engine.call(c.strip(), source, target, config) if c.strip() else c for c in chunks]

    outcome = deadline.run_with_deadline(run, timeout, token)
    if outcome.error is None and outcome.value is not None and not outcome.cancelled and not outcome.too_large:
        answers = [_clean(a) for a in outcome.value]
        for original, answer in zip(chunks, answers):
            _check_answer(engine, original, answer, allow_echo)
        return answers
    raise classify(engine, outcome, timeout)


def _clean(answer: Any) -> Any:
    """Control characters and escape codes out, keeping a str subclass's extras (an LLM's note)."""
    if not isinstance(answer, str):
        return answer
    cleaned = strip_controls(answer)
    if type(answer) is str:
        return cleaned
    try:
        return answer.replace_text(cleaned)  # type: ignore[attr-defined]
    except AttributeError:
        return cleaned


def translate_text(engine: Engine, text: str, source: str, target: str, config: EngineConfig,
                   timeout: float, token: deadline.CancelToken | None = None) -> str:
    """Split `text` at sentence ends to fit the engine's limit, translate, join back."""
    pieces = chunk(text, engine.char_limit)
    answers = translate_chunks(engine, pieces, source, target, config, timeout, token)
    return join_translations(pieces, answers, target)


def join_translations(sources: list[str], answers: list[str], target: str) -> str:
    """Join translated pieces, keeping the line breaks that followed each source piece."""
    out: list[str] = []
    for index, (source, answer) in enumerate(zip(sources, answers)):
        out.append(answer.strip())
        if index == len(sources) - 1:
            break
        breaks = len(source) - len(source.rstrip("\n"))
        out.append("\n" * breaks if breaks else (" " if target == "en" else ""))
    return "".join(out)


def longest_answer(original: str) -> int:
    """A translation is never this much longer than its source (characters): English runs
    about four characters per Han character, and an LLM adds a one-line note."""
    return 1000 + 30 * len(original)


def is_echo(original: str, answer: str) -> bool:
    """The engine handed the text back instead of translating it (deep-translator and some
    servers do this silently when they find no translation)."""
    before = normalise(original)
    return normalise(answer) == before and any(ch.isalpha() for ch in before)


def _check_answer(engine: Engine, original: str, answer: Any, allow_echo: bool = False) -> None:
    if not isinstance(answer, str) or not answer.strip():
        if original.strip():
            raise BadAnswer(engine.title, "answered with an empty translation")
        return
    problem = engine.problem_in(answer)
    if problem is not None:
        raise problem
    if len(answer) > longest_answer(original):
        raise BadAnswer(engine.title, "answered with something far longer than the text (not a translation)")
    if not allow_echo and is_echo(original, answer):
        raise BadAnswer(engine.title, "handed the text back untranslated")


def classify(engine: Engine, outcome: deadline.Outcome[Any], timeout: float) -> EngineError:
    """Turn what happened into one typed failure with a reason for the user."""
    name = engine.title
    err = outcome.error
    if outcome.cancelled:
        return Cancelled(name, "cancelled")
    if outcome.timed_out:
        return TimedOut(name, f"timed out after {timeout:g} s")
    if outcome.too_large:
        return BadAnswer(name, "sent an answer far too large to be a translation")
    if isinstance(err, EngineError):  # the adapter already knew what went wrong (the LLM engine)
        return err
    status = outcome.status
    type_name = type(err).__name__ if err is not None else ""
    elsewhere = next((e for e in _causes(err) if isinstance(e, RedirectedElsewhere)), None)
    if elsewhere is not None:
        return ServerError(name, f"the server redirected elsewhere ({elsewhere.target}); not followed, so neither your "
                                 f"text nor a key was sent there (check the URL)")
    if any(type(e).__name__ in ("TooManyRedirects", "MaxRetryError") and "redirect" in str(e).lower()
           for e in _causes(err)):
        return ServerError(name, "the server sent it round a redirect loop (check the URL)")
    if status == 429 or type_name == "TooManyRequests":
        return RateLimited(name, "rate limited (too many requests)", outcome.retry_after)
    if type_name in ("AuthorizationException", "ApiKeyException") or (engine.keyed and status in (401, 403)):
        return BadKey(name, "the API key was refused; check it in Settings")
    if type_name == "BaiduAPIerror":
        return _baidu(name, err)
    if status is not None and status >= 500:
        return ServerError(name, f"server error (HTTP {status})")
    if status is not None and status >= 400:
        return ServerError(name, f"refused the request (HTTP {status})")
    if outcome.connect_failed:
        return Unreachable(name, _connect_reason(err))
    if outcome.empty_body:
        return BadAnswer(name, "answered with an empty page")
    return _by_exception(name, err, status)


def _connect_reason(err: BaseException | None) -> str:
    chain = _causes(err)
    if any(isinstance(e, socket.gaierror) or type(e).__name__ == "NameResolutionError" for e in chain):
        return "unreachable (server not found; are you online?)"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "unreachable (connection refused)"
    return "unreachable (no connection)"


def _by_exception(name: str, err: BaseException | None, status: int | None) -> EngineError:
    chain = _causes(err)
    types = {type(e).__name__ for e in chain}
    if err is None:
        return BadAnswer(name, "gave no answer")
    if any(isinstance(e, (socket.timeout, TimeoutError)) for e in chain) or types & {"ConnectTimeout", "ReadTimeout"}:
        return TimedOut(name, "timed out")
    if any(isinstance(e, json.JSONDecodeError) for e in chain):
        doc = next((e.doc for e in chain if isinstance(e, json.JSONDecodeError)), None)
        if isinstance(doc, str) and not doc.strip():
            return BadAnswer(name, "answered with an empty page")
        return BadAnswer(name, "answered with something that is not a translation (not JSON)")
    if types & {"TranslationNotFound", "ElementNotFoundInGetRequest"}:
        return BadAnswer(name, "answered with a page that holds no translation")
    cut = (http.client.HTTPException, ConnectionError)
    if any(isinstance(e, cut) for e in chain) or types & {"ChunkedEncodingError", "ProtocolError", "ContentDecodingError",
                                                          "ConnectionError", "RequestError"}:
        if status is None and "RequestError" not in types:
            return Unreachable(name, "unreachable (the connection failed)")
        return ServerError(name, "the connection was cut off mid-answer")
    if types & {"NotValidLength", "NotValidPayload"}:
        return BadAnswer(name, "refused the text (too long or empty)")
    if isinstance(err, (KeyError, IndexError, TypeError, AttributeError, ValueError, StopIteration)):
        return BadAnswer(name, "answered in an unexpected format")
    log.debug("%s failed with %s", name, type(err).__name__)
    return ServerError(name, f"failed ({type(err).__name__})")


def _baidu(name: str, err: BaseException | None) -> EngineError:
    text = str(getattr(err, "api_message", "")).upper()
    if "LIMIT" in text or "54003" in text or "54005" in text:
        return RateLimited(name, "rate limited (too many requests)")
    if "UNAUTHORIZED" in text or "SIGN" in text or "APP ID" in text or "5200" in text:
        return BadKey(name, "the APP ID or key was refused; check them in Settings")
    return ServerError(name, "refused the request")
