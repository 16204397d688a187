"""`rednote-guide translate` and `clear-history`: exit codes, JSON, stdin, offline without a
socket, the same cache as the app."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.fake_server import FakeServer, refused_url
from helpers.packs import slang_pack

from guide.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return slang_pack(tmp_path / "pack")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_offline_opens_no_socket_and_gives_the_gloss(capsys, pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    def refuse(self, address):  # noqa: ANN001, ANN202
        raise AssertionError(f"network access with --offline: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    code, out, err = run(capsys, "--pack", str(pack), "translate", "--offline", "--json", "这个博主的穿搭绝绝子")
    assert code == 3
    data = json.loads(out)
    assert data["origin"] == "none" and data["translation"] is None
    assert "绝绝子" in [w["text"] for w in data["gloss"]]
    assert "offline" in err


def test_offline_pinyin_line_writes_erhua_and_apostrophes(capsys, pack: Path, dictionary_index: Path) -> None:  # noqa: ANN001
    """哪儿 is nǎr (not nǎér), 可爱 kě'ài (not kěài), 女儿 nǚ'ér: the first line of the answer."""
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--offline", "我女儿在哪儿？好可爱")
    assert code == 3
    assert out.splitlines()[0].strip() == "pinyin: wǒ nǚ'ér zài nǎr? hǎo kě'ài"


def test_offline_phrase_book_answer_exits_0(capsys, pack: Path) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--offline", "--json", "绝绝子")
    assert code == 0
    assert json.loads(out)["translation"] == "Absolutely amazing"


def test_engine_answer_then_cache_hit_with_the_server_gone(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    args = ("--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint", server.root,
            "--timeout", "2", "--json", "你们好")
    code, out, _ = run(capsys, *args)
    assert code == 0
    data = json.loads(out)
    assert (data["origin"], data["translation"], data["error"]) == ("libretranslate", "Hello, all of you", None)
    assert data["source_lang"] == "zh" and data["target_lang"] == "en" and data["pinyin"]
    server.stop()
    code, out, _ = run(capsys, *args)
    assert code == 0 and json.loads(out)["origin"] == "cache"


def test_plain_output_prints_the_translation_first(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--endpoint", server.root, "--engine",
                       "libretranslate", "--to", "zh", "Where can I buy this?")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "这个在哪里买？"
    assert any(line.strip().startswith("pinyin: zhège") for line in lines)


def test_hanging_server_gives_gloss_and_reason_within_the_deadline(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    server.behaviour.mode = "hang"
    started = time.monotonic()
    code, out, err = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint",
                         server.root, "--timeout", "1", "这个博主的穿搭绝绝子")
    assert time.monotonic() - started < 2.5
    assert code == 3
    assert "LibreTranslate: timed out after 1 s" in err
    assert "绝绝子" in out


def test_unreachable_server_reason_on_stderr(capsys, pack: Path) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate",
                       "--endpoint", refused_url(), "你们好呀")
    assert code == 3 and "unreachable" in err


def test_reads_standard_input(capsys, pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO("  大家好！\n"))
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--offline", "--json", "-")
    assert code == 0 and json.loads(out)["translation"] == "Hi everyone!"


@pytest.mark.parametrize("argv", [
    ["translate", ""],
    ["translate", "   "],
    ["translate", "--timeout", "0", "你好"],
    ["translate", "--timeout", "-3", "你好"],
    ["translate", "--timeout", "nan", "你好"],
    ["translate", "--engine", "babelfish", "你好"],
    ["translate", "--endpoint", "ftp://example", "你好"],
])
def test_usage_errors_exit_2(capsys, argv: list[str]) -> None:  # noqa: ANN001
    code, _, err = run(capsys, *argv)
    assert code == 2 and "rednote-guide translate:" in err


@pytest.mark.parametrize("value", ["0", "0.5", "121", "600"])
def test_timeout_has_one_range_and_one_message_with_settings(capsys, value: str, tmp_path: Path) -> None:  # noqa: ANN001
    """Issue 25 item 9: the command said "between 0 and 600" (and refused 0) while Settings
    allows 1-120 s; now both use the same range, and say it the same way."""
    import json as json_module

    from guide.core.storage.settings import SettingsStore

    code, _, err = run(capsys, "translate", "--offline", "--timeout", value, "你好")
    assert code == 2 and "between 1 and 120 seconds" in err
    (tmp_path / "settings.json").write_text(json_module.dumps({"timeout_seconds": float(value)}), encoding="utf-8")
    store = SettingsStore(tmp_path)
    settings = store.load()
    assert 1 <= settings.timeout_seconds <= 120
    assert any("between 1 and 120 seconds" in notice for notice in store.notices), store.notices


@pytest.mark.parametrize("value", ["1", "120"])
def test_timeout_at_the_ends_of_the_range_is_taken(capsys, pack: Path, value: str) -> None:  # noqa: ANN001
    code, _, _ = run(capsys, "--pack", str(pack), "translate", "--offline", "--timeout", value, "绝绝子")
    assert code == 0


def test_offline_only_from_the_app_says_where_and_how_to_override(capsys, pack: Path, server: FakeServer,  # noqa: ANN001
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25 item 9: `translate --engine mymemory` obeyed the app's Offline only without
    saying so; now it says where that is set and how to use the engines for one command."""
    from guide.core.storage.settings import Settings, SettingsStore

    store = SettingsStore()
    store.save(Settings(offline_only=True))
    connected: list[object] = []
    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connected.append(address) or real_connect(self, address))
    code, _, err = run(capsys, "--pack", str(pack), "translate", "--engine", "mymemory", "你们好呀")
    assert code == 3 and connected == []
    assert "Offline only" in err and str(store.path) in err and "Translator" in err and "--online" in err
    code, out, err = run(capsys, "--pack", str(pack), "translate", "--online", "--engine", "libretranslate",
                         "--endpoint", server.root, "你们好呀")
    assert (code, out.splitlines()[0]) == (0, "EN[你们好呀]"), err
    assert store.load().offline_only, "for this command only: the app's setting stays on"
    with pytest.raises(SystemExit) as exited:
        main(["--pack", str(pack), "translate", "--online", "--offline", "你们好呀"])
    assert exited.value.code == 2 and "--online" in capsys.readouterr().err


