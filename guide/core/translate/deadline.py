"""A hard deadline for engine calls, which deep-translator makes without any timeout.

deep-translator calls `requests.get/post` with no timeout, so a server that accepts the
connection and never answers (or answers one byte a second) blocks forever. We cannot
pass a timeout through its API, so we work one level below it, in urllib3:

* `install()` wraps `urllib3.util.connection.create_connection` once. Inside a
  `DeadlineScope` (thread-local) every new socket connects with the remaining time as its
  timeout and is registered with the scope (through a `dup()` of it, which still refers to
  the same connection after TLS wraps the original).
* A single watchdog thread shuts registered sockets down (`SHUT_RDWR`) when their scope
  expires. Whatever requests is blocked in (connect, status line, a slow body) returns at
  once with an error, which we classify as "timed out" because the watchdog fired.
* `HTTPConnection.getresponse` is wrapped too, to note the HTTP status and Retry-After
  for classification, and to refuse absurdly large bodies.
* `HTTPResponse.read` and `read_chunked` are wrapped to count the *decoded* bytes a call
  reads, whatever the framing (Content-Length, chunked, until-close, gzip): past
  MAX_BODY_BYTES the call is aborted as "too large" before the rest is read.
* `run_with_deadline` runs the call in a short-lived daemon thread and waits at most
  deadline + a grace period, so even a stall we cannot interrupt (a hung DNS lookup)
  never holds the caller; a `CancelToken` stops the wait at once (newer request, app
  closing).

Sockets opened outside a scope are left untouched.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import socket
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

GRACE_SECONDS = 0.75  # after the deadline, how long we wait for the call to notice
MAX_BODY_BYTES = 4 * 1024 * 1024  # a translation is never this big; refuse the body
MIN_SECONDS, MAX_SECONDS = 0.05, 600.0  # any deadline asked for is brought into this range

_local = threading.local()
_install_lock = threading.Lock()
_installed = False
_active: "weakref.WeakSet[DeadlineScope]" = weakref.WeakSet()
_active_lock = threading.Lock()


def current_scope() -> DeadlineScope | None:
    """The scope of the calling thread, if any."""
    return getattr(_local, "scope", None)


class CancelToken:
    """Lets another thread stop a request: aborts its sockets and releases its waiter."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._scopes: list[DeadlineScope] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            scopes = list(self._scopes)
        for scope in scopes:
            scope.abort("cancelled")

    def _attach(self, scope: DeadlineScope) -> None:
        with self._lock:
            self._scopes.append(scope)
        if self.cancelled:
            scope.abort("cancelled")

    def _detach(self, scope: DeadlineScope) -> None:
        with self._lock:
            if scope in self._scopes:
                self._scopes.remove(scope)


class DeadlineScope:
    """The state of one call under a deadline: its sockets and what happened to them."""

    def __init__(self, seconds: float, token: CancelToken | None = None) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.expires = self.started + seconds
        self.token = token
        self.abort_cause: str | None = None  # "deadline" | "cancelled" | "too large"
        self.status: int | None = None
        self.retry_after: float | None = None
        self.connect_failed = False
        self.empty_body = False
        self.body_bytes = 0  # decoded body bytes read so far, over every response of the call
        self.wake = threading.Event()  # set when aborted or when the call has finished
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._closed = False

    # -- state -------------------------------------------------------------------------

    def remaining(self) -> float:
        return self.expires - time.monotonic()

    @property
    def timed_out(self) -> bool:
        return self.abort_cause == "deadline"

    @property
    def cancelled(self) -> bool:
        return self.abort_cause == "cancelled"

    @property
    def too_large(self) -> bool:
        return self.abort_cause == "too large"

    # -- sockets -----------------------------------------------------------------------

    def register(self, sock: socket.socket) -> None:
        """Track a new connection; we keep a dup so TLS wrapping cannot hide it from us."""
        try:
            watched = sock.dup()
        except OSError:  # pragma: no cover - out of file descriptors
            log.warning("could not watch a connection; relying on the outer deadline")
            return
        with self._lock:
            if self._closed:
                watched.close()
                return
            self._sockets.append(watched)
            aborted = self.abort_cause is not None
        if aborted:
            _shutdown(watched)

    def abort(self, cause: str) -> None:
        """Shut every connection of this call down now; the first cause wins."""
        with self._lock:
            if self.abort_cause is None:
                self.abort_cause = cause
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)
        self.wake.set()

    def note_response(self, status: int, headers: Any) -> None:
        self.status = status
        try:
            retry = headers.get("Retry-After")
            self.retry_after = float(retry) if retry is not None else None
        except (TypeError, ValueError):
            self.retry_after = None
        try:
            length = int(headers.get("Content-Length") or 0)
        except (TypeError, ValueError):
            length = 0
        self.empty_body = headers.get("Content-Length") is not None and length == 0
        if length > MAX_BODY_BYTES:
            self.abort("too large")

    def count_body(self, size: int) -> None:
        """Add decoded bytes read; past the cap the call is aborted (raises to stop the reader)."""
        self.body_bytes += size
        if self.body_bytes > MAX_BODY_BYTES:
            self.abort("too large")
            raise BodyTooLarge(f"answer over {MAX_BODY_BYTES} bytes")

    def close(self) -> None:
        """Release our dups; the connection itself closes when requests drops it."""
        with self._lock:
            self._closed = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            try:
                sock.close()
            except OSError:  # pragma: no cover
                pass


class BodyTooLarge(OSError):
    """Raised inside the call when the decoded answer passes the cap."""


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed or never connected: nothing is blocked on it


