"""Regular files only, never more than the size cap: a pipe or a device is refused before it is opened."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from tui.inputs import InputError, Limits, discover, load_article


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    reader = threading.Thread(target=lambda: _catch(result, lambda: load_article(str(fifo))), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading a named pipe blocked"
    assert isinstance(result[0], InputError) and "named pipe" in str(result[0])


def _catch(into: list, call) -> None:
    try:
        call()
    except BaseException as error:  # noqa: BLE001 - the test inspects it
        into.append(error)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(device):
    with pytest.raises(InputError, match="device, not a regular file"):
        load_article(device)


def test_a_file_over_the_cap_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("He said so. " * 1000)
    with pytest.raises(InputError, match=r"size cap of 1 kB \(change it with --max-size\)"):
        load_article(str(path), Limits(max_bytes=1024))
    assert load_article(str(path), Limits(max_bytes=20_000)).text.startswith("He said so.")


def test_standard_input_is_capped_too():
    with pytest.raises(InputError, match="standard input: larger than the size cap"):
        load_article("-", Limits(max_bytes=10), stdin=io.BytesIO(b"x" * 11))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("He said so.")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        load_article(str(path))


def test_an_unreadable_file_even_for_root(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("He said so.")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tui.inputs.files.os.open", denied)
    with pytest.raises(InputError, match=r"secret.txt: cannot read \(Permission denied\)"):
        load_article(str(path))


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        discover(str(tmp_path / "missing.txt"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="no articles in this folder"):
        discover(str(tmp_path))


def test_an_empty_file_and_a_binary_one(tmp_path):
    (tmp_path / "empty.txt").write_text(" \n\t\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="empty"):
        load_article(str(tmp_path / "empty.txt"))
    with pytest.raises(InputError, match="not text"):
        load_article(str(tmp_path / "image.txt"))


def test_errors_are_one_line():
    error = InputError("a\nb.txt", "cannot read (No\nsuch thing)")
    assert "\n" not in error.reason
