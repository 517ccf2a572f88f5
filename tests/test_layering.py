"""The two packages depend one way: tui -> annotators, never back, and annotators stays UI-free."""

import subprocess
import sys

from tests.conftest import REPO


def test_import_linter_contracts_hold():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(REPO / "pyproject.toml")) == 0


def test_annotate_path_does_not_import_textual():
    code = "import sys, tui.cli, annotators; annotators.annotate('He said hi.'); print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
