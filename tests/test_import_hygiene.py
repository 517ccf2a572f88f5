"""Importing a headless module loads nothing heavy: the engine (NLTK, the CRF, VADER) loads with the
first ``annotate()``, and nothing outside the reader loads Textual. Each module is imported in a fresh
interpreter, so one module's imports cannot hide another's (after harlequin's import-hygiene test)."""

import pkgutil
import subprocess
import sys

import pytest

import annotators
import tui.export
import tui.notes
from tests.conftest import REPO

ENGINE = ("nltk", "pycrfsuite", "vaderSentiment", "sklearn", "numpy", "onnxruntime", "tokenizers")
UI = ("textual", "rich", "tui")
# commands of the [train] extra: they import torch to train and export the encoder, and nothing that
# annotates imports them
TRAINING_ONLY = ("annotators.encoder.network", "annotators.encoder.train", "annotators.encoder.export")


def _modules(package) -> list[str]:
    return [package.__name__] + [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


def _loaded_after_import(module: str, watched: tuple[str, ...]) -> list[str]:
    code = (
        f"import sys; import {module}; "
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & {set(watched)!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.parametrize("module", [m for m in _modules(annotators) if m not in TRAINING_ONLY])
def test_importing_an_annotators_module_loads_no_engine_and_no_ui(module):
    assert _loaded_after_import(module, ENGINE + UI) == []


@pytest.mark.parametrize("module", [*_modules(tui.notes), *_modules(tui.export), "tui.cli", "tui.cli_support", "tui.plain_reports"])
def test_headless_tui_modules_do_not_load_textual(module):
    assert _loaded_after_import(module, ("textual", "nltk", "pycrfsuite")) == []


def test_annotate_loads_the_engine():
    assert "nltk" in _loaded_after_import("annotators; annotators.annotate('He said hi.')", ENGINE)