class _Watchdog:
    """One daemon thread that aborts scopes whose deadline has passed."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, weakref.ref[DeadlineScope]]] = []
        self._counter = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, scope: DeadlineScope) -> None:
        with self._cond:
            heapq.heappush(self._heap, (scope.expires, next(self._counter), weakref.ref(scope)))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="translate-deadline-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap:
                    self._cond.wait()
                expires, _, ref = self._heap[0]
                delay = expires - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                heapq.heappop(self._heap)
            scope = ref()
            if scope is not None and not scope._closed and scope.abort_cause is None:
                log.debug("deadline of %.1f s reached; shutting the connection down", scope.seconds)
                scope.abort("deadline")


_watchdog = _Watchdog()


def install() -> None:
    """Wrap urllib3's connection factory and response reader, once per process."""
    global _installed
    with _install_lock:
        if _installed:
            return
        import urllib3.connection
        import urllib3.util.connection as util_connection

        original_create = util_connection.create_connection
        original_getresponse = urllib3.connection.HTTPConnection.getresponse

        def create_connection(address: Any, timeout: Any = None, *args: Any, **kwargs: Any) -> socket.socket:
            scope = current_scope()
            if scope is None:
                return original_create(address, timeout, *args, **kwargs)
            if scope.abort_cause is not None:
                raise ConnectionAbortedError(f"request {scope.abort_cause}")
            remaining = scope.remaining()
            if remaining <= 0:
                scope.abort("deadline")
                raise socket.timeout("deadline reached before connecting")
            if not isinstance(timeout, (int, float)) or timeout <= 0 or timeout > remaining:
                timeout = remaining
            try:
                sock = original_create(address, timeout, *args, **kwargs)
            except socket.timeout:
                scope.abort("deadline")
                raise
            except OSError:
                scope.connect_failed = True
                raise
            scope.register(sock)
            return sock

        def getresponse(self: Any, *args: Any, **kwargs: Any) -> Any:
            response = original_getresponse(self, *args, **kwargs)
            scope = current_scope()
            if scope is not None:
                scope.note_response(response.status, response.headers)
            return response

        import urllib3.response

        original_read = urllib3.response.HTTPResponse.read
        original_read_chunked = urllib3.response.HTTPResponse.read_chunked

        def read(self: Any, *args: Any, **kwargs: Any) -> Any:
            data = original_read(self, *args, **kwargs)
            scope = current_scope()
            if scope is not None and data:
                scope.count_body(len(data))
            return data

        def read_chunked(self: Any, *args: Any, **kwargs: Any) -> Any:
            scope = current_scope()
            for data in original_read_chunked(self, *args, **kwargs):
                if scope is not None and data:
                    scope.count_body(len(data))
                yield data

        util_connection.create_connection = create_connection
        urllib3.connection.HTTPConnection.getresponse = getresponse  # type: ignore[method-assign]
        urllib3.response.HTTPResponse.read = read  # type: ignore[method-assign]
        urllib3.response.HTTPResponse.read_chunked = read_chunked  # type: ignore[method-assign]
        from guide.core.translate import redirects

        redirects.install()  # every engine call comes through here: none follows a redirect elsewhere
        _installed = True


@dataclass
class Outcome(Generic[T]):
    """What happened to a call: its value or exception, and what the scope saw."""

    value: T | None
    error: BaseException | None
    timed_out: bool
    cancelled: bool
    too_large: bool
    status: int | None
    retry_after: float | None
    connect_failed: bool
    empty_body: bool
    elapsed: float


def run_with_deadline(fn: Callable[[], T], seconds: float, token: CancelToken | None = None) -> Outcome[T]:
    """Run `fn` (which makes HTTP calls through requests) with a hard deadline.

    Returns within `seconds` + GRACE_SECONDS whatever the server does, and at once when
    `token` is cancelled. Never raises for the call's own errors: see `Outcome.error`.
    """
    install()
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:  # NaN and Infinity too: a wait must be finite
        seconds = MAX_SECONDS if seconds > MAX_SECONDS else MIN_SECONDS
    scope = DeadlineScope(seconds, token)
    box: dict[str, Any] = {}
    finished = threading.Event()

    def target() -> None:
        _local.scope = scope
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, never lost
            box["error"] = exc
        finally:
            _local.scope = None
            scope.close()  # before `finished`: a deadline firing now finds nothing to abort
            finished.set()
            scope.wake.set()

    with _active_lock:
        _active.add(scope)
    if token is not None:
        token._attach(scope)
    _watchdog.watch(scope)
    worker = threading.Thread(target=target, name="translate-call", daemon=True)
    worker.start()
    try:
        while not finished.is_set():
            if scope.cancelled:
                break
            if scope.abort_cause is not None:  # deadline or too large: sockets are shut, it ends soon
                finished.wait(GRACE_SECONDS)
                break
            left = scope.remaining()
            if left <= -GRACE_SECONDS:  # the watchdog could not stop it (e.g. hung DNS)
                scope.abort("deadline")
                break
            scope.wake.wait(max(left, 0) + GRACE_SECONDS)
    finally:
        if token is not None:
            token._detach(scope)
        with _active_lock:
            _active.discard(scope)
    if not finished.is_set():
        log.debug("abandoning a call stuck past its deadline (%s)", scope.abort_cause)
    return Outcome(
        value=box.get("value"),
        error=box.get("error"),
        timed_out=scope.timed_out,
        cancelled=scope.cancelled,
        too_large=scope.too_large,
        status=scope.status,
        retry_after=scope.retry_after,
        connect_failed=scope.connect_failed,
        empty_body=scope.empty_body,
        elapsed=time.monotonic() - scope.started,
    )


def abort_all() -> None:
    """Cancel every call in flight (the app is closing)."""
    with _active_lock:
        scopes = list(_active)
    for scope in scopes:
        scope.abort("cancelled")
