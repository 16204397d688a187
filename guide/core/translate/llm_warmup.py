"""Loading the LLM's model before the user needs it, and Settings' one-line test.

Ollama loads a model on the first request and aborts the load when that request goes
away; the Translator cancels a request whenever the user types on. So the page warms
the model with a call of its own that no keystroke cancels: Ollama's native load call
(`POST /api/generate` with a model and a keep-alive, no prompt), or, for servers
without one (LM Studio's JIT load, llama.cpp), a one-line translation.
"""

from __future__ import annotations

from guide.core.translate import deadline, llm_server
from guide.core.translate.engine_base import EngineConfig
from guide.core.translate.engines import classify
from guide.core.translate.errors import EngineError
from guide.core.translate.llm import TEST_LINE, LLMEngine, refused_reason, server_refusal
from guide.core.translate.secrets import Secret

KEEP_ALIVE = "30m"  # how long Ollama keeps a model the app warmed (its own default is 5 minutes)
LOAD_SECONDS = 300.0  # Ollama's own load timeout is 5 minutes


def warm_up(url: str, model: str, key: str | None = None, seconds: float = LOAD_SECONDS,
            token: deadline.CancelToken | None = None) -> str:
    """Load `model` at `url`; '' when it is ready (or nothing needs loading), else why not."""
    if not llm_server.is_local(url):
        return ""  # a cloud service has nothing to load

    def load() -> bool:
        with llm_server.session_for(url) as session:
            headers = llm_server.headers_for(key)
            response = session.post(llm_server.native_root(url) + "/api/generate", allow_redirects=False,
                                    json={"model": model, "keep_alive": KEEP_ALIVE}, headers=headers)
            data = llm_server.json_of(response)
            if response.status_code == 200 and isinstance(data, dict) and "done" in data:
                llm_server.remember_kind(url, llm_server.OLLAMA)
                llm_server.mark_warm(url, model)
                return True
            if response.status_code == 404 and isinstance(data, dict) and isinstance(data.get("error"), str):
                llm_server.remember_kind(url, llm_server.OLLAMA)  # Ollama's own API: "model 'x' not found"
                raise server_refusal(session, url, response, model, headers)
        return False

    outcome = deadline.run_with_deadline(load, seconds, token)
    if outcome.value:
        return ""
    if outcome.cancelled:
        return "cancelled"
    if isinstance(outcome.error, EngineError):
        return outcome.error.reason
    if outcome.timed_out:
        return f"{model} did not load within {seconds:g} s"
    if outcome.connect_failed:
        return refused_reason(url, outcome.error)
    return test_line(url, model, key, seconds, token)[1]  # not Ollama: a first translation loads it


def test_line(url: str, model: str, key: str | None = None, seconds: float = LOAD_SECONDS,
              token: deadline.CancelToken | None = None) -> tuple[str, str]:
    """(translation, problem) for one short line, with a budget long enough to load a model."""
    engine = LLMEngine()
    config = EngineConfig(base_url=url, extra={"model": model}, secrets={"llm": Secret(key)} if key else {})
    outcome = deadline.run_with_deadline(lambda: engine.call(TEST_LINE, "zh", "en", config), seconds, token)
    if outcome.error is None and outcome.value is not None and not (outcome.timed_out or outcome.cancelled):
        return str(outcome.value), ""
    return "", classify(engine, outcome, seconds).reason
