"""Control characters never reach the terminal: the one helper, and every command that prints."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.hostile_text import HOSTILE_ARTICLE, TERMINAL_CONTROLS
from tui.safe_text import displayable, one_line, safe_json


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, text=True)


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("a\x1b]52;c;cm0=\x07b", "a␛]52;c;cm0=␇b"),
        ("\x1bc", "␛c"),
        ("nul\x00 del\x7f", "nul␀ del␡"),
        ("csi\x9b2J", "csi\ufffd2J"),
        ("tab\tline\nreturn\r sep\u2028para\u2029", "tab line return  sep para "),
        ("plain “quote” — 日本", "plain “quote” — 日本"),
    ],
)
def test_displayable_shows_every_control_and_keeps_offsets(raw, shown):
    assert displayable(raw) == shown
    assert len(displayable(raw)) == len(raw)


def test_one_line_is_one_line():
    assert one_line("  Jane\u2028 \x1b[31mDoe\n\n") == "Jane ␛[31mDoe"
    assert one_line(HOSTILE_ARTICLE).splitlines() == [one_line(HOSTILE_ARTICLE)]
    assert not TERMINAL_CONTROLS.search(one_line(HOSTILE_ARTICLE))


def test_safe_json_is_the_same_json_without_raw_controls():
    value = {"text": HOSTILE_ARTICLE, "n": [1, None]}
    dumped = safe_json(value, indent=2)
    assert json.loads(dumped) == value
    assert not TERMINAL_CONTROLS.search(dumped.replace("\n", ""))
    assert safe_json({"a": "é"}) == '{"a": "é"}'  # not ASCII-escaped


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_annotate_prints_no_control_character_of_the_article(tmp_path, fmt):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    # the fast model: its statement on this article (the quote) is the one whose escaping is checked
    result = run("annotate", "--format", fmt, "--model", "fast", str(path))
    assert result.returncode == 0, result.stderr
    assert not TERMINAL_CONTROLS.search(result.stdout)
    if fmt == "text":
        assert "We will ␛c reset everything" in result.stdout


def test_a_file_name_with_escapes_gives_a_visible_one_line_error(tmp_path):
    name = tmp_path / "x\x1b]0;PWNED\x07\nsecond line.txt"
    result = run("annotate", str(name))
    assert result.returncode == 2
    assert not TERMINAL_CONTROLS.search(result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "x␛]0;PWNED␇ second line.txt" in result.stderr