def test_unparsable_timeout_and_empty_stdin_exit_2(capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exited:
        main(["translate", "--timeout", "soon", "你好"])
    assert exited.value.code == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["translate", "-"]) == 2


def test_clear_history_empties_history_and_cache(capsys, pack: Path, server: FakeServer,  # noqa: ANN001
                                                 isolated_dirs: dict[str, Path]) -> None:
    run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint", server.root, "你们好")
    code, out, _ = run(capsys, "clear-history")
    assert code == 0 and out.strip() == "Deleted 1 history entries and 1 cached translations."
    for folder in (isolated_dirs["data"], isolated_dirs["cache"]):
        for path in folder.rglob("*.sqlite*"):
            assert "你们好".encode() not in path.read_bytes(), f"{path} still holds the text"
    server.stop()
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--offline", "--json", "你们好")
    assert code == 3 and json.loads(out)["origin"] == "none", "the cache is really gone"


def test_the_installed_entry_point_runs_offline(pack: Path, isolated_dirs: dict[str, Path], dictionary_index: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run([sys.executable, "-m", "guide", "--pack", str(pack), "translate", "--offline", "yyds"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "the GOAT"


# -- issue 13 (item 9, 12) and issue 12 (--check, LLM, share text) -----------------------------


def _cli(*argv: str | bytes, stdin: bytes | None = None, stdin_file: object = None, shell_pipe: str = "",
         timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", LC_ALL="C.UTF-8")
    command = [os.fsencode(sys.executable), b"-m", b"guide", *[a if isinstance(a, bytes) else a.encode() for a in argv]]
    return subprocess.run(command, input=stdin, stdin=stdin_file, capture_output=True, timeout=timeout, cwd=ROOT,
                          env=env)


@pytest.mark.parametrize("where", ["argv", "stdin"])
def test_invalid_utf8_is_a_usage_error_not_a_traceback(pack: Path, where: str) -> None:
    bad = b"\xe4\xbd\xa0\xff\xfe\xe5\xa5\xbd"
    if where == "argv":
        result = _cli("--pack", str(pack), "translate", "--offline", bad)
    else:
        result = _cli("--pack", str(pack), "translate", "--offline", "-", stdin=bad)
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr and b"UTF-8" in result.stderr


def test_endless_stdin_stops_at_the_limit(pack: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        result = _cli("--pack", str(pack), "translate", "--offline", "-", stdin_file=zero, timeout=30)
    assert result.returncode == 2 and b"too long" in result.stderr and b"Traceback" not in result.stderr


def test_closed_pipe_gives_no_traceback(pack: Path, dictionary_index: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    script = (f"{sys.executable} -m guide --pack '{pack}' translate --offline 这个博主的穿搭绝绝子，已经种草了 | true")
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60, cwd=ROOT, env=env)
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr, result.stderr


def test_endpoint_without_engine_goes_only_to_libretranslate(capsys, pack: Path, server: FakeServer,  # noqa: ANN001
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.core.storage.settings import Settings, SettingsStore

    SettingsStore().save(Settings(engines=["google", "mymemory"]))
    connected: list[object] = []
    real_connect = socket.socket.connect

    def spy(self, address):  # noqa: ANN001, ANN202
        connected.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    server.behaviour.mode = "500"
    code, _, err = run(capsys, "--pack", str(pack), "translate", "--endpoint", server.root, "--timeout", "1", "你们好呀")
    assert code == 3 and "LibreTranslate" in err
    assert "Google" not in err and "MyMemory" not in err
    assert {a[0] for a in connected if isinstance(a, tuple)} <= {"127.0.0.1"}, connected


def test_endpoint_applies_to_the_chosen_engine(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--engine", "llm", "--endpoint", server.root + "/v1",
                       "--model", "qwen2.5:7b", "--json", "你们好")
    assert code == 0 and json.loads(out)["origin"] == "llm"
    assert server.seen[-1].path == "/v1/chat/completions"


def test_check_prints_the_back_translation(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint",
                       server.root, "--check", "--json", "Where can I buy this?")
    data = json.loads(out)
    assert code == 0 and data["translation"] == "这个在哪里买？"
    assert data["back_translation"] == "EN[这个在哪里买？]"
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint",
                       server.root, "--check", "I want this one")
    assert code == 0 and "  check:  EN[" in out


def test_escape_codes_from_a_server_never_reach_the_terminal(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    server.behaviour.mode = "escape"
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint",
                       server.root, "你们好")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and out.splitlines()[0] == "Hello, all of you"


def test_forced_direction_against_the_text_warns_on_stderr(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint",
                       server.root, "--to", "zh", "这个博主的穿搭绝绝子")
    assert "warning" in err and "Chinese" in err


def test_share_text_says_what_it_is(capsys, pack: Path, server: FakeServer) -> None:  # noqa: ANN001
    share = ("你们好 小红薯发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 http://xhslink.com/a/AbCdEf，"
             "复制本条信息，打开【小红书】App查看精彩内容！")
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--engine", "libretranslate", "--endpoint",
                       server.root, share)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Hello, all of you"
    assert any("RedNote share" in line for line in lines) and any("http://xhslink.com/a/AbCdEf" in line for line in lines)


def test_share_text_without_a_title_is_one_message(capsys, pack: Path) -> None:  # noqa: ANN001
    """Issue 25 item 10: what it is, whose note, the link; no "Only its title is translated"
    and no "from:" line naming a title there is not."""
    share = ("小红薯发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 http://xhslink.com/a/AbCdEf，"
             "复制本条信息，打开【小红书】App查看精彩内容！")
    code, out, _ = run(capsys, "--pack", str(pack), "translate", "--offline", share)
    assert code == 3
    assert out.count("title") == 1 and "share text" in out and "小红薯" in out
    assert "  link:   http://xhslink.com/a/AbCdEf" in out.splitlines()
    assert "from:" not in out and "words:" not in out


def test_clear_history_while_another_process_reads_is_not_reported_as_done(capsys, pack: Path,  # noqa: ANN001
                                                                         isolated_dirs: dict[str, Path]) -> None:
    import sqlite3

    run(capsys, "--pack", str(pack), "translate", "--offline", "你们好")
    history_file = next(isolated_dirs["data"].rglob("history.sqlite"))
    reader = sqlite3.connect(str(history_file), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM history").fetchone()
    try:
        code, _, err = run(capsys, "clear-history")
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert code != 0 and "still reading" in err
    code, _, err = run(capsys, "clear-history")
    assert code == 0 and err == ""


def test_clear_history_on_a_data_folder_that_cannot_be_written_says_what_stays(  # noqa: ANN001
        capsys, pack: Path, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only data folder: the history opens as a copy in memory. Clearing that copy
    deleted nothing on disk, yet the command said "Deleted 1 history entries" and exited 0."""
    import sqlite3

    from guide.core.storage import sqlite_store

    run(capsys, "--pack", str(pack), "translate", "--offline", "你好")  # a phrase-book answer: only translated text is kept in history
    history_file = next(isolated_dirs["data"].rglob("history.sqlite"))

    def read_only(path: Path, migrations: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(sqlite_store, "_connect", read_only)  # what SQLite says on a read-only mount
    code, out, err = run(capsys, "clear-history")
    assert code == 1
    assert "Deleted 0 history entries" in out, "only what really left the disk is counted"
    assert str(history_file) in err and "stays on disk" in err
    rows = sqlite3.connect(history_file).execute("SELECT source FROM history").fetchall()
    assert rows == [("你好",)], "and it is true: the text is still there"
