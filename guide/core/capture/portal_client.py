"""Ask xdg-desktop-portal for a screenshot over D-Bus (jeepney, pure Python; Linux only).

Blocking: run it on a worker thread. jeepney rather than QtDBus because PySide6 cannot put an
unsigned integer inside an a{sv} (the `target` option must be `u`, and a portal rejects the whole
call over a wrongly typed option), and QtDBus decodes the Response's a{sv} only with a warning.
"""

from __future__ import annotations

import logging
import threading
import time

from guide.core.capture import portal
from guide.core.capture.portal import Outcome

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2  # how often a wait looks at its cancel flag
CALL_SECONDS = 10.0  # the method call itself answers at once: the dialog comes after


def take_screenshot(*, interactive: bool = True, timeout_s: float | None = None, address: str = "SESSION",
                    cancel: threading.Event | None = None) -> Outcome:
    """One Screenshot request, start to finish. Never raises: every failure is an Outcome whose
    message says what happened (the caller adds what the user can do instead)."""
    try:
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return Outcome("no_portal", portal.NO_PORTAL)
    limit = timeout_s if timeout_s is not None else (
        portal.INTERACTIVE_SECONDS if interactive else portal.NON_INTERACTIVE_SECONDS)
    try:
        connection = open_dbus_connection(bus=address)
    except (OSError, KeyError, ValueError, TimeoutError) as exc:  # no session bus at all
        log.info("no D-Bus session bus: %s", exc)
        return Outcome("no_portal", portal.NO_PORTAL)
    with connection:
        try:
            return _exchange(connection, interactive, limit, cancel or threading.Event())
        except (OSError, ConnectionError) as exc:
            log.info("D-Bus connection lost: %s", exc)
            return Outcome("no_portal", portal.NO_PORTAL)


def _exchange(connection, interactive: bool, limit: float, cancel: threading.Event) -> Outcome:  # noqa: ANN001
    from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, new_method_call
    from jeepney.bus_messages import message_bus

    desktop = DBusAddress(portal.OBJECT_PATH, bus_name=portal.BUS_NAME)
    version, targets = _property(connection, desktop, "version"), _property(connection, desktop, "AvailableTargets")
    if version is None:  # no portal on the bus, or one without the Screenshot interface
        return Outcome("no_portal", portal.NO_PORTAL)
    token = portal.new_token()
    expected = portal.request_path(connection.unique_name, token)
    # Listen on every request path of ours before calling: the answer can come before the reply.
    rule = MatchRule(type="signal", interface=portal.REQUEST, member="Response",
                     path_namespace=portal.request_namespace(connection.unique_name))
    connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_SECONDS)
    options = portal.screenshot_options(token, version, targets or 0, interactive)
    call = new_method_call(desktop.with_interface(portal.SCREENSHOT), "Screenshot", "sa{sv}", ("", options))
    with connection.filter(rule, bufsize=16) as responses:
        called_at = time.time()
        reply = connection.send_and_get_reply(call, timeout=CALL_SECONDS)
        if reply.header.message_type == MessageType.error:
            log.info("portal refused the call: %s %s", reply.header.fields.get(HeaderFields.error_name), reply.body)
            return Outcome("no_portal", portal.NO_PORTAL)
        handle = reply.body[0]
        if handle != expected:
            log.info("portal answers on %s, not %s (a portal older than 0.9)", handle, expected)
        wanted = {expected, handle}
        deadline = time.monotonic() + limit
        while True:
            if cancel.is_set():
                _close_request(connection, handle)
                return Outcome("cancelled", portal.CANCELLED)
            left = deadline - time.monotonic()
            if left <= 0:
                _close_request(connection, handle)
                return Outcome("no_answer", portal.NO_ANSWER.format(seconds=limit))
            try:
                message = connection.recv_until_filtered(responses, timeout=min(POLL_SECONDS, left))
            except TimeoutError:
                continue
            if message.header.fields.get(HeaderFields.path) not in wanted:
                continue  # an old request of ours answering late
            code, results = message.body
            outcome = portal.parse_response(code, {key: value for key, (_sig, value) in results.items()})
            return Outcome(outcome.kind, outcome.message, outcome.path, called_at)


def _property(connection, desktop, name: str) -> int | None:  # noqa: ANN001
    """A Screenshot property (a `u`), or None when the portal or the property is missing."""
    from jeepney import MessageType, Properties

    try:
        reply = connection.send_and_get_reply(Properties(desktop.with_interface(portal.SCREENSHOT)).get(name),
                                              timeout=CALL_SECONDS)
    except TimeoutError:
        return None
    if reply.header.message_type == MessageType.error:
        return None
    _signature, value = reply.body[0]
    return int(value) if isinstance(value, int) else None


def _close_request(connection, handle: str) -> None:  # noqa: ANN001
    """Close the desktop's dialog we no longer wait for (Request.Close; it has no reply)."""
    from jeepney import DBusAddress, new_method_call

    try:
        connection.send(new_method_call(DBusAddress(handle, bus_name=portal.BUS_NAME, interface=portal.REQUEST), "Close"))
    except OSError:
        pass
