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
        ("binary.txt", b"\x00\x01\x02PK\x03\x04", "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
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
    for path, message in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "no articles in this folder")):
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


def test_cache_info_and_clear(tmp_path):
    from annotators.model import Annotation
    from tui.annotation_cache import AnnotationCache, engine_version

    cache = AnnotationCache(tmp_path, engine_version())
    cache.put("Some text.", Annotation())
    AnnotationCache(tmp_path, "fast-0000000000000000").put("Some text.", Annotation())
    info = run("cache", "info", "--cache-dir", str(tmp_path))
    assert info.returncode == 0
    assert f"{engine_version()}  1 annotation," in info.stdout and "(current)" in info.stdout
    assert "fast-0000000000000000  1 annotation," in info.stdout
    stale = run("cache", "clear", "--stale", "--cache-dir", str(tmp_path))
    assert stale.returncode == 0 and "removed 1 cached annotation " in stale.stdout
    assert [u.version for u in cache.usage()] == [engine_version()]  # the current one stays
    cleared = run("cache", "clear", "--cache-dir", str(tmp_path))
    assert cleared.returncode == 0 and "removed 1 cached annotation " in cleared.stdout
    assert cache.usage() == [] and cache.get("Some text.") is None
