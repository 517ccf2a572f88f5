"""Every command of the command line, run once on the bundled seed article as a user would run it.

The reader (`quotelens read`, the default command) needs a terminal: it is driven with
``App.run_test`` in tests/tui instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

QUOTE = "NATO will defend all its allies, and we stand united,"


def quotelens(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def seed_split(tmp_path_factory, seed_text: str) -> Path:
    """The seed as a brat split (PolNeAR's layout) with one attribution, marked by two annotators."""
    root = tmp_path_factory.mktemp("split")
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    (root / "text" / "seed.txt").write_text(seed_text, encoding="utf-8")
    content = seed_text.index(QUOTE)
    source = seed_text.index("Blinken", content)
    cue = seed_text.index("told", source)
    ann = (
        f"T1\tSource {source} {source + 7}\tBlinken\n"
        f"T2\tCue {cue} {cue + 4}\ttold\n"
        f"T3\tContent {content} {content + len(QUOTE)}\t{QUOTE}\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    for annotator in ("first", "second"):
        (root / "attributions" / f"seed_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_annotate(seed_path, fmt):
    out = quotelens("annotate", str(seed_path), "--format", fmt).stdout
    assert "Blinken" in out
    if fmt != "text":
        assert json.loads(out.splitlines()[0] if fmt == "jsonl" else out)["statements"]


def test_annotate_out(seed_path, tmp_path):
    quotelens("annotate", str(seed_path), "--out", str(tmp_path / "out"))
    (written,) = (tmp_path / "out").rglob("*.json")
    assert json.loads(written.read_text(encoding="utf-8"))["statements"]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export(seed_path, tmp_path, fmt):
    out = quotelens("export", str(seed_path), "--all", "--format", fmt, "--data-dir", str(tmp_path)).stdout
    assert "Blinken" in out


def test_eval_and_agreement(seed_split):
    figures = json.loads(quotelens("eval", str(seed_split), "--model", "fast", "--json").stdout)
    assert figures["articles"] == 1 and figures["gold"] == 1
    agreement = json.loads(quotelens("eval", str(seed_split), "--agreement", "--model", "fast", "--json").stdout)
    assert agreement["second_annotator"]["content_overlap"][2] == 1.0


def test_train(seed_split, tmp_path):
    quotelens("train", str(seed_split), "--out", str(tmp_path / "model.crfsuite"), "--iterations", "5")
    assert (tmp_path / "model.crfsuite").stat().st_size > 0


def test_eval_stance(tmp_path):
    tsv = tmp_path / "seed.tsv"
    tsv.write_text("[Blinken] condemned [Russia] for the attacks on civilians.\tBlinken\tRussia\t3\n", encoding="utf-8")
    assert json.loads(quotelens("eval-stance", str(tsv), "--model", "fast", "--json").stdout)["rows"] == 1


def test_cache(tmp_path):
    cache = str(tmp_path / "cache")
    quotelens("cache", "info", "--cache-dir", cache)
    quotelens("cache", "clear", "--cache-dir", cache)
