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


def test_a_stale_exception_breaks_the_contracts(tmp_path):
    """An ignored import that no longer happens is an error, so exceptions cannot outlive their reason."""
    from importlinter.cli import lint_imports

    config = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    stale = config.replace('    "tui.cli -> tui.app",\n', '    "tui.cli -> tui.app",\n    "tui.cli -> tui.widgets",\n')
    assert stale != config
    (tmp_path / "pyproject.toml").write_text(stale, encoding="utf-8")
    assert lint_imports(config_filename=str(tmp_path / "pyproject.toml")) != 0


def test_no_import_cycles():
    out = subprocess.run([sys.executable, "scripts/import_cycles.py"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert out.stdout.strip().endswith(" 0 cycles")
