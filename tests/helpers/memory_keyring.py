"""An in-memory keyring backend, so no test ever reads or writes the real system keyring
(tests/conftest.py installs it for every test)."""

from __future__ import annotations

import keyring
import keyring.backend


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Keeps keys in a dict, so no test ever reads or writes the real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def use_memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend
