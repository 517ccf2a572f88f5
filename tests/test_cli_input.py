"""Bad input: one line on stderr, exit status 2, never a traceback."""

import subprocess
import sys

import pytest

from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, text=True)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("binary.bin", b"\x00\x01\x02PK\x03\x04", "binary"),
        ("latin1.txt", "Caf\u00e9 said".encode("latin-1"), "UTF-8"),
    ],
)
@pytest.mark.parametrize("command", ["annotate", "read"])
def test_unreadable_files_fail_with_one_line(tmp_path, name, content, message, command):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(command, str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["annotate", "read"])
def test_missing_path_and_directory(tmp_path, command):
    for path, message in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "directory")):
        result = run(command, str(path))
        assert result.returncode == 2 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_bare_path_means_read(tmp_path):
    result = run(str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_read_options_without_the_read_command(tmp_path):
    result = run("--data-dir", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_help_and_version_are_not_taken_for_paths():
    assert "annotate" in run("--help").stdout
    assert run("--version").stdout.startswith("quotelens ")
