"""A fake xdg-desktop-portal Screenshot service for tests, written with jeepney (pure Python).

Run inside a private session bus: `dbus-run-session --config-file CONF -- python fake_portal.py
MODE ...` (see `start_fake_portal`). It prints `ADDRESS <bus address>` once it is ready, and
one JSON line per Screenshot call it receives (the options with their D-Bus types), so a test
can check what the app asked for.

MODE: ok (Response 0 with a percent-encoded file:// uri of a copy of --image, saved in
--save-dir), cancel (Response 1), ended (Response 2), silent (never answers), none (no portal
on the bus at all), wrong-handle (answers on a request path other than the one the token
implies, as portals older than 0.9 did).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

PORTAL = "org.freedesktop.portal.Desktop"
OBJECT = "/org/freedesktop/portal/desktop"
SCREENSHOT = "org.freedesktop.portal.Screenshot"
REQUEST = "org.freedesktop.portal.Request"
PROPERTIES = "org.freedesktop.DBus.Properties"
MODES = ("ok", "cancel", "ended", "silent", "none", "wrong-handle")

# No service directories: the private bus must never start a real portal installed on the machine.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _typed(value: tuple) -> object:
    """jeepney's (signature, value) variants as JSON: {"type": "u", "value": 4}."""
    signature, inner = value
    return {"type": signature, "value": inner}


def serve(mode: str, version: int, targets: int, image: Path | None, save_dir: Path | None) -> None:
    from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    connection = open_dbus_connection(bus="SESSION")
    if mode != "none":
        connection.send_and_get_reply(message_bus.RequestName(PORTAL))
    print("ADDRESS", os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
    calls = 0
    while True:
        message = connection.receive()
        header = message.header
        if header.message_type != MessageType.method_call:
            continue
        fields = header.fields
        interface, member = fields.get(HeaderFields.interface), fields.get(HeaderFields.member)
        if interface == PROPERTIES and member in ("Get", "GetAll"):
            values = {"version": ("u", version), "AvailableTargets": ("u", targets)}
            if member == "Get" and message.body[1] in values:
                connection.send(new_method_return(message, "v", (values[message.body[1]],)))
            elif member == "GetAll":
                connection.send(new_method_return(message, "a{sv}", (values,)))
            else:
                connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownProperty"))
            continue
        if interface != SCREENSHOT or member != "Screenshot":
            connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"no {member}",)))
            continue
        calls += 1
        parent, options = message.body
        sender = fields[HeaderFields.sender]
        token = options.get("handle_token", ("s", "none"))[1]
        if mode == "wrong-handle":
            token = f"portal_chose_{calls}"
        handle = f"{OBJECT}/request/{sender.lstrip(':').replace('.', '_')}/{token}"
        print(json.dumps({"call": "Screenshot", "parent": parent, "sender": sender,
                          "options": {k: _typed(v) for k, v in options.items()}}), flush=True)
        if mode == "silent":
            connection.send(new_method_return(message, "o", (handle,)))
            continue
        results: dict = {}
        code = {"cancel": 1, "ended": 2}.get(mode, 0)
        if code == 0 and image is not None and save_dir is not None:
            saved = save_dir / f"Screenshot from fake portal {calls}.png"
            shutil.copyfile(image, saved)
            results["uri"] = ("s", "file://" + quote(str(saved)))
        # Addressed to the caller as xdg-desktop-portal does, and sent *before* the method's reply:
        # the harshest order a client can meet. One that starts listening only once the reply
        # has told it the path (Crow Translate) never hears the answer.
        signal = new_signal(DBusAddress(handle, interface=REQUEST), "Response", "ua{sv}", (code, results))
        signal.header.fields[HeaderFields.destination] = sender
        connection.send(signal)
        connection.send(new_method_return(message, "o", (handle,)))


class FakePortal:
    """A private bus with the fake portal on it; `address` for QDBusConnection.connectToBus."""

    def __init__(self, tmp: Path, mode: str, *, version: int = 4, targets: int = 15,
                 image: Path | None = None, save_dir: Path | None = None) -> None:
        config = tmp / "bus.conf"
        config.write_text(BUS_CONFIG.format(tmp=tmp), encoding="utf-8")
        command = ["dbus-run-session", "--config-file", str(config), "--", sys.executable, __file__, mode,
                   "--version", str(version), "--targets", str(targets)]
        if image is not None and save_dir is not None:
            command += ["--image", str(image), "--save-dir", str(save_dir)]
        env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        # Its own process group: dbus-run-session, the bus and the fake stop together.
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                        start_new_session=True)
        first = self.process.stdout.readline()  # type: ignore[union-attr]
        if not first.startswith("ADDRESS "):
            self.stop()
            raise RuntimeError(f"fake portal did not start: {first!r} {self.process.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        self.address = first.split(" ", 1)[1].strip()
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read_lines, daemon=True)
        self._reader.start()

    def _read_lines(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self._lines.append(line)

    def calls(self, count: int = 1, wait_s: float = 10.0) -> list[dict]:
        """The first `count` Screenshot calls received (each is printed before its reply is sent)."""
        deadline = time.monotonic() + wait_s
        while len(self._lines) < count and time.monotonic() < deadline and self.process.poll() is None:
            time.sleep(0.01)
        return [json.loads(line) for line in self._lines[:count]]

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if hasattr(self, "_reader"):
            self._reader.join(5)  # the bus is gone, so the pipe ends and the reader stops
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--version", type=int, default=4)
    parser.add_argument("--targets", type=int, default=15)
    parser.add_argument("--image", type=Path)
    parser.add_argument("--save-dir", type=Path)
    args = parser.parse_args()
    serve(args.mode, args.version, args.targets, args.image, args.save_dir)


if __name__ == "__main__":
    main()
